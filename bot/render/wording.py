"""Wording shared by every renderer (terminal and Discord): dates, reference status,
paragraph labels, remarks about a card or a list of hits. One phrasing per fact, so
the two front ends never tell a user different things."""

from __future__ import annotations

from datetime import datetime

from bot.chat.replies import (
    AnswerReply,
    CableCard,
    DeskItem,
    DeskNote,
    ErrorReply,
    FocusReply,
    HeaderReply,
    NoteItem,
    ReferenceInfo,
    ReferenceStatus,
    SearchFacets,
    SearchReply,
    SimilarReply,
    TagReply,
    TimelineReply,
    VersionInfo,
)
from bot.chat.text import counted

REFERENCE_STATUS = {
    ReferenceStatus.IN_LIBRARY: "in the library",
    ReferenceStatus.IN_CABLEGATE: "in Cablegate, not loaded",
    ReferenceStatus.NOT_IN_CABLEGATE: "not in Cablegate",
}

CITES_NOTHING = "It cites no other cable."
NOT_CITED = "No cable in the library cites it."
WEAK_HITS = "No strong match: these are the closest paragraphs, which may not answer it."


def when(moment: datetime | None, minutes_unreliable: bool = False) -> str:
    """`2007-03-02 13:48`; `2008-09-09 17:??` when the source's minutes cannot be trusted."""
    if moment is None:
        return "unknown"
    if minutes_unreliable:
        return moment.strftime("%Y-%m-%d %H:??")
    return moment.strftime("%Y-%m-%d %H:%M")


def day(moment: datetime | None) -> str:
    """`2007-03-02`, for lists and release dates (whose time of day means nothing)."""
    return moment.strftime("%Y-%m-%d") if moment else "unknown date"


def paragraph_label(label: str | None, section: str | None) -> str:
    """`¶F (PREVENTION)`, `¶3`, or `(unlabelled)` for blocks without a printed label."""
    mark = f"¶{label}" if label else "(unlabelled)"
    return f"{mark} ({section.rstrip(':')})" if section else mark


def reference_remark(ref: ReferenceInfo) -> str:
    """`in Cablegate, not loaded; written '06 DUSHANBE 2153', year inferred`."""
    parts = [REFERENCE_STATUS[ref.status]]
    if ref.as_written and ref.as_written != ref.ref_id:
        parts.append(f"written '{ref.as_written}'")
    if ref.year_inferred:
        parts.append("year inferred")
    return "; ".join(parts)


def card_flags(card: CableCard) -> list[str]:
    """What a reader must know before trusting the card's text or times."""
    flags = []
    if card.body_cut_off and card.paragraph_count:
        flags.append(
            "The text stops at a '...' where the source cut it off: only its start is "
            "in the library."
        )
    elif card.body_withheld:
        flags.append("The body of this cable was withheld from the release.")
    elif card.partial:
        flags.append("Only part of this cable's text is in the library.")
    if card.redactions:
        flags.append(redactions_remark(card.redactions))
    if card.minutes_unreliable:
        flags.append("Times marked ?? are from a source whose minutes are unreliable.")
    if card.glued_to:
        flags.append(glued_flag(card.glued_to, bool(card.tags)))
    return flags


def redactions_remark(count: int) -> str:
    runs = counted(count, "redaction")
    return f"This copy has {runs} (runs of X where WikiLeaks removed names); quotes keep them."


def glued_flag(host: str, tagged: bool) -> str:
    """A cable read from another cable's site page, where WikiLeaks glued it."""
    flag = (
        f"This cable was found glued after {host} on {host}'s site page (a WikiLeaks "
        "glitch) and is read from there."
    )
    if not tagged:
        flag += f" That page shows {host}'s tags on it, so its own tags are not known."
    return flag


def hits_remarks(reply: AnswerReply | SearchReply) -> list[str]:
    """The corrected query, and whether the hits answer it at all."""
    remarks = [f"Searched for '{reply.corrected_query}'."] if reply.corrected_query else []
    if not reply.hits:
        remarks.append(no_hits(bool(reply.filters)))
    elif reply.weak:
        remarks.append(WEAK_HITS)
    return remarks


# After a hit's title: why a paragraph that shares few of the question's words is there.
BY_MEANING = "found by meaning, not shared words"


def page_of(page: int, pages: int, more: bool = False) -> str:
    """`page 2 of 5`; `page 2 of 5+` when more pages follow the ones counted."""
    return f"page {page} of {pages}" + ("+" if more else "")


def no_hits(filtered: bool) -> str:
    return "Nothing in the library matches that. Try other words" + (
        ", or fewer filters." if filtered else "."
    )


def anchor_warning(label: str | None) -> str:
    return f"¶{label} is printed more than once, so the link opens the cable, not this ¶{label}."


def suggestions_to_show(reply: ErrorReply) -> list[str]:
    """The suggestions, unless the message already names them ("Did you mean ...?")."""
    if any(suggestion in reply.message for suggestion in reply.suggestions):
        return []
    return reply.suggestions


# -- the research desk ---------------------------------------------------------------------

# The desk lists an excerpt of each quote; `export` gives the whole of it.
DESK_EXCERPT_CHARS = 300


