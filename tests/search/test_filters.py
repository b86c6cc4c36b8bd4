"""Each filter restricts hits to matching cables, and still finds them."""

from __future__ import annotations

from bot.cables.library import Library
from bot.search.api import SearchFilters
from bot.search.engine import CableSearchEngine
from bot.search.tantivy_index import cable_year

QUESTION = "trafficking victims"


def _cables(engine: CableSearchEngine, library: Library, filters: SearchFilters) -> list[str]:
    hits = engine.search(QUESTION, filters, limit=20).hits
    assert hits, filters
    return [hit.ref_id for hit in hits]


def test_ref_id_filter_accepts_loose_spelling(engine: CableSearchEngine, library: Library) -> None:
    assert set(_cables(engine, library, SearchFilters(ref_id="07 dushanbe-313"))) == {
        "07DUSHANBE313"
    }


def test_unknown_ref_id_finds_nothing(engine: CableSearchEngine) -> None:
    assert engine.search(QUESTION, SearchFilters(ref_id="99NOWHERE1"), 5).hits == []


def test_tag_filter(engine: CableSearchEngine, library: Library) -> None:
    for ref_id in _cables(engine, library, SearchFilters(tags=["kcrm"])):
        cable = library.get(ref_id)
        assert cable is not None and "KCRM" in cable.tags


def test_origin_filter_matches_part_of_the_origin(
    engine: CableSearchEngine, library: Library
) -> None:
    for ref_id in _cables(engine, library, SearchFilters(origin="dushanbe")):
        cable = library.get(ref_id)
        assert cable is not None and cable.origin == "Embassy Dushanbe"


def test_year_filter(engine: CableSearchEngine, library: Library) -> None:
    for ref_id in _cables(engine, library, SearchFilters(year=2007)):
        cable = library.get(ref_id)
        assert cable is not None and cable_year(cable) == 2007


def test_classification_filter_matches_the_leading_level(
    engine: CableSearchEngine, library: Library
) -> None:
    found = _cables(engine, library, SearchFilters(classification="confidential"))
    for ref_id in found:
        cable = library.get(ref_id)
        assert cable is not None and cable.classification.startswith("CONFIDENTIAL")


def test_filters_combine(engine: CableSearchEngine, library: Library) -> None:
    filters = SearchFilters(origin="Dushanbe", year=2007, tags=["TI"])
    for ref_id in _cables(engine, library, filters):
        cable = library.get(ref_id)
        assert cable is not None
        assert cable.origin == "Embassy Dushanbe" and cable_year(cable) == 2007


def test_impossible_filter_values_find_nothing(engine: CableSearchEngine) -> None:
    for filters in (SearchFilters(year=-5), SearchFilters(year=10**12), SearchFilters(tags=[""])):
        result = engine.search(QUESTION, filters, 5)
        assert result.hits == [] and result.weak
