"""Rendered text of a WikiLeaks cablegate site page, like `seeds/07DUSHANBE313.txt`
(CABLES.md 2, 6.3).

Site chrome, then `Viewing cable <ID>, <SUBJECT>`, the help text, and the metadata
table flattened into two lines: `Reference ID Created Released Classification Origin`
and its values. The routing header follows, then the body from the classification
banner on. The classification is matched against the closed list of site values, so
the origin (free text with spaces) is whatever follows it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime

from bot.cables.model import SiteGeneration, SourceFormat
from bot.cables.raw import RawCable
from bot.cables.readers.glued import split_glued
from bot.cables.readers.site_html import generation
from bot.cables.readers.telegram import find_banner

_TABLE_HEADER = "Reference ID Created Released Classification Origin"
_CLASSIFICATIONS = (
    "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
    "CONFIDENTIAL//NOFORN",
    "SECRET//NOFORN",
    "TOP SECRET//NOFORN",
    "UNCLASSIFIED",
    "CONFIDENTIAL",
    "TOP SECRET",
    "SECRET",
)
_STAMP = r"\d{4}-\d\d-\d\d \d\d:\d\d"
_VALUES = re.compile(
    rf"^(?P<id>\d{{2}}[A-Z0-9]+) (?P<created>{_STAMP}) (?P<released>{_STAMP}) "
    rf"(?P<classification>{'|'.join(re.escape(c) for c in _CLASSIFICATIONS)}) (?P<origin>\S.*?)\s*$"
)
_TITLE = re.compile(r"^Viewing cable [^,\n]+,[ \t]*(?P<subject>.*?)[ \t]*$", re.M)
_BANNER_COUNT = re.compile(r"Currently released so far\.\.\. (\d+)")


def sniff(head: str) -> bool:
    return _TABLE_HEADER in head and "<table" not in head


def _stamp(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M")


def read(text: str, path: str) -> Iterator[RawCable]:
    text = text.replace("\r\n", "\n")
    table = text.find(_TABLE_HEADER)
    if table < 0:
        raise ValueError(f"no '{_TABLE_HEADER}' line: not a cable page text")
    values_start = text.find("\n", table) + 1
    values_end = text.find("\n", values_start)
    values_end = len(text) if values_end < 0 else values_end
    values = _VALUES.match(text[values_start:values_end])
    if values is None:
        raise ValueError(
            "the metadata values line does not read as id, dates, classification, origin"
        )
    rest = values_end + 1
    banner = find_banner(text, rest)
    header_end = banner.start if banner is not None else rest
    count = _BANNER_COUNT.search(text, 0, table)
    gen = generation(int(count.group(1)) if count else None)
    title = _TITLE.search(text, 0, table)
    yield from split_glued(
        RawCable(
            path=path,
            format=SourceFormat.SITE_TEXT,
            header=text[rest:header_end],
            body=text[header_end:],
            ref_id=values.group("id"),
            created=_stamp(values.group("created")),
            released=_stamp(values.group("released")),
            classification=values.group("classification"),
            origin=values.group("origin"),
            title=title.group("subject") if title else None,
            generation=gen,
            minutes_unreliable=gen is not None and gen is not SiteGeneration.FINAL_2011,
        )
    )
