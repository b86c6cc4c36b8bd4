"""Replies as plain text for a terminal: wrapped, every link written out in full."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable

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

# Cable text is untrusted: an escape sequence in it must not drive the user's terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
INDENT = "    "


# The engine marks matched words `**like this**` for Discord; a terminal shows them plain.
_BOLD = re.compile(r"\*\*(.+?)\*\*")


def _safe(text: str) -> str:
    return _CONTROL.sub("", text)


def _wrap(text: str, width: int, indent: str = "") -> list[str]:
    """Each line wrapped on its own: the cable text keeps its lists and blank-line breaks
    (prose lines are already joined by the parser)."""
    lines: list[str] = []
    for line in _safe(text).strip().splitlines():
        words = " ".join(line.split())
        lines += textwrap.wrap(words, width, initial_indent=indent, subsequent_indent=indent) or [
            ""
        ]
    return lines


def _title(text: str, width: int) -> list[str]:
    return textwrap.wrap(_safe(text), width, subsequent_indent=INDENT)


def _reference(ref: ReferenceInfo, width: int) -> list[str]:
    line = f"{ref.ref_id}  {wording.reference_remark(ref)}"
    lines = textwrap.wrap(line, width, initial_indent=INDENT, subsequent_indent=INDENT * 2)
    return lines + ([INDENT * 2 + ref.permalink] if ref.permalink else [])


def card(reply: CableCard, width: int) -> list[str]:
    lines = _title(f"{reply.ref_id}: {reply.subject or '(no subject)'}", width)
    lines += [
        f"Created {wording.when(reply.created, reply.minutes_unreliable)}"
        + (f" · Released {wording.when(reply.released)}" if reply.released else ""),
        f"{reply.classification or 'Unknown classification'} · {reply.origin or 'unknown origin'}",
    ]
    if reply.tags:
        tags = ", ".join(f"{t.tag} ({t.meaning})" if t.meaning else t.tag for t in reply.tags)
        lines += textwrap.wrap("Tags: " + tags, width, subsequent_indent=INDENT)
    if reply.references:
        lines.append("References:")
        lines += [row for ref in reply.references for row in _reference(ref, width)]
    if reply.outline:
        # A no-break space keeps each count with its pilcrow when the line is wrapped.
        sections = "; ".join(
            f"{s.heading.rstrip(':')} ({s.paragraphs}\u00a0¶)" for s in reply.outline
        )
        lines += textwrap.wrap("Sections: " + sections, width, subsequent_indent=INDENT)
    else:
        lines.append(f"Paragraphs: {reply.paragraph_count}")
    lines += [line for flag in wording.card_flags(reply) for line in textwrap.wrap(flag, width)]
    desk = wording.desk_notes_count(reply, "")
    lines += textwrap.wrap(desk, width) if desk else []
    if reply.summary:
        lines += ["Summary:", *_wrap(reply.summary, width, INDENT)]
    lines += [f"WikiLeaks: {reply.permalink}", f"PlusD:     {reply.plusd_link}"]
    return lines


def paragraphs(reply: ParagraphsReply, width: int) -> list[str]:
    where = f", {reply.section.rstrip(':')}" if reply.section else ""
    lines = _title(f"{reply.ref_id}{where}: {reply.subject}", width)
    for p in reply.paragraphs:
        lines += ["", wording.paragraph_label(p.label, p.section), *_wrap(p.text, width, INDENT)]
        lines.append(f"{INDENT}{p.permalink}")
        if p.anchor_ambiguous:
            lines.append(f"{INDENT}({wording.anchor_warning(p.label)})")
        lines += _desk_notes(p.desk_notes, width)
    return lines


def _desk_notes(notes: list[DeskNote], width: int) -> list[str]:
    return [
        line
        for note in notes
        for line in textwrap.wrap(
            _safe(wording.note_line(note)),
            width,
            initial_indent=INDENT,
            subsequent_indent=INDENT * 2,
        )
    ]


def _hits(hits: list[HitItem], first_number: int, width: int) -> list[str]:
    lines: list[str] = []
    for number, hit in enumerate(hits, first_number):
        title = f"{number}. {hit.ref_id} {wording.paragraph_label(hit.label, hit.section)}"
        title += f" · {hit.subject}" if hit.subject else ""
        title += f" ({wording.BY_MEANING})" if hit.by_meaning else ""
        lines += ["", *_title(title, width)]
        lines += _wrap(_BOLD.sub(r"\1", hit.excerpt), width, INDENT)
        lines.append(f"{INDENT}{hit.permalink}")
        if hit.anchor_ambiguous:
            lines += _wrap(f"({wording.anchor_warning(hit.label)})", width, INDENT)
        lines += _desk_notes(hit.desk_notes, width)
    return lines


def answer(reply: AnswerReply, width: int) -> list[str]:
    scope = f" in {reply.ref_id}" if reply.ref_id else ""
    filters = f" [{as_typed(reply.filters)}]" if reply.filters else ""
    lines = [f"Answers to {reply.query!r}{scope}{filters}:", *wording.hits_remarks(reply)]
    return lines + _hits(reply.hits, reply.first_rank, width)


def search(reply: SearchReply, width: int) -> list[str]:
    filters = f" [{as_typed(reply.filters)}]" if reply.filters else ""
    where = wording.page_of(reply.page, reply.pages, reply.more_pages)
    lines = [f"Search {reply.query!r}{filters}, {where}:"]
    lines += wording.hits_remarks(reply)
    lines += _hits(reply.hits, reply.first_rank, width)
    if reply.facets is not None and reply.facets.cables:
        lines += ["", *_title(wording.facet_heading(reply.facets), width)]
        for name, values in wording.facet_rows(reply.facets):
            lines += textwrap.wrap(
                f"{name}: {_safe(values)}",
                width,
                initial_indent=INDENT,
                subsequent_indent=INDENT * 2,
            )
    return lines + _next_page(reply.page, reply.page < reply.pages or reply.more_pages)


# The widest bar of a text chart, in characters.
_BAR_CHARS = 50


def timeline(reply: TimelineReply, width: int) -> list[str]:
    """A text bar chart: one row a period, the bar scaled to the largest count."""
    lines = [*_title(wording.timeline_title(reply), width), *_title(_safe(reply.caption), width)]
    top = max((bucket.count for bucket in reply.buckets), default=0) or 1
    room = max(10, min(_BAR_CHARS, width - 20))
    label = max(len(bucket.period) for bucket in reply.buckets) if reply.buckets else 4
    lines.append("")
    for bucket in reply.buckets:
        bar = "█" * round(bucket.count * room / top)
        if bucket.count and not bar:
            bar = "▏"  # a count too small for a whole block still shows
        lines.append(f"{bucket.period:<{label}}  {bar} {bucket.count:,}".rstrip())
    return lines


def _listing(cable: CableListing, width: int) -> list[str]:
    head = f"{wording.day(cable.created)}  {cable.ref_id}  {cable.classification} · {cable.origin}"
    return [
        *_title(head, width),
        *textwrap.wrap(
            _safe(cable.subject), width, initial_indent=INDENT, subsequent_indent=INDENT
        ),
    ]


def browse(reply: BrowseReply, width: int) -> list[str]:
    count = f"{reply.total} cable" + ("s" if reply.total != 1 else "")
    lines = _title(f"{reply.title}: {count}, {wording.page_of(reply.page, reply.pages)}", width)
    for cable in reply.cables:
        lines += _listing(cable, width)
    return lines + _next_page(reply.page, reply.page < reply.pages)


def _next_page(page: int, more: bool) -> list[str]:
    """A terminal has no Next button: say how to ask for the next page."""
    return ["", f"More: add page:{page + 1} to the command."] if more else []


def refs(reply: RefsReply, width: int) -> list[str]:
    lines = [*_title(f"{reply.ref_id}: {reply.subject}", width), "Cites:"]
    lines += [row for ref in reply.cites for row in _reference(ref, width)] or [
        INDENT + wording.CITES_NOTHING
    ]
    lines.append("Cited by (in the library):")
    for cable in reply.cited_by:
        lines += [INDENT + line for line in _listing(cable, width - len(INDENT))]
    if not reply.cited_by:
        lines.append(INDENT + wording.NOT_CITED)
    return lines


def header(reply: HeaderReply, width: int) -> list[str]:
    title = wording.version_title(reply.ref_id, reply.version)
    lines = _title(f"{title}: {reply.subject or '(no subject)'}", width)
    label_width = max(len(label) for label, _ in wording.header_rows(reply)) + 2
    for label, values in wording.header_rows(reply):
        lead = f"{label}:".ljust(label_width)
        for value in values:
            lines += textwrap.wrap(
                _safe(value), width, initial_indent=lead, subsequent_indent=" " * label_width
            ) or [lead]
            lead = " " * label_width
    if reply.tags:
        tags = ", ".join(f"{t.tag} ({t.meaning})" if t.meaning else t.tag for t in reply.tags)
        lines += textwrap.wrap("Tags: " + tags, width, subsequent_indent=INDENT)
    return [*lines, f"WikiLeaks: {reply.permalink}", f"PlusD:     {reply.plusd_link}"]


def tag(reply: TagReply, width: int) -> list[str]:
    lines = [*_title(wording.tag_heading(reply), width), wording.tag_usage(reply)]
    if reply.years:
        years = ", ".join(f"{y.value} ({y.cables})" for y in reply.years)
        lines += textwrap.wrap("Most in: " + years, width, subsequent_indent=INDENT)
    if reply.origins:
        origins = ", ".join(f"{o.value} ({o.cables})" for o in reply.origins)
        lines += textwrap.wrap("Most from: " + _safe(origins), width, subsequent_indent=INDENT)
    if reply.newest:
        lines.append("Newest:")
        for cable in reply.newest:
            lines += [INDENT + line for line in _listing(cable, width - len(INDENT))]
    return lines


def similar(reply: SimilarReply, width: int) -> list[str]:
    lines = _title(f"{wording.similar_heading(reply)}: {reply.subject}", width)
    if not reply.hits:
        return [*lines, wording.NO_SIMILAR]
    return lines + _hits(reply.hits, 1, width)


def versions(reply: VersionsReply, width: int) -> list[str]:
    lines = _title(f"Versions of {reply.ref_id}: {reply.subject}", width)
    for version in reply.versions:
        lines += textwrap.wrap(wording.version_line(version), width, subsequent_indent=INDENT)
        lines += textwrap.wrap(_safe(version.path), width, initial_indent=INDENT)
        if version.why_not_shown:
            lines += textwrap.wrap(
                version.why_not_shown, width, initial_indent=INDENT, subsequent_indent=INDENT
            )
    return lines


def help_text(reply: HelpReply, width: int) -> list[str]:
    """Markdown wrapped for reading: headings and indented examples stay as they are."""
    lines: list[str] = []
    for line in reply.text.rstrip("\n").splitlines():
        if line.startswith(("#", INDENT)) or not line:
            lines.append(line)
        elif line.startswith("- "):
            lines += textwrap.wrap(line, width, subsequent_indent="  ")
        else:
            lines += textwrap.wrap(line, width)
    return lines


def _desk_item(item: DeskItem, width: int) -> list[str]:
    lines = ["", *_title(f"{wording.item_title(item)} · {wording.item_byline(item)}", width)]
    if item.text:
        lines += _wrap(wording.excerpt(item.text), width, INDENT)
    lines.append(f"{INDENT}{item.permalink}")
    return lines + _desk_notes(item.notes, width)


def saved(reply: SavedReply, width: int) -> list[str]:
    lines = [wording.saved_title(reply.removed, len(reply.items))]
    return lines + [line for item in reply.items for line in _desk_item(item, width)]


def desk(reply: DeskReply, width: int) -> list[str]:
    lines = [f"This desk, {wording.page_of(reply.page, reply.pages)}:"]
    lines += [line for item in reply.items for line in _desk_item(item, width)]
    return lines + _next_page(reply.page, reply.page < reply.pages)


def notes(reply: NotesReply, width: int) -> list[str]:
    lines = [wording.notes_title(reply.removed, len(reply.desk_notes))]
    for note in reply.desk_notes:
        title = f"{wording.note_item_title(note)} · {note.author}, {wording.when(note.created)} UTC"
        lines += ["", *_title(title, width), *_wrap(note.text, width, INDENT)]
    return lines


def export(reply: ExportReply) -> list[str]:
    """The file's text itself: a terminal user redirects or copies it."""
    return [
        wording.export_text(reply.filename, reply.content),
        "",
        _safe(reply.content).rstrip("\n"),
    ]


