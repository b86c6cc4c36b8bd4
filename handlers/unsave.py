"""`!unsave <n>`: take item n off this channel's desk."""

from __future__ import annotations

from dataclasses import dataclass

from bot.chat.caller import Caller
from bot.chat.commands import CommandSpec, DeskCommand
from bot.chat.desk_replies import desk_items
from bot.chat.errors import UserError
from bot.chat.replies import Reply, SavedReply
from bot.chat.state import AppState

SPEC = CommandSpec(
    "unsave",
    "unsave <n>",
    "Take item n (as `desk` numbers it) off this channel's desk.",
    (
        "Only the person who saved it, or someone who may manage messages, can. The team's "
        "notes on the paragraph stay.",
    ),
    ("unsave 3",),
)


@dataclass(slots=True, frozen=True)
class UnsaveRequest:
    n: int


def parse(args: str) -> UnsaveRequest:
    typed = args.strip().lstrip("#")
    if not typed.isdigit():
        raise UserError("Which item? Give its number as `desk` shows it, e.g. `unsave 3`.")
    return UnsaveRequest(int(typed))


def handle(state: AppState, caller: Caller, request: UnsaveRequest) -> Reply:
    item = caller.desk.run(
        lambda desk: desk.delete_item(caller.scope, request.n, caller.user, caller.may_moderate)
    )
    return SavedReply(items=desk_items(state.library, caller, [item]), removed=True)


COMMAND = DeskCommand(SPEC, parse, handle)
