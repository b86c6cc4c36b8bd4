"""Cables glued into one site page as database rows (CABLES.md 7, a WikiLeaks glitch).

07BERN881's page holds, in its body `<pre>`, a tab-separated database row (created, id,
origin, classification, references, header, body; every line ends with `\\`) and
after it a second row, 07TBILISI2290, numbered `121752`. The first row is the page's
own cable; each later row is another cable and is split off as its own record, so
that nothing of it is quoted as the page's cable and nothing of it is lost.

The site rewrote every `TAGS:` line of the page with the page cable's tags (the lines
lack the dump's `\\`; 73TEHRAN2077's glued text shows the same): a glued row's TAGS line
without the `\\` is the host's, not its own, and is dropped.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

from bot.cables.raw import RawCable

_ROW = re.compile(
    r"^(?:\d+\t)?(?P<created>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)\t(?P<id>\d{2}[A-Z0-9]+)\t"
    r"(?P<origin>[^\t\n]*)\t(?P<classification>[^\t\n]*)\t[^\t\n]*\t",
    re.M,
)
_REWRITTEN_TAGS = re.compile(r"^[ \t]*TAGS:[^\n\\]*$\n?", re.M)


def _header_and_body(row: str) -> tuple[str, str]:
    """A row's text after its metadata columns: the header, a tab, the body."""
    header, tab, body = row.partition("\t")
    if not tab:
        return "", header
    return header.replace("\\\n", "\n"), body


def split_glued(raw: RawCable) -> list[RawCable]:
    """The page's cable and every cable glued after it; `[raw]` for an ordinary page."""
    body = raw.body
    # A literal test first: almost no page body has a tab.
    if "\t" not in body:
        return [raw]
    rows = list(_ROW.finditer(body))
    if not rows or rows[0].start() != 0 or rows[0].group("id") != raw.ref_id:
        return [raw]
    ends = [row.start() for row in rows[1:]] + [len(body)]
    _, host_body = _header_and_body(body[rows[0].end() : ends[0]])
    cables = [replace(raw, body=host_body)]
    for number, (row, end) in enumerate(zip(rows[1:], ends[1:], strict=True), start=2):
        header, text = _header_and_body(body[row.end() : end])
        cables.append(
            RawCable(
                path=f"{raw.path}#row {number}",  # the page's second row, as in a cables.csv
                format=raw.format,
                header=header,
                body=_REWRITTEN_TAGS.sub("", text),
                ref_id=row.group("id"),
                # The row's own time, to the second: not the page table's minute bug.
                created=datetime.strptime(row.group("created"), "%Y-%m-%d %H:%M:%S"),
                classification=row.group("classification"),
                origin=row.group("origin"),
                generation=raw.generation,
                glued_to=raw.ref_id,
            )
        )
    return cables
