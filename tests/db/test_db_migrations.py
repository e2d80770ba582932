"""Migrations: round trip, models and migrations agree (empty autogenerate), each revision creates
its own views and no reference data, a database loaded at 0001 upgrades to head keeping its rows,
and stale reference data is re-synced when govperf opens its embedded database."""

from __future__ import annotations

import re

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import URL, Engine

from govperf.db import config, embedded, migrate, reference, schema, views
from govperf.db import engine as db
from govperf.db.models import Base
from govperf.db.views import VIEWS, include_in_autogenerate


def autogenerate_diff(engine: Engine) -> list[object]:
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn,
            opts={
                "compare_type": True,
                "compare_server_default": True,
                "include_object": include_in_autogenerate,
                "include_schemas": True,
                "include_name": schema.include_name,
            },
        )
        return list(compare_metadata(context, Base.metadata))


def test_template_is_at_head(db_url: URL) -> None:
    assert migrate.current(db_url) == migrate.head()


def test_autogenerate_against_models_is_empty(db_engine: Engine) -> None:
    assert autogenerate_diff(db_engine) == []


def test_upgrade_downgrade_upgrade_round_trip(db_url: URL, db_engine: Engine) -> None:
    migrate.downgrade(db_url, "base")
    assert migrate.current(db_url) is None
    leftovers = set(inspect(db_engine).get_table_names()) | set(inspect(db_engine).get_view_names())
    assert leftovers <= {"alembic_version"}

    migrate.upgrade(db_url, "head")
    assert migrate.current(db_url) == migrate.head()
    assert set(VIEWS) <= set(inspect(db_engine).get_view_names())
    with db_engine.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM metrics")) > 30
    assert autogenerate_diff(db_engine) == []


def test_upgrade_twice_is_a_no_op(db_url: URL, db_engine: Engine) -> None:
    migrate.upgrade(db_url, "head")
    with db_engine.connect() as conn:
        beijing = "SELECT count(*) FROM regions WHERE level = 'county' AND parent_code = '110000'"
        assert conn.scalar(text(beijing)) == 17  # 16 districts and 北京经济技术开发区
        assert conn.scalar(text("SELECT count(*) FROM regions")) > 3300


def test_is_behind_knows_head_base_and_unknown_revisions() -> None:
    assert migrate.is_behind(None) is True
    assert migrate.is_behind(migrate.head()) is False
    assert migrate.is_behind("ffffffffffff") is False  # written by a newer govperf: leave it alone


def test_embedded_style_resolution_migrates_a_database_behind_head(
    db_url: URL, monkeypatch: pytest.MonkeyPatch
) -> None:
    migrate.downgrade(db_url, "base")
    monkeypatch.setattr(embedded, "embedded_url", lambda _dir, migrate_: migrate_(db_url) or db_url)
    monkeypatch.delenv(config.DATABASE_URL_ENV, raising=False)
    assert db.resolve_url(None) == db_url
    assert migrate.current(db_url) == migrate.head()


# --- migrations that stand alone -------------------------------------------------------------


def snapshot_revisions() -> list[str]:
    """Revisions with a view snapshot, oldest first."""
    return [rev for rev in reversed(revisions_oldest_last()) if views.has_snapshot(rev)]


def revisions_oldest_last() -> list[str]:
    return [r.revision for r in ScriptDirectory.from_config(migrate.alembic_config()).walk_revisions()]


def frozen_comments(revision: str) -> dict[str, tuple[list[str], str]]:
    """View → (columns, comment) as written in the snapshot of ``revision``."""
    found = {}
    for name, script in views.snapshot(revision):
        header = re.search(rf"CREATE VIEW {name} \((.*?)\)\s+AS", script, re.S)
        comment = re.search(rf"COMMENT ON VIEW {name} IS '((?:[^']|'')*)';", script)
        assert header is not None and comment is not None, name
        columns = [c.strip() for c in header.group(1).split(",")]
        found[name] = (columns, comment.group(1).replace("''", "'"))
    return found


def live_comments(engine: Engine) -> dict[str, tuple[list[str], str]]:
    query = text(
        "SELECT c.relname, array_agg(a.attname::text ORDER BY a.attnum), obj_description(c.oid, 'pg_class') "
        "FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 "
        "WHERE c.relkind = 'v' AND c.relnamespace = 'public'::regnamespace GROUP BY c.oid, c.relname"
    )
    with engine.connect() as conn:
        return {name: (list(cols), comment) for name, cols, comment in conn.execute(query)}


def count(engine: Engine, sql: str) -> int:
    with engine.connect() as conn:
        return int(conn.scalar(text(sql)) or 0)


