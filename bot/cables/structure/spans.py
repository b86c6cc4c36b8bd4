"""Summary and comment spans (CABLES.md 7 "Summary and comment", 8.2.6).

Found in the paragraph texts: `Summary: ... End Summary.`, `BEGIN SUMMARY`, an
`End Summary` without a start (from the body start), a `SUMMARY` section;
`Comment: ... End Comment.`, `(Note: ... End note)`, `[COMMENT: ... END COMMENT.]`,
`(Health Unit Comment: ... End Comment.)` and `COMMENT` sections.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice


@dataclass(frozen=True, slots=True)
class _Marker:
    """A pattern, and how every match of it opens: lower-case ASCII, with no letter that
    a case-insensitive match may take from outside ASCII (`ſ` for s, `ı` and `İ` for i,
    the Kelvin sign for k), so that `BodyText.folded` holds the opening of every match."""

    pattern: re.Pattern[str]
    openings: tuple[bytes, ...]


# `BEGIN SUMMARY` may stand anywhere; `Summary:` opens a paragraph (`_SUMMARY_OPENS`).
_SUMMARY_BEGIN = _Marker(
    re.compile(r"BEGIN\s+SUMMARY(?:\s+AND\s+(?:COMMENT|ACTION\s+REQUEST))?\b[\s:.\-]*", re.I),
    (b"beg",),
)
_SUMMARY_OPENS = re.compile(
    r"[(\[]?SUMMARY(?:\s+AND\s+(?:COMMENT|ACTION\s+REQUEST))?\s*[:.\-]+\s*", re.I
)
_SUMMARY_END = _Marker(re.compile(r"END\s+(?:OF\s+)?SUMMARY\b[\s.:)\]]*", re.I), (b"end",))
_COMMENT_START = _Marker(re.compile(r"(COMMENT|Comment|NOTE|Note)\s*:\s*"), (b"comment", b"note"))
# `(Note: ...`, `[COMMENT: ...`, `(Health Unit Comment: ...`: an opening bracket shortly before.
_OPENED = re.compile(r"[(\[][\w /-]{0,30}$")
_COMMENT_END = {
    "COMMENT": _Marker(re.compile(r"END\s+(?:OF\s+)?COMMENT\b[\s.:)\]]*", re.I), (b"end",)),
    "NOTE": _Marker(re.compile(r"END\s+(?:OF\s+)?NOTE\b[\s.:)\]]*", re.I), (b"end",)),
}
# Every summary marker spells the word: a body whose folded text lacks it has none, and
# is spared their searches (`s` is left out: `ſ` is one to a case-insensitive regex).
_SUMMARY_WORD = b"ummary"
_SUMMARY_HEADING = re.compile(r"^\s*SUMMARY\b", re.I)
_COMMENT_HEADING = re.compile(r"^\s*COMMENTS?\s*$", re.I)


def _offsets(data: bytes, part: bytes) -> Iterator[int]:
    at = data.find(part)
    while at >= 0:
        yield at
        at = data.find(part, at + 1)


@dataclass(frozen=True, slots=True)
class FoundSpan:
    kind: str
    text: str
    paragraph: int  # index of the paragraph the span starts in


class BodyText:
    """The paragraph texts joined, with a map from offsets back to paragraphs."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.starts: list[int] = []
        offset = 0
        for text in self.texts:
            self.starts.append(offset)
            offset += len(text) + 2
        self.full = "\n\n".join(self.texts)
        # One byte per character, lower-case ASCII (anything else is `?`): a marker's
        # openings are found here by fast substring search, at the offsets of `full`;
        # the case-insensitive regexes alone would be tried at every offset.
        self.folded = self.full.encode("ascii", "replace").lower()
        self._found: dict[tuple[bytes, ...], list[int]] = {}

    def search_word(self, marker: _Marker, pos: int = 0) -> re.Match[str] | None:
        """The first match at or after `pos` that starts a word (not `WEEKEND SUMMARY`,
        not `no-comment:`)."""
        candidates = self._candidates(marker.openings)
        for at in islice(candidates, bisect_left(candidates, pos), None):
            m = marker.pattern.match(self.full, at)
            before = self.full[at - 1 : at]
            if m is not None and not (before.isalnum() or before in ("_", "-")):
                return m
        return None

    def _candidates(self, openings: tuple[bytes, ...]) -> list[int]:
        """Where any of `openings` starts in `folded`, in order (searched once per text)."""
        found = self._found.get(openings)
        if found is None:
            found = sorted({at for opening in openings for at in _offsets(self.folded, opening)})
            self._found[openings] = found
        return found

    def summary_start(self) -> re.Match[str] | None:
        """`BEGIN SUMMARY` anywhere, or `Summary:` opening a paragraph or block."""
        begin = self.search_word(_SUMMARY_BEGIN)
        position = 0
        while position < (begin.start() if begin else len(self.full)):
            opens = _SUMMARY_OPENS.match(self.full, position)
            if opens is not None:
                return opens
            position = self.full.find("\n\n", position)
            if position < 0:
                break
            position += 2
        return begin

    def paragraph_at(self, offset: int) -> int:
        lo, hi = 0, len(self.starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def paragraph_end(self, index: int) -> int:
        return self.starts[index] + len(self.texts[index])


def _clean(text: str) -> str:
    return text.strip().strip("()[]").strip()


def _section_span(
    kind: str, heading: re.Pattern[str], sections: list[str | None], text: BodyText
) -> FoundSpan | None:
    members = [i for i, s in enumerate(sections) if s and heading.match(s)]
    if not members:
        return None
    return FoundSpan(kind, "\n\n".join(text.texts[i] for i in members), members[0])


def find_summary(text: BodyText, sections: list[str | None]) -> FoundSpan | None:
    """The summary span of paragraphs with these texts and section headings."""
    if not text.texts:
        return None
    named = _SUMMARY_WORD in text.folded
    start = text.summary_start() if named else None
    end = text.search_word(_SUMMARY_END, start.end() if start else 0) if named else None
    if start is not None and (end is None or start.start() < end.start()):
        index = text.paragraph_at(start.start())
        stop = end.start() if end is not None else text.paragraph_end(index)
        return FoundSpan("summary", _clean(text.full[start.end() : stop]), index)
    members = [i for i, s in enumerate(sections) if s and _SUMMARY_HEADING.match(s)]
    if members:
        begin = text.starts[members[0]]
        end = text.search_word(_SUMMARY_END, begin) if named else None
        stop = end.start() if end is not None else text.paragraph_end(members[-1])
        return FoundSpan("summary", _clean(text.full[begin:stop]), members[0])
    if end is not None:
        return FoundSpan("summary", _clean(text.full[: end.start()]), 0)
    return None


def _comment_stop(text: BodyText, start: re.Match[str], kind: str) -> tuple[int, int]:
    """Where a comment ends (its END marker, else its paragraph or closing bracket),
    and where to look for the next one."""
    index = text.paragraph_at(start.start())
    end = text.search_word(_COMMENT_END[kind], start.end())
    following = text.search_word(_COMMENT_START, start.end())
    if end is not None and (following is None or end.start() < following.start()):
        return end.start(), end.end()
    stop = text.paragraph_end(index)
    if _OPENED.search(text.full, max(0, start.start() - 32), start.start()):
        close = text.full.find(")", start.end(), stop)
        stop = close if close >= 0 else stop
    return stop, stop


def find_comments(text: BodyText, sections: list[str | None]) -> list[FoundSpan]:
    """Comment and note spans, in the order their paragraphs appear."""
    if not text.texts:
        return []
    spans: list[FoundSpan] = []
    position = 0
    while (start := text.search_word(_COMMENT_START, position)) is not None:
        kind = start.group(1).upper()
        stop, position = _comment_stop(text, start, kind)
        index = text.paragraph_at(start.start())
        spans.append(FoundSpan(kind.lower(), _clean(text.full[start.end() : stop]), index))
    section = _section_span("comment", _COMMENT_HEADING, sections, text)
    if section is not None and not any(s.paragraph == section.paragraph for s in spans):
        spans.append(section)
    return sorted(spans, key=lambda s: s.paragraph)
