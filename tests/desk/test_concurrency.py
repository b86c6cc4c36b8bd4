"""Many writers at once: every write lands and no "database is locked" escapes."""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from bot.cables.library import Library
from bot.cables.model import Cable
from bot.desk import Desk, DeskUser, Entry, open_desk
from bot.desk.codec import entry_to_json
from tests.desk.conftest import desk_settings
from tests.desk.entries import HERE, paragraph, paragraph_entry
from tests.desk.writer import SCOPE

ROOT = Path(__file__).resolve().parents[2]
PROCESSES = 20
SAVES_PER_PROCESS = 5
TASKS = 50


def real_paragraphs(library: Library, count: int) -> list[Entry]:
    """`count` paragraphs of different cables' texts, in id order."""
    entries: list[Entry] = []
    for cable in sorted(library, key=lambda c: c.ref_id):
        entries.extend(paragraph_entry(cable, p) for p in cable.paragraphs)
        if len(entries) >= count:
            return entries[:count]
    raise AssertionError(f"the library has fewer than {count} paragraphs")


def test_twenty_processes_write_to_one_sqlite_desk(
    tmp_path: Path, bundled_library: Library, dushanbe: Cable
) -> None:
    settings = desk_settings(tmp_path)
    data_dir = settings.data_dir
    data_dir.mkdir(parents=True)
    shared = entry_to_json(paragraph(dushanbe, "prevention.f"))
    own = real_paragraphs(bundled_library, PROCESSES * SAVES_PER_PROCESS)
    shares = [
        [
            shared,
            *(entry_to_json(e) for e in own[w * SAVES_PER_PROCESS : (w + 1) * SAVES_PER_PROCESS]),
        ]
        for w in range(PROCESSES)
    ]
    entries_json = tmp_path / "entries.json"
    entries_json.write_text(json.dumps(shares))
    start = tmp_path / "start"

    # No desk exists yet: the workers also race to create and migrate it.
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.desk.writer",
                str(data_dir),
                str(entries_json),
                str(w),
                str(start),
            ],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(PROCESSES)
    ]
    deadline = time.monotonic() + 120
    while len(list(data_dir.glob("ready-*"))) < PROCESSES:
        assert all(w.poll() is None for w in workers), [
            w.communicate() for w in workers if w.poll() is not None
        ]
        assert time.monotonic() < deadline, "workers did not get ready"
        time.sleep(0.05)
    start.touch()
    outcomes = [w.communicate(timeout=120) for w in workers]
    for worker, (_out, err) in zip(workers, outcomes, strict=True):
        assert worker.returncode == 0, err
        assert "locked" not in err and "busy" not in err, err

    async def check() -> None:
        desk = await open_desk(settings)
        try:
            items = await desk.all_items(SCOPE)
            assert len(items) == PROCESSES * SAVES_PER_PROCESS + 1
            assert [item.n for item in items] == list(range(1, len(items) + 1))
            assert {item.entry for item in items} == {*own, paragraph(dushanbe, "prevention.f")}
            notes = [
                note
                for ref_id in sorted({item.entry.anchor.ref_id for item in items})
                for note in await desk.notes_for(SCOPE, ref_id)
            ]
            # Each worker noted its own saves and the shared paragraph.
            expected_notes = PROCESSES * (SAVES_PER_PROCESS + 1)
            assert sorted(note.n for note in notes) == list(range(1, expected_notes + 1))
            shared_notes = await desk.notes_for(SCOPE, dushanbe.ref_id)
            assert {n.author.id for n in shared_notes if n.anchor.label == "F"} == {
                str(1000 + w) for w in range(PROCESSES)
            }
            assert len((await desk.last_shown(SCOPE)).entries) == SAVES_PER_PROCESS
        finally:
            await desk.close()

    asyncio.run(check())


async def test_fifty_tasks_write_to_one_desk(
    desk: Desk, bundled_library: Library, dushanbe: Cable
) -> None:
    own = real_paragraphs(bundled_library, TASKS)
    shared = paragraph(dushanbe, "prevention.f")

    async def task(i: int) -> None:
        user = DeskUser(str(i), f"user {i}")
        await desk.save(HERE, user, [own[i]], note=f"task {i}")
        await desk.save(HERE, user, [shared], note=f"task {i} agrees")
        await desk.remember_shown(HERE, [own[i]])
        await desk.set_focus(HERE, own[i].anchor.ref_id)

    await asyncio.gather(*(task(i) for i in range(TASKS)))

    items = await desk.all_items(HERE)
    assert [item.n for item in items] == list(range(1, TASKS + 2))
    assert {item.entry for item in items} == {*own, shared}
    notes_on_shared = (await desk.notes_by_locator(HERE, dushanbe.ref_id))[shared.anchor.locator]
    assert len(notes_on_shared) == TASKS
    assert (await desk.last_shown(HERE)).entries[0] in own
    assert await desk.get_focus(HERE) in {e.anchor.ref_id for e in own}


async def test_a_save_waits_for_another_process_s_write_lock(
    tmp_path: Path, dushanbe: Cable
) -> None:
    settings = desk_settings(tmp_path)
    desk = await open_desk(settings)
    other = sqlite3.connect(
        settings.data_dir / "desk.sqlite3", isolation_level=None, check_same_thread=False
    )
    try:
        other.execute("BEGIN IMMEDIATE")  # another process in the middle of a write

        def finish_later() -> None:
            time.sleep(1.0)
            other.execute("COMMIT")

        began = time.monotonic()
        _, [saved] = await asyncio.gather(
            asyncio.to_thread(finish_later),
            desk.save(HERE, DeskUser("1", "Ann"), [paragraph(dushanbe, "prevention.f")]),
        )
        assert saved.new and time.monotonic() - began >= 1.0
    finally:
        other.close()
        await desk.close()
