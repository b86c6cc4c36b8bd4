"""The routing header (first `<pre>` on the site): transmission id, precedence, station,
date-time group, FM, TO and INFO (CABLES.md 2.4)."""

from __future__ import annotations

import re

from bot.cables.model import Routing

_TRANSMISSION = re.compile(r"^\s*(VZCZC[A-Z0-9]+)\s*$")
_STATION = re.compile(r"^\s*DE\s+([A-Z]{5,})\s+#")
_DTG = re.compile(r"^\s*([A-Z](?: ?[A-Z])?)\s+(\d{6}Z\s+[A-Z]{3}\s+\d{2})\b")
_KEYWORD = re.compile(r"^\s*(FM|TO|INFO|BT|XMT|ZEN|SUBJECT|E\.O\.)\b")
_PRECEDENCE = {"Z": "FLASH", "O": "IMMEDIATE", "P": "PRIORITY", "R": "ROUTINE"}


def parse_routing(text: str) -> Routing | None:
    """The routing header, or None when the text has none (partial extracts)."""
    # Plain locals, one model at the end: setting a pydantic model's fields one by one
    # costs a Python-level `__setattr__` each.
    transmission_id = station = dtg = precedence = fm = None
    to: list[str] = []
    info: list[str] = []
    current: list[str] | None = None
    for line in text.splitlines():
        if not line.strip():
            current = None
            continue
        if (m := _TRANSMISSION.match(line)) is not None:
            transmission_id = m.group(1)
        elif (m := _STATION.match(line)) is not None:
            station = m.group(1)
        elif dtg is None and (m := _DTG.match(line)) is not None:
            precedence = _PRECEDENCE.get(m.group(1)[0], m.group(1))
            dtg = " ".join(m.group(2).split())
        elif (m := _KEYWORD.match(line)) is not None:
            current = None
            rest = line[m.end() :].strip()
            if m.group(1) == "FM":
                fm = rest
            elif m.group(1) == "TO" and fm is not None:
                current = to
            elif m.group(1) == "INFO" and fm is not None:
                current = info
            if current is not None and rest:
                current.append(rest)
        elif current is not None:
            current.append(line.strip())
    if fm is None and dtg is None and transmission_id is None:
        return None
    return Routing(
        transmission_id=transmission_id,
        precedence=precedence,
        station=station,
        dtg=dtg,
        fm=fm,
        to=to,
        info=info,
        text=text.strip(),
    )
