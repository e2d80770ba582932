"""A batch of documents in one transaction (govperf.load.store.store_batch, govperf.load.batch):
each document atomic — a document the server refuses is absent and the others are stored — and
a batch cut off midway (SIGKILL, a terminated connection) leaves none of its documents, so a
re-run stores every document exactly once.  Real PostgreSQL; the fixtures are the project's own
invented documents."""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import URL, Engine

from govperf.documents import ParsedDocument, Source
from govperf.load.batch import BatchLoader
from govperf.load.lookups import Lookups
from govperf.load.pipeline import parse_file
from govperf.load.results import FileResult, ImportOptions
from govperf.load.store import Pending, store_batch

FIXTURES = Path(__file__).parents[1] / "fixtures" / "documents"
FILES = (
    "haidian_2019_self_report.txt",
    "huairou_2021_key_tasks_tabs.txt",
    "dongcheng_2022_q1_perf_tasks_tabs.txt",
    "chaoyang_2021_h1_perf_tasks_split_title.txt",
)
Parsed = list[tuple[Source, list[ParsedDocument]]]
# (sha256, part) → (tasks, category results, observations) of each stored document
SNAPSHOT = text(
    """
    SELECT d.source_sha256, d.part,
           (SELECT count(*) FROM tasks t WHERE t.document_id = d.id),
           (SELECT count(*) FROM category_results c WHERE c.document_id = d.id),
           (SELECT count(*) FROM observations o WHERE o.document_id = d.id)
    FROM documents d
    """
)


@pytest.fixture(scope="module")
def parsed() -> Parsed:
    files = [parse_file(str(FIXTURES / name), ImportOptions()) for name in FILES]
    assert all(len(documents) == 1 and documents[0].observations for _, documents in files)
    return files


def snapshot(engine: Engine) -> dict[tuple[str, int], tuple[int, int, int]]:
    with engine.connect() as conn:
        return {(sha, part): (t, c, o) for sha, part, t, c, o in conn.execute(SNAPSHOT)}


def expected(files: Parsed) -> dict[tuple[str, int], tuple[int, int, int]]:
    """What storing ``files`` must leave: every row of every document."""
    return {
        (source.sha256, d.part): (len(d.tasks), len(d.category_results), len(d.observations))
        for source, documents in files
        for d in documents
    }


def batch_of(files: Parsed) -> list[Pending]:
    return [
        Pending(source, d, FileResult(path=source.path)) for source, documents in files for d in documents
    ]


def store(engine: Engine, files: Parsed) -> list[Pending]:
    batch = batch_of(files)
    with engine.connect() as conn:
        store_batch(conn, Lookups.load(engine), batch, replace=False)
    return batch


def _year_out_of_range(document: ParsedDocument) -> ParsedDocument:
    return dataclasses.replace(document, year=2300)  # the documents row is refused (year_range)


def _span_reversed(document: ParsedDocument) -> ParsedDocument:
    first, *rest = document.observations
    bad = dataclasses.replace(first.observation, span_start=first.observation.span_end + 5)
    return dataclasses.replace(document, observations=[dataclasses.replace(first, observation=bad), *rest])


def _unknown_district(document: ParsedDocument) -> ParsedDocument:
    return dataclasses.replace(document, district_code="990000")  # refused before the database


BAD_DOCUMENTS: dict[str, tuple[Callable[[ParsedDocument], ParsedDocument], str]] = {
    "its documents row is refused by a check": (_year_out_of_range, "could not be stored (new row"),
    "one of its observation rows is refused inside the COPY": (
        _span_reversed,
        "could not be stored (new row",
    ),
    "its district is unknown (refused before the database)": (_unknown_district, "unknown district code"),
}


@pytest.mark.parametrize("case", list(BAD_DOCUMENTS), ids=list(BAD_DOCUMENTS))
def test_a_failing_document_leaves_the_others_of_its_batch_stored_and_itself_absent(
    db_engine: Engine, parsed: Parsed, case: str
) -> None:
    spoil, message = BAD_DOCUMENTS[case]
    source, [document] = parsed[2]
    files = [*parsed[:2], (source, [spoil(document)]), parsed[3]]
    batch = store(db_engine, files)
    good = [*parsed[:2], parsed[3]]
    assert snapshot(db_engine) == expected(good)  # the others whole, the bad one absent
    assert [item.result.status for item in batch] == ["imported", "imported", "failed", "imported"]
    error = batch[2].result.error or ""
    assert error.startswith(f"{source.path}: part 1: ") and message in error, error


CHILD = """
import sys
from sqlalchemy import create_engine
from govperf.load.lookups import Lookups
from govperf.load.pipeline import parse_file
from govperf.load.results import FileResult, ImportOptions
from govperf.load.store import Pending, store_batch
engine = create_engine(sys.argv[1])
batch = []
for path in sys.argv[2:]:
    source, documents = parse_file(path, ImportOptions())
    batch += [Pending(source, d, FileResult(path=path)) for d in documents]
with engine.connect() as conn:
    store_batch(conn, Lookups.load(engine), batch, replace=False)
"""


