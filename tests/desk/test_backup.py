"""Backups: every desk as JSON Lines, restored exactly into an empty database."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from bot.cables.model import Cable
from bot.cli import main
from bot.desk import DM_GUILD, Desk, DeskError, DeskScope, open_desk
from config.settings import Settings
from tests.desk import postgres
from tests.desk.conftest import desk_settings
from tests.desk.entries import ANN, BO, HERE, paragraph, paragraphs, whole_cable

DM = DeskScope(DM_GUILD, BO.id)
OTHER_GUILD = DeskScope("300", "901")
HEADER = '{"type":"desk","format":2}'
SCOPE = (
    '{"type":"scope","guild":"1","channel":"2","last_item_n":0,"last_note_n":0,'
    '"focus":null,"shown":null,"shown_first":1}'
)


async def fill(desk: Desk, dushanbe: Cable, reykjavik: Cable) -> None:
    """Several desks with deletions, so counters run ahead of the numbers in use."""
    await desk.save(HERE, ANN, paragraphs(dushanbe, 4), note="Tajik data")
    await desk.save(HERE, BO, [paragraph(reykjavik, "2")], note="«Chicken Street» — ¶2")
    await desk.delete_item(HERE, 4, ANN)
    await desk.delete_note(HERE, 1, ANN)
    await desk.set_focus(HERE, dushanbe.ref_id)
    # As a search's page 2 numbers them.
    await desk.remember_shown(
        HERE, [whole_cable(reykjavik), paragraph(dushanbe, "prevention.f")], first=11
    )
    await desk.save(DM, BO, [whole_cable(dushanbe)])
    await desk.add_note(OTHER_GUILD, ANN, paragraph(reykjavik, "2").anchor, "only a note here")


async def backup_text(desk: Desk) -> str:
    out = io.StringIO()
    await desk.backup(out)
    return out.getvalue()


async def empty_database(settings: Settings, tmp_path: Path) -> Settings:
    """Another empty database of the same kind."""
    if settings.database_url:
        postgres.execute(
            settings.database_url, "DROP SCHEMA public CASCADE", "CREATE SCHEMA public"
        )
        return settings
    return desk_settings(tmp_path / "restored")


async def test_backup_restore_backup_is_the_same_bytes(
    settings: Settings, tmp_path: Path, dushanbe: Cable, reykjavik: Cable
) -> None:
    desk = await open_desk(settings)
    await fill(desk, dushanbe, reykjavik)
    first = await backup_text(desk)
    await desk.close()

    restored = await open_desk(await empty_database(settings, tmp_path))
    try:
        summary = await restored.restore(first.splitlines(keepends=True))
        assert (summary.desks, summary.items, summary.notes) == (3, 5, 5)
        assert await backup_text(restored) == first
        # And it is a working desk, numbering after the deleted item #4.
        [saved] = await restored.save(HERE, ANN, [paragraph(dushanbe, "prevention.g")])
        assert saved.item.n == 6
        assert await restored.get_focus(HERE) == dushanbe.ref_id
        assert (await restored.pick_shown(HERE, [11]))[0] == whole_cable(reykjavik)
    finally:
        await restored.close()

    records = [json.loads(line) for line in first.splitlines()]
    assert [r["type"] for r in records][:2] == ["desk", "scope"]
    assert {(r["guild"], r["channel"]) for r in records if r["type"] == "scope"} == {
        (HERE.guild, HERE.channel),
        (DM.guild, DM.channel),
        (OTHER_GUILD.guild, OTHER_GUILD.channel),
    }


async def test_a_sqlite_backup_restores_into_postgresql(
    tmp_path: Path, postgres_database: str, dushanbe: Cable, reykjavik: Cable
) -> None:
    sqlite_desk = await open_desk(desk_settings(tmp_path))
    await fill(sqlite_desk, dushanbe, reykjavik)
    first = await backup_text(sqlite_desk)
    await sqlite_desk.close()

    postgres.execute(postgres_database, "DROP SCHEMA public CASCADE", "CREATE SCHEMA public")
    pg_desk = await open_desk(desk_settings(tmp_path / "pg", postgres_database))
    try:
        await pg_desk.restore(first.splitlines())
        assert await backup_text(pg_desk) == first
    finally:
        await pg_desk.close()


def as_format_1(backup: str) -> list[str]:
    """The backup as the desk wrote it before format 2: no `shown_first` (it was 1)."""
    records = [json.loads(line) for line in backup.splitlines()]
    assert records[0] == {"type": "desk", "format": 2}
    records[0]["format"] = 1
    for record in records:
        record.pop("shown_first", None)
    return [json.dumps(record) for record in records]


async def test_a_format_1_backup_restores_its_memory_numbered_from_1(
    settings: Settings, tmp_path: Path, dushanbe: Cable, reykjavik: Cable
) -> None:
    desk = await open_desk(settings)
    await fill(desk, dushanbe, reykjavik)
    old = as_format_1(await backup_text(desk))
    await desk.close()

    restored = await open_desk(await empty_database(settings, tmp_path))
    try:
        summary = await restored.restore(old)
        assert (summary.desks, summary.items, summary.notes) == (3, 5, 5)
        assert await restored.pick_shown(HERE, [1, 2]) == [
            whole_cable(reykjavik),
            paragraph(dushanbe, "prevention.f"),
        ]
        assert as_format_1(await backup_text(restored)) == old
    finally:
        await restored.close()


async def test_restoring_into_a_desk_with_data_is_refused(
    desk: Desk, dushanbe: Cable, reykjavik: Cable
) -> None:
    await fill(desk, dushanbe, reykjavik)
    before = await backup_text(desk)
    with pytest.raises(DeskError, match="already holds 3 desks; a backup is restored only into"):
        await desk.restore(before.splitlines())
    assert await backup_text(desk) == before


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ([], "The backup is empty"),
        ([SCOPE], "first line should be its header"),
        ([HEADER, SCOPE, SCOPE], "has desk 1/2 twice"),
        ([HEADER, '{"type":"cable"}'], "Line 2 is not a desk backup"),
        ([HEADER, "not json"], "Line 2 is not a desk backup"),
        (['{"type":"desk","format":9}'], "Line 1: unexpected header"),
    ],
)
async def test_a_broken_backup_is_refused(desk: Desk, lines: list[str], message: str) -> None:
    with pytest.raises(DeskError, match=message):
        await desk.restore(lines)


async def test_a_record_before_its_desk_is_refused(
    desk: Desk, tmp_path: Path, dushanbe: Cable, reykjavik: Cable
) -> None:
    await fill(desk, dushanbe, reykjavik)
    header, scope, *rest = (await backup_text(desk)).splitlines()
    other = desk_settings(tmp_path / "other")
    empty = await open_desk(other)
    try:
        with pytest.raises(
            DeskError, match="has note #1 of desk 300/901 before that desk's own record"
        ):
            await empty.restore([header, *rest, scope])
    finally:
        await empty.close()


def test_the_cli_round_trip(
    settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    dushanbe: Cable,
    reykjavik: Cable,
) -> None:
    async def filled() -> None:
        desk = await open_desk(settings)
        await fill(desk, dushanbe, reykjavik)
        await desk.close()

    postgres.run_apart(filled)
    monkeypatch.chdir(tmp_path)  # no .env from the working tree
    monkeypatch.setenv("DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("CACHE_DIR", str(settings.cache_dir))
    if settings.database_url:
        monkeypatch.setenv("DATABASE_URL", settings.database_url)
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"

    assert main(["desk", "backup", str(first)]) == 0
    assert "Backed up 3 desks, 5 items, 5 notes" in capsys.readouterr().err
    assert main(["desk", "restore", str(first)]) == 1
    assert "a backup is restored only into an empty one" in capsys.readouterr().err

    if settings.database_url:
        postgres.execute(
            settings.database_url, "DROP SCHEMA public CASCADE", "CREATE SCHEMA public"
        )
    else:
        monkeypatch.setenv("DATA_DIR", str(tmp_path / "restored"))
    assert main(["desk", "restore", str(first)]) == 0
    assert "Restored 3 desks, 5 items, 5 notes" in capsys.readouterr().err
    assert main(["desk", "backup", str(second)]) == 0
    assert second.read_bytes() == first.read_bytes()
    assert not list(tmp_path.glob("*.partial"))
