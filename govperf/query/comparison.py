"""Comparison and series: districts side by side on one metric, and one district over the years.

Every function takes a SQLAlchemy ``Connection`` and reads the public views (DESIGN.md §3).
"""

from __future__ import annotations

from dataclasses import dataclass
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
    "district_code, district_name, region_level, breakdown, value, value_unit, rank_in_year, "
    "districts_reporting, period_label, is_annual, comparator, gap_to_best, gap_to_median, median_value, "
    "observation_id"
)


def compare(
    conn: Connection, metric: Metric, year: int | None, measure: str = "level", kind: str = "actual"
) -> Comparison:
    """Districts' values of ``metric`` in ``year`` (default: ``default_year``), ranked; grouped as
    they are ranked (by region level, then breakdown: total, urban, rural).

    Raises AnalysisError, saying which measures, kinds and years do have values, when none
    matches."""
    params = {"m": metric.code, "measure": measure, "kind": kind}
    chosen = default_year(conn, metric, measure, kind) if year is None else year
    rows: list[dict[str, Any]] = []
    if chosen is not None:
        query = text(
            f"SELECT {COMPARISON_COLUMNS.replace('value_unit', 'unit AS value_unit')} "
            "FROM v_metric_comparison WHERE metric_code = :m AND year = :y AND measure = :measure "
            "AND kind = :kind ORDER BY "
            "array_position(ARRAY['county', 'prefecture', 'province'], region_level), "
            "array_position(ARRAY['total', 'urban', 'rural'], breakdown), "
            "rank_in_year NULLS LAST, value DESC, district_code"
        )
        rows = [dict(r._mapping) for r in conn.execute(query, {**params, "y": chosen})]
    if chosen is None or not rows:
        raise AnalysisError(nothing_to_compare(conn, metric, year, measure, kind))
    return Comparison(metric, chosen, measure, kind, rows[0]["value_unit"], rows)


def default_year(conn: Connection, metric: Metric, measure: str, kind: str) -> int | None:
    """The latest of the years in which the most regions report an annual figure of ``metric``
    (``measure``, ``kind``): a year with one partial-year value (上半年) never beats a year of
    whole-year values.  When no year has an annual figure, the year with the most regions."""
    query = text(
        "SELECT year FROM v_metric_comparison "
        "WHERE metric_code = :m AND measure = :measure AND kind = :kind GROUP BY year "
        "ORDER BY count(DISTINCT district_code) FILTER (WHERE is_annual) DESC, "
        "count(DISTINCT district_code) DESC, year DESC LIMIT 1"
    )
    return conn.scalar(query, {"m": metric.code, "measure": measure, "kind": kind})


def nothing_to_compare(conn: Connection, metric: Metric, year: int | None, measure: str, kind: str) -> str:
    """Why no region can be compared, and which --measure, --kind or --year would give some."""
    query = text(
        "SELECT measure, kind, year, count(*) AS n FROM v_metric_comparison WHERE metric_code = :m "
        "GROUP BY measure, kind, year"
    )
    found = [(r.measure, r.kind, r.year, r.n) for r in conn.execute(query, {"m": metric.code})]
    asked = f"{metric.code} ({measure}, {kind})"
    when = "in any year" if year is None else f"for {year}"
    if not found:
        return f"no region reports {metric.code} in any year (see: govperf unmapped)"
    same = [f for f in found if f[0] == measure and f[1] == kind]
    if same:
        years = sorted({f[2] for f in same})
        best = default_year(conn, metric, measure, kind)
        return f"no region reports {asked} for {year}; it has values for {_years(years)}: try --year {best}"
    for option, values in (
        ("--kind", _by(found, 1, lambda f: f[0] == measure)),  # the measure asked for, other kinds
        ("--measure", _by(found, 0, lambda f: f[1] == kind)),  # the kind asked for, other measures
    ):
        if values:
            count = sum(n for n in values.values())
            names = " and ".join(sorted(values, key=lambda v: -values[v]))
            top = max(values, key=lambda v: values[v])
            noun = "value exists" if count == 1 else "values exist"
            return f"no region reports {asked} {when}; {count} {names} {noun}: try {option} {top}"
    pairs = _by(found, None, lambda f: True)
    top_measure, top_kind = max(pairs, key=lambda v: pairs[v]).split(" ")
    listed = ", ".join(f"{pairs[p]} {p}" for p in sorted(pairs, key=lambda v: -pairs[v]))
    return (
        f"no region reports {asked} {when}; values exist as {listed}: "
        f"try --measure {top_measure} --kind {top_kind}"
    )


def _by(found: list[tuple[str, str, int, int]], index: int | None, keep: Any) -> dict[str, int]:
    """Counts of values by measure (index 0), kind (1) or both (None), of the rows ``keep`` keeps."""
    counts: dict[str, int] = {}
    for row in found:
        if keep(row):
            name = f"{row[0]} {row[1]}" if index is None else str(row[index])
            counts[name] = counts.get(name, 0) + row[3]
    return counts


def _years(years: list[int]) -> str:
    return ", ".join(map(str, years)) if len(years) <= 5 else f"{years[0]}–{years[-1]}"


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
