"""Plain text lines of a body or header: line ends, trailing blanks and `¶` hints removed.

The site's `¶` only repeats the label that follows it (see `labels`); labels are
found in the text itself, so the character is dropped here (it appears nowhere else:
the site and the PDF text put it only before labels).
"""

from __future__ import annotations

import re
from functools import cache

_SIPDIS_LINE = re.compile(r"^[ \t]*SIPDIS[ \t]*$")
# SIPDIS glued to the start of a wrapped line (00HARARE6677: "SIPDIS SCENARIOS UNDER").
_SIPDIS_PREFIX = re.compile(r"^([ \t]*)SIPDIS (?=[A-Za-z])")


def clean_lines(text: str) -> list[str]:
    """Lines without `\\r`, trailing whitespace or leading pilcrows."""
    # Single-character tests first: they are much faster than the longer searches.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\xa0", " ").replace("¶", "")
    lines = list(map(str.rstrip, text.split("\n")))
    if "\\" in text and text.count("\\\n") * 2 > len(lines):
        # a database dump with `\` ending every line (cablemap's 07BERN881 page)
        return [line.removesuffix("\\").rstrip() for line in lines]
    return lines


@cache
def _literal(needle: str) -> re.Pattern[str]:
    """`needle` as a regex: the regex engine finds a needle that opens with a letter or
    punctuation faster than `str.find` does (measured: a third less time on the bodies)."""
    return re.compile(re.escape(needle))


def lines_containing(lines: list[str], *needles: str) -> list[int]:
    """Indices of the lines that contain any of `needles` (no line ends in them), in order.

    Substring searches of the joined text instead of a Python test per line: the
    passes look for things (markers, captions, cuts) that only a few lines have.
    """
    text = "\n".join(lines)
    hits: list[int] = []
    for needle in needles:
        search = _literal(needle).search
        hit = search(text)
        while hit is not None:
            hits.append(hit.start())
            line_end = text.find("\n", hit.start())  # one hit per line is enough
            hit = search(text, line_end) if line_end >= 0 else None
    hits.sort()
    found: list[int] = []
    line = previous = 0
    for at in hits:
        line += text.count("\n", previous, at)
        previous = at
        if not found or found[-1] != line:
            found.append(line)
    return found


def drop_distribution_captions(lines: list[str]) -> list[str]:
    """Remove SIPDIS captions that the distribution system scattered through the body
    (whole lines, so a heading framed by rules stays framed)."""
    found = lines_containing(lines, "SIPDIS")
    if not found:
        return lines
    kept = list(lines)
    for i in reversed(found):  # from the end, so deleting keeps the earlier indices
        line = _SIPDIS_PREFIX.sub(r"\1", lines[i])
        if _SIPDIS_LINE.match(line):
            del kept[i]
        else:
            kept[i] = line
    return kept
