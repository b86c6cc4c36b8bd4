"""Replies as Discord embeds, each page within Discord's limits.

A reply becomes a list of pages; each page is one embed, sent alone in a message.
Cable text is quoted exactly inside code blocks: Discord renders nothing inside
them (no `1. ` lists, no `#` headings, no mentions), so what users read is what
the cable says. A paragraph too long for one page is split at word boundaries
across pages, each piece marked "continued"; nothing is cut silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import discord
from discord.utils import escape_markdown

from bot.chat.filters import as_typed
from bot.chat.replies import (
    AnswerReply,
    BrowseReply,
    CableCard,
    CableListing,
    DeskItem,
    DeskNote,
    DeskReply,
    ErrorReply,
    ExportReply,
    FocusReply,
    HeaderReply,
    HelpReply,
    HitItem,
    NotesReply,
    ParagraphItem,
    ParagraphsReply,
    ReferenceInfo,
    RefsReply,
    Reply,
    SavedReply,
    SearchReply,
    SimilarReply,
    TagReply,
    TimelineReply,
    VersionsReply,
)
from bot.render import wording

TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FIELD_COUNT_LIMIT = 25
FOOTER_LIMIT = 2048
AUTHOR_LIMIT = 256
MESSAGE_EMBED_TOTAL = 6000
EMBEDS_PER_MESSAGE = 10

# A page's description stays well under 4096 so that title, fields and footer fit in 6000.
_PAGE_BUDGET = 3900
_FIRST_PAGE_FIELDS_BUDGET = 1800
_CONTINUED = "*(continued)*"
_CONTINUES = "*(continues on the next page)*"

COLOUR_CABLE = discord.Colour.dark_teal()
COLOUR_RESULTS = discord.Colour.blurple()
COLOUR_ERROR = discord.Colour.red()


def cut(text: str, limit: int) -> str:
    """Metadata (titles, names) shortened visibly with an ellipsis; never used on quoted text."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def plain(text: str) -> str:
    """Text shown as-is outside a code block: markdown escaped (cable subjects contain `*`, `_`)."""
    return escape_markdown(text)


def code_block(text: str) -> str:
    # A triple backtick would close the block; a zero-width space keeps the rest quoted.
    return "```\n" + text.replace("```", "`\u200b``") + "\n```"


_CODE_BLOCK_OVERHEAD = len(code_block(""))
# What Discord would read as a list, heading or quote at the start of a line; the excerpt
# escapes inline markdown itself, but `1. ` starts most cable paragraphs.
_LINE_START_MARKUP = re.compile(r"^(\s*\d*)([.\-+#>])(?=\s|#)", re.M)


def blockquote(markdown: str) -> str:
    """Already-escaped markdown as a quote, with line-start markup escaped too."""
    escaped = _LINE_START_MARKUP.sub(r"\1\\\2", markdown)
    return "\n".join(f"> {line}" for line in escaped.splitlines())


def split_words(text: str, limit: int) -> list[str]:
    """`text` in pieces of at most `limit` characters, split at line ends or spaces if possible."""
    pieces: list[str] = []
    rest = text
    while len(rest) > limit:
        window = rest[: limit + 1]
        at = window.rfind("\n")
        if at < limit // 2:
            at = window.rfind(" ")
        if at < limit // 2:
            at = limit
        pieces.append(rest[:at].rstrip())
        rest = rest[at:].lstrip()
    pieces.append(rest)
    return pieces


@dataclass(slots=True)
class Block:
    """A unit of a page: a heading, optionally quoted cable text, then a trailer."""

    heading: str
    quote: str | None = None
    trailer: str = ""
    # Search excerpts arrive as markdown (matched words in bold), shown as a blockquote.
    excerpt: str | None = None

    def render(self) -> str:
        parts = [self.heading]
        if self.quote is not None:
            parts.append(code_block(self.quote))
        if self.excerpt is not None:
            parts.append(blockquote(self.excerpt))
        if self.trailer:
            parts.append(self.trailer)
        return "\n".join(parts)


