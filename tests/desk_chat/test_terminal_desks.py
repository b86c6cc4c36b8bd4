"""Bad input, isolation and concurrent writers, in `cablebot chat --json` processes."""

from __future__ import annotations

import json

from bot.cables.library import Library
from bot.desk import NOTE_MAX_CHARS
from tests.desk_chat.terminal import Terminal

DUSHANBE = "07DUSHANBE313"


def test_bad_input_is_answered_clearly_and_writes_nothing(terminal: Terminal) -> None:
    long_note = "x" * (NOTE_MAX_CHARS + 1)
    replies = terminal.run(
        "alice",
        "research",
        "!export",
        "!save 07DUSHANBE999",
        f"!save {DUSHANBE} protection Z",
        f"!note {DUSHANBE} protection Z some note",
        f"!note {DUSHANBE} protection F {long_note}",
        "!save",
        "!save 3",
        "!unsave 1",
        "!note delete 1",
        "!export pdf",
        f"!save {DUSHANBE} overview A",
        "!desk by:nobody",
        "!desk",
    )
    *errors, saved, nobody, listing = replies
    messages = [reply["message"] for reply in errors]
    assert all(reply["kind"] == "error" for reply in errors), messages
    assert messages[0] == "Nothing has been saved on this desk yet."
    assert "07DUSHANBE999" in messages[1]
    assert "no ¶Z in PROTECTION" in messages[2] and "no ¶Z in PROTECTION" in messages[3]
    assert "nothing was written" in messages[4]
    assert "has not shown anything here yet" in messages[5]
    assert "has not shown anything here yet" in messages[6]
    assert messages[7] == "There is no item #1 on this desk."
    assert messages[8] == "There is no note #1 on this desk."
    assert "not an export format" in messages[9]
    assert "Nobody called nobody" in nobody["message"]
    assert saved["items"][0]["n"] == 1 and saved["items"][0]["notes"] == []
    assert [item["n"] for item in listing["items"]] == [1]


def test_a_note_of_exactly_the_limit_is_too_long_for_a_message_but_one_under_fits(
    terminal: Terminal,
) -> None:
    fits = "y" * (NOTE_MAX_CHARS - 60)
    note = terminal.one("alice", "research", f"!note {DUSHANBE} protection F {fits}")
    assert note["kind"] == "notes" and note["desk_notes"][0]["text"] == fits


def test_mentions_and_markdown_in_notes_are_dropped(terminal: Terminal) -> None:
    note = terminal.one(
        "alice", "research", f"!note {DUSHANBE} protection F ask <@123> @everyone **now**"
    )
    assert note["desk_notes"][0]["text"] == "ask now"


def test_desks_are_kept_apart_by_guild_and_channel(terminal: Terminal) -> None:
    terminal.one("alice", "research", f"!save {DUSHANBE} overview A")
    terminal.one("alice", "research", f"!note {DUSHANBE} overview A here only")
    for channel, guild in (("general", None), ("research", "other")):
        empty, quoted = terminal.run(
            "alice", channel, "!desk", f"!cable {DUSHANBE} overview A", guild=guild
        )
        assert empty["kind"] == "error"
        assert quoted["paragraphs"][0]["desk_notes"] == []
    [mine] = terminal.one("bob", "research", "!desk")["items"]
    assert mine["n"] == 1 and mine["notes"][0]["text"] == "here only"


def test_twenty_processes_write_to_one_sqlite_desk_at_once(
    terminal: Terminal, bundled_library: Library
) -> None:
    cable = bundled_library.get(DUSHANBE)
    assert cable is not None
    labelled = [p for p in cable.paragraphs if p.label and p.section][:20]
    assert len(labelled) == 20
    chats = [
        terminal.start(
            f"user{i}",
            "crowd",
            [
                f'!save {DUSHANBE} "{p.section}" {p.label} note: from user{i}',
                f'!note {DUSHANBE} "{p.section}" {p.label} second from user{i}',
            ],
        )
        for i, p in enumerate(labelled)
    ]
    for chat in chats:
        for reply in terminal.replies(chat, 2):
            assert reply["kind"] in ("saved", "notes"), reply
    items = terminal.one("check", "crowd", "!export json")
    assert items["kind"] == "export"
    records = json.loads(items["content"])
    assert sorted(r["locator"] for r in records) == sorted(p.locator for p in labelled)
    assert sum(len(r["notes"]) for r in records) == 40


def test_the_same_desk_on_postgresql(postgres_terminal: Terminal) -> None:
    saved, noted = postgres_terminal.run(
        "alice",
        "research",
        f"!save {DUSHANBE} protection F note: on PostgreSQL",
        f"!note {DUSHANBE} protection F and a second",
    )
    assert saved["kind"] == "saved" and noted["kind"] == "notes"
    [item] = postgres_terminal.one("bob", "research", "!desk")["items"]
    assert [note["text"] for note in item["notes"]] == ["on PostgreSQL", "and a second"]
    assert not (postgres_terminal.data_dir / "desk.sqlite3").exists()


def test_save_takes_the_numbers_a_reply_showed(terminal: Terminal) -> None:
    """Page 2 of a search numbers its hits 11-20: `!save 12` saves #12; an `!ask` (one
    list, whatever `page:` says) and a `!cable` passage number from 1."""
    search, twelfth, earlier, later, ask, second_answer, passage, second_paragraph = terminal.run(
        "alice",
        "research",
        "!search trafficking page:2",
        "!save 12",
        "!save 3",
        "!save 21",
        "!ask who runs the shelters page:2",
        "!save 2",
        f"!cable {DUSHANBE} protection F-H",
        "!save 2",
    )
    assert search["kind"] == "search" and search["first_rank"] == 11
    assert len(search["hits"]) == 10
    assert [item["locator"] for item in twelfth["items"]] == [search["hits"][1]["locator"]]
    assert earlier["message"] == (
        "There is no #3 in what the bot last showed here: choose 11 to 20 (it was on an "
        "earlier page: show that page again to save it)."
    )
    assert later["message"] == "There is no #21 in what the bot last showed here: choose 11 to 20."
    assert ask["kind"] == "answer" and ask["first_rank"] == 1
    assert [item["locator"] for item in second_answer["items"]] == [ask["hits"][1]["locator"]]
    assert [p["locator"] for p in passage["paragraphs"]] == [
        f"{DUSHANBE} ¶PROTECTION.{label}" for label in "FGH"
    ]
    assert [item["locator"] for item in second_paragraph["items"]] == [f"{DUSHANBE} ¶PROTECTION.G"]
