"""`!desk [page:<n>] [by:<user>] [cable:<id>] [tag:<TAG>]`: what this channel's desk holds."""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.cables.ids import compact_id
from bot.chat.caller import Caller
from bot.chat.commands import CommandSpec, DeskCommand
from bot.chat.desk_replies import desk_items
from bot.chat.errors import UserError
from bot.chat.filters import MAX_PAGE
from bot.chat.replies import DeskReply, Reply
from bot.chat.state import AppState
from bot.chat.text import echo

PAGE_SIZE = 10
_KEYS = ("page", "by", "cable", "tag")

SPEC = CommandSpec(
    "desk",
    "desk [page:<n>] [by:<user>] [cable:<id>] [tag:<TAG>]",
    "What this channel's desk holds, newest first: each item's number, locator, quote, "
    "permalink, who saved it and when, and the team's notes on it.",
    (
        "`by:` takes a name (`by:alice`) or `by:me`; `cable:` an id; `tag:` a cable tag. "
        "They combine.",
        "Item numbers stay the same for good: `unsave 3` removes item 3.",
        "An item whose cable is no longer in the library is still listed, with the text "
        "it had when it was saved, and marked as such.",
    ),
    ("desk", "desk by:me", "desk cable:07DUSHANBE313", "desk tag:KCRM page:2"),
)


@dataclass(slots=True, frozen=True)
class DeskRequest:
    page: int = 1
    by: str | None = None
    ref_id: str | None = None
    tag: str | None = None

    def on_page(self, page: int) -> DeskRequest:
        return replace(self, page=page)


def parse(args: str) -> DeskRequest:
    request = DeskRequest()
    for word in args.split():
        key, colon, value = word.partition(":")
        key = key.lower()
        if not colon or key not in _KEYS or not value:
            raise UserError(
                f"{echo(word)} is not a desk filter: use page:<n>, by:<user>, cable:<id> "
                "or tag:<TAG>.",
                [f"{key}:" for key in _KEYS],
            )
        if key == "page":
            if not value.isdigit() or not 1 <= int(value) <= MAX_PAGE:
                raise UserError(f"page: takes a number from 1 to {MAX_PAGE}.")
            request = replace(request, page=int(value))
        elif key == "by":
            request = replace(request, by=value)
        elif key == "cable":
            request = replace(request, ref_id=compact_id(value))
        else:
            request = replace(request, tag=value.upper())
    return request


def _user_id(caller: Caller, name: str) -> str:
    """The id of the user `by:` names: `me`, a name that saved something here, or an id."""
    if name.lower() == "me":
        return caller.user.id
    items = caller.desk.run(lambda desk: desk.all_items(caller.scope))
    for item in items:
        if name.lower() in (item.saved_by.name.lower(), item.saved_by.id):
            return item.saved_by.id
    raise UserError(f"Nobody called {echo(name)} has saved anything on this desk.")


def _cable_id(state: AppState, typed: str) -> str:
    """A loaded cable's id (a typo forgiven), else the id as typed: items outlive a reload."""
    found = state.library.resolve(typed).cable
    return found.ref_id if found is not None else typed


def handle(state: AppState, caller: Caller, request: DeskRequest) -> Reply:
    by = _user_id(caller, request.by) if request.by is not None else None
    ref_id = _cable_id(state, request.ref_id) if request.ref_id is not None else None
    page = caller.desk.run(
        lambda desk: desk.list_items(
            caller.scope, request.page, PAGE_SIZE, by=by, ref_id=ref_id, tag=request.tag
        )
    )
    items = desk_items(state.library, caller, page.items)
    return DeskReply(items=items, page=page.number, pages=page.pages)


COMMAND = DeskCommand(SPEC, parse, handle)
