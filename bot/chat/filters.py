"""`tag:` `origin:` `year:` `class:` `page:` filters, shared by `!search` and `!browse`."""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import process

from bot.cables.model import Cable
from bot.chat.errors import UserError
from bot.chat.grammar import FILTER_ALIASES, FilterSplit, split_filters
from bot.chat.text import echo
from bot.search.api import SearchFilters

# Cablegate spans 1966 to 2010; other years are typos.
FIRST_YEAR, LAST_YEAR = 1966, 2010
# Pages past this are never needed and would make a flood of work.
MAX_PAGE = 100
# Classification levels; a marking may add a caveat (`SECRET//NOFORN`).
LEVELS = ("UNCLASSIFIED", "LIMITED OFFICIAL USE", "CONFIDENTIAL", "SECRET", "TOP SECRET")


FILTER_EXAMPLES = {
    "tag": "tag:KCRM",
    "origin": 'origin:dushanbe or origin:"buenos aires"',
    "year": "year:2007",
    "class": "class:secret",
    "page": "page:2",
}


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

    def shown(self) -> dict[str, str]:
        """The filters as the user wrote them, made safe for echoing in replies."""
        shown = {"tag": " ".join(self.tags)} if self.tags else {}
        if self.origin:
            shown["origin"] = self.origin
        if self.year is not None:
            shown["year"] = str(self.year)
        if self.classification:
            shown["class"] = self.classification
        return {key: echo(value) for key, value in shown.items()}

    def any_set(self) -> bool:
        return bool(self.shown())

    def to_search(self, ref_id: str | None = None) -> SearchFilters:
        return SearchFilters(
            ref_id=ref_id,
            tags=self.tags,
            origin=self.origin,
            year=self.year,
            classification=self.classification,
        )

    def matches(self, cable: Cable) -> bool:
        # Called on every cable of the library by `!browse`: no sets built per call.
        if self.tags and any(tag not in cable.tags for tag in self.tags):
            return False
        if self.origin and self.origin.lower() not in cable.origin.lower():
            return False
        if self.year is not None and (cable.created is None or cable.created.year != self.year):
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
    return Filters(
        words=split.words,
        tags=values["tag"].upper().split() if "tag" in values else [],
        origin=values.get("origin"),
        year=_number("year", values["year"], FIRST_YEAR, LAST_YEAR) if "year" in values else None,
        classification=_classification(values["class"]) if "class" in values else None,
        page=_number("page", values["page"], 1, MAX_PAGE) if "page" in values else 1,
    )
