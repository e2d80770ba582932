"""Targets against actuals (v_target_attainment) and across levels of government (v_target_cascade).

Every function takes a SQLAlchemy ``Connection`` and reads the public views; the rules (which
target, which actual, when a target is met, which number of a range is compared) are the views'
own, stated in their COMMENTs and docs/analysts.md.  User text only reaches SQL as a bound
parameter.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from govperf.data.vocab import MEASURES
from govperf.query.lookup import AnalysisError, Metric
from govperf.query.values import plain

LEVELS = ("national", "province", "prefecture", "county")

ATTAINMENT_COLUMNS = (
    "region_code",
    "region_name",
    "region_level",
    "measure",
    "breakdown",
    "year",
    "unit",
    "better",
    "target_comparator",
    "target_value",
    "target_value_max",
    "target_tolerance",
    "actual_value",
    "actual_kind",
    "actual_is_annual",
    "actual_period_label",
    "met",
    "gap",
    "target_observation_id",
    "actual_observation_id",
)
CASCADE_COLUMNS = (
    "region_code",
    "region_name",
    "region_level",
    "measure",
    "breakdown",
    "year",
    "unit",
    "better",
    "target_comparator",
    "target_value",
    "target_value_max",
    "parent_code",
    "parent_name",
    "parent_level",
    "parent_target_comparator",
    "parent_target_value",
    "parent_target_value_max",
    "national_target_comparator",
    "national_target_value",
    "national_target_value_max",
    "excess_over_parent",
    "excess_over_national",
)
_ORDER = (
    "array_position(ARRAY['national', 'province', 'prefecture', 'county'], region_level), "
    "region_code, measure, breakdown"
)


@dataclass(frozen=True)
class Targets:
    """The rows of one metric and year, from one of the two views."""

    metric: Metric
    year: int
    cascade: bool
    columns: tuple[str, ...]
    rows: list[dict[str, Any]]


def targets(
    conn: Connection,
    metric: Metric,
    year: int | None = None,
    level: str | None = None,
    measure: str | None = None,
    *,
    cascade: bool = False,
) -> Targets:
    """The targets of ``metric`` in ``year`` (default: see ``default_year``), of regions of
    ``level`` and of ``measure`` when given: attainment rows, or with ``cascade`` the targets
    beside the parent's and the nation's."""
    if level is not None and level not in LEVELS:
        raise AnalysisError(f"unknown level {level!r} (one of {', '.join(LEVELS)})")
    if measure is not None and measure not in MEASURES:
        raise AnalysisError(f"unknown measure {measure!r} (one of {', '.join(MEASURES)})")
    view, columns = (
        ("v_target_cascade", CASCADE_COLUMNS) if cascade else ("v_target_attainment", ATTAINMENT_COLUMNS)
    )
    params = {"m": metric.code, "level": level, "measure": measure}
    where = (
        "metric_code = :m AND (CAST(:level AS text) IS NULL OR region_level = :level)"
        " AND (CAST(:measure AS text) IS NULL OR measure = :measure)"
    )
    if year is None:
        year = default_year(conn, metric, where, params, cascade=cascade)
    query = text(f"SELECT {', '.join(columns)} FROM {view} WHERE {where} AND year = :y ORDER BY {_ORDER}")
    rows = [dict(r._mapping) for r in conn.execute(query, {**params, "y": year})]
    return Targets(metric, year, cascade, columns, rows)


def default_year(
    conn: Connection, metric: Metric, where: str, params: dict[str, Any], *, cascade: bool
) -> int:
    """The year to show when none is asked for: for attainment the latest year in which a target
    can be judged (it has a whole-year actual), else the latest with a target; for the cascade
    the latest year with a target."""
    judged = "" if cascade else "max(year) FILTER (WHERE met IS NOT NULL), "
    view = "v_target_cascade" if cascade else "v_target_attainment"
    year = conn.scalar(text(f"SELECT coalesce({judged}max(year)) FROM {view} WHERE {where}"), params)
    if year is None:
        raise AnalysisError(f"no region sets a target for {metric.code} (see: govperf series)")
    return int(year)


def target_text(comparator: str | None, value: Decimal | None, value_max: Decimal | None) -> str:
    """A target as a reader would write it: 5 左右, ≥ 1150, ≤ 5.6, 4.5–5, = 6."""
    if value is None:
        return ""
    if value_max is not None:
        return f"{plain(value)}–{plain(value_max)}"
    prefix = {"min": "≥ ", "max": "≤ ", "eq": "= "}.get(comparator or "", "")
    suffix = " 左右" if comparator == "approx" else ""
    return f"{prefix}{plain(value)}{suffix}"


def mark(row: dict[str, Any]) -> str:
    """✓ met, ✗ missed, … no judgement yet (no actual, or only part of the year)."""
    if row["met"] is True:
        return "✓ met"
    if row["met"] is False:
        return "✗ missed"
    if row["actual_value"] is not None:
        return f"… {row['actual_period_label'] or 'part of the year'} only"
    return "… no actual yet"


def signed(value: Decimal | None) -> str:
    """A gap or an excess with its sign: +0.5, -1, 0."""
    if value is None:
        return ""
    return ("+" if value > 0 else "") + plain(value)
