"""`!versions` and `!cable <id> version:<n>`: every loaded copy of a cable is kept, in
memory and in the store, for every cable the bundled library holds in several copies."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cables.bundled import SEEDS
from bot.cables.library import Library
from bot.cables.store_build import load_stored_library
from bot.cables.stored_library import StoredLibrary
from bot.chat.replies import CableCard, ErrorReply, HeaderReply, ParagraphsReply, VersionsReply
from bot.chat.state import AppState
from handlers.dispatch import dispatch
from handlers.versions import file_name
from tests.chat.conftest import Ask


@pytest.fixture(scope="module")
def bundled_stored(tmp_path_factory: pytest.TempPathFactory) -> StoredLibrary:
    return load_stored_library([SEEDS], tmp_path_factory.mktemp("store"), workers=2)


def _versions(ask: Ask, line: str) -> VersionsReply:
    reply = ask(line)
    assert isinstance(reply, VersionsReply), reply
    return reply


def test_every_duplicate_of_the_bundled_library_is_listed(
    ask: Ask, bundled_library: Library
) -> None:
    duplicates = bundled_library.report.duplicates
    assert len(duplicates) >= 90
    for duplicate in duplicates:
        reply = _versions(ask, f"!versions {duplicate.ref_id}")
        shown, *others = reply.versions
        assert shown.shown and shown.number == 1 and shown.why_not_shown is None
        assert shown.path == file_name(duplicate.kept)
        assert [v.path for v in others] == [file_name(path) for path in duplicate.dropped]
        assert all(not v.shown and v.why_not_shown for v in others)
        # Each reason is the load report's own, for that copy.
        assert all(v.why_not_shown in duplicate.reason for v in others)


def test_the_store_keeps_the_same_copies_as_memory(
    bundled_library: Library, bundled_stored: StoredLibrary
) -> None:
    duplicated = [d.ref_id for d in bundled_library.report.duplicates]
    assert len(duplicated) >= 90
    for ref_id in duplicated:
        assert bundled_stored.copies(ref_id) == bundled_library.copies(ref_id), ref_id
        assert bundled_stored.get(ref_id) == bundled_library.get(ref_id)
    single = next(ref for ref in bundled_library.ids() if ref not in set(duplicated))
    assert bundled_stored.copies(single) == [] == bundled_library.copies(single)


def test_versions_of_72tehran1164_in_three_sources(ask: Ask) -> None:
    reply = _versions(ask, "!versions 72tehran-1164")
    assert [v.source for v in reply.versions] == [
        "final 2011 site page",
        "Dec 2010 site page",
        "cables.csv row",
    ]
    assert [v.paragraphs for v in reply.versions] == [12, 12, 12]
    released = reply.versions[0].released
    assert released is not None and released.year == 2011
    assert "same final release" in str(reply.versions[2].why_not_shown)


def test_reading_another_version(ask: Ask, bundled_library: Library) -> None:
    card = ask("!cable 72TEHRAN1164 version:2")
    assert isinstance(card, CableCard)
    assert card.notes[0].startswith("Version 2 of 3: the Dec 2010 site page")
    # The December 2010 page's minutes are unreliable; the final page's are not.
    assert card.minutes_unreliable and not bundled_library.get("72TEHRAN1164").minutes_unreliable  # type: ignore[union-attr]
    header = ask("!cable 72TEHRAN1164 header version:3")
    assert isinstance(header, HeaderReply) and header.version == 3
    assert header.dtg == "250930Z FEB 72"
    paragraphs = ask("!cable 72TEHRAN1164 version:2 ¶3")
    assert isinstance(paragraphs, ParagraphsReply) and paragraphs.paragraphs[0].label == "3"
    same = ask("!cable 72TEHRAN1164 version:1")
    assert isinstance(same, CableCard) and same.notes == []


def test_a_version_that_is_not_there(ask: Ask) -> None:
    missing = ask("!cable 72TEHRAN1164 version:4")
    assert isinstance(missing, ErrorReply)
    assert "loaded in 3 versions" in missing.message
    assert missing.suggestions == ["!versions 72TEHRAN1164"]
    single = ask("!cable 08REYKJAVIK195 version:2")
    assert isinstance(single, ErrorReply) and "loaded in one version" in single.message
    bad = ask("!cable 72TEHRAN1164 version:two")
    assert isinstance(bad, ErrorReply) and "`version:2`" in bad.message


def test_versions_from_the_store_answer_like_memory(
    state: AppState, bundled_stored: StoredLibrary, tmp_path: Path
) -> None:
    stored = AppState(bundled_stored, state.settings)
    for line in ("!versions 72TEHRAN1164", "!cable 72TEHRAN1164 version:3 ¶2"):
        assert dispatch(stored, line) == dispatch(state, line)


def test_the_card_and_the_versions_count_the_redactions_of_the_copy(ask: Ask) -> None:
    card = ask("cable 10BEIJING207")
    assert isinstance(card, CableCard) and card.redactions == 12
    versions = _versions(ask, "versions 10BEIJING207")
    assert [v.redactions for v in versions.versions] == [12]
    unredacted = ask("cable 08REYKJAVIK195")
    assert isinstance(unredacted, CableCard) and unredacted.redactions == 0
