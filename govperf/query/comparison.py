"""Comparison and series: districts side by side on one metric, and one district over the years.

Every function takes a SQLAlchemy ``Connection`` and reads the public views (DESIGN.md §3).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from govperf.query.lookup import AnalysisError, Metric


@dataclass(frozen=True)
class Comparison:
    metric: Metric
    year: int
    measure: str
    kind: str
    unit: str
    rows: list[dict[str, Any]]


COMPARISON_COLUMNS = (
    "district_code, district_name, value, value_unit, rank_in_year, districts_reporting, "
    "period_label, comparator, gap_to_best, gap_to_median, median_value, observation_id"
)


def compare(
    conn: Connection, metric: Metric, year: int | None, measure: str = "level", kind: str = "actual"
) -> Comparison:
    """Districts' values of ``metric`` in ``year`` (default: the latest year with data), ranked."""
    params = {"m": metric.code, "measure": measure, "kind": kind}
    if year is None:
        year = conn.scalar(
            text(
                "SELECT max(year) FROM v_metric_comparison "
                "WHERE metric_code = :m AND measure = :measure AND kind = :kind"
            ),
            params,
        )
        if year is None:
            raise AnalysisError(f"no district reports {metric.code} ({measure}, {kind}) in any year")
    query = text(
        f"SELECT {COMPARISON_COLUMNS.replace('value_unit', 'unit AS value_unit')} "
        "FROM v_metric_comparison WHERE metric_code = :m AND year = :y AND measure = :measure "
        "AND kind = :kind ORDER BY rank_in_year NULLS LAST, value DESC, district_code"
    )
    rows = [dict(r._mapping) for r in conn.execute(query, {**params, "y": year})]
    unit = rows[0]["value_unit"] if rows else measure_unit(metric, measure)
    return Comparison(metric, year, measure, kind, unit, rows)


def measure_unit(metric: Metric, measure: str) -> str:
    """The unit a value of ``measure`` is given in."""
    return {"change_pct": "%", "progress_pct": "%", "change_pp": "个百分点", "rank": "位"}.get(
        measure, metric.unit
    )


def series(
    conn: Connection, metric: Metric, region_code: str, measure: str | None = None
) -> list[dict[str, Any]]:
    """One row per year and measure: the actual, estimate and target values side by side."""
    query = text(
        "SELECT year, measure, unit, "
        "max(value) FILTER (WHERE kind = 'actual') AS actual, "
        "max(value) FILTER (WHERE kind = 'estimate') AS estimate, "
        "max(value) FILTER (WHERE kind = 'target') AS target, "
        "string_agg(DISTINCT period_label, ', ') AS periods "
        "FROM v_metric_series WHERE metric_code = :m AND district_code = :d "
        "AND (CAST(:measure AS text) IS NULL OR measure = :measure) "
        "GROUP BY year, measure, unit ORDER BY measure, year"
    )
    params = {"m": metric.code, "d": region_code, "measure": measure}
    return [dict(r._mapping) for r in conn.execute(query, params)]


def plain(value: object) -> str:
    """A value for display: numbers without trailing zeros, None as empty."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        text_ = format(value.normalize(), "f")
        return "0" if text_ in ("-0", "") else text_
    return str(value)
