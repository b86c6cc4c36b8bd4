"""Real cables for the structure parser tests: the seed, seeds/raw and the 1,295 site
pages of the Dec 2010 mirror (read once per session)."""

from __future__ import annotations

import tarfile
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.cables.build import build_cable
from bot.cables.model import Cable
from bot.cables.months import MonthTable, month_table
from bot.cables.raw import RawCable
from bot.cables.readers import cables_csv, detect, site_html, site_text

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
RAW = SEEDS / "raw"
SITE_TARBALL = SEEDS / "bulk" / "chillicoder_cablegate_site_2010-12_1295_html.tar.gz"
CSV_HEAD = REPO / "tests" / "fixtures" / "bulk" / "cables_csv_head_37rows.csv"


@pytest.fixture(scope="session")
def months() -> MonthTable:
    return month_table()


@pytest.fixture(scope="session")
def site_pages() -> list[tuple[str, str]]:
    """(member name, page HTML) for every page of the Dec 2010 mirror."""
    with tarfile.open(SITE_TARBALL) as tar:
        pages = []
        for member in tar:
            f = tar.extractfile(member) if member.isfile() else None
            if f is not None and member.name.endswith(".html"):
                pages.append((member.name, f.read().decode("utf-8")))
    return pages


@pytest.fixture(scope="session")
def site_raws(site_pages: list[tuple[str, str]]) -> list[RawCable]:
    return [next(site_html.read(html, name)) for name, html in site_pages]


@pytest.fixture(scope="session")
def site_cables(site_raws: list[RawCable], months: MonthTable) -> list[Cable]:
    return [build_cable(raw, months) for raw in site_raws]


@pytest.fixture(scope="session")
def seed() -> Cable:
    path = SEEDS / "07DUSHANBE313.txt"
    return build_cable(next(site_text.read(path.read_text("utf-8"), str(path))))


@pytest.fixture(scope="session")
def raw_cable(months: MonthTable) -> Callable[[str], Cable]:
    """A cable of seeds/raw by file name (`08REYKJAVIK195.html`, `72TEHRAN1164.csv`,
    `07HAVANA258.txt`), read by the reader the loader would choose."""

    def build(name: str) -> Cable:
        path = RAW / name
        if name.endswith(".csv"):
            text = path.read_text("utf-8")
            return build_cable(next(cables_csv.read(text, str(path))), months)
        text = detect.decode(path.read_bytes())
        reader = detect.reader_for(text[: detect.HEAD_BYTES])
        return build_cable(next(reader.read(text, str(path))), months)

    return build
