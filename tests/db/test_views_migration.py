"""Revisions 0002 (analyst views) and 0003 (query indexes): down restores the frozen views, up
again restores today's, with comments and grants each way; views.replace_views keeps the view
layer whole; 0003's v_task_completion filters by year before counting tasks."""

from __future__ import annotations

import pathlib
import re
import sys
from typing import Any

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.engine import URL, Engine

from govperf.db import migrate, views
from govperf.load.importer import import_paths
from govperf.load.results import ImportOptions

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "benchmarks"))

from corpusgen.writer import Options, write_corpus


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
    old_views = [name for name, _ in views.snapshot("0001")]
    assert set(old_views) <= set(inspect(db_engine).get_view_names())
    assert "v_target_attainment" not in inspect(db_engine).get_view_names()
    assert all(reader_can_select(db_engine, view) for view in old_views)
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


REVISION_0003_INDEXES = {"ix_tasks_document_id_category_id", "ix_documents_year"}


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    out = tmp_path_factory.mktemp("corpus")
    write_corpus(Options(years=2, seed=3, out=out, districts=2, truth=False))
    return out


def index_names(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        return set(
            conn.scalars(
                text("SELECT indexname FROM pg_indexes WHERE schemaname IN ('public', 'govperf_private')")
            )
        )


def view_comment(engine: Engine, view: str) -> str:
    with engine.connect() as conn:
        return str(conn.scalar(text("SELECT obj_description(CAST(:v AS regclass), 'pg_class')"), {"v": view}))


TASK_COMPLETION_0002 = (
    "district_code, district_name, year, scheme_code, category_code, category_name, tasks_total, "
    "tasks_done, tasks_lagging, completion_rate, source, document_id, period_label"
)


def task_completion(engine: Engine) -> list[tuple[object, ...]]:
    """The rows of v_task_completion, in the columns it has had since 0002 (later ones add columns)."""
    query = text(f"SELECT {TASK_COMPLETION_0002} FROM v_task_completion")
    with engine.connect() as conn:
        return sorted(tuple(row) for row in conn.execute(query))


def load(engine: Engine, corpus: pathlib.Path) -> None:
    """Import the corpus; its first year loses its stated counts, so tasks are counted there."""
    report = import_paths(engine, [str(corpus)], ImportOptions())
    assert not report.failed
    with engine.begin() as conn:
        conn.execute(
            text(
                "DELETE FROM category_results WHERE document_id IN "
                "(SELECT id FROM documents WHERE year = (SELECT min(year) FROM documents))"
            )
        )


def test_0003_down_and_up_with_data_keeps_task_completion_and_moves_indexes_and_tie_rule(
    small_corpus: pathlib.Path, db_url: URL, db_engine: Engine
) -> None:
    load(db_engine, small_corpus)
    at_head = task_completion(db_engine)
    assert {row[10] for row in at_head} == {"stated", "counted"}  # both arms of the view are used
    assert index_names(db_engine) >= REVISION_0003_INDEXES
    assert "whatever the import order" in view_comment(db_engine, "v_metric_series")

    migrate.downgrade(db_url, "0002")
    assert not REVISION_0003_INDEXES & index_names(db_engine)
    assert "most recent import" in view_comment(db_engine, "v_metric_series")
    assert task_completion(db_engine) == at_head  # 0003 changes how, not what
    assert all(reader_can_select(db_engine, view) for view, _ in views.snapshot("0002"))

    migrate.upgrade(db_url, "head")
    assert index_names(db_engine) >= REVISION_0003_INDEXES
    assert "whatever the import order" in view_comment(db_engine, "v_metric_series")
    assert task_completion(db_engine) == at_head
    assert all(reader_can_select(db_engine, view) for view in views.VIEWS)


def conditions_below_aggregates(plan: dict[str, Any], below: bool = False) -> list[str]:
    """The scan and join conditions of the plan nodes under an Aggregate node."""
    found = []
    if below:
        found += [
            str(plan[key]) for key in ("Filter", "Index Cond", "Recheck Cond", "Join Filter") if key in plan
        ]
    for child in plan.get("Plans", []):
        found += conditions_below_aggregates(child, below or plan["Node Type"] == "Aggregate")
    return found


def year_filtered_before_counting(engine: Engine) -> bool:
    """Whether ``v_task_completion WHERE year = …`` filters on the year under the aggregate."""
    with engine.connect() as conn:
        year = conn.scalar(text("SELECT min(year) FROM v_task_completion WHERE source = 'counted'"))
        [[plan]] = conn.execute(
            text("EXPLAIN (FORMAT JSON) SELECT * FROM v_task_completion WHERE year = :y"), {"y": year}
        ).all()
    conditions = conditions_below_aggregates(plan[0]["Plan"])
    return any(re.search(rf"\byear = '?{year}\b", condition) for condition in conditions)


def test_task_completion_counts_only_the_tasks_of_the_year_asked_for(
    small_corpus: pathlib.Path, db_url: URL, db_engine: Engine
) -> None:
    load(db_engine, small_corpus)
    assert year_filtered_before_counting(db_engine)
    migrate.downgrade(db_url, "0002")  # 0002 counted every document's tasks, then filtered
    assert not year_filtered_before_counting(db_engine)
    migrate.upgrade(db_url, "head")
    assert year_filtered_before_counting(db_engine)
