"""Upgrading a database that holds imported documents keeps every row.

Generic over the revisions: the database is taken to the revision before head (whatever it is),
the fixture documents are imported there, then it is upgraded to head.  Before and after, every
table's row count and a checksum of its rows (columns present at both revisions) are compared,
and so is every view whose definition the upgrade did not change (nor that of a view it reads).
A view the upgrade redefines must keep its columns and still answer, with rows if it had rows.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import URL, Connection, Engine

from govperf.db import migrate
from govperf.db.views import VIEWS
from govperf.load.importer import import_paths
from govperf.load.results import ImportOptions

FIXTURES = Path(__file__).parents[1] / "fixtures" / "documents"
INTERNAL = ("documents", "tasks", "category_results", "observations")
MAPPED_COLUMNS = {"0005": {"regions.level"}}


def previous_revision() -> str | None:
    script = ScriptDirectory.from_config(migrate.alembic_config())
    down = script.get_revision(migrate.head()).down_revision
    assert not isinstance(down, tuple), "a merge revision: test each parent"
    return down


def columns(conn: Connection, relation: str) -> list[str]:
    query = text(
        "SELECT attname FROM pg_attribute WHERE attrelid = CAST(:r AS regclass) AND attnum > 0 "
        "AND NOT attisdropped ORDER BY attnum"
    )
    return list(conn.scalars(query, {"r": relation}))


def checksum(conn: Connection, relation: str, cols: list[str]) -> tuple[int, str]:
    row = ", ".join(f'"{c}"' for c in cols)
    query = f"SELECT count(*), md5(coalesce(string_agg(r, E'\\n' ORDER BY r), '')) FROM (SELECT ROW({row})::text AS r FROM {relation}) s"  # noqa: E501
    count, digest = conn.execute(text(query)).one()
    return int(count), str(digest)


def relations(engine: Engine) -> dict[str, list[str]]:
    with engine.connect() as conn:
        inspector = inspect(conn)
        names = [*inspector.get_table_names(), *inspector.get_view_names()]
        return {name: columns(conn, name) for name in names if name != "alembic_version"}


def view_definitions(engine: Engine) -> dict[str, str]:
    """The definition of every view of today's VIEWS that exists (an older revision lacks the newer)."""
    query = text("SELECT pg_get_viewdef(to_regclass(:v))")
    with engine.connect() as conn:
        found = {v: conn.scalar(query, {"v": v}) for v in VIEWS}
    return {v: str(d) for v, d in found.items() if d is not None}


def table_state(engine: Engine, table: str, cols: list[str]) -> dict[str, object]:
    """Row count and, per column, a checksum of its values in primary-key order (so a column the
    upgrade adds or drops does not hide the others)."""
    with engine.connect() as conn:
        key = inspect(conn).get_pk_constraint(table)["constrained_columns"]
        order = ", ".join(f'"{c}"' for c in key)
        digests = ", ".join(
            f"md5(coalesce(string_agg(coalesce(\"{c}\"::text, '<null>'), E'\\x1f' ORDER BY {order}), ''))"
            for c in cols
        )
        count, *values = conn.execute(text(f"SELECT count(*), {digests} FROM {table}")).one()
    return {"rows": count, **dict(zip(cols, values, strict=True))}


def view_state(engine: Engine, view: str, cols: list[str]) -> tuple[int, str]:
    with engine.connect() as conn:
        return checksum(conn, view, cols)


def redefined_views(before: dict[str, str], after: dict[str, str]) -> set[str]:
    """Views whose definition changed, and the views that read them (their rows may change too)."""
    changed = {v for v in VIEWS if before.get(v) != after.get(v)}
    grew = True
    while grew:
        readers = {v for v in VIEWS if any(re.search(rf"\b{c}\b", before.get(v, "")) for c in changed)}
        grew = not readers <= changed
        changed |= readers
    return changed


def load_fixtures_at(db_url: URL, engine: Engine, revision: str) -> None:
    """Import the fixtures at ``revision``; when today's importer cannot write that schema, import
    at head and downgrade (the data that survives the downgrade is what the upgrade must keep)."""
    migrate.downgrade(db_url, revision)
    try:
        report = import_paths(engine, [str(FIXTURES)], ImportOptions())
        ok = not report.failed
    except Exception:
        ok = False
    if ok:
        return
    with engine.begin() as conn:
        conn.execute(text("TRUNCATE documents CASCADE"))
    migrate.upgrade(db_url, "head")
    assert not import_paths(engine, [str(FIXTURES)], ImportOptions()).failed
    migrate.downgrade(db_url, revision)


def test_upgrading_a_loaded_database_from_the_previous_revision_keeps_every_row(
    db_url: URL, db_engine: Engine
) -> None:
    previous = previous_revision()
    if previous is None:
        pytest.skip("head is the first revision: there is nothing to upgrade from")
    load_fixtures_at(db_url, db_engine, previous)
    assert migrate.current(db_url) == previous
    before_columns, before_views = relations(db_engine), view_definitions(db_engine)
    tables = [name for name in before_columns if name not in VIEWS]
    before = {t: table_state(db_engine, t, before_columns[t]) for t in tables}
    before_views_rows = {v: view_state(db_engine, v, before_columns[v]) for v in VIEWS if v in before_columns}

    migrate.upgrade(db_url, "head")
    assert migrate.current(db_url) == migrate.head()
    after_columns, after_views = relations(db_engine), view_definitions(db_engine)

    # tables: every row; every column that exists at both revisions holds the same values
    assert set(tables) <= set(after_columns), "a table disappeared"
    changed = {}
    for table in tables:
        after = table_state(db_engine, table, [c for c in before_columns[table] if c in after_columns[table]])
        changed.update(
            {f"{table}.{k}": (before[table][k], v) for k, v in after.items() if before[table][k] != v}
        )
    # values a revision maps on purpose: 0005 renames the region levels (city → prefecture,
    # district → county); every row stays
    assert set(changed) <= MAPPED_COLUMNS.get(migrate.head(), set()), changed
    assert int(str(before["observations"]["rows"])) > 100 and int(str(before["documents"]["rows"])) >= 9

    # views: unchanged definitions give identical rows; redefined views keep their columns and answer
    redefined = redefined_views(before_views, after_views)
    for view, (rows, digest) in before_views_rows.items():
        assert set(before_columns[view]) <= set(after_columns[view]), f"{view} lost a column"
        after_rows, after_digest = view_state(db_engine, view, before_columns[view])
        if view not in redefined:
            assert (after_rows, after_digest) == (rows, digest), view
        else:
            assert (after_rows > 0) == (rows > 0), view
