"""Slash-command autocomplete: cable ids, and the sections of the chosen cable.

Discord accepts at most 25 choices, each name and value at most 100 characters;
discord.py does not check, so the cut happens here.
"""

from __future__ import annotations

from collections.abc import Sequence

from discord import app_commands
from rapidfuzz import fuzz, process

from bot.cables.ids import compact_id
from bot.cables.library import Library
from bot.cables.model import Cable
from bot.chat.passages import section_names
from bot.render.discord import cut

MAX_CHOICES = 25
CHOICE_LIMIT = 100


def _choice(name: str, value: str) -> app_commands.Choice[str]:
    return app_commands.Choice(name=cut(name, CHOICE_LIMIT), value=value[:CHOICE_LIMIT])


def cable_id_choices(library: Library, typed: str) -> list[app_commands.Choice[str]]:
    """Ids starting with what was typed first, then the closest fuzzy matches."""
    key = compact_id(typed)
    ids = library.ids()
    if not key:
        chosen = ids[:MAX_CHOICES]
    else:
        chosen = [ref_id for ref_id in ids if ref_id.startswith(key)][:MAX_CHOICES]
        if len(chosen) < MAX_CHOICES:
            # Plain ratio, as the library's "did you mean": several times faster than
            # WRatio, which matters at every keystroke over 251,287 ids.
            fuzzy = process.extract(key, ids, scorer=fuzz.ratio, limit=MAX_CHOICES)
            chosen = list(dict.fromkeys([*chosen, *(ref_id for ref_id, _, _ in fuzzy)]))
    choices = []
    for ref_id in chosen[:MAX_CHOICES]:
        cable = library.get(ref_id)
        subject = f" — {cable.subject}" if cable is not None and cable.subject else ""
        choices.append(_choice(f"{ref_id}{subject}", ref_id))
    return choices


def section_choices(cable: Cable | None, typed: str) -> list[app_commands.Choice[str]]:
    if cable is None:
        return []
    empty = {section.heading for section in cable.sections if not section.paragraphs}
    names = [name for name in section_names(cable) if name not in empty]  # no dead ends
    ranked: Sequence[str]
    if typed.strip():
        matches = process.extract(
            typed, names, scorer=fuzz.WRatio, processor=str.lower, limit=MAX_CHOICES
        )
        ranked = [name for name, _, _ in matches]
    else:
        ranked = names
    return [_choice(name, name) for name in ranked[:MAX_CHOICES]]
