"""The handling markings of a body's header zone: the E.O. line with its declassification
date, `Classified By` with its reasons, and the captions (SIPDIS, NOFORN, EXDIS, NODIS, ...)
that limit who may read the cable (CABLES.md 8.2.2). The header zone itself is found by
`header.py`; this module only reads these fields out of its lines.
"""

from __future__ import annotations

import re

from bot.cables.structure.header import _CLASSIFIED_BY, _EO, _is_field

# `E.O. 12958: DECL: 03/01/2017`, `DECL: 1.6X6`, `DECLASSIFY ON: 2019-05-06`.
_DECLASSIFY = re.compile(r"\bDECL(?:ASSIFY)?(?:\s+ON)?\s*:\s*(.+)$", re.I)
_EO_PREFIX = re.compile(r"^\s*(?:E\.?\s?O\.?|EO)\s+", re.I)
_CLASSIFIED_PREFIX = re.compile(r"^\s*(?:\(U\)\s*)?CLASSIFIED\s+BY\s*:?\s*", re.I)
# The reasons are sections of the executive order: 1.4 (E.O. 12958 as amended, 13526) or
# 1.5 (before 2003), `1.4 (b) and (d)`; the words before them connect them to the
# classifier, typed every way: `for reasons`, `per`, `under Section`, and broken by the
# site's line wraps (`REAS ONS`, `reaso ns`, `r eason`).
_SECTION = re.compile(r"\(?\b1\.[45](?!\d)")
_CONNECTOR = re.compile(
    r"[\s,;:.]*(?:\b(?:for|per|under)\s+)?(?:section\s+)?"
    r"(?:\br\s?e\s?a\s?s?\s?o?\s?n\s?s?\s*)?[:.]?\s*$",
    re.I,
)
_REASONS = re.compile(r"[\s,;.]*\b(?:for\s+)?reasons?\b\s*:?\s*(.*)$", re.I)
# Captions, as printed (some spaced out), and the name each is shown under.
_CAPTIONS = (
    ("SIPDIS", r"SIPDIS"),
    ("NOFORN", r"NOFORN|NOT\s+RELEASABLE\s+TO\s+FOREIGN\s+NATIONALS"),
    ("NODIS", r"NODIS"),
    ("EXDIS", r"EXDIS"),
    ("LIMDIS", r"LIMDIS"),
    ("STADIS", r"STADIS"),
    ("ROGER", r"ROGER\s+CHANNEL"),
    ("EFTO", r"E\s?F\s?T\s?O"),
    ("ORCON", r"ORCON"),
    ("NOCONTRACT", r"NOCONTRACT"),
    ("PROPIN", r"PROPIN"),
    ("SENSITIVE BUT UNCLASSIFIED", r"SENSITIVE\s+BUT\s+UNCLASSIFIED|SENSITIVE"),
    ("FOR OFFICIAL USE ONLY", r"FOR\s+OFFICIAL\s+USE\s+ONLY"),
    ("CORRECTED COPY", r"C\s?O\s?R\s?R\s?E\s?C\s?T\s?E\s?D\s+C\s?O\s?P\s?Y"),
)
_CAPTION = re.compile(
    "|".join(rf"\b(?P<c{n}>{pattern})\b" for n, (_, pattern) in enumerate(_CAPTIONS))
)
# A rule under the fields (`-------`) starts the body, not a continuation line.
_RULE = re.compile(r"^\s*[-=_*]{3,}")
# Lines whose words are the cable's own text, where a caption word means nothing.
_TEXT_FIELD = re.compile(r"^\s*(?:SUBJ(?:ECT)?|REF\w*|TAGS?)\b", re.I)


def _field_text(lines: list[str], start: int) -> str:
    """A field's line and its continuation lines (up to a blank line or another field)."""
    parts = [lines[start].strip()]
    for line in lines[start + 1 : start + 4]:
        if not line.strip() or _is_field(line) or _RULE.match(line):
            break
        parts.append(line.strip())
    return " ".join(parts)


def read_markings(lines: list[str], has_sipdis: bool) -> dict[str, object]:
    """The markings in the header zone `lines`, as the Cable's `markings` fields.

    `has_sipdis`: the body carried a SIPDIS caption somewhere (those lines are removed
    before the header is read, wherever the distribution system scattered them).
    """
    eo = declassify = classified_by = reasons = None
    captions: list[str] = ["SIPDIS"] if has_sipdis else []
    for i, line in enumerate(lines):
        if eo is None and _EO.match(line):
            eo = _EO_PREFIX.sub("", _field_text(lines, i)).strip()
            decl = _DECLASSIFY.search(eo)
            declassify = decl.group(1).strip() if decl else None
        elif classified_by is None and _CLASSIFIED_BY.match(line):
            text = _CLASSIFIED_PREFIX.sub("", _field_text(lines, i))
            section = _SECTION.search(text)
            why = _REASONS.search(text)
            if section is not None:
                reasons = text[section.start() :].strip(" .") or None
                text = _CONNECTOR.sub("", text[: section.start()])
            elif why is not None:
                reasons = why.group(1).strip(" .") or None
                text = text[: why.start()]
            classified_by = text.strip(" .,;") or None
        elif not _TEXT_FIELD.match(line):
            for m in _CAPTION.finditer(line.upper()):
                name = _CAPTIONS[int(str(m.lastgroup)[1:])][0]
                if name not in captions:
                    captions.append(name)
    return {
        "eo": eo,
        "declassify": declassify,
        "classified_by": classified_by,
        "reasons": reasons,
        "captions": captions,
    }
