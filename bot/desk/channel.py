"""A desk's channel state: its focus cable and what the bot last showed there (inside a
transaction the caller opened)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from bot.desk.codec import entry_from_json, entry_to_json
from bot.desk.errors import DeskError
from bot.desk.records import DeskScope, Entry
from bot.desk.scopes import find_scope, lock_scope

# A reply shows at most a page or two of paragraphs; older ones are not "just shown".
SHOWN_LIMIT = 50


async def set_focus(session: AsyncSession, scope: DeskScope, ref_id: str | None) -> None:
    """Make `ref_id` the desk's focus cable; None clears it."""
    desk = await lock_scope(session, scope)
    desk.focus_ref_id = ref_id


async def get_focus(session: AsyncSession, scope: DeskScope) -> str | None:
    desk = await find_scope(session, scope)
    return desk.focus_ref_id if desk is not None else None


async def remember_shown(session: AsyncSession, scope: DeskScope, entries: Sequence[Entry]) -> None:
    """Replace the memory of what the bot last showed in the channel, in display order."""
    desk = await lock_scope(session, scope)
    desk.shown = [entry_to_json(entry) for entry in entries[:SHOWN_LIMIT]]


async def last_shown(session: AsyncSession, scope: DeskScope) -> list[Entry]:
    """What the bot last showed in the channel, in display order ([] if nothing)."""
    desk = await find_scope(session, scope)
    if desk is None or not desk.shown:
        return []
    return [entry_from_json(data) for data in desk.shown]


def pick_shown(shown: Sequence[Entry], positions: Sequence[int]) -> list[Entry]:
    """The shown entries at 1-based `positions` (as users count them in a reply)."""
    if not shown:
        raise DeskError("The bot has not shown anything here yet that could be saved.")
    wrong = [p for p in positions if not 1 <= p <= len(shown)]
    if wrong:
        choices = "1" if len(shown) == 1 else f"1 to {len(shown)}"
        raise DeskError(
            f"There is no #{wrong[0]} in what the bot last showed here: choose {choices}."
        )
    return [shown[p - 1] for p in positions]
