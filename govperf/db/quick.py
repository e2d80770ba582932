"""Reads without SQLAlchemy, for the listing commands on a server kept by ``govperf db start``.

Importing SQLAlchemy costs more than the rest of a listing command together (benchmarks/RESULTS.md,
section 6), so when no database URL is given and the embedded server is kept running, a listing
command reads the view through psycopg alone: one connection that checks the database is at the
packaged revision with the packaged reference data (``freshness``) and runs the query.  Whenever
this path cannot answer — a URL given, no kept server, a database behind, any database error — it
returns None and the command takes the usual path (``govperf.db.engine``), which migrates, starts
the server or reports the error as before.
"""

from __future__ import annotations

import os
from typing import Any

from govperf.db import config, freshness, server
from govperf.db.schema import SEARCH_PATH_OPTION


def kept_conninfo(database_url: str | None) -> str | None:
    """The libpq connection string of the kept embedded server, or None when the command must
    take the usual path (a database URL is given, or no server is kept running and ready)."""
    if database_url or os.environ.get(config.DATABASE_URL_ENV):
        return None
    return server.kept_conninfo(config.data_dir(), server.DATABASE)


def read(database_url: str | None, sql: str) -> list[dict[str, Any]] | None:
    """The rows of ``sql`` (no parameters) as dicts, read through psycopg from the kept server;
    None when this path cannot answer (see the module's docstring)."""
    conninfo = kept_conninfo(database_url)
    if conninfo is None:
        return None
    import psycopg
    from psycopg.rows import dict_row

    try:
        with psycopg.connect(
            conninfo, autocommit=True, connect_timeout=10, options=SEARCH_PATH_OPTION
        ) as conn:
            if not freshness.connection_is_up_to_date(conn):
                return None
            return conn.cursor(row_factory=dict_row).execute(sql).fetchall()
    except psycopg.Error:
        return None
