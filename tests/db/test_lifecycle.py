"""The database life cycle: created new, reopened, refused, damaged, and upgraded after a backup."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import stat
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import (
    Connection,
    Date,
    Engine,
    bindparam,
    create_engine,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, OperationalError

from lkoe_desktop.db import migrate
from lkoe_desktop.db.base import Base, UTCDateTime
from lkoe_desktop.db.engine import Database, make_engine
from lkoe_desktop.db.migrate import (
    HEAD,
    REVISIONS,
    current_revision,
    migration_connection,
    open_database,
)
from lkoe_desktop.db.models import Contact
from lkoe_desktop.domain import i18n
from lkoe_desktop.domain.errors import DatabaseOpenError
from lkoe_desktop.services import audit, contacts, partners
from lkoe_desktop.services.keys import (
    Keys,
    contact_keys,
    meeting_keys,
    organisation_keys,
    participation_keys,
    theme_keys,
)

PROJECT = Path(__file__).resolve().parents[2]
AT = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)
DAMAGED = "The database file is damaged"
NOT_OURS = "not an LKÖ Desktop database"


@pytest.fixture(autouse=True)
def _english() -> None:
    """Messages are checked in English (the conftest fixture puts Swedish back afterwards)."""
    i18n.set_language("en")


def _pg_admin_url() -> str | None:
    """The test server's maintenance database, `postgres`, reached as the test role."""
    url = os.environ.get("LKOE_TEST_PG_URL")
    if not url:
        return None
    parsed = make_url(url.replace("postgresql://", "postgresql+psycopg://", 1))
    return parsed.set(database="postgres").render_as_string(hide_password=False)


@contextmanager
def _new_pg_database(admin: str) -> Iterator[str]:
    """A new, empty PostgreSQL database of its own, dropped afterwards; yields its URL."""
    name = f"lkoe_lifecycle_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin).set(database=name).render_as_string(hide_password=False)
    finally:
        _drop_pg_database(engine, name)
        engine.dispose()


