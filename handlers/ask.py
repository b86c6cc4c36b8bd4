"""`!ask [<id>] <question> [filters]`: the paragraphs that best answer a plain question."""

from __future__ import annotations

from dataclasses import dataclass

from bot.chat.commands import Command, CommandSpec
from bot.chat.errors import UserError
from bot.chat.filters import FilterError, Filters, parse_filters
from bot.chat.grammar import looks_like_id, take_id
from bot.chat.hits import hit_items
from bot.chat.lookup import correction_notes, find_cable
from bot.chat.replies import AnswerReply, Reply
from bot.chat.state import AppState
from bot.chat.text import NO_WORDS, QUERY_ECHO_CHARS, echo, has_words
from bot.chat.unknown import check_filter_values

ANSWER_HITS = 5

SPEC = CommandSpec(
    "ask",
    "ask [<id>] <question> [tag:<TAG>] [origin:<place>] [year:<yyyy>[-<yyyy>]] [from:<date>] "
    "[to:<date>] [subject:<words>] [class:<level>] [redacted:yes|no]",
    "Paragraphs that answer a plain question, best first, each with its permalink.",
    (
        "Start with a cable id to look only inside that cable; add filters, as for "
        "`search`, to look only in some cables.",
        "`a OR b`, `-word` and `NOT word` work as in `search`.",
        "Answers come by meaning as well as by shared words: one that shares few of your "
        'words is marked "found by meaning, not shared words"; `search` stays by words.',
        "When nothing matches well the reply says so rather than guess.",
    ),
    (
        "ask how many victims were repatriated from the UAE",
        "ask 07DUSHANBE313 who is the point of contact on trafficking",
        "ask who runs the shelters tag:KCRM",
        "ask who won the elections year:2008-2009 -iran",
    ),
)


@dataclass(slots=True, frozen=True)
class AskRequest:
    # The question is the filters' free words.
    filters: Filters
    # The cable to look inside, as typed; None for the whole library.
    id_text: str | None = None


def parse(args: str) -> AskRequest:
    words = args.split()
    split = take_id(words)
    if split is not None and looks_like_id(split.id_text):
        return AskRequest(parse_filters(" ".join(split.rest)), split.id_text)
    return AskRequest(parse_filters(args))


def handle(state: AppState, request: AskRequest) -> Reply:
    prefix = state.settings.command_prefix
    filters = request.filters
    ref_id = None
    notes: list[str] = []
    if request.id_text is not None:
        found = find_cable(state.library, request.id_text)
        ref_id = found.ref_id
        notes = correction_notes(found, request.id_text)
    if filters.sort != "relevance":
        raise FilterError(
            f"An answer is the best paragraphs first; to list by date, use "
            f"`{prefix}search ... sort:{filters.sort}`."
        )
    if filters.page != 1:
        notes.append("An answer is one list of the best paragraphs: page: is ignored here.")
    question = " ".join(filters.words)
    if question and not has_words(question):
        raise UserError(NO_WORDS)
    if not question:
        raise UserError(
            f"What is your question? e.g. `{prefix}ask who runs the shelters for victims`."
        )
    engine = state.engine()
    if engine is None:
        raise UserError("Search is not available in this session.")
    result = engine.ask(question, filters.to_search(ref_id), limit=ANSWER_HITS)
    if not result.hits:
        check_filter_values(state.library, filters)
    return AnswerReply(
        query=echo(question, QUERY_ECHO_CHARS),
        ref_id=ref_id,
        filters=filters.shown(),
        hits=hit_items(state.library, result.hits),
        weak=result.weak or not result.hits,
        corrected_query=result.corrected_query,
        notes=notes,
    )


COMMAND = Command(SPEC, parse, handle)
