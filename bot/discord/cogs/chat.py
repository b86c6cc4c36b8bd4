"""The chat commands as hybrid commands: `!cable ...` and `/cable ...` share one callback.

A prefix command's text goes to the command's own parser, as typed in the terminal. A slash
command's options are built into the same typed request directly: an origin `Addis Ababa`
stays one value, a section picked from the list stays whole. The command runs in a worker
thread (a search never blocks the gateway) and the rendered pages are sent.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

import discord
from discord import app_commands
from discord.ext import commands

import handlers.ask
import handlers.browse
import handlers.cable
import handlers.desk
import handlers.export
import handlers.focus
import handlers.help
import handlers.note
import handlers.notes
import handlers.refs
import handlers.save
import handlers.search
import handlers.similar
import handlers.tag
import handlers.thread
import handlers.timeline
import handlers.unsave
import handlers.versions
from bot.cables.library import Library
from bot.chat.caller import Caller
from bot.chat.commands import AnyCommand, DeskCommand, Paged
from bot.chat.desk_export import FORMATS as EXPORT_FORMATS
from bot.chat.filters import MAX_PAGE, read_filters
from bot.chat.grammar import (
    FilterSplit,
    IdSplit,
    Locator,
    parse_locator,
    read_labels,
    split_filters,
    take_id,
)
from bot.chat.passages import heading_named
from bot.chat.replies import (
    BrowseReply,
    DeskReply,
    ErrorReply,
    ExportReply,
    SearchReply,
    TimelineReply,
)
from bot.chat.state import AppState
from bot.chat.text import clean_line, cut_note
from bot.discord import desk as desk_controls
from bot.discord.autocomplete import (
    cable_id_choices,
    origin_choices,
    section_choices,
    tag_choices,
)
from bot.discord.errors import ChannelNotAllowed
from bot.discord.pager import Fetched, MorePages
from bot.discord.respond import send_pages
from bot.discord.threads import thread_for_cable
from bot.render.chart import timeline_png
from bot.render.discord import TIMELINE_IMAGE, cut, error_embed, render_reply
from handlers.dispatch import Answer, answer, answer_text, too_long
from handlers.registry import COMMAND_NAMES, HELP, spec_for

if TYPE_CHECKING:
    from bot.discord.client import CableBot

Context = commands.Context["CableBot"]
Request = TypeVar("Request")
_DEFER_AFTER_SECONDS = 1.5
# Discord's attachment limit where no server sets one (direct messages).
_DM_FILE_LIMIT = 10 * 1024 * 1024


def _description(name: str) -> str:
    spec = spec_for(name)
    return cut(spec.summary if spec is not None else name, 100)


def user_cooldown(ctx: Context) -> commands.Cooldown | None:
    """Per-user rate from the settings; configured owners are never slowed down."""
    settings = ctx.bot.settings
    if ctx.author.id in settings.owner_ids:
        return None
    return commands.Cooldown(settings.cooldown_rate, settings.cooldown_seconds)


def typed_after_name(ctx: Context) -> str:
    """A prefix command's text after its name, as typed: discord.py's split of it into
    options drops the quotes the grammar reads (`"Question A"`)."""
    content = ctx.message.content.removeprefix(ctx.prefix or "").lstrip()
    return content.removeprefix(ctx.invoked_with or "")


@dataclass(slots=True)
class Options:
    """Slash option values, cleaned as typed lines are; a value cut short is said so."""

    notes: list[str] = field(default_factory=list)

    def text(self, value: str | int | None) -> str:
        clean = clean_line("" if value is None else str(value))
        if clean.cut_from is not None:
            self.notes.append(cut_note(clean.cut_from))
        return clean.text

    def filters(self, typed: str | None, **chosen: str | int | None) -> FilterSplit:
        """Filters typed into a text option (`tag:KCRM`) and chosen as options, each of
        these one value; a filter given both ways adds up, as when typed twice."""
        split = split_filters(self.text(typed))
        for key, value in chosen.items():
            if value is not None:
                split.add(key, self.text(value))
        return split


def cable_request(
    library: Library,
    cable_id: str,
    section: str,
    paragraphs: str,
    header: bool = False,
    version: int | None = None,
) -> handlers.cable.CableRequest:
    """The /cable options as a request. A section that is one of the cable's headings
    (picked from the list) stays whole, so `Question A` is never section `Question`, ¶A;
    anything else in the box reads like typed text (`prevention F` is ¶F of PREVENTION)."""
    split = take_id(cable_id.split())
    if split is None:
        return handlers.cable.CableRequest("")
    if header:
        # The routing header and markings (of the chosen version): no section then.
        word = handlers.cable.HEADER_WORD
        return handlers.cable.CableRequest(split.id_text, typed=word, version=version)
    request = _located(library, split, section, paragraphs)
    return replace(request, version=version) if version is not None else request


def _located(
    library: Library, split: IdSplit, section: str, paragraphs: str
) -> handlers.cable.CableRequest:
    # Words after the id in its box (`07DUSHANBE313 prevention`) start what is asked for.
    asked = " ".join([*split.rest, section]).strip()
    cable = library.get(split.id_text)  # exact: no fuzzy work
    if asked and cable is not None and heading_named(cable, asked) is not None:
        labels = read_labels(paragraphs) if paragraphs else None
        return handlers.cable.CableRequest(
            split.id_text, Locator(asked, labels), anchor=split.anchor
        )
    typed = " ".join([asked, paragraphs]).strip()
    return handlers.cable.CableRequest(
        split.id_text, parse_locator(typed.split()), typed, split.anchor
    )


# Replies whose later pages the pager fetches when it runs past the last one shown.
PagedReply = SearchReply | BrowseReply | DeskReply

# The slash options shared by /search and /browse (the same filters as typed ones).
_FILTER_OPTIONS = {
    "tag": "Only cables with this tag (several: separate by spaces)",
    "origin": "Only cables from this embassy or office, e.g. dushanbe",
    "year": "Only cables created in this year",
    "classification": "Only this classification, e.g. secret",
    "page": "Result page",
}


def _has_next(reply: PagedReply) -> bool:
    more = reply.page < reply.pages or (isinstance(reply, SearchReply) and reply.more_pages)
    return more and reply.page < MAX_PAGE


@dataclass(slots=True)
class NextPages:
    """Fetches the result page after the last one shown, when the pager runs past it."""

    state: AppState
    command: AnyCommand[Any]
    request: Paged
    last: PagedReply
    caller: Caller | None

    async def __call__(self) -> Fetched | None:
        if not _has_next(self.last):
            return None
        request = self.request.on_page(self.last.page + 1)
        done = await asyncio.to_thread(
            answer, self.state, self.command, lambda: request, (), self.caller
        )
        if not isinstance(done.reply, PagedReply):
            return None
        pages = render_reply(done.reply, self.state.settings.command_prefix)
        self.last = done.reply  # only once shown: a failed render leaves the pager where it was
        return Fetched(pages, desk_controls.save_controls(done.reply))


def _more_results(
    state: AppState, command: AnyCommand[Any], done: Answer[Any], caller: Caller | None
) -> MorePages | None:
    reply, request = done.reply, done.request
    if not isinstance(reply, PagedReply) or not isinstance(request, Paged):
        return None
    return NextPages(state, command, request, reply, caller) if _has_next(reply) else None


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

    async def _answer(
        self,
        ctx: Context,
        command: AnyCommand[Request],
        options: Options,
        build: Callable[[AppState], Request],
    ) -> None:
        """Answer a prefix command from its text, a slash command with the request `build`
        makes of its options (`options` holds what cleaning them noted)."""
        state = self.bot.state  # one read: a reload during this command does not affect it
        caller = desk_controls.caller_for(self.bot, ctx.channel, ctx.author)
        if ctx.interaction is None:
            run = partial(answer_text, state, command, typed_after_name(ctx), caller)
        else:
            run = partial(answer, state, command, partial(build, state), options.notes, caller)
        work = asyncio.ensure_future(asyncio.to_thread(run))
        # Discord wants a slash command acknowledged within 3 s. Deferring only when the
        # answer is slow keeps a quick error private (a deferred reply's visibility is fixed).
        done, _ = await asyncio.wait({work}, timeout=_DEFER_AFTER_SECONDS)
        if not done:
            await ctx.defer()
        result = await work
        await self._send(ctx, state, command, result, caller)

    async def _answer_typed(
        self, ctx: Context, command: AnyCommand[Request], text: str, parse: Callable[[str], Request]
    ) -> None:
        """Answer a slash command whose one option is what the prefix command's text is."""
        options = Options()
        typed = options.text(text)
        await self._answer(ctx, command, options, lambda _state: parse(typed))

    async def _send(
        self,
        ctx: Context,
        state: AppState,
        command: AnyCommand[Any],
        result: Answer[Any],
        caller: Caller | None,
    ) -> None:
        prefix = self.bot.settings.command_prefix
        pages = render_reply(result.reply, prefix)
        files: list[discord.File] = []
        refused = False
        if isinstance(result.reply, ExportReply):
            limit = ctx.guild.filesize_limit if ctx.guild is not None else _DM_FILE_LIMIT
            file, refusal = desk_controls.export_file(result.reply, limit, prefix)
            files += [file] if file is not None else []
            pages, refused = ([refusal], True) if refusal is not None else (pages, False)
        error = isinstance(result.reply, ErrorReply) or refused
        if error and ctx.command is not None:
            ctx.command.reset_cooldown(ctx)  # a typo or a miss does not cost a turn
        if isinstance(result.reply, TimelineReply):
            # Drawing takes a few hundred milliseconds: in a worker thread, as the command.
            png = await asyncio.to_thread(timeline_png, result.reply)
            files.append(discord.File(io.BytesIO(png), filename=TIMELINE_IMAGE))
        await send_pages(
            ctx,
            pages,
            more=_more_results(state, command, result, caller),
            ephemeral=error,
            extra=desk_controls.save_controls(result.reply),
            files=files,
        )

    # -- commands -------------------------------------------------------------------------
    # mypy cannot match discord.py's ParamSpec-based `hybrid_command` signature, hence the ignores.
    # The options are read for slash commands only: a prefix command's text is parsed whole.

    @commands.hybrid_command(name="cable", description=_description("cable"))  # type: ignore[arg-type]
    @app_commands.rename(cable_id="id")
    @app_commands.describe(
        cable_id="Reference id, e.g. 07DUSHANBE313 (a WikiLeaks link works too)",
        section="A section name, or summary / comment",
        paragraphs="A paragraph label or range: 3, ¶3, F, 3-5",
        header="The routing header and markings instead of the card",
        version="Another loaded copy of the cable (see /versions)",
    )
    async def cable(
        self,
        ctx: Context,
        cable_id: str,
        section: str | None = None,
        *,
        paragraphs: str | None = None,
        header: bool = False,
        version: app_commands.Range[int, 1, 99] | None = None,
    ) -> None:
        options = Options()
        given = options.text(cable_id), options.text(section), options.text(paragraphs)
        await self._answer(
            ctx,
            handlers.cable.COMMAND,
            options,
            lambda state: cable_request(state.library, *given, header, version),
        )

    @commands.hybrid_command(name="ask", description=_description("ask"))  # type: ignore[arg-type]
    @app_commands.describe(
        question="Your question; start with a cable id to ask inside one; tag:KCRM etc. filter"
    )
    async def ask(self, ctx: Context, *, question: str) -> None:
        await self._answer_typed(ctx, handlers.ask.COMMAND, question, handlers.ask.parse)

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
        options = Options()
        split = options.filters(
            query, tag=tag, origin=origin, year=year, **{"class": classification}, page=page
        )
        await self._answer(
            ctx,
            handlers.search.COMMAND,
            options,
            lambda _state: handlers.search.SearchRequest(read_filters(split)),
        )

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
        options = Options()
        split = options.filters(
            filters, tag=tag, origin=origin, year=year, **{"class": classification}, page=page
        )
        await self._answer(
            ctx,
            handlers.browse.COMMAND,
            options,
            lambda _state: handlers.browse.BrowseRequest(read_filters(split)),
        )

    @commands.hybrid_command(name="timeline", description=_description("timeline"))  # type: ignore[arg-type]
    @app_commands.rename(classification="class")
    @app_commands.describe(
        query="Words to count; filters like tag:KCRM may be typed here too",
        **{
            **{key: text for key, text in _FILTER_OPTIONS.items() if key != "page"},
            "year": "A year or a range, e.g. 2006-2008",
        },
    )
    async def timeline(
        self,
        ctx: Context,
        *,
        query: str,
        tag: str | None = None,
        origin: str | None = None,
        year: str | None = None,
        classification: str | None = None,
    ) -> None:
        options = Options()
        split = options.filters(
            query, tag=tag, origin=origin, year=year, **{"class": classification}
        )
        await self._answer(
            ctx,
            handlers.timeline.COMMAND,
            options,
            lambda _state: handlers.timeline.TimelineRequest(read_filters(split)),
        )

    @commands.hybrid_command(name="refs", description=_description("refs"))  # type: ignore[arg-type]
    @app_commands.rename(cable_id="id")
    @app_commands.describe(cable_id="Reference id, e.g. 07DUSHANBE313")
    async def refs(self, ctx: Context, *, cable_id: str) -> None:
        await self._answer_typed(ctx, handlers.refs.COMMAND, cable_id, handlers.refs.parse)

    # -- research reading -----------------------------------------------------------------

    @commands.hybrid_command(name="tag", description=_description("tag"))  # type: ignore[arg-type]
    @app_commands.describe(tag="A TAG, e.g. KTIP, PHUM or IC")
    async def tag(self, ctx: Context, *, tag: str) -> None:
        await self._answer_typed(ctx, handlers.tag.COMMAND, tag, handlers.tag.parse)

    @commands.hybrid_command(name="similar", description=_description("similar"))  # type: ignore[arg-type]
    @app_commands.rename(cable_id="id")
    @app_commands.describe(
        cable_id="Reference id, e.g. 08REYKJAVIK195",
        section="A section name (leave empty to compare the whole cable)",
        paragraphs="A paragraph label or range: 3, ¶3, F, 3-5",
    )
    async def similar(
        self,
        ctx: Context,
        cable_id: str,
        section: str | None = None,
        *,
        paragraphs: str | None = None,
    ) -> None:
        options = Options()
        given = options.text(cable_id), options.text(section), options.text(paragraphs)

        def build(state: AppState) -> handlers.similar.SimilarRequest:
            asked = cable_request(state.library, *given)
            return handlers.similar.SimilarRequest(asked.id_text, asked.locator)

        await self._answer(ctx, handlers.similar.COMMAND, options, build)

    @commands.hybrid_command(name="versions", description=_description("versions"))  # type: ignore[arg-type]
    @app_commands.rename(cable_id="id")
    @app_commands.describe(cable_id="Reference id, e.g. 72TEHRAN1164")
    async def versions(self, ctx: Context, *, cable_id: str) -> None:
        await self._answer_typed(ctx, handlers.versions.COMMAND, cable_id, handlers.versions.parse)

    @commands.hybrid_command(name="help", description=_description("help"))  # type: ignore[arg-type]
    @app_commands.describe(command="One command to explain")
    @app_commands.choices(
        command=[app_commands.Choice(name=name, value=name) for name in COMMAND_NAMES]
    )
    async def help(self, ctx: Context, command: str | None = None) -> None:
        await self._answer(
            ctx, HELP, Options(), lambda _state: handlers.help.HelpRequest(command or "")
        )

    # -- the research desk ----------------------------------------------------------------
    # One text option each, read by the command's own parser, as typed after `!save`.

    async def _desk_command(self, ctx: Context, command: DeskCommand[Any], typed: str) -> None:
        cut_from = clean_line(typed).cut_from
        if ctx.interaction is not None and cut_from is not None and command.whole_line:
            # A slash option cut to the length limit: half a note is never saved.
            await ctx.send(embed=error_embed(too_long(cut_from)), ephemeral=True)
            return
        options = Options()
        text = options.text(typed)
        await self._answer(ctx, command, options, lambda _state: command.parse(text))

    @commands.hybrid_command(name="save", description=_description("save"))  # type: ignore[arg-type]
    @app_commands.describe(
        what="As for /cable (07DUSHANBE313 prevention F), or numbers of what was last shown; "
        "note: <text> adds a note"
    )
    async def save(self, ctx: Context, *, what: str = "") -> None:
        await self._desk_command(ctx, handlers.save.COMMAND, what)

    @commands.hybrid_command(name="desk", description=_description("desk"))  # type: ignore[arg-type]
    @app_commands.describe(filters="page:<n> by:<user> cable:<id> tag:<TAG>")
    async def desk(self, ctx: Context, *, filters: str = "") -> None:
        await self._desk_command(ctx, handlers.desk.COMMAND, filters)

    @commands.hybrid_command(name="note", description=_description("note"))  # type: ignore[arg-type]
    @app_commands.describe(
        note="<id> [<section>] <label> <your note>, or delete <n>",
    )
    async def note(self, ctx: Context, *, note: str) -> None:
        await self._desk_command(ctx, handlers.note.COMMAND, note)

    @commands.hybrid_command(name="notes", description=_description("notes"))  # type: ignore[arg-type]
    @app_commands.rename(cable_id="id")
    @app_commands.describe(cable_id="Reference id, e.g. 07DUSHANBE313")
    async def notes(self, ctx: Context, *, cable_id: str) -> None:
        await self._desk_command(ctx, handlers.notes.COMMAND, cable_id)

    @commands.hybrid_command(name="unsave", description=_description("unsave"))  # type: ignore[arg-type]
    @app_commands.describe(item="The item's number, as /desk shows it")
    async def unsave(self, ctx: Context, *, item: str) -> None:
        await self._desk_command(ctx, handlers.unsave.COMMAND, item)

    @commands.hybrid_command(name="export", description=_description("export"))  # type: ignore[arg-type]
    @app_commands.rename(file_format="format")
    @app_commands.describe(file_format="md (a brief), csv, json or ris (reference managers)")
    @app_commands.choices(
        file_format=[app_commands.Choice(name=name, value=name) for name in EXPORT_FORMATS]
    )
    async def export(self, ctx: Context, file_format: str = "") -> None:
        await self._desk_command(ctx, handlers.export.COMMAND, file_format)

    @commands.hybrid_command(name="focus", description=_description("focus"))  # type: ignore[arg-type]
    @app_commands.rename(cable_id="id")
    @app_commands.describe(cable_id="Reference id, or off; empty: what the focus is")
    async def focus(self, ctx: Context, *, cable_id: str = "") -> None:
        await self._desk_command(ctx, handlers.focus.COMMAND, cable_id)

    @commands.hybrid_command(name="thread", description=_description("thread"))  # type: ignore[arg-type]
    @app_commands.rename(cable_id="id")
    @app_commands.describe(cable_id="Reference id, e.g. 07DUSHANBE313")
    async def thread(self, ctx: Context, *, cable_id: str) -> None:
        await thread_for_cable(self.bot, ctx, cable_id)

    @commands.Cog.listener()
    async def on_interaction(self, interaction: discord.Interaction) -> None:
        allowed = self.bot.settings.allowed_channel_ids
        if allowed and interaction.channel_id not in allowed:
            return
        await desk_controls.on_save_control(self.bot, interaction)

    @commands.Cog.listener()
    async def on_raw_reaction_add(self, payload: discord.RawReactionActionEvent) -> None:
        allowed = self.bot.settings.allowed_channel_ids
        if allowed and payload.channel_id not in allowed:
            return
        await desk_controls.on_bookmark(self.bot, payload)

    # -- autocomplete ---------------------------------------------------------------------

    @cable.autocomplete("cable_id")
    @refs.autocomplete("cable_id")
    @notes.autocomplete("cable_id")
    @focus.autocomplete("cable_id")
    @thread.autocomplete("cable_id")
    @similar.autocomplete("cable_id")
    @versions.autocomplete("cable_id")
    async def _cable_ids(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        if not self.bot.ready_to_answer:
            return []
        library = self.bot.state.library
        return await asyncio.to_thread(cable_id_choices, library, current)

    @search.autocomplete("tag")
    @browse.autocomplete("tag")
    @timeline.autocomplete("tag")
    @tag.autocomplete("tag")
    async def _tags(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        if not self.bot.ready_to_answer:
            return []
        return await asyncio.to_thread(tag_choices, self.bot.state.library, current)

    @search.autocomplete("origin")
    @browse.autocomplete("origin")
    @timeline.autocomplete("origin")
    async def _origins(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        if not self.bot.ready_to_answer:
            return []
        return await asyncio.to_thread(origin_choices, self.bot.state.library, current)

    @cable.autocomplete("section")
    @similar.autocomplete("section")
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
