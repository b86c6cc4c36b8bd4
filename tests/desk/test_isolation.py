"""No desk sees another: guilds, channels and direct messages are kept apart."""

from __future__ import annotations

import pytest

from bot.cables.model import Cable
from bot.desk import DM_GUILD, Desk, DeskError, DeskScope, Shown
from tests.desk.entries import ANN, BO, paragraph

# The same channel id in two guilds, a second channel, and Ann's and Bo's DMs, whose
# "channel" is the user id, the same string as a channel id elsewhere on purpose.
GUILD_A = DeskScope("100", "555")
GUILD_B = DeskScope("200", "555")
OTHER_CHANNEL = DeskScope("100", "556")
ANN_DM = DeskScope(DM_GUILD, "555")
BO_DM = DeskScope(DM_GUILD, BO.id)
ALL = [GUILD_A, GUILD_B, OTHER_CHANNEL, ANN_DM, BO_DM]


async def test_nothing_leaks_between_desks(desk: Desk, dushanbe: Cable) -> None:
    entry = paragraph(dushanbe, "prevention.f")
    await desk.save(GUILD_A, ANN, [entry], note="guild A's note")
    await desk.set_focus(GUILD_A, "07DUSHANBE313")
    await desk.remember_shown(GUILD_A, [entry])

    for scope in ALL[1:]:
        with pytest.raises(DeskError, match="Nothing has been saved"):
            await desk.list_items(scope)
        with pytest.raises(DeskError, match="no item #1"):
            await desk.get_item(scope, 1)
        with pytest.raises(DeskError, match="no item #1"):
            await desk.delete_item(scope, 1, ANN, may_moderate=True)
        with pytest.raises(DeskError, match="no note #1"):
            await desk.delete_note(scope, 1, ANN, may_moderate=True)
        assert await desk.notes_for(scope, "07DUSHANBE313") == []
        assert await desk.note_counts(scope, "07DUSHANBE313") == {}
        assert await desk.get_focus(scope) is None
        assert await desk.last_shown(scope) == Shown()
    assert (await desk.list_items(GUILD_A)).total == 1


async def test_each_desk_numbers_its_own_items(desk: Desk, dushanbe: Cable) -> None:
    entry = paragraph(dushanbe, "prevention.f")
    for scope in ALL:
        [saved] = await desk.save(scope, ANN, [entry], note=f"note in {scope}")
        assert saved.new and saved.item.n == 1 and saved.note is not None
        assert saved.note.n == 1
    for scope in ALL:
        notes = await desk.notes_for(scope, "07DUSHANBE313")
        assert [note.text for note in notes] == [f"note in {scope}"]
    await desk.delete_item(BO_DM, 1, ANN)
    assert (await desk.list_items(ANN_DM)).total == 1
