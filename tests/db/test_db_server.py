"""Issue 13: ``govperf db start|stop|status|shell|url`` keep one embedded server running for psql
and BI tools, and every command reuses it.  Real servers in temporary data directories, driven
through the real command line (a kept server outlives the process that started it)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from govperf.db import embedded, quick, schema
from govperf.db import server as kept

HOLD = (  # a command attached through pgserver (the path of a server not kept): until stdin closes
    "import sys; from govperf.db import config, embedded; "
    "embedded.embedded_url(config.data_dir()); sys.stdin.read()"
)


def env_for(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GOVPERF_", "PG"))}
    env.update(GOVPERF_DATA_DIR=str(data_dir), CI="true")
    return env


def govperf(data_dir: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "govperf", *args],
        env=env_for(data_dir),
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        timeout=180,
    )


def status_fields(data_dir: Path) -> tuple[int, dict[str, str]]:
    result = govperf(data_dir, "db", "status")
    fields = dict(line.split(":", 1) for line in result.stdout.splitlines() if ":" in line)
    return result.returncode, {key.strip(): value.strip() for key, value in fields.items()}


@pytest.fixture
def data_dir() -> Iterator[Path]:
    """A data directory outside pytest's tmp_path: run as root, the server runs as pgserver's own
    account, and a concurrent pytest session makes /tmp/pytest-of-root private again."""
    root = Path(tempfile.mkdtemp(prefix="govperf-server-"))
    root.chmod(0o755)
    path = root / "data"
    try:
        yield path
    finally:  # never leave a server behind, whatever the test did
        running = kept.read_postmaster(path / kept.PGDATA)
        if running is not None:
            (path / kept.MARKER).unlink(missing_ok=True)
            embedded.halt(path / kept.PGDATA)
        shutil.rmtree(root, ignore_errors=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_start_reuse_shell_url_stop(data_dir: Path) -> None:
    started = govperf(data_dir, "db", "start")
    assert started.returncode == 0, started.stderr
    assert "govperf db stop" in started.stdout

    code, fields = status_fields(data_dir)
    assert (code, fields["state"]) == (0, "running (kept by govperf db start)")
    pid = int(fields["pid"])
    assert fields["data dir"] == str(data_dir)
    assert fields["version"].startswith(f"PostgreSQL {embedded.POSTGRES_MAJOR}.")

    listed = govperf(data_dir, "documents", "--table")  # a second command: uses the running server, leaves it
    assert listed.returncode == 0, listed.stderr
    assert "No documents loaded" in listed.stdout
    assert status_fields(data_dir)[1]["pid"] == str(pid)

    python_shell = govperf(data_dir, "db", "shell", "--python", stdin="select 1 as answer;\n")
    assert python_shell.returncode == 0, python_shell.stderr
    assert python_shell.stdout.split() == ["answer", "------", "1", "(1", "row)"]

    url = govperf(data_dir, "db", "url")
    assert url.returncode == 0 and url.stderr == "", url.stderr  # no "stops when govperf exits" note
    psql = shutil.which("psql") or str(embedded.bin_path() / "psql")
    direct = subprocess.run(
        [psql, "-X", "-A", "-t", url.stdout.strip(), "-c", "select 1"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (direct.returncode, direct.stdout.strip()) == (0, "1"), direct.stderr
    via_shell = govperf(data_dir, "db", "shell", stdin="select 40 + 2;\n")
    assert via_shell.returncode == 0 and "42" in via_shell.stdout, via_shell.stderr
    assert status_fields(data_dir)[1]["pid"] == str(pid)

    stopped = govperf(data_dir, "db", "stop")
    assert (stopped.returncode, stopped.stdout.strip()) == (0, "embedded PostgreSQL stopped")
    code, fields = status_fields(data_dir)
    assert (code, fields["state"]) == (3, "stopped")  # 3: not running, as pg_ctl status says
    assert kept.read_postmaster(data_dir / kept.PGDATA) is None


def test_tcp_port_takes_reader_passwords_only(data_dir: Path) -> None:
    port = free_port()
    started = govperf(data_dir, "db", "start", "--port", str(port))
    assert started.returncode == 0, started.stderr
    env_password = {"GOVPERF_READER_PASSWORD": "reader-pw-13"}
    granted = subprocess.run(
        [sys.executable, "-m", "govperf", "grant-reader", "bi_reader"],
        env={**env_for(data_dir), **env_password},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert granted.returncode == 0, granted.stderr
    assert f"Port:                     {port}" in granted.stdout

    tcp = f"host=127.0.0.1 port={port} dbname=govperf connect_timeout=10"
    with psycopg.connect(f"{tcp} user=bi_reader password=reader-pw-13") as conn:
        assert conn.execute("SELECT count(*) FROM v_documents").fetchone() == (0,)
    for user, password in [("postgres", None), ("postgres", "anything"), ("bi_reader", "wrong")]:
        with pytest.raises(psycopg.OperationalError):
            psycopg.connect(f"{tcp} user={user}" + (f" password={password}" if password else ""))

    other = govperf(data_dir, "db", "start", "--port", str(free_port()))
    assert other.returncode == 1
    assert f"already running on port {port}; stop it first" in other.stderr
    assert govperf(data_dir, "db", "stop").returncode == 0


def test_a_command_attached_through_pgserver_leaves_a_kept_server_running(data_dir: Path) -> None:
    assert govperf(data_dir, "db", "start").returncode == 0
    pid = kept.status(data_dir).postmaster
    holder = subprocess.run(
        [sys.executable, "-c", HOLD],
        env=env_for(data_dir),
        input="",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert holder.returncode == 0, holder.stderr
    assert kept.status(data_dir).postmaster == pid  # the same server, still running and kept
    assert kept.status(data_dir).kept


def test_stop_while_a_command_uses_it_leaves_the_stop_to_that_command(data_dir: Path) -> None:
    assert govperf(data_dir, "db", "start").returncode == 0
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD + "; print('done')"],
        env=env_for(data_dir),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while holder.pid not in kept.status(data_dir).users and time.monotonic() < deadline:
            time.sleep(0.2)
        stopped = govperf(data_dir, "db", "stop")
        assert stopped.returncode == 0, stopped.stderr
        assert f"(pid {holder.pid})" in stopped.stdout
        assert kept.status(data_dir).running and not kept.status(data_dir).kept
    finally:
        holder.communicate("", timeout=120)
    assert kept.read_postmaster(data_dir / kept.PGDATA) is None  # the last user stopped it


def test_status_of_a_data_directory_without_a_server(data_dir: Path) -> None:
    code, fields = status_fields(data_dir)
    assert (code, fields["state"], fields["version"]) == (3, "stopped", "no data directory yet")


def test_db_url_says_when_the_server_is_not_kept(data_dir: Path) -> None:
    url = govperf(data_dir, "db", "url")
    assert url.returncode == 0, url.stderr
    assert url.stdout.startswith("postgresql://postgres@/govperf?host=")
    assert "run govperf db start to keep it running" in url.stderr
    assert kept.read_postmaster(data_dir / kept.PGDATA) is None  # stopped again when govperf exited


QUICK_LIST = (  # `govperf ARGS…` in-process, then whether SQLAlchemy was imported
    "import sys; from govperf.cli.group import cli; "
    "cli.main(sys.argv[1:], prog_name='govperf', standalone_mode=False); "
    "print('sqlalchemy imported' if 'sqlalchemy' in sys.modules else 'no sqlalchemy', file=sys.stderr)"
)
LISTINGS = (["documents", "--json"], ["metrics", "--json"], ["unmapped", "--json", "--limit", "5"])
HAIDIAN = Path(__file__).resolve().parents[1] / "fixtures" / "documents" / "haidian_2019_self_report.txt"


def test_listings_on_a_kept_server_read_without_sqlalchemy_and_list_the_same(data_dir: Path) -> None:
    """documents, metrics and unmapped on a kept server: no SQLAlchemy, the rows of the usual path."""
    assert govperf(data_dir, "db", "start").returncode == 0
    try:
        imported = govperf(data_dir, "import", str(HAIDIAN))
        assert imported.returncode == 0, imported.stderr
        env = env_for(data_dir)
        url = govperf(data_dir, "db", "url").stdout.strip()
        found = {}
        for args in LISTINGS:
            listed = subprocess.run(
                [sys.executable, "-c", QUICK_LIST, *args], env=env, capture_output=True, text=True
            )
            assert listed.returncode == 0, listed.stderr
            assert listed.stderr.strip().endswith("no sqlalchemy"), args
            usual = govperf(data_dir, "--database-url", url, *args)  # the SQLAlchemy path
            assert usual.returncode == 0, usual.stderr
            rows = json.loads(listed.stdout)
            assert rows == json.loads(usual.stdout), args
            found[args[0]] = rows
        assert [(r["district_code"], r["year"]) for r in found["documents"]] == [("110108", 2019)]
        assert any(r["code"] == "pm25_concentration" and r["observations"] == 2 for r in found["metrics"])
        assert 0 < len(found["unmapped"]) <= 5
    finally:
        govperf(data_dir, "db", "stop")


def test_a_database_behind_the_packaged_one_takes_the_usual_path(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A kept server whose database is not at the packaged head: the quick read declines."""
    monkeypatch.delenv("GOVPERF_DATABASE_URL", raising=False)
    monkeypatch.setenv("GOVPERF_DATA_DIR", str(data_dir))
    assert quick.read(None, "SELECT 1 AS one") is None  # no kept server yet
    assert govperf(data_dir, "db", "start").returncode == 0
    try:
        assert quick.read(None, "SELECT 1 AS one") == [{"one": 1}]
        assert quick.read("postgresql://u@h/db", "SELECT 1 AS one") is None  # a URL given: usual path
        conninfo = quick.kept_conninfo(None)
        assert conninfo is not None
        with psycopg.connect(conninfo, autocommit=True, options=schema.SEARCH_PATH_OPTION) as conn:
            conn.execute("UPDATE reference_version SET fingerprint = 'older'")
        assert quick.read(None, "SELECT 1 AS one") is None
    finally:
        govperf(data_dir, "db", "stop")
