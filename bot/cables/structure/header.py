"""The header zone of a body: banner, captions, addressees, E.O., TAGS, SUBJECT, REF and
`Classified By`, up to where the paragraphs start (CABLES.md 8.2.2).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.cables.structure.labels import MARKING, find_label, leading_marking

_BANNER = re.compile(
    r"^\s*(?:C ?O ?N ?F ?I ?D ?E ?N ?T ?I ?A ?L|S ?E ?C ?R ?E ?T|T ?O ?P ?S ?E ?C ?R ?E ?T|"
    r"UNCLAS\w*|LIMITED OFFICIAL USE|L ?I ?M ?I ?T ?E ?D)\b",
    re.I,
)
# Media-partner texts open with the creation time (07BANDARSERIBEGAWAN112).
_DATE_LINE = re.compile(r"^\s*[A-Z][a-z]+day, \d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d\s*$")
_EO = re.compile(r"^\s*(?:E\.?\s?O\.?|EO)\s+1\d{4}\b", re.I)
_TAGS = re.compile(r"^\s*TAGS?\b:?\s*", re.I)
_SUBJECT = re.compile(r"^\s*SUBJ(?:ECT)?\s*:\s*", re.I)
# `REF:`, `Ref(s):`, `REFTEL:`, and upper-case `REF A. ...` without a colon.
_REF = re.compile(
    r"^\s*(?:(?i:REF(?:S|TEL|TELS|ERENCES?|\(S\))?)\s*:|REF(?:S|TEL|TELS)?\s(?=\s*[A-Z0-9(]))\s*"
)
_CLASSIFIED_BY = re.compile(
    r"^\s*(?:\(U\)\s*)?(?:CLASSIFIED\s+BY|DECLASSIFIED\s+BY|DERIVED\s+FROM)\b", re.I
)
# A field glued to the previous one on the same line: `E.O. 12958: N/A TAGS: PGOV ...`,
# `SUBJECT: ... REF: BRASILIA 1159`, `REF: ... Classified By: ...`.
_GLUED_FIELD = re.compile(
    r"\s+(?=(?:TAGS?|SUBJECT|SUBJ|REF|(?i:classified by))\s*:)"
    # the first paragraph glued after the fields (newline-stripped exports, 06ANKARA4688)
    r"|\s{2,}(?=\d{1,2}\.\s*\((?:U|C|S|SBU|TS)[/)])"
)
# Header fields sit in the first lines of a body.
_HEADER_LINES = 60
# A line this close before a header field still belongs to the header zone.
_LINES_BETWEEN_FIELDS = 2
_TAG_LINE = re.compile(r"^\s*[A-Z]{2,6}(?:[ ,]+[A-Z]{2,6})*\s*$")
_REF_BULLET = re.compile(r"(?:^|\s)\(?([A-Z])[.)]\s*(?=[(A-Z0-9])")
_NEXT_BULLET = re.compile(r"^\s*\(?([A-Z])[.)]\s*[(A-Z0-9]")
_CAPTION = re.compile(
    r"^\s*(?:SIPDIS|SENSITIVE(?: BUT UNCLASSIFIED)?|NOFORN|EXDIS|NODIS|LIMDIS|STADIS|"
    r"E F T O|C O R R E C T E D\s+C O P Y|CORRECTED COPY|FOR OFFICIAL USE ONLY|"
    r"DEPT FOR .*|[A-Z/]+ ONLY|Declassified/Released .*)\s*$",
    re.I,
)
# Office addressees above the fields (`STATE FOR SA/FO`, `STATE PASS TO USAID FOR
# AID/ANE`, `NSC FOR AHARRIMAN`): upper case only, so that `Thanks for ...` stays text.
_ADDRESSEE = re.compile(r"^\s*[A-Z][A-Z/-]*(?: PASS TO [A-Z][A-Z/-]*)? FOR [A-Z]")
_SUBJECT_MARKING = re.compile(
    r"^\s*" + MARKING.pattern + r"\s*|\s*" + MARKING.pattern + r"\s*$", re.I
)
_TAG_SPLIT = re.compile(r"[\s,;]+")
# Addressee and caption lines may precede the first field; past this many lines
# without one the cable has no header zone.
_PREAMBLE_LIMIT = 25
# Field continuation lines are hard-wrapped; a longer line is an unwrapped paragraph.
_LONGEST_FIELD_LINE = 120


@dataclass(slots=True)
class HeaderZone:
    banner: str | None = None
    tags: list[str] = field(default_factory=list)
    subject: str = ""
    ref_text: str = ""
    body_start: int = 0


def _either(**patterns: re.Pattern[str]) -> re.Pattern[str]:
    """One regex matching where any of `patterns` matches (one call instead of several);
    the match's `lastgroup` names the first of them that matches."""
    return re.compile(
        "|".join(
            f"(?P<{name}>(?{'i' if p.flags & re.I else ''}:{p.pattern}))"
            for name, p in patterns.items()
        )
    )


_FIELD = _either(subject=_SUBJECT, tags=_TAGS, ref=_REF, eo=_EO, classified_by=_CLASSIFIED_BY)


def _field_kind(line: str) -> str | None:
    """Which header field `line` opens (`subject`, `tags`, `ref`, `eo`, `classified_by`)."""
    m = _FIELD.match(line)
    return m.lastgroup if m is not None else None


