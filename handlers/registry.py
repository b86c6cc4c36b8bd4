"""Every chat command, in the order of the reference (`!help`, docs/commands.md)."""

from __future__ import annotations

from typing import Any

from bot.chat.commands import AnyCommand, Command, CommandSpec, reference_text
from handlers import (
    ask,
    browse,
    cable,
    desk,
    export,
    focus,
    help,
    note,
    notes,
    refs,
    save,
    search,
    similar,
    tag,
    thread,
    timeline,
    unsave,
    versions,
)

_ANSWERING: tuple[Command[Any], ...] = (
    cable.COMMAND,
    ask.COMMAND,
    search.COMMAND,
    browse.COMMAND,
    timeline.COMMAND,
    refs.COMMAND,
    # research reading
    tag.COMMAND,
    similar.COMMAND,
    versions.COMMAND,
)
# The channel's research desk.
_DESK: tuple[AnyCommand[Any], ...] = (
    save.COMMAND,
    desk.COMMAND,
    note.COMMAND,
    notes.COMMAND,
    unsave.COMMAND,
    export.COMMAND,
    focus.COMMAND,
    thread.COMMAND,
)
HELP = help.command((*_ANSWERING, *_DESK))
COMMANDS: tuple[AnyCommand[Any], ...] = (*_ANSWERING, *_DESK, HELP)
COMMAND_NAMES: tuple[str, ...] = tuple(command.spec.name for command in COMMANDS)


def command_named(name: str) -> AnyCommand[Any] | None:
    return next((command for command in COMMANDS if command.spec.name == name), None)


def spec_for(name: str) -> CommandSpec | None:
    command = command_named(name)
    return command.spec if command is not None else None


def reference(prefix: str) -> str:
    """docs/commands.md is this text for prefix `!`."""
    return reference_text([command.spec for command in COMMANDS], prefix)