def _drop_pg_database(engine: Engine, name: str) -> None:
    """Drop a test database: end this role's own sessions on it first (WITH (FORCE) would also
    try to end an autovacuum worker, which only a superuser may), retrying while one runs."""
    for attempt in range(50):
        with engine.connect() as connection:
            connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :name AND usename = current_user "
                    "AND pid <> pg_backend_pid()"
                ),
                {"name": name},
            )
            try:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
                return
            except OperationalError:
                if attempt == 49:
                    raise
        time.sleep(0.1)


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The address of a database that does not exist yet (SQLite) or is empty (PostgreSQL)."""
    if request.param == "sqlite":
        (tmp_path / "kontor").mkdir()
        yield f"sqlite:///{tmp_path / 'kontor' / 'lkoe.sqlite3'}"
        return
    admin = _pg_admin_url()
    if admin is None:
        pytest.skip("LKOE_TEST_PG_URL is not set")
    with _new_pg_database(admin) as url:
        yield url


def _sqlite_file(url: str) -> Path | None:
    return Path(make_url(url).database or "") if url.startswith("sqlite") else None


def _backups(url: str) -> list[Path]:
    path = _sqlite_file(url)
    if path is None:
        return []
    return sorted(path.parent.glob(f"{path.stem}.before-upgrade-*{path.suffix}"))


def _open(url: str) -> Database:
    return open_database(url, user="testare")


# --- Seed data written with plain SQL, as the schema of a given revision takes it ------------


def _insert(connection: Connection, table: str, **values: object) -> int:
    columns, params = ", ".join(values), ", ".join(f":{name}" for name in values)
    key = "1" if table == "settings" or table.endswith("_themes") else "id"
    statement = text(f"INSERT INTO {table} ({columns}) VALUES ({params}) RETURNING {key}")
    for name, value in values.items():
        if isinstance(value, datetime):
            statement = statement.bindparams(bindparam(name, type_=UTCDateTime))
        elif isinstance(value, date):
            statement = statement.bindparams(bindparam(name, type_=Date))
    return int(connection.execute(statement, values).scalar_one())


def _seed(
    connection: Connection,
    stored: Callable[[Keys], Keys],
    place: str = "0580",
    partner: str = "partner",
) -> None:
    """A person with a job history, their organisation, a theme, a meeting, a group, a consent;
    with the keys of `services.keys` that the revision stores (`stored` picks them), the
    organisation's municipality as the revision keeps it (`place`: text before 0004, a code
    after) and the change log's name for a partner as the revision writes it (`partner`)."""
    stamps: dict[str, object] = {"created_at": AT, "updated_at": AT, "version": 1}
    name = "Östgöta Logistik AB"
    keys = stored(organisation_keys(name=name, org_number="556036-0793", municipality=place))
    org = _insert(
        connection, "organisations", name=name, org_number="556036-0793", sector="business",
        size_class="small", municipality=place, archived=False, **keys, **stamps,
    )  # fmt: skip
    _insert(
        connection, "change_log", at=AT, user_name="testare", entity=partner, entity_id=org,
        action="create", changes="{}",
    )  # fmt: skip
    keys = stored(organisation_keys(name="Hamnbolaget"))
    old = _insert(
        connection, "organisations", name="Hamnbolaget", size_class="unknown", archived=False,
        **keys, **stamps,
    )  # fmt: skip
    keys = stored(
        contact_keys(
            first_name="Åsa", last_name="Öberg", email="asa.oberg@example.se",
            phone="+4613123456", organisation=name, title="Logistikchef",
        )
    )  # fmt: skip
    person = _insert(
        connection, "contacts", first_name="Åsa", last_name="Öberg", email="asa.oberg@example.se",
        phone="+4613123456", gender="woman", language="sv", archived=False, **keys, **stamps,
    )  # fmt: skip
    times = {"created_at": AT, "updated_at": AT}
    _insert(
        connection, "affiliations", contact_id=person, organisation_id=old, title="Hamnchef",
        start_date=date(2020, 1, 1), end_date=date(2025, 12, 31), is_current=False, **times,
    )  # fmt: skip
    _insert(
        connection, "affiliations", contact_id=person, organisation_id=org, title="Logistikchef",
        start_date=date(2026, 1, 1), is_current=True, **times,
    )  # fmt: skip
    theme = _insert(
        connection, "themes", name="Bygglogistik", colour="#1F6FB2", responsible_id=person,
        archived=False, **stored(theme_keys(name="Bygglogistik")), **stamps,
    )  # fmt: skip
    _insert(connection, "organisation_themes", organisation_id=org, theme_id=theme)
    _insert(connection, "contact_themes", contact_id=person, theme_id=theme)
    meeting = _insert(
        connection, "meetings", title="Seminarium", kind="seminar", starts_at=AT,
        ends_at=AT.replace(hour=12), capacity=40, status="held", archived=False,
        **stored(meeting_keys(title="Seminarium")), **stamps,
    )  # fmt: skip
    _insert(connection, "meeting_themes", meeting_id=meeting, theme_id=theme)
    _insert(
        connection, "participations", meeting_id=meeting, contact_id=person, organisation_id=org,
        status="attended", role="participant", dietary_needs="Vegetarisk", checked_in_at=AT,
        **stored(participation_keys(dietary_needs="Vegetarisk")), **stamps,
    )  # fmt: skip
    group = _insert(
        connection, "groups", name="Styrgrupp", archived=False, sort_key="styrgrupp", **stamps
    )
    _insert(
        connection, "group_memberships", group_id=group, contact_id=person, role="Ordförande",
        since=date(2026, 1, 1), **times,
    )  # fmt: skip
    _insert(
        connection, "consents", contact_id=person, purpose="Nyhetsbrev", basis="consent",
        granted=True, decided_on=date(2026, 1, 10), recorded_at=AT, recorded_by="testare",
    )  # fmt: skip
    _insert(
        connection, "change_log", at=AT, user_name="testare", entity="contact",
        entity_id=person, action="create", changes="{}",
    )  # fmt: skip
    _insert(connection, "settings", key="office_name", value="Logistikkluster Östergötland")


