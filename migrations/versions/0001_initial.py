"""initial schema, views, reader role

Revision ID: 0001
Revises:
Create Date: 2026-11-21 13:40:13.494773

Creates the internal tables, the view layer frozen for this revision (migrations/views/0001/,
with comments) and the NOLOGIN role govperf_reader, granted SELECT on the views and reference
tables and, by default privileges, on relations later migrations create.  The reference tables
stay empty here: govperf.migrate syncs them from govperf/data/*.yaml once the database is at head
(docs/database.md).  Downgrade also drops reference_version, the sync's bookkeeping table.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from govperf.db import views

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# The reference tables of this revision, readable by govperf_reader.
REFERENCE_TABLES = (
    "regions",
    "region_aliases",
    "five_year_plans",
    "years",
    "genres",
    "category_schemes",
    "categories",
    "metrics",
    "metric_aliases",
    "metric_exclusions",
)


def upgrade() -> None:
    create_tables()
    views.create_reader(op.get_bind())
    views.grant_reader(op.get_bind(), (), REFERENCE_TABLES)
    views.create_snapshot(op.get_bind(), revision)


def downgrade() -> None:
    views.drop_snapshot(op.get_bind(), revision)
    views.revoke_reader(op.get_bind())
    op.execute("DROP TABLE IF EXISTS reference_version")
    drop_tables()


def create_tables() -> None:
    op.create_table(
        "category_schemes",
        sa.Column("code", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("first_year", sa.SmallInteger(), nullable=True),
        sa.Column("last_year", sa.SmallInteger(), nullable=True),
        sa.CheckConstraint(
            "last_year IS NULL OR last_year >= first_year", name=op.f("ck_category_schemes_years_ordered")
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_category_schemes")),
        comment="Task-category schemes and the years they were used in",
    )
    op.create_table(
        "five_year_plans",
        sa.Column("code", sa.Text(), nullable=False),
        sa.Column("first_year", sa.SmallInteger(), nullable=False),
        sa.Column("last_year", sa.SmallInteger(), nullable=False),
        sa.CheckConstraint("last_year >= first_year", name=op.f("ck_five_year_plans_years_ordered")),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_five_year_plans")),
        comment="Five-year plans (十三五 = 2016-2020)",
    )
    op.create_table(
        "genres",
        sa.Column("code", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("name_en", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_genres")),
        comment="Document genres (DESIGN.md §1)",
    )
    op.create_table(
        "metrics",
        sa.Column("code", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("name_en", sa.Text(), nullable=True),
        sa.Column("unit", sa.Text(), nullable=False),
        sa.Column("better", sa.Text(), nullable=True),
        sa.CheckConstraint("better IS NULL OR better IN ('higher', 'lower')", name=op.f("ck_metrics_better")),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_metrics")),
        comment="Canonical metrics (DESIGN.md §2); codes are part of the public contract",
    )
    op.create_table(
        "regions",
        sa.Column("code", sa.CHAR(length=6), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("short_name", sa.Text(), nullable=False),
        sa.Column("level", sa.Text(), nullable=False),
        sa.Column("parent_code", sa.CHAR(length=6), nullable=True),
        sa.Column("official", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.CheckConstraint("code ~ '^[0-9]{6}$'", name=op.f("ck_regions_code_six_digits")),
        sa.CheckConstraint(
            "level IN ('national', 'province', 'city', 'district')", name=op.f("ck_regions_level")
        ),
        sa.ForeignKeyConstraint(
            ["parent_code"], ["regions.code"], name=op.f("fk_regions_parent_code_regions")
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_regions")),
        comment="GB/T 2260 regions (全国, provinces, cities, districts)",
    )
    op.create_table(
        "categories",
        sa.Column("id", sa.Integer(), sa.Identity(always=False), nullable=False),
        sa.Column("scheme_code", sa.Text(), nullable=False),
        sa.Column("code", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("name_en", sa.Text(), nullable=True),
        sa.Column("sort_order", sa.SmallInteger(), server_default=sa.text("0"), nullable=False),
        sa.ForeignKeyConstraint(
            ["scheme_code"],
            ["category_schemes.code"],
            name=op.f("fk_categories_scheme_code_category_schemes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_categories")),
        sa.UniqueConstraint("scheme_code", "code", name=op.f("uq_categories_scheme_code_code")),
        comment="Task categories of a scheme (quality_development 高质量发展 …)",
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("source_sha256", sa.CHAR(length=64), nullable=False),
        sa.Column("part", sa.SmallInteger(), server_default=sa.text("1"), nullable=False),
        sa.Column("source_name", sa.Text(), nullable=False),
        sa.Column("genre", sa.Text(), nullable=False),
        sa.Column("genre_confidence", sa.Numeric(precision=4, scale=3), nullable=True),
        sa.Column("region_code", sa.CHAR(length=6), nullable=False),
        sa.Column("year", sa.SmallInteger(), nullable=True),
        sa.Column("year_source", sa.Text(), nullable=True),
        sa.Column("period_label", sa.Text(), nullable=True),
        sa.Column("period_start", sa.Date(), nullable=True),
        sa.Column("period_end", sa.Date(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column("encoding", sa.Text(), nullable=True),
        sa.Column("original_text", sa.Text(), nullable=False),
        sa.Column(
            "totals",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
        ),
        sa.Column(
            "warnings", postgresql.ARRAY(sa.Text()), server_default=sa.text("'{}'::text[]"), nullable=False
        ),
        sa.Column(
            "imported_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("parser_version", sa.Text(), nullable=True),
        sa.CheckConstraint("source_sha256 ~ '^[0-9a-f]{64}$'", name=op.f("ck_documents_sha256_hex")),
        sa.CheckConstraint(
            "year_source IN ('stated', 'inferred', 'given')", name=op.f("ck_documents_year_source")
        ),
        sa.CheckConstraint("genre_confidence BETWEEN 0 AND 1", name=op.f("ck_documents_genre_confidence")),
        sa.CheckConstraint("part >= 1", name=op.f("ck_documents_part_positive")),
        sa.CheckConstraint("period_start <= period_end", name=op.f("ck_documents_period_ordered")),
        sa.CheckConstraint("year BETWEEN 1949 AND 2100", name=op.f("ck_documents_year_range")),
        sa.ForeignKeyConstraint(["genre"], ["genres.code"], name=op.f("fk_documents_genre_genres")),
        sa.ForeignKeyConstraint(
            ["region_code"], ["regions.code"], name=op.f("fk_documents_region_code_regions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
        sa.UniqueConstraint("source_sha256", "part", name=op.f("uq_documents_source_sha256_part")),
        comment="One imported report: a file, or one part (篇) of a file that holds several",
    )
    op.create_index(op.f("ix_documents_region_code"), "documents", ["region_code"], unique=False)
    op.create_table(
        "metric_aliases",
        sa.Column("id", sa.Integer(), sa.Identity(always=False), nullable=False),
        sa.Column("alias", sa.Text(), nullable=False),
        sa.Column("metric_code", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), server_default="builtin", nullable=False),
        sa.CheckConstraint("source IN ('builtin', 'user')", name=op.f("ck_metric_aliases_source")),
        sa.ForeignKeyConstraint(
            ["metric_code"],
            ["metrics.code"],
            name=op.f("fk_metric_aliases_metric_code_metrics"),
            onupdate="CASCADE",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_metric_aliases")),
        sa.UniqueConstraint("alias", name=op.f("uq_metric_aliases_alias")),
        comment="Phrases that name a metric; add one with an INSERT (source 'user')",
    )
    op.create_index(op.f("ix_metric_aliases_metric_code"), "metric_aliases", ["metric_code"], unique=False)
    op.create_table(
        "metric_exclusions",
        sa.Column("id", sa.Integer(), sa.Identity(always=False), nullable=False),
        sa.Column("metric_code", sa.Text(), nullable=False),
        sa.Column("phrase", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), server_default="builtin", nullable=False),
        sa.CheckConstraint("source IN ('builtin', 'user')", name=op.f("ck_metric_exclusions_source")),
        sa.ForeignKeyConstraint(
            ["metric_code"],
            ["metrics.code"],
            name=op.f("fk_metric_exclusions_metric_code_metrics"),
            onupdate="CASCADE",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_metric_exclusions")),
        sa.UniqueConstraint("metric_code", "phrase", name=op.f("uq_metric_exclusions_metric_code_phrase")),
        comment="Phrases that look like an alias of a metric but name something else",
    )
    op.create_table(
        "region_aliases",
        sa.Column("alias", sa.Text(), nullable=False),
        sa.Column("region_code", sa.CHAR(length=6), nullable=False),
        sa.Column("source", sa.Text(), server_default="builtin", nullable=False),
        sa.CheckConstraint("source IN ('builtin', 'user')", name=op.f("ck_region_aliases_source")),
        sa.ForeignKeyConstraint(
            ["region_code"],
            ["regions.code"],
            name=op.f("fk_region_aliases_region_code_regions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("alias", name=op.f("pk_region_aliases")),
        comment="Other names of a region (亦庄 → 110400); source 'user' rows survive reference syncs",
    )
    op.create_index(op.f("ix_region_aliases_region_code"), "region_aliases", ["region_code"], unique=False)
    op.create_table(
        "years",
        sa.Column("year", sa.SmallInteger(), autoincrement=False, nullable=False),
        sa.Column("plan_code", sa.Text(), nullable=False),
        sa.Column("year_in_plan", sa.SmallInteger(), nullable=False),
        sa.CheckConstraint("year_in_plan BETWEEN 1 AND 5", name=op.f("ck_years_year_in_plan")),
        sa.ForeignKeyConstraint(
            ["plan_code"], ["five_year_plans.code"], name=op.f("fk_years_plan_code_five_year_plans")
        ),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_years")),
        comment="Calendar years with their five-year plan and place in it (2016 = 十三五 year 1)",
    )
    op.create_table(
        "category_results",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("document_id", sa.BigInteger(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("tasks_total", sa.Integer(), nullable=True),
        sa.Column("tasks_done", sa.Integer(), nullable=True),
        sa.Column("tasks_lagging", sa.Integer(), nullable=True),
        sa.Column("source", sa.Text(), server_default="stated", nullable=False),
        sa.Column("snippet", sa.Text(), nullable=True),
        sa.CheckConstraint("source IN ('stated', 'counted')", name=op.f("ck_category_results_source")),
        sa.CheckConstraint(
            "tasks_total >= 0 AND tasks_done >= 0 AND tasks_lagging >= 0",
            name=op.f("ck_category_results_counts"),
        ),
        sa.ForeignKeyConstraint(
            ["category_id"], ["categories.id"], name=op.f("fk_category_results_category_id_categories")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_category_results_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_category_results")),
        sa.UniqueConstraint(
            "document_id", "category_id", name=op.f("uq_category_results_document_id_category_id")
        ),
        comment="Tasks per category as a document states them (or counted from its tasks)",
    )
    op.create_table(
        "tasks",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("document_id", sa.BigInteger(), nullable=False),
        sa.Column("seq_no", sa.Integer(), nullable=True),
        sa.Column("ref_code", sa.Text(), nullable=True),
        sa.Column("category_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("target_text", sa.Text(), nullable=True),
        sa.Column("progress_text", sa.Text(), nullable=True),
        sa.Column("status", sa.Text(), server_default="unknown", nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=True),
        sa.Column("span_end", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "status IN ('done', 'on_track', 'lagging', 'unknown')", name=op.f("ck_tasks_status")
        ),
        sa.CheckConstraint("span_start <= span_end", name=op.f("ck_tasks_span_ordered")),
        sa.ForeignKeyConstraint(
            ["category_id"], ["categories.id"], name=op.f("fk_tasks_category_id_categories")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_tasks_document_id_documents"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tasks")),
        comment="Tasks of a progress table or report, with requirement and progress text",
    )
    op.create_index(op.f("ix_tasks_document_id"), "tasks", ["document_id"], unique=False)
    op.create_table(
        "observations",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("document_id", sa.BigInteger(), nullable=False),
        sa.Column("task_id", sa.BigInteger(), nullable=True),
        sa.Column("category_id", sa.Integer(), nullable=True),
        sa.Column("region_code", sa.CHAR(length=6), nullable=False),
        sa.Column("year", sa.SmallInteger(), nullable=True),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("metric_code", sa.Text(), nullable=True),
        sa.Column("measure", sa.Text(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("comparator", sa.Text(), server_default="eq", nullable=False),
        sa.Column("value", sa.Numeric(precision=20, scale=6), nullable=False),
        sa.Column("value_max", sa.Numeric(precision=20, scale=6), nullable=True),
        sa.Column("unit", sa.Text(), nullable=False),
        sa.Column("raw_value", sa.Numeric(precision=20, scale=6), nullable=False),
        sa.Column("raw_unit", sa.Text(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("snippet", sa.Text(), nullable=False),
        sa.Column("period_label", sa.Text(), nullable=True),
        sa.Column("period_start", sa.Date(), nullable=True),
        sa.Column("period_end", sa.Date(), nullable=True),
        sa.Column(
            "notes", postgresql.ARRAY(sa.Text()), server_default=sa.text("'{}'::text[]"), nullable=False
        ),
        sa.CheckConstraint(
            "comparator IN ('eq', 'approx', 'max', 'min')", name=op.f("ck_observations_comparator")
        ),
        sa.CheckConstraint("kind IN ('actual', 'estimate', 'target')", name=op.f("ck_observations_kind")),
        sa.CheckConstraint(
            "measure IN ('level', 'change_pct', 'change_abs', 'change_pp', 'rank', 'progress_pct')",
            name=op.f("ck_observations_measure"),
        ),
        sa.CheckConstraint("period_start <= period_end", name=op.f("ck_observations_period_ordered")),
        sa.CheckConstraint(
            "span_start >= 0 AND span_start <= span_end", name=op.f("ck_observations_span_ordered")
        ),
        sa.ForeignKeyConstraint(
            ["category_id"], ["categories.id"], name=op.f("fk_observations_category_id_categories")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_observations_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["metric_code"],
            ["metrics.code"],
            name=op.f("fk_observations_metric_code_metrics"),
            onupdate="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["region_code"], ["regions.code"], name=op.f("fk_observations_region_code_regions")
        ),
        sa.ForeignKeyConstraint(
            ["task_id"], ["tasks.id"], name=op.f("fk_observations_task_id_tasks"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_observations")),
        comment="Every number that measures something, one row each (SDMX-like)",
    )
    op.create_index(op.f("ix_observations_document_id"), "observations", ["document_id"], unique=False)
    op.create_index(
        op.f("ix_observations_metric_code_year_region_code"),
        "observations",
        ["metric_code", "year", "region_code"],
        unique=False,
    )
    op.create_index(op.f("ix_observations_task_id"), "observations", ["task_id"], unique=False)


def drop_tables() -> None:
    op.drop_index(op.f("ix_observations_task_id"), table_name="observations")
    op.drop_index(op.f("ix_observations_metric_code_year_region_code"), table_name="observations")
    op.drop_index(op.f("ix_observations_document_id"), table_name="observations")
    op.drop_table("observations")
    op.drop_index(op.f("ix_tasks_document_id"), table_name="tasks")
    op.drop_table("tasks")
    op.drop_table("category_results")
    op.drop_table("years")
    op.drop_index(op.f("ix_region_aliases_region_code"), table_name="region_aliases")
    op.drop_table("region_aliases")
    op.drop_table("metric_exclusions")
    op.drop_index(op.f("ix_metric_aliases_metric_code"), table_name="metric_aliases")
    op.drop_table("metric_aliases")
    op.drop_index(op.f("ix_documents_region_code"), table_name="documents")
    op.drop_table("documents")
    op.drop_table("categories")
    op.drop_table("regions")
    op.drop_table("metrics")
    op.drop_table("genres")
    op.drop_table("five_year_plans")
    op.drop_table("category_schemes")
