"""The cable model: everything the bot says is quoted from these objects.

Pure data: nothing here knows about chat, search or Discord.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class SourceFormat(StrEnum):
    """Where a cable's text came from; decides which copy wins on duplicates."""

    CABLES_CSV = "cables-csv"
    SITE_HTML = "site-html"
    SITE_TEXT = "site-text"
    SCRAPER_TEXT = "scraper-text"
    PDF_TEXT = "pdf-text"
    JSONL = "jsonl"


class SiteGeneration(StrEnum):
    """The WikiLeaks cablegate site generation a page was saved from (CABLES.md 6.1)."""

    TORRENT_2010 = "2010-12-torrent"
    MIRROR_2010 = "2010-12"
    CRAWL_2011 = "2011-early"
    FINAL_2011 = "2011-final"


class TextGap(StrEnum):
    """Why one copy of a cable lacks part of its text (a complete copy always wins)."""

    CUT_OFF = "its body is cut off ('...' where the source truncated it)"
    WITHHELD = "its body is withheld"
    PARTIAL = "it is a partial extract"


class Source(BaseModel):
    """Provenance of one loaded copy of a cable."""

    model_config = ConfigDict(frozen=True)

    path: str
    format: SourceFormat
    generation: SiteGeneration | None = None
    # The cable whose site page carried this one glued after its own text (a WikiLeaks
    # glitch: 07BERN881's page holds 07TBILISI2290 as a second database row).
    glued_to: str | None = None
    # What this copy lacks (None: complete). On the source, so that the duplicate choice
    # sees it wherever only the provenance of a copy is kept.
    text_gap: TextGap | None = None


class Routing(BaseModel):
    """The transmission header (first <pre> on the site)."""

    transmission_id: str | None = None
    precedence: str | None = None
    station: str | None = None
    dtg: str | None = None
    fm: str | None = None
    to: list[str] = Field(default_factory=list)
    info: list[str] = Field(default_factory=list)
    text: str = ""


class Markings(BaseModel):
    """Handling markings of the body's header zone: the E.O. line (with its
    declassification date), who classified the cable and for which reasons, and the
    captions limiting its distribution (SIPDIS, NOFORN, EXDIS, NODIS, ...)."""

    eo: str | None = None
    declassify: str | None = None
    classified_by: str | None = None
    reasons: str | None = None
    captions: list[str] = Field(default_factory=list)


class Reference(BaseModel):
    """A cable cited in the REF block, as a canonical reference id."""

    ref_id: str
    as_written: str = ""
    year_inferred: bool = False
    in_cablegate: bool = False


class Span(BaseModel):
    """A summary, comment or note span of the body, with the paragraph it starts in."""

    kind: str
    text: str
    section: str | None = None
    label: str | None = None


class Paragraph(BaseModel):
    """One paragraph: labelled (`3`, `F`) or an unlabelled block.

    `text` has page markers removed, split paragraphs re-joined and unlabelled
    continuation blocks appended, blocks separated by a blank line.
    """

    section: str | None = None
    label: str | None = None
    marking: str | None = None
    text: str
    permalink: str
    locator: str
    # The label's site anchor `#par<label>` opens another paragraph (a repeated label's
    # first occurrence, a REF bullet), so `permalink` is the cable's page.
    anchor_ambiguous: bool = False
    # The part of `locator` after the `¶`: `3`, `PREVENTION.F`, `5.B`, or `p4` by position.
    key: str = ""


class Section(BaseModel):
    """A heading and the paragraphs under it (indices into Cable.paragraphs)."""

    heading: str
    paragraphs: list[int] = Field(default_factory=list)
    key: str = ""  # short upper-case key used in locators (`PREVENTION`)


class Cable(BaseModel):
    ref_id: str
    canonical_id: str
    created: datetime | None = None
    released: datetime | None = None
    minutes_unreliable: bool = False
    classification: str = ""
    origin: str = ""
    routing: Routing | None = None
    markings: Markings = Field(default_factory=Markings)
    subject: str = ""
    tags: list[str] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    summary: Span | None = None
    comments: list[Span] = Field(default_factory=list)
    signer: str | None = None
    sections: list[Section] = Field(default_factory=list)
    paragraphs: list[Paragraph] = Field(default_factory=list)
    partial: bool = False
    body_withheld: bool = False
    # The body stops at a `...` where the source cut it (73TEHRAN8233 `I ASKED TO ST...`,
    # 09MADRID604 `SUBJECT: ... ...`): what precedes the cut is here, the rest is not
    # (`body_withheld` is set too).
    body_cut_off: bool = False
    source: Source
    permalink: str
    plusd_link: str

    def paragraph(self, key: str) -> Paragraph | None:
        """The paragraph a user names: `3`, `¶3`, `prevention.f`, `p4` (case-insensitive)."""
        wanted = key.strip().lstrip("¶").strip().upper()
        for paragraph in self.paragraphs:
            if paragraph.key.upper() == wanted:
                return paragraph
        matches = [p for p in self.paragraphs if p.label is not None and p.label == wanted]
        return matches[0] if matches else None
