"""Idempotent sync of the reference data (``govperf/data/*.yaml``) into the reference tables.

Rows are upserted by their natural keys; builtin aliases and exclusions that left the YAML are
deleted, while rows an analyst added (``source = 'user'``) are never touched.

No revision calls ``sync`` (a revision must not depend on today's YAML): ``govperf.migrate`` runs
it after every upgrade that reaches head, and whenever govperf opens its embedded database at head
and finds the stored ``fingerprint()`` differs from the packaged data's (a newer govperf brought
new aliases).  ``sync`` records the fingerprint in the one-row table ``reference_version``, which
it owns the way Alembic owns ``alembic_version``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, delete, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import Connection

from govperf.data import load_yaml
from govperf.data.regions import LEVELS
from govperf.data.regions import regions as all_regions
from govperf.data.vocab import GENRE_NAMES
from govperf.db.freshness import fingerprint  # what sync records (cheap to check, in freshness)
from govperf.db.models import (
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
from govperf.db.schema import PRIVATE_SCHEMA

_CHUNK = 1000  # rows per INSERT (7 columns: well under PostgreSQL's 65,535 parameters)

VERSION_TABLE = "reference_version"
_VERSION = f"{PRIVATE_SCHEMA}.{VERSION_TABLE}"  # internal, beside alembic_version (migration 0006)
_CREATE_VERSION_TABLE = (
    f"CREATE TABLE IF NOT EXISTS {_VERSION} (fingerprint text PRIMARY KEY)",
    f"COMMENT ON TABLE {_VERSION} IS 'Fingerprint of the reference data last synced from "
    "govperf/data/*.yaml (one row); govperf re-syncs when its packaged data differs'",
    # internal, like alembic_version: take back what default privileges gave other roles (the reader)
    f"""DO $$
DECLARE grantee text;
BEGIN
    FOR grantee IN SELECT DISTINCT g.grantee FROM information_schema.role_table_grants g
                   WHERE g.table_schema = '{PRIVATE_SCHEMA}' AND g.table_name = '{VERSION_TABLE}'
                     AND g.grantee <> current_user
    LOOP
        EXECUTE 'REVOKE ALL ON {_VERSION} FROM ' || quote_ident(grantee);
    END LOOP;
END
$$""",
)
_LOCK = "SELECT pg_advisory_xact_lock(hashtext('govperf.reference.sync'))"


def load(name: str) -> dict[str, Any]:
    """The parsed data file ``govperf/data/<name>.yaml``."""
    data: dict[str, Any] = load_yaml(f"{name}.yaml")
    return data


def stored_fingerprint(conn: Connection) -> str | None:
    """The fingerprint of the last sync into this database, or None when it was never synced."""
    if conn.scalar(text("SELECT to_regclass(:t)"), {"t": _VERSION}) is None:
        return None
    value = conn.scalar(text(f"SELECT fingerprint FROM {_VERSION} LIMIT 1"))
    return None if value is None else str(value)


def is_current(conn: Connection) -> bool:
    """Whether the reference tables hold the packaged reference data (two cheap queries)."""
    return stored_fingerprint(conn) == fingerprint()


def sync(conn: Connection) -> None:
    """Upsert every reference table from the YAML files and record their fingerprint.

    The schema must be at govperf's head revision (the rows follow today's models).  Concurrent
    syncs are serialised by a transaction-level advisory lock.
    """
    conn.execute(text(_LOCK))
    sync_regions(conn)
    sync_plans(conn)
    _upsert(
        conn, Genre.__table__, [{"code": c, "name": n, "name_en": e} for c, n, e in GENRE_NAMES], ["code"]
    )
    sync_categories(conn)
    sync_metrics(conn)
    for statement in _CREATE_VERSION_TABLE:
        conn.exec_driver_sql(statement)
    # the row is rewritten only when the fingerprint changes (a re-sync of the same data leaves it)
    conn.execute(text(f"DELETE FROM {_VERSION} WHERE fingerprint <> :f"), {"f": fingerprint()})
    conn.execute(
        text(f"INSERT INTO {_VERSION} (fingerprint) VALUES (:f) ON CONFLICT DO NOTHING"),
        {"f": fingerprint()},
    )


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
    """Every region (``govperf.data.regions``), upserted in chunks of one multi-row INSERT each.

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
