"""The public view layer (DESIGN.md §3): one SQL file per view in ``sql/`` (``govperf.sql``).

Each file holds one ``CREATE VIEW`` with an explicit column list followed by ``COMMENT ON VIEW``
and ``COMMENT ON COLUMN`` statements (Chinese / English).  ``VIEWS`` lists them in creation
order: a view comes after the views it reads.  A migration that alters a table under the views
calls ``drop_views`` first and ``create_views`` last, which re-applies comments and grants.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from importlib import resources

from sqlalchemy import text
from sqlalchemy.engine import Connection

from govperf.errors import DatabaseError
from govperf.models import REFERENCE_TABLES

READER_ROLE = "govperf_reader"

VIEWS = (
    "v_documents",
    "v_observations",
    "v_tasks",
    "v_category_results",
    "v_metric_series",
    "v_metric_comparison",
    "v_task_completion",
    "v_coverage",
)

_CREATE_READER = f"""
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{READER_ROLE}') THEN
        CREATE ROLE {READER_ROLE} NOLOGIN;
    END IF;
EXCEPTION
    WHEN duplicate_object THEN NULL;  -- created meanwhile by a concurrent migration
    WHEN insufficient_privilege THEN
        RAISE WARNING 'cannot create role {READER_ROLE}: ask a DBA to CREATE ROLE {READER_ROLE} NOLOGIN';
END
$$
"""


def include_in_autogenerate(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """Alembic ``include_object`` hook: leave the view layer out of autogenerate's comparison."""
    return not (type_ == "table" and name in VIEWS)


def view_sql(name: str) -> str:
    """The SQL file of view ``name``."""
    return resources.files("govperf.sql").joinpath(f"{name}.sql").read_text(encoding="utf-8")


def create_views(
    conn: Connection, names: Sequence[str] = VIEWS, frozen: Mapping[str, str] | None = None
) -> None:
    """Create the views ``names`` (with their comments) and grant them to the reader role.

    ``frozen`` maps a view name to the SQL to use instead of its current file: a migration's
    downgrade passes the SQL of the views as they were before it.
    """
    for name in names:
        execute_script(conn, (frozen or {}).get(name) or view_sql(name))
    grant_reader(conn, names)


def replace_views(
    conn: Connection, names: Sequence[str] = VIEWS, frozen: Mapping[str, str] | None = None
) -> None:
    """Drop every view govperf knows and create ``names``: the step of a revision that changes views.

    ``upgrade`` calls ``replace_views(bind)``; ``downgrade`` calls it with the view names and the
    frozen SQL of the revision before.
    """
    drop_views(conn, (*VIEWS, *(n for n in names if n not in VIEWS)))
    create_views(conn, names, frozen)


def frozen_sql(*sources: tuple[str, str]) -> dict[str, str]:
    """The view SQL of an old revision: the ``FROZEN_…`` dicts of the revisions after it, nearest
    first (``("0003_query_indexes", "FROZEN_0002"), ("0005_regions", "FROZEN_0003")``); a view
    none of them froze is today's file.

    An old revision's upgrade and downgrade create the views as they were then, not from today's
    files, which may read columns a later revision adds.
    """
    merged: dict[str, str] = {}
    for module_name, name in sources:
        module = importlib.import_module(f"govperf.migrations.versions.{module_name}")
        for view, sql in getattr(module, name).items():
            merged.setdefault(view, sql)
    return merged


def execute_script(conn: Connection, script: str) -> None:
    """Run several SQL statements at once, with no parameter parsing (a '%' stays a '%')."""
    cursor = conn.connection.cursor()
    try:
        cursor.execute(script)
    finally:
        cursor.close()


def drop_views(conn: Connection, names: Sequence[str] = VIEWS) -> None:
    """Drop the views ``names``, dependants (later ones) first; a view of the user's built on ours
    makes this fail."""
    for name in reversed(names):
        conn.exec_driver_sql(f"DROP VIEW IF EXISTS {name}")


def reader_exists(conn: Connection) -> bool:
    query = text("SELECT 1 FROM pg_roles WHERE rolname = :name")
    return conn.execute(query, {"name": READER_ROLE}).first() is not None


def create_reader(conn: Connection) -> None:
    """Create the NOLOGIN reader role unless it exists (roles are per server, not per database)."""
    conn.exec_driver_sql(_CREATE_READER)


def grant_reader(conn: Connection, names: Sequence[str] = VIEWS) -> None:
    """SELECT on the views ``names`` and the reference tables, and on relations later migrations
    create."""
    if not reader_exists(conn):
        return
    relations = ", ".join((*names, *REFERENCE_TABLES))
    conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA public TO {READER_ROLE}")
    conn.exec_driver_sql(f"GRANT SELECT ON {relations} TO {READER_ROLE}")
    conn.exec_driver_sql(f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO {READER_ROLE}")


def revoke_reader(conn: Connection) -> None:
    """Undo ``grant_reader``'s default privileges (the role itself stays: other databases use it)."""
    if not reader_exists(conn):
        return
    conn.exec_driver_sql(
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT ON TABLES FROM {READER_ROLE}"
    )
    conn.exec_driver_sql(f"REVOKE USAGE ON SCHEMA public FROM {READER_ROLE}")


def grant_login(conn: Connection, name: str, password: str | None) -> bool:
    """Make ``name`` a login in the reader role (created when missing); True when it was created."""
    from psycopg import sql

    if not reader_exists(conn):
        raise DatabaseError(
            f"role {READER_ROLE} is missing: run govperf db upgrade as a role that may create roles"
        )
    exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first() is not None
    role = sql.Identifier(name)
    statements = [sql.SQL("CREATE ROLE {} LOGIN").format(role)] if not exists else []
    if password is not None:
        statements.append(sql.SQL("ALTER ROLE {} PASSWORD {}").format(role, sql.Literal(password)))
    statements.append(sql.SQL("GRANT {} TO {}").format(sql.Identifier(READER_ROLE), role))
    raw = conn.connection.driver_connection
    for statement in statements:
        conn.exec_driver_sql(statement.as_string(raw).replace("%", "%%"))
    return not exists


def login_exists(conn: Connection, name: str) -> bool:
    return conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first() is not None


def bi_settings(
    host: str | None, port: int | None, database: str | None, login: str
) -> list[tuple[str, str]]:
    """What Metabase and Superset ask for, for ``login`` on the server at host:port/database.

    The password is never part of it: Superset's URI carries a ``<password>`` placeholder.
    """
    host, port, database = host or "localhost", port or 5432, database or "govperf"
    return [
        ("Database type", "PostgreSQL"),
        ("Host", host),
        ("Port", str(port)),
        ("Database name", database),
        ("Username", login),
        ("Password", "the one just set (not shown)"),
        ("Schema", "public (read the v_* views)"),
        ("Superset SQLAlchemy URI", f"postgresql+psycopg2://{login}:<password>@{host}:{port}/{database}"),
    ]
