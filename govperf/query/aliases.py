"""``govperf alias add`` / ``apply``: a user alias for a metric, and the re-mapping of stored
observations it causes (by govperf.db.aliases, which imports use too, with the one matcher of
govperf.data.aliasmatch that the extractor also uses)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection

from govperf.db.aliases import apply_user_aliases, remap
from govperf.query.lookup import AnalysisError, Metric

__all__ = ["AliasResult", "add_alias", "apply_user_aliases"]


@dataclass(frozen=True)
class AliasResult:
    alias: str
    metric: Metric
    remapped: int
    converted: int
    unconverted: int


def add_alias(conn: Connection, alias: str, metric: Metric) -> AliasResult:
    """Add (or re-point) the user alias ``alias`` → ``metric`` and re-map stored observations.

    An observation whose label contains ``alias`` moves to ``metric`` when the matcher
    (govperf.data.aliasmatch: the longest alias, no exclusion of its metric in the label, no
    tail-stop word after it) now maps its label to ``metric``; its value is converted into the
    metric's canonical unit when the units are of the same dimension.
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
    moved = remap(conn, alias, metric.code, metric.unit)
    return AliasResult(alias, metric, moved.moved, moved.converted, moved.unconverted)
