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
from bot.cables.model import Cable
from bot.search.api import Hit, SearchFilters, SearchResult
from bot.search.excerpt import excerpt, sentences
from bot.search.in_cable import Terms, weighed_in_cable
from bot.search.index_damage import reading_index
from bot.search.matches import LazyColumns, MatchSet, distinct_cables, match_set
from bot.search.query import (
    Concept,
    ParsedQuery,
    filter_query,
    flat_query,
    full_query,
    match_query,
    parse,
)
from bot.search.semantic.fusion import fuse
from bot.search.semantic.vectors import DenseMatch, ParagraphVectors
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
# With the semantic ranker: the encoder's best paragraphs added to the lexical
# candidates library-wide, and the cosine at which a best hit that shares too few of
# the question's words still answers it (below: "no good match"). Calibrated on the
# dev set and the off-topic questions (`make eval`).
DENSE_CANDIDATES = 50
DENSE_STRONG = 0.5
# Library-wide with filters, this many of the encoder's best paragraphs are checked
# against the filters to find DENSE_CANDIDATES that pass.
_DENSE_FILTERED = 400
# The encoder's candidates are scored lexically among this many best paragraphs of
# their cables per candidate (one not among them shares too little to matter).
_DENSE_SCORED = 4
# Library-wide with meaning, the cables of this many best hits order their own
# paragraphs as the same question asked inside that cable does: min-max scaling over
# the whole library's candidates can order one cable's paragraphs differently.
IN_CABLE_ORDER = 3


@dataclass(frozen=True, slots=True)
class RankedParagraph:
    ref_id: str
    index: int
    score: float
    # The encoder's best window of this paragraph, when it was consulted.
    dense: DenseMatch | None = None


@dataclass(frozen=True, slots=True)
class Ranking:
    parsed: ParsedQuery
    paragraphs: list[RankedParagraph]


