"""The public view layer (DESIGN.md §3): names, contract columns, comments, types, grants."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import ProgrammingError

from govperf.db.views import READER_ROLE, VIEWS
from govperf.load.importer import import_paths
from govperf.load.results import ImportOptions

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "documents" / "haidian_2019_self_report.txt"
# the views of targets need a year with a target and one with its actual
TARGETS = [
    Path(__file__).resolve().parents[1] / "fixtures" / "targets" / f"yixian_{y}_work_report.txt"
    for y in (2025, 2026)
]
FIXTURES = {"v_target_attainment": TARGETS, "v_target_cascade": TARGETS}
DESIGN = Path(__file__).resolve().parents[3] / "shared" / "DESIGN.md"
FALLBACK_CONTRACT = {
    "v_documents": "document_id source_sha256 source_name part genre district_code district_name year "
    "year_source period_label title published_on task_count observation_count imported_at",
    "v_observations": "observation_id document_id source_sha256 part district_code district_name year "
    "period_label period_start period_end metric_code metric_name label measure kind comparator value "
    "value_max unit raw_value raw_unit task_id snippet span_start span_end",
    "v_tasks": "task_id document_id district_code district_name year category_code category_name seq_no "
    "ref_code title target_text progress_text status",
    "v_category_results": "document_id district_code year category_code category_name tasks_total "
    "tasks_done tasks_lagging",
    "v_metric_comparison": "metric_code metric_name unit better year measure kind district_code "
    "district_name value rank_in_year districts_reporting observation_id",
    "v_metric_series": "metric_code district_code year measure kind value unit",
    "v_task_completion": "district_code district_name year category_code category_name tasks_total "
    "tasks_done tasks_lagging completion_rate",
    "v_coverage": "district_code district_name year genre documents",
}
# Views DESIGN.md does not list (extensions): their contract is the issue that asked for them.
EXTENSIONS = {
    "v_target_attainment": "region_code region_name region_level metric_code metric_name unit better "
    "measure breakdown year year_start target_value target_value_max target_comparator "
    "target_observation_id actual_value actual_kind actual_observation_id met gap",
    "v_target_cascade": "region_code region_level parent_code target_value parent_target_value "
    "national_target_value excess_over_parent excess_over_national",
}


def contract_columns() -> dict[str, list[str]]:
    """View → contract columns, read from DESIGN.md §3 when the shared folder is there."""
    found = {view: cols.split() for view, cols in EXTENSIONS.items()}
    if not DESIGN.exists():
        return found | {view: cols.split() for view, cols in FALLBACK_CONTRACT.items()}
    for view, body in re.findall(r"^- `(v_[a-z_]+)`: (.*)$", DESIGN.read_text(), re.M):
        listing = body.split(" — ")[0].rsplit(": ", 1)[-1]
        found[view] = [re.match(r"\s*([a-z_0-9]+)", item).group(1) for item in listing.split(",")]  # type: ignore[union-attr]
    return found


CONTRACT = contract_columns()


def test_contract_lists_every_view() -> None:
    assert set(CONTRACT) == set(FALLBACK_CONTRACT) | set(EXTENSIONS) == set(VIEWS)
    assert "completion_rate" in CONTRACT["v_task_completion"]


def view_columns(engine: Engine, view: str) -> dict[str, tuple[str, int | None]]:
    query = text(
        "SELECT column_name, data_type, numeric_precision FROM information_schema.columns "
        "WHERE table_schema = 'public' AND table_name = :view"
    )
    with engine.connect() as conn:
        return {name: (kind, precision) for name, kind, precision in conn.execute(query, {"view": view})}


@pytest.mark.parametrize("view", VIEWS)
def test_view_has_contract_columns(db_engine: Engine, view: str) -> None:
    columns = view_columns(db_engine, view)
    assert set(CONTRACT[view]) <= set(columns), set(CONTRACT[view]) - set(columns)


@pytest.mark.parametrize("view", VIEWS)
def test_view_numeric_columns_are_constrained_and_dates_are_dates(db_engine: Engine, view: str) -> None:
    columns = view_columns(db_engine, view)
    unconstrained = [c for c, (kind, precision) in columns.items() if kind == "numeric" and precision is None]
    assert unconstrained == []
    for name in ("period_start", "period_end", "published_on"):
        if name in columns:
            assert columns[name][0] == "date"


def is_bilingual(comment: str | None) -> bool:
    return bool(comment and re.search(r"[\u4e00-\u9fff]", comment) and re.search(r"[A-Za-z]{3}", comment))


@pytest.mark.parametrize("view", VIEWS)
def test_view_and_every_column_has_a_bilingual_comment(db_engine: Engine, view: str) -> None:
    with db_engine.connect() as conn:
        comment = conn.scalar(text("SELECT obj_description(CAST(:v AS regclass), 'pg_class')"), {"v": view})
        columns = conn.execute(
            text(
                "SELECT a.attname, col_description(a.attrelid, a.attnum) FROM pg_attribute a "
                "WHERE a.attrelid = CAST(:v AS regclass) AND a.attnum > 0 AND NOT a.attisdropped"
            ),
            {"v": view},
        ).all()
    assert is_bilingual(comment), comment
    assert [name for name, text_ in columns if not is_bilingual(text_)] == []


@pytest.mark.parametrize("view", VIEWS)
def test_reader_sees_every_view_as_its_owner_does(db_engine: Engine, view: str) -> None:
    paths = FIXTURES.get(view, [FIXTURE])
    assert not import_paths(db_engine, [str(p) for p in paths], ImportOptions()).failed
    query = text(f"SELECT * FROM {view}")
    with db_engine.connect() as conn:
        owner = conn.execute(query)
        owner_columns, owner_rows = list(owner.keys()), sorted(map(repr, owner.all()))
        conn.execute(text(f"SET ROLE {READER_ROLE}"))
        reader = conn.execute(query)
        reader_columns, reader_rows = list(reader.keys()), sorted(map(repr, reader.all()))
        conn.rollback()
    assert reader_columns == owner_columns and set(CONTRACT[view]) <= set(reader_columns)
    assert reader_rows == owner_rows and len(owner_rows) > 0


WRITES = [
    "INSERT INTO metric_aliases (alias, metric_code) VALUES ('x', 'gdp')",
    "UPDATE metrics SET unit = 'x'",
    "DELETE FROM regions",
    "DELETE FROM govperf_private.documents",
    "INSERT INTO govperf_private.observations (document_id) VALUES (1)",
    "UPDATE govperf_private.observations SET value = 0",
    "TRUNCATE govperf_private.tasks",
    "DROP VIEW v_documents",
    "CREATE TABLE reader_table (x int)",
]


@pytest.mark.parametrize("statement", WRITES)
def test_reader_cannot_write(db_engine: Engine, statement: str) -> None:
    with db_engine.connect() as conn:
        conn.execute(text(f"SET ROLE {READER_ROLE}"))
        with pytest.raises(ProgrammingError, match=r"permission denied|must be owner"):
            conn.execute(text(statement))
        conn.rollback()


def test_reader_is_nologin_and_granted_views_created_later(db_engine: Engine) -> None:
    with db_engine.begin() as conn:
        can_login = conn.scalar(
            text("SELECT rolcanlogin FROM pg_roles WHERE rolname = :r"), {"r": READER_ROLE}
        )
        conn.execute(text("CREATE VIEW v_later AS SELECT code FROM metrics"))
        granted = conn.scalar(text("SELECT has_table_privilege(:r, 'v_later', 'SELECT')"), {"r": READER_ROLE})
    assert can_login is False
    assert granted is True
