"""`!search <words> [tag:] [origin:] [year:] [class:] [page:]`: ranked paragraphs."""

from __future__ import annotations

import math

from bot.chat.filters import FilterError, parse_filters
from bot.chat.hits import hit_items
from bot.chat.replies import ErrorReply, Reply, SearchReply
from bot.chat.state import AppState
from bot.chat.text import QUERY_ECHO_CHARS, echo

PAGE_SIZE = 10
# Hits fetched at least, so that the reply can say how many pages there are.
SEARCH_DEPTH = 50


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
    result = engine.search(
        query, filters.to_search(), limit=max(SEARCH_DEPTH, filters.page * PAGE_SIZE)
    )
    start = (filters.page - 1) * PAGE_SIZE
    pages = max(1, math.ceil(len(result.hits) / PAGE_SIZE))
    notes = []
    if start >= len(result.hits) and result.hits:
        notes.append(f"There are only {pages} pages of hits.")
    return SearchReply(
        query=echo(query, QUERY_ECHO_CHARS),
        hits=hit_items(state.library, result.hits[start : start + PAGE_SIZE]),
        weak=result.weak or not result.hits,
        corrected_query=result.corrected_query,
        filters=filters.shown(),
        page=filters.page,
        pages=pages,
        first_rank=start + 1,
        notes=notes,
    )
