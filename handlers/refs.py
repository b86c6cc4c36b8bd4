"""`!refs <id>`: what a cable cites and which loaded cables cite it."""

from __future__ import annotations

from bot.chat.grammar import take_id
from bot.chat.lookup import correction_notes, find_cable, listing, reference_info
from bot.chat.replies import ErrorReply, RefsReply, Reply
from bot.chat.state import AppState


def handle(state: AppState, args: str) -> Reply:
    split = take_id(args.split())
    if split is None:
        prefix = state.settings.command_prefix
        return ErrorReply(message=f"Which cable? e.g. `{prefix}refs 07DUSHANBE313`.")
    found = find_cable(state.library, split.id_text)
    if isinstance(found, ErrorReply):
        return found
    citing = [state.library.get(ref_id) for ref_id in state.library.cited_by(found.ref_id)]
    return RefsReply(
        ref_id=found.ref_id,
        subject=found.subject,
        cites=[reference_info(state.library, ref) for ref in found.references],
        cited_by=[listing(cable) for cable in citing if cable is not None],
        permalink=found.permalink,
        notes=correction_notes(found, split.id_text),
    )