def excerpt(text: str, limit: int = DESK_EXCERPT_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rsplit(" ", 1)[0] + "…"


def _where(ref_id: str, locator: str, label: str | None, section: str | None) -> str:
    """`07DUSHANBE313 ¶F (PREVENTION)`, `08REYKJAVIK195 summary`, or the id of a whole cable."""
    if locator == ref_id:
        return ref_id
    if label is None and section:
        return f"{ref_id} {section.rstrip(':').lower()}"
    return f"{ref_id} {paragraph_label(label, section)}"


def item_title(item: DeskItem) -> str:
    return f"#{item.n} {_where(item.ref_id, item.locator, item.label, item.section)}"


def item_byline(item: DeskItem) -> str:
    missing = " · no longer in the library" if not item.in_library else ""
    return f"saved by {item.saved_by}, {when(item.saved_at)} UTC{missing}"


def note_line(note: DeskNote) -> str:
    """`Note #2 (alice, 2024-05-06): text`."""
    return f"Note #{note.n} ({note.author}, {day(note.created)}): {note.text}"


def note_item_title(note: NoteItem) -> str:
    return f"#{note.n} {_where(note.ref_id, note.locator, note.label, note.section)}"


def desk_notes_count(card: CableCard, command_prefix: str) -> str | None:
    """What the card says about the channel's desk: its notes on the cable, the focus."""
    parts = []
    if card.desk_notes:
        count = f"{card.desk_notes} note" + ("s" if card.desk_notes != 1 else "")
        parts.append(f"This desk has {count} on this cable: `{command_prefix}notes {card.ref_id}`.")
    if card.focused:
        parts.append("This channel is focused on this cable: ask and search look here first.")
    return " ".join(parts) or None


def focus_text(reply: FocusReply, command_prefix: str) -> str:
    if reply.ref_id is None:
        return f"This channel has no focus cable. `{command_prefix}focus <id>` sets one."
    return (
        f"This channel is focused on {reply.ref_id}: `{command_prefix}ask` and "
        f"`{command_prefix}search` without an id look inside it first."
    )


def saved_title(removed: bool, count: int) -> str:
    if removed:
        return "Removed from this desk:"
    return "Saved to this desk:" if count else "Nothing new saved."


def notes_title(removed: bool, count: int) -> str:
    if removed:
        return "Deleted:"
    return "Notes on this desk:" if count else "No notes."


def export_text(filename: str, content: str) -> str:
    return f"{filename}: {len(content.encode()):,} bytes"


def facet_heading(facets: SearchFacets) -> str:
    return f"{counted(facets.cables, 'cable')} with a paragraph holding every word; narrow with:"


def facet_rows(facets: SearchFacets) -> list[tuple[str, str]]:
    """(facet, its top values as filters with their cable counts), facets with values only:
    `("by year", "year:2009 58 · year:2008 25")`."""
    rows = [("by year", facets.year), ("by origin", facets.origin), ("by tag", facets.tag)]
    return [
        (name, " · ".join(f"{value.filter} {value.cables:,}" for value in values))
        for name, values in rows
        if values
    ]


def timeline_title(reply: TimelineReply) -> str:
    return f"Timeline of {reply.query or 'the filtered cables'}: {counted(reply.total, 'cable')}"


# -- research reading ----------------------------------------------------------------------

NOT_IN_COPY = "not in this copy"


def header_rows(reply: HeaderReply) -> list[tuple[str, list[str]]]:
    """The header's fields in PlusD's order, each with its lines; an absent field says so
    (a partial extract or an early page may lack the routing block)."""

    def one(value: str | None) -> list[str]:
        return [value] if value else [NOT_IN_COPY]

    return [
        ("Precedence", one(reply.precedence)),
        ("Date-time group", one(reply.dtg)),
        ("Created", [when(reply.created, reply.minutes_unreliable)]),
        ("Classification", one(reply.classification)),
        ("Origin", one(reply.origin)),
        ("FM", one(reply.fm)),
        ("TO", reply.to or [NOT_IN_COPY]),
        ("INFO", reply.info or ["none"]),
        ("E.O.", one(reply.eo)),
        ("Declassify", one(reply.declassify)),
        ("Classified by", one(reply.classified_by)),
        ("Reasons", one(reply.reasons)),
        ("Captions", [", ".join(reply.captions) or "none"]),
        ("Signer", one(reply.signer)),
    ]


def version_title(ref_id: str, version: int | None) -> str:
    """`07DUSHANBE313` or `07DUSHANBE313 (version 2)` for another loaded copy."""
    return f"{ref_id} (version {version})" if version is not None else ref_id


def tag_heading(reply: TagReply) -> str:
    """`KTIP: Trafficking in persons (program)`."""
    meaning = reply.meaning or "not in the glossary"
    return f"{reply.tag}: {meaning} ({reply.tag_kind})"


def tag_usage(reply: TagReply) -> str:
    """`23 of 1,366 cables carry it.`"""
    return f"{reply.cables:,} of {reply.library_cables:,} cables carry it."


def similar_heading(reply: SimilarReply) -> str:
    """What the hits are like: `¶2 (SECTION) of 08REYKJAVIK195`, or the whole cable."""
    if reply.labels:
        marks = ", ".join(f"¶{label}" for label in reply.labels)
        where = f"{marks} ({reply.section.rstrip(':')})" if reply.section else marks
        return f"Paragraphs like {where} of {reply.ref_id}"
    if reply.section:
        return f"Paragraphs like the section {reply.section.rstrip(':')} of {reply.ref_id}"
    return f"Paragraphs like {reply.ref_id} as a whole"


NO_SIMILAR = "No paragraph of another cable shares this passage's distinctive words."


def version_line(version: VersionInfo) -> str:
    """`2. Dec 2010 site page · released 2010-12-01 · 5 ¶ · 3 redacted`."""
    released = f" · released {day(version.released)}" if version.released else ""
    redacted = f" · {version.redactions:,} redacted" if version.redactions else ""
    shown = " · shown" if version.shown else ""
    return f"{version.number}. {version.source}{released} · {version.paragraphs} ¶{redacted}{shown}"
