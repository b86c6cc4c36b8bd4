from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import discord
import pytest

from bot.cli import run
from bot.discord.client import CableBot
from tests.discord.shared import REPO


def test_run_without_token_explains_and_fails_without_traceback(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
    env["PYTHONPATH"] = str(REPO)
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from bot.cli import main; sys.exit(main(['run']))"],
        cwd=tmp_path,  # no .env here
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "DISCORD_TOKEN" in done.stderr
    assert "cablebot chat" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.fixture
def root_logging() -> Iterator[None]:
    """`run` installs discord.py's stderr handler on the root logger; undo it afterwards."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.mark.parametrize(
    ("failure", "explanation"),
    [
        (discord.LoginFailure("Improper token has been passed."), "rejected the token"),
        (OSError("Name or service not known"), "Could not reach Discord"),
        (discord.PrivilegedIntentsRequired(None), "MESSAGE_CONTENT_INTENT=false"),
    ],
)
def test_start_failures_are_explained_without_traceback(
    failure: Exception,
    explanation: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    root_logging: None,
) -> None:
    async def start(self: CableBot, token: str) -> None:
        raise failure

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DISCORD_TOKEN", "not.a.token")
    monkeypatch.setattr(CableBot, "start", start)
    assert run.run(argparse.Namespace()) == 1
    err = capsys.readouterr().err
    assert explanation in err
    assert "Traceback" not in err
