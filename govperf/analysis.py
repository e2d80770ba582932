"""Questions analysts ask of the views: compare districts, a district's series, the metric
dictionary, unmapped labels, and adding a metric alias that re-maps stored observations.

Every function takes a SQLAlchemy ``Connection`` and reads the public views (DESIGN.md §3),
except ``add_alias``, which writes ``metric_aliases`` and ``observations``.  User text only
ever reaches SQL as a bound parameter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from govperf import regions
from govperf.errors import GovperfError
from govperf.extract.resources import unit_table

MEASURES = ("level", "change_pct", "change_abs", "change_pp", "rank", "progress_pct")
KINDS = ("actual", "estimate", "target")
# measures whose value is in the metric's own unit (the others are %, 个百分点, 位)
UNIT_MEASURES = ("level", "change_abs")


class AnalysisError(GovperfError):
    """A question the database cannot answer as asked (unknown metric, no data …)."""


@dataclass(frozen=True)
class Metric:
    code: str
    name: str
    unit: str
    better: str | None


def resolve_metric(conn: Connection, name: str) -> Metric:
    """The metric named ``name``: its code, its Chinese or English name, or one of its aliases."""
    query = text(
        "SELECT m.code, m.name, m.unit, m.better FROM metrics m "
        "WHERE m.code = :n OR m.name = :n OR lower(m.name_en) = lower(:n) "
        "OR m.code IN (SELECT metric_code FROM metric_aliases WHERE alias = :n) "
        "ORDER BY (m.code = :n) DESC, (m.name = :n) DESC LIMIT 1"
    )
    row = conn.execute(query, {"n": name.strip()}).first()
    if row is None:
        raise AnalysisError(f"unknown metric {name!r} (see: govperf metrics)")
    return Metric(*row)


def resolve_region(conn: Connection, name: str) -> tuple[str, str]:
    """(code, name) of a region named as ``govperf.regions.resolve_region`` reads names (the same
    rule for ambiguity), with the database's region aliases (an analyst's own) added."""
    aliases: dict[str, str] = dict(
        conn.execute(
            text("SELECT alias, region_code FROM region_aliases WHERE alias = :n"), {"n": name.strip()}
        )
        .tuples()
        .all()
    )
    try:
        code = regions.resolve_region(name, aliases)
    except regions.UnknownRegion as error:
        raise AnalysisError(str(error)) from error
    row = conn.execute(text("SELECT name FROM regions WHERE code = :c"), {"c": code}).first()
    if row is None:
        raise AnalysisError(f"region {code} is not in the database (run: govperf migrate)")
    return code, row[0]


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


def metric_dictionary(conn: Connection) -> list[dict[str, Any]]:
    """Every metric with its unit, direction, aliases and number of (mapped) observations."""
    query = text(
        "SELECT m.code, m.name, m.unit, m.better, "
        "(SELECT string_agg(a.alias, '、' ORDER BY a.source, a.alias) FROM metric_aliases a "
        " WHERE a.metric_code = m.code) AS aliases, "
        "(SELECT count(*) FROM v_observations o WHERE o.metric_code = m.code) AS observations "
        "FROM metrics m ORDER BY m.code"
    )
    return [dict(r._mapping) for r in conn.execute(query)]


def unmapped_labels(conn: Connection, limit: int = 50) -> list[dict[str, Any]]:
    """Labels of observations without a metric, most frequent first, with one example sentence."""
    query = text(
        "SELECT label, count(*) AS observations, count(DISTINCT document_id) AS documents, "
        "mode() WITHIN GROUP (ORDER BY unit) AS unit, "
        "(array_agg(snippet ORDER BY observation_id))[1] AS example "
        "FROM v_observations WHERE metric_code IS NULL AND label <> '' "
        "GROUP BY label ORDER BY count(*) DESC, label LIMIT :limit"
    )
    return [dict(r._mapping) for r in conn.execute(query, {"limit": limit})]


# The metric a label maps to, in SQL: the longest alias the label contains whose metric has no
# exclusion phrase in the label (user aliases win a tie of length).
_REMAP = text(
    """
    WITH candidate AS (
        SELECT o.id, o.metric_code AS old_code, (
            SELECT a.metric_code FROM metric_aliases a
            WHERE strpos(o.label, a.alias) > 0
              AND NOT EXISTS (
                  SELECT 1 FROM metric_exclusions e
                  WHERE e.metric_code = a.metric_code AND strpos(o.label, e.phrase) > 0)
            ORDER BY length(a.alias) DESC, (a.source = 'user') DESC, strpos(o.label, a.alias), a.alias
            LIMIT 1
        ) AS new_code
        FROM observations o
        WHERE strpos(o.label, :alias) > 0
          AND (CAST(:documents AS bigint[]) IS NULL OR o.document_id = ANY(CAST(:documents AS bigint[])))
    )
    UPDATE observations o SET metric_code = c.new_code
    FROM candidate c
    WHERE o.id = c.id AND c.new_code = :metric AND c.old_code IS DISTINCT FROM c.new_code
    RETURNING o.id, o.measure, o.unit, o.value, o.value_max
    """
)


@dataclass(frozen=True)
class AliasResult:
    alias: str
    metric: Metric
    remapped: int
    converted: int
    unconverted: int


def add_alias(conn: Connection, alias: str, metric: Metric) -> AliasResult:
    """Add (or re-point) the user alias ``alias`` → ``metric`` and re-map stored observations.

    An observation whose label contains ``alias`` moves to ``metric`` when that alias is now the
    most specific one its label contains (and no exclusion of the metric applies); its value is
    converted into the metric's canonical unit when the units are of the same dimension.
    """
    alias = alias.strip()
    if not alias:
        raise AnalysisError("an alias cannot be empty")
    conn.execute(
        text(
            "INSERT INTO metric_aliases (alias, metric_code, source) VALUES (:a, :m, 'user') "
            "ON CONFLICT (alias) DO UPDATE SET metric_code = excluded.metric_code, source = 'user'"
        ),
        {"a": alias, "m": metric.code},
    )
    return _remap(conn, alias, metric)


def _remap(
    conn: Connection, alias: str, metric: Metric, documents: Sequence[int] | None = None
) -> AliasResult:
    params = {"alias": alias, "metric": metric.code, "documents": list(documents) if documents else None}
    moved = conn.execute(_REMAP, params).all()
    converted = unconverted = 0
    for row in moved:
        if row.measure not in UNIT_MEASURES or row.unit == metric.unit:
            continue
        if _convert_row(conn, row, metric.unit):
            converted += 1
        else:
            unconverted += 1
    return AliasResult(alias, metric, len(moved), converted, unconverted)


def apply_user_aliases(conn: Connection, documents: Sequence[int] | None = None) -> int:
    """Re-map observations (of ``documents``, default all) by the aliases users added.

    The extractor maps labels with the builtin aliases of metrics.yaml only; an import calls
    this for the documents it just stored, so a user alias also covers documents loaded after
    it.  Returns how many observations moved.
    """
    query = text(
        "SELECT a.alias, m.code, m.name, m.unit, m.better FROM metric_aliases a "
        "JOIN metrics m ON m.code = a.metric_code WHERE a.source = 'user' ORDER BY length(a.alias)"
    )
    moved = 0
    for alias, *metric in conn.execute(query).all():
        moved += _remap(conn, alias, Metric(*metric), documents).remapped
    return moved


def conversion_factor(from_unit: str, to_unit: str) -> Fraction | None:
    """Exact factor from ``from_unit`` to ``to_unit`` (units.yaml), None when not convertible."""
    table = unit_table()
    source, target = table.lookup(from_unit), table.lookup(to_unit)
    if source is None or target is None or source.dimension != target.dimension:
        return None
    return source.factor / target.factor


def _convert_row(conn: Connection, row: Any, unit: str) -> bool:
    factor = conversion_factor(row.unit, unit)
    if factor is None:
        return False
    conn.execute(
        text("UPDATE observations SET value = :v, value_max = :vmax, unit = :u WHERE id = :id"),
        {"v": _scale(row.value, factor), "vmax": _scale(row.value_max, factor), "u": unit, "id": row.id},
    )
    return True


def _scale(value: Decimal | None, factor: Fraction) -> Decimal | None:
    if value is None:
        return None
    exact = Fraction(value) * factor
    return (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(Decimal("0.000001"))


def plain(value: object) -> str:
    """A value for display: numbers without trailing zeros, None as empty."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        text_ = format(value.normalize(), "f")
        return "0" if text_ in ("-0", "") else text_
    return str(value)
