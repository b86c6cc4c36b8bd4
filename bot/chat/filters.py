"""Filters shared by `!search`, `!ask`, `!browse` and `!timeline`: `tag:` `origin:`
`year:` (a year or `2006-2008`) `from:` `to:` `subject:` `class:` `redacted:` `sort:`
`page:`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz import process

from bot.cables.model import Cable
from bot.chat.dates import FIRST_YEAR, LAST_YEAR, date_bound, year_range
from bot.chat.errors import UserError
from bot.chat.grammar import FILTER_ALIASES, FilterSplit, split_filters
from bot.chat.text import echo
from bot.search.api import SearchFilters
from bot.search.tantivy_index import date_key
from bot.search.text import stem, words

# Pages past this are never needed and would make a flood of work.
MAX_PAGE = 100
# Classification levels; a marking may add a caveat (`SECRET//NOFORN`).
LEVELS = ("UNCLASSIFIED", "LIMITED OFFICIAL USE", "CONFIDENTIAL", "SECRET", "TOP SECRET")


FILTER_EXAMPLES = {
    "tag": "tag:KCRM",
    "origin": 'origin:dushanbe or origin:"buenos aires"',
    "year": "year:2007 or year:2006-2008",
    "from": "from:2007-03",
    "to": "to:2008",
    "subject": 'subject:trafficking or subject:"human rights"',
    "class": "class:secret",
    "redacted": "redacted:yes",
    "sort": "sort:newest",
    "page": "page:2",
}
Sort = Literal["relevance", "newest", "oldest"]
_SORTS: dict[str, Sort] = {"relevance": "relevance", "newest": "newest", "oldest": "oldest"}
_YES_NO = {"yes": True, "y": True, "true": True, "no": False, "n": False, "false": False}


class FilterError(UserError):
    """The user asked for a filter value that cannot be used."""


@dataclass(slots=True)
class Filters:
    words: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    origin: str | None = None
    year: int | None = None
    classification: str | None = None
    page: int = 1
    subject: str | None = None
    # Inclusive date keys (see bot.chat.dates), from `from:`, `to:` and `year:` ranges.
    since: int | None = None
    until: int | None = None
    redacted: bool | None = None
    sort: Sort = "relevance"
    # The date filters as typed, for echoing.
    typed_dates: dict[str, str] = field(default_factory=dict)

    def shown(self) -> dict[str, str]:
        """The filters as the user wrote them, made safe for echoing in replies."""
        shown = {"tag": " ".join(self.tags)} if self.tags else {}
        if self.origin:
            shown["origin"] = self.origin
        if self.year is not None:
            shown["year"] = str(self.year)
        shown.update(self.typed_dates)
        if self.subject:
            shown["subject"] = self.subject
        if self.classification:
            shown["class"] = self.classification
        if self.redacted is not None:
            shown["redacted"] = "yes" if self.redacted else "no"
        return {key: echo(value) for key, value in shown.items()}

    def needs_index(self) -> bool:
        """Filters only the search index can apply (the catalogue has no text)."""
        return self.subject is not None or self.redacted is not None

    def any_set(self) -> bool:
        return bool(self.shown())

    def to_search(self, ref_id: str | None = None) -> SearchFilters:
        return SearchFilters(
            ref_id=ref_id,
            tags=self.tags,
            origin=self.origin,
            year=self.year,
            classification=self.classification,
            subject=self.subject,
            since=self.since,
            until=self.until,
            redacted=self.redacted,
        )

    def matches(self, cable: Cable) -> bool:
        # Called on every cable of the library by `!browse`: no sets built per call.
        if self.tags and any(tag not in cable.tags for tag in self.tags):
            return False
        if self.origin and self.origin.lower() not in cable.origin.lower():
            return False
        if self.year is not None and (cable.created is None or cable.created.year != self.year):
            return False
        if self.since is not None or self.until is not None:
            key = date_key(cable)
            if not (self.since or 0) <= key <= (self.until or key):
                return False
        return self.classification is None or classification_matches(
            self.classification, cable.classification
        )


def as_typed(shown: dict[str, str]) -> str:
    """Filters as one would type them: `tag:KCRM tag:PHUM origin:"buenos aires"`."""
    words = []
    for key, value in shown.items():
        values = value.split() if key == "tag" else [value]
        words += [f'{key}:"{v}"' if " " in v else f"{key}:{v}" for v in values]
    return " ".join(words)


def classification_matches(wanted: str, actual: str) -> bool:
    """`SECRET` matches SECRET and SECRET//NOFORN; a full marking matches only itself."""
    wanted, actual = _compact(wanted), _compact(actual)
    return actual == wanted or ("//" not in wanted and actual.split("//")[0] == wanted)


