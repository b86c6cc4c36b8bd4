"""Picking the paragraphs a locator (`prevention F`, `¶3-5`, `summary`) points at."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, utils

from bot.cables.model import Cable, Paragraph, Span
from bot.chat.entries import COMMENT_KEY, SUMMARY_KEY, span_locator
from bot.chat.errors import UserError
from bot.chat.grammar import LabelRange, Locator
from bot.chat.replies import ParagraphItem

# Fuzzy section names: `investigation` for `INVESTIGATION AND PROSECUTION OF TRAFFICKERS`
# scores 90 (WRatio), the typo `protecton` 84; unrelated words stay below 70.
_SECTION_SCORE = 75.0
_SUMMARY = SUMMARY_KEY
_COMMENT = COMMENT_KEY
# A reply quotes at most this many paragraphs; the rest are a command away.
MAX_PARAGRAPHS = 20
# The key of a lettered paragraph whose letters repeat outside sections names the
# numbered paragraph its run hangs from: `15.B` (09STATE80163 restarts A-H under 3 and 15).
_RUN_KEY = re.compile(r"^(\d+)\.")


class PassageError(UserError):
    """The user asked for paragraphs that are not there."""


@dataclass(slots=True)
class Passage:
    section: str | None
    items: list[ParagraphItem]
    notes: list[str]


def item(paragraph: Paragraph) -> ParagraphItem:
    return ParagraphItem(
        section=paragraph.section,
        label=paragraph.label,
        text=paragraph.text,
        permalink=paragraph.permalink,
        anchor_ambiguous=paragraph.anchor_ambiguous,
        locator=paragraph.locator,
    )


def _plain(name: str) -> str:
    return str(utils.default_process(name))


def section_names(cable: Cable) -> list[str]:
    """Headings, then `SUMMARY` / `COMMENT` when the cable has them but no such heading
    (`//COMMENT//` and `Comment:` count as such headings)."""
    # A heading printed twice (06MOSCOW12751) is one name: asking for it gives both parts.
    names = list(dict.fromkeys(section.heading for section in cable.sections))
    plain = {_plain(name) for name in names}
    if cable.summary is not None and _plain(_SUMMARY) not in plain:
        names.append(_SUMMARY)
    if cable.comments and _plain(_COMMENT) not in plain:
        names.append(_COMMENT)
    return names


def heading_named(cable: Cable, text: str) -> str | None:
    """The section whose name is exactly `text` (case and punctuation aside), if any:
    `Question A` typed whole is that heading, not section `Question` and paragraph A."""
    wanted = _plain(text)
    return next((name for name in section_names(cable) if _plain(name) == wanted), None)


def match_section(cable: Cable, query: str) -> str:
    names = section_names(cable)
    if _plain(query) in (_plain(_SUMMARY), _plain(_COMMENT)) and not any(
        _plain(query) == _plain(name) for name in names
    ):
        raise PassageError(f"{cable.ref_id} has no {_plain(query)} marked.", names)
    if not names:
        raise PassageError(
            f"{cable.ref_id} has no named sections; ask for paragraphs by label instead.",
            _labels(cable.paragraphs),
        )
    ranked = sorted(names, key=lambda name: _closeness(query, name), reverse=True)
    best = _closeness(query, ranked[0])
    if best[0] < _SECTION_SCORE:
        raise PassageError(
            f"{cable.ref_id} has no section like that. Its sections: " + "; ".join(names) + ".",
            names,
        )
    tied = [name for name in ranked if _closeness(query, name) == best]
    if len(tied) > 1 and query.strip() in tied:
        # Headings that differ only in case (07BERN881: COMMENT, Comment): as typed wins.
        return query.strip()
    if len(tied) > 1:
        raise PassageError(
            f"{cable.ref_id} has several sections like that: " + "; ".join(tied) + ".", tied
        )
    return ranked[0]


def _closeness(query: str, name: str) -> tuple[float, float, float]:
    """WRatio first (it forgives typos and partial names); it rates any shared word highly,
    so ties go to the name sharing more of the query's words, then more of its letters."""
    return (
        fuzz.WRatio(query, name, processor=utils.default_process),
        fuzz.token_set_ratio(query, name, processor=utils.default_process),
        fuzz.partial_ratio(query, name, processor=utils.default_process),
    )


def _short_name(heading: str, headings: list[str]) -> str:
    """The fewest leading words of `heading` that no other heading starts with."""
    words = _plain(heading).split()
    others = [" ".join(_plain(h).split()) for h in headings if h != heading]
    for k in range(1, len(words)):
        prefix = " ".join(words[:k])
        if not any(other.startswith(prefix) for other in others):
            return prefix
    return " ".join(words)


def _labels(paragraphs: list[Paragraph]) -> list[str]:
    seen: dict[str, None] = {}
    for paragraph in paragraphs:
        if paragraph.label:
            seen.setdefault(paragraph.label, None)
    return list(seen)


def _home(cable: Cable, span: Span) -> Paragraph | None:
    """The paragraph a span starts in; a span without a label cannot be traced to one."""
    if span.label is None:
        return None
    return next(
        (p for p in cable.paragraphs if p.section == span.section and p.label == span.label),
        None,
    )


