"""query indexes; v_task_completion filters by year inside; v_metric_series ties by source

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 15:20:00

Indexes for v_task_completion (benchmarks/RESULTS.md, issue 7): tasks (document_id, category_id)
INCLUDE (status) where category_id is set, and documents (year).  An observations (region_code,
year, metric_code) index was measured too and left out: the existing (metric_code, year,
region_code) index serves the same view queries as fast.  v_task_completion carries each
document's region and year inside both arms of its per-document part, so ``WHERE year = …`` is
applied before the tasks are counted; v_metric_series breaks a tie on its rule by (source_sha256,
part, span_start) before the import time, so its choice (and v_metric_comparison's) does not
depend on import order.
The views are those frozen in migrations/views/0003/; downgrade drops the indexes and restores
migrations/views/0002/.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from govperf.db import views

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        op.f("ix_tasks_document_id_category_id"),
        "tasks",
        ["document_id", "category_id"],
        postgresql_include=["status"],
        postgresql_where=sa.text("category_id IS NOT NULL"),
    )
    op.create_index(op.f("ix_documents_year"), "documents", ["year"])
    views.replace_snapshot(op.get_bind(), "0002", revision)


def downgrade() -> None:
    views.replace_snapshot(op.get_bind(), revision, "0002")
    op.drop_index(op.f("ix_documents_year"), table_name="documents")
    op.drop_index(op.f("ix_tasks_document_id_category_id"), table_name="tasks")