def error(reply: ErrorReply, width: int) -> list[str]:
    lines = textwrap.wrap(_safe(reply.message), width)
    shown = wording.suggestions_to_show(reply)
    if any(" " in suggestion for suggestion in shown):
        # Whole commands or headings: one a line, so none is split where it wraps.
        lines += ["Try:", *(INDENT + suggestion for suggestion in shown)]
    elif shown:
        lines += textwrap.wrap("Try: " + ", ".join(shown), width, subsequent_indent=INDENT)
    return lines


def _body(reply: Reply, width: int) -> list[str]:
    match reply:
        case CableCard():
            return card(reply, width)
        case ParagraphsReply():
            return paragraphs(reply, width)
        case AnswerReply():
            return answer(reply, width)
        case SearchReply():
            return search(reply, width)
        case BrowseReply():
            return browse(reply, width)
        case TimelineReply():
            return timeline(reply, width)
        case RefsReply():
            return refs(reply, width)
        case HeaderReply():
            return header(reply, width)
        case TagReply():
            return tag(reply, width)
        case SimilarReply():
            return similar(reply, width)
        case VersionsReply():
            return versions(reply, width)
        case HelpReply():
            return help_text(reply, width)
        case SavedReply():
            return saved(reply, width)
        case DeskReply():
            return desk(reply, width)
        case NotesReply():
            return notes(reply, width)
        case ExportReply():
            return export(reply)
        case FocusReply():
            return textwrap.wrap(wording.focus_text(reply, ""), width)
        case ErrorReply():
            return error(reply, width)


def _notes(notes: Iterable[str], width: int) -> list[str]:
    return [line for note in notes for line in textwrap.wrap("Note: " + _safe(note), width)]


def render(reply: Reply, width: int = 100) -> str:
    """The reply as lines of at most `width` characters (links are never broken)."""
    body = _body(reply, width)
    return "\n".join(_notes(reply.notes, width) + body)
