"""The scale test library: a deterministic, well-formed cables.csv of real ids."""

from __future__ import annotations

from pathlib import Path

from benchmarks.generate import generate
from bot.cables.loader import load_library
from bot.cables.months import month_table
from bot.cables.raw import RawCable
from bot.cables.readers import cables_csv
from tests.scale.conftest import GENERATED_CABLES


def _records(path: Path) -> list[RawCable]:
    with path.open(encoding="utf-8", newline="") as f:
        records = list(cables_csv.stream(f, str(path)))
    assert all(isinstance(r, RawCable) for r in records), [
        r for r in records if not isinstance(r, RawCable)
    ]
    return [r for r in records if isinstance(r, RawCable)]


def test_same_seed_same_bytes_other_seed_other_bytes(generated_csv: Path, tmp_path: Path) -> None:
    again, other = tmp_path / "again.csv", tmp_path / "other.csv"
    generate(again, GENERATED_CABLES, seed=5, progress=False)
    generate(other, GENERATED_CABLES, seed=6, progress=False)
    assert again.read_bytes() == generated_csv.read_bytes()
    assert other.read_bytes() != generated_csv.read_bytes()


def test_every_row_reads_back_with_a_real_id_and_its_month(generated_csv: Path) -> None:
    records = _records(generated_csv)
    months = month_table()
    assert len(records) == GENERATED_CABLES
    assert len({r.ref_id for r in records}) == GENERATED_CABLES
    for record in records:
        assert record.ref_id is not None and record.ref_id in months
        assert record.created is not None
        assert (record.created.year, record.created.month) == months.month(record.ref_id)


def test_rows_carry_the_cable_structure(generated_csv: Path) -> None:
    records = _records(generated_csv)
    for record in records:
        assert "\nTAGS: " in record.body and "\nSUBJECT: " in record.body
        assert record.header.splitlines()[0]
        assert record.classification and record.origin
    # Escapes, long cables and citations all occur in a sample this size.
    text = generated_csv.read_text("utf-8")
    assert '\\"' in text and "\\'" in text
    assert any(" OF 0" in r.body and "SECTION 01 OF" in r.body for r in records)
    assert any(r.csv_references for r in records)


def test_generated_cables_parse_into_paragraphs(generated_csv: Path) -> None:
    library = load_library([generated_csv])
    assert len(library) == GENERATED_CABLES and not library.report.rejected
    cables = list(library)
    assert all(cable.subject and cable.tags for cable in cables)
    labelled = [p for cable in cables for p in cable.paragraphs if p.label]
    assert len(labelled) > 3 * GENERATED_CABLES
    # Page markers are removed by the parser, never left inside paragraph text.
    assert not any(" OF 00" in p.text for cable in cables for p in cable.paragraphs)
