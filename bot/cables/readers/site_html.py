"""WikiLeaks cablegate site pages (HTML), every site generation.

Metadata from `<table class='cable'>` (link texts, never the wrong `title`
attributes), routing header from the first `<code><pre>`, body from the last.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import datetime

from bot.cables.model import SiteGeneration, SourceFormat
from bot.cables.raw import RawCable
from bot.cables.readers.glued import split_glued

_TABLE = re.compile(r"<table class=['\"]cable['\"]>(.*?)</table>", re.S)
_CELL = re.compile(r"<td>\s*(.*?)\s*</td>", re.S)
_PRE = re.compile(r"<code><pre>(.*?)</pre></code>", re.S)
# A tag starts with a letter or `/`: a stray `<` in the cable text (10MADRID87) is text.
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_TITLE = re.compile(r"<h3>Viewing cable [^,<]+,\s*(.*?)</h3>", re.S)
_BANNER = re.compile(r"Currently released so far\.\.\. (\d+)")
_STAMP = "%Y-%m-%d %H:%M"


def sniff(head: str) -> bool:
    return "<table class='cable'>" in head or '<table class="cable">' in head


def pre_text(fragment: str) -> str:
    """Plain text of a <pre> block: links dropped, entities and `&#x000A;` decoded."""
    return html.unescape(_TAG.sub("", fragment)).replace("\r\n", "\n")


def generation(banner_count: int | None) -> SiteGeneration | None:
    """Site generation from the "Currently released so far... N" banner."""
    if banner_count is None:
        return None
    if banner_count < 1000:
        return SiteGeneration.TORRENT_2010
    if banner_count <= 2000:
        return SiteGeneration.MIRROR_2010
    if banner_count < 100_000:
        return SiteGeneration.CRAWL_2011
    return SiteGeneration.FINAL_2011


def _stamp(text: str) -> datetime | None:
    try:
        return datetime.strptime(text.strip(), _STAMP)
    except ValueError:
        return None


def read(text: str, path: str) -> Iterator[RawCable]:
    # Every saved page ends with </html>; without it a cut-off body <pre> would be
    # mistaken for the only block and the routing header read as the body.
    if "</html>" not in text[-1000:]:
        raise ValueError("the page is cut off (no closing </html> tag): truncated download?")
    table = _TABLE.search(text)
    if table is None:
        raise ValueError("no cable metadata table (<table class='cable'>) in the page")
    cells = [html.unescape(_TAG.sub("", c)).strip() for c in _CELL.findall(table.group(1))]
    if len(cells) < 5:
        raise ValueError("the cable metadata table has fewer than 5 cells")
    blocks = _PRE.findall(text)
    if not blocks:
        raise ValueError("no <code><pre> block with the cable text (truncated page?)")
    banner = _BANNER.search(text)
    gen = generation(int(banner.group(1)) if banner else None)
    title = _TITLE.search(text)
    yield from split_glued(
        RawCable(
            path=path,
            format=SourceFormat.SITE_HTML,
            header=pre_text(blocks[0]) if len(blocks) > 1 else "",
            body=pre_text(blocks[-1]),
            ref_id=cells[0],
            created=_stamp(cells[1]),
            released=_stamp(cells[2]),
            classification=cells[3],
            origin=cells[4],
            title=html.unescape(title.group(1)).strip() if title else None,
            generation=gen,
            minutes_unreliable=gen is not None and gen is not SiteGeneration.FINAL_2011,
        )
    )
