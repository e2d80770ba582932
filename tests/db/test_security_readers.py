"""Issue 10 items 2, 4 and 5: a downgrade that drops data asks first, grant-reader refuses
privileged roles, reader logins run under limits (migration 0004)."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator

import psycopg
import pytest
from click.testing import CliRunner, Result
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, Engine

from govperf.cli import cli
from govperf.cli import db as cli_module
from govperf.db import migrate
from govperf.db.config import libpq_url
from govperf.db.views import READER_ROLE


def invoke(db_url: URL, *args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(
        cli, ["--database-url", libpq_url(db_url, show_password=True), *args], input=stdin
    )


def add_document(engine: Engine, n: int = 1) -> None:
    with engine.begin() as conn:
        for i in range(n):
            conn.execute(
                text(
                    "INSERT INTO documents (source_sha256, source_name, genre, region_code, year,"
                    " original_text) VALUES (:sha, :name, 'perf_self_report', '110112', 2018, '…')"
                ),
                {"sha": hashlib.sha256(str(i).encode()).hexdigest(), "name": f"doc{i}.txt"},
            )


def count_documents(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.scalar(text("SELECT count(*) FROM documents")) or 0)


# -- item 2: db downgrade ------------------------------------------------------------------------


def test_downgrade_without_a_revision_goes_one_step_and_keeps_the_documents(
    db_url: URL, db_engine: Engine
) -> None:
    add_document(db_engine, 2)
    below_head = migrate.undone_by(db_url, "-2")[-1]  # whatever the revision below head is
    result = invoke(db_url, "db", "downgrade")
    assert result.exit_code == 0, result.output
    assert result.output == f"database at revision {below_head}\n"
    assert count_documents(db_engine) == 2


def test_downgrade_that_drops_documents_refuses_without_a_terminal(db_url: URL, db_engine: Engine) -> None:
    add_document(db_engine, 3)
    result = invoke(db_url, "db", "downgrade", "base")
    assert result.exit_code == 1
    assert result.output.count("\n") == 1
    assert "drops 3 documents" in result.output and "--yes" in result.output
    assert migrate.current(db_url) == migrate.head()
    assert count_documents(db_engine) == 3


@pytest.mark.parametrize(
    "answer, dropped",
    [("n\n", False), ("\n", False), ("y\n", True)],
    ids=["answer-n", "answer-empty", "answer-y"],
)
def test_downgrade_that_drops_documents_asks_on_a_terminal(
    db_url: URL, db_engine: Engine, monkeypatch: pytest.MonkeyPatch, answer: str, dropped: bool
) -> None:
    add_document(db_engine, 2)
    monkeypatch.setattr(cli_module, "_interactive", lambda: True)
    result = invoke(db_url, "db", "downgrade", "base", stdin=answer)
    assert "drops 2 documents" in result.output
    assert (result.exit_code == 0) is dropped
    assert (migrate.current(db_url) is None) is dropped


def test_downgrade_with_yes_drops_without_asking(db_url: URL, db_engine: Engine) -> None:
    add_document(db_engine, 1)
    result = invoke(db_url, "db", "downgrade", "base", "--yes")
    assert result.exit_code == 0, result.output
    assert result.output == "database at revision base\n"
    assert migrate.current(db_url) is None


def test_user_aliases_alone_count_as_data(db_url: URL, db_engine: Engine) -> None:
    with db_engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO region_aliases (alias, region_code, source) VALUES ('某新区', '110112', 'user')"
            )
        )
    assert migrate.data_at_risk(db_url, "base") == migrate.DataAtRisk(0, 1)
    assert not migrate.data_at_risk(db_url, "-1")
    assert invoke(db_url, "db", "downgrade", "base").exit_code == 1


# -- item 4: grant-reader refuses privileged roles -------------------------------------------------


@pytest.fixture
def role_name(db_engine: Engine) -> Iterator[str]:
    name = f"r_{uuid.uuid4().hex[:8]}"
    yield name
    with db_engine.begin() as conn:
        if conn.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}):
            conn.exec_driver_sql(f'DROP OWNED BY "{name}"')
            conn.exec_driver_sql(f'DROP ROLE "{name}"')


PRIVILEGED = {
    "superuser": ("CREATE ROLE {r} LOGIN SUPERUSER PASSWORD 'old-pw'", "is a superuser"),
    "createrole": ("CREATE ROLE {r} LOGIN CREATEROLE PASSWORD 'old-pw'", "can create roles"),
    "createdb": ("CREATE ROLE {r} LOGIN CREATEDB PASSWORD 'old-pw'", "can create databases"),
    "owns-a-table": (
        "CREATE ROLE {r} LOGIN PASSWORD 'old-pw'; CREATE TABLE {r}_t (x int); ALTER TABLE {r}_t OWNER TO {r}",
        "owns 1 database objects",
    ),
    "server-program": (
        "CREATE ROLE {r} LOGIN PASSWORD 'old-pw'; GRANT pg_execute_server_program TO {r}",
        "is a member of pg_execute_server_program",
    ),
}


def role_state(engine: Engine, name: str) -> tuple[object, ...]:
    with engine.connect() as conn:
        return tuple(
            conn.execute(
                text(
                    "SELECT rolpassword, rolconnlimit, pg_has_role(oid, :reader, 'MEMBER'),"
                    " (SELECT setconfig FROM pg_db_role_setting WHERE setrole = a.oid AND setdatabase = 0)"
                    " FROM pg_authid a WHERE rolname = :n"
                ),
                {"n": name, "reader": READER_ROLE},
            ).one()
        )


@pytest.mark.parametrize("case", list(PRIVILEGED), ids=list(PRIVILEGED))
def test_grant_reader_refuses_a_privileged_role_and_changes_nothing(
    db_url: URL, db_engine: Engine, role_name: str, case: str
) -> None:
    setup, reason = PRIVILEGED[case]
    with db_engine.begin() as conn:
        for statement in setup.format(r=role_name).split("; "):
            conn.exec_driver_sql(statement)
    before = role_state(db_engine, role_name)
    result = invoke(db_url, "grant-reader", role_name, "--password", "new-pw")
    assert result.exit_code == 1
    assert result.output.count("\n") == 1
    assert f"refusing to make {role_name} a reader login: it {reason}" in result.output
    assert role_state(db_engine, role_name) == before


def test_grant_reader_refuses_the_connected_superuser(db_url: URL, db_engine: Engine) -> None:
    me = db_url.username or "postgres"
    before = role_state(db_engine, me)
    result = invoke(db_url, "grant-reader", me, "--password", "new-pw")
    assert result.exit_code == 1
    assert "is a superuser" in result.output
    assert role_state(db_engine, me) == before


# -- item 5: reader limits -------------------------------------------------------------------------


def migrate_this_database_again(db_url: URL) -> None:
    """The test database is a clone of a migrated template; a clone does not inherit the template's
    database privileges, so 0004 is run again on it."""
    migrate.downgrade(db_url, "0003")
    migrate.upgrade(db_url, "head")


def reader_connection(db_url: URL, name: str, password: str) -> psycopg.Connection:
    host = str(db_url.query.get("host") or db_url.host)
    return psycopg.connect(host=host, port=db_url.port, user=name, password=password, dbname=db_url.database)


def test_a_new_reader_login_gets_the_limits_and_no_temp_tables(
    db_url: URL, db_engine: Engine, role_name: str
) -> None:
    migrate_this_database_again(db_url)
    result = invoke(db_url, "grant-reader", role_name, "--password", "pw-1")
    assert result.exit_code == 0, result.output
    with reader_connection(db_url, role_name, "pw-1") as conn:
        shown = {s: conn.execute(f"SHOW {s}").fetchone()[0] for s in ("statement_timeout", "temp_file_limit")}
        assert shown == {"statement_timeout": "2min", "temp_file_limit": "1GB"}
        assert conn.execute("SHOW idle_in_transaction_session_timeout").fetchone()[0] == "10min"
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("CREATE TEMP TABLE scratch (x int)")
        conn.rollback()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("CREATE FUNCTION pg_temp.f() RETURNS int LANGUAGE sql AS 'SELECT 1'")
        conn.rollback()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("CREATE TABLE public.scratch (x int)")
    with db_engine.connect() as conn:
        assert (
            conn.scalar(text("SELECT rolconnlimit FROM pg_roles WHERE rolname = :n"), {"n": role_name}) == 20
        )


def test_a_lowered_timeout_on_the_reader_role_reaches_new_logins_and_cancels(
    db_url: URL, db_engine: Engine, role_name: str
) -> None:
    with db_engine.begin() as conn:
        conn.exec_driver_sql(f"ALTER ROLE {READER_ROLE} SET statement_timeout = '1s'")
    try:
        assert invoke(db_url, "grant-reader", role_name, "--password", "pw-2").exit_code == 0
    finally:
        with db_engine.begin() as conn:
            conn.exec_driver_sql(f"ALTER ROLE {READER_ROLE} SET statement_timeout = '2min'")
    with reader_connection(db_url, role_name, "pw-2") as conn, pytest.raises(psycopg.errors.QueryCanceled):
        conn.execute("SELECT pg_sleep(5)")


def test_migration_gives_existing_logins_the_limits_and_keeps_their_own(
    db_url: URL, db_engine: Engine
) -> None:
    plain, tuned = f"r_{uuid.uuid4().hex[:8]}", f"r_{uuid.uuid4().hex[:8]}"
    migrate.downgrade(db_url, "0003")
    try:
        with db_engine.begin() as conn:
            for name in (plain, tuned):
                conn.exec_driver_sql(f"CREATE ROLE {name} LOGIN PASSWORD 'pw' IN ROLE {READER_ROLE}")
            conn.exec_driver_sql(f"ALTER ROLE {tuned} SET statement_timeout = '7s'")
        migrate.upgrade(db_url, "head")
        with db_engine.connect() as conn:
            settings = {
                name: conn.scalar(
                    text(
                        "SELECT setconfig FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole"
                        " WHERE r.rolname = :n AND s.setdatabase = 0"
                    ),
                    {"n": name},
                )
                for name in (plain, tuned)
            }
        assert "statement_timeout=2min" in settings[plain]
        assert "statement_timeout=7s" in settings[tuned] and "statement_timeout=2min" not in settings[tuned]
        assert "temp_file_limit=1GB" in settings[tuned]
    finally:
        with db_engine.begin() as conn:
            for name in (plain, tuned):
                conn.exec_driver_sql(f"DROP ROLE IF EXISTS {name}")


def test_downgrade_of_0004_removes_the_limits_and_gives_temp_back(db_url: URL) -> None:
    migrate_this_database_again(db_url)
    migrate.downgrade(db_url, "0003")
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            config = conn.scalar(
                text("SELECT setconfig FROM pg_db_role_setting WHERE setrole = CAST(:r AS regrole)"),
                {"r": READER_ROLE},
            )
            temp = conn.scalar(
                text("SELECT has_database_privilege(:r, current_database(), 'TEMP')"), {"r": READER_ROLE}
            )
    finally:
        engine.dispose()
        migrate.upgrade(db_url, "head")
    assert not config
    assert temp is True
