"""The desk through `handlers.dispatch` in this process: a library reload that drops a
saved cable, and a session without a desk."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.cables.library import Library, in_memory_library
from bot.chat.caller import Caller
from bot.chat.desk_runner import DeskRunner
from bot.chat.replies import (
    DeskReply,
    ErrorReply,
    ExportReply,
    NotesReply,
    ParagraphsReply,
    SavedReply,
    SimilarReply,
)
from bot.chat.state import AppState
from bot.desk import DeskScope, DeskUser
from bot.render.terminal import render
from handlers.dispatch import NO_DESK, dispatch
from tests.desk.conftest import desk_settings

DUSHANBE = "07DUSHANBE313"
HERE = DeskScope("@terminal:test", "research")


@pytest.fixture
def runner(tmp_path: Path) -> Iterator[DeskRunner]:
    runner = DeskRunner.start(desk_settings(tmp_path))
    try:
        yield runner
    finally:
        runner.close()
    runner.close()  # closing twice is harmless (a front end may close on two paths)


def _caller(runner: DeskRunner, name: str = "ann") -> Caller:
    return Caller(desk=runner, scope=HERE, user=DeskUser(name, name), spot=HERE)


def test_items_of_a_cable_no_longer_loaded_still_list_marked(
    runner: DeskRunner, state: AppState, bundled_library: Library
) -> None:
    ann = _caller(runner)
    dispatch(state, f"!save {DUSHANBE} protection F note: keep this", ann)
    smaller = in_memory_library(c for c in bundled_library if c.ref_id != DUSHANBE)
    reloaded = AppState(smaller, state.settings)

    listing = dispatch(reloaded, "!desk", ann)
    assert isinstance(listing, DeskReply)
    [item] = listing.items
    assert not item.in_library and item.notes[0].text == "keep this"
    assert "no longer in the library" in " ".join(render(listing).split())
    notes = dispatch(reloaded, f"!notes {DUSHANBE}", ann)
    assert isinstance(notes, NotesReply) and notes.desk_notes[0].text == "keep this"
    brief = dispatch(reloaded, "!export", ann)
    assert isinstance(brief, ExportReply) and item.text in brief.content


def test_without_a_desk_the_library_still_answers(state: AppState) -> None:
    quoted = dispatch(state, f"!cable {DUSHANBE} protection F")
    assert isinstance(quoted, ParagraphsReply) and quoted.paragraphs[0].desk_notes == []
    refused = dispatch(state, f"!save {DUSHANBE}")
    assert isinstance(refused, ErrorReply) and refused.message == NO_DESK


def test_a_note_on_a_summary_shows_under_it(runner: DeskRunner, state: AppState) -> None:
    ann = _caller(runner)
    note = dispatch(state, "!note 08REYKJAVIK195 summary the FM's decision", ann)
    assert isinstance(note, NotesReply)
    assert note.desk_notes[0].locator == "08REYKJAVIK195 ¶SUMMARY"
    quoted = dispatch(state, "!cable 08REYKJAVIK195 summary", ann)
    assert isinstance(quoted, ParagraphsReply)
    assert [n.text for n in quoted.paragraphs[0].desk_notes] == ["the FM's decision"]
    saved = dispatch(state, "!save", ann)  # what was just shown: the summary
    assert saved.kind == "saved"


def test_similar_paragraphs_can_be_saved_by_number_and_show_notes(
    runner: DeskRunner, state: AppState
) -> None:
    ann = _caller(runner)
    similar = dispatch(state, f"!similar {DUSHANBE} protection F", ann)
    assert isinstance(similar, SimilarReply) and similar.hits
    first = similar.hits[0]
    saved = dispatch(state, "!save 1 note: like ours", ann)
    assert isinstance(saved, SavedReply) and saved.items[0].locator == first.locator
    again = dispatch(state, f"!similar {DUSHANBE} protection F", ann)
    assert isinstance(again, SimilarReply)
    assert [n.text for n in again.hits[0].desk_notes] == ["like ours"]
