"""The chat commands as hybrid commands: `!cable ...` and `/cable ...` share one callback.

Each callback only turns its arguments into the chat pipeline's argument line,
runs `dispatch_command` in a worker thread (a search never blocks the gateway)
and sends the rendered pages.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.cables.library import Library
from bot.chat.commands import COMMAND_NAMES, spec_for
from bot.chat.dispatch import dispatch_command
from bot.chat.grammar import take_id
from bot.chat.passages import heading_named
from bot.chat.replies import BrowseReply, ErrorReply, Reply, SearchReply
from bot.chat.state import AppState
from bot.discord.autocomplete import cable_id_choices, section_choices
from bot.discord.errors import ChannelNotAllowed
from bot.discord.pager import MorePages
from bot.discord.respond import send_pages
from bot.render.discord import cut, render_reply

if TYPE_CHECKING:
    from bot.discord.client import CableBot

Context = commands.Context["CableBot"]
_DEFER_AFTER_SECONDS = 1.5
_PAGE_FILTER = re.compile(r"(?i)(?<!\S)page:\S*")


def _description(name: str) -> str:
    spec = spec_for(name)
    return cut(spec.summary if spec is not None else name, 100)


def user_cooldown(ctx: Context) -> commands.Cooldown | None:
    """Per-user rate from the settings; configured owners are never slowed down."""
    settings = ctx.bot.settings
    if ctx.author.id in settings.owner_ids:
        return None
    return commands.Cooldown(settings.cooldown_rate, settings.cooldown_seconds)


def filter_words(key: str, value: str | int | None) -> list[str]:
    """`origin`, `Addis Ababa` -> `origin:Addis origin:Ababa` (the grammar joins repeats)."""
    if value is None:
        return []
    return [f"{key}:{word}" for word in str(value).split()]


def args_line(*parts: str | None, **filters: str | int | None) -> str:
    words = [part for part in parts if part]
    for key, value in filters.items():
        words += filter_words(key, value)
    return " ".join(words)


def whole_section(library: Library, cable_id: str, section: str) -> str:
    """A section given on its own that is one of the cable's headings (picked from the
    list, or quoted after `!cable <id>`, which discord.py unquotes) stays whole: the
    grammar's trailing colon keeps its last word from being read as a paragraph label
    ("Question A", "UAV/Predator B"). Anything else is passed as typed, so `prevention F`
    in the section box still means ¶F of PREVENTION."""
    split = take_id([cable_id])
    cable = library.get(split.id_text) if split is not None else None  # exact: no fuzzy work
    if cable is None or section.rstrip().endswith(":") or heading_named(cable, section) is None:
        return section
    return f"{section}:"


# The slash options shared by /search and /browse (the same filters as typed ones).
_FILTER_OPTIONS = {
    "tag": "Only cables with this tag (several: separate by spaces)",
    "origin": "Only cables from this embassy or office, e.g. dushanbe",
    "year": "Only cables created in this year",
    "classification": "Only this classification, e.g. secret",
    "page": "Result page",
}


def _filters(
    tag: str | None, origin: str | None, year: int | None, level: str | None, page: int | None
) -> dict[str, str | int | None]:
    return {"tag": tag, "origin": origin, "year": year, "class": level, "page": page}


def _has_next(reply: SearchReply | BrowseReply) -> bool:
    return reply.page < reply.pages or (isinstance(reply, SearchReply) and reply.more_pages)


class ChatCog(commands.Cog, name="Cables"):
    def __init__(self, bot: CableBot) -> None:
        self.bot = bot
        # Here rather than as decorators: a decorator's buckets live on the function and
        # would be shared by every bot in the process; these belong to this bot's commands.
        for command in self.get_commands():
            commands.dynamic_cooldown(user_cooldown, commands.BucketType.user)(command)

    async def cog_check(self, ctx: Context) -> bool:  # type: ignore[override]
        allowed = self.bot.settings.allowed_channel_ids
        if allowed and ctx.channel.id not in allowed:
            raise ChannelNotAllowed()
        return True

    async def _answer(self, ctx: Context, name: str, args: str) -> None:
        state = self.bot.state  # one read: a reload during this command does not affect it
        work = asyncio.ensure_future(asyncio.to_thread(dispatch_command, state, name, args))
        # Discord wants a slash command acknowledged within 3 s. Deferring only when the
        # answer is slow keeps a quick error private (a deferred reply's visibility is fixed).
        done, _ = await asyncio.wait({work}, timeout=_DEFER_AFTER_SECONDS)
        if not done:
            await ctx.defer()
        reply = await work
        if isinstance(reply, ErrorReply) and ctx.command is not None:
            ctx.command.reset_cooldown(ctx)  # a typo or a miss does not cost a turn
        await send_pages(
            ctx,
            render_reply(reply, self.bot.settings.command_prefix),
            more=self._more_results(state, name, args, reply),
            ephemeral=isinstance(reply, ErrorReply),
        )

    def _more_results(
        self, state: AppState, name: str, args: str, reply: Reply
    ) -> MorePages | None:
        """Fetching the next result page when the pager runs past the last rendered one."""
        if not isinstance(reply, SearchReply | BrowseReply) or not _has_next(reply):
            return None
        base = _PAGE_FILTER.sub("", args).strip()
        last = [reply]

        async def more() -> Sequence[discord.Embed] | None:
            if not _has_next(last[0]):
                return None
            line = f"{base} page:{last[0].page + 1}"
            nxt = await asyncio.to_thread(dispatch_command, state, name, line)
            if not isinstance(nxt, SearchReply | BrowseReply):
                return None
            pages = render_reply(nxt, self.bot.settings.command_prefix)
            last[0] = nxt  # only once shown: a failed render leaves the pager where it was
            return pages

        return more

    # -- commands -------------------------------------------------------------------------
    # mypy cannot match discord.py's ParamSpec-based `hybrid_command` signature, hence the ignores.

    @commands.hybrid_command(name="cable", description=_description("cable"))  # type: ignore[arg-type]
    @app_commands.rename(cable_id="id")
    @app_commands.describe(
        cable_id="Reference id, e.g. 07DUSHANBE313 (a WikiLeaks link works too)",
        section="A section name, or summary / comment",
        paragraphs="A paragraph label or range: 3, ¶3, F, 3-5",
    )
    async def cable(
        self,
        ctx: Context,
        cable_id: str,
        section: str | None = None,
        *,
        paragraphs: str | None = None,
    ) -> None:
        if section:
            section = whole_section(self.bot.state.library, cable_id, section)
        await self._answer(ctx, "cable", args_line(cable_id, section, paragraphs))

    @commands.hybrid_command(name="ask", description=_description("ask"))  # type: ignore[arg-type]
    @app_commands.describe(
        question="Your question; start with a cable id to ask inside one; tag:KCRM etc. filter"
    )
    async def ask(self, ctx: Context, *, question: str) -> None:
        await self._answer(ctx, "ask", question)

    @commands.hybrid_command(name="search", description=_description("search"))  # type: ignore[arg-type]
    @app_commands.rename(classification="class")
    @app_commands.describe(
        query="Words to find; filters like tag:KCRM may be typed here too", **_FILTER_OPTIONS
    )
    async def search(
        self,
        ctx: Context,
        *,
        query: str,
        tag: str | None = None,
        origin: str | None = None,
        year: int | None = None,
        classification: str | None = None,
        page: int | None = None,
    ) -> None:
        line = args_line(query, **_filters(tag, origin, year, classification, page))
        await self._answer(ctx, "search", line)

    @commands.hybrid_command(name="browse", description=_description("browse"))  # type: ignore[arg-type]
    @app_commands.rename(classification="class")
    @app_commands.describe(
        filters="Filters as typed after !browse, e.g. tag:KCRM year:2007", **_FILTER_OPTIONS
    )
    async def browse(
        self,
        ctx: Context,
        *,
        filters: str | None = None,
        tag: str | None = None,
        origin: str | None = None,
        year: int | None = None,
        classification: str | None = None,
        page: int | None = None,
    ) -> None:
        line = args_line(filters, **_filters(tag, origin, year, classification, page))
        await self._answer(ctx, "browse", line)

    @commands.hybrid_command(name="refs", description=_description("refs"))  # type: ignore[arg-type]
    @app_commands.rename(cable_id="id")
    @app_commands.describe(cable_id="Reference id, e.g. 07DUSHANBE313")
    async def refs(self, ctx: Context, *, cable_id: str) -> None:
        await self._answer(ctx, "refs", cable_id)

    @commands.hybrid_command(name="help", description=_description("help"))  # type: ignore[arg-type]
    @app_commands.describe(command="One command to explain")
    @app_commands.choices(
        command=[app_commands.Choice(name=name, value=name) for name in COMMAND_NAMES]
    )
    async def help(self, ctx: Context, command: str | None = None) -> None:
        await self._answer(ctx, "help", command or "")

    # -- autocomplete ---------------------------------------------------------------------

    @cable.autocomplete("cable_id")
    @refs.autocomplete("cable_id")
    async def _cable_ids(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        if not self.bot.ready_to_answer:
            return []
        library = self.bot.state.library
        return await asyncio.to_thread(cable_id_choices, library, current)

    @cable.autocomplete("section")
    async def _sections(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        if not self.bot.ready_to_answer:
            return []
        chosen: Any = getattr(interaction.namespace, "id", None)
        if not isinstance(chosen, str) or not chosen:
            return []
        cable = self.bot.state.library.resolve(chosen).cable
        return section_choices(cable, current)
