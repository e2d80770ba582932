"""Migration 0006: schema public holds exactly what the reader role can read (the views and the
reference tables); the internal tables live in govperf_private, which the reader cannot use, and
keep every row on the way up and down; every view with ``year`` has a date ``year_start``;
v_documents spells out its ``totals`` as integer columns."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import analyst_data as loaded
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, Engine
from sqlalchemy.exc import ProgrammingError

from govperf.db import engine as db
from govperf.db import migrate, views
from govperf.db.models import REFERENCE_TABLES
from govperf.db.schema import PRIVATE_BOOKKEEPING, PRIVATE_SCHEMA, PRIVATE_TABLES
from govperf.db.views import VIEWS

analyst_url = loaded.analyst_url  # the invented analyst fixture documents, imported once
INTERNAL = (*PRIVATE_TABLES, *PRIVATE_BOOKKEEPING)
RELATIONS_IN = text(
    "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
    " WHERE n.nspname = :schema AND c.relkind IN ('r', 'p', 'v', 'm', 'f')"
)


def relations_in(engine: Engine, schema: str) -> set[str]:
    with engine.connect() as conn:
        return set(conn.scalars(RELATIONS_IN, {"schema": schema}))


@pytest.fixture
def reader(db_url: URL, db_engine: Engine) -> Iterator[Engine]:
    """An engine logged in as a new member of govperf_reader (what grant-reader makes)."""
    name, password = f"bi_{uuid.uuid4().hex[:8]}", uuid.uuid4().hex
    with db_engine.begin() as conn:
        views.grant_login(conn, name, password)
    engine = create_engine(db_url.set(username=name, password=password))
    try:
        yield engine
    finally:
        engine.dispose()
        with db_engine.begin() as conn:
            conn.execute(text(f'DROP ROLE IF EXISTS "{name}"'))


def test_public_lists_exactly_what_the_reader_can_read(reader: Engine) -> None:
    listed = relations_in(reader, "public")  # pg_class lists names whatever the privileges
    assert listed == set(VIEWS) | set(REFERENCE_TABLES)
    with reader.connect() as conn:
        for name in sorted(listed):
            conn.execute(text(f"SELECT * FROM public.{name} LIMIT 1")).all()


@pytest.mark.parametrize("table", INTERNAL)
def test_the_reader_cannot_use_the_private_schema(reader: Engine, table: str) -> None:
    with reader.connect() as conn:
        assert conn.scalar(text("SELECT has_schema_privilege(:s, 'USAGE')"), {"s": PRIVATE_SCHEMA}) is False
        with pytest.raises(ProgrammingError, match=f"permission denied for schema {PRIVATE_SCHEMA}"):
            conn.execute(text(f"SELECT 1 FROM {PRIVATE_SCHEMA}.{table} LIMIT 1"))


def test_the_internal_tables_are_private_and_the_reference_tables_public(db_engine: Engine) -> None:
    assert relations_in(db_engine, PRIVATE_SCHEMA) == set(INTERNAL)
    assert relations_in(db_engine, "public") == set(VIEWS) | set(REFERENCE_TABLES)


def without_options(url: URL) -> URL:
    """``url`` without the test's search_path option: a URL as a user would give it."""
    return url.difference_update_query(["options"])


def test_govperfs_own_engines_find_the_internal_tables_without_a_schema(db_url: URL) -> None:
    # a database cloned from a template has no database-level search_path: the engine's own counts
    plain = without_options(db_url)
    assert migrate.current(plain) == migrate.head()
    engine = db.make_engine(plain)
    try:
        with engine.connect() as conn:
            assert conn.scalar(text("SELECT count(*) FROM documents")) == 0
            assert conn.scalar(text("SELECT count(*) FROM alembic_version")) == 1
    finally:
        engine.dispose()


