"""What the chat layer asks of the search engine, and what it gets back."""

from __future__ import annotations

from typing import Protocol

from pydantic import BaseModel, Field

from bot.search.matches import MatchSet


class SearchFilters(BaseModel):
    """Restrictions on which paragraphs may match; all optional."""

    ref_id: str | None = None
    tags: list[str] = Field(default_factory=list)
    origin: str | None = None
    year: int | None = None
    classification: str | None = None
    # Words the cable's subject line must hold (all of them, in any form).
    subject: str | None = None
    # Dates, inclusive, as `date_key`s (YYYYMMDD; 00 for a month or day not given:
    # `from:2007` is 20070000, `to:2007-03` is 20070399).
    since: int | None = None
    until: int | None = None
    # Only cables with (True) or without (False) redacted names.
    redacted: bool | None = None


class Hit(BaseModel):
    """One matching paragraph, best first in a result."""

    ref_id: str
    section: str | None
    label: str | None
    excerpt: str
    permalink: str
    locator: str
    score: float
    # Found by the semantic ranker, not by the words it shares with the question.
    by_meaning: bool = False


class SearchResult(BaseModel):
    hits: list[Hit]
    # True when even the best hit is a poor match: the reply says so instead of guessing.
    weak: bool = False
    corrected_query: str | None = None


class SearchEngine(Protocol):
    def search(self, query: str, filters: SearchFilters, limit: int = 10) -> SearchResult: ...

    def ask(self, question: str, filters: SearchFilters, limit: int = 10) -> SearchResult: ...

    def by_date(
        self, query: str, filters: SearchFilters, limit: int, newest: bool
    ) -> SearchResult: ...

    def matching_cables(self, query: str, filters: SearchFilters) -> MatchSet: ...

    def prepare_counting(self) -> None:
        """Make now what `matching_cables` needs on its first call (seconds at full scale)."""
        ...

    def similar(self, text: str, exclude_ref_id: str, limit: int = 10) -> SearchResult:
        """Paragraphs of cables other than `exclude_ref_id` most like `text`."""
        ...