@dataclass(slots=True)
class Layout:
    """What a reply looks like before it is cut into pages."""

    title: str
    url: str | None = None
    colour: discord.Colour = COLOUR_CABLE
    intro: str = ""
    fields: list[tuple[str, str]] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    footer: str = ""


# A quote is split to fill the rest of a page only when at least this much room is left.
_MIN_PIECE = 400


def _split_block(block: Block, room: int) -> tuple[Block, Block] | None:
    """The part of `block` that fits in `room`, and the rest marked "continued"; None if none."""
    if block.quote is None:
        # Only a bare heading is split; a hit (heading with excerpt) moves whole to the next page.
        if room < _MIN_PIECE or block.excerpt is not None or block.trailer:
            return None
        first = split_words(block.heading, room)[0]
        return Block(first), Block(block.heading[len(first) :].lstrip())
    size = room - len(block.heading) - len(_CONTINUES) - _CODE_BLOCK_OVERHEAD - 2
    if size < _MIN_PIECE:
        return None
    first = split_words(block.quote, size)[0]
    rest = block.quote[len(first) :].lstrip()
    heading = block.heading.removesuffix(f" {_CONTINUED}")
    return (
        Block(block.heading, first, _CONTINUES),
        Block(f"{heading} {_CONTINUED}", rest, block.trailer),
    )


def _pages_of(layout: Layout) -> list[list[str]]:
    """Rendered blocks filling page descriptions in order; the first page leaves room for fields.

    A block too long for the room left is split there (cable text across pages, each
    piece after the first marked "continued"), so no page is left half empty.
    """
    fields_size = sum(len(name) + len(value) for name, value in layout.fields)
    pages: list[list[str]] = [[layout.intro] if layout.intro else []]
    used = len(layout.intro)
    budget = _PAGE_BUDGET - min(fields_size, _FIRST_PAGE_FIELDS_BUDGET)
    pending = list(layout.blocks)
    while pending:
        block = pending.pop(0)
        text = block.render()
        room = budget - used - 2
        if len(text) <= room:
            pages[-1].append(text)
            used += len(text) + 2
            continue
        split = _split_block(block, room)
        if split is not None:
            pages[-1].append(split[0].render())
            pending.insert(0, split[1])
        else:
            pending.insert(0, block)
            if not pages[-1]:
                raise ValueError("a block cannot be split to fit an empty page")
        pages.append([])
        used = 0
        budget = _PAGE_BUDGET
    return pages


def paginate(layout: Layout) -> list[discord.Embed]:
    """The layout as embeds, one per page, each within every Discord limit."""
    pages = _pages_of(layout)
    embeds: list[discord.Embed] = []
    for number, parts in enumerate(pages, start=1):
        embed = discord.Embed(
            title=cut(layout.title, TITLE_LIMIT),
            url=layout.url,
            colour=layout.colour,
            description="\n\n".join(parts) or None,
        )
        if number == 1:
            _add_fields(embed, layout.fields)
        page_mark = f"Page {number}/{len(pages)}" if len(pages) > 1 else ""
        footer = " · ".join(part for part in (page_mark, layout.footer) if part)
        if footer:
            embed.set_footer(text=cut(footer, FOOTER_LIMIT))
        embeds.append(embed)
    return embeds


def _add_fields(embed: discord.Embed, fields: Sequence[tuple[str, str]]) -> None:
    room = _FIRST_PAGE_FIELDS_BUDGET
    for name, value in fields[:FIELD_COUNT_LIMIT]:
        name = cut(name, FIELD_NAME_LIMIT)
        value = cut(value, min(FIELD_VALUE_LIMIT, max(room - len(name), 1)))
        room -= len(name) + len(value)
        if room < 0:
            break
        embed.add_field(name=name, value=value or "—", inline=len(value) < 40)


