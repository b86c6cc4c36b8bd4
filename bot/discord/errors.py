"""Errors as users see them: one short helpful sentence; the log gets the traceback."""

from __future__ import annotations

import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.chat.state import AppState
from bot.render.discord import error_embed
from handlers.registry import spec_for

log = logging.getLogger(__name__)


class LibraryLoading(commands.CheckFailure):
    """A command arrived before the library was loaded (its message says whether it will be)."""


class ChannelNotAllowed(commands.CheckFailure):
    """The bot is configured to answer in other channels only."""


class EmptyLibraryError(Exception):
    """A reload found no cable: the library in use is kept rather than emptied."""

    def __init__(self, state: AppState) -> None:
        reasons = "; ".join(f"{r.path}: {r.reason}" for r in state.library.report.rejected[:3])
        paths = ", ".join(map(str, state.settings.library_paths))
        super().__init__(f"no cables found in {paths}" + (f" ({reasons})" if reasons else ""))


LOADING = "The cable library is still loading; try again in a few seconds."
LOAD_FAILED = "The cable library could not be loaded; the bot's operators can see why in its log."
NOT_HERE = "I only answer in the channels my operators chose; please ask there."
NOT_OWNER = "Only the bot's owners can use this command."
INTERNAL = "Something went wrong on my side; it has been logged. Please try again later."


def _usage(ctx: commands.Context[commands.Bot]) -> str:
    spec = spec_for(ctx.command.name) if ctx.command is not None else None
    return f" Usage: `{ctx.clean_prefix}{spec.usage}`" if spec is not None else ""


def describe(ctx: commands.Context[commands.Bot], error: commands.CommandError) -> str | None:
    """What to tell the user about a command error; None when silence is better."""
    if isinstance(error, commands.CommandNotFound):
        return None  # `!` starts many ordinary messages: answering each would be noise
    if isinstance(error, commands.CommandOnCooldown):
        return f"You are going fast: try again in {error.retry_after:.0f} s."
    if isinstance(error, commands.MissingRequiredArgument):
        return f"Something is missing.{_usage(ctx)}"
    if isinstance(error, commands.ArgumentParsingError):
        return (
            f'Check the quotes: a quoted section name needs both, e.g. `"Question A"`.{_usage(ctx)}'
        )
    if isinstance(error, commands.UserInputError):
        return f"I could not read that command.{_usage(ctx)}"
    if isinstance(error, LibraryLoading):
        return str(error) or LOADING
    if isinstance(error, ChannelNotAllowed):
        return NOT_HERE if ctx.interaction is not None else None
    if isinstance(error, commands.NotOwner):
        return NOT_OWNER
    if isinstance(error, commands.CheckFailure):
        return "You cannot use this command here."
    return None


async def on_command_error(
    ctx: commands.Context[commands.Bot], error: commands.CommandError
) -> None:
    """Prefix commands and the slash side of hybrid commands both end here."""
    if isinstance(error, commands.UserInputError | LibraryLoading) and ctx.command is not None:
        ctx.command.reset_cooldown(ctx)  # a typo, or a command that could not run, costs nothing
    message = describe(ctx, error)
    if message is None and not isinstance(error, commands.CommandNotFound | ChannelNotAllowed):
        log.error("command %r failed", ctx.command and ctx.command.qualified_name, exc_info=error)
        message = INTERNAL
    if message is not None:
        await ctx.send(embed=error_embed(message), ephemeral=True)


async def on_app_command_error(
    interaction: discord.Interaction, error: app_commands.AppCommandError
) -> None:
    """Errors of the app-command tree that do not pass through a hybrid command's context."""
    if isinstance(error, app_commands.CommandOnCooldown):
        message = f"You are going fast: try again in {error.retry_after:.0f} s."
    elif isinstance(error, app_commands.TransformerError):
        message = "I could not read one of the options; please check it."
    elif isinstance(error, app_commands.CheckFailure):
        message = "You cannot use this command here."
    else:
        log.error(
            "app command %r failed",
            interaction.command and interaction.command.name,
            exc_info=error,
        )
        message = INTERNAL
    embed = error_embed(message)
    if interaction.response.is_done():
        await interaction.followup.send(embed=embed, ephemeral=True)
    else:
        await interaction.response.send_message(embed=embed, ephemeral=True)
