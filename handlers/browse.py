"""`!browse tag:|origin:|year:|class: [page:]`: cables in the library, newest first."""

from __future__ import annotations

import math
from datetime import datetime

from rapidfuzz import fuzz, process

from bot.cables.library import Library
from bot.cables.model import Cable
from bot.chat.filters import FilterError, Filters, parse_filters
from bot.chat.lookup import listing
from bot.chat.replies import BrowseReply, ErrorReply, Reply
from bot.chat.state import AppState
from bot.chat.text import echo

PAGE_SIZE = 15
# Below these scores a "closest" tag (plain ratio) or origin (WRatio) is noise:
# `ZZZZ` is 60 from EZ, `atlantis` 51 from Embassy Vatican; `KCRN` is 75 from KCRM.
_CLOSE_TAG = 65.0
_CLOSE_ORIGIN = 65.0


def _newest_first(cable: Cable) -> tuple[datetime, str]:
    return (cable.created or datetime.min, cable.ref_id)


def _described(filters: Filters) -> str:
    return ", ".join(f"{key}:{value}" for key, value in filters.shown().items())


def _closest(names: list[str], separator: str) -> str:
    return f" Closest: {separator.join(names)}." if names else ""


def _closest_tags(tag: str, known: set[str]) -> list[str]:
    """Up to three tags like `tag`; among equally close ones, those sharing its opening
    letters first (KCRN: KCRM before KCOR), then alphabetical, so the answer is stable."""
    scored = process.extract(
        tag, sorted(known), scorer=fuzz.ratio, limit=None, score_cutoff=_CLOSE_TAG
    )
    ranked = sorted(scored, key=lambda m: (-m[1], -_shared_opening(tag, m[0])))
    return [name for name, _, _ in ranked[:3]]


def _shared_opening(a: str, b: str) -> int:
    return next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )


def _no_match(library: Library, filters: Filters) -> ErrorReply:
    """Explain an empty list: name the unknown tag or origin and offer the closest ones."""
    known_tags = {tag for cable in library for tag in cable.tags}
    for tag in filters.tags:
        if tag not in known_tags:
            close = _closest_tags(tag, known_tags)
            return ErrorReply(
                message=f"No cable in the library has the tag {echo(tag)}." + _closest(close, ", "),
                suggestions=close,
            )
    if filters.origin:
        origins = {cable.origin for cable in library if cable.origin}
        if not any(filters.origin.lower() in origin.lower() for origin in origins):
            close = [
                o
                for o, _, _ in process.extract(
                    filters.origin, origins, limit=3, score_cutoff=_CLOSE_ORIGIN
                )
            ]
            return ErrorReply(
                message=f"No cable in the library comes from {echo(filters.origin)}."
                + _closest(close, "; "),
                suggestions=close,
            )
    return ErrorReply(message=f"No cable in the library matches {echo(_described(filters))}.")


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
    found = sorted(
        (cable for cable in state.library if filters.matches(cable)),
        key=_newest_first,
        reverse=True,
    )
    if not found:
        return _no_match(state.library, filters)
    pages = math.ceil(len(found) / PAGE_SIZE)
    page = min(filters.page, pages)
    notes = [] if page == filters.page else [f"There are only {pages} pages; this is the last."]
    start = (page - 1) * PAGE_SIZE
    return BrowseReply(
        filters=filters.shown(),
        title="Cables with " + _described(filters),
        page=page,
        pages=pages,
        total=len(found),
        cables=[listing(cable) for cable in found[start : start + PAGE_SIZE]],
        notes=notes,
    )
