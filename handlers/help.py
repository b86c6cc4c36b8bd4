"""`!help [command]`: the command reference (the same text as docs/commands.md)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.chat.commands import AnyCommand, Command, CommandSpec, command_help, reference_text
from bot.chat.errors import UserError
from bot.chat.replies import HelpReply, Reply
from bot.chat.state import AppState
from bot.chat.text import echo

SPEC = CommandSpec(
    "help",
    "help [<command>]",
    "This reference, or one command's part of it.",
    (),
    ("help", "help cable"),
)


@dataclass(slots=True, frozen=True)
class HelpRequest:
    # A command's name (the prefix allowed), or "" for the whole reference.
    topic: str = ""


def parse(args: str) -> HelpRequest:
    return HelpRequest(args.strip().lower())


@dataclass(slots=True, frozen=True)
class _Reference:
    specs: tuple[CommandSpec, ...]

    def handle(self, state: AppState, request: HelpRequest) -> Reply:
        prefix = state.settings.command_prefix
        names = [spec.name for spec in self.specs]
        topic = request.topic.removeprefix(prefix)
        if not topic:
            return HelpReply(text=reference_text(self.specs, prefix), commands=names)
        spec = next((spec for spec in self.specs if spec.name == topic), None)
        if spec is None:
            raise UserError(
                f"There is no command {echo(topic)}. Commands: "
                + ", ".join(prefix + name for name in names)
                + ".",
                names,
            )
        return HelpReply(topic=spec.name, text=command_help(spec, prefix), commands=[spec.name])


def command(others: Sequence[AnyCommand[Any]]) -> Command[HelpRequest]:
    """Help on `others` and on itself, last. The registry hands its commands in (it
    imports this module, so this module cannot import it)."""
    return Command(SPEC, parse, _Reference((*(other.spec for other in others), SPEC)).handle)
