"""`!ask [<id>] <question> [filters]`: the paragraphs that best answer a plain question."""

from __future__ import annotations

from bot.chat.filters import FilterError, parse_filters
from bot.chat.grammar import looks_like_id, take_id
from bot.chat.hits import hit_items
from bot.chat.lookup import correction_notes, find_cable
from bot.chat.replies import AnswerReply, ErrorReply, Reply
from bot.chat.state import AppState
from bot.chat.text import NO_WORDS, QUERY_ECHO_CHARS, echo, has_words
from bot.chat.unknown import unknown_filter_value

ANSWER_HITS = 5


def handle(state: AppState, args: str) -> Reply:
    prefix = state.settings.command_prefix
    words = args.split()
    ref_id = None
    notes: list[str] = []
    split = take_id(words)
    if split is not None and looks_like_id(split.id_text):
        found = find_cable(state.library, split.id_text)
        if isinstance(found, ErrorReply):
            return found
        ref_id, words = found.ref_id, split.rest
        notes = correction_notes(found, split.id_text)
    try:
        filters = parse_filters(" ".join(words))
    except FilterError as error:
        return error.reply(notes)
    if filters.page != 1:
        notes.append("An answer is one list of the best paragraphs: page: is ignored here.")
    question = " ".join(filters.words)
    if question and not has_words(question):
        return ErrorReply(message=NO_WORDS)
    if not question:
        return ErrorReply(
            message=f"What is your question? e.g. `{prefix}ask who runs the shelters for victims`."
        )
    engine = state.engine()
    if engine is None:
        return ErrorReply(message="Search is not available in this session.")
    result = engine.ask(question, filters.to_search(ref_id), limit=ANSWER_HITS)
    unknown = unknown_filter_value(state.library, filters) if not result.hits else None
    if unknown is not None:
        return unknown
    return AnswerReply(
        query=echo(question, QUERY_ECHO_CHARS),
        ref_id=ref_id,
        filters=filters.shown(),
        hits=hit_items(state.library, result.hits),
        weak=result.weak or not result.hits,
        corrected_query=result.corrected_query,
        notes=notes,
    )
