"""Landmarks of the telegram text shared by the text readers (CABLES.md 2, 7).

The classification banner (`UNCLAS SECTION 01 OF 08 DUSHANBE 000313`) is where
the routing header ends and the body begins; the DTG (`R 021348Z MAR 07`) is
the creation time. Readers of formats without a metadata table recover the
id, classification and date from these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from bot.cables.months import year_of


def _spaced(word: str) -> str:
    return " ".join(word)


_LEVELS = (
    ("TOP SECRET", r"TOP SECRET|" + _spaced("TOPSECRET")),
    ("SECRET", r"SECRET|" + _spaced("SECRET")),
    ("CONFIDENTIAL", r"CONFIDENTIAL|" + _spaced("CONFIDENTIAL")),
    ("LIMITED OFFICIAL USE", r"LIMITED OFFICIAL USE"),
    ("UNCLASSIFIED", r"UNCLASSIFIED|UNCLAS"),
)
_LEVEL = "|".join(f"(?P<L{i}>{pattern})" for i, (_, pattern) in enumerate(_LEVELS))
_CAPTION = r"(?:E ?F ?T ?O|NOFORN|SENSITIVE)"

# Not anchored at the line start: scraped text glues the banner to the last
# routing line (`RUEHDBU/AMEMBASSY DUSHANBE 1346UNCLAS SECTION 01 OF 02 ...`).
BANNER = re.compile(
    rf"(?:{_LEVEL})(?:[ \t]+{_CAPTION})*(?:[ \t]+SECTION[ \t]+\d+[ \t]+OF[ \t]+\d+)?"
    r"[ \t]+(?P<station>[A-Z][A-Z .'-]*?)[ \t]+(?P<serial>\d{1,7})[ \t]*$",
    re.M,
)
_DTG = re.compile(
    r"^(?:[A-Z][ \t]+)+(?P<day>\d{2})(?P<hour>\d{2})(?P<minute>\d{2})Z[ \t]+"
    r"(?P<month>[A-Z]{3})[ \t]+(?P<year>\d{2})\b",
    re.M,
)
_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")


@dataclass(frozen=True, slots=True)
class Banner:
    start: int
    level: str
    station: str
    serial: int


def find_banner(text: str, start: int = 0) -> Banner | None:
    """The first classification banner at or after `start`."""
    m = BANNER.search(text, start)
    if m is None:
        return None
    level = next(_LEVELS[i][0] for i in range(len(_LEVELS)) if m.group(f"L{i}"))
    return Banner(m.start(), level, m.group("station").strip(), int(m.group("serial")))


def dtg(text: str) -> datetime | None:
    """Creation time from the first date-time group of a routing header."""
    for m in _DTG.finditer(text):
        month = m.group("month")
        if month not in _MONTHS:
            continue
        try:
            return datetime(
                year_of(m.group("year")),
                _MONTHS.index(month) + 1,
                int(m.group("day")),
                int(m.group("hour")),
                int(m.group("minute")),
            )
        except ValueError:
            continue
    return None


_NOFORN = re.compile(r"^[ \t]*NOFORN[ \t]*$", re.M)
_SENSITIVE = re.compile(r"^[ \t]*SENSITIVE(?: BUT UNCLASSIFIED)?[ \t]*$|E F T O", re.M)
_SUBJECT = re.compile(r"^SUBJECT:", re.M | re.I)


def classification(text: str, banner: Banner) -> str:
    """WikiLeaks' classification of a cable from its banner and captions.

    The captions before SUBJECT refine the banner level: NOFORN adds `//NOFORN`;
    on UNCLAS, SENSITIVE, EFTO or NOFORN give `UNCLASSIFIED//FOR OFFICIAL USE
    ONLY`. This rule gives the site's value on 1,247 of the 1,263 Dec 2010 pages
    with a banner.
    """
    subject = _SUBJECT.search(text, banner.start)
    zone = text[banner.start : subject.start() if subject else banner.start + 600]
    level = banner.level
    if level == "UNCLASSIFIED":
        # WikiLeaks has no UNCLASSIFIED//NOFORN: any caption makes it FOUO.
        if _SENSITIVE.search(zone) or _NOFORN.search(zone):
            return "UNCLASSIFIED//FOR OFFICIAL USE ONLY"
        return level
    return f"{level}//NOFORN" if _NOFORN.search(zone) else level
