"""Desk entries made from real cables, as a front end will make them."""

from __future__ import annotations

from bot.cables.model import Cable, Paragraph
from bot.desk import Anchor, CableInfo, DeskScope, DeskUser, Entry

ANN = DeskUser("111", "Ann")
BO = DeskUser("222", "Bo")
HERE = DeskScope("900", "901")


def cable_info(cable: Cable) -> CableInfo:
    return CableInfo(
        subject=cable.subject,
        created=cable.created,
        origin=cable.origin,
        classification=cable.classification,
        tags=tuple(cable.tags),
    )


def paragraph_entry(cable: Cable, paragraph: Paragraph) -> Entry:
    return Entry(
        anchor=Anchor(
            ref_id=cable.ref_id,
            locator=paragraph.locator,
            section=paragraph.section,
            label=paragraph.label,
        ),
        permalink=paragraph.permalink,
        text=paragraph.text,
        cable=cable_info(cable),
    )


def paragraph(cable: Cable, key: str) -> Entry:
    found = cable.paragraph(key)
    assert found is not None, key
    return paragraph_entry(cable, found)


def whole_cable(cable: Cable) -> Entry:
    return Entry(
        anchor=Anchor(ref_id=cable.ref_id, locator=cable.ref_id),
        permalink=cable.permalink,
        text=cable.summary.text if cable.summary else "",
        cable=cable_info(cable),
    )


def paragraphs(cable: Cable, count: int) -> list[Entry]:
    entries = [paragraph_entry(cable, p) for p in cable.paragraphs[:count]]
    assert len(entries) == count, f"{cable.ref_id} has only {len(entries)} paragraphs"
    return entries
