"""Every input of the bundled library is loaded, a reported duplicate, or rejected."""

from __future__ import annotations

import re
import tarfile

from bot.cables.library import Library
from bot.cables.loader import load_library
from tests.loader.conftest import RAW, SEEDS

_INNER = re.compile(r"#(?:row|line) \d+$")


def _input_names() -> set[str]:
    names = {str(p) for p in SEEDS.rglob("*") if p.is_file() and not p.name.endswith(".tar.gz")}
    for archive in SEEDS.rglob("*.tar.gz"):
        with tarfile.open(archive) as tar:
            names |= {f"{archive}!{m.name}" for m in tar.getmembers() if m.isfile()}
    return names


def _accounted_names(library: Library) -> list[str]:
    report = library.report
    paths = [cable.source.path for cable in library]
    paths += [path for dup in report.duplicates for path in dup.dropped]
    paths += [rejection.path for rejection in report.rejected]
    return [_INNER.sub("", path) for path in paths]


def test_every_seed_file_and_archive_member_is_accounted_for(seed_library: Library) -> None:
    accounted = _accounted_names(seed_library)
    assert set(accounted) == _input_names()
    # One page carries a second cable glued after its own (07BERN881: 07TBILISI2290).
    glued = [cable.source.path for cable in seed_library if cable.source.glued_to]
    assert [_INNER.sub("", path) for path in glued] == [str(RAW / "07BERN881.html")]
    assert len(accounted) == len(set(accounted)) + len(glued), "an input was counted twice"


def test_counts_add_up(seed_library: Library) -> None:
    report = seed_library.report
    assert report.files == len(_input_names())
    assert report.records == report.cables + report.dropped() + len(report.rejected)
    assert report.cables == len(seed_library)
    assert sum(report.by_format.values()) == report.cables


def test_distinct_cables_are_the_distinct_file_ids(seed_library: Library) -> None:
    """Ids read from the content agree with the file names the sources gave them."""
    stems = {re.sub(r"\..*$", "", name.rsplit("/", 1)[-1]) for name in _input_names()}
    rejected = {
        re.sub(r"\..*$", "", r.path.rsplit("/", 1)[-1]) for r in seed_library.report.rejected
    }
    glued = {cable.ref_id for cable in seed_library if cable.source.glued_to}
    assert glued == {"07TBILISI2290"}
    assert set(seed_library.ids()) == (stems - rejected) | glued
    assert len(seed_library) == 1367


def test_only_the_cut_off_csv_row_is_rejected(seed_library: Library) -> None:
    [rejection] = seed_library.report.rejected
    assert rejection.path == f"{RAW}/85CAIRO6360.csv#row 37"
    assert "closing quote missing" in rejection.reason


def test_every_format_of_the_bundle_is_loaded(seed_library: Library) -> None:
    assert set(seed_library.report.by_format) == {
        "site-html",
        "site-text",
        "cables-csv",
        "scraper-text",
        "pdf-text",
    }


def test_fingerprint_is_stable_and_names_the_inputs(seed_library: Library) -> None:
    again = load_library([RAW / "72TEHRAN1164.csv"])
    other = load_library([RAW / "72TEHRAN1381.csv"])
    assert again.fingerprint == load_library([RAW / "72TEHRAN1164.csv"]).fingerprint
    assert again.fingerprint != other.fingerprint != seed_library.fingerprint
