"""Re-mapping stored observations by metric aliases: ``govperf alias add``, ``govperf alias
apply`` and every import once a user alias exists.

The extractor maps labels with the builtin aliases of metrics.yaml; aliases users add live only
in ``metric_aliases`` (source 'user'), so stored observations are re-mapped here.  Which metric a
label names is decided by the one matcher, govperf.data.aliasmatch, over the aliases and
exclusions of the database: the distinct stored labels are read, mapped in Python, and the
observations of a label that moves are updated by label.  An observation moves to a metric when
it is the metric of a user alias its label contains and the matcher maps the label to it; its
value is converted into the metric's unit when the units are of one dimension.  Below both its
callers: the loader (govperf.load.store, inside each document's transaction) and the analyst
queries (govperf.query.aliases).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from govperf.data.aliasmatch import Alias, AliasMatcher, tail_stop_words, whole_labels
from govperf.data.units import conversion_factor
from govperf.data.vocab import UNIT_MEASURES

_IN_DOCUMENTS = "(CAST(:documents AS bigint[]) IS NULL OR document_id = ANY(CAST(:documents AS bigint[])))"
# the distinct labels (of the documents) that contain an alias
_LABELS = text(f"SELECT DISTINCT label FROM observations WHERE strpos(label, :alias) > 0 AND {_IN_DOCUMENTS}")
_LABELS_OF_USER_ALIASES = text(
    "SELECT DISTINCT o.label FROM observations o WHERE EXISTS (SELECT 1 FROM metric_aliases a "
    f"WHERE a.source = 'user' AND strpos(o.label, a.alias) > 0) AND {_IN_DOCUMENTS}"
)
_MOVE = text(
    "UPDATE observations SET metric_code = :metric WHERE label = ANY(CAST(:labels AS text[])) "
    f"AND metric_code IS DISTINCT FROM :metric AND {_IN_DOCUMENTS} "
    "RETURNING id, measure, unit, value, value_max"
)


def matcher(conn: Connection) -> AliasMatcher:
    """The matcher of the database's aliases (builtin and user) and exclusions."""
    aliases = conn.execute(
        text("SELECT alias, metric_code, source = 'user' FROM metric_aliases ORDER BY alias")
    )
    exclusions: dict[str, list[str]] = {}
    for code, phrase in conn.execute(text("SELECT metric_code, phrase FROM metric_exclusions ORDER BY 1, 2")):
        exclusions.setdefault(code, []).append(phrase)
    return AliasMatcher(
        [Alias(alias, code, bool(user)) for alias, code, user in aliases],
        exclusions,
        tail_stop_words(),
        whole_labels(),
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
    ``metric_code`` when the matcher now maps their label to it."""
    chosen = list(documents) if documents else None
    labels = conn.scalars(_LABELS, {"alias": alias, "documents": chosen}).all()
    found = matcher(conn)
    moving = [label for label in labels if found.metric_of(label) == metric_code]
    return _move(conn, moving, metric_code, metric_unit, chosen)


def apply_user_aliases(conn: Connection, documents: Sequence[int] | None = None) -> int:
    """Re-map observations (of ``documents``, default all) by the aliases users added.

    The extractor maps labels with the builtin aliases of metrics.yaml only; an import calls
    this for the documents it just stored, so a user alias also covers documents loaded after
    it.  A label moves when the matcher maps it to the metric of a user alias it contains.
    Returns how many observations moved.
    """
    query = text(
        "SELECT a.alias, m.code, m.unit FROM metric_aliases a "
        "JOIN metrics m ON m.code = a.metric_code WHERE a.source = 'user'"
    )
    users = conn.execute(query).all()
    if not users:
        return 0
    chosen = list(documents) if documents else None
    labels = conn.scalars(_LABELS_OF_USER_ALIASES, {"documents": chosen}).all()
    found = matcher(conn)
    units = {code: unit for _, code, unit in users}
    moving: dict[str, list[str]] = {}
    for label in labels:
        code = found.metric_of(label)
        if code is not None and code in units and any(alias in label and c == code for alias, c, _ in users):
            moving.setdefault(code, []).append(label)
    return sum(_move(conn, moving[code], code, units[code], chosen).moved for code in sorted(moving))


def _move(
    conn: Connection, labels: Sequence[str], metric_code: str, metric_unit: str, documents: list[int] | None
) -> Remapped:
    """Move the observations with one of ``labels`` to the metric, converting their values."""
    if not labels:
        return Remapped(0, 0, 0)
    params = {"labels": list(labels), "metric": metric_code, "documents": documents}
    moved = conn.execute(_MOVE, params).all()
    converted = unconverted = 0
    for row in moved:
        if row.measure not in UNIT_MEASURES or row.unit == metric_unit:
            continue
        if _convert_row(conn, row, metric_unit):
            converted += 1
        else:
            unconverted += 1
    return Remapped(len(moved), converted, unconverted)


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
