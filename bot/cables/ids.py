"""Reference ids: normalising what users and cables write, and building links."""

from __future__ import annotations

import re

from bot.cables.months import MonthTable

WIKILEAKS_BASE = "https://wikileaks.org/cable"
PLUSD_BASE = "https://wikileaks.org/plusd/cables"

_SEPARATORS = re.compile(r"[\s\-_/.]+")
_MALFORMED = (
    (re.compile(r"^(\d{2})\1([A-Z]+\d+)$"), r"\1\2"),  # 7575LIBREVILLE1895
    (re.compile(r"^(\d{2})(?:EFTO|NOFORN)([A-Z]+\d+)$"), r"\1\2"),  # 07EFTORABAT521
)


def compact_id(text: str) -> str:
    """`07 dushanbe-313` -> `07DUSHANBE313`: case-insensitive, spaces and dashes ignored."""
    return _SEPARATORS.sub("", text).upper()


def canonical_id(wl_id: str) -> str:
    """The id a malformed WikiLeaks spelling stands for (`07EFTORABAT521` -> `07RABAT521`)."""
    for pattern, repl in _MALFORMED:
        if pattern.match(wl_id):
            return pattern.sub(repl, wl_id)
    return wl_id


def cable_url(wl_id: str, year: int, month: int) -> str:
    return f"{WIKILEAKS_BASE}/{year:04d}/{month:02d}/{wl_id}.html"


def plusd_url(wl_id: str) -> str:
    return f"{PLUSD_BASE}/{wl_id}_a.html"


def creation_month(
    wl_id: str, months: MonthTable, created: tuple[int, int] | None
) -> tuple[int, int] | None:
    """The (year, month) of the permalink: the source's date, else cable2month."""
    if created is not None:
        return created
    return months.month(wl_id)
