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
    NoteItem,
    ReferenceInfo,
    ReferenceStatus,
    SearchReply,
)

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
    if card.body_withheld:
        flags.append("The body of this cable was withheld from the release.")
    elif card.partial:
        flags.append("Only part of this cable's text is in the library.")
    if card.minutes_unreliable:
        flags.append("Times marked ?? are from a source whose minutes are unreliable.")
    return flags


def hits_remarks(reply: AnswerReply | SearchReply) -> list[str]:
    """The corrected query, and whether the hits answer it at all."""
    remarks = [f"Searched for '{reply.corrected_query}'."] if reply.corrected_query else []
    if not reply.hits:
        remarks.append(no_hits(bool(reply.filters)))
    elif reply.weak:
        remarks.append(WEAK_HITS)
    return remarks


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
