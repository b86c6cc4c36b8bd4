"""The desk outlives the process: reopening the same database finds everything."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bot.cables.model import Cable
from bot.desk import Desk, Shown, open_desk
from config.settings import Settings
from tests.desk.conftest import desk_settings
from tests.desk.entries import ANN, BO, HERE, paragraph, paragraphs


async def test_everything_is_there_after_reopening(settings: Settings, dushanbe: Cable) -> None:
    desk = await open_desk(settings)
    await desk.save(HERE, ANN, paragraphs(dushanbe, 3), note="first session")
    await desk.delete_item(HERE, 3, ANN)
    await desk.set_focus(HERE, "07DUSHANBE313")
    await desk.remember_shown(HERE, [paragraph(dushanbe, "prevention.f")])
    before = await desk.list_items(HERE)
    await desk.close()

    reopened: Desk = await open_desk(settings)
    try:
        assert await reopened.list_items(HERE) == before
        assert await reopened.get_focus(HERE) == "07DUSHANBE313"
        assert await reopened.last_shown(HERE) == Shown((paragraph(dushanbe, "prevention.f"),))
        assert len(await reopened.notes_for(HERE, "07DUSHANBE313")) == 3
        # The counters survive too: no number is handed out twice.
        [saved] = await reopened.save(HERE, BO, [paragraph(dushanbe, "prevention.g")], note="x")
        assert saved.item.n == 4 and saved.note is not None and saved.note.n == 4
    finally:
        await reopened.close()


async def test_the_sqlite_desk_lives_in_data_dir_in_wal_mode(
    tmp_path: Path, dushanbe: Cable
) -> None:
    settings = desk_settings(tmp_path)
    desk = await open_desk(settings)
    await desk.save(HERE, ANN, paragraphs(dushanbe, 1))
    await desk.close()

    path = settings.data_dir / "desk.sqlite3"
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert connection.execute("SELECT count(*) FROM desk_items").fetchone() == (1,)
