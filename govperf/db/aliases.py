"""Re-mapping stored observations by metric aliases, in SQL: the one matcher behind
``govperf alias add``, ``govperf alias apply`` and every import once a user alias exists.

The extractor maps labels with the builtin aliases of metrics.yaml (govperf.extract.metrics);
aliases users add live only in ``metric_aliases`` (source 'user'), so stored observations are
re-mapped here.  A label moves to a metric when an alias of that metric is the longest alias the
label contains and no exclusion phrase of the metric is in the label (user aliases win a tie of
length); its value is converted into the metric's unit when the units are of one dimension.
Below both its callers: the loader (govperf.load.store, inside each document's transaction) and
the analyst queries (govperf.query.aliases).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from govperf.data.units import conversion_factor
from govperf.data.vocab import UNIT_MEASURES

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
class Remapped:
    """Observations moved to a metric by one alias, and how many of their values were converted
    into the metric's unit or could not be."""

    moved: int
    converted: int
    unconverted: int


def remap(
    conn: Connection, alias: str, metric_code: str, metric_unit: str, documents: Sequence[int] | None = None
) -> Remapped:
    """Move the observations (of ``documents``, default all) whose label contains ``alias`` to
    ``metric_code`` when that alias is now their most specific one."""
    params = {"alias": alias, "metric": metric_code, "documents": list(documents) if documents else None}
    moved = conn.execute(_REMAP, params).all()
    converted = unconverted = 0
    for row in moved:
        if row.measure not in UNIT_MEASURES or row.unit == metric_unit:
            continue
        if _convert_row(conn, row, metric_unit):
            converted += 1
        else:
            unconverted += 1
    return Remapped(len(moved), converted, unconverted)


def apply_user_aliases(conn: Connection, documents: Sequence[int] | None = None) -> int:
    """Re-map observations (of ``documents``, default all) by the aliases users added.

    The extractor maps labels with the builtin aliases of metrics.yaml only; an import calls
    this for the documents it just stored, so a user alias also covers documents loaded after
    it.  Returns how many observations moved.
    """
    query = text(
        "SELECT a.alias, m.code, m.unit FROM metric_aliases a "
        "JOIN metrics m ON m.code = a.metric_code WHERE a.source = 'user' ORDER BY length(a.alias)"
    )
    moved = 0
    for alias, code, unit in conn.execute(query).all():
        moved += remap(conn, alias, code, unit, documents).moved
    return moved


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
