"""The loaded library: cables by id, id resolution with "did you mean", citations."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from pydantic import BaseModel, Field
from rapidfuzz import fuzz, process

from bot.cables.ids import canonical_id, compact_id
from bot.cables.model import Cable


class Duplicate(BaseModel):
    """Copies of one reference id: the one kept, the paths dropped, and why."""

    ref_id: str
    kept: str
    dropped: list[str]
    reason: str


class Rejection(BaseModel):
    """An input that gave no cable; `path` names inner records (`#row 37`, `!member`)."""

    path: str
    reason: str
    ref_id: str | None = None


class LoadReport(BaseModel):
    """Where every input went.

    `files` counts files and archive members read; `records` counts the cable
    records found in them (a cables.csv file holds many), and every record is
    accounted for: `records == cables + dropped duplicate copies + rejected`.
    """

    files: int = 0
    records: int = 0
    cables: int = 0
    duplicates: list[Duplicate] = Field(default_factory=list)
    rejected: list[Rejection] = Field(default_factory=list)
    by_format: dict[str, int] = Field(default_factory=dict)

    def dropped(self) -> int:
        return sum(len(d.dropped) for d in self.duplicates)


def newest_first(cable: Cable) -> tuple[datetime, str]:
    """The catalogue's sort key, with reverse=True: newest first, undated last."""
    return (cable.created or datetime.min, cable.ref_id)


@dataclass(slots=True)
class Resolution:
    """Outcome of resolving what a user typed as a cable id."""

    cable: Cable | None
    suggestions: list[str] = field(default_factory=list)


# A fuzzy match this close, and clearly ahead of the runner-up, is simply taken.
_TAKE_SCORE = 90.0
_TAKE_MARGIN = 5.0
_DIGITS = re.compile(r"\d+")


class Library:
    """The cables loaded, by reference id, built from its parts.

    `cables` maps each reference id to its cable; `ids` is those ids sorted;
    `aliases` maps a canonical id to the reference id it names; `cited_by` maps an
    id to the ids of the cables whose references name it; `catalogue` yields every
    cable, newest first, with at least its metadata. An in-memory library
    (`in_memory_library`) holds them all as plain dicts and lists; a stored one
    supplies a lazy mapping over its store and a catalogue built on first use.

    `fingerprint` identifies what was loaded (inputs and parser), so derived data
    such as the search index knows when it must be rebuilt.
    """

    def __init__(
        self,
        *,
        cables: Mapping[str, Cable],
        ids: list[str],
        aliases: Mapping[str, str],
        cited_by: Mapping[str, list[str]],
        catalogue: Iterable[Cable],
        report: LoadReport,
        fingerprint: str,
        copies: Callable[[str], Sequence[Cable]] | None = None,
    ) -> None:
        self._cables = cables
        self._ids = ids
        self._aliases = aliases
        self._cited_by = cited_by
        self._catalogue = catalogue
        self.report = report
        self.fingerprint = fingerprint
        self._copies = copies

    def __len__(self) -> int:
        return len(self._cables)

    def __iter__(self) -> Iterator[Cable]:
        return iter(self._cables.values())

    def catalogue(self) -> Iterator[Cable]:
        """Every cable, newest first, to list and filter by its metadata (a stored
        library serves these from memory, without the text)."""
        return iter(self._catalogue)

    def __contains__(self, ref_id: str) -> bool:
        return self.get(ref_id) is not None

    def ids(self) -> list[str]:
        return self._ids

    def get(self, text: str) -> Cable | None:
        """Exact lookup, tolerant of case, spaces, dashes and malformed spellings."""
        key = compact_id(text)
        found = self._cables.get(key)
        if found is not None:
            return found
        alias = self._aliases.get(key) or self._aliases.get(canonical_id(key))
        return self._cables.get(alias) if alias else None

    def suggest(self, text: str, limit: int = 3) -> list[tuple[str, float]]:
        """Closest ids to `text`, best first, with their similarity (0-100)."""
        key = compact_id(text)
        if not key:
            return []
        matches = process.extract(key, self._ids, scorer=fuzz.ratio, limit=limit)
        return [(ref_id, score) for ref_id, score, _ in matches]

    def resolve(self, text: str) -> Resolution:
        exact = self.get(text)
        if exact is not None:
            return Resolution(exact)
        close = self.suggest(text)
        if close and close[0][1] >= _TAKE_SCORE and _same_numbers(text, close[0][0]):
            runner_up = close[1][1] if len(close) > 1 else 0.0
            if close[0][1] - runner_up >= _TAKE_MARGIN:
                return Resolution(self._cables[close[0][0]])
        return Resolution(None, [ref_id for ref_id, _ in close])

    def rejection(self, text: str) -> Rejection | None:
        """Why the cable `text` names was in the inputs but not loaded, if it was: the
        record named the id, or the file is named after it (`85CAIRO6360.csv`)."""
        key = compact_id(text)
        for rejection in self.report.rejected:
            file_name = re.split(r"[/\\!]", rejection.path.split("#")[0])[-1]
            if key in (rejection.ref_id, compact_id(file_name.split(".")[0])):
                return rejection
        return None

    def cited_by(self, ref_id: str) -> list[str]:
        return sorted(self._cited_by.get(ref_id, []))

    def copies(self, ref_id: str) -> list[Cable]:
        """The other loaded copies of the cable `ref_id` (the duplicates the one shown
        won over), in the order they lost; none for most cables."""
        return list(self._copies(ref_id)) if self._copies is not None else []


def in_memory_library(
    cables: Iterable[Cable],
    report: LoadReport | None = None,
    fingerprint: str | None = None,
    copies: Mapping[str, list[Cable]] | None = None,
) -> Library:
    """A library holding `cables` in memory (a later copy of an id replaces an earlier);
    `copies` holds the other loaded copies of some ids (`Library.copies`)."""
    others: Mapping[str, list[Cable]] = copies or {}
    by_id: dict[str, Cable] = {}
    aliases: dict[str, str] = {}
    for cable in cables:
        by_id[cable.ref_id] = cable
        aliases.setdefault(cable.canonical_id, cable.ref_id)
    cited_by: dict[str, list[str]] = {}
    for cable in by_id.values():
        for ref in cable.references:
            cited_by.setdefault(ref.ref_id, []).append(cable.ref_id)
    return Library(
        cables=by_id,
        ids=sorted(by_id),
        aliases=aliases,
        cited_by=cited_by,
        # Sorted once: sorting 200,000 matches per `!browse` held the GIL for 100 ms.
        catalogue=sorted(by_id.values(), key=newest_first, reverse=True),
        report=report or LoadReport(files=0, cables=len(by_id)),
        fingerprint=fingerprint or _content_fingerprint(by_id.values()),
        copies=lambda ref_id: others.get(ref_id, []),
    )


def _same_numbers(typed: str, ref_id: str) -> bool:
    """A typo in the station may be corrected; a different year or serial is another cable."""
    return _DIGITS.findall(compact_id(typed)) == _DIGITS.findall(ref_id)


def _content_fingerprint(cables: Iterable[Cable]) -> str:
    """Fingerprint of a library built in memory (no input files to hash)."""
    digest = hashlib.sha256()
    for cable in sorted(cables, key=lambda c: c.ref_id):
        digest.update(cable.model_dump_json().encode())
    return digest.hexdigest()
