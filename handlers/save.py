"""`!save [<as for !cable> | <n>...] [note: <text>]`: keep a cable, section or paragraphs
(or what the bot last showed here) on the channel's desk."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.chat.caller import Caller
from bot.chat.commands import CommandSpec, DeskCommand
from bot.chat.desk_replies import desk_items
from bot.chat.entries import entry_at, entry_for, whole_cable
from bot.chat.errors import UserError
from bot.chat.replies import CableCard, ParagraphsReply, Reply, SavedReply
from bot.chat.state import AppState
from bot.desk import Entry, Saved
from bot.desk.channel import pick_shown
from handlers import cable

SPEC = CommandSpec(
    "save",
    "save [<id> [<section>] [<label>|<range>] | <n> ...] [note: <text>]",
    "Keep a cable, a section or paragraphs on this channel's desk, with an optional note.",
    (
        "Takes what `cable` takes: the id alone saves the whole cable, a section or labels "
        "save those paragraphs, each as its own item.",
        "Without an id, saves what the bot last showed in this channel: the paragraphs of "
        "the last `cable`, or the answers of the last `ask` or `search`. Numbers pick some, "
        "as the reply numbered them: `save 2` saves the second answer, `save 1 3` the first "
        "and third, and after page 2 of a search (hits 11 to 20) `save 12` saves hit 12.",
        "`note:` and the text after it become a team note on each paragraph saved. Saving "
        "a paragraph the desk already has adds the note; it never makes a second item.",
        "A thread shares its channel's desk; a direct message conversation is a private desk.",
        "On Discord, anyone can also save with the Save button or menu under a reply. A 🔖 "
        "reaction saves a reply that quotes one thing; on a list of answers or paragraphs "
        "it saves nothing and says to pick in the menu.",
    ),
    (
        "save 07DUSHANBE313 prevention F note: shelter numbers for chapter 2",
        "save 08REYKJAVIK195 ¶2-3",
        "save 2",
        "save",
    ),
)

_NOTE = re.compile(r"(?:^|\s)note:", re.I)
_POSITION = re.compile(r"^(\d{1,3})(?:-(\d{1,3}))?$")
# `save 1-50` is a slip, not a wish for fifty items.
_MAX_POSITIONS = 50


@dataclass(slots=True, frozen=True)
class SaveRequest:
    # What to save, as `!cable` reads it; None: (some of) what the bot last showed here.
    cable: cable.CableRequest | None = None
    # What was last shown, by the numbers the reply gave it (page 2 of a search: 11-20);
    # empty: all of it.
    positions: tuple[int, ...] = ()
    note: str | None = None
    # Locators a front end names (Discord's Save button and 🔖 reaction); they win.
    locators: tuple[str, ...] = ()


def split_note(args: str) -> tuple[str, str | None]:
    """`07X ¶3 note: why` -> (`07X ¶3`, `why`); no `note:` -> (args, None)."""
    found = _NOTE.search(args)
    if found is None:
        return args.strip(), None
    return args[: found.start()].strip(), args[found.end() :].strip()


def _positions(words: list[str]) -> tuple[int, ...] | None:
    """`2`, `1 3`, `2-4`, `1,3` as positions; None when the words are something else."""
    positions: list[int] = []
    for word in " ".join(words).replace(",", " ").split():
        found = _POSITION.match(word)
        if found is None:
            return None
        first = int(found.group(1))
        last = int(found.group(2) or first)
        positions += range(min(first, last), max(first, last) + 1)
    if len(positions) > _MAX_POSITIONS:
        raise UserError(f"Pick at most {_MAX_POSITIONS} things to save at once.")
    return tuple(dict.fromkeys(positions))


def parse(args: str) -> SaveRequest:
    what, note = split_note(args)
    positions = _positions(what.split())
    if positions is not None:
        return SaveRequest(None, positions, note)
    return SaveRequest(cable.parse(what), (), note)


def _entries(
    state: AppState, caller: Caller, request: SaveRequest
) -> tuple[list[Entry], list[str]]:
    """What to save, and the remarks `!cable` made while finding it."""
    if request.locators:
        named = [entry_for(state.library, locator) for locator in request.locators]
        entries = [entry for entry in named if entry is not None]
        if len(entries) < len(named):
            raise UserError("That cable is no longer in the library, so it cannot be saved.")
        return entries, []
    if request.cable is None:
        shown = caller.desk.run(lambda desk: desk.last_shown(caller.spot))
        return pick_shown(shown, request.positions or shown.numbers), []
    reply = cable.handle(state, request.cable)
    found = (
        state.library.get(reply.ref_id) if isinstance(reply, CableCard | ParagraphsReply) else None
    )
    if found is None:  # `!cable` answers a found cable with a card or paragraphs
        raise UserError("That cannot be saved.")
    if isinstance(reply, CableCard):
        return [whole_cable(found)], reply.notes
    assert isinstance(reply, ParagraphsReply)
    quoted = [entry_at(found, p.locator) for p in reply.paragraphs]
    return [entry for entry in quoted if entry is not None], reply.notes


def _remark(saved: Saved) -> str | None:
    if saved.new:
        return None
    item = saved.item
    what = f"{item.entry.anchor.locator} was already on this desk as #{item.n}"
    return what + (": the note was added to it." if saved.note else "; nothing changed.")


def handle(state: AppState, caller: Caller, request: SaveRequest) -> Reply:
    entries, remarks = _entries(state, caller, request)
    saved = caller.desk.run(
        lambda desk: desk.save(caller.scope, caller.user, entries, request.note)
    )
    remarks += [remark for remark in map(_remark, saved) if remark]
    items = desk_items(state.library, caller, [s.item for s in saved])
    return SavedReply(items=items, notes=remarks)


COMMAND = DeskCommand(SPEC, parse, handle, whole_line=True)
