"""A desk's focus cable and its memory of what the bot last showed."""

from __future__ import annotations

import pytest

from bot.cables.model import Cable
from bot.desk import Desk, DeskError, Shown
from tests.desk.entries import ANN, HERE, paragraph, paragraphs, whole_cable


async def test_focus_is_set_replaced_and_cleared(desk: Desk) -> None:
    assert await desk.get_focus(HERE) is None
    await desk.set_focus(HERE, "07DUSHANBE313")
    assert await desk.get_focus(HERE) == "07DUSHANBE313"
    await desk.set_focus(HERE, "08REYKJAVIK195")
    assert await desk.get_focus(HERE) == "08REYKJAVIK195"
    await desk.set_focus(HERE, None)
    assert await desk.get_focus(HERE) is None


async def test_last_shown_comes_back_whole_and_in_order(
    desk: Desk, dushanbe: Cable, reykjavik: Cable
) -> None:
    assert await desk.last_shown(HERE) == Shown()
    shown = [paragraph(reykjavik, "2"), whole_cable(dushanbe), paragraph(dushanbe, "prevention.f")]
    await desk.remember_shown(HERE, shown)
    # Texts, dates and tags included.
    assert await desk.last_shown(HERE) == Shown(tuple(shown), first=1)

    later = paragraphs(dushanbe, 2)
    await desk.remember_shown(HERE, later, first=11)
    assert await desk.last_shown(HERE) == Shown(tuple(later), first=11)


async def test_saving_what_was_shown(desk: Desk, dushanbe: Cable, reykjavik: Cable) -> None:
    shown = [paragraph(reykjavik, "2"), paragraph(dushanbe, "prevention.f")]
    await desk.remember_shown(HERE, shown)

    [saved] = await desk.save(HERE, ANN, await desk.pick_shown(HERE, [2]))
    assert saved.item.entry == shown[1]
    with pytest.raises(
        DeskError, match="There is no #3 in what the bot last showed here: choose 1 to 2"
    ):
        await desk.pick_shown(HERE, [1, 3])


async def test_saving_from_a_later_page_by_the_numbers_it_showed(
    desk: Desk, dushanbe: Cable
) -> None:
    page_two = paragraphs(dushanbe, 10)
    await desk.remember_shown(HERE, page_two, first=11)

    assert await desk.pick_shown(HERE, [12, 20]) == [page_two[1], page_two[9]]
    with pytest.raises(
        DeskError,
        match=r"There is no #2 in what the bot last showed here: choose 11 to 20 \(it was on "
        r"an earlier page: show that page again to save it\)\.",
    ):
        await desk.pick_shown(HERE, [12, 2])
    with pytest.raises(DeskError, match=r"There is no #21 in .* choose 11 to 20\.$"):
        await desk.pick_shown(HERE, [21])


async def test_nothing_shown_yet(desk: Desk) -> None:
    with pytest.raises(DeskError, match="has not shown anything here yet"):
        await desk.pick_shown(HERE, [1])
