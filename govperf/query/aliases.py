"""``govperf alias add|apply|list|remove``: a user alias for a metric, and the re-mapping of
stored observations it causes (by govperf.db.aliases, which imports use too, with the one matcher
of govperf.data.aliasmatch that the extractor also uses)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from govperf.db.aliases import apply_user_aliases, remap
from govperf.query.lookup import AnalysisError, Metric

__all__ = ["AliasResult", "RemovedAlias", "add_alias", "apply_user_aliases", "list_aliases", "remove_alias"]


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


# Observations an alias maps: those of its metric whose label contains it.
_MAPPED = "o.metric_code = a.metric_code AND strpos(o.label, a.alias) > 0"


def list_aliases(conn: Connection) -> list[dict[str, Any]]:
    """The aliases users added, with their metric and how many observations each maps (those of
    its metric whose label contains it), by alias."""
    query = text(
        "SELECT a.alias, a.metric_code, m.name AS metric_name, "
        f"(SELECT count(*) FROM observations o WHERE {_MAPPED}) AS observations "
        "FROM metric_aliases a JOIN metrics m ON m.code = a.metric_code "
        "WHERE a.source = 'user' ORDER BY a.alias"
    )
    return [dict(r._mapping) for r in conn.execute(query)]


@dataclass(frozen=True)
class RemovedAlias:
    alias: str
    metric_code: str
    observations: int  # the observations it mapped
    remapped: dict[str | None, int]  # where they are now: metric code (None: no metric) → count


def remove_alias(conn: Connection, alias: str) -> RemovedAlias:
    """Remove the user alias ``alias`` and re-map the observations it mapped by the aliases
    left (builtin and user), as an import would: each goes to the metric of the longest alias
    its label still contains, or to no metric.  A builtin alias (metrics.yaml) cannot be removed."""
    alias = alias.strip()
    query = text("SELECT alias, metric_code, source FROM metric_aliases WHERE alias = :a FOR UPDATE")
    row = conn.execute(query, {"a": alias}).first()
    if row is None:
        raise AnalysisError(f"no alias {alias!r} (see: govperf alias list)")
    if row.source != "user":
        raise AnalysisError(
            f"{alias!r} is a builtin alias of {row.metric_code} (govperf/data/metrics.yaml); "
            "only aliases added with govperf alias add can be removed"
        )
    mapped = conn.execute(
        text(
            "UPDATE observations o SET metric_code = NULL FROM metric_aliases a "
            f"WHERE a.alias = :a AND {_MAPPED} RETURNING o.id, o.document_id"
        ),
        {"a": alias},
    ).all()
    conn.execute(text("DELETE FROM metric_aliases WHERE alias = :a"), {"a": alias})
    ids = [r.id for r in mapped]
    _remap_observations(conn, ids, sorted({r.document_id for r in mapped}))
    now = conn.execute(
        text("SELECT metric_code, count(*) AS n FROM observations WHERE id = ANY(:ids) GROUP BY metric_code"),
        {"ids": ids},
    )
    return RemovedAlias(alias, row.metric_code, len(ids), {r.metric_code: r.n for r in now})


def _remap_observations(conn: Connection, ids: list[int], documents: list[int]) -> None:
    """Give the observations ``ids`` (of ``documents``) the metric the aliases left choose, by
    re-mapping their documents with every alias their labels contain."""
    if not ids:
        return
    query = text(
        "SELECT DISTINCT a.alias, m.code, m.unit, length(a.alias) FROM metric_aliases a "
        "JOIN metrics m ON m.code = a.metric_code JOIN observations o ON strpos(o.label, a.alias) > 0 "
        "WHERE o.id = ANY(:ids) ORDER BY length(a.alias), a.alias"
    )
    for alias, code, unit, _length in conn.execute(query, {"ids": ids}).all():
        remap(conn, alias, code, unit, documents)
