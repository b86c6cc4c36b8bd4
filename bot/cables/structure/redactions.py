"""Redactions: the runs of X that stand for names WikiLeaks removed before publishing
(`XXXXXXXXXXXX`, lower-case `xxxxx`, `XXXX XXXX` for a first and last name).

The rule: a redaction run is a maximal run of three or more letters X, of either case
(`XXXXXXXXXXXxx` is one run). No English word or transliterated name has three X in a
row, so a run is one wherever it stands, also glued to a word by a lost space
(`PrinceXXXXXXXXXXXX`, `XXXXXXXXXXXXsaid`, `toxxxxx`): the run ends where the other
letters begin, and the word around it stays a word. A glued word that itself ends or
starts with X gives the run that letter (`EULEX` + `XXXXXXXXXXXX` reads as `EULE` and
a run of 13). Two X (`Exxon`, routing `RUEHXX`) are never a run. On the 1,295 pages of
the December 2010 mirror the rule finds 3,467 runs on 302 pages; 3,410 of them, in 291
cables, are in the subjects and paragraphs that replies quote (the others stand in
routing lines, references and page markers) (`tests/cables/test_redactions.py`).
"""

from __future__ import annotations

import re

from bot.cables.model import Cable

_RUN = re.compile(r"[Xx]{3,}")


def _may_hold_run(text: str) -> bool:
    """False when `text` surely holds no run: a run has a capital X or is `xxx...`.

    Two literal scans, several times faster than the regex, which tries every position
    (it runs on every paragraph of a cold start, twice); most texts hold no X at all.
    """
    return "X" in text or "xxx" in text


def redaction_runs(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of every redaction run in `text`, in order."""
    if not _may_hold_run(text):
        return []
    return [m.span() for m in _RUN.finditer(text)]


def is_redaction(word: str) -> bool:
    """Whether `word` is nothing but a redaction run (the search index skips these)."""
    return _RUN.fullmatch(word) is not None


def blank_redactions(text: str) -> str:
    """`text` with every redaction run replaced by as many spaces: not a word to search
    for, and every other character keeps its offset."""
    if not _may_hold_run(text):
        return text
    return _RUN.sub(lambda m: " " * (m.end() - m.start()), text)


def cable_redactions(cable: Cable) -> int:
    """How many redaction runs a cable's subject and paragraphs hold: the per-cable count
    the card and `!versions` show, and what `redacted:yes|no` filters on."""
    return sum(
        len(redaction_runs(text))
        for text in (cable.subject, *(paragraph.text for paragraph in cable.paragraphs))
    )
