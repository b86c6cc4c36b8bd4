"""`!tag <TAG>`: a TAG's glossary entry and how the library uses it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from bot.cables.tag_index import TagIndex, tag_index
from bot.cables.tags import known_tags, tag_kind, tag_meaning
from bot.chat.commands import Command, CommandSpec
from bot.chat.errors import UserError
from bot.chat.lookup import listing
from bot.chat.replies import Counted, Reply, TagReply
from bot.chat.state import AppState
from bot.chat.text import echo

Key = TypeVar("Key", int, str)
# The years and origins shown, most used first.
TOP = 5
_CLOSEST = 3

SPEC = CommandSpec(
    "tag",
    "tag <TAG>",
    "What a TAG means, and how the library uses it.",
    (
        "The glossary entry (meaning and kind: subject, program, geographic, organisation "
        "or person), how many cables carry the tag, the years and origins where it is most "
        "used, and its newest cables.",
        "A tag the library and the glossary do not know gets the closest known ones.",
    ),
    ("tag KTIP", "tag IC"),
)


@dataclass(slots=True, frozen=True)
class TagRequest:
    tag: str


def parse(args: str) -> TagRequest:
    words = args.split()
    return TagRequest(words[0] if words else "")


def handle(state: AppState, request: TagRequest) -> Reply:
    prefix = state.settings.command_prefix
    tag = request.tag.strip().upper()
    if not tag:
        raise UserError(f"Which tag? e.g. `{prefix}tag KTIP`.")
    index = tag_index(state.library)
    stats = index.get(tag)
    meaning = tag_meaning(tag)
    if stats is None and meaning is None:
        close = closest_tags(index, tag)
        hint = f" Closest known: {', '.join(close)}." if close else ""
        raise UserError(
            f"No cable has the tag {echo(tag)}, and it is not in the glossary.{hint}",
            [f"{prefix}tag {other}" for other in close],
        )
    return TagReply(
        tag=tag,
        meaning=meaning,
        tag_kind=tag_kind(tag).value,
        cables=stats.cables if stats else 0,
        library_cables=index.cables,
        years=[Counted(value=str(y), cables=n) for y, n in _top(stats.years)] if stats else [],
        origins=[Counted(value=o, cables=n) for o, n in _top(stats.origins)] if stats else [],
        newest=[listing(cable) for cable in stats.newest] if stats else [],
    )


def _top(counts: Mapping[Key, int]) -> list[tuple[Key, int]]:
    """The most used first; ties in their natural order (earlier year, origin A-Z)."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:TOP]


def closest_tags(index: TagIndex, typed: str, limit: int = _CLOSEST) -> list[str]:
    """Known tags (in the library or the glossary) closest to `typed`, best first."""
    choices = sorted({*index.tags, *known_tags()})
    # Transposed letters (`KTPI`) are the usual slip in a four-letter code.
    found = process.extract(
        typed.upper(), choices, scorer=DamerauLevenshtein.normalized_similarity, limit=limit
    )
    return [tag for tag, _, _ in found]


COMMAND = Command(SPEC, parse, handle)