def _blocked_on_observations(engine: Engine) -> list[int]:
    query = text(
        "SELECT l.pid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE NOT l.granted "
        "AND a.datname = current_database() AND l.relation = CAST('observations' AS regclass)"
    )
    with engine.connect() as conn:
        return list(conn.scalars(query))


def _wait_for(condition: Callable[[], object], what: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def _cut_by_sigkill(db_url: URL, db_engine: Engine, files: Parsed) -> None:
    """The storing process is killed while its batch waits to COPY the observations."""
    url = db_url.render_as_string(hide_password=False)
    paths = [source.path for source, _ in files]
    with db_engine.connect() as lock:
        lock.execute(text("LOCK TABLE observations IN ACCESS EXCLUSIVE MODE"))
        child = subprocess.Popen([sys.executable, "-c", CHILD, url, *paths], stderr=subprocess.PIPE)
        _wait_for(lambda: _blocked_on_observations(db_engine) or child.poll() is not None, "the batch")
        [pid] = _blocked_on_observations(db_engine)
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        lock.rollback()
    with db_engine.connect() as conn:
        _wait_for(
            lambda: not conn.scalar(text("SELECT count(*) FROM pg_stat_activity WHERE pid = :p"), {"p": pid}),
            "rollback",
        )
    assert child.returncode == -signal.SIGKILL


def _cut_by_terminating_the_connection(db_url: URL, db_engine: Engine, files: Parsed) -> None:
    """The batch's connection is terminated by the server while it waits to COPY the observations."""
    batch = batch_of(files)

    def terminate() -> None:
        _wait_for(lambda: _blocked_on_observations(db_engine), "the batch")
        [pid] = _blocked_on_observations(db_engine)
        with db_engine.connect() as conn:
            conn.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid})

    with db_engine.connect() as lock:
        lock.execute(text("LOCK TABLE observations IN ACCESS EXCLUSIVE MODE"))
        killer = threading.Thread(target=terminate)
        killer.start()
        with db_engine.connect() as conn:
            assert store_batch(conn, Lookups.load(db_engine), batch, replace=False) is False
        killer.join()
        lock.rollback()
    assert all(
        item.result.store_failed and "could not be stored" in (item.result.error or "") for item in batch
    )


CUTS = {
    "SIGKILL of the storing process": _cut_by_sigkill,
    "connection terminated": _cut_by_terminating_the_connection,
}


@pytest.mark.parametrize("committed", [0, 2], ids=["nothing committed before", "an earlier batch committed"])
@pytest.mark.parametrize("cut", list(CUTS), ids=list(CUTS))
def test_a_batch_cut_midway_leaves_none_of_its_documents_and_a_rerun_stores_each_once(
    db_url: URL, db_engine: Engine, parsed: Parsed, cut: str, committed: int
) -> None:
    if committed:
        store(db_engine, parsed[:committed])
    CUTS[cut](db_url, db_engine, parsed)
    assert snapshot(db_engine) == expected(parsed[:committed])  # the cut batch left nothing
    batch = store(db_engine, parsed)  # the re-run
    assert [item.result.status for item in batch] == ["unchanged"] * committed + ["imported"] * (
        len(parsed) - committed
    )
    assert snapshot(db_engine) == expected(parsed)
    with db_engine.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM documents")) == len(parsed)  # each exactly once


def test_batches_start_at_one_document_and_double(db_engine: Engine, parsed: Parsed) -> None:
    """Files added one by one come back stored in batches of 1, 2 and 4 documents."""
    copies = [
        (dataclasses.replace(source, sha256=f"{n:064x}"), documents)
        for n, (source, documents) in enumerate(parsed * 2, start=1)
    ]
    loader = BatchLoader(db_engine, Lookups.load(db_engine), replace=False)
    sizes = []
    for source, documents in copies[:7]:
        done = loader.add(FileResult(path=source.path), source, documents)
        if done:
            sizes.append(len(done))
    assert sizes == [1, 2, 4]
    assert len(loader.finish()) == 0
    assert len(snapshot(db_engine)) == 7


NOTES = {
    "no note": (),
    "plain notes": ("估算", "口径调整"),
    "quote, backslash, comma and braces": ('说"明"', "a\\b", "x,y", "{z}"),
    "an empty note and a NUL": ("", "a\x00b"),
}


@pytest.mark.parametrize("notes", list(NOTES.values()), ids=list(NOTES))
def test_notes_sent_as_an_array_literal_are_stored_as_given(
    db_engine: Engine, parsed: Parsed, notes: tuple[str, ...]
) -> None:
    source, [document] = parsed[0]
    first, *rest = document.observations
    noted = dataclasses.replace(first, observation=dataclasses.replace(first.observation, notes=notes))
    store(db_engine, [(source, [dataclasses.replace(document, observations=[noted, *rest])])])
    with db_engine.connect() as conn:
        stored = conn.scalar(text("SELECT notes FROM observations ORDER BY id LIMIT 1"))
    assert stored == [note.replace("\x00", "\ufffd") for note in notes]
