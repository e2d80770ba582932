"""internal tables in schema govperf_private; year_start in every view with year; v_documents totals

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 19:30:00

BI tools list every relation of schema ``public``; the reader role may read only the views and
the reference tables, so the tables an import writes (documents, tasks, category_results,
observations) and the bookkeeping tables (alembic_version, reference_version) move, every row
kept (ALTER TABLE … SET SCHEMA: indexes, constraints and identity sequences go with them), to
schema ``govperf_private``, on which the reader has no USAGE.  govperf's connections find them
without a schema (``govperf.db.schema.SEARCH_PATH``, a connect option); this revision also puts
the schema on its own session's search_path (for the SQL after it in the same session) and on the
database's (``ALTER DATABASE … SET search_path``, for psql and other clients), unless the
database has a search_path of its own or the migrating role does not own it (a warning).

The views (migrations/views/0006) gain ``year_start`` (1 January of ``year``, a date: the time
column for Superset and Metabase, filled wherever ``year`` is) and v_documents gains one integer
column per key of ``totals`` (indicators, tasks_total, tasks_done, tasks_lagging).
Downgrade restores the 0005 views, moves the tables back to ``public`` and drops the schema.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from govperf.db import views

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PRIVATE = "govperf_private"
MOVED = ("documents", "tasks", "category_results", "observations", "alembic_version", "reference_version")
COMMENT = (
    "govperf internal tables (documents, observations, tasks …): not for readers, who read the "
    "views in public"
)


def _put_private_on_search_path() -> None:
    """Unqualified names keep finding the moved tables in this session (Alembic's own included)."""
    op.execute(
        f"SELECT set_config('search_path', current_setting('search_path') || ', {PRIVATE}', false) "
        f"WHERE NOT '{PRIVATE}' = ANY (current_schemas(false))"
    )


# the database-level search_path, as PostgreSQL stores it (pg_db_role_setting)
DATABASE_SETTING = f"search_path=public, {PRIVATE}"
_SETTINGS = (
    "SELECT FROM pg_db_role_setting s, unnest(s.setconfig) c WHERE s.setrole = 0"
    " AND s.setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database())"
)


def _database_search_path(set_it: bool) -> None:
    """Give every new session on this database (psql, a BI tool, a script's own engine) the
    private schema on its search_path, unless the database already has a search_path of its own;
    on the way down, reset it when it is still ours.  Needs the database's owner: else a warning
    (govperf's own connections set the search_path themselves)."""
    if set_it:
        test = f"NOT EXISTS ({_SETTINGS} AND c LIKE 'search_path=%')"
        action = f"SET search_path = public, {PRIVATE}"
    else:
        test = f"EXISTS ({_SETTINGS} AND c = '{DATABASE_SETTING}')"
        action = "RESET search_path"
    op.execute(
        f"""
DO $$
BEGIN
    IF {test} THEN
        EXECUTE format('ALTER DATABASE %I {action}', current_database());
    END IF;
EXCEPTION
    WHEN insufficient_privilege THEN
        RAISE WARNING 'cannot ALTER DATABASE … {action}: only the database owner may';
END
$$
"""
    )


def _move(tables: Sequence[str], source: str, target: str) -> None:
    for table in tables:
        op.execute(f"ALTER TABLE IF EXISTS {source}.{table} SET SCHEMA {target}")


def upgrade() -> None:
    op.execute(f"CREATE SCHEMA IF NOT EXISTS {PRIVATE}")
    op.execute(f"REVOKE ALL ON SCHEMA {PRIVATE} FROM PUBLIC")
    op.execute(f"COMMENT ON SCHEMA {PRIVATE} IS '{COMMENT}'")
    _put_private_on_search_path()
    _move(MOVED, "public", PRIVATE)
    _database_search_path(True)
    views.replace_snapshot(op.get_bind(), "0005", revision)


def downgrade() -> None:
    _put_private_on_search_path()
    views.replace_snapshot(op.get_bind(), revision, "0005")
    _move(MOVED, PRIVATE, "public")
    _database_search_path(False)
    op.execute(f"DROP SCHEMA IF EXISTS {PRIVATE}")
