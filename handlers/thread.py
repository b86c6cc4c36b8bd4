"""`!thread <id>`: a Discord thread for one cable. The Discord front end does the work
(it opens the thread, posts the card there and focuses the thread); elsewhere this
command says so."""

from __future__ import annotations

from bot.chat.caller import Caller
from bot.chat.commands import CommandSpec, DeskCommand
from bot.chat.errors import UserError
from bot.chat.replies import Reply
from bot.chat.state import AppState
from handlers.focus import FocusRequest
from handlers.focus import parse as parse_focus

SPEC = CommandSpec(
    "thread",
    "thread <id>",
    "On Discord: open a thread named after the cable, post its card there and focus the "
    "thread on it.",
    (
        "The thread shares the channel's desk (saved items and notes) and has its own focus.",
        "Needs the bot to be allowed to create public threads and send messages in them.",
    ),
    ("thread 07DUSHANBE313",),
)


def parse(args: str) -> FocusRequest:
    return parse_focus(args)


def handle(state: AppState, caller: Caller, request: FocusRequest) -> Reply:
    prefix = state.settings.command_prefix
    raise UserError(
        f"Threads are a Discord feature. Here, `{prefix}focus <id>` focuses this channel on "
        "a cable."
    )


COMMAND = DeskCommand(SPEC, parse, handle)
