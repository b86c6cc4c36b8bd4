"""Page markers and repeated section headers: removed, and split paragraphs re-joined.

New style (2004+): `DUSHANBE 00000313  002.2 OF 008`, a full line or inline in an
unwrapped paragraph; on a redacted page the station and serial are one run of X
(10BEIJING207: `XXXXXXXXXXXX  002 OF 002`). Old style: `PAGE 02 HARARE 06677 01 OF
03 291400Z` after a classification line, sometimes glued to the text before and after
it. Old multi-section telegrams repeat the routing and header lines at every section
start (`SECTION 02 OF 03`); those repeats are dropped too (CABLES.md 7, 8.2.1).
"""

from __future__ import annotations

import re

from bot.cables.structure.labels import Unanchored
from bot.cables.structure.lines import lines_containing

_CLASS_WORDS = r"(?:UNCLASSIFIED|UNCLAS|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)"
_NEW_MARKER_LINE = re.compile(
    r"^\s*(?:(?:[A-Z][A-Z .'()-]*? \d{5,8}|X{6,})\s+\d{3}(?:\.\d)?\s+OF\s+\d{3}\s*"
    # 2007 Paris variant: `PAGE 02 RUEHFRA2440 C O N F I D E N T I A L PARIS 002440`
    r"|PAGE \d{2,3}\s+R[A-Z]{4,}\d{1,6}\s.*)$"
)
# Inline, only one station word may precede the 8-digit serial, so that upper-case
# text before the marker is never eaten.
_NEW_MARKER_INLINE = re.compile(r"[ \t]*\b[A-Z][A-Z'.-]+ \d{8}\s+\d{3}(?:\.\d)?\s+OF\s+\d{3}\b")
_ANY_NEW_MARKER = re.compile(r"\S \d{8}\s+\d{3}(?:\.\d)?\s+OF\s+\d{3}\b")
_OLD_MARKER = re.compile(
    r"\bPAGE (\d{2,3})\s+[A-Z][A-Z .]*?\s+\d{3,6}\s+\d\d\s+OF\s+\d\d\s+\d{6}Z[ \t]*"
)
_CLASS_LINE = re.compile(r"^\s*" + _CLASS_WORDS + r"(?:\s+[A-Z]{3}\d{3,5})?\s*$")
_CLASS_TAIL = re.compile(r"\s+" + _CLASS_WORDS + r"\s*$")
_LATER_SECTION = re.compile(
    r"^\s*(?:C ?O ?N ?F ?I ?D ?E ?N ?T ?I ?A ?L|S ?E ?C ?R ?E ?T|UNCLAS\w*|LIMITED OFFICIAL USE)"
    r"\b.*\bSECTION\s+(?:0[2-9]|[1-9]\d)\s+OF\s+\d\d\b"
)
_ROUTING_BEFORE_FM = re.compile(
    r"^\s*(?:$|[A-Z]{1,2} \d{6}Z [A-Z]{3} \d\d\s*$|-{5,}|" + _CLASS_WORDS + r"\b)"
)
_ADDRESS_LINE = re.compile(r"^\s*(?:(?:TO|INFO) )?[A-Z0-9][A-Z0-9 .,/&()'-]*$")
_FM_LINE = re.compile(r"^\s*FM [A-Z]")
_FIELD = re.compile(r"^\s*(?:E\.?\s?O\.?\s+1\d{4}|TAGS\b|SUBJ(?:ECT)?\b)", re.I)
_SENTENCE_END = re.compile(r"[.!?:;\"”)]\s*$")
_SECTION_LOOKAHEAD = 40
# A line without any of these is plain text to `_MarkerRemover._line` (which looks for
# ` OF `: `OF ` finds those lines and a few more, faster, see `lines_containing`).
_MARKER_WORDS = ("OF ", "PAGE ", "SECTION")


def _should_join(previous: str, following: str) -> bool:
    """Re-join across a removed marker unless the text before it ended a sentence."""
    if not previous.strip():
        return False
    return not _SENTENCE_END.search(previous) or following.lstrip()[:1].islower()


def _pop_blanks_and_class_lines(out: list[str]) -> None:
    while out and (not out[-1].strip() or _CLASS_LINE.match(out[-1])):
        out.pop()


