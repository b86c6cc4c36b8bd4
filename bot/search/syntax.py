"""The operators a researcher may write among the words of a search or question.

- `a OR b` (capitals): either word will do; `"chicken street" OR kabul` too.
- `-word`, `-"a phrase"`, `NOT word`: paragraphs holding it are left out.
- `"quoted words"`: a phrase that must stand in the paragraph (read by `query.parse`).

Nothing else is an operator: `AND` is the default and dropped, and whatever looks like
another engine's syntax (`title:x`, `+word`, `word^2`, `(a OR b)`, `[2006 TO 2008]`)
stays words, since queries are built from terms and never handed to a query parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.search.text import WORD

# A quoted stretch, perhaps negated (closing quote optional), or any other token.
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@dataclass(slots=True)
class Syntax:
    # The words to look for: operators and excluded items taken out, quotes kept.
    positive: str = ""
    # Each `a OR b OR c` chain: the character spans of its items in `positive`.
    chains: list[list[tuple[int, int]]] = field(default_factory=list)
    # Whether each chain holds a quoted item (then one of its items is required).
    quoted_chains: list[bool] = field(default_factory=list)
    # Words or phrases to leave out, as written.
    excluded: list[str] = field(default_factory=list)


def read_syntax(text: str) -> Syntax:
    """The operators of `text` (already `normalise`d)."""
    out = Syntax()
    pieces: list[str] = []
    length = 0
    negate = join = False
    # The chain the last positive item belongs to, and whether it was quoted.
    last: tuple[int, int] | None = None
    last_quoted = False
    for m in _TOKEN.finditer(text):
        minus, quoted, word = m.groups()
        if word in ("OR", "|"):
            join = last is not None
            continue
        if word in ("NOT", "AND", "&&"):
            negate = negate or word == "NOT"
            continue
        if word is not None and word.startswith("-") and WORD.search(word[1:]):
            negate, word = True, word[1:]
        is_quoted = quoted is not None
        if is_quoted and minus:
            negate = True
        content = quoted if is_quoted else word
        if negate:
            out.excluded.append(content or "")
            negate = join = False
            continue
        piece = f'"{content}"' if is_quoted else (content or "")
        start = length + (1 if pieces else 0)
        pieces.append(piece)
        length = start + len(piece)
        span = (start, length)
        if join and last is not None and out.chains and out.chains[-1][-1] == last:
            out.chains[-1].append(span)
            out.quoted_chains[-1] = out.quoted_chains[-1] or is_quoted
        elif join and last is not None:
            out.chains.append([last, span])
            out.quoted_chains.append(last_quoted or is_quoted)
        join = False
        last, last_quoted = span, is_quoted
    out.positive = " ".join(pieces)
    return out
