"""`cablebot corpus` and `cablebot export` on real cables."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main
from tests.loader.conftest import FIXTURES, RAW

INPUTS = [
    RAW / "72TEHRAN1164.html",
    RAW / "72TEHRAN1164.csv",
    RAW / "85CAIRO6360.csv",
    RAW / "07DUSHANBE314.txt",
]


def test_corpus_json_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["corpus", "--json", *map(str, INPUTS)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["files"] == 4
    assert report["cables"] == 2
    assert report["by_format"] == {"scraper-text": 1, "site-html": 1}
    [dup] = report["duplicates"]
    assert dup["ref_id"] == "72TEHRAN1164" and dup["kept"] == str(INPUTS[0])
    assert report["rejected"] == [
        {
            "path": f"{RAW}/85CAIRO6360.csv#row 37",
            "reason": "unreadable csv record: cut off: the file ends inside a quoted field "
            "(closing quote missing)",
            "ref_id": "85CAIRO6360",
        }
    ]


def test_corpus_summary_is_readable(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["corpus", *map(str, INPUTS)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Loaded 2 cables from 4 files (4 cable records).")
    assert "1 x cables.csv row dropped" in out
    assert "85CAIRO6360.csv#row 37: unreadable csv record" in out


def test_bad_paths_give_a_message_and_a_non_zero_exit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere"
    assert main(["corpus", str(missing)]) == 2
    assert main(["export", "--out", str(tmp_path / "x.jsonl"), str(missing)]) == 2
    assert main(["export", "--out", str(tmp_path / "no" / "x.jsonl"), str(INPUTS[0])]) == 2
    err = capsys.readouterr().err
    assert f"cablebot corpus: no such file or directory: {missing}" in err
    assert f"cablebot export: no such directory: {tmp_path / 'no'}" in err
    assert "Traceback" not in err


def test_export_writes_the_whole_model_as_json_lines(tmp_path: Path) -> None:
    out = tmp_path / "cables.jsonl"
    paths = [RAW / "07DUSHANBE314.txt", RAW / "08REYKJAVIK195.html", FIXTURES / "alt"]
    assert main(["export", "--out", str(out), *map(str, paths)]) == 0
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(records) == 6
    for record in records:
        for key in (
            "ref_id",
            "created",
            "classification",
            "origin",
            "subject",
            "tags",
            "references",
        ):
            assert key in record
        for paragraph in record["paragraphs"]:
            assert {"section", "label", "text", "permalink"} <= set(paragraph)
    reykjavik = next(r for r in records if r["ref_id"] == "08REYKJAVIK195")
    assert reykjavik["released"].startswith("20")
    assert reykjavik["paragraphs"][0]["permalink"].startswith(
        "https://wikileaks.org/cable/2008/09/08REYKJAVIK195.html#par"
    )
