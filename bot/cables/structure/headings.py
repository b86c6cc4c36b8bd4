"""Section headings: dash-framed titles, `SUMMARY` over a rule, and ALL-CAPS lines
standing alone in a mixed-case cable (seed: `OVERVIEW`, `PROTECTION ...:`).
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable

from bot.cables.structure.blocks import Block

_MAX_HEADING = 80
_NOT_HEADING = re.compile(
    r"^\s*(?:BEGIN|END|XXXX|QUOTE|UNQUOTE)\b|[.;,]\s*$|^\W*$"
    r"|^\s*(?:SENSITIVE|NOFORN|EXDIS|NODIS|LIMDIS|SIPDIS)\s*$"  # captions
    # Table rows: figures at the end (`DISCREPANCY - - 1.1`), a footnote's indent dash.
    r"|\d\.\d+\s*$|^\s*-\s",
    re.I,
)
_LOWER = string.ascii_lowercase.encode()
_UPPER = string.ascii_uppercase.encode()
_FIELD = re.compile(r"^\s*(?:TAGS|SUBJ|E\.?O\.?|REF)\b", re.I)


def _letter_counts(text: str) -> tuple[int, int]:
    """Lower-case and upper-case ASCII letters in `text`."""
    ascii_text = text.encode("ascii", "ignore")
    lower = len(ascii_text) - len(ascii_text.translate(None, _LOWER))
    upper = len(ascii_text) - len(ascii_text.translate(None, _UPPER))
    return lower, upper


def is_mixed_case(text: str) -> bool:
    """True when at least a tenth of the letters are lower case (not an all-caps cable)."""
    # Most bodies are settled by their first quarter: if its lower-case letters are at
    # least a ninth of its capitals plus every character after it, the whole text's are
    # at least a ninth of its capitals, whatever the rest holds.
    head = text[: len(text) // 4]
    lower, upper = _letter_counts(head)
    if lower > 0 and lower * 9 >= upper + len(text) - len(head):
        return True
    lower, upper = _letter_counts(text)
    return lower > 0 and lower * 10 >= lower + upper


# A rule printed on the heading's own line (10BOGOTA243, unwrapped: `SUMMARY -------`).
_GLUED_RULE = re.compile(r"(?:\s-{3,})+$")


def _heading_text(lines: list[str]) -> str:
    return " ".join(" ".join(lines).split()).rstrip(":").strip()


def heading_of(block: Block, mixed_case: Callable[[], bool]) -> str | None:
    """The heading a block stands for, or None when it is text. `mixed_case` tells
    whether the whole body is mixed case; asked last, as counting its letters costs."""
    if block.label is not None or len(block.lines) > 2:
        return None
    text = _heading_text(block.lines)
    glued_rule = (
        _GLUED_RULE.search(text) if len(block.lines) == 1 and text.endswith("---") else None
    )
    if glued_rule is not None:
        text = text[: glued_rule.start()].rstrip(":").strip()
    if not text or len(text) > _MAX_HEADING or _NOT_HEADING.search(text) or _FIELD.match(text):
        return None
    framed = block.rule_before and block.rule_after
    # A heading wrapped over two lines may be underlined too (06MANAGUA1002).
    underlined = block.rule_after or glued_rule is not None
    if framed or underlined:
        return text
    if (
        len(block.lines) == 1
        and text.isupper()
        and sum(c.isalpha() for c in text) >= 3
        and mixed_case()
    ):
        return text
    return None
