"""`!cable <id> [<section>] [<label>|<range>]`: a cable's card or some of its paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.cables.model import Cable
from bot.cables.structure.redactions import cable_redactions
from bot.cables.tags import tag_meaning
from bot.chat.commands import Command, CommandSpec
from bot.chat.errors import UserError
from bot.chat.grammar import BadLabel, LabelRange, Locator, parse_locator, take_id
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
    HeaderReply,
    ParagraphsReply,
    Reply,
    SectionOutline,
    TagInfo,
)
from bot.chat.state import AppState
from bot.chat.text import echo
from handlers.versions import version_note, version_of

# The card quotes the summary's opening: up to this many sentences, within this many characters.
_SUMMARY_SENTENCES = 2
_SUMMARY_CHARS = 400
# What to type after the id for the routing header and markings.
HEADER_WORD = "header"
# `version:2`: another loaded copy of the cable (`!versions`).
_VERSION = re.compile(r"^version:(\S*)$", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")


SPEC = CommandSpec(
    "cable",
    "cable <id> [<section>] [<label>|¶<label>|para <n>|<from>-<to>]",
    "A cable's card, or the paragraphs you ask for.",
    (
        "Without more, the card: subject, dates, classification, origin, tags and what they "
        "mean, references (in the library, in Cablegate but not loaded, or not in Cablegate), "
        "sections with their paragraph counts, the start of the summary, and links to "
        "WikiLeaks and PlusD.",
        "Add a section name (it may be shortened or misspelt: `prevention`, `protecton`), or "
        "`summary` or `comment`, to read that part.",
        "Add a paragraph label (`3`, `¶3`, `para 3`, `F`) or a range (`¶3-5`, `B-D`) to read "
        "those paragraphs; letters repeat in each section, so name the section too.",
        "A section name ending in a letter or number (`Question A`) is read whole when it is "
        'quoted or ends with a colon: `"Question A"`, `Question A:`, `Question A: 4`.',
        "Ids ignore case, spaces and dashes (`07 dushanbe-313`); a WikiLeaks or PlusD link "
        "works as an id. A typo gets the three closest ids.",
        "Times like `17:??` are from early site pages whose minutes are unreliable.",
        "`version:<n>` reads another loaded copy of the cable (see `versions`).",
        "`header` instead of a section shows the routing header and markings: precedence, "
        "date-time group, FM, TO, INFO, E.O. line and declassification date, classified by "
        "and reasons, captions (SIPDIS, NOFORN, EXDIS, NODIS, ...) and signer.",
    ),
    (
        "cable 07DUSHANBE313",
        "cable 07DUSHANBE313 header",
        "cable 07DUSHANBE313 prevention F",
        "cable 07DUSHANBE313 overview C",
        'cable 07PORTAUPRINCE408 "Question A"',
        "cable 08REYKJAVIK195 ¶2-3",
    ),
)


@dataclass(slots=True, frozen=True)
class CableRequest:
    id_text: str
    # What was asked for after the id: nothing (the card), a section, labels, or both.
    locator: Locator = field(default_factory=Locator)
    # ...as typed, when the grammar read it from words: a heading whose last word reads as
    # a label (`Question A`, `SCUD B`) may be what was meant, whole.
    typed: str = ""
    # Paragraph anchor of a pasted permalink (`...#parC`).
    anchor: str | None = None
    # Which loaded copy to read (`version:2`); None for the one shown by default.
    version: int | None = None


def parse(args: str) -> CableRequest:
    words = args.split()
    version = None
    for word in words:
        if (m := _VERSION.match(word)) is not None:
            words.remove(word)
            version = read_version(m.group(1))
            break
    split = take_id(words)
    if split is None:
        return CableRequest("")
    return CableRequest(
        split.id_text, parse_locator(split.rest), " ".join(split.rest), split.anchor, version
    )


def read_version(typed: str) -> int:
    if not typed.isdigit() or int(typed) < 1:
        raise UserError(
            f"`version:` takes a number from the cable's versions list: `version:2`, not "
            f"`version:{echo(typed)}`."
        )
    return int(typed)


def handle(state: AppState, request: CableRequest) -> Reply:
    prefix = state.settings.command_prefix
    if not request.id_text:
        raise UserError(f"Which cable? Give a reference id, e.g. `{prefix}cable 07DUSHANBE313`.")
    found = find_cable(state.library, request.id_text)
    notes = correction_notes(found, request.id_text)
    if request.version is not None:
        copy = version_of(state.library, found, request.version, prefix)
        if copy is not found:
            notes.append(version_note(state.library, found, request.version))
            found = copy
    locator = request.locator
    whole = heading_named(found, request.typed) if locator.labels and request.typed else None
    if whole is not None:
        locator = Locator(section=whole)
    if _not_a_locator(found, locator):
        # `3,5`, `¶3 ¶5`, `1-`: meant as labels, but not a form the grammar reads.
        raise BadLabel(request.typed).noted(notes)
    if request.anchor and locator == Locator():
        # A pasted paragraph link alone: the paragraph it opens on the site.
        passage = linked(found, request.anchor)
        if passage is not None:
            return _paragraphs(found, passage, notes)
        notes.append(f"The link's anchor #par{echo(request.anchor)} is on no paragraph here.")
    elif request.anchor and locator.labels is None:
        locator = Locator(locator.section, LabelRange(request.anchor.upper()))
    if _asks_for_header(found, request.typed):
        header = header_reply(found)
        header.version = request.version
        header.notes.extend(notes)
        return header
    if locator == Locator():
        reply: Reply = card(state, found)
        reply.notes.extend(notes)
        return reply
    try:
        passage = select(found, locator, prefix)
    except PassageError as error:
        retry = _as_one_section(found, request.typed, locator, prefix)
        if retry is None and found.body_withheld:
            # What is missing is the withheld body, not a typo of the user's.
            raise UserError(
                f"The body of {found.ref_id} was withheld from the release: there is "
                f"no such text to quote. `{prefix}cable {found.ref_id}` shows what is known.",
                notes=notes,
            ) from error
        if retry is None:
            raise error.noted(notes) from None
        passage = retry
    return _paragraphs(found, passage, notes)


def _asks_for_header(cable: Cable, typed: str) -> bool:
    """`header` after the id, unless the cable has a section of that name."""
    return typed.strip().lower() == HEADER_WORD and heading_named(cable, typed) is None


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


def _as_one_section(cable: Cable, typed: str, locator: Locator, prefix: str) -> Passage | None:
    """`SCUD B` read as section `SCUD` and ¶B, and no section is like `SCUD`: the words
    may be the end of a heading (`ISKANDER STILL BEST ALTERNATIVE TO LIBYAN SCUD B`)."""
    if locator.labels is None or locator.section is None or not typed:
        return None
    try:
        match_section(cable, locator.section)
        return None  # the section exists: the label was what went wrong
    except PassageError:
        pass
    try:
        return select(cable, Locator(section=typed), prefix)
    except PassageError:
        return None


def summary_opening(text: str) -> str:
    sentences = _SENTENCE_END.split(" ".join(text.split()))
    opening = " ".join(sentences[:_SUMMARY_SENTENCES])
    if len(opening) > _SUMMARY_CHARS:
        opening = opening[: _SUMMARY_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return opening


def tag_infos(cable: Cable) -> list[TagInfo]:
    """The cable's TAGS with their glossary meanings, as the card and the header show them."""
    return [TagInfo(tag=tag, meaning=tag_meaning(tag)) for tag in cable.tags]


