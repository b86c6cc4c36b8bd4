"""Paragraph keys, locators and WikiLeaks permalinks (CABLES.md 5, 8.3).

The site's anchor is `#par<label>` where the label is printed `3.` or `F.` at a line
start. Where a label repeats in a cable (lettered paragraphs restarting per section)
only the first occurrence gets the anchor; every occurrence is flagged
`anchor_ambiguous`, and our own locator qualifies the label with the section's short
key (`07DUSHANBE313 ¶PREVENTION.F`) or the numbered paragraph a lettered run hangs
from (`¶5.B`). Unlabelled paragraphs are located by position (`¶p3`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from bot.cables.structure.paragraphs import ParsedParagraph

_WORD = re.compile(r"[A-Z0-9]+")


@dataclass(frozen=True, slots=True)
class Link:
    key: str
    permalink: str
    anchor_ambiguous: bool


def section_keys(headings: list[str]) -> dict[str, str]:
    """Short upper-case keys: the first word of each heading, more words on a clash."""
    words = {h: _WORD.findall(h.upper()) or ["SECTION"] for h in headings}
    keys: dict[str, str] = {}
    for heading, parts in words.items():
        for n in range(1, len(parts) + 1):
            key = "-".join(parts[:n])
            others = ["-".join(w[:n]) for h, w in words.items() if h != heading]
            if key not in others or n == len(parts):
                keys[heading] = key
                break
    return keys


def paragraph_links(
    paragraphs: list[ParsedParagraph], page_url: str, taken: set[str] | None = None
) -> list[Link]:
    """Links for each paragraph. `taken`: anchors the site already gave to earlier lines
    (REF bullets such as `B. RABAT 171`), which a paragraph label cannot claim."""
    counts = Counter(p.label for p in paragraphs if p.label is not None)
    keys = section_keys(list(dict.fromkeys(p.section for p in paragraphs if p.section)))
    clashing_sections = {
        p.section for p in paragraphs if p.label is not None and counts[p.label] > 1 and p.section
    }
    anchored: set[str] = set(taken or ())
    links: list[Link] = []
    for index, p in enumerate(paragraphs):
        if p.label is None:
            links.append(Link(f"p{index + 1}", page_url, False))
            continue
        ambiguous = counts[p.label] > 1 or p.label in (taken or ())
        if p.section is not None and p.section in clashing_sections:
            key = f"{keys[p.section]}.{p.label}"
        elif ambiguous and p.parent is not None:
            key = f"{p.parent}.{p.label}"
        elif ambiguous:
            key = f"{p.label}~{index + 1}"
        else:
            key = p.label
        first = p.label not in anchored
        if p.anchored and first and page_url:
            anchored.add(p.label)
            links.append(Link(key, f"{page_url}#par{p.label}", ambiguous))
        else:
            links.append(Link(key, page_url, ambiguous))
    return links
