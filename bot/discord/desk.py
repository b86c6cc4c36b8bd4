"""The research desk on Discord: the desk a message or a click belongs to, the Save
controls under quoting replies (persistent: they work after a restart), the 🔖 reaction,
and exports as file attachments."""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import discord

import handlers.save
from bot.chat.caller import Caller
from bot.chat.replies import (
    AnswerReply,
    CableCard,
    ErrorReply,
    ExportReply,
    ParagraphsReply,
    Reply,
    SearchReply,
    SimilarReply,
)
from bot.desk import DM_GUILD, DeskScope, DeskUser
from bot.render import wording
from bot.render.discord import cut, error_embed, render_reply
from handlers.dispatch import answer

if TYPE_CHECKING:
    from bot.discord.client import CableBot

log = logging.getLogger(__name__)

# Every Save control's custom_id starts so: a button's ends with its locator, a select's
# values are locators. Matched by `on_interaction`, not a stored view, so a control keeps
# working after the pager times out and after a restart.
SAVE_ID = "desk:save"
SAVE_EMOJI = "🔖"
DONE_EMOJI = "✅"
CUSTOM_ID_LIMIT = 100
SELECT_OPTIONS_LIMIT = 25
OPTION_LABEL_LIMIT = 100
NO_DESK = "The research desk is not available right now."
SAVE_MENU = "Save to this channel's desk…"
PICK_INSTEAD = (
    f"Your {SAVE_EMOJI} saved nothing: that reply quotes {{count}} paragraphs, and "
    f"{SAVE_EMOJI} saves only a reply that quotes one thing. Pick the ones to keep in its "
    f"menu, **{SAVE_MENU}**, several at once if you like."
)
# How long the note stands in the channel when the reactor's direct messages are closed.
PICK_NOTE_SECONDS = 30
TOO_BIG = (
    "The {format} export is {size:,} bytes, more than the {limit:,} bytes Discord takes "
    "here. Try another format (`csv` is the smallest), or `{prefix}unsave` what the brief "
    "does not need."
)


def caller_for(bot: CableBot, channel: Any, user: discord.abc.User) -> Caller | None:
    """Who and where: a server channel's desk, a thread's (its parent channel's desk, its
    own focus), or the user's private desk in direct messages."""
    if bot.desk is None:
        return None
    guild = getattr(channel, "guild", None)
    if isinstance(channel, discord.Thread) and channel.parent_id is not None:
        scope = DeskScope(str(channel.guild.id), str(channel.parent_id))
        spot = DeskScope(str(channel.guild.id), str(channel.id))
    elif guild is not None:
        scope = spot = DeskScope(str(guild.id), str(channel.id))
    else:
        scope = spot = DeskScope(DM_GUILD, str(user.id))
    moderator = (
        isinstance(user, discord.Member)
        and hasattr(channel, "permissions_for")
        and channel.permissions_for(user).manage_messages
    )
    return Caller(
        desk=bot.desk,
        scope=scope,
        user=DeskUser(str(user.id), user.display_name),
        spot=spot,
        may_moderate=moderator,
    )


def _saveable(reply: Reply) -> list[tuple[str, str]]:
    """(what to call it, locator) of each thing a reply quotes."""
    if isinstance(reply, CableCard):
        return [(f"{reply.ref_id} (whole cable)", reply.ref_id)]
    if isinstance(reply, ParagraphsReply):
        return [(wording.paragraph_label(p.label, p.section), p.locator) for p in reply.paragraphs]
    if isinstance(reply, AnswerReply | SearchReply | SimilarReply):
        first = reply.first_rank if isinstance(reply, AnswerReply | SearchReply) else 1
        return [
            (f"{rank}. {hit.ref_id} {wording.paragraph_label(hit.label, hit.section)}", hit.locator)
            for rank, hit in enumerate(reply.hits, start=first)
        ]
    return []


def is_save_control(custom_id: str) -> bool:
    return custom_id.startswith(SAVE_ID)


def save_controls(reply: Reply) -> list[discord.ui.Item[Any]]:
    """A Save button under a reply that quotes one thing; a Save menu when it quotes
    several (a message has room for 25 buttons, a menu for 25 choices)."""
    choices = [
        (label, locator)
        for label, locator in _saveable(reply)
        if len(f"{SAVE_ID}:{locator}") <= CUSTOM_ID_LIMIT
    ][:SELECT_OPTIONS_LIMIT]
    if not choices:
        return []
    if len(choices) == 1:
        return [
            discord.ui.Button(
                label="Save",
                emoji=SAVE_EMOJI,
                style=discord.ButtonStyle.success,
                custom_id=f"{SAVE_ID}:{choices[0][1]}",
            )
        ]
    return [
        discord.ui.Select(
            custom_id=SAVE_ID,
            placeholder=SAVE_MENU,
            min_values=1,
            max_values=len(choices),
            options=[
                discord.SelectOption(label=cut(label, OPTION_LABEL_LIMIT), value=locator)
                for label, locator in choices
            ],
        )
    ]


