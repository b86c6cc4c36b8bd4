"""Reading the settings for a command, with bad values explained in one line each."""

from __future__ import annotations

import sys

from pydantic import ValidationError

from config.settings import Settings


def load_settings() -> Settings | None:
    """The settings from the environment and `.env`; None (after saying why) when a value
    is unusable, e.g. `COOLDOWN_RATE=abc: must be a whole number, not 'abc'`."""
    try:
        return Settings()
    except ValidationError as error:
        for problem in error.errors(include_url=False):
            name = ".".join(str(part) for part in problem["loc"]).upper()
            given = problem.get("input")
            shown = f" (given {given!r})" if isinstance(given, str | int | float) else ""
            print(f"Invalid setting {name}: {problem['msg']}{shown}.", file=sys.stderr)
        return None
