"""Concurrent importers, importers killed with SIGKILL, connections cut mid-import — against the
real server, with real ``python -m govperf import`` processes.

The interesting moment is *inside* a document's transaction: its ``documents`` row is written
but its observations are not.  The tests put an importer there deterministically by holding
an ACCESS EXCLUSIVE lock on ``observations`` from the test, waiting until the importer's backend
is blocked on it, then acting (a second importer racing for the same key, SIGKILL,
pg_terminate_backend) before releasing the lock.

"Whole documents" is checked against a clean import of the same folder: every ``documents``
row must have exactly the tasks, category results and observations it has after a clean import.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, Connection, Engine

from govperf.cli import cli
from govperf.db.config import libpq_url
from govperf.documents import parse_source, read_source
from govperf.load.importer import import_paths
from govperf.load.lookups import Lookups
from govperf.load.results import ImportOptions
from govperf.load.rows import INSERT_DOCUMENT, document_row

FIXTURES = Path(__file__).parents[1] / "fixtures" / "documents"
# The first file of the folder must have observations (the lock below waits on that table).
FIRST = "haidian_2019_self_report.txt"
COPIES = 2

Snapshot = dict[tuple[str, int], tuple[int, int, int]]

SNAPSHOT = text(
    """
    SELECT d.source_sha256, d.part,
           (SELECT count(*) FROM tasks t WHERE t.document_id = d.id),
           (SELECT count(*) FROM category_results c WHERE c.document_id = d.id),
           (SELECT count(*) FROM observations o WHERE o.document_id = d.id)
    FROM documents d
    """
)


def make_folder(root: Path) -> Path:
    """COPIES copies of every fixture text, each with its own bytes (a distinct source_sha256)."""
    folder = root / "reports"
    folder.mkdir()
    for copy in range(COPIES):
        for fixture in sorted(FIXTURES.glob("*.txt"), key=lambda p: p.name != FIRST):
            data = fixture.read_bytes() + f"\n附件{copy}\n".encode(_encoding(fixture))
            (folder / f"{copy}{'a' if fixture.name == FIRST else 'b'}_{fixture.name}").write_bytes(data)
    return folder


def _encoding(fixture: Path) -> str:
    return "gb18030" if "gb18030" in fixture.name else "utf-8"


def snapshot(engine: Engine) -> Snapshot:
    with engine.connect() as conn:
        return {(sha, part): (t, c, o) for sha, part, t, c, o in conn.execute(SNAPSHOT)}


_clean: list[Snapshot] = []


def clean_import(engine: Engine, folder: Path) -> Snapshot:
    """What a clean, single import of ``folder`` stores (the folder's bytes are the same in every
    test, so it is computed once); the tables are left empty."""
    if not _clean:
        report = import_paths(engine, [str(folder)], ImportOptions())
        assert not report.failed
        _clean.append(snapshot(engine))
        with engine.begin() as conn:
            conn.execute(text("TRUNCATE documents CASCADE"))
    expected = _clean[0]
    assert len(expected) > 3 * COPIES and sum(o for _, _, o in expected.values()) > 100
    assert snapshot(engine) == {}
    return expected


def assert_whole_documents(engine: Engine, expected: Snapshot) -> Snapshot:
    """Every stored document has exactly its rows from a clean import; returns what is stored."""
    stored = snapshot(engine)
    assert {key: expected.get(key) for key in stored} == stored
    return stored


def _default_sigint() -> None:
    """In the child before exec: SIGINT back to its default, so the importer's Python turns it
    into KeyboardInterrupt even when the test run ignores it (``nohup pytest &``, a background
    job of a non-interactive shell), as a terminal user's importer would."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start_import(db_url: URL, folder: Path, *extra: str, new_session: bool = False) -> subprocess.Popen[str]:
    env = {**os.environ, "GOVPERF_DATABASE_URL": libpq_url(db_url, show_password=True)}
    return subprocess.Popen(
        [sys.executable, "-m", "govperf", "import", "--silent", *extra, str(folder)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=new_session,  # its own process group, for a Ctrl-C to all of it
        preexec_fn=_default_sigint,
    )


def finish(process: subprocess.Popen[str], timeout: float = 120) -> tuple[int, str]:
    _out, err = process.communicate(timeout=timeout)
    return process.returncode, err


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


@contextmanager
def observations_locked(engine: Engine) -> Iterator[Connection]:
    """Hold ACCESS EXCLUSIVE on observations: an importer that reaches them waits, mid-transaction."""
    with engine.connect() as conn:
        conn.execute(text("BEGIN"))
        conn.execute(text("LOCK TABLE observations IN ACCESS EXCLUSIVE MODE"))
        try:
            yield conn
        finally:
            conn.execute(text("ROLLBACK"))


def waiting_pids(engine: Engine, lock_type: str, relation: str | None = None) -> list[int]:
    """Backends of this database waiting for a lock of ``lock_type`` (on ``relation``)."""
    query = text(
        "SELECT l.pid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
        "WHERE NOT l.granted AND a.datname = current_database() AND l.locktype = :t "
        "AND (CAST(:r AS text) IS NULL OR l.relation = CAST(:r AS regclass))"
    )
    with engine.connect() as conn:
        return list(conn.scalars(query, {"t": lock_type, "r": relation}))


def backend_gone(engine: Engine, pid: int) -> Callable[[], bool]:
    def gone() -> bool:
        with engine.connect() as conn:
            return conn.scalar(text("SELECT count(*) FROM pg_stat_activity WHERE pid = :p"), {"p": pid}) == 0

    return gone


def test_two_importers_on_one_folder_store_each_document_once(
    db_url: URL, db_engine: Engine, tmp_path: Path
) -> None:
    folder = make_folder(tmp_path)
    expected = clean_import(db_engine, folder)
    with observations_locked(db_engine):
        first = start_import(db_url, folder)
        wait_for(lambda: len(waiting_pids(db_engine, "relation", "observations")) == 1, "importer 1 blocked")
        second = start_import(db_url, folder)
        # importer 2 inserts the same (sha256, part) and waits for importer 1's transaction
        wait_for(lambda: len(waiting_pids(db_engine, "transactionid")) == 1, "importer 2 racing for the key")
    results = [finish(first), finish(second)]
    assert [code for code, _ in results] == [0, 0], results
    assert snapshot(db_engine) == expected  # each document exactly once, each whole


def test_sigkill_mid_document_leaves_whole_documents_and_a_rerun_completes(
    db_url: URL, db_engine: Engine, tmp_path: Path
) -> None:
    folder = make_folder(tmp_path)
    expected = clean_import(db_engine, folder)
    kills = 0

    # 1. killed inside a transaction: documents row written, observations not yet
    with observations_locked(db_engine):
        process = start_import(db_url, folder)
        wait_for(lambda: len(waiting_pids(db_engine, "relation", "observations")) == 1, "importer blocked")
        [pid] = waiting_pids(db_engine, "relation", "observations")
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        kills += process.returncode == -signal.SIGKILL
    wait_for(backend_gone(db_engine, pid), "the killed importer's backend to roll back")
    assert assert_whole_documents(db_engine, expected) == {}

    # 2. killed at whatever point it has reached two documents later
    process = start_import(db_url, folder)
    wait_for(lambda: len(snapshot(db_engine)) >= 2 or process.poll() is not None, "progress")
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    kills += process.returncode == -signal.SIGKILL
    time.sleep(0.2)
    assert_whole_documents(db_engine, expected)

    code, err = finish(start_import(db_url, folder))
    assert code == 0, err
    assert snapshot(db_engine) == expected
    assert kills >= 1  # the first always lands; the second unless the import finished first


def test_sigkill_of_a_parallel_import_leaves_whole_documents(
    db_url: URL, db_engine: Engine, tmp_path: Path
) -> None:
    folder = make_folder(tmp_path)
    expected = clean_import(db_engine, folder)
    with observations_locked(db_engine):
        process = start_import(db_url, folder, "--jobs", "2")
        wait_for(
            lambda: len(waiting_pids(db_engine, "relation", "observations")) == 2, "both workers blocked"
        )
        workers = waiting_pids(db_engine, "relation", "observations")
        process.send_signal(signal.SIGKILL)  # the parent only: its workers are orphaned
        process.wait(timeout=30)
    wait_for(lambda: not waiting_pids(db_engine, "relation", "observations"), "workers to go on")
    for pid in workers:  # each orphan finishes its document, sees the parent gone and exits
        wait_for(backend_gone(db_engine, pid), "an orphaned worker to exit")
    _out, err = process.communicate(timeout=30)  # the orphans wrote to the same pipe until they exited
    assert err == ""  # quietly: no BrokenPipeError traceback from a worker reporting to a dead parent
    assert_whole_documents(db_engine, expected)  # a rerun completes: as in the test above


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_mid_document_ends_without_a_traceback_and_leaves_whole_documents(
    db_url: URL, db_engine: Engine, tmp_path: Path, jobs: str
) -> None:
    folder = make_folder(tmp_path)
    expected = clean_import(db_engine, folder)
    with observations_locked(db_engine):
        process = start_import(db_url, folder, "--jobs", jobs, new_session=True)
        wait_for(lambda: len(waiting_pids(db_engine, "relation", "observations")) >= 1, "importer blocked")
        os.killpg(process.pid, signal.SIGINT)  # Ctrl-C reaches the whole process group
        code, err = finish(process, timeout=60)
    files = len(list(folder.iterdir()))
    # --jobs 1: the first file was interrupted; --jobs 2: both workers' files have no result
    left = files - 1 if jobs == "1" else files
    assert (code, err) == (130, f"interrupted: 0 documents from 0 files stored; {left} files not attempted\n")
    wait_for(lambda: not waiting_pids(db_engine, "relation", "observations"), "the backends to roll back")
    time.sleep(0.3)
    assert_whole_documents(db_engine, expected)


def test_connection_terminated_mid_document_is_one_line_and_a_rerun_completes(
    db_url: URL, db_engine: Engine, tmp_path: Path
) -> None:
    folder = make_folder(tmp_path)
    expected = clean_import(db_engine, folder)
    with observations_locked(db_engine) as conn:
        process = start_import(db_url, folder)
        wait_for(lambda: len(waiting_pids(db_engine, "relation", "observations")) == 1, "importer blocked")
        [pid] = waiting_pids(db_engine, "relation", "observations")
        assert conn.scalar(text("SELECT pg_terminate_backend(:p)"), {"p": pid}) is True
    code, err = finish(process)
    assert code == 1
    assert "Traceback" not in err
    [line] = [line for line in err.splitlines() if line.strip()]
    assert line.startswith(f"error: {folder / ('0a_' + FIRST)}: part 1: could not be stored (")
    assert "connection" in line  # psycopg: "the connection is lost" or "terminating connection …"
    stored = assert_whole_documents(db_engine, expected)
    assert len(stored) == len(expected) - 1  # every other document went on a new connection

    code, err = finish(start_import(db_url, folder))
    assert code == 0, err
    assert snapshot(db_engine) == expected


def test_ctrl_c_says_what_was_stored(db_url: URL, db_engine: Engine, tmp_path: Path) -> None:
    """The importer is held on the third file (the test holds an uncommitted row with its key),
    after two whole files: Ctrl-C there prints what this run stored, and exits 130."""
    folder = make_folder(tmp_path)
    names = sorted(folder.iterdir())
    source = read_source(str(names[2]))
    [first_part, *_] = parse_source(source)
    lookups = Lookups.load(db_engine)
    with db_engine.connect() as conn:
        driver = conn.connection.driver_connection
        assert isinstance(driver, psycopg.Connection)
        driver.execute(INSERT_DOCUMENT, document_row(source, first_part, lookups))  # not committed
        process = start_import(db_url, folder, new_session=True)
        wait_for(lambda: len(waiting_pids(db_engine, "transactionid")) == 1, "the importer on file 3")
        os.killpg(process.pid, signal.SIGINT)
        code, err = finish(process, timeout=60)
        driver.rollback()
    stored = snapshot(db_engine)
    assert len(stored) >= 2  # the parts of the first two files
    assert (code, err) == (
        130,
        f"interrupted: {len(stored)} documents from 2 files stored; {len(names) - 3} files not attempted\n",
    )


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_database_lost_mid_import_stops_and_counts_the_files_left(
    db_url: URL, db_engine: Engine, tmp_path: Path, jobs: str
) -> None:
    """The server goes away for good (its backends are terminated and it accepts no new
    connection): the importer says so once, with the number of files it did not try, instead
    of failing on every remaining file."""
    folder = make_folder(tmp_path)
    files = len(list(folder.iterdir()))
    admin = create_engine(db_url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    allow = f'ALTER DATABASE "{db_url.database}" WITH ALLOW_CONNECTIONS '
    busy = int(jobs)
    try:
        with observations_locked(db_engine), admin.connect() as conn:
            process = start_import(db_url, folder, "--jobs", jobs)
            wait_for(lambda: len(waiting_pids(db_engine, "relation", "observations")) == busy, "importers")
            conn.execute(text(allow + "false"))
            for pid in waiting_pids(db_engine, "relation", "observations"):
                conn.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid})
            code, err = finish(process)
    finally:
        with admin.connect() as conn:
            conn.execute(text(allow + "true"))
        admin.dispose()
    assert code == 1
    assert "Traceback" not in err
    lines = err.splitlines()
    assert 1 <= len(lines) - 1 <= busy  # the file(s) being stored, then one line for the rest
    assert all("could not be stored" in line and "connection" in line for line in lines[:-1]), lines
    assert lines[-1] == (
        f"error: the database can no longer be reached; stopped with {files - len(lines) + 1} files "
        "not attempted (run the same command again to import them)"
    )


@pytest.mark.parametrize("target", ["stopped-server", "closed-port"])
def test_no_server_is_one_line_without_the_password(tmp_path: Path, target: str) -> None:
    (tmp_path / "doc.txt").write_bytes((FIXTURES / FIRST).read_bytes())
    url = {
        "stopped-server": f"postgresql://govperf:Secr3tPw@/govperf?host={tmp_path}",  # no socket there
        "closed-port": "postgresql://govperf:Secr3tPw@127.0.0.1:9/govperf",
    }[target]
    result = CliRunner(env={"GOVPERF_DATABASE_URL": url}).invoke(cli, ["import", "--silent", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: database error: connection")
    assert result.stderr.count("\n") == 1
    assert ("Secr3tPw" not in result.stderr and result.exception is None) or isinstance(
        result.exception, SystemExit
    )


def test_copies_in_the_folder_are_distinct_documents(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    names = sorted(p.name for p in folder.iterdir())
    assert names[0] == f"0a_{FIRST}" and len(names) == COPIES * len(list(FIXTURES.glob("*.txt")))
    assert len({(folder / n).read_bytes() for n in names}) == len(names)
