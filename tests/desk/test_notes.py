"""Team notes on paragraphs."""

from __future__ import annotations

import pytest

from bot.cables.model import Cable
from bot.desk import NOTE_MAX_CHARS, Desk, DeskError
from tests.desk.entries import ANN, BO, HERE, paragraph


async def test_a_note_on_an_unsaved_paragraph(desk: Desk, dushanbe: Cable) -> None:
    anchor = paragraph(dushanbe, "overview.a").anchor
    note = await desk.add_note(HERE, BO, anchor, "  source of the 2006 figures?  ")

    assert (note.n, note.text, note.author, note.anchor) == (
        1,
        "source of the 2006 figures?",
        BO,
        anchor,
    )
    assert await desk.notes_for(HERE, "07DUSHANBE313") == [note]
    with pytest.raises(DeskError, match="Nothing has been saved"):
        await desk.list_items(HERE)


async def test_notes_grouped_and_counted_by_paragraph(
    desk: Desk, dushanbe: Cable, reykjavik: Cable
) -> None:
    a, f = paragraph(dushanbe, "overview.a").anchor, paragraph(dushanbe, "prevention.f").anchor
    await desk.add_note(HERE, ANN, a, "one")
    await desk.add_note(HERE, BO, f, "two")
    await desk.add_note(HERE, ANN, a, "three")
    await desk.add_note(HERE, ANN, paragraph(reykjavik, "2").anchor, "other cable")

    grouped = await desk.notes_by_locator(HERE, "07DUSHANBE313")
    assert {locator: [n.text for n in notes] for locator, notes in grouped.items()} == {
        a.locator: ["one", "three"],
        f.locator: ["two"],
    }
    assert await desk.note_counts(HERE, "07DUSHANBE313") == {a.locator: 2, f.locator: 1}
    assert await desk.note_counts(HERE, "09NOWHERE1") == {}


async def test_notes_are_limited_to_1000_characters(desk: Desk, dushanbe: Cable) -> None:
    anchor = paragraph(dushanbe, "prevention.f").anchor
    # Real text: the paragraph itself, repeated past the limit.
    long_text = (anchor.locator + " " + paragraph(dushanbe, "prevention.f").text) * 3
    assert len(long_text) > NOTE_MAX_CHARS

    with pytest.raises(
        DeskError, match=f"limited to 1,000 characters and this one has {len(long_text):,}"
    ):
        await desk.add_note(HERE, ANN, anchor, long_text)
    with pytest.raises(DeskError, match="limited to 1,000 characters"):
        await desk.save(HERE, ANN, [paragraph(dushanbe, "prevention.f")], note=long_text)
    # The refused save saved nothing.
    with pytest.raises(DeskError, match="Nothing has been saved"):
        await desk.list_items(HERE)

    exactly = long_text[:NOTE_MAX_CHARS]
    note = await desk.add_note(HERE, ANN, anchor, exactly)
    assert note.text == exactly


async def test_an_empty_note_is_a_mistake(desk: Desk, dushanbe: Cable) -> None:
    with pytest.raises(DeskError, match="A note needs some text"):
        await desk.add_note(HERE, ANN, paragraph(dushanbe, "prevention.f").anchor, "   ")


async def test_deleting_notes_is_for_the_author_or_a_moderator(desk: Desk, dushanbe: Cable) -> None:
    anchor = paragraph(dushanbe, "prevention.f").anchor
    await desk.add_note(HERE, ANN, anchor, "mine")
    await desk.add_note(HERE, ANN, anchor, "also mine")

    with pytest.raises(DeskError, match="Note #1 was written by Ann; only they or a moderator"):
        await desk.delete_note(HERE, 1, BO)
    assert (await desk.delete_note(HERE, 1, ANN)).text == "mine"
    assert (await desk.delete_note(HERE, 2, BO, may_moderate=True)).text == "also mine"
    with pytest.raises(DeskError, match="There is no note #2 on this desk"):
        await desk.delete_note(HERE, 2, ANN)
    assert await desk.notes_for(HERE, "07DUSHANBE313") == []
    # Numbers are not handed out again.
    assert (await desk.add_note(HERE, ANN, anchor, "new")).n == 3
