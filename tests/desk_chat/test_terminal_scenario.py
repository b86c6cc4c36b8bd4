"""The research desk's tour, end to end in `cablebot chat --json`: save, list, note, the
note under the quoted paragraph, exports in every format, unsave, focus."""

from __future__ import annotations

import csv
import io
import json

from bot.cables.library import Library
from tests.desk_chat.terminal import Terminal

DUSHANBE = "07DUSHANBE313"
REYKJAVIK = "08REYKJAVIK195"


def test_the_tour(terminal: Terminal, bundled_library: Library) -> None:
    dushanbe = bundled_library.get(DUSHANBE)
    reykjavik = bundled_library.get(REYKJAVIK)
    assert dushanbe is not None and reykjavik is not None
    shelter = dushanbe.paragraph("PROTECTION.F")
    assert shelter is not None and shelter.locator == f"{DUSHANBE} ¶PROTECTION.F"

    shown, saved, again = terminal.run(
        "alice",
        "research",
        f"!cable {DUSHANBE} protection F",
        "!save note: the shelters are run by IOM",
        f"!save {DUSHANBE} protection F note: compare with 2008",
    )
    assert shown["paragraphs"][0]["locator"] == shelter.locator
    assert saved["kind"] == "saved"
    [item] = saved["items"]
    assert item["n"] == 1 and item["locator"] == shelter.locator and item["label"] == "F"
    assert item["text"] == shelter.text and item["permalink"] == shelter.permalink
    assert item["saved_by"] == "alice"
    assert [note["text"] for note in item["notes"]] == ["the shelters are run by IOM"]
    # Saving the same paragraph again adds the note, never a second item.
    assert [i["n"] for i in again["items"]] == [1]
    assert len(again["items"][0]["notes"]) == 2
    assert "already on this desk as #1" in again["notes"][0]

    whole, answers, second = terminal.run(
        "bob",
        "research",
        f"!save {REYKJAVIK}",
        "!ask did Iceland's peacekeepers carry weapons?",
        "!save 2",
    )
    assert whole["items"][0]["label"] is None and whole["items"][0]["locator"] == REYKJAVIK
    assert second["items"][0]["locator"] == answers["hits"][1]["locator"]
    assert second["items"][0]["saved_by"] == "bob"

    listing, note, quoted, card, notes = terminal.run(
        "carol",
        "research",
        "!desk",
        f"!note {DUSHANBE} protection F Source for chapter 2",
        f"!cable {DUSHANBE} protection F",
        f"!cable {DUSHANBE}",
        f"!notes {DUSHANBE}",
    )
    assert listing["kind"] == "desk" and (listing["page"], listing["pages"]) == (1, 1)
    assert [i["n"] for i in listing["items"]] == [3, 2, 1]  # newest first
    assert note["kind"] == "notes" and note["desk_notes"][0]["author"] == "carol"
    assert note["desk_notes"][0]["locator"] == shelter.locator
    under = quoted["paragraphs"][0]["desk_notes"]
    assert [n["text"] for n in under] == [
        "the shelters are run by IOM",
        "compare with 2008",
        "Source for chapter 2",
    ]
    assert card["kind"] == "cable" and card["desk_notes"] == 3
    assert [n["n"] for n in notes["desk_notes"]] == [1, 2, 3]

    md, table, data, ris = terminal.run(
        "alice", "research", "!export", "!export csv", "!export json", "!export ris"
    )
    assert md["format"] == "md" and md["filename"].endswith(".md")
    # Each quote is in the brief exactly, line by line, with its permalink.
    quote = "\n".join(f"> {line}" if line else ">" for line in shelter.text.split("\n"))
    assert quote in md["content"]
    assert shelter.permalink in md["content"]
    assert f"## {DUSHANBE}: {dushanbe.subject}" in md["content"]
    assert "Source for chapter 2" in md["content"]
    rows = list(csv.DictReader(io.StringIO(table["content"])))
    assert [row["locator"] for row in rows] == [item["locator"] for item in listing["items"]][::-1]
    assert rows[0]["text"] == shelter.text
    records = json.loads(data["content"])
    assert len(records) == 3 and records[0]["notes"][2]["author"] == "carol"
    assert ris["content"].count("TY  - ") == 2  # one record per cable
    assert ris["content"].count("ER  - ") == 2
    assert f"TI  - {reykjavik.subject}" in ris["content"]
    assert f"UR  - {reykjavik.permalink}" in ris["content"]

    refused, removed, focus, focused_card, asked, off = terminal.run(
        "bob",
        "research",
        "!unsave 1",
        "!unsave 2",
        f"!focus {DUSHANBE}",
        f"!cable {DUSHANBE}",
        "!ask who runs the shelters",
        "!focus off",
    )
    assert refused["kind"] == "error" and "saved by alice" in refused["message"]
    assert removed["kind"] == "saved" and removed["removed"] and removed["items"][0]["n"] == 2
    assert focus == {"notes": [], "kind": "focus", "ref_id": DUSHANBE}
    assert focused_card["focused"]
    assert asked["ref_id"] == DUSHANBE and "this channel's focus" in asked["notes"][0]
    assert off["ref_id"] is None

    [left] = [terminal.one("alice", "research", "!desk")]
    assert [i["n"] for i in left["items"]] == [3, 1]
