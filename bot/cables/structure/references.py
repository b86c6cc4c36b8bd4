"""References: the REF block parsed into canonical ids, undated serials dated from each
station's serial ranges by month (CABLES.md 8.4).

`STATE 202745` cited in March 2007: STATE had issued at most 40,909 serials by March
2007, so the serial belongs to 2006 -> `06STATE202745`. An explicit year
(`06 REYKJAVIK 431`, `2007 VLADIVOSTOK 095`) always wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.cables.months import MonthTable

_TOKEN = re.compile(r"[A-Za-z]+|\d+|\S")
# A cable cited in the text: `(BEIRUT 0993)`, `(REFTEL, 06 STATE 1234)`.
_CITATION = re.compile(r"\(\s*(?:REF\w*[ ,:]*)?((?:\d{2,4} )?[A-Z][A-Z ]{1,30}? \d{1,6})\s*\)")
_ALIASES = {"SECSTATE": "STATE", "SECSTAT": "STATE", "USUN": "USUNNEWYORK"}
_MAX_STATION_WORDS = 4
_Token = tuple[str, int, int]  # text, start, end


@dataclass(frozen=True, slots=True)
class ParsedReference:
    ref_id: str
    as_written: str
    year_inferred: bool


def _station(words: list[str], known: frozenset[str]) -> tuple[str, int] | None:
    """The longest run of trailing words naming a known station, and its word count."""
    for count in range(min(_MAX_STATION_WORDS, len(words)), 0, -1):
        name = "".join(words[-count:]).upper()
        name = _ALIASES.get(name, name)
        if name in known:
            return name, count
    return None


def infer_year(station: str, serial: int, year: int, month: int, months: MonthTable) -> int:
    """The citing cable's year if `station` had reached `serial` by about the end of
    `month`, else the year before. Without serial data the citing year is kept.

    One month of slack: the leaked cables only bound the serials actually issued."""
    reached = months.serial_estimate(station, year, min(month + 1, 12))
    if reached is None or serial <= reached:
        return year
    return year - 1


def cited_in_text(text: str) -> str:
    """The parenthesised citations of a body, ready for `parse_references`."""
    return " ; ".join(_CITATION.findall(text))


def _written_year(tokens: list[_Token], first: int, serial: int) -> tuple[str, int, int] | None:
    """An explicit year around a reference: `06 REYKJAVIK 431`, `2007 VLADIVOSTOK 095`,
    `DOHA 152 (08)`, as two digits with where the reference starts and ends."""
    after = [t for t, _, _ in tokens[serial + 1 : serial + 4]]
    if len(after) == 3 and after[0] == "(" and after[2] == ")" and len(after[1]) == 2:
        return after[1], tokens[first][1], tokens[serial + 3][2]
    before = tokens[first - 1][0] if first > 0 else ""
    if before.isdigit() and len(before) in (2, 4):
        return before[-2:], tokens[first - 1][1], tokens[serial][2]
    return None


def parse_references(
    ref_text: str, citing: tuple[int, int] | None, months: MonthTable
) -> list[ParsedReference]:
    known = months.stations()
    tokens: list[_Token] = [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(ref_text)]
    found: list[ParsedReference] = []
    seen: set[str] = set()
    for i, (token, _, end) in enumerate(tokens):
        if not token.isdigit() or len(token) > 6:
            continue
        if end < len(ref_text) and ref_text[end].isalpha():
            continue  # a date-time group such as 121212Z
        words: list[str] = []
        j = i - 1
        while j >= 0 and tokens[j][0].isalpha() and len(words) < _MAX_STATION_WORDS:
            words.insert(0, tokens[j][0])
            j -= 1
        match = _station(words, known)
        if match is None:
            continue
        station, count = match
        dated = _written_year(tokens, i - count, i)
        if dated is not None:
            year_text, written_from, written_to = dated
            inferred = False
        elif citing is not None:
            year = infer_year(station, int(token), citing[0], citing[1], months)
            year_text, inferred = f"{year % 100:02d}", True
            written_from, written_to = tokens[i - count][1], end
        else:
            continue
        serial = int(token)
        ref_id = f"{year_text}{station}{serial}"
        if ref_id in seen:
            continue
        seen.add(ref_id)
        found.append(ParsedReference(ref_id, ref_text[written_from:written_to], inferred))
    return found