def card(state: AppState, cable: Cable) -> CableCard:
    return CableCard(
        ref_id=cable.ref_id,
        subject=cable.subject,
        created=cable.created,
        released=cable.released,
        minutes_unreliable=cable.minutes_unreliable,
        classification=cable.classification,
        origin=cable.origin,
        tags=tag_infos(cable),
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
        redactions=cable_redactions(cable),
        glued_to=cable.source.glued_to,
        permalink=cable.permalink,
        plusd_link=cable.plusd_link,
    )


def header_reply(cable: Cable) -> HeaderReply:
    routing = cable.routing
    markings = cable.markings
    return HeaderReply(
        ref_id=cable.ref_id,
        subject=cable.subject,
        created=cable.created,
        minutes_unreliable=cable.minutes_unreliable,
        classification=cable.classification,
        origin=cable.origin,
        precedence=routing.precedence if routing else None,
        dtg=routing.dtg if routing else None,
        transmission_id=routing.transmission_id if routing else None,
        fm=routing.fm if routing else None,
        to=routing.to if routing else [],
        info=routing.info if routing else [],
        eo=markings.eo,
        declassify=markings.declassify,
        classified_by=markings.classified_by,
        reasons=markings.reasons,
        captions=markings.captions,
        signer=cable.signer,
        tags=tag_infos(cable),
        permalink=cable.permalink,
        plusd_link=cable.plusd_link,
    )


COMMAND = Command(SPEC, parse, handle)
