"""`!browse tag:|origin:|year:|class: [page:]`: cables in the library, newest first
(the catalogue's own order)."""

from __future__ import annotations

import math

from bot.cables.library import Library
from bot.chat.filters import FilterError, Filters, as_typed, parse_filters
from bot.chat.lookup import listing
from bot.chat.replies import BrowseReply, ErrorReply, Reply
from bot.chat.state import AppState
from bot.chat.text import only_pages
from bot.chat.unknown import unknown_filter_value

PAGE_SIZE = 15


def _no_match(library: Library, filters: Filters) -> ErrorReply:
    """Explain an empty list: an unknown tag or origin, or a combination nothing has."""
    return unknown_filter_value(library, filters) or ErrorReply(
        message=f"No cable in the library matches {as_typed(filters.shown())}."
    )


def handle(state: AppState, args: str) -> Reply:
    prefix = state.settings.command_prefix
    try:
        filters = parse_filters(args)
    except FilterError as error:
        return error.reply()
    if not filters.any_set():
        return ErrorReply(
            message=f"Browse by tag:, origin:, year: or class:, e.g. `{prefix}browse tag:KCRM`."
            + (f" To search for words, use `{prefix}search`." if filters.words else ""),
            suggestions=["tag:", "origin:", "year:", "class:"],
        )
    found = [cable for cable in state.library.catalogue() if filters.matches(cable)]
    if not found:
        return _no_match(state.library, filters)
    pages = math.ceil(len(found) / PAGE_SIZE)
    page = min(filters.page, pages)
    notes = [] if page == filters.page else [only_pages(pages)]
    start = (page - 1) * PAGE_SIZE
    return BrowseReply(
        filters=filters.shown(),
        title="Cables with " + as_typed(filters.shown()),
        page=page,
        pages=pages,
        total=len(found),
        cables=[listing(cable) for cable in found[start : start + PAGE_SIZE]],
        notes=notes,
    )