def _seed_0001_initial(connection: Connection) -> None:
    _seed(
        connection,
        lambda keys: {k: keys[k] for k in ("sort_key", "search_text") if k in keys},
        place="Linköpings kommun",
        partner="organisation",
    )


def _before_0008(keys: Keys) -> Keys:
    """The keys without the phone numbers as shown, which 0008 added."""
    return {key: value for key, value in keys.items() if not key.endswith("_shown")}


def _seed_0003_column_sort_keys(connection: Connection) -> None:
    _seed(connection, _before_0008, place="Linköpings kommun", partner="organisation")


def _seed_0004_municipality_codes(connection: Connection) -> None:
    _seed(connection, _before_0008)


def _seed_0005_frozen_reports(
    connection: Connection, stored: Callable[[Keys], Keys] = _before_0008
) -> None:
    _seed(connection, stored)
    _insert(
        connection, "frozen_reports", period_from=date(2026, 1, 1), period_to=date(2026, 3, 31),
        frozen_at=AT, frozen_by="testare", figures="{}", participants="[]", checksum="0" * 64,
    )  # fmt: skip


def _seed_0007_import_batches(
    connection: Connection, stored: Callable[[Keys], Keys] = _before_0008
) -> None:
    _seed_0005_frozen_reports(connection, stored)
    batch = _insert(
        connection, "import_batches", kind="contacts", mode="fill", file_name="kontakter.csv",
        imported_at=AT, imported_by="testare", counts="{}", last_log_id=2,
    )  # fmt: skip
    _insert(
        connection, "import_batch_items", batch_id=batch, row=2, entity="contact", entity_id=1,
        action="create",
    )  # fmt: skip


def _seed_0009_reach_tables(connection: Connection) -> None:
    """The seed's reach tables as a refresh leaves them, and one edit noted since."""
    _seed_0007_import_batches(connection, stored=lambda keys: keys)
    person, meeting, theme, partner = (
        connection.execute(text(f"SELECT min(id) FROM {table}")).scalar()
        for table in ("contacts", "meetings", "themes", "organisations")
    )
    rows = {
        "reach_people": {"contact_id": person, "first_at": AT, "gender": "woman"},
        "reach_organisations": {"org_key": "556036-0793", "first_at": AT, "record_id": partner}
        | {"sector": "business", "size_class": "small", "municipality": "0580"},
        "reach_theme_organisations": {
            "theme_id": theme,
            "org_key": "556036-0793",
            "first_at": AT,
            "record_id": partner,
            "sector": "business",
        },
        "reach_meetings": {"meeting_id": meeting, "participations": 1},
        "reach_pending": {"kind": "contact", "subject": str(person)},
        "reach_state": {"id": 1, "own_partner_id": 0},
    }
    for table, values in rows.items():
        columns, params = ", ".join(values), ", ".join(f":{name}" for name in values)
        statement = text(f"INSERT INTO {table} ({columns}) VALUES ({params})")
        if "first_at" in values:
            statement = statement.bindparams(bindparam("first_at", type_=UTCDateTime))
        connection.execute(statement, values)


# When a revision stops being the newest, add seed data for it here: a test fails until then.
SEEDS: dict[str, Callable[[Connection], None]] = {
    "0001_initial": _seed_0001_initial,
    "0002_search_scan_indexes": _seed_0001_initial,  # added indexes only: the same rows fit
    "0003_column_sort_keys": _seed_0003_column_sort_keys,
    "0004_municipality_codes": _seed_0004_municipality_codes,
    "0005_frozen_reports": _seed_0005_frozen_reports,
    "0006_installation_id": _seed_0005_frozen_reports,  # one settings row more: the same fit
    "0007_import_batches": _seed_0007_import_batches,
    "0008_phone_shown": partial(_seed_0007_import_batches, stored=lambda keys: keys),
    "0009_reach_tables": _seed_0009_reach_tables,
}


def _row_counts(url: str) -> dict[str, int]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            tables = [t for t in Base.metadata.sorted_tables if t.name in _tables(connection)]
            return {
                table.name: connection.execute(text(f"SELECT count(*) FROM {table.name}")).scalar()
                for table in tables
            }
    finally:
        engine.dispose()


