"""`!focus <id>` / `!focus off`: `ask` and `search` without an id look inside that cable
first, in this channel (or thread)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.chat.caller import Caller
from bot.chat.commands import CommandSpec, DeskCommand
from bot.chat.grammar import id_text
from bot.chat.lookup import correction_notes, find_cable
from bot.chat.replies import FocusReply, Reply
from bot.chat.state import AppState

SPEC = CommandSpec(
    "focus",
    "focus [<id> | off]",
    "Focus this channel on a cable: `ask` and `search` without an id look inside it first.",
    (
        "When the focused cable has nothing on the question, the whole library is searched "
        "and the reply says so. The cable's card says it is the focus.",
        "`focus` alone says what the focus is; `focus off` ends it. A thread has its own focus.",
    ),
    ("focus 07DUSHANBE313", "focus off", "focus"),
)

_OFF = {"off", "none", "clear", "stop"}


@dataclass(slots=True, frozen=True)
class FocusRequest:
    # The cable as typed; "" asks what the focus is; None turns it off.
    id_text: str | None = ""


def parse(args: str) -> FocusRequest:
    if args.strip().lower() in _OFF:
        return FocusRequest(None)
    return FocusRequest(id_text(args))


def focus_on(state: AppState, caller: Caller, id_text: str) -> FocusReply:
    """Focus the caller's channel on a cable (`!thread` focuses its new thread so too)."""
    found = find_cable(state.library, id_text)
    caller.desk.run(lambda desk: desk.set_focus(caller.spot, found.ref_id))
    return FocusReply(ref_id=found.ref_id, notes=correction_notes(found, id_text))


def handle(state: AppState, caller: Caller, request: FocusRequest) -> Reply:
    if request.id_text is None:
        caller.desk.run(lambda desk: desk.set_focus(caller.spot, None))
        return FocusReply(ref_id=None)
    if request.id_text:
        return focus_on(state, caller, request.id_text)
    return FocusReply(ref_id=caller.desk.run(lambda desk: desk.get_focus(caller.spot)))


COMMAND = DeskCommand(SPEC, parse, handle)
