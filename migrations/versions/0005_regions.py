"""every region of China: levels prefecture/county, former names; observations.breakdown

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 17:10:00

regions.level takes the DESIGN §6 values: city → prefecture, district → county (every row is
kept); regions gains former_names (names before a rename or merger) and an index on
parent_code; the reference sync that runs after every upgrade then loads every GB/T 2260
division (govperf/data/regions_gbt2260.csv).  observations gains ``breakdown`` (total / urban /
rural, every existing row total).  v_documents, v_observations and v_metric_comparison add region_level;
v_observations, v_metric_series and v_metric_comparison add breakdown, which joins the grain
of the series and of the comparison; v_metric_comparison ranks regions against regions of the
same level instead of districts only; v_coverage lists the county-level divisions beside those
with documents instead of every district.
Downgrade maps the levels back (prefecture → city, county → district), drops the columns (the
regions loaded stay) and restores the 0003 views (migrations/views/0003).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from govperf.db import views

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LEVELS_0003 = ("national", "province", "city", "district")
LEVELS_0005 = ("national", "province", "prefecture", "county")
RENAMED = (("city", "prefecture"), ("district", "county"))


def _level_check(levels: tuple[str, ...]) -> None:
    quoted = ", ".join(f"'{level}'" for level in levels)
    op.create_check_constraint(op.f("ck_regions_level"), "regions", f"level IN ({quoted})")


def _map_levels(pairs: Sequence[tuple[str, str]]) -> None:
    for old, new in pairs:
        op.execute(sa.text("UPDATE regions SET level = :new WHERE level = :old").bindparams(old=old, new=new))


def upgrade() -> None:
    views.drop_snapshot(op.get_bind(), "0003")
    op.drop_constraint(op.f("ck_regions_level"), "regions", type_="check")
    _map_levels(RENAMED)
    _level_check(LEVELS_0005)
    op.add_column(
        "regions",
        sa.Column(
            "former_names",
            postgresql.ARRAY(sa.Text()),
            server_default=sa.text("'{}'::text[]"),
            nullable=False,
        ),
    )
    op.create_index(op.f("ix_regions_parent_code"), "regions", ["parent_code"])
    op.add_column("observations", sa.Column("breakdown", sa.Text(), server_default="total", nullable=False))
    op.create_check_constraint(
        op.f("ck_observations_breakdown"), "observations", "breakdown IN ('total', 'urban', 'rural')"
    )
    comment = "GB/T 2260 regions (全国, provinces, prefectures, county-level divisions)"
    op.execute(f"COMMENT ON TABLE regions IS '{comment}'")
    views.create_snapshot(op.get_bind(), revision)


def downgrade() -> None:
    views.drop_snapshot(op.get_bind(), revision)
    op.drop_constraint(op.f("ck_observations_breakdown"), "observations", type_="check")
    op.drop_column("observations", "breakdown")
    op.drop_index(op.f("ix_regions_parent_code"), table_name="regions")
    op.drop_column("regions", "former_names")
    op.drop_constraint(op.f("ck_regions_level"), "regions", type_="check")
    _map_levels([(new, old) for old, new in RENAMED])
    _level_check(LEVELS_0003)
    op.execute("COMMENT ON TABLE regions IS 'GB/T 2260 regions (全国, provinces, cities, districts)'")
    views.create_snapshot(op.get_bind(), "0003")
