"""Excerpts: the best sentences of a paragraph, matched words in **bold**.

The excerpt is Discord/CommonMark markdown: `**` marks matched words (runs of
adjacent matches share one pair) and the text's own markdown characters are
backslash-escaped. It is never cut inside a word; an elided start or end is "…".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from bot.search.text import normalise, stem

LIMIT = 350
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=\S)")
_MARKDOWN = re.compile(r"([\\*_`~|])")
_ELLIPSIS = "…"


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if b > a]


@lru_cache(maxsize=256)
def _candidates(terms: frozenset[str]) -> re.Pattern[str]:
    """Words that may reduce to one of `terms`: a stem is nearly always a prefix of its
    word (less its last letter: "country" -> "countri"), so only these are stemmed."""
    prefixes = sorted({t[:-1] if len(t) > 3 else t for t in terms}, key=len, reverse=True)
    alternatives = "|".join(re.escape(p) for p in prefixes)
    return re.compile(
        rf"(?<![\w.])(?:[A-Za-z]\.){{2,}}(?!\w)|\b(?:{alternatives})[^\W_]*",
        re.IGNORECASE,
    )


def _matches(
    text: str, terms: Mapping[str, float], sought: frozenset[str] | None
) -> list[tuple[int, int, str]]:
    """Word spans of `text` whose index term is one of `terms` (`sought`: a superset of
    them shared by several excerpts, so that one pattern serves them all)."""
    found = []
    for m in _candidates(sought if sought is not None else frozenset(terms)).finditer(text):
        term = stem(normalise(m.group(0)))
        if term is not None and term in terms:
            found.append((m.start(), m.end(), term))
    return found


def _fit(text: str, start: int, end: int, focus: int, limit: int) -> tuple[int, int]:
    """Narrow [start, end) to at most `limit` chars around `focus`, on word boundaries."""
    if end - start <= limit:
        return start, end
    lo = max(start, min(focus - limit // 3, end - limit))
    hi = min(end, lo + limit)
    while lo > start and not text[lo - 1].isspace():
        lo += 1
    while hi < end and not text[hi].isspace():
        hi -= 1
    return lo, max(hi, lo)


def _escape(text: str) -> str:
    return _MARKDOWN.sub(r"\\\1", text)


def _render(text: str, start: int, end: int, spans: list[tuple[int, int, str]]) -> str:
    parts: list[str] = []
    cursor = start
    inside = [(a, b) for a, b, _ in spans if a >= start and b <= end]
    merged: list[tuple[int, int]] = []
    for a, b in inside:
        if merged and not text[merged[-1][1] : a].strip():
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    for a, b in merged:
        parts.append(_escape(text[cursor:a]))
        parts.append(f"**{_escape(text[a:b])}**")
        cursor = b
    parts.append(_escape(text[cursor:end]))
    return "".join(parts)


def excerpt(
    paragraph: str,
    terms: Mapping[str, float],
    limit: int = LIMIT,
    around: tuple[int, int] | None = None,
    sought: frozenset[str] | None = None,
) -> str:
    """The best sentences of `paragraph` for the index `terms` (with their weights);
    with `around` (a span of the whitespace-flattened text: the sentences the semantic
    ranker matched), the best of those sentences. `sought`: all the question's terms,
    when the excerpts of one answer show subsets of them (one word pattern for all)."""
    text = " ".join(paragraph.split())
    if not text:
        return ""
    spans = _matches(text, terms, sought)
    parts = sentences(text)

    def score(span: tuple[int, int]) -> float:
        seen = {t for a, b, t in spans if a >= span[0] and b <= span[1]}
        return sum(terms[t] for t in seen)

    allowed = [
        i for i, (a, b) in enumerate(parts) if around is None or (a < around[1] and b > around[0])
    ] or list(range(len(parts)))
    best = max(allowed, key=lambda i: (score(parts[i]), -i))
    start, end = parts[best]
    before, after = best - 1, best + 1
    # Grow with neighbouring sentences, the following one first, while they fit.
    while True:
        if after < len(parts) and parts[after][1] - start <= limit:
            end = parts[after][1]
            after += 1
        elif before >= 0 and end - parts[before][0] <= limit:
            start = parts[before][0]
            before -= 1
        else:
            break
    focus = next((a for a, _, _ in spans if a >= start), start)
    start, end = _fit(text, start, end, focus, limit)
    body = _render(text, start, end, spans)
    prefix = _ELLIPSIS if start > 0 else ""
    suffix = _ELLIPSIS if end < len(text) else ""
    return f"{prefix}{body}{suffix}"
