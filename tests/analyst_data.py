"""The analyst fixture database: tests/fixtures/analyst imported once per test module.

Shared by the view tests (tests/db) and the CLI and docs tests (tests/cli); a test module takes
it with ``analyst_url = analyst_data.analyst_url``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import URL, Engine

from govperf.db import migrate
from govperf.db.config import DRIVER
from govperf.load.importer import import_paths
from govperf.load.results import ImportOptions

FIXTURES = Path(__file__).parent / "fixtures" / "analyst"
# the nation, 安徽 and 福建 and counties of 安徽, two years each (tests/db/test_targets_views.py)
TARGET_DOCUMENTS = [
    Path(__file__).parent / "fixtures" / "national",
    Path(__file__).parent / "fixtures" / "targets",
]


def url_for(host: str, port: int, user: str, dbname: str, password: str | None) -> URL:
    """SQLAlchemy URL of a database on the test server (TCP, or a Unix socket directory)."""
    if host.startswith("/"):
        return URL.create(DRIVER, user, password, None, port, dbname, query={"host": host})
    return URL.create(DRIVER, user, password, host, port, dbname)


def _admin(server: Any) -> psycopg.Connection:
    return psycopg.connect(
        host=server.host,
        port=server.port,
        user=server.user,
        password=server.password,
        dbname=server.maintenance_dbname,
        autocommit=True,
    )


@contextmanager
def loaded_database(server: Any, paths: list[Path], prefix: str) -> Iterator[URL]:
    """A new database on the test server, migrated to head, with ``paths`` imported; dropped after."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    with _admin(server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = url_for(server.host, server.port, server.user, name, server.password)
    try:
        migrate.upgrade(url)
        engine = create_engine(url)
        report = import_paths(engine, [str(p) for p in paths], ImportOptions())
        engine.dispose()
        assert not report.failed, [f.error for f in report.failed]
        yield url
    finally:
        with _admin(server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def analyst_url(pg_server: Any) -> Iterator[URL]:
    """A database migrated to head with every fixture document imported (once per module)."""
    with loaded_database(pg_server, [FIXTURES], "analyst") as url:
        yield url


@pytest.fixture(scope="module")
def targets_url(pg_server: Any) -> Iterator[URL]:
    """A database at head with the national reports and the targets fixtures imported (once)."""
    with loaded_database(pg_server, TARGET_DOCUMENTS, "targets") as url:
        yield url


@pytest.fixture(scope="module")
def analyst_engine(analyst_url: URL) -> Iterator[Engine]:
    engine = create_engine(analyst_url)
    yield engine
    engine.dispose()
