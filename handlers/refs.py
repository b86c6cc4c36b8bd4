"""`!refs <id>`: what a cable cites and which loaded cables cite it."""

from __future__ import annotations

from dataclasses import dataclass

from bot.chat.commands import Command, CommandSpec
from bot.chat.errors import UserError
from bot.chat.grammar import id_text
from bot.chat.lookup import correction_notes, find_cable, listing, reference_info
from bot.chat.replies import RefsReply, Reply
from bot.chat.state import AppState

SPEC = CommandSpec(
    "refs",
    "refs <id>",
    "What a cable cites, and which cables in the library cite it.",
    ("Each reference says whether it is in the library, in Cablegate only, or not leaked.",),
    ("refs 07DUSHANBE313",),
)


@dataclass(slots=True, frozen=True)
class RefsRequest:
    id_text: str


def parse(args: str) -> RefsRequest:
    return RefsRequest(id_text(args))


def handle(state: AppState, request: RefsRequest) -> Reply:
    if not request.id_text:
        prefix = state.settings.command_prefix
        raise UserError(f"Which cable? e.g. `{prefix}refs 07DUSHANBE313`.")
    found = find_cable(state.library, request.id_text)
    citing = [state.library.get(ref_id) for ref_id in state.library.cited_by(found.ref_id)]
    return RefsReply(
        ref_id=found.ref_id,
        subject=found.subject,
        cites=[reference_info(state.library, ref) for ref in found.references],
        cited_by=[listing(cable) for cable in citing if cable is not None],
        permalink=found.permalink,
        notes=correction_notes(found, request.id_text),
    )


COMMAND = Command(SPEC, parse, handle)
