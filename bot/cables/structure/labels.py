"""Paragraph labels (`3.`, `F.`, `C)`, `9 (SBU/NF)`) and classification markings.

The WikiLeaks site put its `¶` anchor before every line matching `^\\s*(\\d+|[A-Z])\\.\\s`
(measured: all 14,404 anchors of the Dec 2010 mirror). Such a label has a `#parX`
anchor on the site; other printed forms (`C)`, `1.(C)`, `9 (SBU/NF)`) do not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Paragraph classification markings as printed, e.g. (C), (S/NF), (S//REL TO USA, FVEY).
MARKING = re.compile(
    r"\(\s*(?:TS|SBU|LOU|U|C|S|SECRET|CONFIDENTIAL|UNCLASSIFIED|N)"
    r"(?:\s*(?:/{1,2}|-|\s)\s*(?:NF|NOFORN|FGI|FOUO|SF|REL\b[^()\n]{0,40}|ENTIRE TEXT))*\s*\)",
    re.I,
)
_LABEL = re.compile(
    r"^[ \t]*¶?[ \t]*(?:"
    r"(?P<num>\d{1,3})(?P<nsep>\.(?=\s|$|\(|[A-Z][a-z])|\)(?=\s)|(?=[ \t]+\((?:TS|SBU|U|C|S)\b))"
    r"|(?P<let>[A-Z])(?P<lsep>[.)])(?=\s|$)"
    r")[ \t]*"
)
_SITE_ANCHOR = re.compile(r"^[ \t]*¶?[ \t]*(\d+|[A-Z])\.(?:\s|$)")
_LEADING_MARKING = re.compile(r"^[ \t]*¶?[ \t]*(" + MARKING.pattern + r")[ \t]*", re.I)


class Unanchored(str):
    """A line that did not start a line on the site: the text after an old-style page
    marker printed on the same line (00HARARE6677 `PAGE 03 HARARE 06677 03 OF 03 291401Z
    11. (C) COMMENT: ...`). The site anchors only line starts, so its label has no anchor."""

    __slots__ = ()


# Not frozen: a frozen dataclass costs twice as much to create, and the body of every
# cable has many labels. Nothing changes a label once found.
@dataclass(slots=True)
class Label:
    """A paragraph label found at a line start."""

    text: str
    marking: str | None
    rest: str  # the line after label and marking
    anchored: bool  # the site gives this label a `#par` anchor
    lettered: bool
    closing_paren: bool  # printed `C)` / `1)` rather than `C.` / `1.`


@lru_cache(maxsize=1024)  # a few markings (`(C)`, `(SBU)`) come back in every cable
def normalise_marking(printed: str) -> str:
    """`( C )` -> `(C)`, `(c)` -> `(C)`: markings as printed, tidied."""
    inner = " ".join(printed.strip()[1:-1].split())
    return f"({inner.upper()})"


def find_label(line: str) -> Label | None:
    m = _LABEL.match(line)
    if m is None:
        return None
    rest = line[m.end() :]
    marking = MARKING.match(rest)
    mark_text = None
    if marking is not None:
        mark_text = normalise_marking(marking.group(0))
        rest = rest[marking.end() :].lstrip()
    lettered = m.group("let") is not None
    text = m.group("let") if lettered else str(int(m.group("num")))
    sep = m.group("lsep") if lettered else m.group("nsep")
    # What `_SITE_ANCHOR` would say, read off this match: the same blanks and `¶`, the
    # whole number or the letter, then `.` before a blank or the line end (a lettered
    # label has that blank already).
    after = line[m.end("nsep") : m.end("nsep") + 1] if not lettered else ""
    return Label(
        text=text,
        marking=mark_text,
        rest=rest,
        anchored=sep == "." and (not after or after.isspace()) and not isinstance(line, Unanchored),
        lettered=lettered,
        closing_paren=sep == ")",
    )


def leading_marking(line: str) -> tuple[str, str] | None:
    """A marking that opens an unnumbered paragraph (` (SBU) Poloff delivered`)."""
    m = _LEADING_MARKING.match(line)
    if m is None:
        return None
    return normalise_marking(m.group(1)), line[m.end() :]


def site_anchor(line: str) -> str | None:
    """The `#par` id the WikiLeaks site gave this line, if any."""
    m = _SITE_ANCHOR.match(line)
    return m.group(1) if m and not isinstance(line, Unanchored) else None