def joined_list(items: Sequence[str], limit: int, more: str = "more") -> str:
    """Comma-free lines joined until `limit`, then "… and N more": a list is never cut silently."""
    lines: list[str] = []
    used = 0
    for index, item in enumerate(items):
        tail = f"… and {len(items) - index} {more}"
        if used + len(item) + 1 + len(tail) > limit:
            lines.append(tail)
            break
        lines.append(item)
        used += len(item) + 1
    return "\n".join(lines)


def _link(label: str, url: str | None) -> str:
    return f"[{plain(label)}]({url})" if url else plain(label)


def _reference_line(ref: ReferenceInfo) -> str:
    return f"{_link(ref.ref_id, ref.permalink)} · {plain(wording.reference_remark(ref))}"


def _listing_line(item: CableListing) -> str:
    return (
        f"**{_link(item.ref_id, item.permalink)}** · {wording.day(item.created)} · "
        f"{plain(item.classification)} · {plain(item.origin)}\n{plain(item.subject)}"
    )


def _lines(*parts: str) -> str:
    return "\n".join(part for part in parts if part)


def _bold(text: str) -> str:
    """Escaped text in bold; nothing for an empty text (`****` would show as is)."""
    return f"**{plain(text)}**" if text else ""


def _notes(notes: Iterable[str]) -> str:
    return "\n".join(f"*{plain(note)}*" for note in notes)


def _cable_layout(reply: CableCard, command_prefix: str) -> Layout:
    outline = [f"{plain(s.heading)} · {s.paragraphs} ¶" for s in reply.outline]
    fields = [
        ("Created", wording.when(reply.created, reply.minutes_unreliable)),
        *([("Released", wording.when(reply.released))] if reply.released else []),
        ("Classification", plain(reply.classification) or "unknown"),
        ("Origin", plain(reply.origin) or "unknown"),
        ("Paragraphs", str(reply.paragraph_count)),
        ("Tags", joined_list([_tag(t.tag, t.meaning) for t in reply.tags], 400) or "none"),
        ("References", joined_list([_reference_line(r) for r in reply.references], 500) or "none"),
        ("Sections", joined_list(outline, 400, more="more sections") or "none"),
        ("Links", f"[WikiLeaks]({reply.permalink}) · [PlusD]({reply.plusd_link})"),
    ]
    # Our own words with a command in code marks: not escaped like the notes.
    desk = wording.desk_notes_count(reply, command_prefix)
    flags = _notes([*wording.card_flags(reply), *reply.notes])
    intro = _lines(_bold(reply.subject), flags, f"*{desk}*" if desk else "")
    # The card quotes only the summary's opening; the whole of it is one command away.
    more = f"*The whole summary: `{command_prefix}cable {reply.ref_id} summary`*"
    blocks = [Block("**Summary** (opening)", reply.summary, more)] if reply.summary else []
    return Layout(
        title=reply.ref_id,
        url=reply.permalink,
        intro=intro,
        fields=fields,
        blocks=blocks,
        footer=f"#{reply.ref_id}",
    )


def _tag(tag: str, meaning: str | None) -> str:
    return f"`{tag}` {plain(meaning)}" if meaning else f"`{tag}`"


def _paragraph_block(item: ParagraphItem) -> Block:
    ambiguous = f" · {plain(wording.anchor_warning(item.label))}" if item.anchor_ambiguous else ""
    heading = (
        f"**{_link(wording.paragraph_label(item.label, item.section), item.permalink)}**{ambiguous}"
    )
    return Block(heading, item.text, _desk_notes(item.desk_notes))


# Notes under one quote stop here ("… and 3 more notes"): a page must hold the quote too.
_DESK_NOTES_CHARS = 1500


def _desk_notes(notes: Sequence[DeskNote]) -> str:
    """Team notes under a quote: escaped, so a note never formats or pings."""
    lines = [f"📝 {plain(wording.note_line(note))}" for note in notes]
    return joined_list(lines, _DESK_NOTES_CHARS, more="more notes")


