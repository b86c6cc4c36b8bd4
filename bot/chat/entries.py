"""What the desk keeps of a cable or a paragraph the bot showed: an `Entry` (the exact text,
its locator and permalink, and the cable's metadata), made from the library."""

from __future__ import annotations

from bot.cables.library import Library
from bot.cables.model import Cable, Paragraph
from bot.desk import Anchor, CableInfo, Entry

# The summary and comments are spans, not paragraphs: their locators name them.
SUMMARY_KEY = "SUMMARY"
COMMENT_KEY = "COMMENT"


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


def whole_cable(cable: Cable) -> Entry:
    """The cable itself (its locator is its id); the text kept is its summary, if any."""
    return Entry(
        anchor=Anchor(ref_id=cable.ref_id, locator=cable.ref_id),
        permalink=cable.permalink,
        text=cable.summary.text if cable.summary else "",
        cable=cable_info(cable),
    )


def span_locator(ref_id: str, heading: str, position: int) -> str:
    """`07DUSHANBE313 ¶SUMMARY`, `¶COMMENT`, then `¶COMMENT.2` for a cable's second comment."""
    return f"{ref_id} ¶{heading}" + (f".{position}" if position > 1 else "")


def span_entry(cable: Cable, heading: str, position: int, text: str) -> Entry:
    return Entry(
        anchor=Anchor(
            ref_id=cable.ref_id,
            locator=span_locator(cable.ref_id, heading, position),
            section=heading,
        ),
        permalink=cable.permalink,
        text=text,
        cable=cable_info(cable),
    )


def entry_at(cable: Cable, locator: str) -> Entry | None:
    """The entry a locator of this cable names (as made above); None if it names nothing."""
    if locator == cable.ref_id:
        return whole_cable(cable)
    ref_id, mark, key = locator.partition(" ¶")
    if ref_id != cable.ref_id or not mark:
        return None
    paragraph = next((p for p in cable.paragraphs if p.locator == locator), None)
    if paragraph is not None:
        return paragraph_entry(cable, paragraph)
    heading, _, number = key.partition(".")
    position = int(number) if number.isdigit() else 1
    if heading == SUMMARY_KEY and cable.summary is not None and position == 1:
        return span_entry(cable, SUMMARY_KEY, 1, cable.summary.text)
    if heading == COMMENT_KEY and 1 <= position <= len(cable.comments):
        return span_entry(cable, COMMENT_KEY, position, cable.comments[position - 1].text)
    return None


def entry_for(library: Library, locator: str) -> Entry | None:
    """The entry at a locator (`07DUSHANBE313 ¶PREVENTION.F`), if its cable is loaded."""
    cable = library.get(locator.partition(" ")[0])
    return entry_at(cable, locator) if cable is not None else None
