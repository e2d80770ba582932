"""Hostile text is data: SQL fragments, quotes, placeholders, NUL bytes, bidi controls and
zero-width characters in a document (and in its file name) reach the database verbatim, and no
CLI option or argument is ever interpolated into SQL.

The CLI part is generic: it walks every command that exists and feeds each free-text parameter
hostile values, so a command added later is tested without editing this file.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
from sqlalchemy import inspect, text
from sqlalchemy.engine import URL, Engine

from govperf.cli import cli
from govperf.db.config import libpq_url
from govperf.db.views import READER_ROLE, VIEWS

FIXTURES = Path(__file__).parents[1] / "fixtures" / "documents"
BASE = (FIXTURES / "haidian_2019_self_report.txt").read_text(encoding="utf-8")
TITLE_TAIL = "'; DROP TABLE documents; --"
HOSTILE_LINE = (
    '其中\'; DROP TABLE observations; --"引号"\\ %s %(x)s :name $1 $$ 全区\u200b新增就业1.8万人,'
    "\u202b城镇\x00登记失业率1.2%\u202c。"
)
HOSTILE_NAME = "report'; DROP TABLE documents;--\u202e.txt"


def invoke(db_url: URL, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--database-url", libpq_url(db_url, show_password=True), *args], input="")


def hostile_document(folder: Path) -> tuple[Path, str]:
    first, rest = BASE.split("\n", 1)
    content = f"{first}{TITLE_TAIL}\n{rest}\n{HOSTILE_LINE}\n"
    path = folder / HOSTILE_NAME
    path.write_text(content, encoding="utf-8")
    return path, content


def test_hostile_text_reaches_the_database_as_data(db_url: URL, db_engine: Engine, tmp_path: Path) -> None:
    path, content = hostile_document(tmp_path)
    result = invoke(db_url, "import", "--silent", str(path))
    assert result.exit_code == 0, result.stderr
    stored_text = content.replace("\x00", "\ufffd")  # PostgreSQL text holds no NUL; offsets kept
    with db_engine.connect() as conn:
        title, name = conn.execute(text("SELECT title, source_name FROM v_documents")).one()
        original = conn.scalar(text("SELECT original_text FROM documents"))
        rows = conn.execute(
            text("SELECT snippet, span_start, span_end, raw_value FROM v_observations WHERE snippet LIKE :p"),
            {"p": "%DROP TABLE observations%"},
        ).all()
        tables = set(inspect(conn).get_table_names())
    assert title.endswith(TITLE_TAIL) and name == HOSTILE_NAME
    assert original == stored_text
    hostile_sentence = HOSTILE_LINE.replace("\x00", "\ufffd").rstrip("\u202c。")
    assert {row.snippet for row in rows} == {hostile_sentence}
    markers = ("\u200b", "\u202b", "\ufffd", "$$", "%(x)s", ":name", "\\", "'", '"')
    assert [marker for marker in markers if marker not in rows[0].snippet] == []
    assert sorted(original[r.span_start : r.span_end] for r in rows) == ["1.2%", "1.8万人"]
    assert {"documents", "observations", "tasks"} <= tables


HOSTILE_VALUES = [
    "x'; DROP TABLE documents; --",
    "110108' OR '1'='1",
    '"; DROP VIEW v_documents; SELECT pg_sleep(30); --',
]
# Parameters that name no SQL value: the database URL, and paths the command opens.
NOT_SQL = {"database_url", "output", "file"}
BENIGN = {"metric": "gdp", "district": "海淀区", "label": "benign label", "view": "v_documents"}


def free_text_parameters(group: click.Group = cli, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    ctx = click.Context(group)  # the top-level group loads its commands on demand
    for name in sorted(group.list_commands(ctx)):
        command = group.get_command(ctx, name)
        assert command is not None
        if isinstance(command, click.Group):
            yield from free_text_parameters(command, (*prefix, name))
            continue
        for param in command.params:
            if param.name and param.name not in NOT_SQL and param.type is click.STRING:
                yield (*prefix, name, param.name)


def command_line(path: tuple[str, ...], target: str, value: str) -> list[str]:
    """``path`` invoked with ``target`` = value and benign values for its other required parameters."""
    command: click.Command = cli
    for name in path:
        assert isinstance(command, click.Group)
        found = command.get_command(click.Context(command), name)
        assert found is not None
        command = found
    arguments: list[str] = []
    options: list[str] = []
    for param in command.params:
        if param.name == target:
            given = value
        elif param.required and param.name in BENIGN:
            given = BENIGN[param.name]
        else:
            continue
        if isinstance(param, click.Argument):
            arguments.append(given)
        else:
            options += [param.opts[-1], given]
    return [*path, *options, "--", *arguments] if arguments else [*path, *options]


PARAMETERS = list(free_text_parameters())


def test_the_cli_has_the_free_text_parameters_this_file_expects() -> None:
    names = {path[-1] for path in PARAMETERS}
    assert {"district", "paths", "revision", "name", "metric"} <= names, names


def test_no_cli_parameter_is_interpolated_into_sql(db_url: URL, db_engine: Engine, tmp_path: Path) -> None:
    """Every free-text parameter of every command, with each hostile value (one database for all:
    a clone per parameter would cost a second each)."""
    path, _content = hostile_document(tmp_path)
    assert invoke(db_url, "import", "--silent", str(path)).exit_code == 0
    try:
        for *command, target in PARAMETERS:
            for value in HOSTILE_VALUES:
                case = (*command, target, value)
                result = invoke(db_url, *command_line(tuple(command), target, value))
                output = result.output + result.stderr
                assert result.exit_code in (0, 1, 2), (case, output, result.exception)
                assert result.exception is None or isinstance(result.exception, SystemExit), (case, output)
                assert "syntax error" not in output and "Traceback" not in output, (case, output)
                with db_engine.connect() as conn:
                    assert conn.scalar(text("SELECT count(*) FROM documents")) == 1, case
                    assert set(VIEWS) <= set(inspect(conn).get_view_names()), case
    finally:
        with db_engine.begin() as conn:  # grant-reader NAME makes server-wide roles
            for value in HOSTILE_VALUES:
                if conn.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": value}):
                    conn.exec_driver_sql('DROP ROLE "{}"'.format(value.replace('"', '""')))


def test_export_where_compares_a_value_and_rejects_an_unknown_column(
    db_url: URL, db_engine: Engine, tmp_path: Path
) -> None:
    if "export" not in cli.list_commands(click.Context(cli)):
        pytest.skip("no export command yet")
    path, _content = hostile_document(tmp_path)
    assert invoke(db_url, "import", "--silent", str(path)).exit_code == 0
    everything = invoke(db_url, "export", "v_documents", "--where", "district_code=110108")
    assert everything.exit_code == 0 and len(everything.output.splitlines()) == 2
    injected = invoke(db_url, "export", "v_documents", "--where", "district_code=110108' OR '1'='1")
    assert injected.exit_code == 0 and len(injected.output.splitlines()) <= 1  # header only, no row
    bad_column = invoke(db_url, "export", "v_documents", "--where", "1=1 OR district_code=110108")
    assert bad_column.exit_code == 1 and "has no column" in bad_column.output + bad_column.stderr
    title = invoke(
        db_url,
        "export",
        "v_documents",
        "--format",
        "jsonl",
        "--where",
        f"title={BASE.split()[0]}{TITLE_TAIL}",
    )
    assert (
        title.exit_code == 0 and len(title.output.splitlines()) == 1
    )  # the hostile title, matched as a value


def test_reader_role_sees_the_hostile_rows_only_through_views(
    db_url: URL, db_engine: Engine, tmp_path: Path
) -> None:
    path, _content = hostile_document(tmp_path)
    assert invoke(db_url, "import", "--silent", str(path)).exit_code == 0
    with db_engine.connect() as conn:
        conn.execute(text(f"SET ROLE {READER_ROLE}"))
        assert conn.scalar(text("SELECT count(*) FROM v_observations WHERE snippet LIKE '%DROP TABLE%'")) == 2
        conn.rollback()
