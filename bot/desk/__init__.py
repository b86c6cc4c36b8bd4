"""The team research desk's storage: saved items, notes, focus and last-shown memory per
channel, in SQLite (default) or PostgreSQL. Pure storage: nothing here knows about chat,
rendering or Discord; callers pass plain strings and get frozen dataclasses back.

Scopes. Every desk belongs to a `DeskScope(guild, channel)`, both strings, and nothing is
ever visible from another scope. The front ends pass:

- Discord server channel: `DeskScope(str(guild_id), str(channel_id))`; for a thread, the
  id of its parent channel, so a thread sees its channel's desk.
- Discord direct messages: `DeskScope("@dm", str(user_id))`, a private desk per user
  (`@` cannot start a snowflake, so it never meets a server's desk).
- Terminal: `DeskScope("@terminal", <name of the session>)`.

Usage: `desk = await open_desk(settings)` once at start (it migrates the database to the
newest schema, never wiping anything), then `await desk.save(...)`, `desk.list_items(...)`,
...; `await desk.close()` at exit. Mistakes a user can fix raise `DeskError`.
"""

from bot.desk.backup import Summary
from bot.desk.desk import Desk, connect, open_desk
from bot.desk.errors import DeskError
from bot.desk.records import (
    NOTE_MAX_CHARS,
    Anchor,
    CableInfo,
    DeskScope,
    DeskUser,
    Entry,
    Note,
    Page,
    Saved,
    SavedItem,
    Shown,
)

DM_GUILD = "@dm"
TERMINAL_GUILD = "@terminal"

__all__ = [
    "DM_GUILD",
    "NOTE_MAX_CHARS",
    "TERMINAL_GUILD",
    "Anchor",
    "CableInfo",
    "Desk",
    "DeskError",
    "DeskScope",
    "DeskUser",
    "Entry",
    "Note",
    "Page",
    "Saved",
    "SavedItem",
    "Shown",
    "Summary",
    "connect",
    "open_desk",
]
