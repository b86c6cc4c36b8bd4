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
    body_cut_off: bool = False
    # Runs of X where names were removed, in the subject and paragraphs of the copy shown.
    redactions: int = 0
    # Source.glued_to: the cable whose site page carried this one glued after it.
    glued_to: str | None = None
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
    # As ParagraphItem.anchor_ambiguous: the link opens the cable's page, not the paragraph.
    anchor_ambiguous: bool = False
    # Found by meaning (the semantic ranker), not by words shared with the question.
    by_meaning: bool = False
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


class FacetValue(BaseModel):
    value: str
    # Matching cables with this value.
    cables: int
    # The filter that narrows the search to it: `origin:dushanbe`, `year:2009`, `tag:KCRM`.
    filter: str


class SearchFacets(BaseModel):
    """The whole match set counted: cables with a paragraph holding every word."""

    cables: int
    year: list[FacetValue]
    origin: list[FacetValue]
    tag: list[FacetValue]


class SearchReply(HitsReplyBase):
    kind: Literal["search"] = "search"
    page: int = 1
    pages: int = 1
    # Hits go on past `pages` (only so many are ranked per request).
    more_pages: bool = False
    sort: Literal["relevance", "newest", "oldest"] = "relevance"
    facets: SearchFacets | None = None


class TimelineBucket(BaseModel):
    period: str  # `2007`, `2007-03`; `2007-??` for cables whose month is unknown
    count: int


class TimelineReply(ReplyBase):
    kind: Literal["timeline"] = "timeline"
    query: str
    filters: dict[str, str] = Field(default_factory=dict)
    unit: Literal["year", "month"]
    buckets: list[TimelineBucket]
    total: int
    # Says what was counted: the chart's caption.
    caption: str


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


# -- research reading: header, tag glossary, similar paragraphs, versions ------------------


class HeaderReply(ReplyBase):
    """A cable's routing header and handling markings, as PlusD shows them."""

    kind: Literal["header"] = "header"
    ref_id: str
    subject: str
    created: datetime | None
    minutes_unreliable: bool = False
    classification: str
    origin: str
    precedence: str | None = None
    dtg: str | None = None
    transmission_id: str | None = None
    fm: str | None = None
    to: list[str] = Field(default_factory=list)
    info: list[str] = Field(default_factory=list)
    eo: str | None = None
    declassify: str | None = None
    classified_by: str | None = None
    reasons: str | None = None
    captions: list[str] = Field(default_factory=list)
    signer: str | None = None
    tags: list[TagInfo] = Field(default_factory=list)
    # Which loaded copy this is (`!versions`); None for the copy shown by default.
    version: int | None = None
    permalink: str
    plusd_link: str


class Counted(BaseModel):
    """A value (a year, an origin) and how many cables have it."""

    value: str
    cables: int


class TagReply(ReplyBase):
    """A TAG's glossary entry and how the library uses it."""

    kind: Literal["tag"] = "tag"
    tag: str
    meaning: str | None = None
    # subject, program, geographic, organisation or person (bot.cables.tags.TagKind).
    tag_kind: str
    cables: int
    library_cables: int
    # Most used first.
    years: list[Counted]
    origins: list[Counted]
    newest: list[CableListing]


class SimilarReply(ReplyBase):
    """Paragraphs of other cables most like a passage of this one (or all of it)."""

    kind: Literal["similar"] = "similar"
    ref_id: str
    subject: str
    # What the hits are like: a section, paragraphs of it, or (both None) the whole cable.
    section: str | None = None
    labels: list[str] = Field(default_factory=list)
    hits: list[HitItem]
    # Even the best is a poor match (or nothing matched).
    weak: bool = False
    permalink: str


class VersionInfo(BaseModel):
    """One loaded copy of a cable."""

    number: int
    # What kind of copy: `final 2011 site page`, `cables.csv row`, `Dec 2010 site page`, ...
    source: str
    path: str
    format: str
    released: datetime | None = None
    paragraphs: int
    redactions: int = 0
    shown: bool = False
    # For a copy not shown: why the shown one won over it.
    why_not_shown: str | None = None


class VersionsReply(ReplyBase):
    """Every loaded copy of a cable; version 1 is the one shown."""

    kind: Literal["versions"] = "versions"
    ref_id: str
    subject: str
    versions: list[VersionInfo]
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
    | TimelineReply
    | RefsReply
    | HeaderReply
    | TagReply
    | SimilarReply
    | VersionsReply
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
