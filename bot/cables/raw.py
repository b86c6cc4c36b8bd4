"""What a format reader hands to the cable builder: one cable's text and metadata.

Readers only extract; the builder (`bot.cables.build`) interprets. Fields a format
does not carry are None and are recovered from the text where possible.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.cables.model import SiteGeneration, SourceFormat


@dataclass(slots=True)
class RawCable:
    path: str
    format: SourceFormat
    header: str
    body: str
    ref_id: str | None = None
    created: datetime | None = None
    released: datetime | None = None
    classification: str | None = None
    origin: str | None = None
    title: str | None = None
    csv_references: list[str] | None = None
    generation: SiteGeneration | None = None
    minutes_unreliable: bool = False
    glued_to: str | None = None  # see Source.glued_to
