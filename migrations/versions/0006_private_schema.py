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
the schema on its own session's search_path, for the SQL that runs after it in the same session.

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


def _move(tables: Sequence[str], source: str, target: str) -> None:
    for table in tables:
        op.execute(f"ALTER TABLE IF EXISTS {source}.{table} SET SCHEMA {target}")


def upgrade() -> None:
    op.execute(f"CREATE SCHEMA IF NOT EXISTS {PRIVATE}")
    op.execute(f"REVOKE ALL ON SCHEMA {PRIVATE} FROM PUBLIC")
    op.execute(f"COMMENT ON SCHEMA {PRIVATE} IS '{COMMENT}'")
    _put_private_on_search_path()
    _move(MOVED, "public", PRIVATE)
    views.replace_snapshot(op.get_bind(), "0005", revision)


def downgrade() -> None:
    _put_private_on_search_path()
    views.replace_snapshot(op.get_bind(), revision, "0005")
    _move(MOVED, PRIVATE, "public")
    op.execute(f"DROP SCHEMA IF EXISTS {PRIVATE}")
