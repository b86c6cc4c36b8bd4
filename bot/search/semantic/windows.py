"""What the encoder reads of a paragraph: sentence windows of at most MAX_TOKENS word
pieces, each prefixed with the cable's subject and the paragraph's section, so a
window knows what it is about ("the most common destination countries" of a
trafficking report). A paragraph scores its best window."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.cables.model import Cable, Paragraph
from bot.search.excerpt import sentences
from bot.search.semantic.encoder import MAX_TOKENS

# The tokenizer's [CLS] and [SEP].
_SPECIAL = 2


@dataclass(frozen=True, slots=True)
class Window:
    text: str  # what is encoded: prefix and sentences
    start: int  # the sentences' span in the paragraph's flattened text (flat())
    end: int


def flat(text: str) -> str:
    """The paragraph text windows and excerpts index into (whitespace runs made one space)."""
    return " ".join(text.split())


def prefix(cable: Cable, paragraph: Paragraph) -> str:
    parts = [cable.subject.strip(), (paragraph.section or "").strip()]
    return " ".join(f"{p.rstrip('.:')}." for p in parts if p)


def windows(
    cable: Cable, paragraph: Paragraph, count: Callable[[Sequence[str]], list[int]]
) -> list[Window]:
    """Consecutive sentences packed greedily into windows that fit MAX_TOKENS with the
    prefix; a sentence longer than that is a window of its own (the encoder cuts it)."""
    head = prefix(cable, paragraph)
    text = flat(paragraph.text)
    spans = sentences(text) or [(0, 0)]
    budget = MAX_TOKENS - _SPECIAL - (count([head])[0] if head else 0)
    sizes = count([text[a:b] for a, b in spans])
    found: list[Window] = []
    start, end, used = spans[0][0], spans[0][1], sizes[0]
    for (a, b), size in zip(spans[1:], sizes[1:], strict=True):
        if used + size <= budget:
            end, used = b, used + size
            continue
        found.append(Window(f"{head} {text[start:end]}".strip(), start, end))
        start, end, used = a, b, size
    found.append(Window(f"{head} {text[start:end]}".strip(), start, end))
    return found
