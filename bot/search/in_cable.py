"""A question's words weighed inside one cable. BM25 weighs a word by its rarity in
the whole library, but inside a cable a word most of its paragraphs hold (the cable's
topic: "trafficking" in a trafficking report, the country of its subject) cannot tell
them apart, and a paragraph repeating it outscored the one that answers. So, asked
inside a cable with the semantic ranker, each word also weighs by its rarity among
that cable's paragraphs (`make eval`)."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence

from bot.search.query import ParsedQuery

# A paragraph's index terms, as the keys of a dict: a dict of strings is not tracked by
# the cyclic collector, a frozenset always is: as frozensets, every full collection
# walked the engine's caches' millions of terms with the GIL held (380-490 ms).
Terms = Mapping[str, None]

# The least share of its weight a word keeps, held by every paragraph. The dev and
# tuning sets gave the same hit@3 from 0 to 0.2 (docs/search.md).
FLOOR = 0.2


def weighed_in_cable(parsed: ParsedQuery, paragraphs: Sequence[Terms]) -> ParsedQuery:
    """`parsed` with each concept's weight scaled by its idf among `paragraphs` (each
    paragraph's terms, its cable's fields included), 1 for a word none holds."""
    count = len(paragraphs)
    if count == 0:
        return parsed
    # Which paragraphs hold each stem, as bits: a concept's paragraphs are then a few
    # integer operations (looping over paragraphs per concept cost 0.6 ms a question).
    stems = {t.stem for c in parsed.concepts for alt in c.alternatives for t in alt}
    holding = {
        stem: sum(1 << i for i, terms in enumerate(paragraphs) if stem in terms) for stem in stems
    }
    most = math.log((count + 1) / 0.5)
    concepts = []
    for concept in parsed.concepts:
        held = 0
        for alternative in concept.alternatives:
            every = -1  # all bits set: the paragraphs holding all of its words
            for term in alternative:
                every &= holding[term.stem]
            held |= every
        rarity = math.log((count + 1) / (held.bit_count() + 0.5)) / most
        concepts.append(dataclasses.replace(concept, weight=concept.weight * max(FLOOR, rarity)))
    return dataclasses.replace(parsed, concepts=concepts)
