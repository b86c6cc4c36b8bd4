"""Saving, listing and deleting items."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.cables.model import Cable
from bot.desk import Desk, DeskError
from tests.desk.entries import ANN, BO, HERE, paragraph, paragraphs, whole_cable


async def test_saving_keeps_the_exact_paragraph_and_the_cable_as_it_was(
    desk: Desk, dushanbe: Cable
) -> None:
    before = datetime.now(UTC)
    [saved] = await desk.save(HERE, ANN, [paragraph(dushanbe, "prevention.f")])

    assert saved.new and saved.note is None
    item = await desk.get_item(HERE, saved.item.n)
    assert item == saved.item
    assert item.n == 1
    assert item.entry.anchor.locator == "07DUSHANBE313 ¶PREVENTION.F"
    assert item.entry.anchor.section == "PREVENTION" and item.entry.anchor.label == "F"
    assert item.entry.text == dushanbe.paragraph("prevention.f").text  # type: ignore[union-attr]
    assert item.entry.text.startswith("Each government agency that deals with trafficking")
    assert item.entry.permalink.endswith("07DUSHANBE313.html#parF")
    assert item.entry.cable.subject == dushanbe.subject
    assert item.entry.cable.created == dushanbe.created
    assert item.entry.cable.origin == "Embassy Dushanbe"
    assert item.entry.cable.classification == dushanbe.classification
    assert item.entry.cable.tags == tuple(dushanbe.tags)
    assert item.saved_by == ANN
    assert before - timedelta(seconds=1) <= item.saved_at <= datetime.now(UTC)
    assert item.saved_at.tzinfo is not None


async def test_a_whole_cable_is_an_item_without_label(desk: Desk, dushanbe: Cable) -> None:
    [saved] = await desk.save(HERE, ANN, [whole_cable(dushanbe)])
    assert saved.item.entry.anchor.label is None
    assert saved.item.entry.anchor.locator == "07DUSHANBE313"


async def test_saving_a_paragraph_again_only_adds_the_note(desk: Desk, dushanbe: Cable) -> None:
    entry = paragraph(dushanbe, "prevention.f")
    [first] = await desk.save(HERE, ANN, [entry], note="data collection is patchy")
    [again] = await desk.save(HERE, BO, [entry], note="compare with 2008")

    assert not again.new
    assert again.item == first.item  # still Ann's save, same number and time
    assert first.note is not None and again.note is not None
    assert (first.note.n, again.note.n) == (1, 2)
    assert again.note.author == BO and again.note.anchor == entry.anchor
    assert [n.text for n in await desk.notes_for(HERE, "07DUSHANBE313")] == [
        "data collection is patchy",
        "compare with 2008",
    ]
    assert (await desk.list_items(HERE)).total == 1


async def test_one_save_of_several_paragraphs_notes_each(desk: Desk, dushanbe: Cable) -> None:
    f, g = paragraph(dushanbe, "prevention.f"), paragraph(dushanbe, "prevention.g")
    outcomes = await desk.save(HERE, ANN, [f, g, f], note="prevention, weak")

    assert [o.item.n for o in outcomes] == [1, 2]  # the repeated F is saved once
    assert await desk.note_counts(HERE, "07dushanbe313") == {
        f.anchor.locator: 1,
        g.anchor.locator: 1,
    }


async def test_listing_is_newest_first_in_pages(desk: Desk, dushanbe: Cable) -> None:
    await desk.save(HERE, ANN, paragraphs(dushanbe, 23))

    first = await desk.list_items(HERE, page=1, page_size=10)
    last = await desk.list_items(HERE, page=3, page_size=10)

    assert (first.total, first.pages, first.number) == (23, 3, 1)
    assert [item.n for item in first.items] == list(range(23, 13, -1))
    assert [item.n for item in last.items] == [3, 2, 1]
    assert last.items[-1].entry.anchor.locator == dushanbe.paragraphs[0].locator
    with pytest.raises(DeskError, match="no page 4: pages go from 1 to 3"):
        await desk.list_items(HERE, page=4, page_size=10)


async def test_listing_filters_by_saver_cable_and_tag(
    desk: Desk, dushanbe: Cable, reykjavik: Cable
) -> None:
    await desk.save(HERE, ANN, paragraphs(dushanbe, 3))
    await desk.save(HERE, BO, [paragraph(reykjavik, "2"), paragraph(dushanbe, "prevention.f")])

    by_bo = await desk.list_items(HERE, by=BO.id)
    assert [i.entry.anchor.locator for i in by_bo.items] == [
        "07DUSHANBE313 ¶PREVENTION.F",
        "08REYKJAVIK195 ¶2",
    ]
    assert (await desk.list_items(HERE, ref_id="08reykjavik195")).total == 1
    assert (await desk.list_items(HERE, ref_id="07DUSHANBE313", by=BO.id)).total == 1
    # KPKO (peacekeeping) is Reykjavik's only; PGOV is on both cables.
    assert [i.n for i in (await desk.list_items(HERE, tag="kpko")).items] == [4]
    assert (await desk.list_items(HERE, tag="PGOV")).total == 5
    with pytest.raises(DeskError, match="No saved item matches"):
        await desk.list_items(HERE, tag="KPKO", by=ANN.id)


async def test_an_empty_desk_says_so(desk: Desk) -> None:
    with pytest.raises(DeskError, match="Nothing has been saved on this desk yet"):
        await desk.list_items(HERE)
    with pytest.raises(DeskError, match="Nothing has been saved"):
        await desk.all_items(HERE)


async def test_all_items_are_oldest_first(desk: Desk, dushanbe: Cable) -> None:
    await desk.save(HERE, ANN, paragraphs(dushanbe, 12))
    assert [item.n for item in await desk.all_items(HERE)] == list(range(1, 13))


async def test_deleting_is_for_the_saver_or_a_moderator(desk: Desk, dushanbe: Cable) -> None:
    await desk.save(HERE, ANN, paragraphs(dushanbe, 2), note="context")

    with pytest.raises(DeskError, match="Item #1 was saved by Ann; only they or a moderator"):
        await desk.delete_item(HERE, 1, BO)
    deleted = await desk.delete_item(HERE, 1, BO, may_moderate=True)
    assert deleted.n == 1
    gone = await desk.delete_item(HERE, 2, ANN)
    assert gone.entry.anchor.locator == dushanbe.paragraphs[1].locator

    with pytest.raises(DeskError, match="There is no item #2 on this desk"):
        await desk.delete_item(HERE, 2, ANN)
    with pytest.raises(DeskError, match="There is no item #7 on this desk"):
        await desk.get_item(HERE, 7)
    # The paragraphs' notes stay: they are notes on the paragraphs, not on the saves.
    assert len(await desk.notes_for(HERE, "07DUSHANBE313")) == 2


async def test_numbers_are_never_reused(desk: Desk, dushanbe: Cable) -> None:
    await desk.save(HERE, ANN, paragraphs(dushanbe, 3))
    await desk.delete_item(HERE, 3, ANN)
    [again] = await desk.save(HERE, ANN, [paragraphs(dushanbe, 3)[2]])
    assert again.new and again.item.n == 4


async def test_nothing_to_save_is_a_mistake(desk: Desk) -> None:
    with pytest.raises(DeskError, match="Nothing to save"):
        await desk.save(HERE, ANN, [])
