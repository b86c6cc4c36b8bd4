"""Turn a reader's RawCable into the Cable model.

The passes live in `bot.cables.structure`, one module per part of the anatomy; this
module only runs them in order and fills the model.
"""

from __future__ import annotations

import re

from bot.cables.ids import cable_url, canonical_id, creation_month, plusd_url
from bot.cables.model import Cable, TextGap
from bot.cables.months import MonthTable, month_table
from bot.cables.raw import RawCable
from bot.cables.structure.header import (
    HeaderZone,
    parse_header,
    split_glued_fields,
    strip_captions,
)
from bot.cables.structure.labels import site_anchor
from bot.cables.structure.lines import clean_lines, drop_distribution_captions
from bot.cables.structure.markers import remove_page_markers
from bot.cables.structure.markings import read_markings
from bot.cables.structure.paragraphs import ParsedBody, ParsedParagraph, parse_body
from bot.cables.structure.permalinks import paragraph_links, section_keys
from bot.cables.structure.references import cited_in_text, parse_references
from bot.cables.structure.routing import parse_routing
from bot.cables.structure.signer import split_signer
from bot.cables.structure.spans import BodyText, FoundSpan, find_comments, find_summary
from bot.cables.structure.withheld import cut_withheld

_PARTIAL_NOTE = "This record is a partial extract of the original cable."
_PARTIAL = re.compile(r"^\s*" + re.escape(_PARTIAL_NOTE) + ".*$", re.M)
_BANNER_CLASSES = (
    ("TOP SECRET", "TOP SECRET"),
    ("SECRET", "SECRET"),
    ("CONFIDENTIAL", "CONFIDENTIAL"),
    ("LIMITED OFFICIAL USE", "LIMITED OFFICIAL USE"),
    ("UNCLAS", "UNCLASSIFIED"),
)


def _banner_classification(banner: str | None) -> str:
    """`C O N F I D E N T I A L SECTION 01 OF 02 ...` -> `CONFIDENTIAL`."""
    if not banner:
        return ""
    squeezed = banner.upper().replace(" ", "")
    for printed, name in _BANNER_CLASSES:
        if squeezed.startswith(printed.replace(" ", "")):
            return name
    return ""


def _has_partial_note(text: str) -> bool:
    # The literal test first: the anchored regex would try every line of every body.
    return _PARTIAL_NOTE in text and _PARTIAL.search(text) is not None


def _references(
    raw: RawCable,
    zone: HeaderZone,
    body_text: str,
    ym: tuple[int, int] | None,
    months: MonthTable,
) -> list[dict[str, object]]:
    """WikiLeaks' own list where a cables.csv row gives one; else the REF block and
    the cables cited in parentheses in the text, as WikiLeaks' list also has them."""
    if raw.csv_references is not None:
        return [
            {"ref_id": r, "as_written": r, "year_inferred": False, "in_cablegate": r in months}
            for r in raw.csv_references
        ]
    return [
        {
            "ref_id": r.ref_id,
            "as_written": r.as_written,
            "year_inferred": r.year_inferred,
            "in_cablegate": r.ref_id in months,
        }
        for r in parse_references(f"{zone.ref_text} ; {cited_in_text(body_text)}", ym, months)
    ]


def _span(found: FoundSpan | None, paragraphs: list[ParsedParagraph]) -> dict[str, object] | None:
    if found is None:
        return None
    home = paragraphs[found.paragraph]
    return {"kind": found.kind, "text": found.text, "section": home.section, "label": home.label}


def _paragraphs(
    body: ParsedBody, texts: list[str], wl_id: str, url: str, taken: set[str]
) -> list[dict[str, object]]:
    links = paragraph_links(body, url, taken)
    return [
        {
            "section": p.section,
            "label": p.label,
            "marking": p.marking,
            "text": text,
            "permalink": link.permalink,
            "locator": f"{wl_id} ¶{link.key}",
            "anchor_ambiguous": link.anchor_ambiguous,
            "key": link.key,
        }
        for p, text, link in zip(body.paragraphs, texts, links, strict=True)
    ]


def _sections(body: ParsedBody) -> list[dict[str, object]]:
    keys = section_keys([heading for heading, _ in body.sections])
    return [
        {"heading": heading, "paragraphs": members, "key": key}
        for (heading, members), key in zip(body.sections, keys, strict=True)
    ]


def _text_gap(cut: bool, has_text: bool, partial: bool) -> TextGap | None:
    if cut:
        return TextGap.CUT_OFF
    if not has_text:
        return TextGap.WITHHELD
    return TextGap.PARTIAL if partial else None


def build_cable(raw: RawCable, months: MonthTable | None = None) -> Cable:
    months = months or month_table()
    if not raw.ref_id:
        raise ValueError("no reference id found")
    wl_id = raw.ref_id
    ym = creation_month(
        wl_id, months, (raw.created.year, raw.created.month) if raw.created else None
    )
    url = cable_url(wl_id, *ym) if ym else ""
    noted = _PARTIAL_NOTE in raw.body  # a plain substring test spares most bodies the regex
    partial = _has_partial_note(raw.header) or (noted and _has_partial_note(raw.body[:2000]))
    unnoted = _PARTIAL.sub("", raw.body, count=1) if noted else raw.body
    lines, withheld = cut_withheld(clean_lines(unnoted))
    lines = split_glued_fields(drop_distribution_captions(remove_page_markers(lines)))
    zone = parse_header(lines)
    start = strip_captions(lines, zone.body_start)
    taken = {label for line in lines[:start] if (label := site_anchor(line)) is not None}
    body_lines, signer = split_signer(lines[start:])
    body = parse_body(body_lines)
    texts = [p.text for p in body.paragraphs]
    text = BodyText(texts)
    headings = [p.section for p in body.paragraphs]
    routing = parse_routing(raw.header) if raw.header.strip() else None
    # One validation of plain dicts: pydantic builds the nested models in its core,
    # without a Python `__init__` call per paragraph, section, reference and span.
    return Cable.model_validate(
        {
            "ref_id": wl_id,
            "canonical_id": canonical_id(wl_id),
            "created": raw.created,
            "released": raw.released,
            "minutes_unreliable": raw.minutes_unreliable,
            "classification": raw.classification or _banner_classification(zone.banner),
            "origin": raw.origin or "",
            "routing": routing,
            "markings": read_markings(lines[:start], "SIPDIS" in raw.body),
            "subject": zone.subject or (raw.title or "").strip(),
            "tags": zone.tags,
            "references": _references(raw, zone, text.full, ym, months),
            "summary": _span(find_summary(text, headings), body.paragraphs),
            "comments": [
                span
                for found in find_comments(text, headings)
                if (span := _span(found, body.paragraphs)) is not None
            ],
            "signer": signer,
            "sections": _sections(body),
            "paragraphs": _paragraphs(body, texts, wl_id, url, taken),
            "partial": partial,
            "body_withheld": withheld or not body.paragraphs,
            "body_cut_off": withheld,
            "source": {
                "path": raw.path,
                "format": raw.format,
                "generation": raw.generation,
                "glued_to": raw.glued_to,
                "text_gap": _text_gap(withheld, bool(body.paragraphs), partial),
            },
            "permalink": url,
            "plusd_link": plusd_url(wl_id),
        }
    )