def _tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


def _database_at(url: str, revision: str) -> dict[str, int]:
    """A new database migrated to `revision` only, with that revision's seed data in it."""
    path = _sqlite_file(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(url)
    try:
        migrate.upgrade(engine, revision)
        with engine.begin() as connection:
            SEEDS[revision](connection)
    finally:
        engine.dispose()
    return _row_counts(url)


def _check_seed_data(database: Database) -> None:
    """The seeded person, their job history and organisation are there, searchable, writable."""
    with database.reading() as session:
        found = contacts.list_contacts(session, contacts.ContactFilter(search="östgöta"))
        assert [(row.first_name, row.last_name, row.organisation) for row in found] == [
            ("Åsa", "Öberg", "Östgöta Logistik AB")
        ]
        person = contacts.get_contact(session, found[0].id)
        assert [a.organisation for a in person.affiliations] == [
            "Hamnbolaget",
            "Östgöta Logistik AB",
        ]
        assert person.current is not None and person.current.title == "Logistikchef"
        assert contacts.count_contacts(session, contacts.ContactFilter(search="013-12 34")) == 1
        shown = select(Contact.phone_shown).where(Contact.id == found[0].id)
        assert session.scalar(shown) == "013-12 34 56"  # made by 0008 for numbers stored before
        named = partners.list_partners(session, partners.PartnerFilter(search="5560360793"))
        assert [row.name for row in named] == ["Östgöta Logistik AB"]
        assert named[0].municipality == "0580"  # "Linköpings kommun" before 0004
        by_place = partners.list_partners(session, partners.PartnerFilter(search="linköping"))
        assert [row.name for row in by_place] == ["Östgöta Logistik AB"]
        assert [c.action for c in audit.history(session, "partner", named[0].id)] == ["create"]
    with database.unit_of_work() as session:
        later = partners.create_partner(session, {"name": "Uppgraderingsbolaget"})
        contacts.create_contact(
            session, {"first_name": "Ny", "last_name": "Person", "organisation_id": later.id}
        )
    with database.reading() as session:
        assert contacts.count_contacts(session, contacts.ContactFilter(search="uppgrad")) == 1


# --- A new database ----------------------------------------------------------------------------


def test_a_path_that_does_not_exist_becomes_a_private_database_at_the_newest_schema(
    tmp_path: Path,
) -> None:
    path = tmp_path / "ny mapp" / "lkoe.sqlite3"
    path.parent.mkdir()
    database = _open(f"sqlite:///{path}")
    try:
        assert path.is_file()
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert current_revision(database.engine) == HEAD
        with database.engine.connect() as connection:
            assert set(Base.metadata.tables) <= _tables(connection)
        with database.unit_of_work() as session:
            partners.create_partner(session, {"name": "Första partnern"})
        for companion in path.parent.glob(f"{path.name}-*"):
            assert stat.S_IMODE(companion.stat().st_mode) == 0o600, companion.name
    finally:
        database.dispose()


def test_a_new_database_on_either_engine_is_at_the_newest_schema(fresh_url: str) -> None:
    database = _open(fresh_url)
    try:
        assert current_revision(database.engine) == HEAD
        with database.reading() as session:
            assert partners.count_partners(session) == 0
    finally:
        database.dispose()


def _pragmas(connection: Connection) -> tuple[object, ...]:
    return tuple(
        connection.exec_driver_sql(f"PRAGMA {name}").scalar()
        for name in ("journal_mode", "foreign_keys", "busy_timeout", "synchronous")
    )


def test_sqlite_pragmas_hold_on_every_connection(tmp_path: Path) -> None:
    database = _open(f"sqlite:///{tmp_path / 'lkoe.sqlite3'}")
    try:
        with database.engine.connect() as first, database.engine.connect() as second:
            seen = [_pragmas(first), _pragmas(second)]
        with database.unit_of_work() as session:
            seen.append(_pragmas(session.connection()))
        database.engine.dispose()
        with database.reading() as session:
            seen.append(_pragmas(session.connection()))
    finally:
        database.dispose()
    for journal_mode, foreign_keys, busy_timeout, synchronous in seen:
        assert journal_mode == "wal"
        assert foreign_keys == 1
        assert isinstance(busy_timeout, int) and busy_timeout > 0
        assert synchronous == 2  # FULL


OPEN_AND_REPORT = """
import sys
from lkoe_desktop.db.migrate import open_database
open_database(sys.argv[1]).dispose()
print("alembic" in sys.modules)
"""


def _alembic_was_needed(url: str) -> bool:
    """Open `url` in a fresh process and tell whether Alembic had to be loaded."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(PROJECT), *sys.path])}
    done = subprocess.run(
        [sys.executable, "-c", OPEN_AND_REPORT, url],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    return done.stdout.strip() == "True"


def test_opening_again_does_not_migrate_again(fresh_url: str) -> None:
    assert _alembic_was_needed(fresh_url)
    counts = _row_counts(fresh_url)
    assert not _alembic_was_needed(fresh_url)
    assert _row_counts(fresh_url) == counts
    assert _backups(fresh_url) == []


def test_revisions_in_migrate_are_the_alembic_scripts_oldest_first() -> None:
    scripts = ScriptDirectory(str(migrate.MIGRATIONS_DIR))
    assert scripts.get_heads() == [HEAD], "one line of revisions, ending at migrate.HEAD"
    oldest_first = [script.revision for script in scripts.walk_revisions()][::-1]
    assert tuple(oldest_first) == REVISIONS, "add every new revision to migrate.REVISIONS"
    assert REVISIONS[-1] == HEAD


# --- Refusals ------------------------------------------------------------------------------------


def test_a_database_written_by_a_newer_program_is_refused_and_left_alone(fresh_url: str) -> None:
    _open(fresh_url).dispose()
    engine = make_engine(fresh_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()
    with pytest.raises(DatabaseOpenError, match="newer version of LKÖ Desktop") as refused:
        _open(fresh_url)
    assert "9999_future" in str(refused.value)
    engine = make_engine(fresh_url)
    try:
        assert current_revision(engine) == "9999_future"
    finally:
        engine.dispose()
    assert _backups(fresh_url) == []


@pytest.mark.parametrize(
    "content",
    [
        random.Random(1).randbytes(8192),
        "Förnamn;Efternamn;E-post\nÅsa;Öberg;asa@example.se\n".encode("cp1252"),
        b"hej",
    ],
    ids=["random-bytes", "csv-text", "tiny-text"],
)
def test_a_file_that_is_not_a_database_is_refused_and_left_alone(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "kontakter.sqlite3"
    path.write_bytes(content)
    with pytest.raises(DatabaseOpenError, match=NOT_OURS):
        _open(f"sqlite:///{path}")
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_a_database_of_another_program_is_refused_and_left_alone(fresh_url: str) -> None:
    engine = create_engine(fresh_url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE kunder (id INTEGER PRIMARY KEY, namn TEXT)"))
        connection.execute(text("INSERT INTO kunder (id, namn) VALUES (1, 'Åsa')"))
    engine.dispose()
    with pytest.raises(DatabaseOpenError, match=NOT_OURS):
        _open(fresh_url)
    engine = create_engine(fresh_url)
    try:
        with engine.connect() as connection:
            assert _tables(connection) == {"kunder"}
    finally:
        engine.dispose()


def test_a_damaged_database_is_refused_when_verified(tmp_path: Path) -> None:
    """Damage inside a table's pages shows when every page is read (`verify`, upgrades)."""
    path = tmp_path / "lkoe.sqlite3"
    database = _open(f"sqlite:///{path}")
    rows = [
        {"n": f"Person {i}", "s": f"person {i:05}", "t": f"person {i} " + "x" * 60}
        for i in range(3000)
    ]
    with database.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO contacts (first_name, last_name, language, archived, sort_key, "
                "search_text, created_at, updated_at, version) VALUES (:n, 'Svensson', 'sv', "
                "0, :s, :t, '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1)"
            ),
            rows,
        )
        leaves = (
            connection.exec_driver_sql(
                "SELECT pageno FROM dbstat WHERE name = 'contacts' AND pagetype = 'leaf' "
                "ORDER BY pageno"
            )
            .scalars()
            .all()
        )
        page_size = connection.exec_driver_sql("PRAGMA page_size").scalar_one()
    database.dispose()
    assert not path.with_name(path.name + "-wal").exists(), "closing checkpoints the WAL"
    assert len(leaves) > 20
    garbage = random.Random(2)
    with path.open("r+b") as handle:
        for page in leaves[len(leaves) // 2 : len(leaves) // 2 + 3]:
            handle.seek((page - 1) * page_size)
            handle.write(garbage.randbytes(page_size))
    with pytest.raises(DatabaseOpenError, match=DAMAGED):
        open_database(f"sqlite:///{path}", user="testare", verify=True)


def test_a_database_with_a_damaged_schema_page_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "lkoe.sqlite3"
    _open(f"sqlite:///{path}").dispose()
    with path.open("r+b") as handle:
        handle.seek(100)  # page 1 after the 100-byte file header: the schema's b-tree
        handle.write(random.Random(3).randbytes(1000))
    with pytest.raises(DatabaseOpenError, match=DAMAGED):
        _open(f"sqlite:///{path}")


# --- Upgrades ------------------------------------------------------------------------------------


def test_every_revision_that_can_be_upgraded_from_has_seed_data() -> None:
    missing = [revision for revision in REVISIONS[:-1] if revision not in SEEDS]
    assert not missing, f"add seed data for {missing} to SEEDS in this file"


@pytest.mark.parametrize("revision", sorted(SEEDS))
def test_seed_data_is_valid_at_its_revision(fresh_url: str, revision: str) -> None:
    counts = _database_at(fresh_url, revision)
    assert all(counts[table] for table in counts), counts


def _upgrade_and_check(url: str, revision: str) -> None:
    """Seed a database at `revision`, open it, and check the upgrade, the data and the backup."""
    counts = _database_at(url, revision)
    database = _open(url)
    try:
        assert current_revision(database.engine) == migrate.HEAD
        after = _row_counts(url)
        expected = dict(counts)
        if revision < "0006_installation_id":  # the upgrade gives the database its id
            expected["settings"] += 1
        assert {table: after[table] for table in counts} == expected
        _check_seed_data(database)
    finally:
        database.dispose()
    path = _sqlite_file(url)
    if path is not None:
        [backup] = _backups(url)
        assert stat.S_IMODE(backup.stat().st_mode) == 0o600
        saved = sqlite3.connect(backup)
        try:
            assert saved.execute("SELECT version_num FROM alembic_version").fetchone() == (
                revision,
            )
            assert saved.execute("SELECT count(*) FROM affiliations").fetchone() == (
                counts["affiliations"],
            )
        finally:
            saved.close()


OLDER = [pytest.param(revision, id=revision) for revision in REVISIONS[:-1]] or [
    pytest.param(None, id="none-yet", marks=pytest.mark.skip(reason=f"{HEAD} is the only revision"))
]


@pytest.mark.parametrize("revision", OLDER)
def test_an_older_database_is_backed_up_then_upgraded_with_its_data(
    fresh_url: str, revision: str
) -> None:
    _upgrade_and_check(fresh_url, revision)


def test_an_empty_database_is_brought_to_the_newest_schema_and_keeps_what_is_written(
    fresh_url: str,
) -> None:
    database = _open(fresh_url)
    try:
        with database.unit_of_work() as session:
            org = partners.create_partner(session, {"name": "Östgöta Logistik AB"})
            contacts.create_contact(
                session,
                {"first_name": "Åsa", "last_name": "Öberg", "organisation_id": org.id},
            )
    finally:
        database.dispose()
    reopened = _open(fresh_url)
    try:
        assert current_revision(reopened.engine) == HEAD
        with reopened.reading() as session:
            [row] = contacts.list_contacts(session, contacts.ContactFilter(search="östgöta"))
            assert (row.first_name, row.last_name, row.organisation) == (
                "Åsa",
                "Öberg",
                "Östgöta Logistik AB",
            )
    finally:
        reopened.dispose()
    assert _backups(fresh_url) == []


# A later revision written the way a real one must be: it rebuilds the contacts table (as
# Alembic's batch mode does on SQLite), so it has to put back the SQLite search triggers and the
# expression index that reflection cannot copy.
LATER_REVISION = '''"""Test only: a later revision that rebuilds the contacts table."""

import sqlalchemy as sa
from alembic import op

from lkoe_desktop.db.search_index import create_sqlite_triggers

revision = "{revision}"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    {body}
    with op.batch_alter_table("contacts", recreate="always" if sqlite else "auto") as batch:
        batch.add_column(sa.Column("nickname", sa.String(200), nullable=True))
    if sqlite:
        create_sqlite_triggers(op.get_bind(), "contacts")
        op.create_index(
            "uq_contacts_email_lower", "contacts", [sa.text("lower(email)")], unique=True
        )


def downgrade() -> None:
    raise NotImplementedError
'''


# Rebuilding a table on SQLite cannot copy an expression index: the revision puts it back.
REBUILD_WARNING = "ignore:Skipped unsupported reflection of expression-based index"


@pytest.fixture
def later_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], str]:
    """Install a copy of the migrations with one more revision; returns that revision's id."""

    def install(body: str = "pass") -> str:
        scripts = tmp_path / "migrations"
        shutil.copytree(
            migrate.MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__")
        )
        revision = "9000_test_later"
        source = LATER_REVISION.format(revision=revision, down=HEAD, body=body)
        (scripts / "versions" / f"{revision}.py").write_text(source, encoding="utf-8")
        monkeypatch.setattr(migrate, "MIGRATIONS_DIR", scripts)
        monkeypatch.setattr(migrate, "REVISIONS", (*REVISIONS, revision))
        monkeypatch.setattr(migrate, "HEAD", revision)
        return revision

    return install


