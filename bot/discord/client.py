"""The bot: settings, intents, the loaded state and its atomic reload, the research desk,
command sync."""

from __future__ import annotations

import asyncio
import logging
from typing import Any, cast

import discord
from discord.ext import commands

from bot.cables.parallel import install_handler_threads
from bot.chat.desk_runner import DeskRunner
from bot.chat.state import AppState, load_state
from bot.discord.cogs import add_cogs
from bot.discord.errors import (
    LOAD_FAILED,
    LOADING,
    EmptyLibraryError,
    LibraryLoading,
    on_app_command_error,
    on_command_error,
)
from config.settings import Settings

log = logging.getLogger(__name__)


def _prefixes(bot: commands.Bot, message: discord.Message) -> list[str]:
    """The configured prefix, and a mention of the bot: that works without the content intent."""
    prefixes = [cast(CableBot, bot).settings.command_prefix]
    if bot.user is not None:
        prefixes += [f"<@{bot.user.id}> ", f"<@!{bot.user.id}> "]
    return prefixes


class CableBot(commands.Bot):
    """A `commands.Bot` that owns one AppState and swaps it whole on reload."""

    def __init__(self, settings: Settings, state: AppState | None = None) -> None:
        # The bot never joins voice: no start-up warnings about voice libraries.
        discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
        intents = discord.Intents.default()
        intents.message_content = settings.message_content_intent
        super().__init__(
            command_prefix=_prefixes,
            intents=intents,
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
        )
        self.settings = settings
        self._state = state
        self._loading: asyncio.Task[None] | None = None
        self._load_failed = False
        self._reload_lock = asyncio.Lock()
        # Made after each (re)load, off the loop: what facets and timelines count.
        self.counting: asyncio.Task[None] | None = None
        # The research desk (bot/desk on its own loop thread); None until set up, or when its
        # database cannot be opened (the library still answers; desk commands say so).
        self.desk: DeskRunner | None = None

    @property
    def state(self) -> AppState:
        """The current state. Read it once per command: a reload swaps the whole reference."""
        if self._state is None:
            raise LibraryLoading(LOAD_FAILED if self._load_failed else LOADING)
        return self._state

    @property
    def ready_to_answer(self) -> bool:
        return self._state is not None

    async def setup_hook(self) -> None:
        # One handler thread per core: more only queue on the GIL and make the loop lag.
        install_handler_threads(asyncio.get_running_loop())
        await self._open_desk()
        self.tree.error(on_app_command_error)
        await add_cogs(self)
        if self._state is None:
            # In the background: the gateway connects at once and commands say "still loading".
            self._loading = asyncio.create_task(self._load_first_state())
        await self.sync_dev_guilds()

    async def _open_desk(self) -> None:
        try:
            self.desk = await asyncio.to_thread(DeskRunner.start, self.settings)
        except Exception:
            log.exception("opening the research desk failed; desk commands are unavailable")

    async def wait_for_library(self) -> None:
        """Return once the first load has finished (or failed; see the log)."""
        if self._loading is not None:
            await asyncio.shield(self._loading)

    async def _load_first_state(self) -> None:
        try:
            await self.reload_state()
        except Exception:
            self._load_failed = True
            log.exception("loading the cable library failed; fix the library paths and !reload")

    async def reload_state(self) -> AppState:
        """Load the library (and its index) off the event loop, then swap it in at once."""
        async with self._reload_lock:
            log.info("loading cables from %s", ", ".join(map(str, self.settings.library_paths)))
            state = await asyncio.to_thread(load_state, self.settings)
            if len(state.library) == 0 and self._state is not None and len(self._state.library):
                raise EmptyLibraryError(state)
            # Open the search engine before the swap, so the first question after a (re)load
            # does not wait for the index; meanwhile the old state keeps answering.
            try:
                await asyncio.to_thread(state.engine)
            except Exception:
                # Cards, browse and refs work without it; questions will report the failure.
                log.exception("opening the search engine failed")
            self._state = state
            log.info("library ready: %d cables", len(state.library))
            self.counting = asyncio.create_task(asyncio.to_thread(_prepare_counting, state))
            return state

    async def sync_dev_guilds(self) -> list[int]:
        """Copy the slash commands to each dev guild and sync there (instant, unlike global)."""
        synced = []
        for guild_id in self.settings.dev_guild_ids:
            guild = discord.Object(id=guild_id)
            self.tree.copy_global_to(guild=guild)
            try:
                await self.tree.sync(guild=guild)
            except discord.HTTPException as error:
                log.warning("could not sync slash commands to guild %d: %s", guild_id, error)
                continue
            synced.append(guild_id)
        return synced

    async def is_owner(self, user: discord.abc.User) -> bool:
        """Configured owner ids, on top of the application's owner or team."""
        if user.id in self.settings.owner_ids:
            return True
        return await super().is_owner(user)

    async def on_command_error(
        self, context: commands.Context[Any], exception: commands.CommandError, /
    ) -> None:
        await on_command_error(context, exception)

    async def close(self) -> None:
        if self._loading is not None and not self._loading.done():
            self._loading.cancel()
        await super().close()
        if self.desk is not None:
            desk, self.desk = self.desk, None
            await asyncio.to_thread(desk.close)


def create_bot(settings: Settings, *, state: AppState | None = None) -> CableBot:
    """The bot for `settings`. With `state`, that library is used and none is loaded."""
    return CableBot(settings, state)


def _prepare_counting(state: AppState) -> None:
    """Build what facets and timelines count (every cable's date, origin and tags: seconds
    at full scale, the catalogue included) now, so the first search does not wait."""
    try:
        engine = state.engine()
        if engine is not None:
            engine.prepare_counting()
    except Exception:
        log.exception("preparing search counts failed; the first search will try again")
