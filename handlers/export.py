"""`!export [md|csv|json|ris]`: this channel's desk as a file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal, cast

from bot.chat.caller import Caller
from bot.chat.commands import CommandSpec, DeskCommand
from bot.chat.desk_export import FORMATS, WRITERS
from bot.chat.desk_replies import notes_by_locator
from bot.chat.errors import UserError
from bot.chat.replies import ExportReply, Reply
from bot.chat.state import AppState
from bot.chat.text import echo

Format = Literal["md", "csv", "json", "ris"]

SPEC = CommandSpec(
    "export",
    "export [md|csv|json|ris]",
    "This channel's desk as a file: a research brief, a spreadsheet, data, or references.",
    (
        "`md` (the default): a brief grouped by cable (subject, date, origin, "
        "classification), each quote exact with its permalink, locator, who saved it and the "
        "notes.",
        "`csv` and `json`: one row per saved item. `ris`: one record per cable, for Zotero, "
        "EndNote and other reference managers.",
    ),
    ("export", "export csv", "export ris"),
)


@dataclass(slots=True, frozen=True)
class ExportRequest:
    format: Format = "md"


def parse(args: str) -> ExportRequest:
    typed = args.strip().lower().lstrip(".")
    if not typed:
        return ExportRequest()
    if typed == "markdown":
        typed = "md"
    if typed not in FORMATS:
        raise UserError(
            f"{echo(typed)} is not an export format: choose md, csv, json or ris.",
            list(FORMATS),
        )
    return ExportRequest(cast(Format, typed))


def handle(state: AppState, caller: Caller, request: ExportRequest) -> Reply:
    items = caller.desk.run(lambda desk: desk.all_items(caller.scope))
    notes = notes_by_locator(caller, [item.entry.anchor.ref_id for item in items])
    day = datetime.now(UTC).strftime("%Y-%m-%d")
    content = WRITERS[request.format](f"Research desk, {day}", items, notes)
    return ExportReply(
        format=request.format,
        filename=f"desk-{day}.{request.format}",
        content=content,
    )


COMMAND = DeskCommand(SPEC, parse, handle)
