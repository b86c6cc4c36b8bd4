"""The paraphrased tuning set (paraphrase_tuning.jsonl): questions in a researcher's own
words, written from the cables before anything was measured on them and pinned since, so
that tuning cannot quietly rewrite them. Its cables are neither the dev set's nor the
blind set's, so the blind set stays an independent check."""

from __future__ import annotations

import hashlib
import json

from benchmarks.devset import DEVSET, load_devset, locate
from bot.cables.library import Library

TUNING = DEVSET.with_name("paraphrase_tuning.jsonl")
PINNED_SHA256 = DEVSET.with_name("paraphrase_tuning.sha256")
BLIND = DEVSET.with_name("blindset.jsonl")


def test_tuning_set_is_pinned() -> None:
    pinned = PINNED_SHA256.read_text(encoding="utf-8").split()[0]
    assert hashlib.sha256(TUNING.read_bytes()).hexdigest() == pinned


def test_tuning_set_is_large_varied_and_independent(library: Library) -> None:
    items = load_devset(TUNING)
    cables = {item.ref_id for item in items}
    assert len(items) >= 40
    assert None not in cables and len(cables) >= 8
    assert all(item.style == "paraphrase" for item in items)
    assert len({item.question for item in items}) == len(items)
    dev = {item.ref_id for item in load_devset()}
    # Only the blind set's cable ids are read, never its questions.
    with BLIND.open(encoding="utf-8") as blind:
        held_out = {json.loads(line)["ref_id"] for line in blind if line.strip()}
    assert not cables & (dev | held_out)
    years = set()
    for ref_id in cables:
        cable = library.get(ref_id or "")
        assert cable is not None and cable.created is not None
        years.add(cable.created.year // 10)
    assert len(years) >= 5  # decades


def test_every_gold_points_at_one_existing_paragraph(library: Library) -> None:
    for item in load_devset(TUNING):
        assert item.ref_id is not None and 1 <= len(item.gold) <= 2
        for gold in item.gold:
            cable, index = locate(library, item.ref_id, gold)
            paragraph = cable.paragraphs[index]
            assert (paragraph.section, paragraph.label) == (gold.section, gold.label)
