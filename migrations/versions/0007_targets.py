"""targets against actuals and across levels: v_target_attainment, v_target_cascade

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 19:30:00

Two new views, no table change.  v_target_attainment puts each region's target of a year
beside the year's actual (or estimate) and says whether it was met and by how much;
v_target_cascade puts each target beside the nearest higher government's and the nation's
with the excess.  Their rules are in their COMMENTs and docs/analysts.md.
Downgrade drops them (the previous snapshot is restored).
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from govperf.db import views

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PREVIOUS_SNAPSHOT = "0006"


def upgrade() -> None:
    views.replace_snapshot(op.get_bind(), PREVIOUS_SNAPSHOT, revision)


def downgrade() -> None:
    views.replace_snapshot(op.get_bind(), revision, PREVIOUS_SNAPSHOT)
