"""Turning what users typed into cables, and cables into the parts replies share."""

from __future__ import annotations

from pathlib import Path

from bot.cables.ids import cable_url, compact_id
from bot.cables.library import Library
from bot.cables.model import Cable, Reference
from bot.cables.months import month_table
from bot.chat.errors import UserError
from bot.chat.replies import CableListing, ReferenceInfo, ReferenceStatus
from bot.chat.text import echo

# Below this similarity (0-100) a "closest id" is noise, not a suggestion.
_SUGGEST_SCORE = 60.0


class UnknownCable(UserError):
    """No loaded cable is the one meant; the suggestions are the closest ids."""


def find_cable(library: Library, id_text: str) -> Cable:
    """The cable meant by `id_text`; UnknownCable, with the closest ids, when none is."""
    resolution = library.resolve(id_text)
    if resolution.cable is not None:
        return resolution.cable
    close = [ref_id for ref_id, score in library.suggest(id_text) if score >= _SUGGEST_SCORE]
    shown = echo(id_text)
    month = month_table().month(compact_id(id_text))
    rejection = library.rejection(id_text)
    if rejection is not None:
        # Something the user loaded is never dropped silently: say where it was and why.
        message = (
            f"{shown} was in the files loaded but could not be read, so it is not in the "
            f"library: {rejection.reason} ({_file_name(rejection.path)})."
        )
        if month is not None:
            message += f" Read it at {cable_url(compact_id(id_text), *month)}"
        raise UnknownCable(message)
    if month is not None:
        message = (
            f"{shown} is in Cablegate but not in this library "
            f"({len(library):,} cables loaded). Read it at {cable_url(compact_id(id_text), *month)}"
        )
    else:
        message = f"No cable {shown} in the library ({len(library):,} cables loaded)."
    if close:
        message += " Did you mean " + ", ".join(close) + "?"
    raise UnknownCable(message, close)


def _file_name(path: str) -> str:
    """`/srv/seeds/raw/85CAIRO6360.csv#row 37` -> `85CAIRO6360.csv#row 37`: where, without
    the server's directories."""
    return Path(path).name


def correction_notes(cable: Cable, id_text: str) -> list[str]:
    """Say so when a mistyped id was taken as the one close match."""
    typed = compact_id(id_text)
    if typed in (cable.ref_id, cable.canonical_id):
        return []
    return [f"Showing {cable.ref_id}, the closest match to {echo(id_text)}."]


def reference_info(library: Library, ref: Reference) -> ReferenceInfo:
    loaded = library.get(ref.ref_id)
    link: str | None
    if loaded is not None:
        status, link = ReferenceStatus.IN_LIBRARY, loaded.permalink
    else:
        month = month_table().month(ref.ref_id)
        if month is not None or ref.in_cablegate:
            status = ReferenceStatus.IN_CABLEGATE
            link = cable_url(ref.ref_id, *month) if month else None
        else:
            status, link = ReferenceStatus.NOT_IN_CABLEGATE, None
    return ReferenceInfo(
        ref_id=ref.ref_id,
        as_written=ref.as_written,
        status=status,
        year_inferred=ref.year_inferred,
        permalink=link,
    )


def listing(cable: Cable) -> CableListing:
    return CableListing(
        ref_id=cable.ref_id,
        subject=cable.subject,
        created=cable.created,
        classification=cable.classification,
        origin=cable.origin,
        permalink=cable.permalink,
    )
