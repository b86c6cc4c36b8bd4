"""`!notes <id>`: the team's notes on a cable, on this channel's desk."""

from __future__ import annotations

from dataclasses import dataclass

from bot.chat.caller import Caller
from bot.chat.commands import CommandSpec, DeskCommand
from bot.chat.desk_replies import note_item
from bot.chat.errors import UserError
from bot.chat.grammar import id_text
from bot.chat.lookup import correction_notes, find_cable
from bot.chat.replies import NotesReply, Reply
from bot.chat.state import AppState

SPEC = CommandSpec(
    "notes",
    "notes <id>",
    "The team's notes on a cable, oldest first, each with its number, paragraph and author.",
    ("The numbers are what `note delete` takes.",),
    ("notes 07DUSHANBE313",),
)


@dataclass(slots=True, frozen=True)
class NotesRequest:
    id_text: str = ""


def parse(args: str) -> NotesRequest:
    return NotesRequest(id_text(args))


def handle(state: AppState, caller: Caller, request: NotesRequest) -> Reply:
    prefix = state.settings.command_prefix
    if not request.id_text:
        raise UserError(f"Notes on which cable? e.g. `{prefix}notes 07DUSHANBE313`.")
    # Notes outlive a library reload: an id that is no longer loaded still lists its notes.
    typed = request.id_text.upper()
    found = state.library.resolve(typed).cable
    ref_id = found.ref_id if found is not None else typed
    notes = caller.desk.run(lambda desk: desk.notes_for(caller.scope, ref_id))
    if not notes and found is None:
        find_cable(state.library, request.id_text)  # says what is wrong with the id
    remarks = correction_notes(found, request.id_text) if found is not None else []
    if not notes:
        remarks.append(
            f"This desk has no notes on {ref_id} yet: `{prefix}note {ref_id} <label> <text>` "
            "writes one."
        )
    return NotesReply(desk_notes=[note_item(note) for note in notes], notes=remarks)


COMMAND = DeskCommand(SPEC, parse, handle)