def _is_field(line: str) -> bool:
    return _FIELD.match(line) is not None


def _opens_text(line: str) -> bool:
    """A marked paragraph (` (SBU) Poloff delivered`) or an unwrapped one ends a field."""
    return leading_marking(line) is not None or len(line) > _LONGEST_FIELD_LINE


def _block_end(lines: list[str], start: int) -> int:
    """End of a field that runs until a blank line, another field or a paragraph label."""
    j = start + 1
    while j < len(lines) and lines[j].strip() and not _is_field(lines[j]):
        if find_label(lines[j]) is not None or _opens_text(lines[j]):
            break
        j += 1
    return j


def _ref_block_end(lines: list[str], start: int) -> int:
    """A REF block may continue after blank lines with its next lettered bullet."""
    end = start + 1
    while True:
        while end < len(lines) and lines[end].strip() and not _is_field(lines[end]):
            if _starts_paragraph(lines[end]) or _opens_text(lines[end]):
                return end
            end += 1
        nxt = end
        while nxt < len(lines) and not lines[nxt].strip():
            nxt += 1
        if nxt >= len(lines) or not _continues_bullets(lines[nxt], lines[start:end]):
            return end
        end = nxt + 1


def _last_bullet(block: list[str]) -> str | None:
    """The highest bullet letter so far (bullets may quote older letters: `C. (B) ...`)."""
    letters = _REF_BULLET.findall(" ".join(block))
    return max(letters) if letters else None


def _continues_bullets(line: str, block: list[str]) -> bool:
    m = _NEXT_BULLET.match(line)
    last = _last_bullet(block)
    return m is not None and last is not None and ord(m.group(1)) == ord(last) + 1


def _starts_paragraph(line: str) -> bool:
    """Inside a REF block a lettered line is one more bullet; a numbered one opens the body."""
    label = find_label(line)
    return label is not None and not label.lettered


def parse_tags(text: str) -> list[str]:
    tags = [t.upper() for t in _TAG_SPLIT.split(text) if t]
    return [t for t in tags if t != "SIPDIS" and t.isalnum()]


def clean_subject(text: str) -> str:
    text = " ".join(text.split())
    return _SUBJECT_MARKING.sub("", text).strip()


def split_glued_fields(lines: list[str]) -> list[str]:
    """Header lines with each field on a line of its own."""
    out: list[str] = []
    for line in lines[:_HEADER_LINES]:
        if ":" in line and _is_field(line) and _GLUED_FIELD.search(line, 5):
            out.extend(_GLUED_FIELD.split(line))
        else:
            out.append(line)
    out.extend(lines[_HEADER_LINES:])
    return out


def _field_follows(lines: list[str], start: int) -> bool:
    """A header field comes within the next few non-blank lines, before any label."""
    seen = 0
    for line in lines[start + 1 : start + 8]:
        if not line.strip():
            continue
        if _is_field(line):
            return True
        seen += 1
        if seen >= _LINES_BETWEEN_FIELDS or find_label(line) is not None:
            return False
    return False


def parse_header(lines: list[str]) -> HeaderZone:
    zone = HeaderZone()
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i < len(lines) and _DATE_LINE.match(lines[i]):
        i += 1
    if i < len(lines) and _BANNER.match(lines[i]) and not _is_field(lines[i]):
        zone.banner = lines[i].strip()
        i += 1
    zone.body_start = i
    seen_field = last_was_subject = False
    j = i
    while j < len(lines):
        line = lines[j]
        if not line.strip():
            j += 1
            continue
        kind = _field_kind(line)
        if kind == "subject":
            end = _block_end(lines, j)
            zone.subject = clean_subject(_SUBJECT.sub("", " ".join(lines[j:end]), count=1))
        elif kind == "tags":
            end = j + 1
            while end < len(lines) and _TAG_LINE.match(lines[end]) and not _is_field(lines[end]):
                end += 1
            zone.tags = parse_tags(_TAGS.sub("", " ".join(lines[j:end]), count=1))
        elif kind == "ref":
            end = _ref_block_end(lines, j)
            ref = " ".join(lines[j:end])
            zone.ref_text = (zone.ref_text + " " + _REF.sub("", ref, count=1)).strip()
        elif kind is not None:  # E.O. or Classified By
            end = _block_end(lines, j)
        elif seen_field and _field_follows(lines, j):
            # A subject cut by a blank line (09LONDON1946), an addressee between fields.
            end = _block_end(lines, j)
            if last_was_subject and line.strip().isupper():
                zone.subject = clean_subject(f"{zone.subject} {' '.join(lines[j:end])}")
        elif seen_field or j - i >= _PREAMBLE_LIMIT or find_label(line) is not None:
            break
        else:
            j += 1
            continue
        seen_field = True
        last_was_subject = kind == "subject" or (last_was_subject and kind is None)
        zone.body_start = end
        j = end
    return zone


def strip_captions(lines: list[str], start: int) -> int:
    """Skip blank, caption (SIPDIS, NOFORN ...) and addressee lines at the start of the
    body: a body cut before its fields (06KABUL3934) would otherwise open with them."""
    while start < len(lines) and (
        not lines[start].strip() or _CAPTION.match(lines[start]) or _ADDRESSEE.match(lines[start])
    ):
        start += 1
    return start
