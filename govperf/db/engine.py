"""Engines and sessions for the database govperf is configured to use."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import sqlalchemy.exc
from sqlalchemy import text
from sqlalchemy.engine import URL, Engine

from govperf.db import config, embedded, freshness, schema, server
from govperf.errors import DatabaseError

if TYPE_CHECKING:
    pass


def resolve_url(cli_value: str | None = None, *, migrate: bool = True) -> URL:
    """The database URL to use: ``--database-url``, GOVPERF_DATABASE_URL, else the embedded one.

    The embedded database is created on first use and, when ``migrate`` is true, migrated to
    the newest revision whenever it is behind (first use, or a newer govperf installed), and its
    reference data re-synced whenever it differs from the packaged data (a newer govperf with the
    same schema but new aliases).

    A server kept by ``govperf db start`` is used as it is when the database is up to date (one
    cheap query, no Alembic, no pgserver); anything else takes the full path under the lock.
    """
    url = config.configured_url(cli_value)
    if url is not None:
        return url
    data_dir = config.data_dir()
    running = server.kept_url(data_dir, embedded.DATABASE)
    if running is not None and (not migrate or freshness.is_up_to_date(running)):
        return running
    from govperf.db import migrate as migrations  # Alembic: only when a migration may be needed

    return embedded.embedded_url(data_dir, migrations.bring_up_to_date if migrate else None)


def make_engine(url: URL) -> Engine:
    """An engine for ``url`` (pre-ping on, so a restarted embedded server is noticed), whose
    connections find the internal tables without a schema (``schema.SEARCH_PATH``)."""
    return schema.create(url, pool_pre_ping=True)


def describe_error(error: BaseException) -> str:
    """One line for a database error: the driver's first line, without SQL, traceback or password."""
    if isinstance(error, sqlalchemy.exc.DBAPIError) and error.orig is not None:
        error = error.orig
    first = str(error).strip().splitlines()
    return config.scrub(first[0].strip()) if first else type(error).__name__


def _is_missing_object(error: sqlalchemy.exc.ProgrammingError) -> bool:
    """A table, view, column or function that does not exist: the schema is behind govperf's."""
    import psycopg.errors

    missing = (
        psycopg.errors.UndefinedTable,
        psycopg.errors.UndefinedColumn,
        psycopg.errors.UndefinedFunction,
    )
    return isinstance(error.orig, missing)


@contextmanager
def translate_errors() -> Iterator[None]:
    """Turn SQLAlchemy / psycopg connection and operational errors, and Alembic's command errors
    (an unknown revision), into DatabaseError.  Alembic is not imported for it: an Alembic error
    can only come from a process that already did."""
    import psycopg

    try:
        yield
    except (
        sqlalchemy.exc.OperationalError,
        sqlalchemy.exc.InterfaceError,
        psycopg.OperationalError,
    ) as error:
        raise DatabaseError(f"database error: {describe_error(error)}") from error
    except sqlalchemy.exc.ProgrammingError as error:
        hint = " (is the database migrated? try: govperf db upgrade)" if _is_missing_object(error) else ""
        raise DatabaseError(f"database error: {describe_error(error)}{hint}") from error
    except Exception as error:
        alembic_util = sys.modules.get("alembic.util")
        if alembic_util is not None and isinstance(error, alembic_util.CommandError):
            # e.g. govperf db downgrade REVISION with an unknown revision
            raise DatabaseError(f"migration error: {describe_error(error)}") from error
        raise


LISTED_DOCUMENT_COLUMNS = (
    "document_id",
    "district_name",
    "year",
    "period_label",
    "genre",
    "part",
    "task_count",
    "observation_count",
    "source_name",
)


def list_documents(engine: Engine) -> list[dict[str, object]]:
    """Rows of v_documents (the columns of ``LISTED_DOCUMENT_COLUMNS``), by district, year and file."""
    query = text(
        f"SELECT {', '.join(LISTED_DOCUMENT_COLUMNS)} FROM v_documents "
        "ORDER BY district_code, year NULLS LAST, source_name, part"
    )
    with engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(query)]