LOAD_AT_0005 = """
INSERT INTO genres (code, name, name_en) VALUES ('perf_self_report', '自查报告', 'Self report');
INSERT INTO regions (code, name, short_name, level, former_names)
    VALUES ('110108', '海淀区', '海淀', 'county', '{海甸区}');
INSERT INTO metrics (code, name, unit, better) VALUES ('gdp', '生产总值', '亿元', 'higher');
INSERT INTO metric_aliases (alias, metric_code, source) VALUES ('经济总盘子', 'gdp', 'user');
INSERT INTO category_schemes (code, name) VALUES ('invented', '虚构分类');
INSERT INTO categories (id, scheme_code, code, name) OVERRIDING SYSTEM VALUE
    VALUES (9, 'invented', 'a', '甲类');
INSERT INTO documents (id, source_sha256, source_name, genre, region_code, year, original_text, totals)
    OVERRIDING SYSTEM VALUE
    VALUES (7, repeat('cd', 32), 'invented.txt', 'perf_self_report', '110108', 2021,
            '全区生产总值达到321.5亿元。城镇居民收入增长4.2%。', '{"tasks_total": 3, "tasks_done": 2}');
INSERT INTO tasks (id, document_id, seq_no, category_id, title, status) OVERRIDING SYSTEM VALUE
    VALUES (70, 7, 1, 9, '稳增长', 'done'), (71, 7, 2, 9, '惠民生', 'lagging');
INSERT INTO category_results (document_id, category_id, tasks_total, tasks_done, tasks_lagging, source)
    VALUES (7, 9, 3, 2, 1, 'stated');
INSERT INTO observations (document_id, task_id, region_code, year, label, metric_code, measure,
        kind, value, unit, raw_value, raw_unit, span_start, span_end, snippet, breakdown)
    VALUES (7, 70, '110108', 2021, '全区生产总值', 'gdp', 'level', 'actual', 321.5, '亿元', 321.5,
            '亿元', 0, 14, '全区生产总值达到321.5亿元', 'total'),
           (7, NULL, '110108', 2021, '城镇居民收入', NULL, 'change_pct', 'actual', 4.2, '%', 4.2,
            '%', 15, 26, '城镇居民收入增长4.2%', 'urban');
"""
KEPT = {
    "documents": "SELECT id, source_sha256, region_code, year, original_text, totals FROM documents",
    "tasks": "SELECT id, document_id, category_id, title, status FROM tasks ORDER BY id",
    "category_results": "SELECT document_id, category_id, tasks_total, tasks_done, tasks_lagging"
    " FROM category_results",
    "observations": "SELECT id, document_id, task_id, label, measure, value, breakdown, snippet"
    " FROM observations ORDER BY id",
    "user aliases": "SELECT alias, metric_code FROM metric_aliases WHERE source = 'user'",
}
DATABASE_SEARCH_PATH = text(
    "SELECT c FROM pg_db_role_setting s, unnest(s.setconfig) c WHERE s.setrole = 0"
    " AND s.setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database())"
    " AND c LIKE 'search_path=%'"
)


