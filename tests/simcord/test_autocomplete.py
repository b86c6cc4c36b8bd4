"""Slash autocomplete as Discord shows it: at most 25 choices of at most 100 characters."""

from __future__ import annotations

import simcord

from bot.chat.passages import section_names
from bot.chat.state import AppState
from tests.discord.shared import full_cables
from tests.simcord.helpers import world

REF = "08REYKJAVIK195"


def _within_discord_limits(choices: list[dict[str, object]]) -> bool:
    return len(choices) <= 25 and all(
        len(str(c["name"])) <= 100 and len(str(c["value"])) <= 100 for c in choices
    )


async def test_cable_ids_complete_by_prefix_and_fuzzily(simcord_env: simcord.Env) -> None:
    w = await world(simcord_env)
    by_prefix = await w.alice.autocomplete(w.channel, "cable", "id", "08reyk")
    assert by_prefix[0]["value"] == REF
    assert str(by_prefix[0]["name"]).startswith(f"{REF} — ICELAND")
    misspelt = await w.alice.autocomplete(w.channel, "refs", "id", "reykjavik 195")
    assert REF in [c["value"] for c in misspelt[:5]]
    empty = await w.alice.autocomplete(w.channel, "cable", "id", "")
    assert len(empty) == 25
    assert all(_within_discord_limits(c) for c in (by_prefix, misspelt, empty))


async def test_sections_of_the_chosen_cable_complete(
    simcord_env: simcord.Env, state: AppState
) -> None:
    cable = max(
        (c for c in full_cables(state.library) if all(s.paragraphs for s in c.sections)),
        key=lambda c: len(section_names(c)),
    )
    names = section_names(cable)
    assert len(names) >= 3
    w = await world(simcord_env)
    everything = await w.alice.autocomplete(w.channel, "cable", "section", "", id=cable.ref_id)
    assert [c["value"] for c in everything] == [n[:100] for n in names][:25]
    wanted = names[-1]
    typed = wanted.lower()[:8]
    close = await w.alice.autocomplete(w.channel, "cable", "section", typed, id=cable.ref_id)
    assert wanted[:100] in [c["value"] for c in close[:3]]
    assert _within_discord_limits(everything) and _within_discord_limits(close)


async def test_sections_need_a_known_cable_first(simcord_env: simcord.Env) -> None:
    w = await world(simcord_env)
    assert await w.alice.autocomplete(w.channel, "cable", "section", "pre") == []