def _paragraphs_layout(reply: ParagraphsReply) -> Layout:
    subject = _bold(reply.subject)
    if reply.section:
        subject += f"\nSection: {plain(reply.section)}"
    return Layout(
        title=reply.ref_id,
        url=reply.permalink,
        intro=_lines(subject, _notes(reply.notes)),
        blocks=[_paragraph_block(p) for p in reply.paragraphs],
        footer=f"#{reply.ref_id}",
    )


def _hit_block(rank: int, hit: HitItem) -> Block:
    where = _link(f"{hit.ref_id} {wording.paragraph_label(hit.label, hit.section)}", hit.permalink)
    subject = f" — {plain(hit.subject)}" if hit.subject else ""
    ambiguous = f" · {plain(wording.anchor_warning(hit.label))}" if hit.anchor_ambiguous else ""
    meaning = f" *({wording.BY_MEANING})*" if hit.by_meaning else ""
    return Block(
        f"**{rank}.** {where}{subject}{meaning}{ambiguous}",
        excerpt=hit.excerpt,
        trailer=_desk_notes(hit.desk_notes),
    )


def _hits_layout(reply: AnswerReply | SearchReply) -> Layout:
    lines = [f"Results for **{plain(reply.query)}**"]
    if reply.filters:
        lines.append("Filters: " + plain(as_typed(reply.filters)))
    lines += [f"*{plain(remark)}*" for remark in wording.hits_remarks(reply)]
    if reply.notes:
        lines.append(_notes(reply.notes))
    footer = (
        "Results " + wording.page_of(reply.page, reply.pages, reply.more_pages)
        if isinstance(reply, SearchReply)
        else ""
    )
    blocks = [_hit_block(n, hit) for n, hit in enumerate(reply.hits, start=reply.first_rank)]
    if isinstance(reply, SearchReply) and reply.facets is not None and reply.facets.cables:
        rows = [f"{name}: {plain(values)}" for name, values in wording.facet_rows(reply.facets)]
        blocks.append(Block(_lines(f"*{wording.facet_heading(reply.facets)}*", *rows)))
    return Layout(
        title="Answer" if isinstance(reply, AnswerReply) else "Search",
        colour=COLOUR_RESULTS,
        intro="\n".join(lines),
        blocks=blocks,
        footer=footer,
    )


# The chart a timeline reply carries as a file (`bot/render/chart.py`).
TIMELINE_IMAGE = "timeline.png"


def _timeline_layout(reply: TimelineReply) -> Layout:
    lines = [plain(reply.caption)]
    if reply.notes:
        lines.append(_notes(reply.notes))
    # The counts in text too: the chart is an image, and a screen reader or a search of
    # the channel reads these.
    counts = " · ".join(f"{b.period}: {b.count:,}" for b in reply.buckets if b.count)
    return Layout(
        title=wording.timeline_title(reply),
        colour=COLOUR_RESULTS,
        intro="\n".join(lines),
        blocks=[Block(counts)],
        footer=f"per {reply.unit}",
    )


def _browse_layout(reply: BrowseReply) -> Layout:
    lines = [
        f"{reply.total:,} cables"
        + (f" · {wording.page_of(reply.page, reply.pages)}" if reply.pages > 1 else "")
    ]
    if reply.notes:
        lines.append(_notes(reply.notes))
    return Layout(
        title=reply.title,
        colour=COLOUR_RESULTS,
        intro="\n".join(lines),
        blocks=[Block(_listing_line(item)) for item in reply.cables],
        footer="Browse " + wording.page_of(reply.page, reply.pages),
    )


def _refs_layout(reply: RefsReply) -> Layout:
    cites = [_reference_line(ref) for ref in reply.cites]
    cited_by = [_listing_line(item) for item in reply.cited_by]
    return Layout(
        title=f"References of {reply.ref_id}",
        url=reply.permalink,
        intro=_lines(_bold(reply.subject), _notes(reply.notes)),
        blocks=[
            Block(_lines("**Cites**", *(cites or [wording.CITES_NOTHING]))),
            Block(_lines("**Cited by**", *(cited_by or [wording.NOT_CITED]))),
        ],
        footer=f"#{reply.ref_id}",
    )


