"""What the cache and process fault tests share: a small real library copied into a
temporary folder, the commands whose replies are compared, and how to look at a cache
folder and at the processes a test started."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from bot.cables.library import Library
from bot.cables.stored_library import StoredLibrary
from bot.chat.state import AppState, load_state
from config.settings import Settings
from handlers.dispatch import dispatch
from tests.discord.shared import offline_settings

RAW = Path(__file__).parents[2] / "seeds" / "raw"
# Seeds of every raw format; the commands below ask about what they hold.
CABLE = "02AMMAN2221"
OTHER_CABLE = "01HAVANA4690"
COMMANDS = (
    f"!cable {CABLE}",
    f"!cable {OTHER_CABLE}",
    "!search boycott of israeli products",
    "!ask who delivered the demarche on the boycott",
    "!browse origin:Amman",
)
CABLEBOT = Path(sys.executable).with_name("cablebot")


def copy_seeds(folder: Path, first: int = 0, count: int = 24) -> Path:
    """`count` raw seed cables (from the `first`, in name order) in `folder`, plus the
    two the commands ask about."""
    folder.mkdir(parents=True)
    chosen = sorted(RAW.iterdir())[first : first + count]
    for seed in {*chosen, *RAW.glob(f"{CABLE}.*"), *RAW.glob(f"{OTHER_CABLE}.*")}:
        shutil.copy2(seed, folder / seed.name)
    return folder


def settings_for(library: Path, cache: Path) -> Settings:
    # Words alone, as in chat_env: replies are compared with those of another load.
    return offline_settings(library_paths=[library], cache_dir=cache, semantic=False)


def replies(state: AppState) -> list[str]:
    return [dispatch(state, line).model_dump_json() for line in COMMANDS]


def stored(library: Library) -> StoredLibrary:
    assert isinstance(library, StoredLibrary), "the library was not loaded from its store"
    return library


def opened(library: Path, cache: Path) -> AppState:
    """A bot start: the library from (or into) the cache, the search engine open."""
    state = load_state(settings_for(library, cache))
    state.engine()
    return state


def debris(cache: Path) -> list[Path]:
    """Staging files and folders left in `cache` (a store or index being written)."""
    return sorted(
        path
        for path in cache.rglob("*")
        if path.name.endswith(".partial") or ".build-" in path.name
    )


def index_folders(cache: Path) -> list[Path]:
    return sorted(path for path in cache.glob("library/*/search/*") if path.is_dir())


def chat_env(library: Path, cache: Path) -> dict[str, str]:
    # The chat opens a research desk too: beside the cache, never in the repository's data/.
    desk = str(cache.parent / "desk-data")
    # Replies are compared across processes: `!ask` by words alone, as the vectors a
    # background build has reached by then differ from run to run.
    return {
        **os.environ,
        "LIBRARY_PATHS": str(library),
        "CACHE_DIR": str(cache),
        "DATA_DIR": desk,
        "SEMANTIC": "false",
    }


def chat(library: Path, cache: Path, *lines: str) -> list[str]:
    """`cablebot chat --json` answering `lines` in a process of its own."""
    done = subprocess.run(
        [str(CABLEBOT), "chat", "--json"],
        input="".join(line + "\n" for line in lines),
        env=chat_env(library, cache),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout.splitlines()


def group_members(group: int) -> Iterator[int]:
    """Pids of the live processes in process group `group` (from /proc)."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid pgrp ...: comm may hold spaces, so split after its ")".
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[2]) == group and fields[0] != "Z":
            yield int(entry.name)


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found += [int(child) for child in task.read_text().split()]
        except OSError:
            continue
    return found
