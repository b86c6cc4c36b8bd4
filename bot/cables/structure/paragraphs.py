"""Blocks assembled into sections and paragraphs (CABLES.md 8.2.3-8.2.4).

A labelled block opens a paragraph; unlabelled blocks after it are its continuation;
unlabelled blocks with no open paragraph (before the first label, after a heading,
or in cables without labels) are paragraphs of their own with label None, so no body
text is lost. A numbered paragraph after a lettered run closes that run's section.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from bot.cables.structure.blocks import Block, split_blocks
from bot.cables.structure.headings import heading_of, is_mixed_case
from bot.cables.structure.labels import leading_marking

_BULLET = re.compile(r"^\s*(?:-{1,2}|\*|\u2022|o|\(?[a-z0-9]{1,3}\)|[a-z]\.)\s")
# What a bullet can start with: the regex runs only on such lines.
_BULLET_START = frozenset("-*\u2022(" + string.ascii_lowercase + string.digits)
# Column gaps; three spaces after a full stop are only sentence spacing.
_TABLE = re.compile(r"[^\s.?!] {3,}\S")
# Hard wraps fall at 60-70 columns; a shorter line inside a block ends on purpose.
_SHORT_LINE = 40
_MAX_NUMBER_JUMP = 5
# A classification banner standing alone in the body (09STATE67105 prints
# `SECRET//FGI//NOFORN` above and below its text): it marks the whole text, and is
# neither a heading nor a paragraph.
_CLASSIFICATION_LINE = re.compile(
    r"^\s*(?:TOP SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED)(?:\s*//\s*[A-Z][A-Z ,]*)+\s*$"
)


@dataclass(slots=True)
class ParsedParagraph:
    section: str | None
    label: str | None
    marking: str | None
    blocks: list[list[str]]
    anchored: bool = False  # printed the way the site anchors (`3.`, `F.`)
    parent: str | None = None  # the numbered paragraph a lettered run hangs from
    section_index: int | None = None  # a heading may be printed twice: sections by position

    @property
    def text(self) -> str:
        return "\n\n".join([join_block(lines) for lines in self.blocks if lines])


@dataclass(slots=True)
class ParsedBody:
    paragraphs: list[ParsedParagraph] = field(default_factory=list)
    sections: list[tuple[str, list[int]]] = field(default_factory=list)
    # Site anchors on lines that are not labels (`November\n26.`): (paragraphs before, id).
    # The site's `#par26` jumps there first.
    claimed: list[tuple[int, str]] = field(default_factory=list)


def join_block(lines: list[str]) -> str:
    """Unwrap hard-wrapped lines; keep line breaks before bullets, after short lines
    and in tables."""
    rows: list[list[str]] = []  # output lines, as the pieces unwrapped into each
    row: list[str] | None = None
    previous_table = False
    previous_length = 0
    for line in lines:
        text = line.strip()
        if not text:
            continue
        table = "   " in text and _TABLE.search(text) is not None
        keep_break = (
            table
            or previous_table
            or (previous_length < _SHORT_LINE and not text[0].islower())
            or (text[0] in _BULLET_START and _BULLET.match(line) is not None)
        )
        if row is not None and not keep_break:
            row.append(text)
        else:
            row = [line.rstrip() if table else text]
            rows.append(row)
        previous_table = table
        previous_length = len(text)
    return "\n".join([" ".join(row) for row in rows])


class _Assembler:
    def __init__(self) -> None:
        self.body = ParsedBody()
        self.section: str | None = None
        self.section_lettered = False
        self.open: ParsedParagraph | None = None
        self.last_number: int | None = None
        self.last_paren = False
        self.last_letter: str | None = None
        self.top_number = 0  # numbering may restart (1 2 3 1 2 3) and then resume

    def heading(self, text: str) -> None:
        self.section = text
        self.section_lettered = False
        self.body.sections.append((text, []))
        self.open = None

    def _accepts(self, block: Block) -> bool:
        label = block.label
        assert label is not None
        if label.lettered:
            # `B)` after `F)` is a wrapped citation (`(REF\nB)`, 01HAVANA4690), not a label.
            last = self.last_letter
            return (
                not label.closing_paren or last is None or label.text in ("A", chr(ord(last) + 1))
            )
        if not label.closing_paren:
            # A number far past the last one is a wrapped date or count (`November\n26.`),
            # unless it opens a block of its own (09STATE80163 goes from 3 to 15).
            return (
                self.last_number is None
                or int(label.text) <= self.top_number + _MAX_NUMBER_JUMP
                or not block.glued
            )
        # `1)` is a sub-item unless the numbering itself uses that form and it continues.
        if self.last_number is None:
            return label.text == "1"
        return self.last_paren and int(label.text) == self.last_number + 1

    def labelled(self, block: Block) -> None:
        label = block.label
        assert label is not None
        if label.lettered:
            self.last_letter = label.text
            if self.section is not None and not self.body.sections[-1][1]:
                self.section_lettered = True
            parent = None
            if self.section is None and self.last_number is not None:
                parent = str(self.last_number)
        else:
            if self.section is not None and self.section_lettered:
                self.section = None
                self.section_lettered = False
            self.last_number = int(label.text)
            self.top_number = max(self.top_number, self.last_number)
            self.last_paren = label.closing_paren
            parent = None
        first = [label.rest] if label.rest.strip() else []
        self._add(
            ParsedParagraph(
                section=self.section,
                label=label.text,
                marking=label.marking,
                blocks=[first + block.lines[1:]],
                anchored=label.anchored,
                parent=parent,
            )
        )

    def unlabelled(self, block: Block) -> None:
        marked = leading_marking(block.lines[0])
        if self.open is not None and marked is None:
            self.open.blocks.append(block.lines)
            return
        marking = None
        lines = block.lines
        if marked is not None:
            marking, rest = marked
            lines = ([rest] if rest.strip() else []) + lines[1:]
        self._add(
            ParsedParagraph(section=self.section, label=None, marking=marking, blocks=[lines])
        )
        if marking is None:
            self.open = None

    def _add(self, paragraph: ParsedParagraph) -> None:
        index = len(self.body.paragraphs)
        self.body.paragraphs.append(paragraph)
        if paragraph.section is not None:
            paragraph.section_index = len(self.body.sections) - 1
            self.body.sections[-1][1].append(index)
        self.open = paragraph

    def feed(self, block: Block, mixed_case: Callable[[], bool]) -> None:
        if _is_classification_line(block):
            self.open = None  # the text after it is not a continuation
            return
        heading = heading_of(block, mixed_case)
        if heading is not None:
            self.heading(heading)
        elif block.label is not None and self._accepts(block):
            self.labelled(block)
        else:
            if block.label is not None and block.label.anchored:
                self.body.claimed.append((len(self.body.paragraphs), block.label.text))
            if block.glued and self.open is not None:
                # A rejected label inside running text: the line continues the same block.
                self.open.blocks[-1].extend(block.lines)
            else:
                block.label = None
                self.unlabelled(block)


def _is_classification_line(block: Block) -> bool:
    line = block.lines[0]
    return (
        len(block.lines) == 1
        and block.label is None
        and "//" in line
        and _CLASSIFICATION_LINE.match(line) is not None
    )


def parse_body(lines: list[str]) -> ParsedBody:
    mixed_case = cache(lambda: is_mixed_case("\n".join(lines)))
    assembler = _Assembler()
    for block in split_blocks(lines):
        assembler.feed(block, mixed_case)
    return assembler.body
