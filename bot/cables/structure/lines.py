"""Plain text lines of a body or header: line ends, trailing blanks and `¶` hints removed.

The site's `¶` only repeats the label that follows it (see `labels`); labels are
found in the text itself, so the character is dropped here (it appears nowhere else:
the site and the PDF text put it only before labels).
"""

from __future__ import annotations

import re

_SIPDIS_LINE = re.compile(r"^[ \t]*SIPDIS[ \t]*$")
# SIPDIS glued to the start of a wrapped line (00HARARE6677: "SIPDIS SCENARIOS UNDER").
_SIPDIS_PREFIX = re.compile(r"^([ \t]*)SIPDIS (?=[A-Za-z])", re.M)


def clean_lines(text: str) -> list[str]:
    """Lines without `\\r`, trailing whitespace or leading pilcrows."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ").replace("¶", "")
    lines = [line.rstrip() for line in text.split("\n")]
    if text.count("\\\n") * 2 > len(lines):
        # a database dump with `\` ending every line (cablemap's 07BERN881 page)
        return [line.removesuffix("\\").rstrip() for line in lines]
    return lines


def drop_distribution_captions(lines: list[str]) -> list[str]:
    """Remove SIPDIS captions that the distribution system scattered through the body
    (whole lines, so a heading framed by rules stays framed)."""
    text = "\n".join(lines)
    if "SIPDIS" not in text:
        return lines
    text = _SIPDIS_PREFIX.sub(r"\1", text)
    return [
        line for line in text.split("\n") if "SIPDIS" not in line or not _SIPDIS_LINE.match(line)
    ]
