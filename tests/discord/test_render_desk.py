"""Desk replies and team notes as Discord pages, within every limit."""

from __future__ import annotations

from datetime import UTC, datetime

import discord

from bot.chat.replies import (
    DeskItem,
    DeskNote,
    DeskReply,
    ExportReply,
    NotesReply,
    ParagraphsReply,
)
from bot.chat.state import AppState
from bot.discord.desk import export_file
from bot.render.discord import render_reply
from handlers.dispatch import dispatch
from tests.discord.limits import limit_problems

WHEN = datetime(2024, 5, 6, 12, 0, tzinfo=UTC)


def _problems(pages: list[discord.Embed]) -> list[str]:
    """Each page is a message of its own."""
    return [problem for page in pages for problem in limit_problems([page])]


def _notes(count: int) -> list[DeskNote]:
    # About the longest notes there can be, with markdown that must stay inert.
    text = "**x** <@123> " + "y" * 980
    return [DeskNote(n=n, author="ann", text=text, created=WHEN) for n in range(1, count + 1)]


def test_many_long_notes_under_a_paragraph_fit_and_say_how_many_more(state: AppState) -> None:
    reply = dispatch(state, "!cable 07DUSHANBE313 protection")
    assert isinstance(reply, ParagraphsReply)
    for paragraph in reply.paragraphs:
        paragraph.desk_notes = _notes(12)
    pages = render_reply(reply)
    assert _problems(pages) == []
    text = "\n".join(page.description or "" for page in pages)
    assert "more notes" in text
    assert "\\*\\*x\\*\\*" in text  # markdown in a note is shown, not applied


def test_a_full_desk_page_and_a_notes_list_fit(state: AppState) -> None:
    cable = state.library.get("07DUSHANBE313")
    assert cable is not None
    items = [
        DeskItem(
            n=n,
            ref_id=cable.ref_id,
            section=p.section,
            label=p.label,
            text=p.text,
            permalink=p.permalink,
            locator=p.locator,
            saved_by="ann",
            saved_at=WHEN,
            notes=_notes(5),
        )
        for n, p in enumerate(cable.paragraphs[:10], start=1)
    ]
    assert _problems(render_reply(DeskReply(items=items, page=1, pages=3))) == []
    notes = NotesReply(desk_notes=[])
    assert _problems(render_reply(notes)) == []


def test_an_export_too_big_for_discord_is_refused_with_a_hint() -> None:
    reply = ExportReply(format="md", filename="desk.md", content="é" * 600)
    attached, refusal = export_file(reply, limit=1000, prefix="!")
    assert attached is None and refusal is not None
    assert "1,200 bytes, more than the 1,000" in (refusal.description or "")
    attached, refusal = export_file(reply, limit=1200, prefix="!")
    assert attached is not None and attached.filename == "desk.md" and refusal is None
