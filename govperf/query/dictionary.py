"""The metric dictionary and the labels without a metric (``govperf metrics``, ``govperf unmapped``).

Each is one query with no parameters, read through SQLAlchemy on a connection, or on a server kept
by ``govperf db start`` through ``govperf.db.quick`` without importing SQLAlchemy (the ``_quick``
functions return None when that path cannot answer).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from govperf.db import quick

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

METRICS_SQL = (
    "SELECT m.code, m.name, m.unit, m.better, "
    "(SELECT coalesce(array_agg(a.alias ORDER BY a.source, a.alias), '{}') FROM metric_aliases a "
    " WHERE a.metric_code = m.code) AS aliases, "
    "(SELECT count(*) FROM v_observations o WHERE o.metric_code = m.code) AS observations "
    "FROM metrics m ORDER BY m.code"
)


def unmapped_sql(limit: int) -> str:
    """The most frequent labels without a metric (at most ``limit``), with one example sentence."""
    return (
        "SELECT label, count(*) AS observations, count(DISTINCT document_id) AS documents, "
        "mode() WITHIN GROUP (ORDER BY unit) AS unit, "
        "(array_agg(snippet ORDER BY observation_id))[1] AS example "
        "FROM v_observations WHERE metric_code IS NULL AND label <> '' "
        f"GROUP BY label ORDER BY count(*) DESC, label LIMIT {int(limit)}"
    )


def metric_dictionary(conn: Connection) -> list[dict[str, Any]]:
    """Every metric with its unit, direction, aliases (a list) and number of (mapped) observations."""
    from sqlalchemy import text

    return [dict(r._mapping) for r in conn.execute(text(METRICS_SQL))]


def metric_dictionary_quick(database_url: str | None) -> list[dict[str, Any]] | None:
    """``metric_dictionary`` through ``govperf.db.quick``, or None (see the module docstring)."""
    return quick.read(database_url, METRICS_SQL)


def unmapped_labels(conn: Connection, limit: int = 50) -> list[dict[str, Any]]:
    """Labels of observations without a metric, most frequent first, with one example sentence."""
    from sqlalchemy import text

    return [dict(r._mapping) for r in conn.execute(text(unmapped_sql(limit)))]


def unmapped_labels_quick(database_url: str | None, limit: int = 50) -> list[dict[str, Any]] | None:
    """``unmapped_labels`` through ``govperf.db.quick``, or None (see the module docstring)."""
    return quick.read(database_url, unmapped_sql(limit))
