"""The public view layer (DESIGN.md §3): one SQL file per view in ``sql/`` (``govperf.sql``).

Each file holds one ``CREATE VIEW`` with an explicit column list followed by ``COMMENT ON VIEW``
and ``COMMENT ON COLUMN`` statements (Chinese / English).  ``VIEWS`` lists them in creation
order: a view comes after the views it reads.

``sql/`` is the working copy.  A revision never reads it: it creates the *snapshot* frozen for it
by ``scripts/freeze_views.py`` in ``migrations/views/<revision>/`` (the view files as they are
after that revision, and ``views.txt``, their creation order), so every revision creates the same
views whatever ``sql/`` holds today.  ``replace_snapshot(conn, old, new)`` is a revision's view
step; ``tests/db/test_views_snapshots.py`` fails when ``sql/`` differs from the newest snapshot.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from importlib import resources

import sqlalchemy.exc
from sqlalchemy import text
from sqlalchemy.engine import Connection

from govperf.db.models import REFERENCE_TABLES
from govperf.db.reference import VERSION_TABLE
from govperf.errors import DatabaseError

READER_ROLE = "govperf_reader"
SNAPSHOTS = "views"  # folder of govperf.migrations holding one snapshot folder per revision
ORDER_FILE = "views.txt"

VIEWS = (
    "v_documents",
    "v_observations",
    "v_tasks",
    "v_category_results",
    "v_metric_series",
    "v_metric_comparison",
    "v_task_completion",
    "v_coverage",
    "v_target_attainment",
    "v_target_cascade",
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
    """Alembic ``include_object`` hook: leave the view layer, and the bookkeeping tables
    (``reference.VERSION_TABLE`` and alembic_version, both in the private schema, where Alembic
    does not skip its own), out of autogenerate's comparison."""
    return not (type_ == "table" and (name in VIEWS or name in (VERSION_TABLE, "alembic_version")))


def view_sql(name: str) -> str:
    """The SQL file of view ``name``."""
    return resources.files("govperf.sql").joinpath(f"{name}.sql").read_text(encoding="utf-8")


def has_snapshot(revision: str) -> bool:
    """Whether ``revision`` changed the views (and so has a snapshot of its own)."""
    return resources.files("govperf.migrations").joinpath(SNAPSHOTS, revision, ORDER_FILE).is_file()


def snapshot(revision: str) -> list[tuple[str, str]]:
    """The views frozen for ``revision`` (``migrations/views/<revision>/``): (name, SQL) in
    creation order."""
    folder = resources.files("govperf.migrations").joinpath(SNAPSHOTS, revision)
    if not has_snapshot(revision):
        raise DatabaseError(
            f"migrations/{SNAPSHOTS}/{revision}/{ORDER_FILE}: no view snapshot for {revision}"
        )
    names = folder.joinpath(ORDER_FILE).read_text(encoding="utf-8").split()
    return [(name, folder.joinpath(f"{name}.sql").read_text(encoding="utf-8")) for name in names]


def create_snapshot(conn: Connection, revision: str) -> None:
    """Create the views frozen for ``revision`` (with their comments) and grant them to the reader."""
    views = snapshot(revision)
    for _name, script in views:
        execute_script(conn, script)
    grant_reader(conn, [name for name, _ in views], tables=())


def drop_snapshot(conn: Connection, revision: str) -> None:
    """Drop the views frozen for ``revision``, dependants first."""
    drop_views(conn, [name for name, _ in snapshot(revision)])


def replace_snapshot(conn: Connection, old: str, new: str) -> None:
    """The view step of a revision that changes views: drop ``old``'s views, create ``new``'s.

    Revision R whose previous snapshot is P calls ``replace_snapshot(bind, P, R)`` in ``upgrade``
    and ``replace_snapshot(bind, R, P)`` in ``downgrade``.
    """
    old_names = [name for name, _ in snapshot(old)]
    new_names = [name for name, _ in snapshot(new)]
    drop_views(conn, [*(n for n in new_names if n not in old_names), *old_names])
    create_snapshot(conn, new)


def create_views(
    conn: Connection, names: Sequence[str] = VIEWS, frozen: Mapping[str, str] | None = None
) -> None:
    """Create the views ``names`` from today's ``sql/`` (with their comments) and grant them to the
    reader role.  For tools and tests: a revision creates its snapshot (``create_snapshot``).

    ``frozen`` maps a view name to the SQL to use instead of its current file.
    """
    for name in names:
        execute_script(conn, (frozen or {}).get(name) or view_sql(name))
    grant_reader(conn, names)


def replace_views(
    conn: Connection, names: Sequence[str] = VIEWS, frozen: Mapping[str, str] | None = None
) -> None:
    """Drop every view govperf knows and create ``names`` from today's ``sql/``.  For tools and
    tests: a revision replaces snapshots (``replace_snapshot``)."""
    drop_views(conn, (*VIEWS, *(n for n in names if n not in VIEWS)))
    create_views(conn, names, frozen)


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


def grant_reader(
    conn: Connection, names: Sequence[str] = VIEWS, tables: Sequence[str] = REFERENCE_TABLES
) -> None:
    """SELECT on the views ``names`` and the ``tables``, and on relations later migrations create."""
    if not reader_exists(conn):
        return
    relations = ", ".join((*names, *tables))
    conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA public TO {READER_ROLE}")
    if relations:
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


