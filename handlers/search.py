"""`!search <words> [tag:] [origin:] [year:] [class:] [page:]`: ranked paragraphs."""

from __future__ import annotations

import math

from bot.chat.filters import FilterError, parse_filters
from bot.chat.hits import hit_items
from bot.chat.replies import ErrorReply, Reply, SearchReply
from bot.chat.state import AppState
from bot.chat.text import NO_WORDS, QUERY_ECHO_CHARS, echo, has_words, only_pages
from bot.chat.unknown import unknown_filter_value

PAGE_SIZE = 10
# Hits fetched at least, and pages beyond the one asked for, so that the reply can say
# how many pages there are (or that there are more).
SEARCH_DEPTH = 50
PAGES_AHEAD = 4


def handle(state: AppState, args: str) -> Reply:
    prefix = state.settings.command_prefix
    try:
        filters = parse_filters(args)
    except FilterError as error:
        return error.reply()
    if not filters.words:
        hint = f" To list cables by filters alone, use `{prefix}browse`." * filters.any_set()
        return ErrorReply(
            message=f"What should I search for? e.g. `{prefix}search trafficking tag:KCRM`.{hint}"
        )
    engine = state.engine()
    if engine is None:
        return ErrorReply(message="Search is not available in this session.")
    query = " ".join(filters.words)
    if not has_words(query):
        return ErrorReply(message=NO_WORDS)
    # One hit more than the pages counted: whether more pages follow them.
    counted = max(SEARCH_DEPTH, (filters.page + PAGES_AHEAD) * PAGE_SIZE)
    result = engine.search(query, filters.to_search(), limit=counted + 1)
    if not result.hits and filters.any_set():
        unknown = unknown_filter_value(state.library, filters)
        if unknown is not None:
            return unknown
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
    )
