"""Internal tables (SQLAlchemy 2 typed models).

Analysts read the views in ``sql/`` (DESIGN.md §3), never these tables directly; the tables
may change between releases, the views may only grow.  The reference tables are in schema
``public`` (the reader may read them); the tables an import writes are in
``schema.PRIVATE_SCHEMA`` (``PRIVATE`` in ``__table_args__``), which the reader cannot use.
Every constraint has a stable name (see ``NAMING_CONVENTION``) so later migrations can address it.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import (
    CHAR,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Identity,
    Index,
    Integer,
    MetaData,
    Numeric,
    SmallInteger,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, TIMESTAMP
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from govperf.data.vocab import BREAKDOWNS, COMPARATORS, KINDS, MEASURES, TASK_STATUSES, YEAR_SOURCES
from govperf.db.schema import PRIVATE_SCHEMA

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

REGION_LEVELS = ("national", "province", "prefecture", "county")
ALIAS_SOURCES = ("builtin", "user")
CATEGORY_RESULT_SOURCES = ("stated", "counted")
BETTER = ("higher", "lower")

# the tables an import writes live in the private schema (govperf.db.schema)
PRIVATE = {"schema": PRIVATE_SCHEMA}
DOCUMENT_ID = f"{PRIVATE_SCHEMA}.documents.id"
TASK_ID = f"{PRIVATE_SCHEMA}.tasks.id"

# numeric(p,s) everywhere a value is stored: BI drivers mis-map an unconstrained numeric.
VALUE = Numeric(20, 6)


def one_of(column: str, values: tuple[str, ...]) -> str:
    """SQL for a CHECK that ``column`` holds one of ``values``."""
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({quoted})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {str: Text, datetime: TIMESTAMP(timezone=True)}


class Region(Base):
    __tablename__ = "regions"
    __table_args__ = (
        CheckConstraint(r"code ~ '^[0-9]{6}$'", name="code_six_digits"),
        CheckConstraint(one_of("level", REGION_LEVELS), name="level"),
        Index(None, "parent_code"),
        {"comment": "GB/T 2260 regions (全国, provinces, prefectures, county-level divisions)"},
    )

    code: Mapped[str] = mapped_column(CHAR(6), primary_key=True)
    name: Mapped[str]
    short_name: Mapped[str]
    level: Mapped[str]
    parent_code: Mapped[str | None] = mapped_column(ForeignKey("regions.code"))
    official: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    former_names: Mapped[list[str]] = mapped_column(ARRAY(Text), server_default=text("'{}'::text[]"))


class RegionAlias(Base):
    __tablename__ = "region_aliases"
    __table_args__ = (
        CheckConstraint(one_of("source", ALIAS_SOURCES), name="source"),
        {"comment": "Other names of a region (亦庄 → 110400); source 'user' rows survive reference syncs"},
    )

    alias: Mapped[str] = mapped_column(primary_key=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(server_default="builtin")


class FiveYearPlan(Base):
    __tablename__ = "five_year_plans"
    __table_args__ = (
        CheckConstraint("last_year >= first_year", name="years_ordered"),
        {"comment": "Five-year plans (十三五 = 2016-2020)"},
    )

    code: Mapped[str] = mapped_column(primary_key=True)
    first_year: Mapped[int] = mapped_column(SmallInteger)
    last_year: Mapped[int] = mapped_column(SmallInteger)


class Year(Base):
    __tablename__ = "years"
    __table_args__ = (
        CheckConstraint("year_in_plan BETWEEN 1 AND 5", name="year_in_plan"),
        {"comment": "Calendar years with their five-year plan and place in it (2016 = 十三五 year 1)"},
    )

    year: Mapped[int] = mapped_column(SmallInteger, primary_key=True, autoincrement=False)
    plan_code: Mapped[str] = mapped_column(ForeignKey("five_year_plans.code"))
    year_in_plan: Mapped[int] = mapped_column(SmallInteger)


class Genre(Base):
    __tablename__ = "genres"
    __table_args__ = ({"comment": "Document genres (DESIGN.md §1)"},)

    code: Mapped[str] = mapped_column(primary_key=True)
    name: Mapped[str]
    name_en: Mapped[str]


class CategoryScheme(Base):
    __tablename__ = "category_schemes"
    __table_args__ = (
        CheckConstraint("last_year IS NULL OR last_year >= first_year", name="years_ordered"),
        {"comment": "Task-category schemes and the years they were used in"},
    )

    code: Mapped[str] = mapped_column(primary_key=True)
    name: Mapped[str]
    first_year: Mapped[int | None] = mapped_column(SmallInteger)
    last_year: Mapped[int | None] = mapped_column(SmallInteger)


class Category(Base):
    __tablename__ = "categories"
    __table_args__ = (
        UniqueConstraint("scheme_code", "code"),
        {"comment": "Task categories of a scheme (quality_development 高质量发展 …)"},
    )

    id: Mapped[int] = mapped_column(Integer, Identity(), primary_key=True)
    scheme_code: Mapped[str] = mapped_column(ForeignKey("category_schemes.code", ondelete="CASCADE"))
    code: Mapped[str]
    name: Mapped[str]
    name_en: Mapped[str | None]
    sort_order: Mapped[int] = mapped_column(SmallInteger, server_default=text("0"))


class Metric(Base):
    __tablename__ = "metrics"
    __table_args__ = (
        CheckConstraint(f"better IS NULL OR {one_of('better', BETTER)}", name="better"),
        {"comment": "Canonical metrics (DESIGN.md §2); codes are part of the public contract"},
    )

    code: Mapped[str] = mapped_column(primary_key=True)
    name: Mapped[str]
    name_en: Mapped[str | None]
    unit: Mapped[str]
    better: Mapped[str | None]


class MetricAlias(Base):
    __tablename__ = "metric_aliases"
    __table_args__ = (
        CheckConstraint(one_of("source", ALIAS_SOURCES), name="source"),
        {"comment": "Phrases that name a metric; add one with an INSERT (source 'user')"},
    )

    id: Mapped[int] = mapped_column(Integer, Identity(), primary_key=True)
    alias: Mapped[str] = mapped_column(unique=True)
    metric_code: Mapped[str] = mapped_column(
        ForeignKey("metrics.code", ondelete="CASCADE", onupdate="CASCADE"), index=True
    )
    source: Mapped[str] = mapped_column(server_default="builtin")


class MetricExclusion(Base):
    __tablename__ = "metric_exclusions"
    __table_args__ = (
        UniqueConstraint("metric_code", "phrase"),
        CheckConstraint(one_of("source", ALIAS_SOURCES), name="source"),
        {"comment": "Phrases that look like an alias of a metric but name something else"},
    )

    id: Mapped[int] = mapped_column(Integer, Identity(), primary_key=True)
    metric_code: Mapped[str] = mapped_column(
        ForeignKey("metrics.code", ondelete="CASCADE", onupdate="CASCADE")
    )
    phrase: Mapped[str]
    source: Mapped[str] = mapped_column(server_default="builtin")


class Document(Base):
    __tablename__ = "documents"
    __table_args__ = (
        UniqueConstraint("source_sha256", "part"),
        CheckConstraint(r"source_sha256 ~ '^[0-9a-f]{64}$'", name="sha256_hex"),
        CheckConstraint("part >= 1", name="part_positive"),
        CheckConstraint("year BETWEEN 1949 AND 2100", name="year_range"),
        CheckConstraint(one_of("year_source", YEAR_SOURCES), name="year_source"),
        CheckConstraint("genre_confidence BETWEEN 0 AND 1", name="genre_confidence"),
        CheckConstraint("period_start <= period_end", name="period_ordered"),
        {"comment": "One imported report: a file, or one part (篇) of a file that holds several", **PRIVATE},
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    source_sha256: Mapped[str] = mapped_column(CHAR(64))
    part: Mapped[int] = mapped_column(SmallInteger, server_default=text("1"))
    source_name: Mapped[str]
    genre: Mapped[str] = mapped_column(ForeignKey("genres.code"))
    genre_confidence: Mapped[Decimal | None] = mapped_column(Numeric(4, 3))
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"), index=True)
    year: Mapped[int | None] = mapped_column(SmallInteger, index=True)
    year_source: Mapped[str | None]
    period_label: Mapped[str | None]
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    title: Mapped[str | None]
    published_on: Mapped[date | None] = mapped_column(Date)
    encoding: Mapped[str | None]
    original_text: Mapped[str]
    totals: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))
    warnings: Mapped[list[str]] = mapped_column(ARRAY(Text), server_default=text("'{}'::text[]"))
    imported_at: Mapped[datetime] = mapped_column(server_default=func.now())
    parser_version: Mapped[str | None]


class Task(Base):
    __tablename__ = "tasks"
    __table_args__ = (
        CheckConstraint(one_of("status", TASK_STATUSES), name="status"),
        CheckConstraint("span_start <= span_end", name="span_ordered"),
        Index(
            None,
            "document_id",
            "category_id",
            postgresql_include=["status"],
            postgresql_where=text("category_id IS NOT NULL"),
        ),
        {"comment": "Tasks of a progress table or report, with requirement and progress text", **PRIVATE},
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey(DOCUMENT_ID, ondelete="CASCADE"), index=True)
    seq_no: Mapped[int | None] = mapped_column(Integer)
    ref_code: Mapped[str | None]
    category_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"))
    title: Mapped[str]
    target_text: Mapped[str | None]
    progress_text: Mapped[str | None]
    status: Mapped[str] = mapped_column(server_default="unknown")
    span_start: Mapped[int | None] = mapped_column(Integer)
    span_end: Mapped[int | None] = mapped_column(Integer)


class CategoryResult(Base):
    __tablename__ = "category_results"
    __table_args__ = (
        UniqueConstraint("document_id", "category_id"),
        CheckConstraint("tasks_total >= 0 AND tasks_done >= 0 AND tasks_lagging >= 0", name="counts"),
        CheckConstraint(one_of("source", CATEGORY_RESULT_SOURCES), name="source"),
        {"comment": "Tasks per category as a document states them (or counted from its tasks)", **PRIVATE},
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey(DOCUMENT_ID, ondelete="CASCADE"))
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"))
    tasks_total: Mapped[int | None] = mapped_column(Integer)
    tasks_done: Mapped[int | None] = mapped_column(Integer)
    tasks_lagging: Mapped[int | None] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(server_default="stated")
    snippet: Mapped[str | None]


class Observation(Base):
    """One number (DESIGN.md §2); mirrors ``govperf.extract.types.Observation``."""

    __tablename__ = "observations"
    __table_args__ = (
        CheckConstraint(one_of("measure", MEASURES), name="measure"),
        CheckConstraint(one_of("kind", KINDS), name="kind"),
        CheckConstraint(one_of("comparator", COMPARATORS), name="comparator"),
        CheckConstraint(one_of("breakdown", BREAKDOWNS), name="breakdown"),
        CheckConstraint("span_start >= 0 AND span_start <= span_end", name="span_ordered"),
        CheckConstraint("period_start <= period_end", name="period_ordered"),
        Index(None, "metric_code", "year", "region_code"),
        {"comment": "Every number that measures something, one row each (SDMX-like)", **PRIVATE},
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey(DOCUMENT_ID, ondelete="CASCADE"), index=True)
    task_id: Mapped[int | None] = mapped_column(ForeignKey(TASK_ID, ondelete="SET NULL"), index=True)
    category_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"))
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"))
    year: Mapped[int | None] = mapped_column(SmallInteger)
    label: Mapped[str]
    metric_code: Mapped[str | None] = mapped_column(ForeignKey("metrics.code", onupdate="CASCADE"))
    measure: Mapped[str]
    kind: Mapped[str]
    comparator: Mapped[str] = mapped_column(server_default="eq")
    value: Mapped[Decimal] = mapped_column(VALUE)
    value_max: Mapped[Decimal | None] = mapped_column(VALUE)
    unit: Mapped[str]
    raw_value: Mapped[Decimal] = mapped_column(VALUE)
    raw_unit: Mapped[str]
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    snippet: Mapped[str]
    period_label: Mapped[str | None]
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[list[str]] = mapped_column(ARRAY(Text), server_default=text("'{}'::text[]"))
    breakdown: Mapped[str] = mapped_column(server_default="total")


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