def _header_layout(reply: HeaderReply) -> Layout:
    rows = [
        f"**{label}:** "
        + (plain(values[0]) if len(values) == 1 else "\n" + joined_list(values, 900))
        for label, values in wording.header_rows(reply)
    ]
    tags = [_tag(t.tag, t.meaning) for t in reply.tags]
    return Layout(
        title=wording.version_title(reply.ref_id, reply.version),
        url=reply.permalink,
        intro=_lines(_bold(reply.subject), _notes(reply.notes)),
        blocks=[
            Block(_lines(*rows)),
            Block(_lines("**Tags**", joined_list(tags, 600) or "none")),
            Block(f"[WikiLeaks]({reply.permalink}) · [PlusD]({reply.plusd_link})"),
        ],
        footer=f"#{reply.ref_id} · header",
    )


def _tag_layout(reply: TagReply) -> Layout:
    counted = [
        ("Most in", [f"{y.value} · {y.cables}" for y in reply.years]),
        ("Most from", [f"{plain(o.value)} · {o.cables}" for o in reply.origins]),
    ]
    return Layout(
        title=cut(wording.tag_heading(reply), TITLE_LIMIT),
        colour=COLOUR_RESULTS,
        intro=_lines(wording.tag_usage(reply), _notes(reply.notes)),
        fields=[(name, joined_list(values, 300) or "none") for name, values in counted],
        blocks=[Block(_lines("**Newest**", *(_listing_line(c) for c in reply.newest)))]
        if reply.newest
        else [],
    )


def _similar_layout(reply: SimilarReply) -> Layout:
    intro = _lines(_bold(reply.subject), _notes(reply.notes))
    if not reply.hits:
        intro = _lines(intro, plain(wording.NO_SIMILAR))
    return Layout(
        title=cut(wording.similar_heading(reply), TITLE_LIMIT),
        url=reply.permalink,
        colour=COLOUR_RESULTS,
        intro=intro,
        blocks=[_hit_block(n, hit) for n, hit in enumerate(reply.hits, start=1)],
        footer=f"#{reply.ref_id} · similar",
    )


def _versions_layout(reply: VersionsReply) -> Layout:
    blocks = [
        Block(
            _lines(
                f"**{plain(wording.version_line(v))}**",
                f"`{cut(v.path, 300)}`",
                plain(v.why_not_shown or ""),
            )
        )
        for v in reply.versions
    ]
    return Layout(
        title=f"Versions of {reply.ref_id}",
        url=reply.permalink,
        intro=_lines(_bold(reply.subject), _notes(reply.notes)),
        blocks=blocks,
        footer=f"#{reply.ref_id} · versions",
    )


def _help_layout(reply: HelpReply) -> Layout:
    return Layout(
        title="Help" + (f": {reply.topic}" if reply.topic else ""),
        colour=COLOUR_RESULTS,
        intro=_notes(reply.notes),
        blocks=[Block(reply.text)],
    )


def _item_block(item: DeskItem) -> Block:
    heading = f"**{_link(wording.item_title(item), item.permalink)}** · " + plain(
        wording.item_byline(item)
    )
    quote = wording.excerpt(item.text) if item.text else None
    return Block(heading, quote, _desk_notes(item.notes))


def _saved_layout(reply: SavedReply) -> Layout:
    return Layout(
        title=wording.saved_title(reply.removed, len(reply.items)).rstrip(":"),
        intro=_notes(reply.notes),
        blocks=[_item_block(item) for item in reply.items],
    )


def _desk_layout(reply: DeskReply) -> Layout:
    return Layout(
        title="Research desk",
        colour=COLOUR_RESULTS,
        intro=_notes(reply.notes),
        blocks=[_item_block(item) for item in reply.items],
        footer="Desk " + wording.page_of(reply.page, reply.pages),
    )