def locators_of(message: discord.Message) -> list[str]:
    """The locators in a message's Save controls (what a 🔖 reaction saves)."""
    found: list[str] = []
    for row in message.components:
        for component in getattr(row, "children", [row]):
            custom_id = getattr(component, "custom_id", None)
            if custom_id == SAVE_ID:
                found += [option.value for option in getattr(component, "options", [])]
            elif isinstance(custom_id, str) and is_save_control(custom_id):
                found.append(custom_id.removeprefix(f"{SAVE_ID}:"))
    return found


async def save(
    bot: CableBot, channel: Any, user: discord.abc.User, locators: Sequence[str]
) -> Reply:
    """Save the locators to the desk `channel` belongs to, as `user` (off the event loop)."""
    caller = caller_for(bot, channel, user)
    if caller is None or not bot.ready_to_answer:
        return ErrorReply(message=NO_DESK)
    request = handlers.save.SaveRequest(locators=tuple(locators))
    done = await asyncio.to_thread(
        answer, bot.state, handlers.save.COMMAND, lambda: request, (), caller
    )
    return done.reply


async def on_save_control(bot: CableBot, interaction: discord.Interaction) -> None:
    """A click on Save or a choice in the Save menu: saved, and said to the clicker only."""
    data: Any = interaction.data or {}
    custom_id = data.get("custom_id")
    if interaction.type is not discord.InteractionType.component:
        return
    if not isinstance(custom_id, str) or not is_save_control(custom_id):
        return
    locators = list(data.get("values") or [custom_id.removeprefix(f"{SAVE_ID}:")])
    await interaction.response.defer(ephemeral=True, thinking=True)
    reply = await save(bot, interaction.channel, interaction.user, locators)
    pages = render_reply(reply, bot.settings.command_prefix)
    await interaction.followup.send(embed=pages[0], ephemeral=True)


async def on_bookmark(bot: CableBot, payload: discord.RawReactionActionEvent) -> None:
    """🔖 on one of the bot's replies quoting one thing saves it; the bot confirms with its
    own ✅ reaction, never a message in the channel. On a reply quoting several (a list of
    answers, hits or paragraphs) it saves nothing: a researcher keeps some of them, not a
    page of them, so the reactor is told, privately, to pick in the Save menu."""
    if str(payload.emoji) != SAVE_EMOJI or bot.user is None or payload.user_id == bot.user.id:
        return
    channel: Any = bot.get_channel(payload.channel_id)
    if channel is None:
        channel = await bot.fetch_channel(payload.channel_id)
    message = await channel.fetch_message(payload.message_id)
    locators = locators_of(message)
    if message.author.id != bot.user.id or not locators:
        return
    user = payload.member or await bot.fetch_user(payload.user_id)
    if len(locators) > 1:
        await _tell_privately(user, message, PICK_INSTEAD.format(count=len(locators)))
        return
    reply = await save(bot, channel, user, locators)
    if isinstance(reply, ErrorReply):
        log.info("a 🔖 save failed: %s", reply.message)
        return
    await message.add_reaction(DONE_EMOJI)


async def _tell_privately(
    user: discord.User | discord.Member, message: discord.Message, text: str
) -> None:
    """A direct message to `user` about `message`; when their direct messages are closed, a
    reply to it that deletes itself soon (a reaction has no private answer of its own)."""
    try:
        await user.send(f"{text}\n{message.jump_url}")
    except discord.HTTPException:
        note = f"{discord.utils.escape_markdown(user.display_name)}: {text}"
        try:
            await message.reply(note, mention_author=False, delete_after=PICK_NOTE_SECONDS)
        except discord.HTTPException as error:  # nowhere left to say it; no ✅ either
            log.info("could not tell %s why their 🔖 saved nothing: %s", user.id, error)


def export_file(
    reply: ExportReply, limit: int, prefix: str
) -> tuple[discord.File | None, discord.Embed | None]:
    """The export as an attachment, or (None, an error page) when Discord would refuse it."""
    data = reply.content.encode("utf-8")
    if len(data) > limit:
        message = TOO_BIG.format(format=reply.format, size=len(data), limit=limit, prefix=prefix)
        return None, error_embed(message)
    return discord.File(io.BytesIO(data), filename=reply.filename), None
