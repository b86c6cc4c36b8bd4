"""A search's match set counted by year, origin and tag, each value with the filter that
narrows the search to it."""

from __future__ import annotations

from bot.chat.replies import FacetValue, SearchFacets
from bot.search.facets import count_facets
from bot.search.matches import MatchSet

# Origins are "Embassy Dushanbe", "Consulate Rio De Janeiro": the place is what one types.
_POST_KINDS = ("Embassy ", "Consulate ", "Mission ")


def origin_filter(origin: str) -> str:
    """`Embassy Dushanbe` -> `origin:dushanbe`; `Secretary of State` ->
    `origin:"secretary of state"`."""
    place = next((origin[len(k) :] for k in _POST_KINDS if origin.startswith(k)), origin)
    place = place.lower()
    return f'origin:"{place}"' if " " in place else f"origin:{place}"


def search_facets(cables: MatchSet) -> SearchFacets:
    counted = count_facets(cables)
    return SearchFacets(
        cables=len(cables),
        year=[FacetValue(value=str(y), cables=n, filter=f"year:{y}") for y, n in counted.years],
        origin=[FacetValue(value=o, cables=n, filter=origin_filter(o)) for o, n in counted.origins],
        tag=[FacetValue(value=t, cables=n, filter=f"tag:{t}") for t, n in counted.tags],
    )
