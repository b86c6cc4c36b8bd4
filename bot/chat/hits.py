"""Search results as reply items."""

from __future__ import annotations

from bot.cables.library import Library
from bot.chat.replies import HitItem
from bot.search.api import Hit


def hit_items(library: Library, hits: list[Hit]) -> list[HitItem]:
    items = []
    for hit in hits:
        cable = library.get(hit.ref_id)
        paragraph = cable.paragraph(hit.locator.partition("¶")[2]) if cable else None
        items.append(
            HitItem(
                ref_id=hit.ref_id,
                section=hit.section,
                label=hit.label,
                excerpt=hit.excerpt,
                permalink=hit.permalink,
                score=hit.score,
                subject=cable.subject if cable else "",
                locator=hit.locator,
                anchor_ambiguous=paragraph is not None and paragraph.anchor_ambiguous,
                by_meaning=hit.by_meaning,
            )
        )
    return items
