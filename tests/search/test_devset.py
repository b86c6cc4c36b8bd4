"""The dev set stays valid: every gold names an existing paragraph, as the parser labels it."""

from __future__ import annotations

from benchmarks.devset import load_devset, locate
from bot.cables.library import Library


def test_devset_is_large_and_varied() -> None:
    items = load_devset()
    answered = [i for i in items if i.ref_id is not None]
    assert len(answered) >= 80
    assert len({i.ref_id for i in answered}) >= 8
    assert any(i.ref_id is None for i in items)


def test_every_gold_points_at_one_existing_paragraph(library: Library) -> None:
    problems = []
    for item in load_devset():
        if item.ref_id is None:
            continue
        for gold in item.gold:
            cable, index = locate(library, item.ref_id, gold)
            paragraph = cable.paragraphs[index]
            if (paragraph.section, paragraph.label) != (gold.section, gold.label):
                problems.append((item.question, gold, paragraph.section, paragraph.label))
    assert problems == []
