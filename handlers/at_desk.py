"""What the channel's desk adds to the other commands' replies: the focus cable for `ask`
and `search` without an id, the team's notes under quoted paragraphs and hits, the note
count and focus on a card, and the memory of what was shown (for `!save` and `!save 2`).
`handlers.dispatch` runs these around every command when it knows the caller."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot.cables.library import Library
from bot.chat.caller import Caller
from bot.chat.commands import Command
from bot.chat.desk_replies import desk_note, notes_by_locator
from bot.chat.entries import entry_for
from bot.chat.replies import (
    AnswerReply,
    CableCard,
    HitsReplyBase,
    ParagraphsReply,
    Reply,
    SearchReply,
    SimilarReply,
)
from bot.chat.state import AppState
from bot.desk import Shown
from handlers import ask, search

# Replies listing paragraphs as hits: each gets its notes, and `!save 2` saves the second.
HitsReply = AnswerReply | SearchReply | SimilarReply


def focused(state: AppState, caller: Caller, command: Command[Any], request: Any) -> Reply | None:
    """`ask`/`search` without an id in a focused channel: the focus cable's hits, or, when
    it has none, the whole library's, saying so; None when the focus does not apply."""
    inside: Any
    if command is ask.COMMAND and request.id_text is None:
        focus = caller.desk.run(lambda desk: desk.get_focus(caller.spot))
        inside = replace(request, id_text=focus)
    elif command is search.COMMAND and request.ref_id is None:
        focus = caller.desk.run(lambda desk: desk.get_focus(caller.spot))
        inside = replace(request, ref_id=focus)
    else:
        return None
    if focus is None or state.library.get(focus) is None:
        return None
    prefix = state.settings.command_prefix
    reply = command.handle(state, inside)
    if isinstance(reply, AnswerReply | SearchReply) and reply.hits:
        reply.notes.insert(
            0, f"Inside {focus}, this channel's focus (`{prefix}focus off` to search everything)."
        )
        return reply
    reply = command.handle(state, request)
    reply.notes.insert(0, f"Nothing in {focus}, this channel's focus: these are from every cable.")
    return reply


def _shown(library: Library, reply: Reply) -> Shown | None:
    """What `!save` would save of this reply, in display order, numbered as the reply
    numbers it; None: not a quoting reply."""
    locators: list[str]
    first = 1
    if isinstance(reply, CableCard):
        locators = [reply.ref_id]
    elif isinstance(reply, ParagraphsReply):
        locators = [p.locator for p in reply.paragraphs]
    elif isinstance(reply, HitsReply):
        locators = [hit.locator for hit in reply.hits]
        first = reply.first_rank if isinstance(reply, HitsReplyBase) else 1
    else:
        return None
    entries = [entry_for(library, locator) for locator in locators]
    return Shown(tuple(entry for entry in entries if entry is not None), first)


def annotate(state: AppState, caller: Caller, reply: Reply) -> None:
    """Attach the desk's notes to what the reply quotes, and remember what it showed."""
    if isinstance(reply, CableCard):
        counts = caller.desk.run(lambda desk: desk.note_counts(caller.scope, reply.ref_id))
        reply.desk_notes = sum(counts.values())
        reply.focused = caller.desk.run(lambda desk: desk.get_focus(caller.spot)) == reply.ref_id
    elif isinstance(reply, ParagraphsReply):
        notes = notes_by_locator(caller, [reply.ref_id])
        for paragraph in reply.paragraphs:
            paragraph.desk_notes = [desk_note(note) for note in notes.get(paragraph.locator, [])]
    elif isinstance(reply, HitsReply):
        notes = notes_by_locator(caller, [hit.ref_id for hit in reply.hits])
        for hit in reply.hits:
            hit.desk_notes = [desk_note(note) for note in notes.get(hit.locator, [])]
    shown = _shown(state.library, reply)
    if shown is not None and shown.entries:
        caller.desk.run(lambda desk: desk.remember_shown(caller.spot, shown.entries, shown.first))
