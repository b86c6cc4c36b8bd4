"""Every chat command, in the order of the reference (`!help`, docs/commands.md)."""

from __future__ import annotations

from typing import Any

from bot.chat.commands import Command, CommandSpec, reference_text
from handlers import (
    ask,
    browse,
    cable,
    help,
    refs,
    search,
    similar,
    tag,
    timeline,
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
HELP = help.command(_ANSWERING)
COMMANDS: tuple[Command[Any], ...] = (*_ANSWERING, HELP)
COMMAND_NAMES: tuple[str, ...] = tuple(command.spec.name for command in COMMANDS)


def command_named(name: str) -> Command[Any] | None:
    return next((command for command in COMMANDS if command.spec.name == name), None)


def spec_for(name: str) -> CommandSpec | None:
    command = command_named(name)
    return command.spec if command is not None else None


def reference(prefix: str) -> str:
    """docs/commands.md is this text for prefix `!`."""
    return reference_text([command.spec for command in COMMANDS], prefix)
