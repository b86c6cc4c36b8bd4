"""Text extracted (Apache Tika) from the cablegate PDFs (CABLES.md 6.3).

cp1252 with CRLF line ends (decoded before this reader), `¶` from byte 0xB6.
There is no metadata table: the text starts at the `VZCZC` routing line (or at
the `INFO LOG-00` distribution block), so everything is recovered from the
telegram itself:

- id: DTG year + banner station + banner serial (`CONFIDENTIAL NEW DELHI
  005238`, `O 260843Z JUL 06` -> 06NEWDELHI5238), checked against cable2month,
  whose ids are the WikiLeaks spelling (`UNCLAS E F T O RABAT 000521` is
  07EFTORABAT521); the FM station and DE serial are the fallback;
- classification: banner level refined by captions (`telegram.classification`);
- origin: the FM line, mapped to WikiLeaks' origin names (`origin_name`);
- created: the DTG.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from bot.cables.ids import canonical_id
from bot.cables.model import SourceFormat
from bot.cables.months import month_table
from bot.cables.raw import RawCable
from bot.cables.readers.telegram import classification, dtg, find_banner

_ROUTING_START = re.compile(r"\A\s*(?:VZCZC|INFO +LOG-)")
_FM = re.compile(r"^FM (?P<name>[^\n]+?)\s*$", re.M)
_DE = re.compile(r"^DE [A-Z]+ #(?P<serial>\d+)", re.M)
_OFFICE = re.compile(r"^(?P<kind>AMEMBASSY|AMCONSUL|USMISSION) (?P<place>.+)$")

# FM names whose WikiLeaks origin does not follow the AMEMBASSY/AMCONSUL/USMISSION
# rule; measured on the FM lines and origins of the 1,295 Dec 2010 site pages,
# plus the standing names of the State Department, AIT Taipei and USUN.
_ORIGINS = {
    "SECSTATE WASHDC": "Secretary of State",
    "USMISSION UNVIE VIENNA": "UNVIE",
    "USEU BRUSSELS": "USEU Brussels",
    "USINT HAVANA": "US Interests Section Havana",
    "RPO DUBAI": "Iran RPO Dubai",
    "IRAN RPO DUBAI": "Iran RPO Dubai",
    "AMEMBASSY KIEV": "Embassy Kyiv",
    "AIT TAIPEI": "American Institute Taiwan, Taipei",
    "USMISSION USUN NEW YORK": "USUN New York",
}
_KINDS = {"AMEMBASSY": "Embassy", "AMCONSUL": "Consulate", "USMISSION": "Mission"}


def sniff(head: str) -> bool:
    return _ROUTING_START.match(head) is not None and find_banner(head) is not None


def origin_name(fm: str) -> str:
    """`AMEMBASSY NEW DELHI` -> `Embassy New Delhi`, `USMISSION USNATO` -> `Mission USNATO`."""
    fm = " ".join(fm.split())
    if fm in _ORIGINS:
        return _ORIGINS[fm]
    office = _OFFICE.match(fm)
    if office is None:
        return fm.title()
    place = office["place"]
    # Mission acronyms (USNATO, USOSCE) stay upper-case, place names are title-cased.
    shown = place if office["kind"] == "USMISSION" and " " not in place else place.title()
    return f"{_KINDS[office['kind']]} {shown}"


def _station_of(fm: str) -> str:
    office = _OFFICE.match(fm)
    return (office["place"] if office else fm.split(" WASHDC")[0]).replace(" ", "")


@cache
def _wikileaks_spellings() -> dict[str, str]:
    """Telegram spelling -> WikiLeaks' malformed id (`07RABAT521` -> `07EFTORABAT521`)."""
    return {canonical_id(i): i for i in month_table().months if canonical_id(i) != i}


def _cablegate_id(candidate: str) -> str | None:
    """The Cablegate id, in WikiLeaks' spelling, of an id built from the telegram."""
    if candidate in month_table():
        return candidate
    return _wikileaks_spellings().get(candidate)


def read(text: str, path: str) -> Iterator[RawCable]:
    banner = find_banner(text)
    if banner is None:
        raise ValueError("no classification banner: cannot tell the routing header from the body")
    header, body = text[: banner.start].strip("\n"), text[banner.start :]
    created = dtg(header)
    if created is None:
        raise ValueError("no date-time group (DTG) in the routing header: cannot date the cable")
    fm = _FM.search(header)
    de = _DE.search(header)
    year = f"{created.year % 100:02d}"
    candidates = [f"{year}{banner.station.replace(' ', '')}{banner.serial}"]
    if fm is not None and de is not None:
        candidates.append(f"{year}{_station_of(fm['name'])}{int(de['serial'])}")
    ref_id = next(filter(None, map(_cablegate_id, candidates)), None)
    if ref_id is None:
        raise ValueError(f"no Cablegate id matches the telegram ({' / '.join(candidates)})")
    yield RawCable(
        path=path,
        format=SourceFormat.PDF_TEXT,
        header=header,
        body=body,
        ref_id=ref_id,
        created=created,
        classification=classification(text, banner),
        origin=origin_name(fm["name"]) if fm else None,
    )
