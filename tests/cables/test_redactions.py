"""Redaction runs (bot/cables/structure/redactions.py) on the December 2010 pages."""

from __future__ import annotations

from bot.cables.model import Cable
from bot.cables.raw import RawCable
from bot.cables.structure.redactions import cable_redactions, is_redaction, redaction_runs


def test_runs_of_three_or_more_x_of_either_case() -> None:
    text = "XXXXXXXXXXXX told PolOff xxxxx that Exxon and RUEHXX met XXXXXXXXXXXxx."
    assert [text[a:b] for a, b in redaction_runs(text)] == [
        "XXXXXXXXXXXX",
        "xxxxx",
        "XXXXXXXXXXXxx",
    ]


def test_glued_runs_end_where_the_word_begins() -> None:
    text = "PrinceXXXXXXXXXXXX and XXXXXXXXXXXXsaid toxxxxx EULEXXXXXXXXXXXXX"
    assert [text[a:b] for a, b in redaction_runs(text)] == [
        "XXXXXXXXXXXX",
        "XXXXXXXXXXXX",
        "xxxxx",
        "XXXXXXXXXXXXX",  # EULEX's own X joins the run it is glued to
    ]
    assert is_redaction("xxxxx") and not is_redaction("PrinceXXXXXXXXXXXX")
    assert not is_redaction("Exxon")


def test_counts_on_the_december_2010_pages(
    site_raws: list[RawCable], site_cables: list[Cable]
) -> None:
    # Whole page bodies: header lines, references and page markers included.
    on_pages = [len(redaction_runs(raw.body)) for raw in site_raws]
    assert (sum(on_pages), sum(n > 0 for n in on_pages)) == (3_467, 302)
    # What replies quote: subjects and paragraphs.
    per_cable = [cable_redactions(cable) for cable in site_cables]
    # (07KUWAIT808 holds one more, in its heading `xxxxxxxxxxxx Cash Couriers ...`.)
    assert (sum(per_cable), sum(n > 0 for n in per_cable)) == (3_409, 291)
    by_id = dict(zip((c.ref_id for c in site_cables), per_cable, strict=True))
    assert by_id["10BEIJING207"] == 12
