from __future__ import annotations

import subprocess
import sys

from tests.discord.shared import REPO


def test_importing_the_cable_layer_does_not_import_discord() -> None:
    code = (
        "import sys, bot, bot.cables.library; assert 'discord' not in sys.modules; bot.create_bot"
    )
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True)
