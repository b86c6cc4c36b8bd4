"""Bodies the site cut short: the text stops mid-word with `...` (`SUBJECT: SPAIN: S/GC DAN
FRIED ...`, `I ASKED TO ST...`). Some pages then carry text of another cable after the
cut (73TEHRAN2077 shows 06THEHAGUE131; 7575LIBREVILLE1895 repeats its own start); it is
dropped so that nothing of the wrong cable is ever quoted (CABLES.md 7, "withheld")."""

from __future__ import annotations

import re

from bot.cables.structure.labels import find_label
from bot.cables.structure.lines import lines_containing
from bot.cables.structure.signer import split_signer

_CUT = re.compile(r"\S\s?\.\.\.\s*$")
_DOTS_ONLY = re.compile(r"^\s*\.\.\.\s*$")
_CUT_MARKER = re.compile(r"^\s*[A-Z][A-Z .'-]* \d{8}\s")
# What the site glued after a cut: a database row, a bare reference id, a banner.
_FOREIGN_START = re.compile(
    r"^\s*(?:\d+\s+\d{4}-\d\d-\d\d\b|\d{2}[A-Z]+\d+\s*$|"
    r"(?:C O N F I D E N T I A L|S E C R E T|UNCLAS|CONFIDENTIAL|SECRET)\b)"
)


def _bare(line: str) -> bool:
    """Nothing but a label (and its marking) before the cut."""
    label = find_label(line)
    return label is not None and _DOTS_ONLY.match(label.rest) is not None


def cut_withheld(lines: list[str]) -> tuple[list[str], bool]:
    """The lines up to a `...` cut, and whether the body was cut.

    A cut after the signer is a stray fragment glued to a complete cable (06MANAGUA1002
    ends `TRIVELLI` then `DANIEL ORTEGA AN...`; 08BRASILIA674 a line of dots): it is
    dropped and the body is complete. A cut inside a page marker drops the marker, a cut
    right after a label (09LIMA1191 `¶1. ...`) the label: no paragraph has no text."""
    for i in lines_containing(lines, "..."):
        line = lines[i]
        if not (_DOTS_ONLY.match(line) or _CUT.search(line)):
            continue
        following = next((later for later in lines[i + 1 :] if later.strip()), None)
        if following is not None and not _FOREIGN_START.match(following):
            continue
        if split_signer(lines[:i])[1] is not None:
            return lines[:i], False
        end = i if _CUT_MARKER.match(line) or _DOTS_ONLY.match(line) or _bare(line) else i + 1
        return lines[:end], True
    return lines, False