@pytest.mark.parametrize("revision", snapshot_revisions())
def test_a_fresh_upgrade_to_a_revision_creates_that_revisions_own_views(
    db_url: URL, db_engine: Engine, revision: str
) -> None:
    migrate.downgrade(db_url, "base")
    migrate.upgrade(db_url, revision)
    assert live_comments(db_engine) == frozen_comments(revision)
    if revision != migrate.head():  # the reference data is synced at head only, never by a revision
        assert count(db_engine, "SELECT count(*) FROM metrics") == 0
        assert count(db_engine, "SELECT count(*) FROM regions") == 0


LOAD_AT_0001 = """
INSERT INTO regions (code, name, short_name, level) VALUES ('110108', '海淀区', '海淀', 'district');
INSERT INTO genres (code, name, name_en) VALUES ('perf_self_report', '自查报告', 'Self report');
INSERT INTO metrics (code, name, unit, better) VALUES ('gdp', '生产总值', '亿元', 'higher');
INSERT INTO metric_aliases (alias, metric_code, source) VALUES ('辖区经济总盘子', 'gdp', 'user');
INSERT INTO documents (id, source_sha256, source_name, genre, region_code, year, original_text)
    VALUES (7, repeat('ab', 32), 'invented.txt', 'perf_self_report', '110108', 2020,
            '全区生产总值达到123.4亿元,增长5.6%。辖区经济总盘子达到99亿元。');
INSERT INTO tasks (id, document_id, seq_no, title, status) VALUES (70, 7, 1, '稳增长', 'done');
INSERT INTO observations (document_id, task_id, region_code, year, label, metric_code, measure,
        kind, value, unit, raw_value, raw_unit, span_start, span_end, snippet)
    VALUES (7, 70, '110108', 2020, '全区生产总值', 'gdp', 'level', 'actual', 123.4, '亿元', 123.4,
            '亿元', 0, 16, '全区生产总值达到123.4亿元'),
           (7, NULL, '110108', 2020, '全区生产总值', 'gdp', 'change_pct', 'actual', 5.6, '%', 5.6,
            '%', 17, 21, '增长5.6%'),
           (7, NULL, '110108', 2020, '辖区经济总盘子', NULL, 'level', 'actual', 99, '亿元', 99,
            '亿元', 22, 35, '辖区经济总盘子达到99亿元');
"""
KEPT = {
    "documents": "SELECT id, source_sha256, region_code, year, original_text FROM documents",
    "tasks": "SELECT id, document_id, seq_no, title, status FROM tasks",
    "observations": "SELECT document_id, task_id, label, metric_code, measure, value, snippet "
    "FROM observations ORDER BY span_start",
    "user aliases": "SELECT alias, metric_code FROM metric_aliases WHERE source = 'user'",
}


def rows(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    with engine.connect() as conn:
        return {name: [tuple(r) for r in conn.execute(text(sql))] for name, sql in KEPT.items()}


def test_a_database_loaded_at_0001_upgrades_to_head_keeping_every_row(db_url: URL, db_engine: Engine) -> None:
    migrate.downgrade(db_url, "base")
    migrate.upgrade(db_url, "0001")
    with db_engine.begin() as conn:
        views.execute_script(conn, LOAD_AT_0001)
    before = rows(db_engine)
    assert [len(before[k]) for k in KEPT] == [1, 1, 3, 1]

    migrate.upgrade(db_url, "head")
    assert rows(db_engine) == before
    assert count(db_engine, "SELECT count(*) FROM metrics") > 30  # synced at head
    assert count(db_engine, "SELECT count(*) FROM v_observations WHERE document_id = 7") == 3
    assert count(db_engine, "SELECT count(*) FROM v_metric_series WHERE metric_code = 'gdp'") == 2
    with db_engine.connect() as conn:
        assert reference.is_current(conn)


STALE_CASES = [
    # (what happened to the database at head, re-synced on the next open)
    ("UPDATE reference_version SET fingerprint = 'from an older govperf'", True),
    ("DROP TABLE reference_version", True),  # synced before govperf kept a fingerprint
    (None, False),  # fingerprint current: opening costs two queries, no sync
]


@pytest.mark.parametrize(("change", "resynced"), STALE_CASES, ids=["changed", "missing", "current"])
def test_stale_reference_data_is_resynced_when_the_embedded_database_is_opened(
    db_url: URL, db_engine: Engine, monkeypatch: pytest.MonkeyPatch, change: str | None, resynced: bool
) -> None:
    with db_engine.begin() as conn:
        alias = conn.scalar(text("DELETE FROM metric_aliases WHERE alias = 'GDP' RETURNING alias"))
        if change:
            conn.execute(text(change))
    assert alias == "GDP"
    monkeypatch.setattr(embedded, "embedded_url", lambda _dir, migrate_: migrate_(db_url) or db_url)
    monkeypatch.delenv(config.DATABASE_URL_ENV, raising=False)

    assert db.resolve_url(None) == db_url
    assert count(db_engine, "SELECT count(*) FROM metric_aliases WHERE alias = 'GDP'") == int(resynced)
    with db_engine.connect() as conn:
        assert reference.stored_fingerprint(conn) == reference.fingerprint()
