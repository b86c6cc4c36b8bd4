"""`!versions <id>`: every loaded copy of a cable, which one is shown and why."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.cables.library import Library
from bot.cables.loader import copy_description, why_not_shown
from bot.cables.model import Cable
from bot.cables.structure.redactions import cable_redactions
from bot.chat.commands import Command, CommandSpec
from bot.chat.errors import UserError
from bot.chat.grammar import id_text
from bot.chat.lookup import correction_notes, find_cable
from bot.chat.replies import Reply, VersionInfo, VersionsReply
from bot.chat.state import AppState

SPEC = CommandSpec(
    "versions",
    "versions <id>",
    "Every copy of a cable that was loaded, and which one is shown and why.",
    (
        "A cable may be loaded from several sources: the December 2010 site page, the "
        "early-2011 crawl, the final 2011 page, the cables.csv row, text dumps. The most "
        "authoritative is shown (version 1); each other copy says why it is not.",
        "Each copy gives its source, file, release date and paragraph count. Read another "
        "copy with `cable <id> version:<n>` (with a section, labels or `header` too).",
    ),
    ("versions 72TEHRAN1164", "cable 72TEHRAN1164 version:2"),
)


@dataclass(slots=True, frozen=True)
class VersionsRequest:
    id_text: str


def parse(args: str) -> VersionsRequest:
    return VersionsRequest(id_text(args))


def file_name(path: str) -> str:
    """Where a copy came from, without the server's directories:
    `72TEHRAN1164.csv#row 2`, `site_2010-12_html.tar.gz!72TEHRAN1164.html`."""
    outer, _, member = path.partition("!")
    return Path(outer).name + (f"!{Path(member).name}" if member else "")


def all_versions(library: Library, cable: Cable) -> list[Cable]:
    """The shown copy first, then the others in the order they lost."""
    return [cable, *library.copies(cable.ref_id)]


def version_of(library: Library, cable: Cable, number: int, prefix: str) -> Cable:
    """Copy `number` (1 = the one shown) of `cable`; a UserError when there is none."""
    versions = all_versions(library, cable)
    if not 1 <= number <= len(versions):
        count = "one version" if len(versions) == 1 else f"{len(versions)} versions"
        raise UserError(
            f"{cable.ref_id} was loaded in {count}, so there is no version {number}. "
            f"`{prefix}versions {cable.ref_id}` lists them.",
            [f"{prefix}versions {cable.ref_id}"],
        )
    return versions[number - 1]


def version_note(library: Library, cable: Cable, number: int) -> str:
    """What a reply read from another copy says first."""
    versions = all_versions(library, cable)
    copy = versions[number - 1]
    return (
        f"Version {number} of {len(versions)}: the {copy_description(copy)} "
        f"({file_name(copy.source.path)}), not the copy shown by default."
    )


def handle(state: AppState, request: VersionsRequest) -> Reply:
    prefix = state.settings.command_prefix
    if not request.id_text:
        raise UserError(f"Which cable? e.g. `{prefix}versions 72TEHRAN1164`.")
    found = find_cable(state.library, request.id_text)
    shown = found
    return VersionsReply(
        ref_id=found.ref_id,
        subject=found.subject,
        versions=[
            VersionInfo(
                number=number,
                source=copy_description(copy),
                path=file_name(copy.source.path),
                format=copy.source.format.value,
                released=copy.released,
                paragraphs=len(copy.paragraphs),
                redactions=cable_redactions(copy),
                shown=copy is shown,
                why_not_shown=None if copy is shown else why_not_shown(shown, copy),
            )
            for number, copy in enumerate(all_versions(state.library, found), start=1)
        ],
        permalink=found.permalink,
        notes=correction_notes(found, request.id_text),
    )


COMMAND = Command(SPEC, parse, handle)
