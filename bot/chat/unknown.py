"""Filter values no loaded cable has (`tag:KCRN`, `origin:atlantis`), and the closest real ones."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from bot.cables.library import Library
from bot.chat.errors import UserError
from bot.chat.filters import Filters
from bot.chat.text import echo

# Below these scores a "closest" tag (plain ratio) or origin (WRatio) is noise:
# `ZZZZ` is 60 from EZ, `atlantis` 51 from Embassy Vatican; `KCRN` is 75 from KCRM.
_CLOSE_TAG = 65.0
_CLOSE_ORIGIN = 65.0


class UnknownFilterValue(UserError):
    """A tag or origin no loaded cable has; the suggestions are the closest real ones."""


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


def check_filter_values(library: Library, filters: Filters) -> None:
    """Why filters found nothing when a tag or origin is in no cable: UnknownFilterValue
    naming it, with the closest real ones. Nothing when every value exists."""
    known_tags = {tag for cable in library.catalogue() for tag in cable.tags}
    for tag in filters.tags:
        if tag not in known_tags:
            close = _closest_tags(tag, known_tags)
            raise UnknownFilterValue(
                f"No cable in the library has the tag {echo(tag)}." + _closest(close, ", "), close
            )
    if filters.origin:
        origins = {cable.origin for cable in library.catalogue() if cable.origin}
        if not any(filters.origin.lower() in origin.lower() for origin in origins):
            close = [
                o
                for o, _, _ in process.extract(
                    filters.origin, origins, limit=3, score_cutoff=_CLOSE_ORIGIN
                )
            ]
            raise UnknownFilterValue(
                f"No cable in the library comes from {echo(filters.origin)}."
                + _closest(close, "; "),
                close,
            )
