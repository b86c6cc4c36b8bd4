"""One of many processes writing to the same SQLite desk at once (test_concurrency).

python -m tests.desk.writer DATA_DIR ENTRIES_JSON WORKER START_FILE

Opens the desk (migrating it if this process is first), says it is ready, waits for
START_FILE so all workers write together, then saves its share of the entries, each with
a note, adds a note to the paragraph every worker shares, and updates the last-shown
memory.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path

from bot.desk import DeskScope, DeskUser, open_desk
from bot.desk.codec import entry_from_json
from config.settings import Settings

SCOPE = DeskScope("700", "701")


async def work(data_dir: Path, entries_json: Path, worker: int, start: Path) -> None:
    shared, *own = [entry_from_json(e) for e in json.loads(entries_json.read_text())[worker]]
    user = DeskUser(str(1000 + worker), f"worker {worker}")
    desk = await open_desk(
        Settings(_env_file=None, data_dir=data_dir, cache_dir=data_dir.parent / "cache")
    )
    try:
        (data_dir / f"ready-{worker}").touch()
        while not start.exists():
            time.sleep(0.01)  # nothing else runs in this process meanwhile
        for entry in own:
            await desk.save(SCOPE, user, [entry], note=f"worker {worker} saved this")
        await desk.save(SCOPE, user, [shared], note=f"worker {worker} on the shared paragraph")
        await desk.remember_shown(SCOPE, own)
    finally:
        await desk.close()


if __name__ == "__main__":
    data_dir, entries_json, worker, start = sys.argv[1:]
    asyncio.run(work(Path(data_dir), Path(entries_json), int(worker), Path(start)))
