"""The load stage's one statement per document row: it draws the task ids only for a row it
inserts, and it makes the document's transaction commit asynchronously (the import ends with
one synchronous flush, govperf.load.store.flush).  The task table is written for this test
with invented figures."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from govperf.load.lookups import Lookups
from govperf.load.pipeline import parse_file
from govperf.load.results import ImportOptions
from govperf.load.rows import INSERT_DOCUMENT_AND_TASK_IDS, document_row
from govperf.load.store import flush, load_document

TABLE = (
    "2031年重点任务进展情况表\n"
    "序号\t任务内容\t目标\t进展情况\n"
    "1\t建设公园\t新建公园3个\t已建成公园3个，已完成\n"
    "2\t改造道路\t改造道路12公里\t已改造道路8公里\n"
)


def _task_sequence(engine: Engine) -> int:
    with engine.connect() as conn:
        query = "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM tasks_id_seq"
        return int(conn.scalar(text(query)) or 0)


@pytest.mark.parametrize("loads", [1, 2], ids=["first load", "second load of the same bytes"])
def test_task_ids_are_drawn_only_for_a_new_document_row(
    db_engine: Engine, tmp_path: Path, loads: int
) -> None:
    with db_engine.begin() as conn:
        conn.execute(text("TRUNCATE documents CASCADE"))
    path = tmp_path / "tasks.txt"
    path.write_text(TABLE, encoding="utf-8")
    source, documents = parse_file(str(path), ImportOptions(district="110105", year=2031))
    assert [len(d.tasks) for d in documents] == [2]
    lookups = Lookups.load(db_engine)
    with db_engine.connect() as conn:
        for _ in range(loads - 1):
            load_document(conn, lookups, source, documents[0], False)
        before = _task_sequence(db_engine)
        result = load_document(conn, lookups, source, documents[0], False)
    flush(db_engine)
    expected = ("imported", 2) if loads == 1 else ("unchanged", 0)
    assert (result.status, _task_sequence(db_engine) - before) == expected
    with db_engine.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM tasks")) == 2


def test_the_document_statement_makes_its_transaction_commit_asynchronously(
    db_engine: Engine, tmp_path: Path
) -> None:
    with db_engine.begin() as conn:
        conn.execute(text("TRUNCATE documents CASCADE"))
    path = tmp_path / "tasks.txt"
    path.write_text(TABLE, encoding="utf-8")
    source, documents = parse_file(str(path), ImportOptions(district="110105", year=2031))
    values = (*document_row(source, documents[0], Lookups.load(db_engine)), 2)
    settings = []
    with db_engine.connect() as conn:
        conn.exec_driver_sql("SET synchronous_commit TO on")  # the test server runs with it off
        conn.commit()
        with conn.begin():
            settings.append(conn.scalar(text("SHOW synchronous_commit")))
            conn.exec_driver_sql(INSERT_DOCUMENT_AND_TASK_IDS, values)
            settings.append(conn.scalar(text("SHOW synchronous_commit")))
        settings.append(conn.scalar(text("SHOW synchronous_commit")))
        conn.exec_driver_sql("RESET synchronous_commit")
        conn.commit()
    assert settings == ["on", "off", "on"]  # off for the document's transaction only
