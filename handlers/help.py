"""`!help [command]`: the command reference (the same text as docs/commands.md)."""

from __future__ import annotations

from bot.chat.commands import COMMAND_NAMES, command_help, reference_text, spec_for
from bot.chat.replies import ErrorReply, HelpReply, Reply
from bot.chat.state import AppState
from bot.chat.text import echo


def handle(state: AppState, args: str) -> Reply:
    prefix = state.settings.command_prefix
    topic = args.strip().lower().removeprefix(prefix)
    if not topic:
        return HelpReply(text=reference_text(prefix), commands=list(COMMAND_NAMES))
    spec = spec_for(topic)
    if spec is None:
        return ErrorReply(
            message=f"There is no command {echo(topic)}. Commands: "
            + ", ".join(prefix + name for name in COMMAND_NAMES)
            + ".",
            suggestions=list(COMMAND_NAMES),
        )
    return HelpReply(topic=spec.name, text=command_help(spec, prefix), commands=[spec.name])
