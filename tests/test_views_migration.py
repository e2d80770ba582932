"""Revision 0002 (analyst views): down to 0001 restores the frozen views, up again restores
today's, with comments and grants each way; views.replace_views keeps the view layer whole."""

from __future__ import annotations

from sqlalchemy import inspect, text
from sqlalchemy.engine import URL, Engine

from govperf import migrate, views


def columns(engine: Engine, view: str) -> set[str]:
    return {c["name"] for c in inspect(engine).get_columns(view)}


def reader_can_select(engine: Engine, view: str) -> bool:
    with engine.connect() as conn:
        return bool(
            conn.scalar(text("SELECT has_table_privilege('govperf_reader', :v, 'SELECT')"), {"v": view})
        )


def test_downgrade_to_0001_restores_the_old_views_and_upgrade_brings_back_the_new(
    db_url: URL, db_engine: Engine
) -> None:
    assert {"gap_to_best", "median_value"} <= columns(db_engine, "v_metric_comparison")
    migrate.downgrade(db_url, "0001")
    assert migrate.current(db_url) == "0001"
    assert "gap_to_best" not in columns(db_engine, "v_metric_comparison")
    assert "region_level" not in columns(db_engine, "v_metric_series")
    assert set(views.VIEWS) <= set(inspect(db_engine).get_view_names())
    assert all(reader_can_select(db_engine, view) for view in views.VIEWS)
    with db_engine.connect() as conn:
        comment = conn.scalar(text("SELECT obj_description('v_metric_series'::regclass, 'pg_class')"))
    assert comment is not None and "annual over partial" in comment

    migrate.upgrade(db_url, "head")
    assert {"gap_to_best", "median_value", "gap_to_median"} <= columns(db_engine, "v_metric_comparison")
    assert "region_level" in columns(db_engine, "v_metric_series")
    assert all(reader_can_select(db_engine, view) for view in views.VIEWS)


def test_replace_views_recreates_every_view_with_comments(db_engine: Engine) -> None:
    with db_engine.begin() as conn:
        views.replace_views(conn)
        present = set(inspect(conn).get_view_names())
        comment = conn.scalar(text("SELECT obj_description('v_metric_comparison'::regclass, 'pg_class')"))
    assert set(views.VIEWS) <= present
    assert comment is not None and "gap to the best" in comment
