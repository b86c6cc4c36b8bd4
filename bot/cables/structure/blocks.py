"""Body lines grouped into blocks: runs of lines between blank lines, dash rules and
paragraph labels (a label starts a new block even without a blank line before it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.cables.structure.labels import Label, find_label

# `- - - - -` rules too (06MANAGUA1002 underlines its headings with them).
_RULE = re.compile(r"^\s*[-_=]{3,}[\s\-_=]*$|^\s*-\s*$|^\s*-(?: -){2,}[\s\-]*$")
_RULE_START = "-_="  # every rule starts with one of these: most lines skip the regex
# ASCII characters that open neither a rule nor a label (see `may_be_label` below):
# a line opening with one is running text, settled by one set lookup.
_PLAIN_START = frozenset(
    c for c in map(chr, range(128)) if not (c in _RULE_START or c.isdigit() or c.isupper())
)


@dataclass(slots=True)
class Block:
    lines: list[str]
    label: Label | None = None
    rule_before: bool = False
    rule_after: bool = False
    glued: bool = False  # started by a label line with no blank line before it


def split_blocks(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    current: Block | None = None
    rule_pending = False
    for line in lines:
        stripped = line.strip()
        if stripped and (
            (first := stripped[0]) in _PLAIN_START
            or (first.isupper() and stripped[1:2] not in ".)")
        ):
            label = None  # running text, as the tests below would find
        elif not stripped or (first in _RULE_START and _RULE.match(line)):
            is_rule = bool(stripped)
            if current is not None:
                current.rule_after = current.rule_after or is_rule
                blocks.append(current)
                current = None
            rule_pending = rule_pending or is_rule
            continue
        else:
            # A label opens with a digit or a capital before `.`/`)` (after blanks and
            # an optional `¶`): this test spares most lines the label regex.
            may_be_label = (
                first.isdigit() or first == "¶" or (first.isupper() and stripped[1:2] in ".)")
            )
            label = find_label(line) if may_be_label else None
        if current is None:
            current = Block(lines=[line], label=label, rule_before=rule_pending)
            rule_pending = False
        elif label is not None:
            blocks.append(current)
            current = Block(lines=[line], label=label, glued=True)
        else:
            current.lines.append(line)
    if current is not None:
        blocks.append(current)
    return blocks
