"""The search engine: question in, best paragraphs out (SearchEngine protocol).

Safe to call from several threads at once (`asyncio.to_thread`): the tantivy
searcher is immutable and shared, and everything else is per call.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import tantivy

from bot.cables.ids import compact_id
from bot.cables.library import Library
from bot.search.api import Hit, SearchFilters, SearchResult
from bot.search.excerpt import excerpt, sentences
from bot.search.index_damage import reading_index
from bot.search.matches import CableFacts, FactTable, distinct_cables
from bot.search.query import (
    Concept,
    ParsedQuery,
    filter_query,
    flat_query,
    full_query,
    match_query,
    parse,
)
from bot.search.similar import distinctive_terms, similar_query
from bot.search.text import normalise, stemmed_analyzer
from bot.search.variants import idf

if TYPE_CHECKING:
    from bot.search.tantivy_index import IndexHandle

# Below this share of the question's weight (idf) found in the best paragraph and
# its cable's fields, the best hit is reported as a poor match; so is a best paragraph
# that never brings two of the question's words together (`together`). Calibrated on
# the dev set and off-topic questions (`make eval`).
WEAK_COVERAGE = 0.5
# The top candidates are re-scored by how much of the question they cover:
# score * (COORD_FLOOR + coverage) ** COORD. Plain BM25 sums per-word scores, so a
# paragraph repeating one rare word can outrank one that answers the question.
RERANK_DEPTH = 20
# Library-wide, the cables of this many best paragraphs under a plain term query
# are the only ones the full query scores.
CANDIDATE_PARAGRAPHS = 50
COMMON = 0.05
_CACHED_PARAGRAPHS = 20_000
_CACHED_TERMS = 100_000
COORD = 2.0
COORD_FLOOR = 0.1


@dataclass(frozen=True, slots=True)
class RankedParagraph:
    ref_id: str
    index: int
    score: float


@dataclass(frozen=True, slots=True)
class Ranking:
    parsed: ParsedQuery
    paragraphs: list[RankedParagraph]


class CableSearchEngine:
    def __init__(self, library: Library, handle: IndexHandle) -> None:
        self._library = library
        self._handle = handle
        self._schema = handle.index.schema
        self._searcher = handle.index.searcher()
        self._total = max(self._searcher.num_docs, 1)
        self._common_idf = idf(self._total * COMMON, self._total)
        self._analyzer = stemmed_analyzer()
        # Per-engine caches (lru_cache is thread-safe): re-ranking analyses the
        # same popular paragraphs again and again.
        self._terms = lru_cache(maxsize=_CACHED_PARAGRAPHS)(self._paragraph_terms)
        self._idf = lru_cache(maxsize=_CACHED_TERMS)(self._compute_idf)
        self._facts = FactTable(library.catalogue)

    @property
    def paragraphs_indexed(self) -> int:
        return int(self._searcher.num_docs)

    @property
    def built_now(self) -> bool:
        """True when opening this engine built the index (False: reused from the cache)."""
        return self._handle.built_now

    @property
    def index_inode(self) -> int | None:
        """The index's folder on disk (None: in memory), for `reading_index`."""
        return self._handle.inode

    @reading_index
    def rank(self, query: str, filters: SearchFilters, limit: int = 10) -> Ranking:
        """Best paragraphs for `query`, as (cable id, paragraph index) with scores."""
        parsed = parse(query, self._handle.speller)
        if not parsed.concepts or limit <= 0:
            return Ranking(parsed, [])
        restriction = self._restriction(filters)
        if restriction is None:
            # Across the library the full query (nested, boosted, with phrases) must
            # not score millions of paragraphs: a flat term query, which tantivy
            # prunes (block-max WAND), picks the candidate cables first.
            cables = self._candidate_cables(parsed)
            if not cables:
                return Ranking(parsed, [])
            restriction = tantivy.Query.term_set_query(self._schema, "ref", cables)
        scored = full_query(self._schema, parsed, restriction, self._handle.variants)
        found = self._searcher.search(scored, max(limit, RERANK_DEPTH))
        ranked = []
        for score, address in found.hits:
            doc = self._searcher.doc(address)
            ranked.append(RankedParagraph(doc["ref"][0], int(doc["para"][0]), float(score)))
        if COORD:
            ranked = [
                RankedParagraph(
                    r.ref_id, r.index, r.score * (COORD_FLOOR + self.coverage(parsed, r)) ** COORD
                )
                for r in ranked
            ]
            ranked.sort(key=lambda r: -r.score)
        return Ranking(parsed, ranked[:limit])

    def _restriction(self, filters: SearchFilters) -> tantivy.Query | None:
        ref_id = None
        if filters.ref_id is not None:
            cable = self._library.get(filters.ref_id)
            ref_id = cable.ref_id if cable is not None else compact_id(filters.ref_id)
        return filter_query(self._schema, filters, ref_id)

    @reading_index
    def search(self, query: str, filters: SearchFilters, limit: int = 10) -> SearchResult:
        ranking = self.rank(query, filters, limit)
        parsed = ranking.parsed
        hits = self._hits(parsed, ranking.paragraphs)
        best = ranking.paragraphs[0] if hits else None
        weak = (
            best is None
            or self.coverage(parsed, best) < WEAK_COVERAGE
            or not self.together(parsed, best)
        )
        return SearchResult(hits=hits, weak=weak, corrected_query=parsed.corrected)

    @reading_index
    def by_date(self, query: str, filters: SearchFilters, limit: int, newest: bool) -> SearchResult:
        """The paragraphs holding every word (`match_query`), newest or oldest cable first."""
        parsed = parse(query, self._handle.speller)
        if not parsed.concepts or limit <= 0:
            return SearchResult(hits=[], corrected_query=parsed.corrected)
        found = self._searcher.search(
            match_query(self._schema, parsed, self._restriction(filters), self._handle.variants),
            limit,
            count=False,
            order_by_field="date",
            order=tantivy.Order.Desc if newest else tantivy.Order.Asc,
        )
        ranked = []
        for _, address in found.hits:
            doc = self._searcher.doc(address)
            ranked.append(RankedParagraph(doc["ref"][0], int(doc["para"][0]), 0.0))
        hits = self._hits(parsed, ranked)
        return SearchResult(hits=hits, weak=not hits, corrected_query=parsed.corrected)

    @reading_index
    def matching_cables(self, query: str, filters: SearchFilters) -> list[CableFacts]:
        """Every cable with a paragraph holding every word of `query` (all cables within
        the filters when it has none), with the facts facets and timelines count."""
        parsed = parse(query, self._handle.speller)
        refs = distinct_cables(
            self._schema,
            self._searcher,
            match_query(self._schema, parsed, self._restriction(filters), self._handle.variants),
        )
        return [facts for ref in refs if (facts := self._facts.get(ref)) is not None]

    def _hits(self, parsed: ParsedQuery, paragraphs: list[RankedParagraph]) -> list[Hit]:
        weights = {term: self._idf(term) for term in parsed.terms}
        hits: list[Hit] = []
        for ranked in paragraphs:
            cable = self._library.get(ranked.ref_id)
            if cable is None or ranked.index >= len(cable.paragraphs):
                continue  # the library changed under a reused index; skip, never crash
            paragraph = cable.paragraphs[ranked.index]
            # Highlight a phrase's words only where the whole phrase matched: "United
            # Arab Emirates" must not bold every "United".
            found = self._terms(ranked.ref_id, ranked.index)
            shown = {
                term: weights[term]
                for concept in parsed.concepts
                for alt in concept.alternatives
                if all(t.stem in found for t in alt)
                for term in (t.stem for t in alt)
            }
            hits.append(
                Hit(
                    ref_id=cable.ref_id,
                    section=paragraph.section,
                    label=paragraph.label,
                    excerpt=excerpt(paragraph.text, shown),
                    permalink=paragraph.permalink,
                    locator=paragraph.locator,
                    score=round(ranked.score, 4),
                )
            )
        return hits

    @reading_index
    def similar(self, text: str, exclude_ref_id: str, limit: int = 10) -> SearchResult:
        """Paragraphs of other cables most like `text` (a paragraph, or a whole cable's
        text), best first."""
        stems = self._analyzer.analyze(normalise(text))
        terms = distinctive_terms(stems, self._idf)
        if not terms or limit <= 0:
            return SearchResult(hits=[], weak=True)
        query = similar_query(self._schema, terms, self._handle.variants, exclude_ref_id)
        weights = dict(terms)
        hits: list[Hit] = []
        for score, address in self._searcher.search(query, limit).hits:
            doc = self._searcher.doc(address)
            cable = self._library.get(doc["ref"][0])
            index = int(doc["para"][0])
            if cable is None or index >= len(cable.paragraphs):
                continue  # the library changed under a reused index; skip, never crash
            paragraph = cable.paragraphs[index]
            hits.append(
                Hit(
                    ref_id=cable.ref_id,
                    section=paragraph.section,
                    label=paragraph.label,
                    excerpt=excerpt(paragraph.text, weights),
                    permalink=paragraph.permalink,
                    locator=paragraph.locator,
                    # Summed in index order: the last digits differ between index builds.
                    score=round(float(score), 2),
                )
            )
        return SearchResult(hits=hits, weak=not hits)

    def _candidate_cables(self, parsed: ParsedQuery) -> list[str]:
        # Words in more than a twentieth of all paragraphs ("say", "government")
        # hardly tell cables apart and cost the most to scan: left to the full
        # query, unless the question has nothing rarer.
        def weight(concept: Concept) -> float:
            return max(self._idf(t.stem) for alt in concept.alternatives for t in alt)

        words = [c for c in parsed.concepts if not c.bonus]
        rare = {id(c) for c in words if weight(c) >= self._common_idf}
        keep = (lambda c: id(c) in rare) if rare else (lambda c: True)
        found = self._searcher.search(
            flat_query(self._schema, parsed, keep, self._handle.variants),
            CANDIDATE_PARAGRAPHS,
            count=False,
        )
        return sorted({self._searcher.doc(address)["ref"][0] for _, address in found.hits})

    def coverage(self, parsed: ParsedQuery, best: RankedParagraph) -> float:
        """Share of the question's weight found in `best` and its cable's fields."""
        found = self._terms(best.ref_id, best.index)
        total = matched = 0.0
        for concept in parsed.concepts:
            if concept.bonus:
                continue
            weight = concept.weight * max(
                self._idf(t.stem) for alt in concept.alternatives for t in alt
            )
            total += weight
            if _holds(found, concept):
                matched += weight / 2 if concept.guessed else weight
        return matched / total if total else 0.0

    def together(self, parsed: ParsedQuery, best: RankedParagraph) -> bool:
        """Whether `best` brings two of the question's words together: in one sentence
        of its text, or one there and one that only its heading or cable's fields hold.

        A long paragraph can hold every word of a general question far apart ("what
        is the capital of France": political capital in one sentence, France in
        others) and so cover it without answering it; no dev question's best hit
        fails this test (`make eval`)."""
        concepts = [c for c in parsed.concepts if not c.bonus]
        if len(concepts) < 2:
            return True
        cable = self._library.get(best.ref_id)
        if cable is None or best.index >= len(cable.paragraphs):
            return False
        text = cable.paragraphs[best.index].text
        own = self._analyze(text)
        found = self._terms(best.ref_id, best.index)
        from_fields = sum(_holds(found, c) and not _holds(own, c) for c in concepts)
        return from_fields >= 2 or any(
            from_fields + sum(_holds(self._analyze(text[a:b]), c) for c in concepts) >= 2
            for a, b in sentences(text)
        )

    def _analyze(self, text: str) -> frozenset[str]:
        return frozenset(self._analyzer.analyze(normalise(text)))

    def _compute_idf(self, term: str) -> float:
        df = self._handle.variants.paragraphs(term)
        if df is None:  # not a word of letters: indexed as written
            df = self._searcher.doc_freq("body", term)
        return idf(df, self._total)

    def _paragraph_terms(self, ref_id: str, index: int) -> frozenset[str]:
        """Index terms of a paragraph, its heading and its cable's fields."""
        cable = self._library.get(ref_id)
        if cable is None or index >= len(cable.paragraphs):
            return frozenset()
        paragraph = cable.paragraphs[index]
        fields = (paragraph.text, paragraph.section or "", cable.subject, cable.ref_id)
        return self._analyze(" ".join((*fields, cable.origin, " ".join(cable.tags))))


def _holds(terms: frozenset[str], concept: Concept) -> bool:
    return any(all(t.stem in terms for t in alt) for alt in concept.alternatives)
