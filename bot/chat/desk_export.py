"""A desk as a file: a Markdown research brief, CSV, JSON, or RIS for reference managers.

Quotes are written exactly as saved (the Markdown blockquote only prefixes each line
with `> `), each with its permalink; nothing is left out of any format.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from datetime import datetime

from bot.desk import CableInfo, Note, SavedItem

FORMATS = ("md", "csv", "json", "ris")
NotesOf = dict[str, list[Note]]


def _day(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d") if moment else ""


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def _by_cable(items: Sequence[SavedItem]) -> dict[str, list[SavedItem]]:
    """Items grouped by cable, cables in the order first saved, items in desk order."""
    grouped: dict[str, list[SavedItem]] = {}
    for item in items:
        grouped.setdefault(item.entry.anchor.ref_id, []).append(item)
    return grouped


def _where(item: SavedItem) -> str:
    anchor = item.entry.anchor
    if anchor.label is not None:
        return f"¶{anchor.label}" + (f" ({anchor.section.rstrip(':')})" if anchor.section else "")
    return anchor.section or "whole cable"


def _quote(text: str) -> list[str]:
    return [f"> {line}" if line else ">" for line in text.split("\n")] if text else []


def markdown(title: str, items: Sequence[SavedItem], notes: NotesOf) -> str:
    lines = [f"# {title}", ""]
    for ref_id, kept in _by_cable(items).items():
        cable = kept[0].entry.cable
        lines += [f"## {ref_id}: {cable.subject}", ""]
        lines += [
            f"- Date: {_day(cable.created) or 'unknown'}",
            f"- Origin: {cable.origin or 'unknown'}",
            f"- Classification: {cable.classification or 'unknown'}",
            "",
        ]
        for item in kept:
            entry = item.entry
            lines += [f"### #{item.n} {_where(item)}", ""]
            lines += [*_quote(entry.text), ""] if entry.text else []
            lines += [
                f"- Locator: {entry.anchor.locator}",
                f"- Permalink: <{entry.permalink}>",
                f"- Saved by {item.saved_by.name}, {_stamp(item.saved_at)}",
            ]
            for note in notes.get(entry.anchor.locator, []):
                when = _stamp(note.created_at)
                lines.append(f"- Note #{note.n} by {note.author.name} ({when}): {note.text}")
            lines.append("")
    return "\n".join(lines)


def _notes_text(item: SavedItem, notes: NotesOf) -> str:
    return "\n".join(
        f"#{note.n} {note.author.name}: {note.text}"
        for note in notes.get(item.entry.anchor.locator, [])
    )


def _row(item: SavedItem, notes: NotesOf) -> dict[str, object]:
    entry, cable = item.entry, item.entry.cable
    return {
        "n": item.n,
        "ref_id": entry.anchor.ref_id,
        "section": entry.anchor.section,
        "label": entry.anchor.label,
        "locator": entry.anchor.locator,
        "text": entry.text,
        "permalink": entry.permalink,
        "subject": cable.subject,
        "created": cable.created.isoformat() if cable.created else None,
        "origin": cable.origin,
        "classification": cable.classification,
        "tags": list(cable.tags),
        "saved_by": item.saved_by.name,
        "saved_at": item.saved_at.isoformat(),
        "notes": [
            {
                "n": note.n,
                "author": note.author.name,
                "text": note.text,
                "created": note.created_at.isoformat(),
            }
            for note in notes.get(entry.anchor.locator, [])
        ],
    }


def as_csv(title: str, items: Sequence[SavedItem], notes: NotesOf) -> str:
    out = io.StringIO()
    rows = [_row(item, notes) for item in items]
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    for item, row in zip(items, rows, strict=True):
        writer.writerow(
            {**row, "tags": " ".join(item.entry.cable.tags), "notes": _notes_text(item, notes)}
        )
    return out.getvalue()


def as_json(title: str, items: Sequence[SavedItem], notes: NotesOf) -> str:
    return json.dumps([_row(item, notes) for item in items], ensure_ascii=False, indent=2) + "\n"


def _ris_date(cable: CableInfo) -> list[str]:
    if cable.created is None:
        return []
    return [f"PY  - {cable.created.year}", f"DA  - {cable.created.strftime('%Y/%m/%d')}"]


def _one_line(text: str) -> str:
    """RIS is line-based: a value's line breaks would start a bogus tag."""
    return " ".join(text.split())


def as_ris(title: str, items: Sequence[SavedItem], notes: NotesOf) -> str:
    """One record per cable (a government document): subject, date, origin as author, the
    cable's permalink, and each saved quote and note as a note."""
    lines: list[str] = []
    for ref_id, kept in _by_cable(items).items():
        cable = kept[0].entry.cable
        lines += ["TY  - GOVDOC", f"TI  - {_one_line(cable.subject) or ref_id}"]
        lines += [f"AU  - {_one_line(cable.origin)}"] if cable.origin else []
        lines += _ris_date(cable)
        lines += [f"ID  - {ref_id}", f"M1  - {ref_id}", f"PB  - {cable.classification}"]
        whole = next((i for i in kept if i.entry.anchor.locator == ref_id), None)
        lines.append(f"UR  - {(whole or kept[0]).entry.permalink.split('#')[0]}")
        lines += [f"KW  - {tag}" for tag in cable.tags]
        for item in kept:
            entry = item.entry
            quote = _one_line(entry.text)
            lines.append(f"N1  - {entry.anchor.locator} <{entry.permalink}>: {quote}")
            for note in notes.get(entry.anchor.locator, []):
                by = f"Note on {entry.anchor.locator} by {note.author.name}"
                lines.append(f"N1  - {by}: {_one_line(note.text)}")
        lines += ["ER  - ", ""]
    return "\r\n".join(lines)


WRITERS: dict[str, Callable[[str, Sequence[SavedItem], NotesOf], str]] = {
    "md": markdown,
    "csv": as_csv,
    "json": as_json,
    "ris": as_ris,
}
