"""Finding cable ids and WikiLeaks cable links in an ordinary chat message."""

from __future__ import annotations

import re

from bot.cables.library import Library
from bot.chat.grammar import looks_like_id, take_id

# A busy message should not turn into a wall of cards.
MAX_CARDS = 3


def cable_ids_in(text: str, library: Library) -> list[str]:
    """Ids of loaded cables that `text` names, by bare id or by a WikiLeaks / PlusD link."""
    found: list[str] = []
    for word in re.findall(r"\S+", text):
        split = take_id([word])  # edge punctuation is the grammar's to drop
        if split is None or not looks_like_id(split.id_text):
            continue
        cable = library.get(split.id_text)
        if cable is not None and cable.ref_id not in found:
            found.append(cable.ref_id)
        if len(found) == MAX_CARDS:
            break
    return found
