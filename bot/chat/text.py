"""Untrusted chat input: cleaning what users type, and making echoes of it harmless."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Longer lines are cut: no command needs more, and fuzzy matching on huge strings is slow.
MAX_LINE_CHARS = 1000
ECHO_CHARS = 60
# Queries are echoed longer: the reply says what was searched for.
QUERY_ECHO_CHARS = 200
NO_WORDS = "There is nothing to search for: use words or numbers (emoji and symbols are ignored)."

# Discord mentions (`<@123>`, `<@!123>`, `<@&123>`, `<#123>`) and mass mentions.
_MENTION = re.compile(r"<[@#][!&]?\d*>|@(?:everyone|here)\b", re.I)
# Markdown that front ends would interpret. `#` and `_` only at word edges, so links
# (`...313.html#parC`, `..._a.html`) survive while `#07DUSHANBE313` and `_italic_` do not.
_MARKDOWN = re.compile(r"[*~`|>\\]")
_MARKDOWN_AT_EDGES = re.compile(r"(?<!\S)#+|(?<!\w)_+|_+(?!\w)")
_SPACES = re.compile(r"\s+")
# Everything an echo may keep: words, digits, spaces and harmless punctuation.
_ECHO_UNSAFE = re.compile(r"[^\w\s.,:;!?'¶/+=%-]")


@dataclass(slots=True, frozen=True)
class CleanLine:
    text: str
    # Length of the original line when it was cut to MAX_LINE_CHARS, else None.
    cut_from: int | None = None


def _printable(ch: str) -> bool:
    # Cc are control characters, Cf format characters (zero-width spaces, bidi overrides).
    return unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn")


def clean_line(line: str) -> CleanLine:
    """Normalise a chat line: cap its length, drop control characters, mentions and markdown."""
    cut_from = len(line) if len(line) > MAX_LINE_CHARS else None
    text = unicodedata.normalize("NFKC", line[:MAX_LINE_CHARS])
    text = "".join(ch if _printable(ch) else " " for ch in text)
    text = _MENTION.sub(" ", text)
    text = _MARKDOWN_AT_EDGES.sub(" ", _MARKDOWN.sub(" ", text))
    return CleanLine(_SPACES.sub(" ", text).strip(), cut_from)


def cut_note(cut_from: int) -> str:
    return f"Your message had {cut_from:,} characters; only the first {MAX_LINE_CHARS:,} were read."


def echo(text: str, limit: int = ECHO_CHARS) -> str:
    """User text made safe to quote back: no markup, mentions or control characters, short."""
    safe = _SPACES.sub(" ", _ECHO_UNSAFE.sub(" ", clean_line(text).text)).strip()
    return safe if len(safe) <= limit else safe[: limit - 1].rstrip() + "…"


def has_words(text: str) -> bool:
    """Whether `text` has anything to search for: a letter or a digit."""
    return any(ch.isalnum() for ch in text)


def counted(count: int, noun: str) -> str:
    """`1 cable`, `1,366 cables`."""
    return f"{count:,} {noun}" + ("" if count == 1 else "s")


def only_pages(pages: int, of: str = "") -> str:
    """The note for a page number past the last: `There is only 1 page; this is the last.`"""
    counted = "only 1 page" if pages == 1 else f"only {pages} pages"
    verb = "is" if pages == 1 else "are"
    return f"There {verb} {counted}{of}; this is the last."
