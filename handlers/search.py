"""`!search <words> [filters] [sort:] [page:]`: ranked paragraphs, and the whole match
set counted by year, origin and tag (facets)."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from bot.chat.commands import Command, CommandSpec
from bot.chat.errors import UserError
from bot.chat.facets import search_facets
from bot.chat.filters import Filters, parse_filters
from bot.chat.hits import hit_items
from bot.chat.replies import Reply, SearchReply
from bot.chat.state import AppState
from bot.chat.text import NO_WORDS, QUERY_ECHO_CHARS, echo, has_words, only_pages
from bot.chat.unknown import check_filter_values

PAGE_SIZE = 10
# Hits fetched at least, and pages beyond the one asked for, so that the reply can say
# how many pages there are (or that there are more).
SEARCH_DEPTH = 50
PAGES_AHEAD = 4

SPEC = CommandSpec(
    "search",
    "search <words> [tag:<TAG>] [origin:<place>] [year:<yyyy>[-<yyyy>]] [from:<date>] "
    "[to:<date>] [subject:<words>] [class:<level>] [redacted:yes|no] [sort:<order>] [page:<n>]",
    "Ranked paragraphs matching your words, with optional filters, and how many cables "
    "match by year, origin and tag.",
    (
        "Filters narrow the paragraphs searched: `tag:KCRM` (repeat for several tags), "
        "`origin:dushanbe`, `year:2007` or `year:2006-2008`, `from:2007-03` and "
        "`to:2008-06-30` (a year, month or day), `subject:refugees` (words of the subject "
        "line), `class:secret`, `redacted:yes` (cables with names removed, runs of X) or "
        '`redacted:no`. Quote values with spaces: `origin:"buenos aires"`.',
        'Words in double quotes must stand together in the paragraph itself: `"chicken street"`.',
        "`a OR b` (in capitals) takes either word; `-word` or `NOT word` leaves out paragraphs "
        'with it (`-"a phrase"` too). Anything else is a word to find.',
        "`sort:newest` or `sort:oldest` lists the paragraphs holding every word by date "
        "instead of by relevance.",
        "The reply counts every cable with a paragraph holding all your words by year, "
        "origin and tag (top five each), with the filter that narrows to each.",
        "`page:2` shows the next hits.",
    ),
    (
        "search human trafficking tag:KCRM",
        "search peacekeeping origin:reykjavik year:2008",
        'search "chicken street"',
        "search iceland OR reykjavik -nato",
        "search trafficking subject:tajikistan from:2007-03 sort:oldest",
        "search police redacted:yes year:2009-2010",
    ),
)


@dataclass(slots=True, frozen=True)
class SearchRequest:
    # The words to find are the filters' free words.
    filters: Filters
    # Only inside this cable (the channel's focus, see handlers/at_desk.py).
    ref_id: str | None = None

    def on_page(self, page: int) -> SearchRequest:
        return replace(self, filters=replace(self.filters, page=page))


def parse(args: str) -> SearchRequest:
    return SearchRequest(parse_filters(args))


def handle(state: AppState, request: SearchRequest) -> Reply:
    prefix = state.settings.command_prefix
    filters = request.filters
    if not filters.words:
        hint = (
            f" To list cables by filters alone, use `{prefix}browse`." if filters.any_set() else ""
        )
        raise UserError(
            f"What should I search for? e.g. `{prefix}search trafficking tag:KCRM`.{hint}"
        )
    engine = state.engine()
    if engine is None:
        raise UserError("Search is not available in this session.")
    query = " ".join(filters.words)
    if not has_words(query):
        raise UserError(NO_WORDS)
    # One hit more than the pages counted: whether more pages follow them.
    counted = max(SEARCH_DEPTH, (filters.page + PAGES_AHEAD) * PAGE_SIZE)
    if filters.sort == "relevance":
        result = engine.search(query, filters.to_search(request.ref_id), limit=counted + 1)
    else:
        result = engine.by_date(
            query, filters.to_search(request.ref_id), counted + 1, newest=filters.sort == "newest"
        )
    if not result.hits and filters.any_set():
        check_filter_values(state.library, filters)
    matched = engine.matching_cables(query, filters.to_search(request.ref_id))
    more_pages = len(result.hits) > counted
    pages = max(1, math.ceil(min(len(result.hits), counted) / PAGE_SIZE))
    page = min(filters.page, pages)
    notes = []
    if page < filters.page:
        notes.append(only_pages(pages, " of hits"))
    start = (page - 1) * PAGE_SIZE
    return SearchReply(
        query=echo(query, QUERY_ECHO_CHARS),
        hits=hit_items(state.library, result.hits[start : start + PAGE_SIZE]),
        weak=result.weak or not result.hits,
        corrected_query=result.corrected_query,
        filters=filters.shown(),
        page=page,
        pages=pages,
        more_pages=more_pages,
        first_rank=start + 1,
        notes=notes,
        sort=filters.sort,
        facets=search_facets(matched),
    )


COMMAND = Command(SPEC, parse, handle)
