"""Buttons that turn the pages of a long reply, for the person who asked only."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

import discord

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Fetched:
    """A result page fetched when the pager runs past the last one shown: its embeds, and
    the controls for what it shows (the desk's Save menu lists that page's hits)."""

    pages: Sequence[discord.Embed]
    controls: Sequence[discord.ui.Item[Any]] = ()


# Fetches the next result page (search `page:N`), or None past the last one.
MorePages = Callable[[], Awaitable[Fetched | None]]

NOT_YOURS = "Only the person who asked can use these buttons; run the command yourself for a copy."
PAGE_FAILED = "Sorry, that page could not be shown (it has been logged). Try the button again."


class Pager(discord.ui.View):
    """Previous / next over rendered pages, and Delete; optionally fetches more pages.

    A single page gets the Delete button only. `extra` controls (the desk's Save) go below;
    they are for everyone, answered elsewhere (bot/discord/desk.py), and stay when the
    pager's own buttons are taken off. Each page keeps the controls of the result page it
    belongs to: turning to a fetched page swaps them.
    """

    def __init__(
        self,
        pages: Sequence[discord.Embed],
        owner_id: int,
        *,
        timeout: float,
        more: MorePages | None = None,
        extra: Sequence[discord.ui.Item[Any]] = (),
    ) -> None:
        super().__init__(timeout=timeout)
        self.pages = list(pages)
        # Each page's extra controls: one list shared by the pages of one result page.
        self.controls = [list(extra)] * len(self.pages)
        self.owner_id = owner_id
        self.index = 0
        self.more = more
        self.message: discord.Message | None = None
        if len(self.pages) == 1 and more is None:
            self.remove_item(self.previous)
            self.remove_item(self.next)
        self.extra: list[discord.ui.Item[Any]] = []
        self._update_controls()

    @property
    def current(self) -> discord.Embed:
        return self.pages[self.index]

    def _update_controls(self) -> None:
        self.previous.disabled = self.index == 0
        self.next.disabled = self.index == len(self.pages) - 1 and self.more is None
        if self.extra is not self.controls[self.index]:
            for item in self.extra:
                self.remove_item(item)
            self.extra = self.controls[self.index]
            for item in self.extra:
                self.add_item(item)

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        data: Any = interaction.data or {}
        if any(data.get("custom_id") == getattr(item, "custom_id", None) for item in self.extra):
            return False  # not a pager button: answered for anyone by its own handler
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(NOT_YOURS, ephemeral=True)
        return False

    async def on_timeout(self) -> None:
        # Dead buttons would fail when clicked: take them off the message.
        if self.message is not None:
            # The message may have been deleted meanwhile: then there is nothing to clean.
            with contextlib.suppress(discord.HTTPException):
                await self.message.edit(view=self._extra_only())

    def _extra_only(self) -> discord.ui.View | None:
        """The extra controls alone, in a view that is never stored: clicks on them are
        answered by their own handler, whether or not the bot has restarted since."""
        if not self.extra:
            return None
        view = discord.ui.View(timeout=None)
        for item in self.extra:
            view.add_item(item)
        view.stop()
        return view

    async def on_error(
        self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item[Any]
    ) -> None:
        # The buttons stay usable: a failed fetch or render changed no page state.
        log.error("pager button %r failed", item, exc_info=error)
        if interaction.response.is_done():
            await interaction.followup.send(PAGE_FAILED, ephemeral=True)
        else:
            await interaction.response.send_message(PAGE_FAILED, ephemeral=True)

    async def _show(self, interaction: discord.Interaction) -> None:
        self._update_controls()
        if interaction.response.is_done():
            await interaction.edit_original_response(embed=self.current, view=self)
        else:
            await interaction.response.edit_message(embed=self.current, view=self)

    @discord.ui.button(label="Previous", emoji="◀", style=discord.ButtonStyle.secondary)
    async def previous(
        self, interaction: discord.Interaction, _button: discord.ui.Button[Pager]
    ) -> None:
        self.index = max(self.index - 1, 0)
        await self._show(interaction)

    @discord.ui.button(label="Next", emoji="▶", style=discord.ButtonStyle.secondary)
    async def next(
        self, interaction: discord.Interaction, _button: discord.ui.Button[Pager]
    ) -> None:
        if self.index == len(self.pages) - 1 and self.more is not None:
            # Fetching runs a search, which may take longer than the 3 s to acknowledge.
            await interaction.response.defer()
            fetched = await self.more()
            if fetched is not None and fetched.pages:
                self.pages.extend(fetched.pages)
                self.controls += [list(fetched.controls)] * len(fetched.pages)
            else:
                self.more = None
        self.index = min(self.index + 1, len(self.pages) - 1)
        await self._show(interaction)

    @discord.ui.button(label="Delete", emoji="🗑", style=discord.ButtonStyle.danger)
    async def delete(
        self, interaction: discord.Interaction, _button: discord.ui.Button[Pager]
    ) -> None:
        self.stop()
        await interaction.response.defer()
        if interaction.message is not None:
            await interaction.message.delete()
