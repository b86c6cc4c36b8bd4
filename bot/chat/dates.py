"""Dates and year ranges as filters take them: `from:2007`, `to:2008-06`,
`from:2007-03-15`, `year:2006-2008`; read into inclusive date keys (YYYYMMDD, as
`bot.search.tantivy_index.date_key`), where a month or day not given is open."""

from __future__ import annotations

import re
from datetime import date

from bot.chat.errors import UserError
from bot.chat.text import echo

# Cablegate spans 1966 to 2010; other years are typos.
FIRST_YEAR, LAST_YEAR = 1966, 2010

_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_YEARS = re.compile(r"^(\d{4})\s*(?:-|–|\.\.|to)\s*(\d{4})$", re.I)


class DateError(UserError):
    """A date or year range that cannot be used."""


def _checked_year(key: str, typed: str, year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DateError(
            f"{key}: the cables run from {FIRST_YEAR} to {LAST_YEAR}, not {echo(typed)}; "
            f"e.g. `{key}:2007`."
        )
    return year


def date_bound(key: str, typed: str, upper: bool) -> int:
    """`2007`, `2007-03` or `2007-03-15` as the first (`upper` False) or last date key
    it covers: from:2007 is 20070000, to:2007 is 20079999, to:2007-03 is 20070399."""
    m = _DATE.match(typed.strip())
    example = f"`{key}:2007`, `{key}:2007-03` or `{key}:2007-03-15`"
    if m is None:
        post = " (for the sending post, `origin:`)" if key == "from" else ""
        raise DateError(f"{key}: needs a date such as {example}{post}, not {echo(typed)}.")
    year = _checked_year(key, typed, int(m.group(1)))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        raise DateError(f"{echo(typed)} is no date; {key}: takes {example}.") from None
    if month is None:
        return year * 10_000 + (9_999 if upper else 0)
    if day is None:
        return year * 10_000 + month * 100 + (99 if upper else 0)
    return year * 10_000 + month * 100 + day


def year_range(typed: str) -> tuple[int, int] | None:
    """`2006-2008` as (first year, last year); None when `typed` is no range."""
    m = _YEARS.match(typed.strip())
    if m is None:
        return None
    first = _checked_year("year", typed, int(m.group(1)))
    last = _checked_year("year", typed, int(m.group(2)))
    if first > last:
        raise DateError(f"year: {echo(typed)} runs backwards; e.g. `year:{last}-{first}`.")
    return first, last
