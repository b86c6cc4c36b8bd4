"""Wording shared by every renderer (terminal and Discord): dates, reference status,
paragraph labels, remarks about a card or a list of hits. One phrasing per fact, so
the two front ends never tell a user different things."""

from __future__ import annotations

from datetime import datetime

from bot.chat.replies import (
    AnswerReply,
    CableCard,
    ErrorReply,
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