def _notes_layout(reply: NotesReply) -> Layout:
    blocks = [
        Block(
            f"**{plain(wording.note_item_title(note))}** · {plain(note.author)}, "
            f"{wording.when(note.created)} UTC\n{plain(note.text)}"
        )
        for note in reply.desk_notes
    ]
    return Layout(
        title=wording.notes_title(reply.removed, len(reply.desk_notes)).rstrip(":"),
        colour=COLOUR_RESULTS,
        intro=_notes(reply.notes),
        blocks=blocks,
    )


def _export_layout(reply: ExportReply) -> Layout:
    """The file itself is attached by the front end; the embed names it."""
    return Layout(
        title="Export",
        colour=COLOUR_RESULTS,
        intro=_lines(
            plain(wording.export_text(reply.filename, reply.content)), _notes(reply.notes)
        ),
    )


def _focus_layout(reply: FocusReply, command_prefix: str) -> Layout:
    return Layout(
        title="Focus",
        colour=COLOUR_RESULTS,
        intro=_lines(wording.focus_text(reply, command_prefix), _notes(reply.notes)),
    )


def error_embed(
    message: str, suggestions: Sequence[str] = (), notes: Sequence[str] = ()
) -> discord.Embed:
    """A short error reply; `message` is our own text, suggestions are cable ids."""
    lines = [message]
    if suggestions:
        lines.append("Try: " + ", ".join(f"`{s}`" for s in suggestions))
    if notes:
        lines.append(_notes(notes))
    return discord.Embed(
        title="Sorry",
        colour=COLOUR_ERROR,
        description=cut("\n".join(lines), DESCRIPTION_LIMIT),
    )


def render_reply(reply: Reply, command_prefix: str = "!") -> list[discord.Embed]:
    """Every reply kind as one or more pages; `command_prefix` spells commands in hints."""
    if isinstance(reply, ErrorReply):
        return [error_embed(reply.message, wording.suggestions_to_show(reply), reply.notes)]
    if isinstance(reply, CableCard):
        layout = _cable_layout(reply, command_prefix)
    elif isinstance(reply, ParagraphsReply):
        layout = _paragraphs_layout(reply)
    elif isinstance(reply, AnswerReply | SearchReply):
        layout = _hits_layout(reply)
    elif isinstance(reply, BrowseReply):
        layout = _browse_layout(reply)
    elif isinstance(reply, TimelineReply):
        pages = paginate(_timeline_layout(reply))
        pages[0].set_image(url=f"attachment://{TIMELINE_IMAGE}")
        return pages
    elif isinstance(reply, RefsReply):
        layout = _refs_layout(reply)
    elif isinstance(reply, HeaderReply):
        layout = _header_layout(reply)
    elif isinstance(reply, TagReply):
        layout = _tag_layout(reply)
    elif isinstance(reply, SimilarReply):
        layout = _similar_layout(reply)
    elif isinstance(reply, VersionsReply):
        layout = _versions_layout(reply)
    elif isinstance(reply, SavedReply):
        layout = _saved_layout(reply)
    elif isinstance(reply, DeskReply):
        layout = _desk_layout(reply)
    elif isinstance(reply, NotesReply):
        layout = _notes_layout(reply)
    elif isinstance(reply, ExportReply):
        layout = _export_layout(reply)
    elif isinstance(reply, FocusReply):
        layout = _focus_layout(reply, command_prefix)
    else:
        layout = _help_layout(reply)
    return paginate(layout)


def compact_card(reply: CableCard, command_prefix: str) -> discord.Embed:
    """A small card for a pasted id or link: metadata and the summary's opening."""
    embed = discord.Embed(
        title=cut(f"{reply.ref_id} — {reply.subject}", TITLE_LIMIT),
        url=reply.permalink,
        colour=COLOUR_CABLE,
    )
    embed.add_field(name="Created", value=wording.day(reply.created))
    embed.add_field(name="Classification", value=plain(reply.classification) or "unknown")
    embed.add_field(name="Origin", value=plain(reply.origin) or "unknown")
    if reply.summary:
        embed.description = code_block(reply.summary)
    embed.set_footer(
        text=f"#{reply.ref_id} · {command_prefix}cable {reply.ref_id} for the full card"
    )
    return embed
