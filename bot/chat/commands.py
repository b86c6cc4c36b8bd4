"""What a chat command is: its place in the reference (usage, summary, details, examples),
the typed request it reads, and its handler. The commands themselves are `handlers/*`.

The reference is the one text behind `!help` and docs/commands.md.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, Self, TypeVar, runtime_checkable

from bot.chat.caller import Caller
from bot.chat.replies import Reply
from bot.chat.state import AppState
from bot.chat.text import MAX_LINE_CHARS

Request = TypeVar("Request")


@dataclass(slots=True, frozen=True)
class CommandSpec:
    name: str
    usage: str
    summary: str
    details: tuple[str, ...]
    examples: tuple[str, ...]


@dataclass(slots=True, frozen=True)
class Command(Generic[Request]):
    """One command: `parse` reads a typed line (terminal, `!` commands) into its request;
    front ends with typed options (Discord's slash commands) build the request themselves.
    Either may raise a UserError, as may `handle`."""

    spec: CommandSpec
    parse: Callable[[str], Request]
    handle: Callable[[AppState, Request], Reply]


@dataclass(slots=True, frozen=True)
class DeskCommand(Generic[Request]):
    """A command on the channel's research desk: its handler also gets the `Caller` (who
    asks, where, and the desk). `whole_line`: a message cut to the length limit is
    refused rather than read in part (a note must never be saved cut short)."""

    spec: CommandSpec
    parse: Callable[[str], Request]
    handle: Callable[[AppState, Caller, Request], Reply]
    whole_line: bool = False


AnyCommand = Command[Request] | DeskCommand[Request]


@runtime_checkable
class Paged(Protocol):
    """A request for one page of results: a pager asks for the pages after it."""

    def on_page(self, page: int) -> Self: ...


def command_help(spec: CommandSpec, prefix: str) -> str:
    lines = [f"## `{prefix}{spec.usage}`", "", spec.summary]
    if spec.details:
        lines += ["", *(f"- {detail}" for detail in spec.details)]
    lines += ["", "Examples:", "", *(f"    {prefix}{example}" for example in spec.examples)]
    return "\n".join(lines)


def reference_text(specs: Sequence[CommandSpec], prefix: str) -> str:
    """The whole reference as Markdown (docs/commands.md is this text for prefix `!`)."""
    intro = (
        "# cablebot commands\n\n"
        f"Type a command in Discord (with the prefix `{prefix}`, or as a slash command) or in "
        "`cablebot chat` (the prefix is optional there). Every reply is also available as JSON: "
        "`cablebot chat --json MESSAGE`.\n\n"
        "A message that starts with a cable id or link, without a command, shows that cable. "
        f"Messages are read up to {MAX_LINE_CHARS:,} characters; mentions, markdown and control "
        "characters in them are ignored."
    )
    return "\n\n".join([intro, *(command_help(spec, prefix) for spec in specs)]) + "\n"
