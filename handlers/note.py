"""`!note <id> [<section>] <label> <text>`: a team note on a paragraph;
`!note delete <n>`: remove one."""

from __future__ import annotations

from dataclasses import dataclass

from bot.cables.model import Cable
from bot.chat.caller import Caller
from bot.chat.commands import CommandSpec, DeskCommand
from bot.chat.desk_replies import note_item
from bot.chat.entries import entry_at
from bot.chat.errors import UserError
from bot.chat.grammar import parse_locator, take_id
from bot.chat.lookup import correction_notes, find_cable
from bot.chat.passages import PassageError, select
from bot.chat.replies import NotesReply, Reply
from bot.chat.state import AppState
from bot.desk import NOTE_MAX_CHARS, Anchor

SPEC = CommandSpec(
    "note",
    "note <id> [<section>] <label> <text> | note delete <n>",
    "A team note on a paragraph, shown under it wherever the bot quotes it in this channel.",
    (
        "Name the paragraph as for `cable` (`07DUSHANBE313 prevention F`, `08REYKJAVIK195 2`, "
        "`summary`); "
        "the rest of the message is the note, up to "
        f"{NOTE_MAX_CHARS:,} characters. Mentions and markdown in it are ignored.",
        "`cable <id>` says how many notes the desk holds on a cable; `notes <id>` lists them.",
        "`note delete 4` removes note 4: only its author, or someone who may manage messages, can.",
    ),
    (
        "note 07DUSHANBE313 prevention F Compare with the 2008 report",
        "note 08REYKJAVIK195 2 Source for the budget figure",
        "note delete 4",
    ),
)

# A section name is a few words at most: `investigation and prosecution F`.
_MAX_LOCATOR_WORDS = 6


@dataclass(slots=True, frozen=True)
class NoteRequest:
    id_text: str = ""
    # The words after the id: where the paragraph is named, then the note.
    rest: tuple[str, ...] = ()
    # `note delete <n>`: the note to delete.
    delete: int | None = None


def parse(args: str) -> NoteRequest:
    words = args.split()
    if words and words[0].lower() == "delete":
        if len(words) != 2 or not words[1].lstrip("#").isdigit():
            raise UserError("Which note? e.g. `note delete 4` (the number `notes` shows).")
        return NoteRequest(delete=int(words[1].lstrip("#")))
    split = take_id(words)
    if split is None:
        return NoteRequest()
    return NoteRequest(split.id_text, tuple(split.rest))


def _paragraph(cable: Cable, rest: tuple[str, ...], prefix: str) -> tuple[Anchor, str]:
    """The paragraph the first words name (the fewest that name exactly one: a label, a
    section and a label, or a part quoted whole such as the summary), and the note."""
    first_error: UserError | None = None
    for count in range(1, min(len(rest) - 1, _MAX_LOCATOR_WORDS) + 1):
        locator = parse_locator(list(rest[:count]))
        if locator.labels is not None and locator.labels.last is not None:
            continue  # a range names several paragraphs
        try:
            passage = select(cable, locator, prefix)
        except PassageError as error:
            first_error = first_error or error
            continue
        if len(passage.items) == 1:
            entry = entry_at(cable, passage.items[0].locator)
            if entry is not None:
                return entry.anchor, " ".join(rest[count:])
    if first_error is not None:
        raise first_error
    raise UserError(
        f"Which paragraph of {cable.ref_id}, and what note? e.g. "
        f"`{prefix}note {cable.ref_id} 2 why this matters`."
    )


def handle(state: AppState, caller: Caller, request: NoteRequest) -> Reply:
    prefix = state.settings.command_prefix
    if request.delete is not None:
        n = request.delete
        note = caller.desk.run(
            lambda desk: desk.delete_note(caller.scope, n, caller.user, caller.may_moderate)
        )
        return NotesReply(desk_notes=[note_item(note)], removed=True)
    if not request.id_text:
        raise UserError(
            f"Which paragraph? e.g. `{prefix}note 07DUSHANBE313 prevention F your note`."
        )
    found = find_cable(state.library, request.id_text)
    remarks = correction_notes(found, request.id_text)
    if len(request.rest) < 2:
        raise UserError(
            f"Name a paragraph of {found.ref_id} and write the note after it, e.g. "
            f"`{prefix}note {found.ref_id} 2 why this matters`.",
            notes=remarks,
        )
    anchor, text = _paragraph(found, request.rest, prefix)
    note = caller.desk.run(lambda desk: desk.add_note(caller.scope, caller.user, anchor, text))
    return NotesReply(desk_notes=[note_item(note)], notes=remarks)


COMMAND = DeskCommand(SPEC, parse, handle, whole_line=True)