def _compact(marking: str) -> str:
    return "".join(marking.upper().split())


def _classification(value: str) -> str:
    """The value upper-cased, after checking its level is a real one (a typo finds nothing)."""
    marking = " ".join(value.upper().split())
    level = marking.split("//")[0].strip()
    if level not in LEVELS:
        close = [name for name, _, _ in process.extract(level, LEVELS, limit=2)]
        raise FilterError(
            f"class: needs a classification such as {' or '.join(close)}, not {echo(value)}.",
            [
                f'class:"{name.lower()}"' if " " in name else f"class:{name.lower()}"
                for name in close
            ],
        )
    return marking


def _number(key: str, value: str, low: int, high: int) -> int:
    # ASCII only: `isdigit` also accepts digits `int` refuses (`᧚`, `𐩀`).
    if not (value.isascii() and value.isdigit()) or not low <= int(value) <= high:
        raise FilterError(f"{key}: needs a number from {low} to {high}, not {echo(value)}.")
    return int(value)


def parse_filters(text: str) -> Filters:
    return read_filters(split_filters(text))


def read_filters(split: FilterSplit) -> Filters:
    """The filters of `split`, each value checked (a FilterError says what is wrong)."""
    if split.unknown:
        known = sorted(set(FILTER_ALIASES.values()))
        raise FilterError(
            f"Unknown filter {echo(split.unknown[0])}:. Filters: "
            + " ".join(f"{key}:" for key in known)
            + ".",
            [f"{key}:" for key in known],
        )
    if split.empty:
        key = split.empty[0]
        raise FilterError(f"{key}: needs a value, e.g. {FILTER_EXAMPLES[key]}.")
    values = split.filters
    since, until, typed_dates = _dates(values)
    return Filters(
        words=split.words,
        tags=values["tag"].upper().split() if "tag" in values else [],
        origin=values.get("origin"),
        year=_number("year", values["year"], FIRST_YEAR, LAST_YEAR)
        if "year" in values and "year" not in typed_dates
        else None,
        classification=_classification(values["class"]) if "class" in values else None,
        page=_number("page", values["page"], 1, MAX_PAGE) if "page" in values else 1,
        subject=_subject(values["subject"]) if "subject" in values else None,
        since=since,
        until=until,
        redacted=_yes_no(values["redacted"]) if "redacted" in values else None,
        sort=_sort(values["sort"]) if "sort" in values else "relevance",
        typed_dates=typed_dates,
    )


def _dates(values: dict[str, str]) -> tuple[int | None, int | None, dict[str, str]]:
    """The date keys of `year:` ranges, `from:` and `to:` (all apply together)."""
    bounds: list[tuple[int, int]] = []
    typed: dict[str, str] = {}
    years = year_range(values["year"]) if "year" in values else None
    if years is not None:
        bounds.append((years[0] * 10_000, years[1] * 10_000 + 9_999))
        typed["year"] = values["year"]
    since = until = None
    if "from" in values:
        since = date_bound("from", values["from"], upper=False)
        typed["from"] = values["from"]
    if "to" in values:
        until = date_bound("to", values["to"], upper=True)
        typed["to"] = values["to"]
    if since is not None and until is not None and since > until:
        raise FilterError(
            f"from:{echo(values['from'])} comes after to:{echo(values['to'])}; "
            "e.g. `from:2007 to:2008`."
        )
    for low, high in bounds:
        since, until = max(since or low, low), min(until or high, high)
    return since, until, typed


def _subject(value: str) -> str:
    if not any(stem(word) for word in words(value)):
        raise FilterError(
            f"subject: needs a word to look for in subject lines, not {echo(value)}; "
            f"e.g. {FILTER_EXAMPLES['subject']}."
        )
    return value


def _yes_no(value: str) -> bool:
    answer = _YES_NO.get(value.lower())
    if answer is None:
        raise FilterError(
            f"redacted: takes yes or no, not {echo(value)}: `redacted:yes` keeps the cables "
            "with names removed (runs of X), `redacted:no` the others.",
            ["redacted:yes", "redacted:no"],
        )
    return answer


def _sort(value: str) -> Sort:
    sort = _SORTS.get(value.lower())
    if sort is None:
        raise FilterError(
            f"sort: takes {', '.join(_SORTS)}, not {echo(value)}; e.g. `sort:newest`.",
            [f"sort:{name}" for name in _SORTS],
        )
    return sort