# Attributes and predefined roles that give more than reading: grant-reader refuses a role with any.
_PRIVILEGED_ATTRIBUTES = {
    "rolsuper": "is a superuser",
    "rolcreaterole": "can create roles",
    "rolcreatedb": "can create databases",
    "rolreplication": "is a replication role",
    "rolbypassrls": "bypasses row-level security",
}
_SERVER_ACCESS_ROLES = ("pg_execute_server_program", "pg_read_server_files", "pg_write_server_files")


def privileged_reason(conn: Connection, name: str) -> str | None:
    """Why role ``name`` must not become a reader login (None when it may, or does not exist)."""
    row = conn.execute(
        text(f"SELECT oid, {', '.join(_PRIVILEGED_ATTRIBUTES)} FROM pg_roles WHERE rolname = :n"), {"n": name}
    ).first()
    if row is None:
        return None
    for attribute, reason in _PRIVILEGED_ATTRIBUTES.items():
        if getattr(row, attribute):
            return reason
    owned = conn.execute(
        text(
            "SELECT count(*) FROM pg_shdepend WHERE refclassid = 'pg_authid'::regclass"
            " AND refobjid = :oid AND deptype = 'o'"
        ),
        {"oid": row.oid},
    ).scalar_one()
    if owned:
        return f"owns {owned} database objects"
    for server_role in _SERVER_ACCESS_ROLES:
        member = conn.execute(
            text("SELECT pg_has_role(:oid, :server_role, 'MEMBER')"),
            {"oid": row.oid, "server_role": server_role},
        ).scalar_one()
        if member:
            return f"is a member of {server_role}"
    return None


def grant_login(conn: Connection, name: str, password: str | None) -> tuple[bool, list[str]]:
    """Make ``name`` a login in the reader role (created when missing): whether it was created,
    and the limits this role could not give it (see ``apply_reader_limits``).

    A role with more than reading rights (``privileged_reason``) is refused before anything
    changes.  The login gets the reader role's limits (``apply_reader_limits``).
    """
    from psycopg import sql

    if not reader_exists(conn):
        raise DatabaseError(
            f"role {READER_ROLE} is missing: run govperf db upgrade as a role that may create roles"
        )
    reason = privileged_reason(conn, name)
    if reason is not None:
        raise DatabaseError(f"refusing to make {name} a reader login: it {reason}")
    exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first() is not None
    role = sql.Identifier(name)
    statements = [sql.SQL("CREATE ROLE {} LOGIN").format(role)] if not exists else []
    if password is not None:
        statements.append(sql.SQL("ALTER ROLE {} PASSWORD {}").format(role, sql.Literal(password)))
    statements.append(sql.SQL("GRANT {} TO {}").format(sql.Identifier(READER_ROLE), role))
    raw = conn.connection.driver_connection
    for statement in statements:
        conn.exec_driver_sql(statement.as_string(raw).replace("%", "%%"))
    return not exists, apply_reader_limits(conn, name)


def apply_reader_limits(conn: Connection, name: str) -> list[str]:
    """Give login ``name`` the settings (statement_timeout …) and connection limit of the reader role.

    PostgreSQL does not pass a group role's settings on to its members, so each login gets its
    own copy (migration 0004 sets them on the reader role).  A setting the login already has,
    or a connection limit it already has, is the user's choice and stays.  Returns the
    settings this role may not set (temp_file_limit needs a superuser); the rest are applied.
    """
    from psycopg import sql

    reader = conn.execute(
        text(
            "SELECT r.rolconnlimit, s.setconfig FROM pg_roles r LEFT JOIN pg_db_role_setting s"
            " ON s.setrole = r.oid AND s.setdatabase = 0 WHERE r.rolname = :r"
        ),
        {"r": READER_ROLE},
    ).one()
    own = conn.execute(
        text(
            "SELECT r.rolconnlimit, s.setconfig FROM pg_roles r LEFT JOIN pg_db_role_setting s"
            " ON s.setrole = r.oid AND s.setdatabase = 0 WHERE r.rolname = :n"
        ),
        {"n": name},
    ).one()
    own_names = {item.split("=", 1)[0] for item in own.setconfig or ()}
    raw = conn.connection.driver_connection
    role = sql.Identifier(name)
    statements = []
    if own.rolconnlimit == -1 and reader.rolconnlimit != -1:
        statements.append(
            (
                "connection limit",
                sql.SQL("ALTER ROLE {} CONNECTION LIMIT {}").format(role, sql.Literal(reader.rolconnlimit)),
            )
        )
    for item in reader.setconfig or ():
        setting, value = item.split("=", 1)
        if setting not in own_names:
            statements.append(
                (
                    setting,
                    sql.SQL("ALTER ROLE {} SET {} = {}").format(
                        role, sql.Identifier(setting), sql.Literal(value)
                    ),
                )
            )
    refused = []
    for setting, statement in statements:
        try:
            with conn.begin_nested():
                conn.exec_driver_sql(statement.as_string(raw).replace("%", "%%"))
        except sqlalchemy.exc.ProgrammingError:  # insufficient privilege
            refused.append(setting)
    return refused


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
