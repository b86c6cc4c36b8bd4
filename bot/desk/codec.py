"""Entries as JSON objects, for the last-shown memory (and backups of it)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.desk.records import Anchor, CableInfo, Entry


def entry_to_json(entry: Entry) -> dict[str, Any]:
    anchor, cable = entry.anchor, entry.cable
    return {
        "ref_id": anchor.ref_id,
        "locator": anchor.locator,
        "section": anchor.section,
        "label": anchor.label,
        "permalink": entry.permalink,
        "text": entry.text,
        "subject": cable.subject,
        "created": cable.created.isoformat() if cable.created else None,
        "origin": cable.origin,
        "classification": cable.classification,
        "tags": list(cable.tags),
    }


def entry_from_json(data: dict[str, Any]) -> Entry:
    created = data["created"]
    return Entry(
        anchor=Anchor(
            ref_id=data["ref_id"],
            locator=data["locator"],
            section=data["section"],
            label=data["label"],
        ),
        permalink=data["permalink"],
        text=data["text"],
        cable=CableInfo(
            subject=data["subject"],
            created=datetime.fromisoformat(created) if created else None,
            origin=data["origin"],
            classification=data["classification"],
            tags=tuple(data["tags"]),
        ),
    )
