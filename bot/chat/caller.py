"""Who is asking and where: what the desk commands need besides the library. Each front
end builds one per message (see bot/desk's package docstring for the scopes)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.chat.desk_runner import DeskRunner
from bot.desk import DeskScope, DeskUser


@dataclass(frozen=True, slots=True)
class Caller:
    desk: DeskRunner
    # The desk that keeps saved items and notes: a thread's is its parent channel's.
    scope: DeskScope
    user: DeskUser
    # Where the bot speaks: its focus and what it last showed. The channel itself (a
    # thread has its own focus, and `!save 2` means the 2nd answer in this thread).
    spot: DeskScope
    # Manage Messages on Discord: may delete other people's items and notes.
    may_moderate: bool = False
