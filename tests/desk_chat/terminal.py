"""`cablebot chat --json` as a real subprocess, over a desk in a temporary DATA_DIR and a
search cache built once per session."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
CABLEBOT = Path(sys.executable).with_name("cablebot")


@dataclass(frozen=True)
class Terminal:
    """Chat processes sharing one desk database (DATA_DIR or DATABASE_URL)."""

    data_dir: Path
    cache_dir: Path
    database_url: str | None = None

    def env(self) -> dict[str, str]:
        env = {**os.environ, "CACHE_DIR": str(self.cache_dir), "DATA_DIR": str(self.data_dir)}
        env.pop("DATABASE_URL", None)
        if self.database_url is not None:
            env["DATABASE_URL"] = self.database_url
        return env

    def args(self, user: str, channel: str, guild: str | None) -> list[str]:
        args = [str(CABLEBOT), "chat", "--json", "--user", user, "--channel", channel]
        return args + (["--guild", guild] if guild is not None else [])

    def start(
        self, user: str, channel: str, lines: list[str], guild: str | None = None
    ) -> subprocess.Popen[str]:
        chat = subprocess.Popen(
            self.args(user, channel, guild),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            cwd=REPO,
            env=self.env(),
        )
        assert chat.stdin is not None
        chat.stdin.write("".join(line + "\n" for line in lines))
        chat.stdin.close()
        return chat

    @staticmethod
    def replies(chat: subprocess.Popen[str], count: int) -> list[dict[str, Any]]:
        assert chat.stdout is not None and chat.stderr is not None
        out = chat.stdout.read()
        errors = chat.stderr.read()
        assert chat.wait(timeout=300) == 0, errors
        replies = [json.loads(line) for line in out.splitlines()]
        assert len(replies) == count, (out, errors)
        return replies

    def run(
        self, user: str, channel: str, *lines: str, guild: str | None = None
    ) -> list[dict[str, Any]]:
        """One reply per line, from one `cablebot chat --json` session."""
        return self.replies(self.start(user, channel, list(lines), guild), len(lines))

    def one(self, user: str, channel: str, line: str, guild: str | None = None) -> dict[str, Any]:
        return self.run(user, channel, line, guild=guild)[0]
