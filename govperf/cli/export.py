"""``govperf export``: a public view as CSV, JSON Lines or Parquet, thin over govperf.query.export."""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

import click

from govperf.cli.options import Settings, database_option, pass_settings
from govperf.db.views import VIEWS
from govperf.errors import printable
from govperf.query import export


@click.command("export")
@click.argument("view", type=click.Choice(VIEWS))
@click.option("--format", "fmt", type=click.Choice(export.FORMATS), default="csv", show_default=True)
@click.option(
    "--where",
    "where",
    multiple=True,
    metavar="COLUMN=VALUE",
    help="Keep rows where COLUMN equals VALUE (repeatable).",
)
@click.option("--output", "-o", type=click.Path(), help="File to write (default: stdout).")
@click.option("--bom", is_flag=True, help="Start CSV with a UTF-8 byte-order mark (for Excel).")
@database_option
@pass_settings
def export_command(
    settings: Settings, view: str, fmt: str, where: tuple[str, ...], output: str | None, bom: bool
) -> None:
    """Export a public VIEW as CSV, JSON Lines or Parquet.

    Filters compare a column's text with VALUE (year=2019, district_name=海淀区); VALUE is never
    part of the SQL.  Parquet needs pyarrow and --output.

    \b
    Example:
        govperf export v_metric_comparison --where metric_code=pm25_concentration --where year=2019
        govperf export v_task_completion --format csv --bom -o completion.csv
        govperf export v_observations --format jsonl -o observations.jsonl
    """
    filters = export.parse_filters(where)
    if fmt == "parquet" and output is None:
        raise click.UsageError("--format parquet needs --output FILE")
    with settings.engine().connect() as conn:
        columns, data = export.rows(conn, view, filters)
        with export.output_errors(output), _stdout_released(output):
            if fmt == "parquet":
                assert output is not None
                count = export.write_parquet(output, columns, data)
            else:
                with _text_output(output) as out:
                    count = _write_text(out, fmt, columns, data, bom)
    if output is not None:
        click.echo(f"{count} rows of {view} written to {printable(output)}", err=True)


@contextmanager
def _stdout_released(output: str | None) -> Iterator[None]:
    """When writing stdout fails (a full disk, a closed pipe), point it at /dev/null so the
    interpreter's final flush does not fail again with a second message."""
    try:
        yield
    except OSError:
        if output is None:
            with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise


def _write_text(out: IO[str], fmt: str, columns: list[str], data: Iterator[Any], bom: bool) -> int:
    if fmt == "csv":
        return export.write_csv(out, columns, data, bom=bom)
    return export.write_jsonl(out, columns, data)


@contextmanager
def _text_output(path: str | None) -> Iterator[IO[str]]:
    """The output file, or stdout (flushed here, so a write error shows inside output_errors)."""
    if path is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    with open(path, "w", encoding="utf-8", newline="") as handle:
        yield handle
