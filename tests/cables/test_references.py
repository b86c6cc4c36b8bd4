"""References: parsed from REF blocks and in-text citations, dated from serial ranges,
checked against WikiLeaks' own references column of the cables.csv rows."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from bot.cables.build import build_cable
from bot.cables.model import Cable
from bot.cables.months import MonthTable
from bot.cables.raw import RawCable
from bot.cables.readers import cables_csv
from bot.cables.structure.references import infer_year, parse_references

from .conftest import CSV_HEAD, RAW

MIN_AGREEMENT = 0.90


def csv_rows() -> list[RawCable]:
    """Every complete cables.csv row of the repo, once per reference id."""
    rows: dict[str, RawCable] = {}
    for path in [*sorted(RAW.glob("*.csv")), CSV_HEAD]:
        with path.open(encoding="utf-8") as f:
            for record in cables_csv.stream(f, str(path)):
                if isinstance(record, RawCable) and record.ref_id:
                    rows.setdefault(record.ref_id, record)
    return list(rows.values())


def test_text_parse_agrees_with_the_references_column(months: MonthTable) -> None:
    rows = csv_rows()
    entries = found = 0
    for row in rows:
        column = set(row.csv_references or [])
        parsed = build_cable(dataclasses.replace(row, csv_references=None), months)
        entries += len(column)
        found += len(column & {r.ref_id for r in parsed.references})
    print(
        f"\nreferences column: {found}/{entries} entries found by the text parse "
        f"({found / entries:.1%}) over {len(rows)} cables.csv rows"
    )
    assert len(rows) >= 36 and entries >= 20
    assert found / entries >= MIN_AGREEMENT


def test_the_column_wins_when_a_row_gives_one(raw_cable: Callable[[str], Cable]) -> None:
    cable = raw_cable("72TEHRAN1164.csv")
    assert [r.ref_id for r in cable.references] == ["72MOSCOW1603", "72TEHRAN1091", "72TEHRAN263"]
    assert not any(r.year_inferred for r in cable.references)


def test_in_text_citations_count(raw_cable: Callable[[str], Cable], months: MonthTable) -> None:
    # 85BEIRUT1014 has no REF block; it cites `(BEIRUT 1013)` and `(BEIRUT 0993)`.
    row = next(r for r in csv_rows() if r.ref_id == "85BEIRUT1014")
    parsed = build_cable(dataclasses.replace(row, csv_references=None), months)
    assert {r.ref_id for r in parsed.references} == {"85BEIRUT1013", "85BEIRUT993"}


@pytest.mark.parametrize(
    ("ref_text", "citing", "expected"),
    [
        # seed: STATE reached 40,909 by March 2007, so 202745 is a 2006 serial
        ("STATE 202745", (2007, 3), ["06STATE202745"]),
        # 07DUSHANBE314: DUSHANBE was at 443 in March 2007, reached 2153 in Nov 2006
        ("DUSHANBE 2153", (2007, 3), ["06DUSHANBE2153"]),
        # 08REYKJAVIK195: an explicit year wins
        ("06 REYKJAVIK 431", (2008, 9), ["06REYKJAVIK431"]),
        # 08VLADIVOSTOK68: four-digit year, zero-padded serial
        ("2007 VLADIVOSTOK 095", (2008, 7), ["07VLADIVOSTOK95"]),
        # 01HAVANA4690: bullets glued to the station
        ("A)STATE 198912  B)HAVANA 3721", (2001, 12), ["01STATE198912", "01HAVANA3721"]),
        # 02AMMAN2221: parenthesised bullets
        ("(A) STATE 84703 (B) AMMAN 2093", (2002, 5), ["02STATE84703", "02AMMAN2093"]),
        # 00HARARE... multi-word stations and per-bullet years
        (
            "A. 99 PRETORIA 12315  D. 00 CAPE TOWN 2150",
            (2001, 2),
            ["99PRETORIA12315", "00CAPETOWN2150"],
        ),
        # 09DOHA214: a two-digit year after the serial
        ("A. SECSTATE 15113  B. DOHA 152 (08)", (2009, 3), ["09STATE15113", "08DOHA152"]),
        # SECSTATE is STATE; a date-time group is not a serial
        ("SECSTATE 134796 AND SECSTATE 121212Z", (2006, 7), ["06STATE134796"]),
        # mixed case, emails and telcons carry no id
        ("A. Abu Dhabi 1384 B. MAIER - QUINN EMAIL OF 3/2", (2003, 6), ["03ABUDHABI1384"]),
    ],
)
def test_ref_block_grammar(
    ref_text: str, citing: tuple[int, int], expected: list[str], months: MonthTable
) -> None:
    assert [r.ref_id for r in parse_references(ref_text, citing, months)] == expected


def test_year_inference_uses_the_month(months: MonthTable) -> None:
    highest_dec_2006 = months.max_serial("STATE", 2006, 12)
    assert highest_dec_2006 is not None and highest_dec_2006 > 200_000
    assert infer_year("STATE", 202_745, 2006, 12, months) == 2006
    assert infer_year("STATE", 202_745, 2007, 3, months) == 2006
    assert infer_year("STATE", 20_000, 2007, 3, months) == 2007


def test_lettered_ref_block_over_several_lines(raw_cable: Callable[[str], Cable]) -> None:
    # 08REYKJAVIK195 `Ref:  06 REYKJAVIK 431`; the block ends before `Classified by:`
    cable = raw_cable("08REYKJAVIK195.html")
    assert [r.ref_id for r in cable.references] == ["06REYKJAVIK431"]
    assert cable.paragraphs[0].label == "1"


def test_undated_reference_in_a_real_cable(raw_cable: Callable[[str], Cable]) -> None:
    # 07DUSHANBE314 (March 2007) `REF: DUSHANBE 2153`: Dushanbe was at ~443 in March.
    cable = raw_cable("07DUSHANBE314.txt")
    [ref] = cable.references
    assert (ref.ref_id, ref.year_inferred) == ("06DUSHANBE2153", True)
