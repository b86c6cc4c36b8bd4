"""The whole match set of a query (facets, timelines, browse) is collected by cable
number: each number names its cable, and the set is the distinct cables of every
matching paragraph, however many slices it is collected in."""

from __future__ import annotations

import tantivy

from bot.search.api import SearchFilters
from bot.search.engine import CableSearchEngine
from bot.search.matches import distinct_cables
from bot.search.query import filter_query, match_query, parse
from bot.search.tantivy_index import CABLE_NO


def _every_paragraph(searcher: tantivy.Searcher, query: tantivy.Query) -> list[tantivy.DocAddress]:
    return [address for _, address in searcher.search(query, searcher.num_docs, count=False).hits]


def test_each_paragraph_carries_the_number_of_its_cable(engine: CableSearchEngine) -> None:
    handle = engine.handle
    searcher = handle.index.searcher()
    addresses = _every_paragraph(searcher, tantivy.Query.all_query())
    assert len(addresses) == searcher.num_docs == engine.paragraphs_indexed
    numbers = searcher.fast_field_values(CABLE_NO, addresses)
    refs = [searcher.doc(address)["ref"][0] for address in addresses]
    assert [handle.cables[int(n or 0)] for n in numbers] == refs
    assert len(set(handle.cables)) == len(handle.cables)  # one number a cable


def test_match_set_is_the_cables_of_every_matching_paragraph(engine: CableSearchEngine) -> None:
    handle = engine.handle
    searcher, schema = handle.index.searcher(), handle.index.schema
    for question in ("trafficking", "nuclear OR uranium", "corruption -police", ""):
        filters = SearchFilters(since=20070000) if not question else SearchFilters()
        query = match_query(
            schema,
            parse(question, handle.speller),
            filter_query(schema, filters, None),
            handle.variants,
        )
        expected = {searcher.doc(a)["ref"][0] for a in _every_paragraph(searcher, query)}
        matched = engine.matching_cables(question, filters)
        assert sorted(matched.ref_ids()) == sorted(expected) and len(matched) == len(expected)
        assert expected, question
        # Collected a few cables at a time: many slices, the same set.
        whole = distinct_cables(schema, searcher, query)
        assert distinct_cables(schema, searcher, query, most=7).tolist() == whole.tolist()
