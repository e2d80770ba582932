"""Idempotent sync of the reference data (``govperf/data/*.yaml``) into the reference tables.

Rows are upserted by their natural keys; builtin aliases and exclusions that left the YAML are
deleted, while rows an analyst added (``source = 'user'``) are never touched.  The initial
migration calls ``sync``; call it again after an upgrade brings new reference data.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml
from sqlalchemy import Table, delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import Connection

from govperf.models import (
    Category,
    CategoryScheme,
    FiveYearPlan,
    Genre,
    Metric,
    MetricAlias,
    MetricExclusion,
    Region,
    RegionAlias,
    Year,
)
from govperf.regions import LEVELS
from govperf.regions import regions as all_regions

_CHUNK = 1000  # rows per INSERT (7 columns: well under PostgreSQL's 65,535 parameters)

# Genre codes are part of the public contract (DESIGN.md §1).
GENRES = (
    ("perf_self_report", "年度绩效管理工作自查报告", "Annual performance-management self-assessment"),
    ("perf_work_report", "年度绩效管理工作报告", "Annual performance-management work report"),
    ("key_task_progress_table", "重点任务进展情况表", "Key-task progress table"),
    ("perf_task_progress_table", "绩效任务进展情况汇总表", "Performance-task progress table"),
    ("gov_work_report", "政府工作报告", "Government work report"),
)


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed data file ``govperf/data/<name>.yaml``."""
    text = resources.files("govperf.data").joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def sync(conn: Connection, *, regions: bool = True) -> None:
    """Upsert every reference table from the data files (``regions=False``: all but the regions)."""
    if regions:
        sync_regions(conn)
    sync_plans(conn)
    _upsert(conn, Genre.__table__, [{"code": c, "name": n, "name_en": e} for c, n, e in GENRES], ["code"])
    sync_categories(conn)
    sync_metrics(conn)


def _upsert(conn: Connection, table: Any, rows: list[dict[str, Any]], keys: list[str]) -> None:
    if not rows:
        return
    assert isinstance(table, Table)
    statement = insert(table).values(rows)
    updates = {c: statement.excluded[c] for c in rows[0] if c not in keys}
    if updates:
        conn.execute(statement.on_conflict_do_update(index_elements=keys, set_=updates))
    else:
        conn.execute(statement.on_conflict_do_nothing(index_elements=keys))


def _sync_builtin(conn: Connection, table: Any, rows: list[dict[str, Any]], key: list[str]) -> None:
    """Upsert builtin rows (never overwriting a user's row) and delete builtin rows gone from YAML."""
    if rows:
        statement = insert(table).values([{**row, "source": "builtin"} for row in rows])
        updates = {c: statement.excluded[c] for c in (*rows[0], "source") if c not in key}
        where = table.c.source == "builtin"
        conn.execute(statement.on_conflict_do_update(index_elements=key, set_=updates, where=where))
    wanted = {tuple(row[k] for k in key) for row in rows}
    existing = conn.execute(select(*(table.c[k] for k in key)).where(table.c.source == "builtin"))
    for stale in {tuple(r) for r in existing} - wanted:
        conn.execute(delete(table).where(*(table.c[k] == v for k, v in zip(key, stale, strict=True))))


def sync_regions(conn: Connection) -> None:
    """Every region (``govperf.regions``), upserted in chunks of one multi-row INSERT each.

    Parents come before children (by level), so each chunk's foreign keys are already there.
    """
    order = {level: i for i, level in enumerate(LEVELS)}
    every = sorted(all_regions(), key=lambda r: (order.get(r.level, len(order)), r.code))
    rows = [
        {
            "code": r.code,
            "name": r.name,
            "short_name": r.short,
            "level": r.level,
            "parent_code": r.parent,
            "official": r.official,
            "former_names": list(r.former),
        }
        for r in every
    ]
    for start in range(0, len(rows), _CHUNK):
        _upsert(conn, Region.__table__, rows[start : start + _CHUNK], ["code"])
    aliases = [{"alias": a, "region_code": r.code} for r in every for a in r.aliases]
    _sync_builtin(conn, RegionAlias.__table__, _first_wins(aliases, "alias"), ["alias"])


def sync_plans(conn: Connection) -> None:
    plans = load("plans")["plans"]
    rows = [{"code": p["code"], "first_year": p["first_year"], "last_year": p["last_year"]} for p in plans]
    _upsert(conn, FiveYearPlan.__table__, rows, ["code"])
    years = [
        {"year": y, "plan_code": p["code"], "year_in_plan": y - p["first_year"] + 1}
        for p in plans
        for y in range(p["first_year"], p["last_year"] + 1)
    ]
    _upsert(conn, Year.__table__, years, ["year"])


def sync_categories(conn: Connection) -> None:
    for scheme in load("categories")["schemes"]:
        row = {k: scheme.get(k) for k in ("code", "name", "first_year", "last_year")}
        _upsert(conn, CategoryScheme.__table__, [row], ["code"])
        categories = [
            {
                "scheme_code": scheme["code"],
                "code": c["code"],
                "name": c["name"],
                "name_en": c.get("name_en"),
                "sort_order": c.get("order", 0),
            }
            for c in scheme["categories"]
        ]
        _upsert(conn, Category.__table__, categories, ["scheme_code", "code"])


def sync_metrics(conn: Connection) -> None:
    metrics = load("metrics")["metrics"]
    rows = [{k: m.get(k) for k in ("code", "name", "name_en", "unit", "better")} for m in metrics]
    _upsert(conn, Metric.__table__, rows, ["code"])
    aliases = [{"alias": a, "metric_code": m["code"]} for m in metrics for a in m.get("aliases", [])]
    _sync_builtin(conn, MetricAlias.__table__, _first_wins(aliases, "alias"), ["alias"])
    exclusions = [{"metric_code": m["code"], "phrase": p} for m in metrics for p in m.get("exclude", [])]
    _sync_builtin(conn, MetricExclusion.__table__, exclusions, ["metric_code", "phrase"])


def _first_wins(rows: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    """Drop rows whose ``key`` repeats an earlier row's (one INSERT cannot upsert a key twice)."""
    seen: dict[Any, dict[str, Any]] = {}
    for row in rows:
        seen.setdefault(row[key], row)
    return list(seen.values())
