"""Every section and paragraph of every bundled cable, and every error, fits Discord."""

from __future__ import annotations

from collections.abc import Iterator

import discord

from bot.cables.model import Cable
from bot.chat.passages import item, section_names
from bot.chat.replies import ErrorReply, ParagraphsReply, Reply, SearchReply
from bot.chat.state import AppState
from bot.discord import errors
from bot.render.discord import blockquote, error_embed, render_reply
from handlers.cable import card
from handlers.dispatch import dispatch_command
from tests.discord.limits import limit_problems, quoted_text
from tests.discord.shared import full_cables


def _whole_cable(cable: Cable) -> ParagraphsReply:
    return ParagraphsReply(
        ref_id=cable.ref_id,
        subject=cable.subject,
        paragraphs=[item(p) for p in cable.paragraphs],
        permalink=cable.permalink,
    )


def _replies(state: AppState) -> Iterator[tuple[str, Reply]]:
    for cable in full_cables(state.library):
        yield f"card {cable.ref_id}", card(state, cable)
        yield f"all paragraphs {cable.ref_id}", _whole_cable(cable)
        for name in section_names(cable):
            line = f"{cable.ref_id} {name}"
            yield f"section {line}", dispatch_command(state, "cable", line)


def test_every_section_and_paragraph_fits_and_nothing_is_cut(state: AppState) -> None:
    problems = []
    rendered = 0
    for label, reply in _replies(state):
        pages = render_reply(reply)
        rendered += len(pages)
        problems += [f"{label}: {p}" for page in pages for p in limit_problems([page])]
        if isinstance(reply, ParagraphsReply):
            expected = " ".join(" ".join(p.text for p in reply.paragraphs).split())
            if quoted_text(pages) != expected:
                problems.append(f"{label}: quoted text differs from the cable")
    assert rendered > len(state.library) * 2
    assert problems == []


def test_long_paragraph_is_split_across_pages_with_continued(state: AppState) -> None:
    cable, longest = max(
        ((c, p) for c in full_cables(state.library) for p in c.paragraphs),
        key=lambda cp: len(cp[1].text),
    )
    assert len(longest.text) > 4096  # the bundled library has paragraphs longer than a page
    reply = ParagraphsReply(
        ref_id=cable.ref_id,
        subject=cable.subject,
        paragraphs=[item(longest)],
        permalink=cable.permalink,
    )
    pages = render_reply(reply)
    assert len(pages) >= 2
    assert "continues on the next page" in (pages[0].description or "")
    assert all("(continued)" in (p.description or "") for p in pages[1:])
    assert quoted_text(pages) == " ".join(longest.text.split())


_BAD_LINES = [
    ("cable", ""),
    ("cable", "07DUSHANBX313"),
    ("cable", "zzzz"),
    ("cable", "x" * 900),
    ("refs", "99NOWHERE1"),
    ("search", "tag:"),
    ("search", "trafficking year:1800"),
    ("search", "trafficking nosuch:filter"),
    ("browse", "tag:NOSUCHTAG"),
    ("browse", "page:0"),
    ("ask", ""),
    ("help", "nosuchcommand"),
    ("nosuchcommand", "x"),
]


def test_every_error_reply_fits(state: AppState) -> None:
    replies: list[Reply] = [dispatch_command(state, name, args) for name, args in _BAD_LINES]
    # A missing section lists all of a cable's sections: the longest error a cable can give.
    replies += [
        dispatch_command(state, "cable", f"{cable.ref_id} qqqqqqqq")
        for cable in full_cables(state.library)
        if cable.sections
    ]
    assert sum(isinstance(r, ErrorReply) for r in replies) >= len(_BAD_LINES) - 1
    embeds = [e for r in replies for e in render_reply(r)]
    ours = [
        errors.LOADING,
        errors.LOAD_FAILED,
        errors.NOT_HERE,
        errors.NOT_OWNER,
        errors.INTERNAL,
    ]
    embeds += [error_embed(text) for text in ours]
    assert all(isinstance(e, discord.Embed) for e in embeds)
    assert [p for e in embeds for p in limit_problems([e])] == []


def test_a_cable_without_subject_shows_no_stray_markup(state: AppState) -> None:
    cable = next(full_cables(state.library))
    pages = render_reply(card(state, cable.model_copy(update={"subject": ""})))
    assert "****" not in (pages[0].description or "")


def test_a_hit_at_a_page_boundary_keeps_its_excerpt(state: AppState) -> None:
    # `!search military`: hit 8 (07LAPAZ3262 ¶8) once lost its excerpt at the page break.
    for query in ("military", "trafficking", "human rights", "nuclear", "elections"):
        reply = dispatch_command(state, "search", query)
        assert isinstance(reply, SearchReply)
        pages = [embed.description or "" for embed in render_reply(reply)]
        assert all(page.strip() for page in pages), query
        for hit in reply.hits:
            assert any(blockquote(hit.excerpt) in page for page in pages), hit
