"""The CLI frame, through click's CliRunner: help, db commands, documents, one-line errors."""

from __future__ import annotations

import hashlib
import uuid

import click
import pytest
from click.testing import CliRunner, Result
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, Engine
from sqlalchemy.exc import ProgrammingError

from govperf.cli import cli
from govperf.db import migrate
from govperf.db.config import libpq_url


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def all_commands(group: click.Group = cli, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [prefix]
    ctx = click.Context(group)  # the top-level group loads its commands on demand
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if isinstance(command, click.Group):
            found += all_commands(command, (*prefix, name))
        else:
            found.append((*prefix, name))
    return found


@pytest.mark.parametrize("path", all_commands(), ids=lambda p: " ".join(p) or "govperf")
def test_every_command_has_help_ending_with_an_example(path: tuple[str, ...]) -> None:
    result = invoke(*path, "-h")
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert result.output.rstrip().splitlines()[-1].strip() != "Example:"
    assert result.output == invoke(*path, "--help").output


def test_db_and_documents_are_commands() -> None:
    assert {
        ("db", "upgrade"),
        ("db", "downgrade"),
        ("db", "current"),
        ("db", "url"),
        ("documents",),
        ("documents", "remove"),
    } <= set(all_commands())


def plain(url: URL) -> str:
    return libpq_url(url, show_password=True)


def test_documents_says_when_nothing_is_loaded(db_url: URL) -> None:
    result = invoke("--database-url", plain(db_url), "documents", "--table")
    assert result.exit_code == 0
    assert result.output.startswith("No documents loaded")
    assert invoke("--database-url", plain(db_url), "documents").output == "[]\n"  # JSON when piped


def test_documents_lists_a_loaded_document(db_url: URL, db_engine: Engine) -> None:
    with db_engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO documents (source_sha256, source_name, genre, region_code, year, original_text) "
                "VALUES (:sha, '通州区2018年绩效自查报告.txt', 'perf_self_report', '110112', 2018, '…')"
            ),
            {"sha": hashlib.sha256(b"x").hexdigest()},
        )
    result = invoke("documents", "--table", "--database-url", plain(db_url))
    assert result.exit_code == 0
    _top, header, _rule, row, _bottom = result.output.splitlines()
    assert header.split()[:6] == ["┃", "id", "┃", "code", "┃", "region"]
    assert row.split()[3:8] == ["110112", "│", "通州区", "│", "2018"]
    assert "通州区2018年绩效自查报告.txt" in row


def test_db_current_and_round_trip(db_url: URL) -> None:
    url = plain(db_url)
    assert invoke("--database-url", url, "db", "current").output == f"{migrate.head()} (up to date)\n"
    assert invoke("--database-url", url, "db", "downgrade", "base").output == "database at revision base\n"
    assert "run: govperf db upgrade" in invoke("--database-url", url, "db", "current").output
    assert invoke("--database-url", url, "db", "upgrade").output == f"database at revision {migrate.head()}\n"


def test_unmigrated_database_is_one_line_with_a_hint(db_url: URL) -> None:
    migrate.downgrade(db_url, "base")
    result = CliRunner().invoke(cli, ["--database-url", plain(db_url), "documents"])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1
    assert "v_documents" in result.output and "govperf db upgrade" in result.output


def test_db_url_masks_the_password_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVPERF_DATABASE_URL", "postgresql+psycopg://gp:s3cret@db.example:5432/govperf")
    assert invoke("db", "url").output == "postgresql://gp:***@db.example:5432/govperf\n"
    assert invoke("db", "url", "--show-password").output == "postgresql://gp:s3cret@db.example:5432/govperf\n"


@pytest.mark.parametrize(
    "url, message",
    [
        ("sqlite:///x.db", "Error: govperf needs PostgreSQL, not 'sqlite'"),
        ("postgresql://u:pw@127.0.0.1:1/none", "Error: database error: connection failed"),
    ],
)
def test_errors_are_one_line_without_traceback(url: str, message: str) -> None:
    result = CliRunner().invoke(cli, ["--database-url", url, "documents"])
    assert result.exit_code == 1
    assert result.output.startswith(message)
    assert result.output.count("\n") == 1
    assert "Traceback" not in result.output
    assert "pw@" not in result.output


def test_unknown_command_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["frobnicate"])
    assert result.exit_code == 2
    assert "No such command 'frobnicate'" in result.output


def test_grant_reader_makes_a_read_only_login(db_url: URL, db_engine: Engine) -> None:
    name = f"bi_{uuid.uuid4().hex[:8]}"
    try:
        result = invoke("--database-url", plain(db_url), "grant-reader", name, "--password", "pw%1")
        assert result.output == f"created login {name} in role govperf_reader\n"
        again = invoke("--database-url", plain(db_url), "grant-reader", name)
        assert again.output == f"updated login {name} in role govperf_reader\n"
        login = create_engine(db_url.set(username=name, password="pw%1"))
        with login.connect() as conn:
            assert conn.scalar(text("SELECT count(*) FROM v_documents")) == 0
            with pytest.raises(ProgrammingError, match="permission denied"):
                conn.execute(text("DELETE FROM metrics"))
        login.dispose()
    finally:
        with db_engine.begin() as conn:
            conn.execute(text(f'DROP ROLE IF EXISTS "{name}"'))
