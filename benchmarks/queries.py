"""Query latency of the analyst views, with their EXPLAIN plans.

Each query is what a dashboard asks: one metric in one year across districts, one district's
series, one year's task completion.  Latency is the median of ``repeat`` runs after one warm-up
(rows fetched to the client); the plan is ``EXPLAIN (ANALYZE, BUFFERS)`` of one more run.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg

YEAR = 2001  # the first generated year: present at every scale
METRIC = "gdp"
DISTRICT = "110105"  # 朝阳区

QUERIES = {
    "comparison_metric_year": (
        "SELECT * FROM v_metric_comparison WHERE metric_code = %(metric)s AND year = %(year)s",
        "v_metric_comparison for one metric and year",
    ),
    "series_district": (
        "SELECT * FROM v_metric_series "
        "WHERE district_code = %(district)s AND year BETWEEN %(year)s AND %(last)s",
        "v_metric_series for one district, every metric, ten years",
    ),
    "series_district_metric": (
        "SELECT * FROM v_metric_series WHERE district_code = %(district)s AND metric_code = %(metric)s",
        "v_metric_series for one district and metric, every year (the answer grows with N)",
    ),
    "task_completion_year": (
        "SELECT * FROM v_task_completion WHERE year = %(year)s",
        "v_task_completion for one year",
    ),
}
# The indexes migration 0003 adds for these queries (the same statements as its upgrade).  The
# scale benchmark measures every query as shipped, then without each of them in turn (dropped,
# measured, created again), so RESULTS.md shows what each index is worth.
INDEXES = {
    "ix_tasks_document_id_category_id": (
        "CREATE INDEX ix_tasks_document_id_category_id ON tasks (document_id, category_id) "
        "INCLUDE (status) WHERE category_id IS NOT NULL"
    ),
    "ix_documents_year": "CREATE INDEX ix_documents_year ON documents (year)",
}
PARAMS = {"metric": METRIC, "year": YEAR, "last": YEAR + 9, "district": DISTRICT}


@dataclass
class Latency:
    name: str
    description: str
    milliseconds: float
    rows: int


def measure(libpq: str, plans: Path, label: str, repeat: int = 5) -> list[Latency]:
    """Latency of every query on the database ``libpq``; plans written to plans/<name>_<label>.txt."""
    plans.mkdir(parents=True, exist_ok=True)
    out = []
    with psycopg.connect(libpq, autocommit=True) as conn:
        conn.execute("ANALYZE")
        for name, (query, description) in QUERIES.items():
            rows = len(conn.execute(query, PARAMS).fetchall())  # warm-up
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                conn.execute(query, PARAMS).fetchall()
                times.append((time.perf_counter() - started) * 1000)
            out.append(Latency(name, description, statistics.median(times), rows))
            _write_plan(conn, query, plans / f"{name}_{label}.txt", description, label)
    return out


def measure_without(libpq: str, plans: Path, label: str, index: str, repeat: int = 5) -> list[Latency]:
    """Latency of every query with ``index`` (a key of INDEXES) dropped; it is created again after.

    Plans go to plans/<name>_<label>_without_<index>.txt.
    """
    with psycopg.connect(libpq, autocommit=True) as conn:
        conn.execute(f"DROP INDEX {index}")
    try:
        return measure(libpq, plans, f"{label}_without_{index}", repeat)
    finally:
        with psycopg.connect(libpq, autocommit=True) as conn:
            conn.execute(INDEXES[index])


def _write_plan(conn: psycopg.Connection[Any], query: str, path: Path, description: str, label: str) -> None:
    explain = conn.execute(f"EXPLAIN (ANALYZE, BUFFERS) {query}", PARAMS).fetchall()
    text = "\n".join(str(row[0]) for row in explain)
    bound = query % {k: repr(v) for k, v in PARAMS.items()}
    path.write_text(f"-- {description}, {label}\n-- {bound}\n\n{text}\n", encoding="utf-8")
