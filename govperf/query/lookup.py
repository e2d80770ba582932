"""Finding things in the database: a metric or a region by any of its names, the metric
dictionary, and the labels no metric claims yet.

Every function takes a SQLAlchemy ``Connection`` and reads the public views (DESIGN.md §3) or
the reference tables.  User text only ever reaches SQL as a bound parameter.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection

from govperf.data import regions
from govperf.errors import GovperfError


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
    """(code, name) of a region named as ``govperf.data.regions.resolve_region`` reads names (the
    same rule for ambiguity), with the database's region aliases (an analyst's own) added."""
    rows = conn.execute(
        text("SELECT alias, region_code FROM region_aliases WHERE alias = :n"), {"n": name.strip()}
    )
    aliases = {str(alias): str(code) for alias, code in rows}
    try:
        code = regions.resolve_region(name, aliases)
    except regions.UnknownRegion as error:
        raise AnalysisError(str(error)) from error
    row = conn.execute(text("SELECT name FROM regions WHERE code = :c"), {"c": code}).first()
    if row is None:
        raise AnalysisError(f"region {code} is not in the database (run: govperf db upgrade)")
    return code, row[0]
