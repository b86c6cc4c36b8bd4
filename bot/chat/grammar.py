"""The command language: splitting a cleaned line into command, cable id, section,
paragraph labels and `key:value` filters. Pure functions of text; no library access.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.cables.ids import compact_id
from bot.chat.errors import UserError
from bot.chat.text import echo


@dataclass(slots=True, frozen=True)
class CommandLine:
    name: str
    args: str


def split_command(text: str, prefix: str) -> CommandLine | None:
    """`!cable 07DUSHANBE313` -> ("cable", "07DUSHANBE313"); the prefix is optional.

    None when nothing but the prefix (or nothing at all) was typed.
    """
    body = text[len(prefix) :] if prefix and text.startswith(prefix) else text
    name, _, args = body.strip().partition(" ")
    if not name:
        return None
    return CommandLine(name.lower(), args.strip())


_FULL_ID = re.compile(r"^(?:19|20)?(\d{2})([A-Z]+)0*(\d+)$")
# What the first tokens of an id split by spaces look like: `07`, `07 DUSHANBE`, `2007`.
_PARTIAL_ID = re.compile(r"^\d{1,4}$|^(?:19|20)?\d{2}[A-Z]+$")
# Longest id split: `07 DUSHANBE 313` is three tokens; a fourth would never belong to it.
_MAX_ID_TOKENS = 3
# Punctuation around a pasted id or link: `(07DUSHANBE313)`, `<https://...>` (no preview).
ID_EDGES = "<>()[]{}.,;:!?\"'*_~|`“”‘’"
_CABLE_URL = re.compile(r"/cable/\d{4}/\d{2}/(\w+?)\.html?(?:#par(\w+))?", re.I)
_PLUSD_URL = re.compile(r"/plusd/cables/(\w+?)(?:_[a-z]\d*)?\.html", re.I)


@dataclass(slots=True, frozen=True)
class IdSplit:
    """A cable id as typed (possibly wrong) and the words after it."""

    id_text: str
    rest: list[str]
    # Paragraph anchor taken from a pasted permalink (`...#parC`).
    anchor: str | None = None


def looks_like_id(text: str) -> bool:
    return bool(_FULL_ID.match(compact_id(text)))


def _as_id(compact: str) -> str | None:
    """`2007DUSHANBE000313` (a four-digit year, a padded serial as in page headers)
    -> `07DUSHANBE313`; None when `compact` is not a whole id."""
    m = _FULL_ID.match(compact)
    return "".join(m.groups()) if m else None


def take_id(words: list[str]) -> IdSplit | None:
    """The cable id at the start of `words`: `07DUSHANBE313`, `07 dushanbe 313`,
    `07-DUSHANBE-313`, or a WikiLeaks / PlusD link. Anything else: the first word,
    so that lookup can answer with "did you mean".
    """
    if not words:
        return None
    words = [words[0].strip(ID_EDGES) or words[0], *words[1:]]
    for pattern in (_CABLE_URL, _PLUSD_URL):
        m = pattern.search(words[0])
        if m:
            anchor = m.group(2) if pattern is _CABLE_URL else None
            return IdSplit(m.group(1).upper(), words[1:], anchor)
    joined = ""
    for i, word in enumerate(words[:_MAX_ID_TOKENS]):
        joined += compact_id(word.strip(ID_EDGES))
        ref_id = _as_id(joined)
        if ref_id is not None:
            return IdSplit(ref_id, words[i + 1 :])
        if not _PARTIAL_ID.match(joined):
            break
    return IdSplit(words[0], words[1:])


def id_text(args: str) -> str:
    """The cable id a command's arguments start with (as `take_id` reads it; any words
    after it are ignored), or "" when there are none."""
    split = take_id(args.split())
    return split.id_text if split is not None else ""


@dataclass(slots=True, frozen=True)
class LabelRange:
    """One paragraph label, or a range of them (`3-5`, `A-C`)."""

    first: str
    last: str | None = None

    def __str__(self) -> str:
        return f"¶{self.first}" + (f"-{self.last}" if self.last else "")


@dataclass(slots=True, frozen=True)
class Locator:
    """What part of a cable was asked for; both empty means the whole cable's card."""

    section: str | None = None
    labels: LabelRange | None = None


# A label as printed (`3.`, `C)`) or typed (`3`, `C`): the punctuation is not part of it.
_LABEL = r"(\d{1,3}|[A-Za-z])[.)]?"
_LABEL_AT_END = re.compile(
    r"(?:^|\s)(?:¶|§|(?:paragraphs?|paras?|par|p\.?)(?=[\s\d]))?\s*"
    + _LABEL
    + r"(?:\s*(?:-|–|to|\.\.)\s*(?:¶|§)?\s*"
    + _LABEL
    + r")?$",
    re.I,
)


