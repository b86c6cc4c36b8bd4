"""From a chat line to a reply: the single entry point for every front end.

`dispatch(state, line)` takes a whole line (`!cable 07DUSHANBE313 ¶3`, prefix optional);
`dispatch_command(state, name, args)` is what a Discord command with a rest-of-line
argument calls, so both front ends share one parser and one set of handlers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from rapidfuzz import fuzz, process

from bot.chat.commands import COMMAND_NAMES
from bot.chat.grammar import CommandLine, looks_like_id, split_command, take_id
from bot.chat.replies import ErrorReply, Reply
from bot.chat.state import AppState
from bot.chat.text import clean_line, cut_note, echo
from handlers import ask, browse, cable, help, refs, search

log = logging.getLogger(__name__)

Handler = Callable[[AppState, str], Reply]

HANDLERS: dict[str, Handler] = {
    "cable": cable.handle,
    "ask": ask.handle,
    "search": search.handle,
    "browse": browse.handle,
    "refs": refs.handle,
    "help": help.handle,
}

# How close a mistyped command name must be to suggest the real one.
_COMMAND_SCORE = 60.0


def dispatch(state: AppState, line: str) -> Reply:
    prefix = state.settings.command_prefix
    clean = clean_line(line)
    command = split_command(clean.text, prefix)
    if command is None:
        reply: Reply = ErrorReply(
            message=f"Empty command. Try `{prefix}help`.",
            suggestions=[f"{prefix}{name}" for name in COMMAND_NAMES],
        )
    elif command.name.removeprefix(prefix) not in HANDLERS and _starts_with_id(command):
        # A bare id or cable link (`07DUSHANBE313 prevention F`) reads as `cable`.
        reply = dispatch_command(state, "cable", f"{command.name} {command.args}")
    else:
        reply = dispatch_command(state, command.name, command.args)
    if clean.cut_from is not None:
        reply.notes.insert(0, cut_note(clean.cut_from))
    return reply


def _starts_with_id(command: CommandLine) -> bool:
    split = take_id([command.name, *command.args.split()])
    return split is not None and looks_like_id(split.id_text)


def dispatch_command(state: AppState, name: str, args: str) -> Reply:
    """Run one command; unknown names and handler failures become friendly errors."""
    prefix = state.settings.command_prefix
    handler = HANDLERS.get(name.lower().removeprefix(prefix))
    if handler is None:
        close = [
            prefix + match
            for match, _, _ in process.extract(
                name.lower(), COMMAND_NAMES, scorer=fuzz.ratio, limit=3, score_cutoff=_COMMAND_SCORE
            )
        ]
        hint = f" Did you mean {close[0]}?" if close else ""
        return ErrorReply(
            message=f"Unknown command {echo(name)}.{hint} Type `{prefix}help` for the list.",
            suggestions=close,
        )
    clean = clean_line(args)
    try:
        reply = handler(state, clean.text)
    except Exception:
        # A bug must not reach the user as a traceback; the log keeps it for us.
        log.exception("command %r failed on %r", name, clean.text)
        return ErrorReply(message="Sorry, that command failed on our side. It has been logged.")
    if clean.cut_from is not None:
        reply.notes.insert(0, cut_note(clean.cut_from))
    return reply
