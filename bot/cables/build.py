"""Turn a reader's RawCable into the Cable model.

PROVISIONAL: a minimal builder so the rest of the pipeline can run; the structure
parser (sections, labels, page markers, references, spans) replaces it.
"""

from __future__ import annotations

import re

from bot.cables.ids import cable_url, canonical_id, creation_month, plusd_url
from bot.cables.model import Cable, Paragraph, Source
from bot.cables.months import MonthTable, month_table
from bot.cables.raw import RawCable

_SUBJECT = re.compile(r"^SUBJECT:\s*(.+)$", re.M | re.I)
_TAGS = re.compile(r"^TAGS:?\s*(.+)$", re.M | re.I)
_LABEL = re.compile(r"^\s*¶?\s*(\d{1,2}|[A-Z])[.)]\s+")


def build_cable(raw: RawCable, months: MonthTable | None = None) -> Cable:
    months = months or month_table()
    if not raw.ref_id:
        raise ValueError("no reference id found")
    wl_id = raw.ref_id
    ym = creation_month(wl_id, months, (raw.created.year, raw.created.month) if raw.created else None)
    url = cable_url(wl_id, *ym) if ym else ""
    subject = _SUBJECT.search(raw.body)
    tags = _TAGS.search(raw.body)
    paragraphs = []
    for block in re.split(r"\n\s*\n", raw.body):
        m = _LABEL.match(block)
        if not m:
            continue
        label = m.group(1)
        paragraphs.append(
            Paragraph(
                label=label,
                text=" ".join(block.split()),
                permalink=f"{url}#par{label}",
                locator=f"{wl_id} ¶{label}",
            )
        )
    return Cable(
        ref_id=wl_id,
        canonical_id=canonical_id(wl_id),
        created=raw.created,
        released=raw.released,
        minutes_unreliable=raw.minutes_unreliable,
        classification=raw.classification or "",
        origin=raw.origin or "",
        subject=(raw.title or (subject.group(1).strip() if subject else "")),
        tags=tags.group(1).replace(",", " ").split() if tags else [],
        paragraphs=paragraphs,
        source=Source(path=raw.path, format=raw.format, generation=raw.generation),
        permalink=url,
        plusd_link=plusd_url(wl_id),
    )
