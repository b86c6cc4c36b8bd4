"""Every kind of damage to the cache (truncated, zeroed, deleted, garbage JSON, a row
that does not decode, an index that makes tantivy panic) is detected, logged once and
rebuilt from the library files: every reply is the one an intact cache gives."""

from __future__ import annotations

import json
import logging
import re
import shutil
import sqlite3
import struct
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import tantivy

from bot.cables.bundled import SEEDS
from bot.cables.limits import InputLimits
from bot.cables.store_build import store_path
from bot.chat.replies import ErrorReply
from bot.search.index_damage import is_panic
from bot.search.startup import load_searchable
from bot.search.tantivy_index import _register
from handlers.dispatch import dispatch
from tests.faults.cache_scenes import (
    CABLE,
    COMMANDS,
    OTHER_CABLE,
    chat,
    copy_seeds,
    index_folders,
    opened,
    replies,
    stored,
)

Damage = Callable[[Path], None]


@pytest.fixture(scope="module")
def intact(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[str]]:
    """A library, its cache after a first start, and the replies that cache gives."""
    root = tmp_path_factory.mktemp("intact")
    library = copy_seeds(root / "cables")
    state = opened(library, root / "cache")
    return library, root / "cache", replies(state)


@pytest.fixture
def cache(intact: tuple[Path, Path, list[str]], tmp_path: Path) -> Path:
    """A copy of the intact cache for one test to damage."""
    shutil.copytree(intact[1], tmp_path / "cache")
    return tmp_path / "cache"


def _store(cache: Path) -> Path:
    (path,) = cache.glob("library/*/cables-*.sqlite")
    return path


def _index(cache: Path) -> Path:
    (path,) = index_folders(cache)
    return path


def _segment(cache: Path, kind: str) -> Path:
    (path,) = _index(cache).glob(f"*.{kind}")
    return path


def _rewrite(path: Path, data: bytes) -> None:
    """Put `data` in place of `path` by renaming a new file over it: a process that still
    maps the old file (tantivy does) keeps reading it, instead of faulting (SIGBUS) on
    pages that truncating it in place would take away."""
    new = path.with_name(path.name + ".new")
    new.write_bytes(data)
    new.replace(path)


