"""From a chat line or a typed request to a reply: the single entry point for every front end,
and the one place where errors become replies.

`dispatch(state, line)` takes a whole line (`!cable 07DUSHANBE313 ¶3`, prefix optional);
`dispatch_command(state, name, args)` a command's name and the text after it;
`answer(state, command, read)` a request built by a front end from typed options (Discord's
slash commands). A UserError (or the desk's DeskError) raised anywhere on the way becomes its
error reply here; a damaged store or index is rebuilt and the command run again (or the user
told to try again shortly); any other exception, tantivy's panics included, a generic
apology (and the log keeps the traceback).

With a `caller` (who asks, where, and the research desk), the desk commands work and the
desk's steps run around the others (handlers/at_desk.py); without one (a library-only
embedding), the desk commands say the desk is not available.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from rapidfuzz import fuzz, process

from bot.cables.damage import CacheDamaged
from bot.chat.caller import Caller
from bot.chat.commands import AnyCommand, DeskCommand
from bot.chat.errors import UserError
from bot.chat.grammar import CommandLine, looks_like_id, split_command, take_id
from bot.chat.replies import ErrorReply, Reply
from bot.chat.state import AppState
from bot.chat.text import MAX_LINE_CHARS, clean_line, cut_note, echo
from bot.desk import NOTE_MAX_CHARS, DeskError
from bot.search.index_damage import is_panic
from handlers.at_desk import annotate, focused
from handlers.registry import COMMAND_NAMES, command_named

log = logging.getLogger(__name__)

Request = TypeVar("Request")

# How close a mistyped command name must be to suggest the real one.
_COMMAND_SCORE = 60.0
FAILED = "Sorry, that command failed on our side. It has been logged."
NO_DESK = "The research desk is not available here."
DESK_UNREADABLE = "The research desk could not be read just now, so its notes are not shown."


@dataclass(slots=True, frozen=True)
class Answer(Generic[Request]):
    reply: Reply
    # What was asked, for asking again (the next page); None when it could not be read.
    request: Request | None


def answer(
    state: AppState,
    command: AnyCommand[Request],
    read: Callable[[], Request],
    notes: Sequence[str] = (),
    caller: Caller | None = None,
) -> Answer[Request]:
    """Read the request (`read` may raise a UserError too) and handle it; `notes` (about
    how the input was read) go first on the reply."""
    request = None
    try:
        request = read()
        reply = _handle(state, command, request, caller)
    except UserError as error:
        reply = error.reply()
    except DeskError as error:
        reply = ErrorReply(message=error.message)
    except BaseException as error:
        # A bug must not reach the user as a traceback; the log keeps it for us. A Rust
        # panic (pyo3 raises it as a BaseException) is a bug like any other;
        # KeyboardInterrupt and the like still end the program.
        if not isinstance(error, Exception) and not is_panic(error):
            raise
        log.exception("command %r failed on %r", command.spec.name, request)
        reply = ErrorReply(message=FAILED)
    if caller is not None and not isinstance(reply, ErrorReply):
        _annotate(state, caller, reply)
    reply.notes[:0] = notes
    return Answer(reply, request)


def _handle(
    state: AppState, command: AnyCommand[Request], request: Request, caller: Caller | None
) -> Reply:
    """Handle `request`; when the cache turns out damaged, again once it is rebuilt."""
    try:
        return _run(state, command, request, caller)
    except CacheDamaged as damage:
        state.repair(damage)  # raises Rebuilding while the rebuild runs
        return _run(state, command, request, caller)


def _run(
    state: AppState, command: AnyCommand[Request], request: Request, caller: Caller | None
) -> Reply:
    """A desk command with the caller; the others inside the channel's focus when it applies."""
    if isinstance(command, DeskCommand):
        if caller is None:
            raise UserError(NO_DESK)
        return command.handle(state, caller, request)
    if caller is not None:
        reply = focused(state, caller, command, request)
        if reply is not None:
            return reply
    return command.handle(state, request)


def _annotate(state: AppState, caller: Caller, reply: Reply) -> None:
    """The desk's notes on what the reply quotes; the reply stands even if they fail."""
    try:
        annotate(state, caller, reply)
    except DeskError as error:
        reply.notes.append(error.message)
    except Exception:
        log.exception("reading the desk for a %s reply failed", reply.kind)
        reply.notes.append(DESK_UNREADABLE)


def too_long(cut_from: int) -> str:
    return (
        f"Your message had {cut_from:,} characters, more than the {MAX_LINE_CHARS:,} a message "
        f"may have, so nothing was written. Notes may have up to {NOTE_MAX_CHARS:,} characters."
    )


def answer_text(
    state: AppState,
    command: AnyCommand[Request],
    args: str,
    caller: Caller | None = None,
    cut_from: int | None = None,
) -> Answer[Request]:
    """`command` on the text typed after its name (`cut_from`: the whole line was cut)."""
    clean = clean_line(args)
    cut_from = cut_from if cut_from is not None else clean.cut_from
    if cut_from is not None and isinstance(command, DeskCommand) and command.whole_line:
        # Half a note must never be saved as if it were the note.
        return Answer(ErrorReply(message=too_long(cut_from)), None)
    notes = [cut_note(cut_from)] if cut_from is not None else []
    return answer(state, command, lambda: command.parse(clean.text), notes, caller)


def dispatch(state: AppState, line: str, caller: Caller | None = None) -> Reply:
    prefix = state.settings.command_prefix
    clean = clean_line(line)
    command = split_command(clean.text, prefix)
    if command is None:
        reply: Reply = ErrorReply(
            message=f"Empty command. Try `{prefix}help`.",
            suggestions=[f"{prefix}{name}" for name in COMMAND_NAMES],
        )
    elif command_named(command.name.removeprefix(prefix)) is None and _starts_with_id(command):
        # A bare id or cable link (`07DUSHANBE313 prevention F`) reads as `cable`.
        return dispatch_command(
            state, "cable", f"{command.name} {command.args}", caller, clean.cut_from
        )
    else:
        return dispatch_command(state, command.name, command.args, caller, clean.cut_from)
    if clean.cut_from is not None:
        reply.notes.insert(0, cut_note(clean.cut_from))
    return reply


def _starts_with_id(command: CommandLine) -> bool:
    split = take_id([command.name, *command.args.split()])
    return split is not None and looks_like_id(split.id_text)


def dispatch_command(
    state: AppState,
    name: str,
    args: str,
    caller: Caller | None = None,
    cut_from: int | None = None,
) -> Reply:
    """Run one command on its text; an unknown name gets the closest real ones."""
    prefix = state.settings.command_prefix
    command: AnyCommand[Any] | None = command_named(name.lower().removeprefix(prefix))
    if command is None:
        close = [
            prefix + match
            for match, _, _ in process.extract(
                name.lower(), COMMAND_NAMES, scorer=fuzz.ratio, limit=3, score_cutoff=_COMMAND_SCORE
            )
        ]
        hint = f" Did you mean {close[0]}?" if close else ""
        # A name of nothing but unprintable characters echoes as nothing at all.
        shown = echo(name)
        unknown = f"Unknown command {shown}." if shown else "That is not a command I know."
        reply: Reply = ErrorReply(
            message=f"{unknown}{hint} Type `{prefix}help` for the list.",
            suggestions=close,
        )
        if cut_from is not None:
            reply.notes.insert(0, cut_note(cut_from))
        return reply
    return answer_text(state, command, args, caller, cut_from).reply
