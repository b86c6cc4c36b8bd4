"""A record a multi-record reader could not use, reported instead of loaded."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RejectedRecord:
    """`path` names the record inside its file (`cables.csv#row 37`, `dump.jsonl#line 4`)."""

    path: str
    reason: str
    # The cable id when the record still names one, so a user asking for it learns why.
    ref_id: str | None = None