def rows(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    with engine.connect() as conn:
        return {name: [tuple(r) for r in conn.execute(text(sql))] for name, sql in KEPT.items()}


def schema_of(engine: Engine, table: str) -> str | None:
    with engine.connect() as conn:
        query = text("SELECT schemaname FROM pg_tables WHERE tablename = :t")
        return conn.scalar(query, {"t": table})


def test_a_database_loaded_at_0005_moves_to_the_private_schema_and_back_keeping_every_row(
    db_url: URL, db_engine: Engine
) -> None:
    migrate.downgrade(db_url, "base")
    migrate.upgrade(db_url, "0005")
    with db_engine.begin() as conn:
        views.execute_script(conn, LOAD_AT_0005)
    before = rows(db_engine)
    assert [len(before[k]) for k in KEPT] == [1, 2, 1, 2, 1]

    migrate.upgrade(db_url, "head")
    assert rows(db_engine) == before
    assert {schema_of(db_engine, t) for t in INTERNAL} == {PRIVATE_SCHEMA}
    plain = create_engine(without_options(db_url))  # a new session of any client: psql, a script
    try:
        with plain.connect() as conn:
            assert conn.scalar(text("SELECT count(*) FROM observations")) == 2
            assert conn.scalar(DATABASE_SEARCH_PATH) == f"search_path=public, {PRIVATE_SCHEMA}"
            document = conn.execute(
                text("SELECT year_start, tasks_total, tasks_done, tasks_lagging FROM v_documents")
            ).one()
    finally:
        plain.dispose()
    assert (str(document.year_start), document.tasks_total, document.tasks_done) == ("2021-01-01", 3, 2)
    assert document.tasks_lagging is None

    migrate.downgrade(db_url, "0005")
    assert rows(db_engine) == before
    assert {schema_of(db_engine, t) for t in INTERNAL} == {"public"}
    with db_engine.connect() as conn:
        assert conn.scalar(text("SELECT to_regnamespace(:s)"), {"s": PRIVATE_SCHEMA}) is None
        assert conn.scalar(DATABASE_SEARCH_PATH) is None

    migrate.upgrade(db_url, "head")
    assert rows(db_engine) == before


# --- year_start --------------------------------------------------------------------------------


def columns_of(engine: Engine, view: str) -> dict[str, str]:
    query = text(
        "SELECT column_name, data_type FROM information_schema.columns"
        " WHERE table_schema = 'public' AND table_name = :v"
    )
    with engine.connect() as conn:
        return {name: kind for name, kind in conn.execute(query, {"v": view})}


def test_every_public_view_with_a_year_has_year_start(db_engine: Engine) -> None:
    with_year = [v for v in relations_in(db_engine, "public") if "year" in columns_of(db_engine, v)]
    with_year = [v for v in with_year if v not in REFERENCE_TABLES]
    assert sorted(with_year) == sorted(VIEWS)  # every view has a year today
    assert [v for v in with_year if columns_of(db_engine, v).get("year_start") != "date"] == []


@pytest.mark.parametrize("view", VIEWS)
def test_year_start_is_the_first_day_of_year_wherever_year_is_set(analyst_url: URL, view: str) -> None:
    engine = create_engine(analyst_url)
    try:
        with engine.connect() as conn:
            counts = conn.execute(
                text(
                    "SELECT count(*) FILTER (WHERE year IS NOT NULL) AS with_year,"
                    " count(*) FILTER (WHERE year_start = make_date(year, 1, 1)) AS first_day,"
                    " count(*) FILTER (WHERE (year IS NULL) <> (year_start IS NULL)) AS mismatched"
                    f" FROM {view}"
                )
            ).one()
    finally:
        engine.dispose()
    assert counts.with_year > 0
    assert counts.first_day == counts.with_year
    assert counts.mismatched == 0


# --- v_documents: the totals as integer columns --------------------------------------------------

TOTALS = ("indicators", "tasks_total", "tasks_done", "tasks_lagging")
TOTALS_CASES = [
    # (totals as stored, the integer columns expected)
    ('{"indicators": 27, "tasks_total": 41, "tasks_done": 39, "tasks_lagging": 2}', (27, 41, 39, 2)),
    ('{"tasks_total": 41, "tasks_done": 41}', (None, 41, 41, None)),
    ("{}", (None, None, None, None)),
    ('{"tasks_done": "many", "tasks_total": 2.5}', (None, None, None, None)),  # not a count: NULL
    ('{"tasks_lagging": -1, "tasks_total": 99999999999}', (None, None, None, None)),
]


@pytest.mark.parametrize(("totals", "expected"), TOTALS_CASES, ids=[t for t, _ in TOTALS_CASES])
def test_v_documents_spells_out_the_totals(
    db_engine: Engine, totals: str, expected: tuple[int | None, ...]
) -> None:
    with db_engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO documents (source_sha256, source_name, genre, region_code, year,"
                " original_text, totals) VALUES (repeat('ef', 32), 'invented.txt', 'perf_self_report',"
                " '110108', 2020, '虚构', CAST(:totals AS jsonb))"
            ),
            {"totals": totals},
        )
        found = conn.execute(text(f"SELECT {', '.join(TOTALS)} FROM v_documents")).one()
    assert tuple(found) == expected


def test_the_loaders_totals_land_in_their_columns(analyst_url: URL) -> None:
    engine = create_engine(analyst_url)
    try:
        with engine.connect() as conn:
            documents = conn.execute(text(f"SELECT totals, {', '.join(TOTALS)} FROM v_documents")).all()
    finally:
        engine.dispose()
    stated = [row for row in documents if row.totals]
    assert len(stated) >= 2
    for row in stated:
        assert set(row.totals) <= set(TOTALS)
        assert {key: getattr(row, key) for key in row.totals} == row.totals
