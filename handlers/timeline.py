"""`!timeline <words> [filters]`: how many matching cables per year, or per month when the
range is under three years; a bar chart on Discord, a text chart in the terminal."""

from __future__ import annotations

from dataclasses import dataclass

from bot.chat.commands import Command, CommandSpec
from bot.chat.errors import UserError
from bot.chat.filters import FilterError, Filters, as_typed, parse_filters
from bot.chat.replies import Reply, TimelineBucket, TimelineReply
from bot.chat.state import AppState
from bot.chat.text import NO_WORDS, QUERY_ECHO_CHARS, counted, echo, has_words
from bot.chat.unknown import check_filter_values
from bot.search.facets import count_timeline

SPEC = CommandSpec(
    "timeline",
    "timeline <words> [tag:<TAG>] [origin:<place>] [year:<yyyy>[-<yyyy>]] [from:<date>] "
    "[to:<date>] [subject:<words>] [class:<level>] [redacted:yes|no]",
    "How many cables match, per year, or per month when the range is under three years.",
    (
        "A cable counts when one of its paragraphs holds every word (`a OR b`, `-word` and "
        '`"phrases"` work as in `search`); with filters alone, every cable within them counts.',
        "The range is that of `year:`, `from:` and `to:`, else from the first matching cable "
        "to the last; empty years or months show as zero.",
        "On Discord the reply is a bar chart; in the terminal a text chart.",
    ),
    (
        "timeline trafficking",
        "timeline trafficking year:2007-2008",
        "timeline iceland OR reykjavik",
        "timeline tag:KCRM origin:dushanbe",
    ),
)


@dataclass(slots=True, frozen=True)
class TimelineRequest:
    # The words to count are the filters' free words.
    filters: Filters


def parse(args: str) -> TimelineRequest:
    return TimelineRequest(parse_filters(args))


def _range(filters: Filters) -> tuple[int | None, int | None]:
    """The date keys the timeline spans, as the filters give them (None: open)."""
    if filters.year is not None:
        return filters.year * 10_000, filters.year * 10_000 + 9_999
    return filters.since, filters.until


def handle(state: AppState, request: TimelineRequest) -> Reply:
    prefix = state.settings.command_prefix
    filters = request.filters
    query = " ".join(filters.words)
    if not query and not filters.any_set():
        raise UserError(
            f"What should I count? e.g. `{prefix}timeline trafficking` or "
            f"`{prefix}timeline tag:KCRM`."
        )
    if query and not has_words(query):
        raise UserError(NO_WORDS)
    if filters.sort != "relevance":
        raise FilterError("A timeline is always in date order: sort: is for search and browse.")
    notes = ["A timeline is one chart: page: is ignored here."] if filters.page != 1 else []
    engine = state.engine()
    if engine is None:
        raise UserError("Search is not available in this session.")
    matched = engine.matching_cables(query, filters.to_search())
    shown = filters.shown()
    asked = " ".join(part for part in (echo(query, QUERY_ECHO_CHARS), as_typed(shown)) if part)
    if not matched:
        check_filter_values(state.library, filters)
        raise UserError(f"No cable matches {asked}.")
    since, until = _range(filters)
    timeline = count_timeline(matched, since, until)
    unit = "month" if timeline.by_month else "year"
    return TimelineReply(
        query=echo(query, QUERY_ECHO_CHARS),
        filters=shown,
        unit=unit,
        buckets=[TimelineBucket(period=period, count=count) for period, count in timeline.buckets],
        total=len(matched),
        caption=f"Cables matching {asked}, per {unit} ({counted(len(matched), 'cable')})",
        notes=notes,
    )


COMMAND = Command(SPEC, parse, handle)
