"""The reader role and credentials.

Decision (docs/reliability.md, "Permissions"): ``govperf_reader`` sees the public views and the
reference tables, nothing else.  The stored original text (``documents.original_text``) is
internal: no view exposes it, readers get the sentence around each number (``snippet``) instead.
The reader cannot write, create or alter anything, and cannot see other schemas.  A password is
never printed (unless ``--show-password``) and never part of an error message.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, Connection, Engine
from sqlalchemy.exc import DBAPIError, ProgrammingError

from govperf.cli import cli
from govperf.db import engine as db
from govperf.db.config import libpq_url, normalize_url
from govperf.db.models import REFERENCE_TABLES
from govperf.db.schema import PRIVATE_SCHEMA
from govperf.db.views import READER_ROLE, VIEWS
from govperf.load.importer import import_paths
from govperf.load.results import ImportOptions

FIXTURES = Path(__file__).parents[1] / "fixtures" / "documents"
DENIED = r"permission denied|must be owner"

# every relation of govperf's two schemas, named with its schema (the reader cannot resolve an
# unqualified name in the private schema, so a check on it must not depend on the search_path)
RELATIONS = text(
    f"""
    SELECT n.nspname || '.' || c.relname, c.relkind, c.oid
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname IN ('public', '{PRIVATE_SCHEMA}') AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
    ORDER BY 1
    """
)


@pytest.fixture
def loaded(db_engine: Engine) -> Engine:
    report = import_paths(db_engine, [str(FIXTURES)], ImportOptions())
    assert not report.failed
    return db_engine


@pytest.fixture
def reader(loaded: Engine) -> Iterator[Connection]:
    """A connection acting as the reader role (SET ROLE), on a database with documents."""
    with loaded.connect() as conn:
        conn.execute(text(f"SET ROLE {READER_ROLE}"))
        yield conn
        conn.rollback()


def denied(conn: Connection, statement: str) -> bool:
    """Whether ``statement`` fails (in a savepoint, so the next can run).  Any failure counts: a
    view that is not updatable refuses an INSERT before privileges are checked; the privilege
    itself is checked exactly by ``has_*_privilege`` in the tests."""
    savepoint = conn.begin_nested()
    try:
        conn.exec_driver_sql(statement)
    except DBAPIError:
        savepoint.rollback()
        return True
    savepoint.rollback()
    return False


def test_reader_reads_the_views_and_reference_tables_and_nothing_else(loaded: Engine) -> None:
    """Also guards later migrations: default privileges grant SELECT on every *new* table, so a
    migration adding an internal table must revoke it (this test fails until it does)."""
    with loaded.connect() as conn:
        relations = conn.execute(RELATIONS).all()
        readable = {
            name
            for name, _kind, _oid in relations
            if conn.scalar(
                text("SELECT has_table_privilege(:r, :t, 'SELECT')"), {"r": READER_ROLE, "t": name}
            )
        }
    public = {f"public.{name}" for name in (*VIEWS, *REFERENCE_TABLES)}
    assert readable == public | (readable & _views(relations))
    internal = {"documents", "tasks", "observations", "category_results", "alembic_version"}
    assert {f"{PRIVATE_SCHEMA}.{name}" for name in internal}.isdisjoint(readable)


def _views(relations: list[tuple[str, str, int]]) -> set[str]:
    return {name for name, kind, _oid in relations if kind in ("v", "m")}


def test_reader_cannot_write_any_relation(reader: Connection) -> None:
    relations = reader.execute(RELATIONS).all()
    allowed = []
    for name, kind, oid in relations:
        if kind == "S":
            statements = [f"SELECT nextval('{name}')", f"SELECT setval('{name}', 1)"]
        else:
            statements = [
                f"INSERT INTO {name} DEFAULT VALUES",
                f"UPDATE {name} SET {_first_column(reader, name)} = NULL",
                f"DELETE FROM {name}",
                f"TRUNCATE {name}",
                f"ALTER TABLE {name} RENAME TO {name}_x",
                f"DROP {'VIEW' if kind == 'v' else 'TABLE'} {name}",
                f"COMMENT ON TABLE {name} IS 'x'",
            ]
        allowed += [s for s in statements if not denied(reader, s)]
        privileges = "INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER" if kind != "S" else "UPDATE"
        function = "has_table_privilege" if kind != "S" else "has_sequence_privilege"
        for privilege in privileges.split(", "):
            # by oid: a name in the private schema cannot even be looked up by the reader
            if reader.scalar(text(f"SELECT {function}(CAST(:o AS oid), :p)"), {"o": oid, "p": privilege}):
                allowed.append(f"{privilege} on {name}")
    assert allowed == []
    assert len(relations) >= len(VIEWS) + len(REFERENCE_TABLES) + 4


def _first_column(conn: Connection, relation: str) -> str:
    query = text(
        "SELECT a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
        " JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE n.nspname || '.' || c.relname = :r AND a.attnum = 1"
    )
    return str(conn.scalar(query, {"r": relation}))


# (ALTER DEFAULT PRIVILEGES is allowed to every role for its own objects, and the reader has none.)
CREATES = [
    "CREATE TABLE public.reader_table (x int)",
    "CREATE VIEW public.reader_view AS SELECT 1 AS x",
    "CREATE SCHEMA reader_schema",
    "CREATE FUNCTION public.reader_f() RETURNS int LANGUAGE sql AS 'SELECT 1'",
    "CREATE INDEX reader_index ON govperf_private.documents (year)",
    "CREATE INDEX reader_index ON metrics (name)",
    "CREATE SEQUENCE public.reader_seq",
    "CREATE TYPE public.reader_type AS (x int)",
    "CREATE OR REPLACE FUNCTION public.now() RETURNS timestamptz LANGUAGE sql AS 'SELECT now()'",
    "CREATE ROLE reader_made_role",
    "CREATE DATABASE reader_db",
    "SELECT set_config('default_transaction_read_only', 'off', false); CREATE TABLE rt (x int)",
]


def test_reader_cannot_create_anywhere(reader: Connection) -> None:
    assert [s for s in CREATES if not denied(reader, s)] == []
    schemas = reader.scalars(
        text("SELECT nspname FROM pg_namespace WHERE has_schema_privilege(oid, 'CREATE')")
    ).all()
    assert [s for s in schemas if not s.startswith("pg_temp") and not s.startswith("pg_toast_temp")] == []
    assert reader.scalar(text("SELECT has_database_privilege(current_database(), 'CREATE')")) is False


def test_the_stored_original_text_is_internal(reader: Connection) -> None:
    assert denied(reader, "SELECT original_text FROM govperf_private.documents")
    assert denied(reader, "SELECT * FROM govperf_private.documents")
    with_text = []
    for view in VIEWS:
        columns = reader.execute(text(f"SELECT * FROM {view} LIMIT 0")).keys()
        with_text += [f"{view}.{c}" for c in columns if "original" in c or c == "text"]
        rows = reader.execute(text(f"SELECT * FROM {view}")).all()
        longest = max((len(v) for row in rows for v in row if isinstance(v, str)), default=0)
        assert longest < 400, (view, longest)  # a snippet or a title, never a whole document
    assert with_text == []
    assert reader.scalar(text("SELECT count(*) FROM v_observations WHERE snippet <> ''")) > 50


def test_reader_cannot_see_other_schemas(loaded: Engine) -> None:
    schema = f"other_app_{uuid.uuid4().hex[:6]}"
    with loaded.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
        conn.exec_driver_sql(f"CREATE TABLE {schema}.secrets (token text)")
        conn.exec_driver_sql(f"INSERT INTO {schema}.secrets VALUES ('hunter2')")
    with loaded.connect() as conn:
        conn.execute(text(f"SET ROLE {READER_ROLE}"))
        assert denied(conn, f"SELECT * FROM {schema}.secrets")
        listed = conn.scalars(text("SELECT DISTINCT table_schema FROM information_schema.tables")).all()
        assert set(listed) <= {"public", "pg_catalog", "information_schema"}
        public = set(
            conn.scalars(
                text("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
            )
        )
        assert public == set(VIEWS) | set(REFERENCE_TABLES)
        conn.rollback()


# --- credentials -------------------------------------------------------------------------------

PASSWORD = "Pw-s3cret-9f2"


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner(env=env).invoke(cli, list(args), input="")


@pytest.mark.parametrize(
    ("given", "masked"),
    [
        (
            f"postgresql://gp:{PASSWORD}@db.example:5432/govperf",
            "postgresql://gp:***@db.example:5432/govperf",
        ),
        (f"postgresql://gp@db.example/govperf?password={PASSWORD}", "postgresql://gp:***@db.example/govperf"),
        (
            f"postgresql+psycopg://gp:{PASSWORD}@/govperf?host=/run/pg",
            "postgresql://gp:***@/govperf?host=%2Frun%2Fpg",
        ),
        (
            f"host=db.example user=gp password={PASSWORD} dbname=govperf",
            "postgresql://gp:***@db.example/govperf",
        ),
    ],
    ids=["url", "query-parameter", "socket", "keywords"],
)
def test_db_url_masks_the_password_unless_asked(given: str, masked: str) -> None:
    shown = run("db", "url", env={"GOVPERF_DATABASE_URL": given})
    assert shown.output == masked + "\n"
    revealed = run("--database-url", given, "db", "url", "--show-password")
    assert PASSWORD in revealed.output
    assert normalize_url(revealed.output.strip()) == normalize_url(given)


MALFORMED = [
    f"postgresql://gp:{PASSWORD}@db.example:notaport/govperf",
    f"postgresql://gp:{PASSWORD}@[::1/govperf",
    f"mysql://gp:{PASSWORD}@db.example/govperf",
    f"host=/tmp password={PASSWORD} dbname",
    f"postgresql://gp:{PASSWORD}@127.0.0.1:9/govperf?sslmode=bogus",
    f"postgresql://gp:{PASSWORD}@127.0.0.1:9/govperf?connect_timeout=x",
    f"postgresql://gp:{PASSWORD}@127.0.0.1:99999/govperf",
]


@pytest.mark.parametrize("url", MALFORMED, ids=range(len(MALFORMED)))
@pytest.mark.parametrize("command", [("db", "url"), ("documents",), ("db", "current")], ids=" ".join)
def test_a_bad_url_is_one_line_without_the_password(url: str, command: tuple[str, ...]) -> None:
    result = run("--database-url", url, *command)
    output = result.output  # stdout and stderr, interleaved
    assert output.count("\n") == 1, output
    if command == ("db", "url") and result.exit_code == 0:  # well-formed; fails only on connecting
        assert output.startswith("postgresql://gp:***@")
    else:
        assert result.exit_code == 1 and output.startswith("Error: "), output
    assert PASSWORD not in output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_driver_messages_are_scrubbed_of_known_passwords() -> None:
    normalize_url(f"postgresql://gp:{PASSWORD}@db.example/govperf")
    error = DBAPIError(
        "SELECT 1", {}, Exception(f'FATAL: role "gp" with password "{PASSWORD}" refused\nDETAIL')
    )
    assert db.describe_error(error) == 'FATAL: role "gp" with password "***" refused'


@pytest.fixture
def password_login(db_engine: Engine, db_url: URL, pg_server: object) -> Iterator[str]:
    """A login that must give its password: a pg_hba.conf rule for it (local, embedded server only)."""
    name = f"pw_{uuid.uuid4().hex[:8]}"
    with db_engine.begin() as conn:
        hba = Path(str(conn.scalar(text("SHOW hba_file"))))
        conn.exec_driver_sql(f"CREATE ROLE {name} LOGIN PASSWORD '{PASSWORD}' IN ROLE {READER_ROLE}")
    if os.environ.get("GOVPERF_TEST_DATABASE_URL") or not hba.is_file():
        pytest.skip("needs the embedded test server's pg_hba.conf")
    saved = hba.with_name("pg_hba.conf.govperf-test")
    shutil.copy2(hba, saved)
    try:
        rules = f"local all {name} scram-sha-256\nhost all {name} all scram-sha-256\n"
        hba.write_text(rules + saved.read_text())
        _reload(db_engine)
        yield name
    finally:
        shutil.copy2(saved, hba)
        saved.unlink()
        _reload(db_engine)
        with db_engine.begin() as conn:
            conn.exec_driver_sql(f"DROP ROLE IF EXISTS {name}")


def _reload(engine: Engine) -> None:
    with engine.connect() as conn:
        assert conn.scalar(text("SELECT pg_reload_conf()")) is True


def test_a_wrong_password_is_one_line_without_either_password(db_url: URL, password_login: str) -> None:
    right = libpq_url(db_url.set(username=password_login, password=PASSWORD), show_password=True)
    wrong = libpq_url(db_url.set(username=password_login, password="Wr0ng-pw-771"), show_password=True)
    missing = libpq_url(db_url.set(username=password_login, password=None), show_password=True)

    assert run("--database-url", right, "documents").exit_code == 0  # the rule is in force
    for url, reason in ((wrong, f'password authentication failed for user "{password_login}"'),
                        (missing, "no password supplied")):  # fmt: skip
        result = run("--database-url", url, "documents")
        output = result.output
        assert result.exit_code == 1 and output.count("\n") == 1, output
        assert output.startswith("Error: database error: ") and reason in output, output
        assert PASSWORD not in output and "Wr0ng-pw-771" not in output
    login = create_engine(db_url.set(username=password_login, password=PASSWORD))
    try:
        with login.connect() as conn, pytest.raises(ProgrammingError, match=DENIED):
            conn.execute(text("DELETE FROM govperf_private.observations"))
    finally:
        login.dispose()


def test_grant_reader_never_prints_the_login_password(db_url: URL, db_engine: Engine) -> None:
    name = f"bi_{uuid.uuid4().hex[:8]}"
    admin = libpq_url(db_url, show_password=True)
    try:
        given = run("--database-url", admin, "grant-reader", name, "--password", PASSWORD)
        env = {"GOVPERF_READER_PASSWORD": PASSWORD}
        from_env = run("--database-url", admin, "grant-reader", name, env=env)
        for result in (given, from_env):
            assert result.exit_code == 0, result.output
            assert PASSWORD not in result.output
        login = create_engine(db_url.set(username=name, password=PASSWORD))
        try:
            with login.connect() as conn:
                assert conn.scalar(text("SELECT count(*) FROM v_documents")) == 0
                assert denied(conn, "INSERT INTO metric_aliases (alias, metric_code) VALUES ('x', 'gdp')")
                assert denied(conn, "SELECT original_text FROM govperf_private.documents")
        finally:
            login.dispose()
    finally:
        with db_engine.begin() as conn:
            conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{name}"')
