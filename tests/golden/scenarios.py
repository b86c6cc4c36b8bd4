"""The chat lines whose JSON replies are pinned: every scenario of docs/acceptance.md,
the `!help` examples and a few bad inputs. `python -m tests.golden.scenarios` rewrites
the pinned replies after a deliberate change in behaviour (review the diff)."""

from __future__ import annotations

import sys
from pathlib import Path

from bot.chat.commands import Command
from bot.chat.state import AppState
from handlers.registry import COMMANDS

PINNED = Path(__file__).with_name("acceptance_replies.jsonl")

ACCEPTANCE_LINES: tuple[str, ...] = (
    "cable 07DUSHANBE313",
    "cable 08REYKJAVIK195",
    "cable 79TEHRAN8980",
    "cable 07DUSHANBE313 prevention F",
    "cable 07DUSHANBE313 protecton",
    "cable 07DUSHANBE313 protection I",
    "cable 72TEHRAN1164 ¶3-5",
    "cable 72TEHRAN1164 ¶7-2",
    "cable 07DUSHANBE313 A",
    'cable 07PORTAUPRINCE408 "Question A"',
    "cable 07PORTAUPRINCE408 Question A:",
    "cable 07PORTAUPRINCE408 Question A: 4",
    "cable 10TRIPOLI115 SCUD B",
    "cable 07TBILISI2290",
    "cable 73TEHRAN8233",
    "cable 09STATE80163 15 B-G",
    "cable 06NEWDELHI5135 2",
    "cable 07dushanbe313",
    "cable 07 dushanbe-313",
    "cable 2007DUSHANBE000313",
    "cable https://wikileaks.org/cable/2007/03/07DUSHANBE313.html#parC",
    "07DUSHANBE313 prevention F",
    "cable 07DUSHANB313",
    "cable 07DUSHANBE31",
    "cable 06DUSHANBE2153",
    "cable 85CAIRO6360",
    "cable 06STATE202745",
    "ask how many victims were repatriated from the UAE",
    "ask 07DUSHANBE313 who is the point of contact on trafficking",
    "ask who runs the shelters year:1972",
    "ask did Iceland's peacekeepers carry weapons?",
    "search human trafficking tag:KCRM",
    "search trafficking page:7",
    "search trafficking page:99",
    "search trafficing in persns",
    'search "chicken street"',
    "search zzzz",
    "search peacekeeping origin:reykjavk",
    "browse tag:KCRM",
    'browse origin:"buenos aires"',
    "browse class:secret year:2009 page:50",
    "browse tag:KCRN",
    "refs 09BERLIN1167",
    "",
    "cabel 07DUSHANBE313",
    "search",
    "browse",
    "refs",
    "ask",
    "search trafficking year:abc",
    "help",
)


def pinned_lines() -> list[str]:
    # The desk commands' replies depend on what the desk holds: tests/desk_chat runs them
    # end to end; here, without a desk, they would only say the desk is not available.
    examples = [
        example
        for command in COMMANDS
        if isinstance(command, Command)
        for example in command.spec.examples
    ]
    return [*ACCEPTANCE_LINES, *examples]


def replies_json(state: AppState) -> list[str]:
    from handlers.dispatch import dispatch

    return [dispatch(state, line).model_dump_json() for line in pinned_lines()]


def main() -> int:
    from bot.chat.state import load_state
    from config.settings import Settings

    # The lexical engine's replies, as the session state gives them (tests/conftest.py):
    # the semantic ranker's are tested in tests/search/semantic.
    state = load_state(Settings(semantic=False))
    PINNED.write_text("\n".join(replies_json(state)) + "\n", encoding="utf-8")
    print(f"wrote {PINNED}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