# A section name taken whole: in quotes (`"Question A"`, straight or curly), or ended by a
# colon (`Question A:`), so a heading's last word is never read as a paragraph label.
_QUOTED_SECTION = re.compile(r'^["“”]([^"“”]+)["“”]\s*(.*)$')
_COLON_SECTION = re.compile(r"^(.+):\s*(.*)$")


def _labels_only(text: str) -> LabelRange | None:
    """The labels when `text` is nothing but a label or range (`3`, `¶3-5`, `para C`)."""
    m = _LABEL_AT_END.search(text)
    if m is None or text[: m.start()].strip():
        return None
    first, last = m.group(1).upper(), m.group(2)
    return LabelRange(first, last.upper() if last else None)


class BadLabel(UserError):
    """Words where paragraph labels belong that are no label or range (`3,5`, `¶3 ¶5`)."""

    def __init__(self, typed: str) -> None:
        super().__init__(
            f"{echo(typed)} is not a paragraph label or range: ask for one label (`¶3`, `F`) "
            "or a range (`¶3-5`)."
        )


def read_labels(text: str) -> LabelRange:
    """`3`, `¶3-5`, `para C` given on their own (a separate box of a form); else BadLabel."""
    labels = _labels_only(text)
    if labels is None:
        raise BadLabel(text)
    return labels


def parse_locator(words: list[str]) -> Locator:
    """`prevention F`, `¶3`, `para 3`, `3-5`, `summary` -> section query and labels;
    `"Question A"`, `Question A:` and `Question A: 3` name the section `Question A`."""
    text = " ".join(words).strip()
    if not text:
        return Locator()
    for whole in (_QUOTED_SECTION, _COLON_SECTION):
        m = whole.match(text)
        if m is None:
            continue
        rest = m.group(2).strip()
        labels = _labels_only(rest) if rest else None
        if not rest or labels is not None:
            return Locator(section=m.group(1).strip(), labels=labels)
    m = _LABEL_AT_END.search(text)
    if m is None:
        return Locator(section=text)
    first, last = m.group(1).upper(), m.group(2)
    labels = LabelRange(first, last.upper() if last else None)
    section = text[: m.start()].strip() or None
    return Locator(section=section, labels=labels)


@dataclass(slots=True)
class FilterSplit:
    """Free words and `key:value` filters (`tag:KCRM origin:dushanbe page:2`)."""

    words: list[str] = field(default_factory=list)
    filters: dict[str, str] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)
    # Known filters given no value (`tag:`, `origin:"`).
    empty: list[str] = field(default_factory=list)

    def add(self, key: str, value: str) -> None:
        """A filter given again (`tag:KCRM tag:PHUM`) adds its value to the first, after a space."""
        value = " ".join(value.split())
        previous = self.filters.get(key)
        self.filters[key] = f"{previous} {value}" if previous else value


_FILTER = re.compile(r"^([A-Za-z]+):(.*)$")
# A filter whose value is quoted (`origin:"buenos aires"`, closing quote optional), or any word.
_FILTER_OR_WORD = re.compile(r'([A-Za-z]+):"([^"]*)"?|(\S+)')
FILTER_ALIASES = {
    "tag": "tag",
    "tags": "tag",
    "origin": "origin",
    "year": "year",
    "years": "year",
    "from": "from",
    "since": "from",
    "to": "to",
    "until": "to",
    "subject": "subject",
    "class": "class",
    "classification": "class",
    "redacted": "redacted",
    "sort": "sort",
    "page": "page",
}


def split_filters(text: str) -> FilterSplit:
    """Free words and filters; a filter may be repeated (see `FilterSplit.add`)."""
    result = FilterSplit()
    for token in _FILTER_OR_WORD.finditer(text):
        word = token.group(3)
        m = _FILTER.match(word) if word is not None else token
        if m is None:
            result.words.append(word)
            continue
        key = FILTER_ALIASES.get(m.group(1).lower())
        if not m.group(2).strip(' "'):
            # `tag:` is a filter left empty; `warning:` an ordinary word with a colon.
            if key is None:
                result.words.append(word or token.group(0))
            else:
                result.empty.append(key)
            continue
        if key is None:
            result.unknown.append(m.group(1).lower())
            continue
        result.add(key, m.group(2))
    return result
