"""`!similar <id> [<section>] [<label>]`: paragraphs of other cables most like a passage."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.chat.commands import Command, CommandSpec
from bot.chat.errors import UserError
from bot.chat.grammar import Locator, parse_locator, take_id
from bot.chat.hits import hit_items
from bot.chat.lookup import correction_notes, find_cable
from bot.chat.passages import select
from bot.chat.replies import Reply, SimilarReply
from bot.chat.state import AppState

SIMILAR_HITS = 5

SPEC = CommandSpec(
    "similar",
    "similar <id> [<section>] [<label>|<from>-<to>]",
    "Paragraphs of other cables most like this cable, or like one part of it, best first.",
    (
        "Name a section or paragraphs as for `cable`; without them the whole cable is "
        "compared. Paragraphs of the same cable are never listed.",
        "The comparison is by the passage's most distinctive words (frequent in it, rare "
        "in the library), so reports on the same subject from other posts and years rank "
        "first.",
    ),
    ("similar 08REYKJAVIK195 2", "similar 07DUSHANBE313 prevention"),
)


@dataclass(slots=True, frozen=True)
class SimilarRequest:
    id_text: str
    locator: Locator = field(default_factory=Locator)


def parse(args: str) -> SimilarRequest:
    split = take_id(args.split())
    if split is None:
        return SimilarRequest("")
    return SimilarRequest(split.id_text, parse_locator(split.rest))


def handle(state: AppState, request: SimilarRequest) -> Reply:
    prefix = state.settings.command_prefix
    if not request.id_text:
        raise UserError(f"Like which cable? e.g. `{prefix}similar 08REYKJAVIK195 2`.")
    found = find_cable(state.library, request.id_text)
    notes = correction_notes(found, request.id_text)
    section: str | None = None
    labels: list[str] = []
    if request.locator == Locator():
        text = " ".join([found.subject, *(p.text for p in found.paragraphs)])
    else:
        passage = select(found, request.locator, prefix)
        text = " ".join(item.text for item in passage.items)
        section = passage.section
        labels = (
            [item.label for item in passage.items if item.label] if request.locator.labels else []
        )
        notes += passage.notes
    engine = state.engine()
    if engine is None:
        raise UserError("Search is not available in this session.")
    result = engine.similar(text, found.ref_id, limit=SIMILAR_HITS)
    return SimilarReply(
        ref_id=found.ref_id,
        subject=found.subject,
        section=section,
        labels=labels,
        hits=hit_items(state.library, result.hits),
        weak=result.weak,
        permalink=found.permalink,
        notes=notes,
    )


COMMAND = Command(SPEC, parse, handle)
