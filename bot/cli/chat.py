"""`cablebot chat`: the chat commands in a terminal, or as JSON for scripts.

cablebot chat                      interactive (prefix optional: `cable 07DUSHANBE313`)
cablebot chat MESSAGE              one reply, as text
cablebot chat --json MESSAGE       one reply, as JSON
cablebot chat --json < lines.txt   one JSON reply per input line (JSON Lines), in order

The research desk commands (`save`, `desk`, `note`, ...) act as --user in channel --channel
of --guild (defaults: your login name, `terminal`, `local`), so a script can play several
people in several channels; the desk is the one DATA_DIR or DATABASE_URL names.
"""

from __future__ import annotations

import argparse
import getpass
import io
import logging
import shutil
import sys
import threading
from collections.abc import Iterable
from typing import Any, TextIO

from bot.chat.caller import Caller
from bot.chat.desk_runner import DeskRunner
from bot.chat.replies import Reply
from bot.chat.state import AppState, load_state
from bot.cli.corpus import complain_missing
from bot.cli.settings import load_settings
from bot.desk import TERMINAL_GUILD, DeskScope, DeskUser
from bot.render.terminal import render
from config.settings import Settings
from handlers.dispatch import dispatch

log = logging.getLogger(__name__)

PROMPT = "cablebot> "
LOG_NAME = "chat.log"
_QUIT = {"quit", "exit", ":q"}
# Where a terminal session's desk is unless --channel / --guild say otherwise.
CHANNEL = "terminal"
GUILD = "local"


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "chat",
        help="chat with the bot in the terminal",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--json", action="store_true", help="print replies as JSON")
    p.add_argument(
        "--user", default=_login(), help="who you are on the desk (default: %(default)s)"
    )
    p.add_argument("--channel", default=CHANNEL, help=f"the desk's channel (default: {CHANNEL})")
    p.add_argument("--guild", default=GUILD, help=f"the desk's server (default: {GUILD})")
    p.add_argument("message", nargs="*", help="one message to answer, then exit")
    p.set_defaults(handler=run)


def interactive_args() -> argparse.Namespace:
    """`cablebot chat` with no arguments (what `make run` starts without a token)."""
    return argparse.Namespace(json=False, message=[], user=_login(), channel=CHANNEL, guild=GUILD)


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (some containers)
        return "terminal"


def terminal_caller(desk: DeskRunner, user: str, channel: str, guild: str) -> Caller:
    """A terminal session's place: its own guild namespace, never a Discord server's."""
    scope = DeskScope(f"{TERMINAL_GUILD}:{guild}", channel)
    return Caller(desk=desk, scope=scope, user=DeskUser(user, user), spot=scope)


def _open_desk(settings: Settings) -> DeskRunner | None:
    """The desk, or None (said on stderr) when its database cannot be opened: the
    library still answers."""
    try:
        return DeskRunner.start(settings)
    except Exception as error:
        log.exception("opening the research desk failed")
        print(f"The research desk is not available: {error}", file=sys.stderr)
        return None


def _json(reply: Reply) -> str:
    return reply.model_dump_json()


def json_lines(
    state: AppState, lines: Iterable[str], out: TextIO, caller: Caller | None = None
) -> None:
    """One reply per input line, flushed at once so a pipe sees each as soon as it is ready."""
    for line in lines:
        out.write(_json(dispatch(state, line.rstrip("\r\n"), caller)) + "\n")
        out.flush()


def _width() -> int:
    return max(40, min(100, shutil.get_terminal_size().columns - 1))


def _open_engine_quietly(state: AppState) -> None:
    try:
        state.engine()
    except Exception:  # the first search will say it failed; nothing to print here
        log.exception("opening the search engine failed")


def interactive(state: AppState, caller: Caller | None = None) -> None:
    # The index is opened (or built, on a first run) while the user reads and types:
    # `cable` answers at once, and the first search rarely waits.
    threading.Thread(target=_open_engine_quietly, args=(state,), daemon=True).start()
    if sys.stdin.isatty():
        import readline  # noqa: F401  (imported for its side effect: line editing and history)

        prefix = state.settings.command_prefix
        print(f"{len(state.library):,} cables loaded. Type `help`; `quit` or Ctrl-D to leave.")
        print(f"Commands work with or without the prefix `{prefix}`.")
    while True:
        try:
            line = input(PROMPT if sys.stdin.isatty() else "")
        except EOFError:
            if sys.stdin.isatty():
                print()  # Ctrl-D leaves the cursor after the prompt; the shell starts afresh.
            break
        except KeyboardInterrupt:
            if not sys.stdin.isatty():
                raise
            print()  # Ctrl-C drops the line being typed, as in a shell; quit or Ctrl-D leave
            continue
        if line.strip().lower() in _QUIT:
            break
        if line.strip():
            print(render(dispatch(state, line, caller), _width()) + "\n", flush=True)


def _log_to_file(settings: Settings) -> None:
    """Errors (with their tracebacks) go to a file beside the search index: the terminal
    shows the user's apology, never a traceback."""
    path = settings.cache_dir / LOG_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.WARNING, handlers=[handler])


def run(args: argparse.Namespace) -> int:
    settings = load_settings()
    if settings is None:
        return 2
    _log_to_file(settings)
    if complain_missing("chat", settings.library_paths):
        return 2
    if isinstance(sys.stdin, io.TextIOWrapper):
        # Bytes that are not UTF-8 become U+FFFD instead of ending the session.
        sys.stdin.reconfigure(errors="replace")
    desk = _open_desk(settings)
    caller = terminal_caller(desk, args.user, args.channel, args.guild) if desk else None
    try:
        state = load_state(settings, progress=sys.stderr.isatty())
        message = " ".join(args.message)
        if args.json and message:
            print(_json(dispatch(state, message, caller)))
        elif args.json:
            json_lines(state, sys.stdin, sys.stdout, caller)
        elif message:
            print(render(dispatch(state, message, caller), _width()))
        else:
            interactive(state, caller)
    except KeyboardInterrupt:
        print(file=sys.stderr)
    except BrokenPipeError:
        # The reader went away (`| head`): nothing left to say, and nobody to say it to.
        sys.stderr.close()
    finally:
        if desk is not None:
            desk.close()
    return 0
