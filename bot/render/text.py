"""Wording shared by the plain-text renderers: dates, reference status, labels."""

from __future__ import annotations

from datetime import datetime

from bot.chat.replies import ReferenceStatus

REFERENCE_STATUS = {
    ReferenceStatus.IN_LIBRARY: "in the library",
    ReferenceStatus.IN_CABLEGATE: "in Cablegate, not loaded",
    ReferenceStatus.NOT_IN_CABLEGATE: "not in Cablegate",
}


def when(moment: datetime | None, minutes_unreliable: bool = False) -> str:
    """`2007-03-02 13:48`; `2008-09-09 17:??` when the source's minutes cannot be trusted."""
    if moment is None:
        return "unknown"
    if minutes_unreliable:
        return moment.strftime("%Y-%m-%d %H:??")
    return moment.strftime("%Y-%m-%d %H:%M")


def paragraph_label(label: str | None, section: str | None) -> str:
    """`¶F (PREVENTION)`, `¶3`, or `(unlabelled)` for blocks without a printed label."""
    mark = f"¶{label}" if label else "(unlabelled)"
    return f"{mark} ({section.rstrip(':')})" if section else mark
