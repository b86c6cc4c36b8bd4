"""Choose a reader by looking at the content, never at the file name.

Also decides how bytes become text: UTF-8, else cp1252 (the PDF text dumps),
and refuses binary data (PDFs, images, garbage) with a reason.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable, Iterator
from typing import Protocol

from bot.cables.raw import RawCable
from bot.cables.readers import (
    cables_csv,
    jsonl,
    pdf_text,
    scraper_text,
    site_html,
    site_text,
)
from bot.cables.readers.rejected import RejectedRecord

# Final 2011 site pages put the cable table ~190 KB into the page, after the tag list.
HEAD_BYTES = 256 * 1024


class Reader(Protocol):
    """A format: recognises the start of a text and reads its cables."""

    __name__: str

    def sniff(self, head: str) -> bool: ...

    def read(self, text: str, path: str) -> Iterator[RawCable]: ...


class StreamReader(Reader, Protocol):
    """A format with many records per file (cables.csv, JSON lines), read from an
    open text stream so a 1.7 GB file never sits in memory."""

    def stream(
        self, lines: Iterable[str], path: str, max_record_bytes: int
    ) -> Iterator[RawCable | RejectedRecord]:
        """Each record over `max_record_bytes` is rejected, naming the limit."""
        ...


# Most specific first: a site page's text also contains routing lines and banners
# that the bare-telegram (PDF text) reader would accept.
_READERS: tuple[Reader, ...] = (site_html, site_text, scraper_text, cables_csv, jsonl, pdf_text)
_STREAMED: tuple[StreamReader, ...] = (cables_csv, jsonl)
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
# Text has essentially no control bytes (both encodings agree on them); garbage ~10%.
_MAX_CONTROL_SHARE = 0.01
_PDF_MAGIC = b"%PDF-"


def name_of(reader: Reader) -> str:
    """The format's name as reports give it (`site_html`, `cables_csv`, ...)."""
    return reader.__name__.rsplit(".", 1)[-1]


def encoding(head: bytes) -> str:
    """`utf-8` or `cp1252` for the text starting with `head`; ValueError for binary data."""
    if head.startswith(_PDF_MAGIC):
        raise ValueError("a PDF file (binary): extract its text first, e.g. with Apache Tika")
    if b"\x00" in head:
        raise ValueError("binary data (NUL bytes), not cable text")
    try:
        # Not final: `head` may end in the middle of a multi-byte character.
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        chosen = "utf-8"
    except UnicodeDecodeError:
        chosen = "cp1252"
    control = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if head and control / len(head) > _MAX_CONTROL_SHARE:
        raise ValueError("binary data (mostly control characters), not cable text")
    return chosen


def decode(data: bytes) -> str:
    """Whole-file text with `\\n` line ends (the PDF dumps use CRLF)."""
    text = data.decode(encoding(data[:HEAD_BYTES]), errors="replace")
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


def reader_for(head: str) -> Reader:
    """The reader whose sniff accepts `head`; ValueError when none does."""
    if not head.strip():
        raise ValueError("empty file")
    for reader in _READERS:
        if reader.sniff(head):
            return reader
    if "<html" in head.lower():
        raise ValueError(
            "an HTML page without the cable table (<table class='cable'>): "
            "not a cable page, or cut off before the table"
        )
    raise ValueError(
        "unknown format: not a site page, page text, scraper text, cables.csv, "
        "JSON lines or telegram (PDF) text"
    )


def streamed(reader: Reader) -> StreamReader | None:
    """The streaming interface of `reader`, if its format has many records per file."""
    return next((r for r in _STREAMED if r is reader), None)
