"""Text saved by alx's cablegate scraper (CABLES.md 6.3).

Five metadata lines (id, subject, created as Ruby `Time#to_s`, classification,
origin), then the site's two <pre> blocks glued with no newline between them:
`...AMEMBASSY DUSHANBE 1346UNCLAS SECTION 01 OF 02 DUSHANBE 000314`. The body
starts at the classification banner. Two variants carry extra wrappers that
must not reach the body:

- `CLASSIFICATION: / MISC: / DESTINATION: <header again>` after the header
  (07HAVANA258);
- a cablegate database record, `id: / date: / refid: / origin: /
  classification: / destination: / header:`, then `---- header ends ----`, the
  body and `==== CABLE ENDS ====` (02BOGOTA1025); its `destination` is the
  references column and its `date` has the real time.

Media-partner texts (07BANDARSERIBEGAWAN112) put a `Thursday, 29 March 2007,
06:00` line between header and body instead of gluing them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime

from bot.cables.model import SourceFormat
from bot.cables.raw import RawCable
from bot.cables.readers.rejected import quoted
from bot.cables.readers.telegram import dtg, find_banner

_REF_ID = re.compile(r"^\d{2}[A-Z0-9]+$")
_RUBY_TIME = re.compile(
    r"^[A-Z][a-z]{2} (?P<month>[A-Z][a-z]{2}) (?P<day>\d{2}) "
    r"\d{2}:\d{2}:\d{2} [+-]\d{4} (?P<year>\d{4})$"
)
_DATABASE_RECORD = re.compile(
    r"id: \d+\ndate: (?P<date>[^\n]*)\nrefid: [^\n]*\norigin: [^\n]*\n"
    r"classification: [^\n]*\ndestination: (?P<references>[^\n]*)\nheader:\n"
    r"(?P<header>.*?)\n-+ *header ends *-+\n(?P<body>.*?)(?:=+ *CABLE ENDS *=+\s*)?$",
    re.S,
)
_MISC_WRAPPER = re.compile(r"CLASSIFICATION: [^\n]*\nMISC: [^\n]*\nDESTINATION: ")
_MEDIA_DATE = re.compile(
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, \d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d[ \t]*\n"
)
_METADATA_LINES = 5


def sniff(head: str) -> bool:
    lines = head.split("\n", _METADATA_LINES)
    return (
        len(lines) > _METADATA_LINES
        and _REF_ID.match(lines[0].strip()) is not None
        and _RUBY_TIME.match(lines[2].strip()) is not None
    )


def _created(ruby_time: str, header: str) -> tuple[datetime, bool]:
    """The scraper kept only the date; the DTG of the same day gives the time.

    Returns the time and whether its hour and minutes are unknown.
    """
    m = _RUBY_TIME.match(ruby_time.strip())
    if m is None:
        raise ValueError(f"unreadable creation time {quoted(ruby_time)}")
    day = datetime.strptime(f"{m['year']} {m['month']} {m['day']}", "%Y %b %d")
    sent = dtg(header)
    if sent is not None and sent.date() == day.date():
        return sent, False
    return day, True


def _split_at_banner(text: str) -> tuple[str, str]:
    """(header, body) of glued header and body text."""
    banner = find_banner(text)
    media = _MEDIA_DATE.search(text)
    if media is not None and (banner is None or media.start() < banner.start):
        return text[: media.start()], text[media.end() :]
    if banner is None:
        raise ValueError("no classification banner: cannot tell the routing header from the body")
    return text[: banner.start], text[banner.start :]


def read(text: str, path: str) -> Iterator[RawCable]:
    lines = text.split("\n", _METADATA_LINES)
    if len(lines) <= _METADATA_LINES:
        raise ValueError("fewer than the 5 metadata lines of the scraper layout")
    ref_id, subject, ruby_time, classification, origin = (line.strip() for line in lines[:5])
    rest = lines[_METADATA_LINES]
    references: list[str] | None = None
    record = _DATABASE_RECORD.search(rest)
    if record is not None:
        header, body = record["header"], record["body"]
        references = [r for r in record["references"].split("|") if r.strip()]
        try:
            created, unreliable = datetime.strptime(record["date"].strip(), "%m/%d/%Y %H:%M"), False
        except ValueError:
            created, unreliable = _created(ruby_time, header)
    else:
        misc = _MISC_WRAPPER.search(rest)
        if misc is not None:
            # DESTINATION repeats the routing header; the body starts at the banner after it.
            header = rest[: misc.start()]
            _, body = _split_at_banner(rest[misc.end() :])
        else:
            header, body = _split_at_banner(rest)
        created, unreliable = _created(ruby_time, header)
    yield RawCable(
        path=path,
        format=SourceFormat.SCRAPER_TEXT,
        header=header.strip("\n"),
        body=body.strip("\n"),
        ref_id=ref_id,
        created=created,
        classification=classification,
        origin=origin,
        title=subject or None,
        csv_references=references,
        minutes_unreliable=unreliable,
    )
