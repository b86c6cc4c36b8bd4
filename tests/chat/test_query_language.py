"""The query language, facets and !timeline on the bundled library. Expected counts are
computed here from the cables' own text and metadata, not by the search index."""

from __future__ import annotations

import io
import re
from collections import Counter

from PIL import Image

from bot.cables.library import Library
from bot.cables.model import Cable
from bot.cables.structure.redactions import cable_redactions
from bot.chat.replies import ErrorReply, Reply, SearchReply, TimelineReply
from bot.render.chart import DPI, HEIGHT_INCHES, WIDTH_INCHES, timeline_figure, timeline_png
from bot.render.terminal import render
from bot.search.tantivy_index import date_key
from bot.search.text import stem
from tests.chat.conftest import Ask


def _search(reply: Reply) -> SearchReply:
    assert isinstance(reply, SearchReply), reply
    return reply


def _timeline(reply: Reply) -> TimelineReply:
    assert isinstance(reply, TimelineReply), reply
    return reply


def _holds(cable: Cable, words: str) -> bool:
    """A paragraph (text or heading) with any form of one of `words` (`a|b`): a word of
    the same stem."""
    wanted = {stem(word) for word in words.split("|")}
    return any(
        wanted & {stem(w) for w in re.findall(r"[^\W_]+", f"{p.text} {p.section or ''}".lower())}
        for p in cable.paragraphs
    )


def _paragraph_holds(cable: Cable, *patterns: str, without: str | None = None) -> bool:
    for p in cable.paragraphs:
        text = f"{p.text} {p.section or ''}"
        if all(re.search(rf"\b(?:{x})\b", text, re.I) for x in patterns) and not (
            without and re.search(rf"\b(?:{without})\b", text, re.I)
        ):
            return True
    return False


def test_or_takes_either_word(ask: Ask, bundled_library: Library) -> None:
    reply = _search(ask("!search iceland OR reykjavik"))
    expected = {c.ref_id for c in bundled_library if _holds(c, "iceland|reykjavik")}
    assert reply.facets is not None and reply.facets.cables == len(expected)
    assert {hit.ref_id for hit in reply.hits} <= expected
    both = _search(ask("!search iceland reykjavik"))
    assert both.facets is not None and both.facets.cables < len(expected)


def test_minus_and_not_leave_paragraphs_out(ask: Ask, bundled_library: Library) -> None:
    for line in ("!search peacekeepers -afghanistan", "!search peacekeepers NOT afghanistan"):
        reply = _search(ask(line))
        for hit in reply.hits:
            cable = bundled_library.get(hit.ref_id)
            assert cable is not None
            paragraph = next(p for p in cable.paragraphs if p.permalink == hit.permalink)
            assert "afghanistan" not in paragraph.text.lower()
    expected = {
        c.ref_id
        for c in bundled_library
        if _paragraph_holds(c, "peacekeepers?|peacekeeping", without="afghanistan|afghan")
    }
    reply = _search(ask('!search peacekeepers -"afghanistan"'))
    assert reply.facets is not None
    # The index reaches every form of a word (peacekeeper, peacekeepers); the regex
    # above lists them, so the counts agree.
    assert reply.facets.cables <= len(expected) + 5


def test_phrase_or_word_and_tantivy_syntax_is_words(ask: Ask) -> None:
    reply = _search(ask('!search "chicken street" OR kabul'))
    assert reply.hits and reply.facets is not None and reply.facets.cables > 1
    # Field syntax of another engine, boosts and brackets are words, never an error.
    for line in ("!search body^2 (trafficking)", "!search +trafficking [2006 TO 2008]"):
        assert isinstance(ask(line), SearchReply)


def test_subject_filter_looks_at_subject_lines_only(ask: Ask, bundled_library: Library) -> None:
    reply = _search(ask("!search police subject:iran"))
    assert reply.hits
    for hit in reply.hits:
        cable = bundled_library.get(hit.ref_id)
        assert cable is not None and "iran" in cable.subject.lower()


