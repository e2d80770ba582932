"""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
Create Date: ${create_date}

A revision that alters a table a view reads, or changes a view: edit sql/, run
``python scripts/freeze_views.py REV``, call ``views.drop_snapshot(op.get_bind(), PREVIOUS)`` first
and ``views.create_snapshot(op.get_bind(), revision)`` last in upgrade (the reverse in downgrade);
see docs/database.md, "Changing a view".
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
${imports if imports else ""}

revision: str = ${repr(up_revision)}
down_revision: str | Sequence[str] | None = ${repr(down_revision)}
branch_labels: str | Sequence[str] | None = ${repr(branch_labels)}
depends_on: str | Sequence[str] | None = ${repr(depends_on)}


def upgrade() -> None:
    ${upgrades if upgrades else "pass"}


def downgrade() -> None:
    ${downgrades if downgrades else "pass"}
