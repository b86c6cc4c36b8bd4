"""A desk's channel state: its focus cable and what the bot last showed there (inside a
transaction the caller opened)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from bot.desk.codec import entry_from_json, entry_to_json
from bot.desk.errors import DeskError
from bot.desk.records import DeskScope, Entry, Shown
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


async def remember_shown(
    session: AsyncSession, scope: DeskScope, entries: Sequence[Entry], first: int = 1
) -> None:
    """Replace the memory of what the bot last showed in the channel, in display order;
    `first` is the number the reply gave the first entry."""
    desk = await lock_scope(session, scope)
    desk.shown = [entry_to_json(entry) for entry in entries[:SHOWN_LIMIT]]
    desk.shown_first = first


async def last_shown(session: AsyncSession, scope: DeskScope) -> Shown:
    """What the bot last showed in the channel (no entries if nothing)."""
    desk = await find_scope(session, scope)
    if desk is None or not desk.shown:
        return Shown()
    return Shown(tuple(entry_from_json(data) for data in desk.shown), desk.shown_first)


def pick_shown(shown: Shown, numbers: Sequence[int]) -> list[Entry]:
    """The shown entries the user picked by the numbers the reply gave them."""
    if not shown.entries:
        raise DeskError("The bot has not shown anything here yet that could be saved.")
    valid = shown.numbers
    wrong = [n for n in numbers if n not in valid]
    if wrong:
        choices = str(valid[0]) if len(valid) == 1 else f"{valid[0]} to {valid[-1]}"
        # Only a search's later page starts past 1: the number was on an earlier page.
        earlier = " (it was on an earlier page: show that page again to save it)"
        raise DeskError(
            f"There is no #{wrong[0]} in what the bot last showed here: choose {choices}"
            f"{earlier if wrong[0] < valid[0] else ''}."
        )
    return [shown.entries[n - shown.first] for n in numbers]
