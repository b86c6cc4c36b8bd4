"""The Discord front end: a thin adapter from discord.py to the chat pipeline."""

from bot.discord.client import CableBot, create_bot

__all__ = ["CableBot", "create_bot"]