def _pop_repeated_routing(out: list[str]) -> None:
    """Drop the routing lines (DTG, FM, TO, INFO, addresses) before a later section banner."""
    i = len(out)
    while i > 0 and not out[i - 1].strip():
        i -= 1
    while i > 0 and _ADDRESS_LINE.match(out[i - 1]) and not _FM_LINE.match(out[i - 1]):
        i -= 1
    if i == 0 or not _FM_LINE.match(out[i - 1]):
        return
    i -= 1
    while i > 0 and _ROUTING_BEFORE_FM.match(out[i - 1]):
        i -= 1
    del out[i:]


class _MarkerRemover:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.out: list[str] = []
        self.join_pending = False
        self.seen_tails: set[str] = set()
        self.skip_until = -1  # index of a later section banner to skip to
        self.in_repeated_header = False
        self.seen_field = False
        self.inline_markers: bool | None = None  # see _has_inline_markers

    def run(self) -> list[str]:
        lines = self.lines
        marked = lines_containing(lines, *_MARKER_WORDS)
        marked.append(len(lines))
        k = i = 0
        while i < len(lines):
            if i < self.skip_until:
                i = self.skip_until
            if i == self.skip_until:
                self.in_repeated_header = True
                self.seen_field = False
                i += 1
                continue
            if not (self.join_pending or self.in_repeated_header):
                # Plain text up to the next line with a marker word: copied as it is.
                while marked[k] < i:
                    k += 1
                self.out.extend(lines[i : marked[k]])
                i = marked[k]
                if i == len(lines):
                    break
            self._line(i, lines[i])
            i += 1
        return self.out

    def _line(self, i: int, line: str) -> None:
        # Substring tests first: most lines are text and skip every regex below.
        marker_like = " OF " in line or "PAGE " in line
        old = _OLD_MARKER.search(line) if "PAGE " in line else None
        if old is not None and _NEW_MARKER_LINE.match(line):
            old = None
        if old is not None:
            self._old_marker(i, line, old)
            return
        if "SECTION" in line and _LATER_SECTION.match(line):
            _pop_repeated_routing(self.out)
            self.in_repeated_header = True
            self.seen_field = False
            return
        if self.in_repeated_header:
            self._repeated_header(line)
            return
        if marker_like and _NEW_MARKER_LINE.match(line):
            while self.out and not self.out[-1].strip():
                self.out.pop()
            self.join_pending = True
            return
        if marker_like and "00" in line and self._has_inline_markers():
            line = _NEW_MARKER_INLINE.sub("", line)
        self._text(line)

    def _has_inline_markers(self) -> bool:
        """Whether inline markers are removed from this body at all: only when a
        ` OF 0` page count is printed somewhere (asked only for a candidate line,
        as the search is slow)."""
        if self.inline_markers is None:
            text = "\n".join(self.lines)
            self.inline_markers = " OF 0" in text and _ANY_NEW_MARKER.search(text) is not None
        return self.inline_markers

    def _repeated_header(self, line: str) -> None:
        if _FIELD.match(line):
            self.seen_field = True
        elif self.seen_field and not line.strip():
            self.in_repeated_header = False

    def _old_marker(self, i: int, line: str, old: re.Match[str]) -> None:
        before = _CLASS_TAIL.sub("", line[: old.start()]).rstrip()
        tail = line[old.end() :].strip()
        if before.strip():
            self._text(before)
        _pop_blanks_and_class_lines(self.out)
        if self.out:
            # `... ESSENTIALLY, A  CONFIDENTIAL` then the marker on the next line
            self.out[-1] = _CLASS_TAIL.sub("", self.out[-1])
        if old.group(1).lstrip("0") == "1" and self.out:
            ahead = self.lines[i + 1 : i + _SECTION_LOOKAHEAD]
            for offset, candidate in enumerate(ahead, start=i + 1):
                if _LATER_SECTION.match(candidate):
                    self.skip_until = offset
                    return
        self.in_repeated_header = False
        self.join_pending = True
        if tail in self.seen_tails:
            return
        self.seen_tails.add(tail)
        if tail:
            self._text(Unanchored(tail))

    def _text(self, line: str) -> None:
        if self.join_pending:
            if not line.strip() or _CLASS_LINE.match(line):
                return
            self.join_pending = False
            if self.out and not _should_join(self.out[-1], line):
                self.out.append("")
        self.out.append(line)


def remove_page_markers(lines: list[str]) -> list[str]:
    """The lines with every page marker and repeated section header removed."""
    return _MarkerRemover(lines).run()