def test_date_ranges_and_sorting(ask: Ask, bundled_library: Library) -> None:
    reply = _search(ask("!search trafficking from:2007-03 to:2008-06 sort:oldest"))
    dates = []
    for hit in reply.hits:
        cable = bundled_library.get(hit.ref_id)
        assert cable is not None
        dates.append(date_key(cable))
    assert dates and dates == sorted(dates)
    assert all(20070300 <= d <= 20080699 for d in dates)
    newest = _search(ask("!search trafficking year:2006-2008 sort:newest"))
    keys = [date_key(c) for h in newest.hits if (c := bundled_library.get(h.ref_id)) is not None]
    assert keys == sorted(keys, reverse=True) and all(2006 <= k // 10_000 <= 2008 for k in keys)


def test_redacted_filter(ask: Ask, bundled_library: Library) -> None:
    redacted = {c.ref_id for c in bundled_library if cable_redactions(c)}
    yes = _search(ask("!search said redacted:yes"))
    no = _search(ask("!search said redacted:no"))
    assert yes.hits and all(hit.ref_id in redacted for hit in yes.hits)
    assert no.hits and not any(hit.ref_id in redacted for hit in no.hits)
    # A run of X is no word to search for.
    assert isinstance(ask("!search XXXXXXXXXXXX"), ErrorReply | SearchReply)
    assert not _search(ask("!search said XXXXXXXXXXXX")).corrected_query


def test_facets_count_the_whole_match_set(ask: Ask, bundled_library: Library) -> None:
    reply = _search(ask("!search refugees"))
    matched = [c for c in bundled_library if _holds(c, "refugees")]
    assert reply.facets is not None and reply.facets.cables == len(matched)
    years = Counter(date_key(c) // 10_000 for c in matched)
    origins = Counter(c.origin for c in matched)
    tags = Counter(t for c in matched for t in c.tags)
    top = sorted(years.items(), key=lambda i: (-i[1], i[0]))[:5]
    assert [(int(v.value), v.cables) for v in reply.facets.year] == top
    assert [(v.value, v.cables) for v in reply.facets.origin] == sorted(
        origins.items(), key=lambda i: (-i[1], i[0])
    )[:5]
    assert [(v.value, v.cables) for v in reply.facets.tag] == sorted(
        tags.items(), key=lambda i: (-i[1], i[0])
    )[:5]
    assert reply.facets.year[0].filter == f"year:{top[0][0]}"
    assert all(v.filter.startswith("origin:") for v in reply.facets.origin)
    assert "narrow with:" in render(reply)


def test_timeline_by_year_and_by_month(ask: Ask, bundled_library: Library) -> None:
    matched = [c for c in bundled_library if _holds(c, "trafficking")]
    yearly = _timeline(ask("!timeline trafficking"))
    years = Counter(date_key(c) // 10_000 for c in matched)
    assert yearly.unit == "year" and yearly.total == len(matched)
    assert {b.period: b.count for b in yearly.buckets if b.count} == {
        str(y): n for y, n in years.items()
    }
    periods = [int(b.period) for b in yearly.buckets]
    assert periods == list(range(min(years), max(years) + 1))  # empty years shown
    monthly = _timeline(ask("!timeline trafficking year:2007-2008"))
    in_range = [c for c in matched if 2007 <= date_key(c) // 10_000 <= 2008]
    months = Counter(f"{date_key(c) // 10_000}-{date_key(c) // 100 % 100:02d}" for c in in_range)
    assert monthly.unit == "month" and len(monthly.buckets) == 24
    assert {b.period: b.count for b in monthly.buckets if b.count} == dict(months)
    assert "2007-01" in render(monthly)


def test_timeline_with_filters_only(ask: Ask, bundled_library: Library) -> None:
    reply = _timeline(ask("!timeline tag:KCRM"))
    assert reply.total == sum("KCRM" in c.tags for c in bundled_library)


def test_chart_image(ask: Ask) -> None:
    reply = _timeline(ask("!timeline trafficking"))
    png = timeline_png(reply)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert image.size == (int(WIDTH_INCHES * DPI), int(HEIGHT_INCHES * DPI))
    figure = timeline_figure(reply)
    [axes] = figure.axes
    heights = [round(bar.get_height()) for bar in axes.patches]
    assert heights == [b.count for b in reply.buckets]
    assert axes.get_xlabel() == "year" and axes.get_ylabel() == "cables"
    assert "trafficking" in axes.get_title()
    assert any(reply.caption in text.get_text().replace("\n", " ") for text in figure.texts)
