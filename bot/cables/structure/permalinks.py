"""Paragraph keys, locators and WikiLeaks permalinks (CABLES.md 5, 8.3).

The site's anchor is `#par<label>` where the label is printed `3.` or `F.` at a line
start. Where a label repeats in a cable (lettered paragraphs restarting per section)
only the first occurrence gets the anchor; every later occurrence is flagged
`anchor_ambiguous` (its link opens the page, not the paragraph, because the site's
`#par<label>` opens another paragraph), and our own locator qualifies the label
with the section's short key (`07DUSHANBE313 ¶PREVENTION.F`) or the numbered
paragraph a lettered run hangs from (`¶5.B`); a key that still repeats gets its
occurrence (`¶6~2`). Unlabelled paragraphs are located by position (`¶p3`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from bot.cables.structure.paragraphs import ParsedBody

_WORD = re.compile(r"[A-Z0-9]+")
_FILLER = frozenset({"THE", "AN", "OF", "ON", "IN", "AND", "TO", "FOR", "WITH", "AT"})


@dataclass(slots=True)  # not frozen: a frozen dataclass costs twice as much to create
class Link:
    key: str
    permalink: str
    # The label's `#par` anchor belongs to another paragraph, so `permalink` is the page.
    anchor_ambiguous: bool


def _key_words(heading: str) -> list[str]:
    """The heading's words, without leading filler (`THE NEXT STEPS` -> NEXT, STEPS)."""
    words = _WORD.findall(heading.upper()) or ["SECTION"]
    while len(words) > 1 and (words[0] in _FILLER or len(words[0]) == 1):
        words = words[1:]
    return words


def section_keys(headings: list[str]) -> list[str]:
    """Short upper-case keys, one per section: the first word of each heading, more words
    on a clash, `-2` for a heading printed a second time (in any case)."""
    if not headings:
        return []  # most cables: no Counter to set up
    words = {h: _key_words(h) for h in dict.fromkeys(headings)}
    base: dict[str, str] = {}
    for heading, parts in words.items():
        for n in range(1, len(parts) + 1):
            key = "-".join(parts[:n])
            others = ["-".join(w[:n]) for h, w in words.items() if h != heading]
            if key not in others or n == len(parts):
                base[heading] = key
                break
    seen: Counter[str] = Counter()
    keys: list[str] = []
    for heading in headings:
        key = base[heading]
        seen[key] += 1  # `COMMENT` and `Comment` in one cable share a base key
        keys.append(key if seen[key] == 1 else f"{key}-{seen[key]}")
    return keys


def paragraph_links(body: ParsedBody, page_url: str, taken: set[str] | None = None) -> list[Link]:
    """Links for each paragraph. `taken`: anchors the site gave to lines above the body
    (REF bullets such as `B. RABAT 171`); with `body.claimed` (anchors on lines that are
    no labels), a paragraph label cannot claim them."""
    paragraphs = body.paragraphs
    counts = Counter(p.label for p in paragraphs if p.label is not None)
    keys = section_keys([heading for heading, _ in body.sections])
    clashing_sections = {
        p.section_index for p in paragraphs if p.label is not None and counts[p.label] > 1
    }
    anchored: set[str] = set(taken or ())
    contested = set(anchored) | {label for _, label in body.claimed}
    claims = iter(body.claimed)
    claim = next(claims, None)
    links: list[Link] = []
    used: dict[str, int] = {}  # a Counter would call Python code for every new key
    for index, p in enumerate(paragraphs):
        while claim is not None and claim[0] <= index:
            anchored.add(claim[1])
            claim = next(claims, None)
        if p.label is None:
            links.append(Link(f"p{index + 1}", page_url, False))
            continue
        ambiguous = counts[p.label] > 1 or p.label in contested
        if p.section_index is not None and p.section_index in clashing_sections:
            key = f"{keys[p.section_index]}.{p.label}"
        elif ambiguous and p.parent is not None:
            key = f"{p.parent}.{p.label}"
        else:
            key = p.label
        used[key] = used.get(key, 0) + 1
        if used[key] > 1:  # numbering restarted inside one section: `NORTH.A~2`
            key = f"{key}~{used[key]}"
        first = p.label not in anchored
        if p.anchored and first and page_url:
            anchored.add(p.label)
            links.append(Link(key, f"{page_url}#par{p.label}", False))
        else:
            links.append(Link(key, page_url, ambiguous))
    return links