@pytest.mark.filterwarnings(REBUILD_WARNING)
def test_upgrading_to_a_later_revision_backs_up_first_and_keeps_every_row(
    fresh_url: str, later_revision: Callable[..., str]
) -> None:
    later_revision()
    _upgrade_and_check(fresh_url, HEAD)
    database = _open(fresh_url)
    try:
        with database.engine.connect() as connection:
            columns = {c["name"] for c in inspect(connection).get_columns("contacts")}
        assert "nickname" in columns
        with pytest.raises(IntegrityError), database.unit_of_work() as session:
            session.execute(
                text(
                    "INSERT INTO contacts (first_name, last_name, email, language, archived, "
                    "sort_key, search_text, created_at, updated_at, version) VALUES ('A', 'B', "
                    "'ASA.OBERG@example.se', 'sv', false, 'b', 'a b', :at, :at, 1)"
                ).bindparams(bindparam("at", type_=UTCDateTime)),
                {"at": AT},
            )
    finally:
        database.dispose()


@pytest.mark.filterwarnings(REBUILD_WARNING)
def test_a_failed_upgrade_changes_nothing(
    fresh_url: str, later_revision: Callable[..., str]
) -> None:
    counts = _database_at(fresh_url, HEAD)
    engine = make_engine(fresh_url)
    with engine.connect() as connection:
        tables = _tables(connection)
    engine.dispose()
    later_revision(
        'op.create_table("half_done", sa.Column("id", sa.Integer, primary_key=True))\n'
        '    op.execute("SELECT no_such_function()")'
    )
    with pytest.raises(DatabaseOpenError):
        _open(fresh_url)
    engine = make_engine(fresh_url)
    try:
        assert current_revision(engine) == REVISIONS[-1]
        with engine.connect() as connection:
            assert _tables(connection) == tables
            if engine.dialect.name == "sqlite":
                assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        engine.dispose()
    assert _row_counts(fresh_url) == counts


def test_a_migration_that_leaves_a_dangling_reference_is_rolled_back(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'lkoe.sqlite3'}"
    _database_at(url, HEAD)
    engine = make_engine(url)
    try:
        with pytest.raises(DatabaseOpenError), migration_connection(engine) as connection:
            connection.execute(text("DELETE FROM organisations"))
        with engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM organisations")).scalar() == 2
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        engine.dispose()
