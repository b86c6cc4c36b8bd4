from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
