"""The schema comes from the shipped Alembic revisions, and a database written at an
older revision is upgraded in place, its data kept."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import JSON, DateTime, bindparam, text

from bot.cables.model import Cable
from bot.desk import Shown, open_desk
from bot.desk.codec import entry_to_json
from bot.desk.database import create_engine, database_url
from bot.desk.migrate import upgrade
from bot.desk.schema import Base
from config.settings import Settings
from tests.desk.entries import ANN, HERE, paragraph

SAVED_AT = datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=UTC)


async def test_a_revision_0001_desk_is_upgraded_with_its_data(
    settings: Settings, dushanbe: Cable
) -> None:
    f = dushanbe.paragraph("prevention.f")
    assert f is not None
    engine = create_engine(database_url(settings))
    await upgrade(engine, "0001")
    # Written the way revision 0001's code would have: plain SQL, no ORM.
    async with engine.begin() as connection:
        await connection.execute(
            text(
                "INSERT INTO desk_scopes (guild, channel, last_item_n, last_note_n) "
                "VALUES (:guild, :channel, 5, 2)"
            ),
            {"guild": HERE.guild, "channel": HERE.channel},
        )
        scope_id = (await connection.execute(text("SELECT id FROM desk_scopes"))).scalar_one()
        await connection.execute(
            text(
                "INSERT INTO desk_items (scope_id, n, ref_id, section, label, locator, "
                "permalink, text, subject, cable_created, origin, classification, "
                "saved_by_id, saved_by_name, saved_at) VALUES (:scope_id, 5, :ref_id, "
                ":section, :label, :locator, :permalink, :text, :subject, :created, "
                ":origin, :classification, '111', 'Ann', :saved_at)"
            ).bindparams(
                bindparam("created", type_=DateTime()),
                bindparam("saved_at", type_=DateTime(timezone=True)),
            ),
            {
                "scope_id": scope_id,
                "ref_id": dushanbe.ref_id,
                "section": f.section,
                "label": f.label,
                "locator": f.locator,
                "permalink": f.permalink,
                "text": f.text,
                "subject": dushanbe.subject,
                "created": dushanbe.created,
                "origin": dushanbe.origin,
                "classification": dushanbe.classification,
                "saved_at": SAVED_AT,
            },
        )
        item_id = (await connection.execute(text("SELECT id FROM desk_items"))).scalar_one()
        await connection.execute(
            text("INSERT INTO desk_item_tags (item_id, position, tag) VALUES (:id, 0, 'KCRM')"),
            {"id": item_id},
        )
        await connection.execute(
            text(
                "INSERT INTO desk_notes (scope_id, n, ref_id, section, label, locator, "
                "author_id, author_name, text, created_at) VALUES (:scope_id, 2, :ref_id, "
                ":section, :label, :locator, '111', 'Ann', 'from before', :created_at)"
            ).bindparams(bindparam("created_at", type_=DateTime(timezone=True))),
            {
                "scope_id": scope_id,
                "ref_id": dushanbe.ref_id,
                "section": f.section,
                "label": f.label,
                "locator": f.locator,
                "created_at": SAVED_AT,
            },
        )
    # What a revision 0002 desk remembered it showed: numbered from 1 then.
    await upgrade(engine, "0002")
    async with engine.begin() as connection:
        await connection.execute(
            text("UPDATE desk_scopes SET shown = :shown").bindparams(
                bindparam("shown", type_=JSON())
            ),
            {"shown": [entry_to_json(paragraph(dushanbe, "prevention.f"))]},
        )
    await engine.dispose()

    desk = await open_desk(settings)
    try:
        [item] = (await desk.list_items(HERE)).items
        assert (item.n, item.entry.text, item.saved_at) == (5, f.text, SAVED_AT)
        assert item.entry.cable.tags == ("KCRM",) and item.entry.cable.created == dushanbe.created
        [note] = await desk.notes_for(HERE, dushanbe.ref_id)
        assert (note.n, note.text, note.author) == (2, "from before", ANN)
        # What 0002 added works on the old desk, and numbering carries on.
        assert await desk.get_focus(HERE) is None
        await desk.set_focus(HERE, dushanbe.ref_id)
        assert await desk.get_focus(HERE) == dushanbe.ref_id
        [saved] = await desk.save(HERE, ANN, [paragraph(dushanbe, "prevention.g")], note="new")
        assert saved.item.n == 6 and saved.note is not None and saved.note.n == 3
        # What 0003 added: the old memory reads as numbered from 1, and `!save 1` saves it.
        shown = await desk.last_shown(HERE)
        assert shown == Shown((paragraph(dushanbe, "prevention.f"),), first=1)
        assert await desk.pick_shown(HERE, [1]) == list(shown.entries)
        await desk.remember_shown(HERE, [paragraph(dushanbe, "prevention.g")], first=11)
        assert (await desk.last_shown(HERE)).first == 11
    finally:
        await desk.close()

    engine = create_engine(database_url(settings))
    async with engine.connect() as connection:
        version = await connection.execute(text("SELECT version_num FROM alembic_version"))
        assert version.scalar_one() == "0003"
    await engine.dispose()


async def test_the_models_are_what_the_migrations_create(settings: Settings) -> None:
    engine = create_engine(database_url(settings))
    await upgrade(engine)
    try:
        async with engine.connect() as connection:
            differences = await connection.run_sync(
                lambda sync: compare_metadata(MigrationContext.configure(sync), Base.metadata)
            )
    finally:
        await engine.dispose()
    assert differences == []
