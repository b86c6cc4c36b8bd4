"""`!cable <id> [<section>] [<label>|<range>]`: a cable's card or some of its paragraphs."""

from __future__ import annotations

import re

from bot.cables.model import Cable
from bot.cables.tags import tag_meaning
from bot.chat.grammar import LabelRange, Locator, parse_locator, take_id
from bot.chat.lookup import correction_notes, find_cable, reference_info
from bot.chat.passages import (
    Passage,
    PassageError,
    heading_named,
    linked,
    match_section,
    run_named,
    select,
)
from bot.chat.replies import (
    CableCard,
    ErrorReply,
    ParagraphsReply,
    Reply,
    SectionOutline,
    TagInfo,
)
from bot.chat.state import AppState
from bot.chat.text import echo

# The card quotes the summary's opening: up to this many sentences, within this many characters.
_SUMMARY_SENTENCES = 2
_SUMMARY_CHARS = 400
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")


def handle(state: AppState, args: str) -> Reply:
    prefix = state.settings.command_prefix
    split = take_id(args.split())
    if split is None:
        return ErrorReply(
            message=f"Which cable? Give a reference id, e.g. `{prefix}cable 07DUSHANBE313`.",
        )
    found = find_cable(state.library, split.id_text)
    if isinstance(found, ErrorReply):
        return found
    notes = correction_notes(found, split.id_text)
    locator = parse_locator(split.rest)
    whole = heading_named(found, " ".join(split.rest)) if locator.labels else None
    if whole is not None:
        locator = Locator(section=whole)
    if _not_a_locator(found, locator):
        # `3,5`, `¶3 ¶5`, `1-`: meant as labels, but not a form the grammar reads.
        return ErrorReply(
            message=f"{echo(' '.join(split.rest))} is not a paragraph label or range: ask for "
            "one label (`¶3`, `F`) or a range (`¶3-5`).",
            notes=notes,
        )
    if split.anchor and locator == Locator():
        # A pasted paragraph link alone: the paragraph it opens on the site.
        passage = linked(found, split.anchor)
        if passage is not None:
            return _paragraphs(found, passage, notes)
        notes.append(f"The link's anchor #par{echo(split.anchor)} is on no paragraph here.")
    elif split.anchor and locator.labels is None:
        locator = Locator(locator.section, LabelRange(split.anchor.upper()))
    if locator == Locator():
        reply: Reply = card(state, found)
        reply.notes.extend(notes)
        return reply
    try:
        passage = select(found, locator, prefix)
    except PassageError as error:
        retry = _as_one_section(found, split.rest, locator, prefix)
        if retry is None and found.body_withheld:
            # What is missing is the withheld body, not a typo of the user's.
            return ErrorReply(
                message=f"The body of {found.ref_id} was withheld from the release: there is "
                f"no such text to quote. `{prefix}cable {found.ref_id}` shows what is known.",
                notes=notes,
            )
        if retry is None:
            return error.reply(notes)
        passage = retry
    return _paragraphs(found, passage, notes)


def _not_a_locator(cable: Cable, locator: Locator) -> bool:
    """A "section" without a letter that no heading is named (`3,5`; but 09KABUL165 has
    a section `2009`) and no lettered run hangs from (`09STATE80163 15 B`)."""
    section = locator.section
    return (
        section is not None
        and not any(ch.isalpha() for ch in section)
        and heading_named(cable, section) is None
        and (locator.labels is None or run_named(cable, section) is None)
    )


def _paragraphs(cable: Cable, passage: Passage, notes: list[str]) -> ParagraphsReply:
    return ParagraphsReply(
        ref_id=cable.ref_id,
        subject=cable.subject,
        section=passage.section,
        paragraphs=passage.items,
        permalink=cable.permalink,
        notes=notes + passage.notes,
    )


def _as_one_section(
    cable: Cable, words: list[str], locator: Locator, prefix: str
) -> Passage | None:
    """`SCUD B` read as section `SCUD` and ¶B, and no section is like `SCUD`: the words
    may be the end of a heading (`ISKANDER STILL BEST ALTERNATIVE TO LIBYAN SCUD B`)."""
    if locator.labels is None or locator.section is None:
        return None
    try:
        match_section(cable, locator.section)
        return None  # the section exists: the label was what went wrong
    except PassageError:
        pass
    try:
        return select(cable, Locator(section=" ".join(words)), prefix)
    except PassageError:
        return None


def summary_opening(text: str) -> str:
    sentences = _SENTENCE_END.split(" ".join(text.split()))
    opening = " ".join(sentences[:_SUMMARY_SENTENCES])
    if len(opening) > _SUMMARY_CHARS:
        opening = opening[: _SUMMARY_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return opening


def card(state: AppState, cable: Cable) -> CableCard:
    return CableCard(
        ref_id=cable.ref_id,
        subject=cable.subject,
        created=cable.created,
        released=cable.released,
        minutes_unreliable=cable.minutes_unreliable,
        classification=cable.classification,
        origin=cable.origin,
        tags=[TagInfo(tag=tag, meaning=tag_meaning(tag)) for tag in cable.tags],
        references=[reference_info(state.library, ref) for ref in cable.references],
        sections=[section.heading for section in cable.sections],
        outline=[
            SectionOutline(heading=section.heading, paragraphs=len(section.paragraphs))
            for section in cable.sections
        ],
        paragraph_count=len(cable.paragraphs),
        summary=summary_opening(cable.summary.text) if cable.summary else None,
        partial=cable.partial,
        body_withheld=cable.body_withheld,
        body_cut_off=cable.body_cut_off,
        glued_to=cable.source.glued_to,
        permalink=cable.permalink,
        plusd_link=cable.plusd_link,
    )