def _truncate(path: Path) -> None:
    _rewrite(path, path.read_bytes()[: path.stat().st_size // 2])


def _zero(path: Path) -> None:
    _rewrite(path, bytes(path.stat().st_size))


def _scramble(path: Path) -> None:
    """Overwrite the middle half of `path` with noise, in place."""
    data = bytearray(path.read_bytes())
    for i in range(len(data) // 4, len(data) // 2):
        data[i] = (i * 7919) & 0xFF
    _rewrite(path, bytes(data))


def _body_terms_panic(index: Path) -> bool:
    opened = tantivy.Index.open(str(index))
    _register(opened)
    try:
        opened.searcher().doc_freq("body", "boycott")
    except BaseException as error:
        if is_panic(error):
            return True
        raise
    return False


def make_tantivy_panic(cache: Path) -> None:
    """Damage the term file so that tantivy panics reading the body field's terms.

    A term dictionary's values start with their byte length (u64) and term count (u64);
    a length past the end of the file fails an assertion in tantivy, a panic. The places
    where such a header may sit are tried in turn until tantivy really panics.
    """
    term = _segment(cache, "term")
    data = term.read_bytes()
    for place in range(len(data) - 16):
        length, count = struct.unpack_from("<QQ", data, place)
        if not (0 < length <= len(data) - place - 16 and 0 < count < 100_000):
            continue
        damaged = bytearray(data)
        struct.pack_into("<Q", damaged, place, 2**40)
        _rewrite(term, bytes(damaged))
        if _body_terms_panic(term.parent):
            return
    raise AssertionError("no damage to the term file made tantivy panic")


def _sql(cache: Path, statement: str) -> None:
    with sqlite3.connect(_store(cache)) as db:
        db.execute(statement)


DAMAGE: dict[str, tuple[Damage, int]] = {
    # name: (what is done to the cache, warnings logged about it)
    "store truncated": (lambda c: _truncate(_store(c)), 1),
    "store zeroed": (lambda c: _zero(_store(c)), 1),
    "store deleted": (lambda c: _store(c).unlink(), 0),  # a plain first start
    "store report garbage JSON": (
        lambda c: _sql(c, "UPDATE info SET value = '{not json' WHERE key = 'report'"),
        1,
    ),
    "store row garbage": (
        lambda c: _sql(c, f"UPDATE cable SET body = x'00ff00ff' WHERE ref_id = '{CABLE}'"),
        1,
    ),
    "index term file truncated": (lambda c: _truncate(_segment(c, "term")), 1),
    "index term file zeroed": (lambda c: _zero(_segment(c, "term")), 1),
    "index term file deleted": (lambda c: _segment(c, "term").unlink(), 1),
    "index deleted": (lambda c: shutil.rmtree(_index(c)), 0),
    "index panics (term lengths)": (make_tantivy_panic, 1),
    "index doc store scrambled": (lambda c: _scramble(_segment(c, "store")), 1),
    "vocabulary [1,2,3]": (lambda c: (_index(c) / "vocabulary.json").write_text("[1,2,3]"), 1),
    "vocabulary garbage JSON": (lambda c: (_index(c) / "vocabulary.json").write_text("{no"), 1),
    "index meta garbage JSON": (
        lambda c: (_index(c) / "cablebot-index.json").write_text(json.dumps([1])),
        1,
    ),
}


@pytest.mark.parametrize("damage", DAMAGE, ids=list(DAMAGE))
def test_damage_between_starts_is_healed_with_the_same_replies(
    damage: str,
    intact: tuple[Path, Path, list[str]],
    cache: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    library, _, expected = intact
    harm, warnings = DAMAGE[damage]
    harm(cache)
    with caplog.at_level(logging.WARNING):
        state = opened(library, cache)
        assert replies(state) == expected
        stored(state.library)
    said = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(said) == warnings, [r.getMessage() for r in said]
    caplog.clear()
    # Healed for good: the next start finds nothing to complain about.
    with caplog.at_level(logging.WARNING):
        assert replies(opened(library, cache)) == expected
    assert not caplog.records


def test_a_row_damaged_under_a_running_bot_is_rebuilt_and_the_cable_shown(
    intact: tuple[Path, Path, list[str]], cache: Path
) -> None:
    library, _, expected = intact
    state = opened(library, cache)
    _sql(cache, f"UPDATE cable SET body = x'00ff00ff' WHERE ref_id = '{OTHER_CABLE}'")
    assert replies(state) == expected
    assert COMMANDS[1].endswith(OTHER_CABLE)


def test_a_panicking_index_no_longer_ends_the_terminal_chat(
    intact: tuple[Path, Path, list[str]], cache: Path
) -> None:
    library, _, expected = intact
    make_tantivy_panic(cache)
    assert chat(library, cache, *COMMANDS) == expected


def test_while_a_rebuild_runs_the_user_is_told_when_to_try_again(
    intact: tuple[Path, Path, list[str]], cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library, _, expected = intact
    make_tantivy_panic(cache)
    state = opened(library, cache)
    monkeypatch.setattr("bot.chat.repairs.WAIT_SECONDS", 0.0)  # a library too big to wait for
    first = dispatch(state, COMMANDS[2])
    assert isinstance(first, ErrorReply)
    assert re.fullmatch(
        r"The search index was damaged and is being rebuilt from the library files;"
        r" try again in about \d+ s\.",
        first.message,
    )
    # `!cable` needs no index: answered meanwhile.
    assert dispatch(state, COMMANDS[0]).model_dump_json() == expected[0]
    deadline = time.monotonic() + 60
    while dispatch(state, COMMANDS[2]).model_dump_json() != expected[2]:
        assert time.monotonic() < deadline, "the index was never rebuilt"
        time.sleep(0.1)


def test_dangling_links_and_link_loops_keep_the_store_on(tmp_path: Path) -> None:
    library = copy_seeds(tmp_path / "cables")
    (library / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (library / "loop.txt").symlink_to(library / "loop.txt")
    first = opened(library, tmp_path / "cache")
    store = stored(first.library).store.path
    again = opened(library, tmp_path / "cache")
    assert stored(again.library).store.path == store  # opened, not parsed again
    assert replies(again) == replies(first)


def test_a_damaged_store_is_rebuilt_where_its_limits_put_it(tmp_path: Path) -> None:
    # A store loaded with other input limits has another key: its rebuild must land there,
    # not at the default limits' path (which the next start would not open).
    paths = [SEEDS / "raw" / "08REYKJAVIK195.html"]
    limits = InputLimits(max_record_bytes=2 * 1024 * 1024)
    loaded = load_searchable(paths, tmp_path, workers=1, limits=limits)
    expected = store_path(paths, tmp_path, limits)
    assert expected != store_path(paths, tmp_path)
    expected.unlink()
    rebuilt = loaded.rebuild()
    assert rebuilt.get("08REYKJAVIK195") is not None
    assert expected.exists() and not store_path(paths, tmp_path).exists()
