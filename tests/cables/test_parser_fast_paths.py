"""The parser's fast paths (substring scans, cheap pre-tests, combined regexes) find
exactly what the plain per-line tests find, on the real cables of the Dec 2010 mirror.

Speed is measured by `bot/bench` (docs/parser-speed.md); these tests pin the behaviour.
"""

from __future__ import annotations

import re
import sys

import pytest

from bot.cables.raw import RawCable
from bot.cables.structure import header, labels, spans
from bot.cables.structure.blocks import split_blocks
from bot.cables.structure.labels import find_label
from bot.cables.structure.lines import clean_lines, lines_containing
from bot.cables.structure.markers import remove_page_markers

NEEDLES = [("OF ", "PAGE ", "SECTION"), ("SIPDIS",), ("...",), (":",), (" OF ",)]


@pytest.fixture(scope="session")
def site_lines(site_raws: list[RawCable]) -> list[list[str]]:
    """The cleaned body lines of every page of the mirror."""
    return [clean_lines(raw.body) for raw in site_raws]


@pytest.mark.parametrize("needles", NEEDLES)
def test_lines_containing_agrees_with_a_test_per_line(
    site_lines: list[list[str]], needles: tuple[str, ...]
) -> None:
    for lines in site_lines:
        expected = [i for i, line in enumerate(lines) if any(n in line for n in needles)]
        assert lines_containing(lines, *needles) == expected


def test_lines_containing_edges() -> None:
    lines = ["SIPDIS", "", "a SIPDIS b SIPDIS", "none", "x SIPDIS"]
    assert lines_containing(lines, "SIPDIS") == [0, 2, 4]
    assert lines_containing(lines, "SIPDIS", "none") == [0, 2, 3, 4]
    assert lines_containing([], "SIPDIS") == []
    assert lines_containing(["....."], "...") == [0]


def test_a_labelled_line_always_opens_a_block(site_lines: list[list[str]]) -> None:
    """The first-character pre-test in `split_blocks` never hides a label."""
    for lines in site_lines:
        for block in split_blocks(remove_page_markers(lines)):
            assert block.label == find_label(block.lines[0])
            assert all(find_label(line) is None for line in block.lines[1:])


def test_labels_the_pre_test_must_let_through() -> None:
    lines = ["Text before.", "\u0663. An Arabic-Indic three", "¶ 4. after a pilcrow", "B) lettered"]
    blocks = split_blocks(lines)
    assert [b.label.text if b.label else None for b in blocks] == [None, "3", "4", "B"]


def test_field_kind_names_the_field_each_pattern_matches(site_lines: list[list[str]]) -> None:
    patterns = {
        "subject": header._SUBJECT,
        "tags": header._TAGS,
        "ref": header._REF,
        "eo": header._EO,
        "classified_by": header._CLASSIFIED_BY,
    }
    seen = set()
    for lines in site_lines:
        for line in lines[:60]:
            expected = next((k for k, p in patterns.items() if p.match(line)), None)
            assert header._field_kind(line) == expected
            seen.add(expected)
    assert seen == {None, *patterns}


MARKERS = {
    "summary begin": spans._SUMMARY_BEGIN,
    "summary end": spans._SUMMARY_END,
    "comment start": spans._COMMENT_START,
    **{f"{kind.lower()} end": marker for kind, marker in spans._COMMENT_END.items()},
}


def _plain_search_word(pattern: re.Pattern[str], text: str, pos: int = 0) -> re.Match[str] | None:
    """The first match that starts a word, by a plain regex scan."""
    while (m := pattern.search(text, pos)) is not None:
        before = text[m.start() - 1 : m.start()]
        if not (before.isalnum() or before in ("_", "-")):
            return m
        pos = m.start() + 1
    return None


def _span(m: re.Match[str] | None) -> tuple[int, int] | None:
    return m.span() if m else None


@pytest.mark.parametrize("name", sorted(MARKERS))
def test_search_word_agrees_with_a_plain_regex_scan(site_raws: list[RawCable], name: str) -> None:
    marker = MARKERS[name]
    for raw in site_raws:
        text = spans.BodyText(raw.body.split("\n\n"))
        for pos in (0, len(text.full) // 3):
            expected = _plain_search_word(marker.pattern, text.full, pos)
            assert _span(text.search_word(marker, pos)) == _span(expected)


def test_search_word_sees_non_ascii_case_variants() -> None:
    # `ſ` is an `s` to a case-insensitive regex; the openings avoid such letters.
    text = spans.BodyText(["Intro.", "BEGIN ſUMMARY: the point. end ſummary. After."])
    begin = text.search_word(spans._SUMMARY_BEGIN)
    end = text.search_word(spans._SUMMARY_END)
    assert begin is not None and begin.group(0).startswith("BEGIN ſUMMARY")
    assert end is not None and end.group(0).startswith("end ſummary")


def test_no_opening_letter_has_a_non_ascii_case_variant() -> None:
    """`BodyText.folded` keeps ASCII letters only: an opening letter that a
    case-insensitive regex also matches outside ASCII (`s`: `ſ`) would hide matches."""
    openings = [opening for m in MARKERS.values() for opening in m.openings]
    letters = {chr(b) for opening in [*openings, spans._SUMMARY_WORD] for b in opening}
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    variants = set(re.findall(f"(?i)[{''.join(sorted(letters))}]", everything))
    assert all(c.isascii() for c in variants)
    assert {c.lower() for c in variants} == letters


def test_inline_markers_go_only_where_a_page_count_opens_with_0() -> None:
    """The behaviour before the fast paths, kept: a marker inside a line is removed only
    when ` OF 0` is printed somewhere in the body."""
    line = "the talks went on DUSHANBE 00000313  002 OF {} into the night"
    assert remove_page_markers([line.format("008")]) == ["the talks went on into the night"]
    assert remove_page_markers([line.format("100")]) == [line.format("100")]


def _anchor_by_regex(line: str) -> bool:
    return labels._SITE_ANCHOR.match(line) is not None


def test_label_anchored_agrees_with_the_site_anchor_regex(site_lines: list[list[str]]) -> None:
    """`find_label` reads the site anchor off its own match instead of a second regex."""
    edges = ["1.\tX", "1.", "1.(C) x", "1.Foo", "A.", "A) x", "1) x", "12 (C) text"]
    edges += ["¶ 3. x", "3.\u2003x", "  B. x", "7.\n", "123. x", "Z.y"]
    checked = 0
    for line in [*edges, *(line for lines in site_lines for line in lines)]:
        label = find_label(line)
        if label is not None:
            assert label.anchored == _anchor_by_regex(line), line
            checked += 1
    assert checked > 10_000
