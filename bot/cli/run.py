"""`cablebot run`: start the Discord bot (settings from the environment and `.env`)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys
from typing import TYPE_CHECKING, Any

from bot.cli import chat
from bot.cli.settings import load_settings

if TYPE_CHECKING:
    from bot.discord.client import CableBot

NO_TOKEN = """\
No Discord token: set DISCORD_TOKEN in the environment or in a .env file, e.g.

    echo 'DISCORD_TOKEN=your-bot-token' >> .env

docs/discord.md explains how to create the bot and get its token.
Without Discord, try the same commands in the terminal: cablebot chat"""


NO_TOKEN_CHAT = "No DISCORD_TOKEN set: starting the terminal chat (see README, 'Discord')."


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "run", help="start the Discord bot (needs DISCORD_TOKEN)", description=__doc__
    )
    p.add_argument(
        "--or-chat",
        action="store_true",
        help="without a token, start the terminal chat instead (what `make run` does)",
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    settings = load_settings()
    if settings is None:
        return 2
    token = settings.discord_token.get_secret_value().strip() if settings.discord_token else ""
    if not token and args.or_chat:
        # The settings decide, as for the bot itself: `.env` syntax a grep would misread
        # (`export DISCORD_TOKEN=...`, spaces around `=`) cannot start the wrong one.
        print(NO_TOKEN_CHAT, file=sys.stderr)
        return chat.run(chat.interactive_args())
    if not token:
        print(NO_TOKEN, file=sys.stderr)
        return 2
    # discord.py is imported only here: `cablebot chat` and `corpus` never need it.
    import aiohttp
    import discord

    from bot.discord.client import create_bot

    level = logging.getLevelNamesMapping().get(settings.log_level.upper(), logging.INFO)
    discord.utils.setup_logging(level=level, root=True)  # to stderr
    try:
        asyncio.run(_serve(create_bot(settings), token))
    except discord.LoginFailure:
        print("Discord rejected the token: check DISCORD_TOKEN (docs/discord.md).", file=sys.stderr)
        return 1
    except (aiohttp.ClientError, OSError, discord.GatewayNotFound) as error:
        print(f"Could not reach Discord ({error}); check the network.", file=sys.stderr)
        return 1
    except discord.PrivilegedIntentsRequired:
        print(
            "The Message Content intent is off in the Discord developer portal: switch it on "
            "(docs/discord.md), or set MESSAGE_CONTENT_INTENT=false to use slash commands only.",
            file=sys.stderr,
        )
        return 1
    return 0


async def _serve(bot: CableBot, token: str) -> None:
    """Run until closed; SIGTERM (a service manager stopping us) and Ctrl-C close cleanly."""
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        # Not available on Windows event loops; Ctrl-C still ends the run there.
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, lambda: asyncio.ensure_future(bot.close()))
    async with bot:
        await bot.start(token)
