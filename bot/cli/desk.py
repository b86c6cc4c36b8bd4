"""`cablebot desk backup FILE` / `cablebot desk restore FILE`: the research desk's
database (every server's and channel's desk) as JSON Lines and back."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path
from typing import Any

from bot.cli.settings import load_settings
from bot.desk import DeskError, Summary, open_desk
from config.settings import Settings

RESTORE_HELP = (
    "Load a backup into an empty desk database (the DATA_DIR or DATABASE_URL in use); "
    "a database that already holds any desk is refused and left untouched, so a restore "
    "never overwrites anything: to replace a desk, point DATA_DIR or DATABASE_URL at a new, "
    "empty database and restore there."
)


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "desk",
        help="back up or restore the research desk",
        description="Back up or restore every desk (saved items, notes, focus, numbering) "
        "of the database that DATA_DIR or DATABASE_URL names.",
    )
    actions = p.add_subparsers(dest="action", required=True)
    backup = actions.add_parser(
        "backup",
        help="write every desk as JSON Lines",
        description="Write every desk as JSON Lines to FILE (replaced only once complete).",
    )
    backup.add_argument("file", type=Path, metavar="FILE")
    backup.set_defaults(handler=run_backup)
    restore = actions.add_parser(
        "restore",
        help="load a backup into an empty desk database (refuses one that has desks)",
        description=RESTORE_HELP,
    )
    restore.add_argument("file", type=Path, metavar="FILE")
    restore.set_defaults(handler=run_restore)


def _said(summary: Summary) -> str:
    return f"{summary.desks:,} desks, {summary.items:,} items, {summary.notes:,} notes"


async def _backup(settings: Settings, path: Path) -> Summary:
    desk = await open_desk(settings)
    partial = path.with_name(path.name + ".partial")
    try:
        with open(partial, "w", encoding="utf-8") as out:
            summary = await desk.backup(out)
        # A crash half-way must not leave a truncated file under the backup's name.
        os.replace(partial, path)
        return summary
    finally:
        partial.unlink(missing_ok=True)
        await desk.close()


async def _restore(settings: Settings, path: Path) -> Summary:
    desk = await open_desk(settings)
    try:
        with open(path, encoding="utf-8") as lines:
            return await desk.restore(lines)
    finally:
        await desk.close()


def run_backup(args: argparse.Namespace) -> int:
    settings = load_settings()
    if settings is None:
        return 2
    if not args.file.parent.is_dir():
        print(f"cablebot desk backup: no such directory: {args.file.parent}", file=sys.stderr)
        return 2
    try:
        summary = asyncio.run(_backup(settings, args.file))
    except OSError as error:
        print(f"cablebot desk backup: cannot write {args.file}: {error}", file=sys.stderr)
        return 1
    print(f"Backed up {_said(summary)} to {args.file}.", file=sys.stderr)
    return 0


def run_restore(args: argparse.Namespace) -> int:
    settings = load_settings()
    if settings is None:
        return 2
    if not args.file.is_file():
        print(f"cablebot desk restore: no such file: {args.file}", file=sys.stderr)
        return 2
    try:
        summary = asyncio.run(_restore(settings, args.file))
    except (DeskError, UnicodeDecodeError) as error:
        message = error.message if isinstance(error, DeskError) else "not a text file"
        print(f"cablebot desk restore: {args.file}: {message}", file=sys.stderr)
        return 1
    print(f"Restored {_said(summary)} from {args.file}.", file=sys.stderr)
    return 0
