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
from bot.cables.tag_index import tag_index
from bot.cables.tags import known_tags, tag_meaning
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


# Per library, its origins, most used first: counted once, not at each keystroke.
_ORIGINS: weakref.WeakKeyDictionary[Library, list[str]] = weakref.WeakKeyDictionary()
_ORIGINS_LOCK = threading.Lock()


def _origins(library: Library) -> list[str]:
    with _ORIGINS_LOCK:
        known = _ORIGINS.get(library)
        if known is None:
            counts = Counter(cable.origin for cable in library.catalogue() if cable.origin)
            known = _ORIGINS[library] = [origin for origin, _ in counts.most_common()]
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
    """Known tags (in the library or the glossary) starting with what was typed, the most
    used first, then the closest by spelling; each named with its meaning. The library's
    tag index is built on the first call (run it off the event loop)."""
    index = tag_index(library)
    tags = sorted({*index.tags, *known_tags()})
    key = typed.strip().upper()

    def used(tag: str) -> int:
        stats = index.get(tag)
        return stats.cables if stats is not None else 0

    chosen = sorted((t for t in tags if t.startswith(key)), key=lambda t: (-used(t), t))
    if key and len(chosen) < MAX_CHOICES:
        fuzzy = process.extract(key, tags, scorer=fuzz.ratio, limit=MAX_CHOICES)
        chosen = list(dict.fromkeys([*chosen, *(tag for tag, _, _ in fuzzy)]))
    choices = []
    for tag in chosen[:MAX_CHOICES]:
        meaning = tag_meaning(tag)
        choices.append(_choice(f"{tag} — {meaning}" if meaning else tag, tag))
    return choices


def origin_choices(library: Library, typed: str) -> list[app_commands.Choice[str]]:
    """Each origin by its full name, valued as one types it (`Embassy Dushanbe` -> dushanbe)."""
    return [
        _choice(origin, origin_filter(origin).removeprefix("origin:").strip('"'))
        for origin in _starting_then_close(_origins(library), typed)
    ]