def _span_items(cable: Cable, spans: list[Span], heading: str) -> list[ParagraphItem]:
    items = []
    for position, span in enumerate(spans, start=1):
        home = _home(cable, span)
        items.append(
            ParagraphItem(
                section=heading,
                label=span.label,
                text=span.text,
                permalink=home.permalink if home else cable.permalink,
                anchor_ambiguous=home is not None and home.anchor_ambiguous,
                locator=span_locator(cable.ref_id, heading, position),
            )
        )
    return items


def _run_of(paragraph: Paragraph) -> str | None:
    """The numbered paragraph whose lettered run this paragraph belongs to, if any."""
    if paragraph.section is not None or not (paragraph.label or "").isalpha():
        return None
    m = _RUN_KEY.match(paragraph.key)
    return m.group(1) if m else None


def run_named(cable: Cable, text: str) -> str | None:
    """`15` (or `¶15`) when a lettered run hangs from ¶15: `cable 09STATE80163 15 B-G`."""
    wanted = text.strip().lstrip("¶").rstrip(".").lstrip("0") or "0"
    return wanted if any(_run_of(p) == wanted for p in cable.paragraphs) else None


def _in_section(cable: Cable, heading: str) -> list[Paragraph]:
    return [
        cable.paragraphs[i]
        for section in cable.sections
        if section.heading == heading
        for i in section.paragraphs
    ]


def _by_labels(
    cable: Cable, scope: list[Paragraph], labels: LabelRange, where: str, prefix: str
) -> list[Paragraph]:
    first = [i for i, p in enumerate(scope) if (p.label or "").upper() == labels.first]
    if not first:
        raise PassageError(
            f"{cable.ref_id} has no ¶{labels.first} {where}. Labels there: "
            + (", ".join(_labels(scope)) or "none")
            + ".",
            _labels(scope),
        )
    sections = list(dict.fromkeys(scope[i].section for i in first))
    runs = list(dict.fromkeys(run for i in first if (run := _run_of(scope[i])) is not None))
    if len(sections) == 1 and len(runs) > 1:
        raise PassageError(
            f"{cable.ref_id} has a ¶{labels.first} under several paragraphs: "
            + ", ".join(f"¶{run}" for run in runs)
            + ". Name the paragraph too.",
            [f"{prefix}cable {cable.ref_id} {run} {labels}" for run in runs],
        )
    if len(sections) > 1:
        named = [s for s in sections if s]
        raise PassageError(
            f"{cable.ref_id} has a ¶{labels.first} in several sections: "
            + "; ".join(named)
            + ". Name the section too.",
            [f"{prefix}cable {cable.ref_id} {_short_name(s, named)} {labels}" for s in named],
        )
    if labels.last is None:
        return [scope[i] for i in first]
    start = first[0]
    end = next(
        (i for i in range(start, len(scope)) if (scope[i].label or "").upper() == labels.last),
        None,
    )
    before = [i for i in range(start) if (scope[i].label or "").upper() == labels.last]
    if end is None and before:
        # A range typed backwards (`H-A`): the same paragraphs, in the cable's order.
        return scope[before[-1] : start + 1]
    if end is None:
        raise PassageError(
            f"{cable.ref_id} has no ¶{labels.last} after ¶{labels.first} {where}.",
            _labels(scope[start:]),
        )
    return scope[start : end + 1]


def linked(cable: Cable, anchor: str) -> Passage | None:
    """The paragraph a site link's `#par<anchor>` opens: the first printed with that label
    (a browser goes to the first of repeated anchors); None when no paragraph has it."""
    wanted = anchor.upper()
    target = next((p for p in cable.paragraphs if (p.label or "").upper() == wanted), None)
    if target is None:
        return None
    repeats = sum((p.label or "").upper() == wanted for p in cable.paragraphs) > 1
    notes = [f"¶{target.label} is printed more than once; the link opens this first one."]
    return Passage(target.section, [item(target)], notes if repeats else [])


def select(cable: Cable, locator: Locator, prefix: str) -> Passage:
    """The paragraphs `locator` names, or a PassageError saying what exists instead."""
    run = run_named(cable, locator.section) if locator.section else None
    if run is not None and locator.labels is not None:
        scope = [p for p in cable.paragraphs if _run_of(p) == run]
        chosen = _by_labels(cable, scope, locator.labels, f"under ¶{run}", prefix)
        return Passage(None, [item(p) for p in chosen[:MAX_PARAGRAPHS]], [])
    heading = match_section(cable, locator.section) if locator.section else None
    real_headings = {s.heading for s in cable.sections}
    if heading is not None and heading in (_SUMMARY, _COMMENT) and heading not in real_headings:
        if locator.labels is not None:
            raise PassageError(f"The {heading.lower()} is quoted whole; leave out the label.")
        spans = [cable.summary] if heading == _SUMMARY and cable.summary else cable.comments
        return Passage(heading, _span_items(cable, spans, heading), [])
    scope = _in_section(cable, heading) if heading else cable.paragraphs
    where = f"in {heading.rstrip(':')}" if heading else "in this cable"
    if not scope:
        raise PassageError(f"{cable.ref_id} has no paragraphs {where} (the body may be withheld).")
    chosen = _by_labels(cable, scope, locator.labels, where, prefix) if locator.labels else scope
    notes = []
    if len(chosen) > MAX_PARAGRAPHS:
        notes.append(
            f"Showing the first {MAX_PARAGRAPHS} of {len(chosen)} paragraphs; "
            "ask for a range to read the rest."
        )
    return Passage(heading, [item(p) for p in chosen[:MAX_PARAGRAPHS]], notes)
