"""A question's words weighed inside one cable: its topic words count less."""

from __future__ import annotations

from bot.cables.library import Library
from bot.search.engine import CableSearchEngine
from bot.search.in_cable import FLOOR, Terms, weighed_in_cable
from bot.search.query import parse
from bot.search.text import normalise, stemmed_analyzer


def _terms(library: Library, ref_id: str) -> list[Terms]:
    cable = library.get(ref_id)
    assert cable is not None
    analyzer = stemmed_analyzer()
    return [
        dict.fromkeys(analyzer.analyze(normalise(f"{p.text} {cable.subject}")))
        for p in cable.paragraphs
    ]


def test_a_word_every_paragraph_holds_keeps_only_the_floor(
    library: Library, engine: CableSearchEngine
) -> None:
    # 07DUSHANBE313, a trafficking report: "trafficking" is in its subject, so in every
    # paragraph; "Azimov", the commission's head, is named in one paragraph only.
    parsed = parse("trafficking Azimov passports", engine.handle.speller)
    weighed = weighed_in_cable(parsed, _terms(library, "07DUSHANBE313"))
    weights = {c.alternatives[0][0].word: c.weight for c in weighed.concepts if not c.bonus}
    assert weights["trafficking"] == FLOOR
    assert 0.7 < weights["azimov"] < 1.0
    assert FLOOR < weights["passports"] < weights["azimov"]  # in three of its 39
    # The question itself is not changed: the "no good match" signal weighs by the library.
    assert all(c.weight == 1.0 for c in parsed.concepts if not c.bonus)


def test_a_word_no_paragraph_holds_keeps_its_weight(
    library: Library, engine: CableSearchEngine
) -> None:
    parsed = parse("submarine", engine.handle.speller)
    weighed = weighed_in_cable(parsed, _terms(library, "07DUSHANBE313"))
    assert [c.weight for c in weighed.concepts] == [1.0]
    assert weighed_in_cable(parsed, []) is parsed