class CableSearchEngine:
    def __init__(
        self, library: Library, handle: IndexHandle, vectors: ParagraphVectors | None = None
    ) -> None:
        self._library = library
        self._handle = handle
        # The semantic ranker; None answers by shared words alone (settings.semantic off).
        self.vectors = vectors
        self._schema = handle.index.schema
        self._searcher = handle.index.searcher()
        self._total = max(self._searcher.num_docs, 1)
        self._common_idf = idf(self._total * COMMON, self._total)
        self._analyzer = stemmed_analyzer()
        # Per-engine caches (lru_cache is thread-safe): re-ranking analyses the
        # same popular paragraphs again and again.
        self._terms = lru_cache(maxsize=_CACHED_PARAGRAPHS)(self._paragraph_terms)
        self._text_terms = lru_cache(maxsize=_CACHED_PARAGRAPHS)(self._sentence_terms)
        self._idf = lru_cache(maxsize=_CACHED_TERMS)(self._compute_idf)
        self._columns = LazyColumns(handle.cables, library.catalogue)

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

    @property
    def handle(self) -> IndexHandle:
        return self._handle

    @reading_index
    def rank(
        self, query: str, filters: SearchFilters, limit: int = 10, meaning: bool = False
    ) -> Ranking:
        """Best paragraphs for `query`, as (cable id, paragraph index) with scores; with
        `meaning` (and the semantic ranker on), by meaning as well as by shared words."""
        parsed = parse(query, self._handle.speller)
        if not parsed.concepts or limit <= 0:
            return Ranking(parsed, [])
        cable = self._library.get(filters.ref_id) if filters.ref_id is not None else None
        restriction = self._restriction(filters, cable)
        vectors = self.vectors if meaning else None
        depth = max(limit, RERANK_DEPTH)
        if vectors is not None:
            # Fusion needs a lexical score for every paragraph it may rank.
            depth = max(depth, len(cable.paragraphs) if cable else CANDIDATE_PARAGRAPHS)
        # Fused with meaning, a cable's topic words weigh less inside it (`in_cable`).
        scoring = parsed
        if cable is not None and vectors is not None:
            terms = [self._terms(cable.ref_id, i) for i in range(len(cable.paragraphs))]
            scoring = weighed_in_cable(parsed, terms)
        ranked = self._lexical(scoring, restriction, depth)
        if vectors is None or (filters.ref_id is not None and cable is None):
            return Ranking(parsed, ranked[:limit])
        if cable is not None:
            vectors.ensure(cable)  # on demand: a cable asked about is encoded now
            dense = vectors.in_cable(query, cable.ref_id)
        else:
            dense = self._dense_top(query, restriction)
            ranked = ranked + self._lexical_of(parsed, dense, ranked)
        fused = self._fused(query, ranked, dense)[:limit]
        if cable is None:
            fused = self._in_cable_order(query, filters, fused)
        return Ranking(parsed, fused)

    def _in_cable_order(
        self, query: str, filters: SearchFilters, fused: list[RankedParagraph]
    ) -> list[RankedParagraph]:
        """`fused` with the places of each of its first IN_CABLE_ORDER hits' cables
        refilled by that cable's paragraphs in the order asking inside it gives."""
        assert self.vectors is not None
        ordered = list(fused)
        for ref_id in dict.fromkeys(r.ref_id for r in fused[:IN_CABLE_ORDER]):
            if not self.vectors.has(ref_id):
                continue  # never encoded on a library-wide question: that can take 1 s
            places = [i for i, r in enumerate(fused) if r.ref_id == ref_id]
            inside = self.rank(
                query, filters.model_copy(update={"ref_id": ref_id}), len(places), meaning=True
            ).paragraphs
            for place, paragraph in zip(places, inside, strict=True):
                ordered[place] = RankedParagraph(
                    paragraph.ref_id, paragraph.index, fused[place].score, paragraph.dense
                )
        return ordered

    def _lexical(
        self, parsed: ParsedQuery, restriction: tantivy.Query | None, depth: int
    ) -> list[RankedParagraph]:
        if restriction is None:
            # Across the library the full query (nested, boosted, with phrases) must
            # not score millions of paragraphs: a flat term query, which tantivy
            # prunes (block-max WAND), picks the candidate cables first.
            cables = self._candidate_cables(parsed)
            if not cables:
                return []
            restriction = tantivy.Query.term_set_query(self._schema, "ref", cables)
        return self._scored(parsed, restriction, depth)

    def _lexical_of(
        self, parsed: ParsedQuery, dense: list[DenseMatch], lexical: list[RankedParagraph]
    ) -> list[RankedParagraph]:
        """The lexical scores of the encoder's candidates that the lexical candidates
        lack: library-wide, a paragraph found by meaning in a cable the term query did
        not pick would otherwise fuse as if it shared no word with the question."""
        have = {(r.ref_id, r.index) for r in lexical}
        wanted = {(m.ref_id, m.index) for m in dense} - have
        if not wanted:
            return []
        refs = sorted({ref_id for ref_id, _ in wanted})
        within = tantivy.Query.term_set_query(self._schema, "ref", refs)
        return self._scored(parsed, within, _DENSE_SCORED * len(wanted), wanted)

    def _scored(
        self,
        parsed: ParsedQuery,
        restriction: tantivy.Query,
        depth: int,
        only: set[tuple[str, int]] | None = None,
    ) -> list[RankedParagraph]:
        """The full query's best `depth` paragraphs within `restriction` (those of them
        in `only`, if given), re-ranked by how much of the question each covers."""
        scored = full_query(self._schema, parsed, restriction, self._handle.variants)
        found = self._searcher.search(scored, depth)
        ranked = []
        for score, address in found.hits:
            doc = self._searcher.doc(address)
            ref_id, index = doc["ref"][0], int(doc["para"][0])
            if only is None or (ref_id, index) in only:
                ranked.append(RankedParagraph(ref_id, index, float(score)))
        if COORD:
            weights = self._weights(parsed)
            ranked = [
                RankedParagraph(
                    r.ref_id, r.index, r.score * (COORD_FLOOR + self._covered(weights, r)) ** COORD
                )
                for r in ranked
            ]
            ranked.sort(key=lambda r: -r.score)
        return ranked

    def _restriction(
        self, filters: SearchFilters, cable: Cable | None = None
    ) -> tantivy.Query | None:
        """The filters as a query; `cable` is the filters' cable when the caller has it."""
        ref_id = None
        if filters.ref_id is not None:
            cable = cable or self._library.get(filters.ref_id)
            ref_id = cable.ref_id if cable is not None else compact_id(filters.ref_id)
        return filter_query(self._schema, filters, ref_id)

    def _dense_top(self, query: str, restriction: tantivy.Query | None) -> list[DenseMatch]:
        """The encoder's best paragraphs library-wide (of the cables with vectors), only
        of cables that pass the filters."""
        assert self.vectors is not None
        if restriction is None:
            return self.vectors.top(query, DENSE_CANDIDATES)
        found = self.vectors.top(query, _DENSE_FILTERED)
        refs = sorted({m.ref_id for m in found})
        if not refs:
            return []
        passing = tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Must, restriction),
                (tantivy.Occur.Must, tantivy.Query.term_set_query(self._schema, "ref", refs)),
            ]
        )
        hits = self._searcher.search(passing, _DENSE_FILTERED * 20, count=False).hits
        allowed = {self._searcher.doc(address)["ref"][0] for _, address in hits}
        return [m for m in found if m.ref_id in allowed][:DENSE_CANDIDATES]

    def _fused(
        self, query: str, lexical: list[RankedParagraph], dense: list[DenseMatch]
    ) -> list[RankedParagraph]:
        """Lexical and dense candidates in one order. A lexical candidate of a cable
        with vectors gets its cosine too, even outside the encoder's top."""
        assert self.vectors is not None
        matches = {(m.ref_id, m.index): m for m in dense}
        # Every lexical candidate's cable, even one in the encoder's top: a paragraph
        # of it outside that top must not fuse as if its cable had no vectors.
        for ref_id in {r.ref_id for r in lexical if (r.ref_id, r.index) not in matches}:
            if self.vectors.has(ref_id):
                for m in self.vectors.in_cable(query, ref_id):
                    matches.setdefault((m.ref_id, m.index), m)
        words = {(r.ref_id, r.index): r.score for r in lexical}
        fused = fuse(words, {key: m.cosine for key, m in matches.items()})
        order = sorted(fused, key=lambda key: -fused[key])
        return [RankedParagraph(k[0], k[1], fused[k], matches.get(k)) for k in order]

    def ask(self, question: str, filters: SearchFilters, limit: int = 10) -> SearchResult:
        """The paragraphs that answer a plain question: by meaning too (`!ask`)."""
        return self.search(question, filters, limit, meaning=True)

    @reading_index
    def search(
        self, query: str, filters: SearchFilters, limit: int = 10, meaning: bool = False
    ) -> SearchResult:
        """Paragraphs by the words they share with `query` (`!search`); see `rank`."""
        ranking = self.rank(query, filters, limit, meaning)
        parsed = ranking.parsed
        hits = self._hits(parsed, ranking.paragraphs)
        best = ranking.paragraphs[0] if hits else None
        weak = best is None or (
            self._words_weak(parsed, best)
            and (best.dense is None or best.dense.cosine < DENSE_STRONG)
        )
        return SearchResult(hits=hits, weak=weak, corrected_query=parsed.corrected)

    def _words_weak(self, parsed: ParsedQuery, ranked: RankedParagraph) -> bool:
        """Whether the paragraph's shared words alone make it a poor answer."""
        return self.coverage(parsed, ranked) < WEAK_COVERAGE or not self.together(parsed, ranked)

    def by_meaning(self, parsed: ParsedQuery, ranked: RankedParagraph) -> bool:
        """Whether `ranked` is there by meaning rather than by the words it shares: the
        encoder ranked it, and its words alone would make it a poor match."""
        return ranked.dense is not None and self._words_weak(parsed, ranked)

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

    def prepare_counting(self) -> None:
        self._columns.get()

    @property
    def counting_prepared(self) -> bool:
        return self._columns.made

    @reading_index
    def matching_cables(self, query: str, filters: SearchFilters) -> MatchSet:
        """Every cable with a paragraph holding every word of `query` (all cables within
        the filters when it has none), as facets and timelines count them."""
        parsed = parse(query, self._handle.speller)
        numbers = distinct_cables(
            self._schema,
            self._searcher,
            match_query(self._schema, parsed, self._restriction(filters), self._handle.variants),
        )
        return match_set(self._columns.get(), numbers)

    def _hits(self, parsed: ParsedQuery, paragraphs: list[RankedParagraph]) -> list[Hit]:
        weights = {term: self._idf(term) for term in parsed.terms}
        sought = frozenset(weights)
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
            meaning = self.by_meaning(parsed, ranked)
            around = (ranked.dense.start, ranked.dense.end) if meaning and ranked.dense else None
            hits.append(
                Hit(
                    ref_id=cable.ref_id,
                    section=paragraph.section,
                    label=paragraph.label,
                    excerpt=excerpt(paragraph.text, shown, around=around, sought=sought),
                    permalink=paragraph.permalink,
                    locator=paragraph.locator,
                    score=round(ranked.score, 4),
                    by_meaning=meaning,
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
        return self._covered(self._weights(parsed), best)

    def _weights(self, parsed: ParsedQuery) -> list[tuple[Concept, float]]:
        """Each of the question's concepts (bonus ones left out) with its weight."""
        return [
            (c, c.weight * max(self._idf(t.stem) for alt in c.alternatives for t in alt))
            for c in parsed.concepts
            if not c.bonus
        ]

    def _covered(self, weights: list[tuple[Concept, float]], best: RankedParagraph) -> float:
        found = self._terms(best.ref_id, best.index)
        total = sum(weight for _, weight in weights)
        matched = sum(
            weight / 2 if concept.guessed else weight
            for concept, weight in weights
            if _holds(found, concept)
        )
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
        analysed = self._text_terms(best.ref_id, best.index)
        if analysed is None:
            return False
        own, by_sentence = analysed
        found = self._terms(best.ref_id, best.index)
        from_fields = sum(_holds(found, c) and not _holds(own, c) for c in concepts)
        return from_fields >= 2 or any(
            from_fields + sum(_holds(terms, c) for c in concepts) >= 2 for terms in by_sentence
        )

    def _analyze(self, text: str) -> Terms:
        return dict.fromkeys(self._analyzer.analyze(normalise(text)))

    def _compute_idf(self, term: str) -> float:
        df = self._handle.variants.paragraphs(term)
        if df is None:  # not a word of letters: indexed as written
            df = self._searcher.doc_freq("body", term)
        return idf(df, self._total)

    def _sentence_terms(self, ref_id: str, index: int) -> tuple[Terms, tuple[Terms, ...]] | None:
        """Index terms of a paragraph's text, and of each of its sentences (None: no
        such paragraph). Cached: `together` asks again for every hit of every answer."""
        cable = self._library.get(ref_id)
        if cable is None or index >= len(cable.paragraphs):
            return None
        text = cable.paragraphs[index].text
        return self._analyze(text), tuple(self._analyze(text[a:b]) for a, b in sentences(text))

    def _paragraph_terms(self, ref_id: str, index: int) -> Terms:
        """Index terms of a paragraph, its heading and its cable's fields."""
        cable = self._library.get(ref_id)
        if cable is None or index >= len(cable.paragraphs):
            return {}
        paragraph = cable.paragraphs[index]
        fields = (paragraph.text, paragraph.section or "", cable.subject, cable.ref_id)
        return self._analyze(" ".join((*fields, cable.origin, " ".join(cable.tags))))


def _holds(terms: Terms, concept: Concept) -> bool:
    return any(all(t.stem in terms for t in alt) for alt in concept.alternatives)
