"""Reply models: what every chat command returns, whichever front end asked.

A stable contract: renderers (terminal, Discord) and `cablebot chat --json` present
these objects, and tests pin their JSON. Every reply has a `kind`; `notes` carries
remarks about the request itself (e.g. the input was cut to the length limit).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, Field, TypeAdapter


class ReplyBase(BaseModel):
    notes: list[str] = Field(default_factory=list)


class ReferenceStatus(StrEnum):
    IN_LIBRARY = "in_library"
    IN_CABLEGATE = "in_cablegate"
    NOT_IN_CABLEGATE = "not_in_cablegate"


class ReferenceInfo(BaseModel):
    """A cable cited in a REF block, and where the bot can find it."""

    ref_id: str
    as_written: str = ""
    status: ReferenceStatus
    year_inferred: bool = False
    permalink: str | None = None


class TagInfo(BaseModel):
    tag: str
    meaning: str | None = None


class SectionOutline(BaseModel):
    heading: str
    paragraphs: int


class CableListing(BaseModel):
    """One line of a list of cables (browse pages, citing cables)."""

    ref_id: str
    subject: str
    created: datetime | None
    classification: str
    origin: str
    permalink: str


class DeskNote(BaseModel):
    """A team note as shown under a saved item or a quoted paragraph."""

    n: int
    author: str
    text: str
    created: datetime


class CableCard(ReplyBase):
    kind: Literal["cable"] = "cable"
    ref_id: str
    subject: str
    created: datetime | None
    released: datetime | None
    minutes_unreliable: bool = False
    classification: str
    origin: str
    tags: list[TagInfo]
    references: list[ReferenceInfo]
    # The headings, in order; `outline` adds each section's paragraph count.
    sections: list[str]
    outline: list[SectionOutline]
    paragraph_count: int
    summary: str | None = None
    partial: bool = False
    body_withheld: bool = False
    permalink: str
    plusd_link: str
    # The channel's desk: how many team notes it holds on this cable, and whether the
    # channel is focused on it (`!focus`).
    desk_notes: int = 0
    focused: bool = False


class ParagraphItem(BaseModel):
    section: str | None
    label: str | None
    text: str
    permalink: str
    # Paragraph.anchor_ambiguous: the site's anchor for this label opens another
    # paragraph (an earlier one with the same label), so the link opens the cable's page.
    anchor_ambiguous: bool = False
    # What `!save` and `!note` call this paragraph: `07DUSHANBE313 ¶PREVENTION.F`.
    locator: str
    # The channel desk's notes on this paragraph.
    desk_notes: list[DeskNote] = Field(default_factory=list)


class ParagraphsReply(ReplyBase):
    kind: Literal["paragraphs"] = "paragraphs"
    ref_id: str
    subject: str
    section: str | None = None
    paragraphs: list[ParagraphItem]
    permalink: str


class HitItem(BaseModel):
    ref_id: str
    section: str | None
    label: str | None
    excerpt: str
    permalink: str
    score: float
    subject: str = ""
    locator: str
    desk_notes: list[DeskNote] = Field(default_factory=list)


class HitsReplyBase(ReplyBase):
    query: str
    hits: list[HitItem]
    # Even the best hit is a poor match: front ends say so rather than present it as an answer.
    weak: bool = False
    corrected_query: str | None = None
    filters: dict[str, str] = Field(default_factory=dict)
    # The rank of the first hit shown: later pages of a search go on counting.
    first_rank: int = 1


class AnswerReply(HitsReplyBase):
    kind: Literal["answer"] = "answer"
    ref_id: str | None = None


class SearchReply(HitsReplyBase):
    kind: Literal["search"] = "search"
    page: int = 1
    pages: int = 1
    # Hits go on past `pages` (only so many are ranked per request).
    more_pages: bool = False


class BrowseReply(ReplyBase):
    kind: Literal["browse"] = "browse"
    filters: dict[str, str]
    title: str
    page: int
    pages: int
    total: int
    cables: list[CableListing]


class RefsReply(ReplyBase):
    kind: Literal["refs"] = "refs"
    ref_id: str
    subject: str
    cites: list[ReferenceInfo]
    cited_by: list[CableListing]
    permalink: str


class HelpReply(ReplyBase):
    kind: Literal["help"] = "help"
    topic: str | None = None
    text: str
    commands: list[str]


class DeskItem(BaseModel):
    """A saved item; `label` is None for a whole cable (or its summary or a comment)."""

    n: int
    ref_id: str
    section: str | None
    label: str | None
    text: str
    permalink: str
    locator: str
    saved_by: str
    saved_at: datetime
    notes: list[DeskNote]
    # False when the cable is no longer in the loaded library (the item keeps its text).
    in_library: bool = True


class NoteItem(BaseModel):
    n: int
    ref_id: str
    section: str | None
    label: str | None
    locator: str
    author: str
    text: str
    created: datetime


class SavedReply(ReplyBase):
    """The items just saved or updated (`removed`: just taken off the desk, `!unsave`)."""

    kind: Literal["saved"] = "saved"
    items: list[DeskItem]
    removed: bool = False


class DeskReply(ReplyBase):
    kind: Literal["desk"] = "desk"
    items: list[DeskItem]
    page: int
    pages: int


class NotesReply(ReplyBase):
    """Team notes: listed, just written, or just deleted (`removed`). They are in
    `desk_notes` because `notes`, in every reply, are remarks about the request."""

    kind: Literal["notes"] = "notes"
    desk_notes: list[NoteItem]
    removed: bool = False


class ExportReply(ReplyBase):
    kind: Literal["export"] = "export"
    format: Literal["md", "csv", "json", "ris"]
    filename: str
    content: str


class FocusReply(ReplyBase):
    """The channel's focus cable (None: no focus)."""

    kind: Literal["focus"] = "focus"
    ref_id: str | None


class ErrorReply(ReplyBase):
    kind: Literal["error"] = "error"
    message: str
    suggestions: list[str] = Field(default_factory=list)


Reply = Annotated[
    CableCard
    | ParagraphsReply
    | AnswerReply
    | SearchReply
    | BrowseReply
    | RefsReply
    | HelpReply
    | SavedReply
    | DeskReply
    | NotesReply
    | ExportReply
    | FocusReply
    | ErrorReply,
    Field(discriminator="kind"),
]

REPLY_ADAPTER: TypeAdapter[Reply] = TypeAdapter(Reply)
