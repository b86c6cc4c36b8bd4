from __future__ import annotations

from bot.chat.state import AppState
from bot.discord.links import MAX_CARDS, cable_ids_in

REF = "08REYKJAVIK195"


def test_bare_ids_and_wikileaks_links_are_found(state: AppState) -> None:
    text = (
        f"see {REF}, and <https://wikileaks.org/cable/2008/09/{REF}.html#par2> "
        f"or https://wikileaks.org/plusd/cables/{REF}_a.html"
    )
    assert cable_ids_in(text, state.library) == [REF]


def test_unknown_ids_and_ordinary_words_are_ignored(state: AppState) -> None:
    assert cable_ids_in("99NOWHERE1 is not a cable; 2008 was a year", state.library) == []


def test_a_busy_message_gives_at_most_a_few_cards(state: AppState) -> None:
    many = " ".join(state.library.ids()[:10])
    assert cable_ids_in(many, state.library) == state.library.ids()[:MAX_CARDS]
