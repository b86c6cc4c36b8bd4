"""What users are told about failures, and what the log gets."""

from __future__ import annotations

import logging
from typing import Any
from unittest.mock import AsyncMock, MagicMock

import discord
import pytest
from discord import app_commands

from bot.discord import errors


def _interaction(done: bool) -> Any:
    interaction = MagicMock(spec=discord.Interaction)
    interaction.response = MagicMock(spec=discord.InteractionResponse)
    interaction.response.is_done.return_value = done
    interaction.response.send_message = AsyncMock()
    interaction.followup = MagicMock(spec=discord.Webhook)
    interaction.followup.send = AsyncMock()
    return interaction


async def test_app_command_failure_is_short_for_the_user_and_full_in_the_log(
    caplog: pytest.LogCaptureFixture,
) -> None:
    interaction = _interaction(done=False)
    failure = app_commands.AppCommandError("boom in a transformer")
    with caplog.at_level(logging.ERROR):
        await errors.on_app_command_error(interaction, failure)
    kwargs = interaction.response.send_message.await_args.kwargs
    assert kwargs["ephemeral"] is True
    assert kwargs["embed"].description == errors.INTERNAL
    assert "boom in a transformer" not in kwargs["embed"].description
    assert any(r.exc_info and r.exc_info[1] is failure for r in caplog.records)


async def test_app_command_error_after_a_deferral_goes_to_a_followup() -> None:
    interaction = _interaction(done=True)
    await errors.on_app_command_error(interaction, app_commands.CheckFailure())
    kwargs = interaction.followup.send.await_args.kwargs
    assert kwargs["ephemeral"] is True
    assert kwargs["embed"].description == "You cannot use this command here."
    interaction.response.send_message.assert_not_awaited()
