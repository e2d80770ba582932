"""analyst views: series per kind, comparison from the series with gaps to best and median

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 14:30:00

v_metric_series gets one row per metric × region × year × measure × kind (kind joins the grain)
and keeps only values in the metric's canonical unit; v_metric_comparison is computed from the
series and adds best_value, median_value, gap_to_best and gap_to_median.  The views are those
frozen in migrations/views/0002/; downgrade restores migrations/views/0001/.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from govperf.db import views

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    views.replace_snapshot(op.get_bind(), "0001", revision)


def downgrade() -> None:
    views.replace_snapshot(op.get_bind(), revision, "0001")
