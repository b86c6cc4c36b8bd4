"""The terminal and Discord renderers say the same things in the same words, from reply
data alone (no handler constants)."""

from __future__ import annotations

from bot.chat.replies import CableCard, SearchReply
from bot.chat.state import AppState
from bot.render.discord import render_reply
from bot.render.terminal import render
from handlers.dispatch import dispatch


def test_later_search_pages_go_on_counting(state: AppState) -> None:
    reply = dispatch(state, "!search trafficking page:2")
    assert isinstance(reply, SearchReply) and reply.hits
    assert reply.first_rank == 11
    first = reply.hits[0]
    assert f"\n11. {first.ref_id} " in render(reply)
    description = render_reply(reply)[0].description or ""
    assert f"**11.** [{first.ref_id} " in description


def test_unreliable_minutes_and_reference_status_read_alike(state: AppState) -> None:
    # 08REYKJAVIK195 comes from an early site page (minutes unknown) and cites
    # 06REYKJAVIK431, which is in Cablegate but not bundled.
    reply = dispatch(state, "!cable 08REYKJAVIK195")
    assert isinstance(reply, CableCard)
    text = render(reply)
    [embed] = render_reply(reply)
    fields = {field.name: field.value for field in embed.fields}
    assert "Created 2008-09-09 17:??" in text and fields["Created"] == "2008-09-09 17:??"
    remark = "in Cablegate, not loaded; written '06 REYKJAVIK 431'"
    assert remark in text and remark in (fields["References"] or "")
    flag = "Times marked ?? are from a source whose minutes are unreliable."
    assert flag in text and flag in (embed.description or "")


def test_no_hits_reads_alike(state: AppState) -> None:
    reply = dispatch(state, "!search zzyzzyx qwxqwx")
    assert isinstance(reply, SearchReply) and not reply.hits
    wording = "Nothing in the library matches that."
    assert wording in render(reply)
    assert wording in (render_reply(reply)[0].description or "")


def test_an_unknown_release_date_is_left_out(state: AppState) -> None:
    # 79TEHRAN8980 comes from a cables.csv row, which has no release date.
    reply = dispatch(state, "!cable 79TEHRAN8980")
    assert isinstance(reply, CableCard) and reply.released is None
    assert "Released" not in render(reply)
    [embed] = render_reply(reply)
    assert "Released" not in [field.name for field in embed.fields]
    assert "Created 1979-08-13 04:58\n" in render(reply)


def test_suggestions_are_offered_once(state: AppState) -> None:
    # The message already asks "Did you mean 07DUSHANBE313, ...?": no second list.
    reply = dispatch(state, "!cable 07DUSHANBE31")
    [embed] = render_reply(reply)
    description = embed.description or ""
    assert description.count("07DUSHANBE314") == 1 and "Try:" not in description
    assert "Try:" not in render(reply)
    # Suggestions the message does not name are offered, in both front ends.
    reply = dispatch(state, "!search x class:secrte")
    [embed] = render_reply(reply)
    assert 'Try: `class:secret`, `class:"top secret"`' in (embed.description or "")
    # The terminal puts suggestions with spaces one a line, so none is split by wrapping.
    assert render(reply).endswith('\nTry:\n    class:secret\n    class:"top secret"')


def test_a_cable_nobody_cites_reads_alike(state: AppState) -> None:
    reply = dispatch(state, "!refs 07DUSHANBE313")
    [embed] = render_reply(reply)
    assert "No cable in the library cites it." in render(reply)
    assert "No cable in the library cites it." in (embed.description or "")
