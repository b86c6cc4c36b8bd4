"""`!browse tag:|origin:|year:|class: [page:]`: cables in the library, newest first
(the catalogue's own order)."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from bot.chat.commands import Command, CommandSpec
from bot.chat.errors import UserError
from bot.chat.filters import Filters, as_typed, parse_filters
from bot.chat.lookup import listing
from bot.chat.replies import BrowseReply, Reply
from bot.chat.state import AppState
from bot.chat.text import only_pages
from bot.chat.unknown import check_filter_values

PAGE_SIZE = 15

SPEC = CommandSpec(
    "browse",
    "browse tag:<TAG> | origin:<place> | year:<yyyy>[-<yyyy>] | from:<date> | to:<date> | "
    "subject:<words> | class:<level> | redacted:yes|no [sort:oldest] [page:<n>]",
    "Lists of cables in the library, newest first, like the WikiLeaks browse pages.",
    (
        "Filters combine: `browse tag:PHUM year:2007`. Quote values with spaces: "
        '`origin:"buenos aires"`.',
        "`class:secret` lists SECRET and SECRET//NOFORN; write the full marking to get one.",
        "`sort:oldest` lists the oldest first.",
    ),
    (
        "browse tag:KCRM",
        "browse tag:KCRM page:2",
        "browse class:secret year:2009",
        "browse subject:iceland redacted:no sort:oldest",
    ),
)


@dataclass(slots=True, frozen=True)
class BrowseRequest:
    filters: Filters

    def on_page(self, page: int) -> BrowseRequest:
        return BrowseRequest(replace(self.filters, page=page))


def parse(args: str) -> BrowseRequest:
    return BrowseRequest(parse_filters(args))


def handle(state: AppState, request: BrowseRequest) -> Reply:
    prefix = state.settings.command_prefix
    filters = request.filters
    if not filters.any_set():
        raise UserError(
            f"Browse by tag:, origin:, year:, from:, to:, subject:, class: or redacted:, "
            f"e.g. `{prefix}browse tag:KCRM`."
            + (f" To search for words, use `{prefix}search`." if filters.words else ""),
            ["tag:", "origin:", "year:", "class:"],
        )
    found = [cable for cable in state.library.catalogue() if filters.matches(cable)]
    if filters.needs_index():
        engine = state.engine()
        if engine is None:
            raise UserError("subject: and redacted: need search, which this session has not.")
        indexed = set(engine.matching_cables("", filters.to_search()).ref_ids())
        found = [cable for cable in found if cable.ref_id in indexed]
    if filters.sort == "oldest":
        found.reverse()
    if not found:
        # Explain the empty list: an unknown tag or origin, or a combination nothing has.
        check_filter_values(state.library, filters)
        raise UserError(f"No cable in the library matches {as_typed(filters.shown())}.")
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


COMMAND = Command(SPEC, parse, handle)
