"""The same cable as a cables.csv row and as a site page gives the same labels and text.

73TEHRAN8233 and 7575LIBREVILLE1895 are cut short on the site (`I ASKED TO ST...`,
then text of another cable): there the site's paragraphs must be the start of the
row's, and the page is flagged `body_withheld`."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.cables.model import Cable, SourceFormat

BOTH_FORMATS = [
    "66BUENOSAIRES2481",
    "72TEHRAN1164",
    "72TEHRAN1381",
    "72TEHRAN4789",
    "72TEHRAN5055",
    "73TEHRAN2077",
    "73TEHRAN7005",
    "73TEHRAN8233",
    "75TEHRAN2069",
    "7575LIBREVILLE1895",
    "79TEHRAN8980",
]
CUT_ON_THE_SITE = {"73TEHRAN2077", "73TEHRAN8233", "7575LIBREVILLE1895"}


def flat(text: str) -> str:
    return " ".join(text.split())


def shape(cable: Cable) -> list[tuple[str | None, str]]:
    return [(p.label, flat(p.text)) for p in cable.paragraphs]


@pytest.mark.parametrize("ref_id", BOTH_FORMATS)
def test_site_page_and_csv_row_agree(ref_id: str, raw_cable: Callable[[str], Cable]) -> None:
    page, row = raw_cable(f"{ref_id}.html"), raw_cable(f"{ref_id}.csv")
    assert page.source.format is SourceFormat.SITE_HTML
    assert row.source.format is SourceFormat.CABLES_CSV
    assert (page.subject, page.tags) == (row.subject, row.tags)
    assert not row.body_withheld
    if ref_id not in CUT_ON_THE_SITE:
        assert not page.body_withheld
        assert shape(page) == shape(row)
        assert page.signer == row.signer
        return
    assert page.body_withheld
    site, full = shape(page), shape(row)
    assert len(site) <= len(full)
    for (label, text), (full_label, full_text) in zip(site, full, strict=False):
        assert label == full_label
        assert full_text.startswith(text.removesuffix("...").rstrip())
    # Nothing of the other cable glued after the cut (06THEHAGUE131 on 73TEHRAN2077).
    assert all("HAGUE" not in text for _, text in site)
