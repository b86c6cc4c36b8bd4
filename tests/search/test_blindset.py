"""The blind evaluation set (blindset.jsonl) is well-formed and every gold quote points at
exactly one paragraph of its cable, as the library parses it.

The set was written from the cables alone, without looking at the answer engine or the
tuning questions; this test deliberately imports nothing from bot.search or benchmarks.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from bot.cables.library import Library

HERE = Path(__file__).parent
BLINDSET = HERE / "blindset.jsonl"
PINNED_SHA256 = HERE / "blindset.sha256"

# Cables the tuning set already covers: the blind set must not reuse them.
TUNING_CABLES = {
    "07DUSHANBE313",
    "06MOSCOW5645",
    "10STATE17263",
    "08REYKJAVIK195",
    "06NEWDELHI5135",
    "09ANKARA1594",
    "07DUSHANBE314",
    "72TEHRAN1164",
    "02BOGOTA1025",
    "10USNATO35",
}
KEYS = {"question", "ref_id", "gold", "style"}
STYLES = {"paraphrase", "plain"}


def _lines() -> list[dict[str, Any]]:
    with BLINDSET.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def test_blindset_is_pinned() -> None:
    pinned = PINNED_SHA256.read_text(encoding="utf-8").split()[0]
    assert hashlib.sha256(BLINDSET.read_bytes()).hexdigest() == pinned


def test_blindset_shape() -> None:
    lines = _lines()
    on_topic = [line for line in lines if line["ref_id"] is not None]
    off_topic = [line for line in lines if line["ref_id"] is None]
    assert len(on_topic) >= 64
    assert len(off_topic) >= 10
    assert len({line["ref_id"] for line in on_topic}) >= 9
    questions = [line["question"] for line in lines]
    assert len(questions) == len(set(questions)), "duplicate question"
    for line in lines:
        assert set(line) == KEYS, line
        assert isinstance(line["question"], str) and line["question"].strip()
        assert line["style"] in STYLES, line
        if line["ref_id"] is None:
            assert line["gold"] == [], line
        else:
            assert line["ref_id"] not in TUNING_CABLES, line
            assert 1 <= len(line["gold"]) <= 3, line


def test_blindset_covers_eras(bundled_library: Library) -> None:
    years = set()
    for line in _lines():
        if line["ref_id"] is None:
            continue
        cable = bundled_library.get(line["ref_id"])
        assert cable is not None and cable.created is not None, line["ref_id"]
        years.add(cable.created.year)
    assert min(years) < 1980
    assert any(1980 <= year < 2000 for year in years)
    assert any(2000 <= year < 2010 for year in years)
    assert max(years) >= 2010


@pytest.mark.parametrize("line", _lines(), ids=lambda line: str(line["question"])[:40])
def test_gold_quotes_find_one_paragraph(bundled_library: Library, line: dict[str, Any]) -> None:
    if line["ref_id"] is None:
        return
    cable = bundled_library.get(line["ref_id"])
    assert cable is not None, line["ref_id"]
    assert cable.ref_id == line["ref_id"]
    for gold in line["gold"]:
        assert set(gold) == {"section", "label", "quote"}, gold
        quote = gold["quote"]
        assert 30 <= len(quote) <= 60, quote
        hits = [p for p in cable.paragraphs if quote in p.text]
        assert len(hits) == 1, f"{quote!r} is in {len(hits)} paragraphs of {cable.ref_id}"
        assert hits[0].section == gold["section"], (quote, hits[0].section)
        assert hits[0].label == gold["label"], (quote, hits[0].label)
