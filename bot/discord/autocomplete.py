"""Slash-command autocomplete: cable ids, the sections of the chosen cable, and the tags
and origins of the library (for filters).

Discord accepts at most 25 choices, each name and value at most 100 characters;
discord.py does not check, so the cut happens here.
"""

from __future__ import annotations

import threading
import weakref
from collections import Counter
from collections.abc import Sequence

from discord import app_commands
from rapidfuzz import fuzz, process

from bot.cables.ids import compact_id
from bot.cables.library import Library
from bot.cables.model import Cable
from bot.chat.facets import origin_filter
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


# Per library, its tags and origins, most used first: counted once, not at each keystroke.
_VALUES: weakref.WeakKeyDictionary[Library, tuple[list[str], list[str]]] = (
    weakref.WeakKeyDictionary()
)
_VALUES_LOCK = threading.Lock()


def _filter_values(library: Library) -> tuple[list[str], list[str]]:
    with _VALUES_LOCK:
        known = _VALUES.get(library)
        if known is None:
            tags: Counter[str] = Counter()
            origins: Counter[str] = Counter()
            for cable in library.catalogue():
                tags.update(cable.tags)
                if cable.origin:
                    origins[cable.origin] += 1
            known = _VALUES[library] = (
                [tag for tag, _ in tags.most_common()],
                [origin for origin, _ in origins.most_common()],
            )
        return known


def _starting_then_close(values: list[str], typed: str) -> list[str]:
    """Values containing what was typed (those starting with it first), then fuzzy ones."""
    key = typed.strip().lower()
    if not key:
        return values[:MAX_CHOICES]
    starting = [v for v in values if v.lower().startswith(key)]
    inside = [v for v in values if key in v.lower() and not v.lower().startswith(key)]
    chosen = (starting + inside)[:MAX_CHOICES]
    if len(chosen) < MAX_CHOICES:
        fuzzy = process.extract(key, values, scorer=fuzz.WRatio, processor=str.lower, limit=10)
        chosen = list(dict.fromkeys([*chosen, *(value for value, _, _ in fuzzy)]))
    return chosen[:MAX_CHOICES]


def tag_choices(library: Library, typed: str) -> list[app_commands.Choice[str]]:
    tags, _ = _filter_values(library)
    return [_choice(tag, tag) for tag in _starting_then_close(tags, typed)]


def origin_choices(library: Library, typed: str) -> list[app_commands.Choice[str]]:
    """Each origin by its full name, valued as one types it (`Embassy Dushanbe` -> dushanbe)."""
    _, origins = _filter_values(library)
    return [
        _choice(origin, origin_filter(origin).removeprefix("origin:").strip('"'))
        for origin in _starting_then_close(origins, typed)
    ]
