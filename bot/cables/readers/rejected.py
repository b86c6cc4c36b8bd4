"""A record a multi-record reader could not use, reported instead of loaded."""

from __future__ import annotations

from dataclasses import dataclass

# A reason quotes at most this much of the input: a reply or report never carries a
# 100 KB field back to the user.
_QUOTED = 60
_REASON = 400


def quoted(value: object) -> str:
    """`value` as a reason quotes it: repr, cut to a few dozen characters."""
    shown = repr(value)
    return shown if len(shown) <= _QUOTED else f"{shown[: _QUOTED - 1]}…"


@dataclass(frozen=True, slots=True)
class RejectedRecord:
    """`path` names the record inside its file (`cables.csv#row 37`, `dump.jsonl#line 4`)."""

    path: str
    reason: str
    # The cable id when the record still names one, so a user asking for it learns why.
    ref_id: str | None = None

    def __post_init__(self) -> None:
        # Every reason is capped here, whatever quoted the input (a parser's message too).
        if len(self.reason) > _REASON:
            object.__setattr__(self, "reason", f"{self.reason[: _REASON - 1]}…")
