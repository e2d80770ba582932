"""Analyst commands — compare, series, metrics, unmapped, alias add, export — thin over
govperf.analysis and govperf.export.

Registered on the ``govperf`` group by govperf.cli (imported at the end of that module).
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import IO, Any

import click
from rich.console import Console
from rich.table import Table

from govperf import analysis, export
from govperf.analysis import KINDS, MEASURES, plain
from govperf.cli import Settings, cli, database_option, pass_settings, safe_text
from govperf.errors import printable
from govperf.views import VIEWS


def _console() -> Console:
    return Console(highlight=False, width=max(100, Console().width), soft_wrap=False)


def _table(title: str | None, columns: Sequence[tuple[str, str]]) -> Table:
    """A rich table; each column given as (header, justify)."""
    table = Table(title=title, title_justify="left")
    for header, justify in columns:
        table.add_column(header, justify=justify)  # type: ignore[arg-type]
    return table


@cli.command("compare")
@click.argument("metric")
@click.option("--year", type=int, help="Year the values refer to (default: the latest with data).")
@click.option("--measure", type=click.Choice(MEASURES), default="level", show_default=True)
@click.option("--kind", type=click.Choice(KINDS), default="actual", show_default=True)
@database_option
@pass_settings
def compare_command(settings: Settings, metric: str, year: int | None, measure: str, kind: str) -> None:
    """Compare the districts on METRIC (a code, Chinese name or alias) in one year.

    Reads v_metric_comparison: each district's chosen value in the metric's canonical unit,
    its rank by the metric's better direction (1 = best; ties share a rank), the gap to the
    median district; ★ marks the best and ▼ the worst.

    \b
    Example:
        govperf compare pm25_concentration --year 2019
        govperf compare 一般公共预算收入 --measure change_pct
    """
    with settings.engine().connect() as conn:
        found = analysis.resolve_metric(conn, metric)
        result = analysis.compare(conn, found, year, measure, kind)
    if not result.rows:
        raise click.ClickException(
            f"no district reports {found.code} ({measure}, {kind}) for {result.year}; try another --year"
        )
    _console().print(_comparison_table(result))


def _comparison_table(result: analysis.Comparison) -> Table:
    metric = result.metric
    direction = {"higher": "higher is better", "lower": "lower is better"}.get(metric.better or "", "")
    title = f"{metric.name} ({metric.code}) {result.year} · {result.measure} · {result.kind}"
    columns = [
        ("rank", "right"),
        ("district", "left"),
        (f"value ({result.unit})", "right"),
        ("vs median", "right"),
        ("period", "left"),
        ("", "left"),
    ]
    table = _table(f"{title}  {direction}".rstrip(), columns)
    ranks = [r["rank_in_year"] for r in result.rows if r["rank_in_year"] is not None]
    best, worst = (min(ranks), max(ranks)) if ranks else (None, None)
    for row in result.rows:
        rank = row["rank_in_year"]
        mark = "★ best" if rank is not None and rank == best else ""
        mark = "▼ worst" if rank is not None and rank == worst and worst != best else mark
        gap = row["gap_to_median"]
        table.add_row(
            plain(rank),
            f"{row['district_name']} {row['district_code']}",
            plain(row["value"]),
            ("+" if gap is not None and gap > 0 else "") + plain(gap),
            safe_text(row["period_label"]),
            mark,
        )
    reporting = result.rows[0]["districts_reporting"]
    districts = "district" if reporting == 1 else "districts"
    table.caption = f"{reporting} {districts} reporting; median {plain(result.rows[0]['median_value'])}"
    return table


@cli.command("series")
@click.argument("metric")
@click.option(
    "--district",
    required=True,
    help=(
        "District code or name (110112, 海淀区, 北京市通州区); "
        "a name several regions share needs its parent's name."
    ),
)
@click.option("--measure", type=click.Choice(MEASURES), help="Only this measure (default: all).")
@database_option
@pass_settings
def series_command(settings: Settings, metric: str, district: str, measure: str | None) -> None:
    """A district's values of METRIC over the years: actual, estimate and target side by side.

    \b
    Example:
        govperf series general_budget_revenue --district 海淀区
        govperf series pm25_concentration --district 110112 --measure level
    """
    with settings.engine().connect() as conn:
        found = analysis.resolve_metric(conn, metric)
        code, name = analysis.resolve_region(conn, district)
        rows = analysis.series(conn, found, code, measure)
    if not rows:
        raise click.ClickException(f"{name} has no values of {found.code}")
    columns = [("year", "right"), ("measure", "left"), ("unit", "left")]
    table = _table(f"{found.name} ({found.code}) · {name} {code}", columns)
    for kind in ("actual", "estimate", "target"):
        table.add_column(kind, justify="right")
    table.add_column("periods")
    for row in rows:
        values = [plain(row[k]) for k in ("actual", "estimate", "target")]
        table.add_row(
            str(row["year"]), row["measure"], safe_text(row["unit"]), *values, safe_text(row["periods"])
        )
    _console().print(table)


@cli.command("metrics")
@database_option
@pass_settings
def metrics_command(settings: Settings) -> None:
    """The metric dictionary: code, name, canonical unit, better direction, aliases, observations.

    \b
    Example:
        govperf metrics
    """
    with settings.engine().connect() as conn:
        rows = analysis.metric_dictionary(conn)
    table = Table()
    table.add_column("code", no_wrap=True, min_width=max((len(r["code"]) for r in rows), default=4))
    table.add_column("name", overflow="fold")
    table.add_column("unit", no_wrap=True)
    table.add_column("better", no_wrap=True)
    table.add_column("observations", justify="right")
    table.add_column("aliases", overflow="fold")
    for row in rows:
        table.add_row(
            row["code"],
            safe_text(row["name"]),
            row["unit"],
            row["better"] or "",
            str(row["observations"]),
            safe_text(row["aliases"]),
        )
    _console().print(table)


@cli.command("unmapped")
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True, help="Labels to show.")
@database_option
@pass_settings
def unmapped_command(settings: Settings, limit: int) -> None:
    """Labels of observations that have no metric, most frequent first, with an example sentence.

    Map one with: govperf alias add LABEL METRIC.

    \b
    Example:
        govperf unmapped --limit 20
    """
    with settings.engine().connect() as conn:
        rows = analysis.unmapped_labels(conn, limit)
    if not rows:
        click.echo("Every observation has a metric.")
        return
    table = _table(None, [("label", "left"), ("count", "right"), ("unit", "left"), ("example", "left")])
    for row in rows:
        table.add_row(
            safe_text(row["label"]),
            str(row["observations"]),
            safe_text(row["unit"]),
            safe_text(_shorten(row["example"], 60)),
        )
    _console().print(table)


def _shorten(value: str | None, width: int) -> str:
    value = " ".join((value or "").split())
    return value if len(value) <= width else value[: width - 1] + "…"


@cli.group("alias")
def alias_group() -> None:
    """Metric aliases: phrases that name a canonical metric.

    \b
    Example:
        govperf alias add 新增城乡就业 new_jobs
    """


@alias_group.command("add")
@click.argument("label")
@click.argument("metric")
@database_option
@pass_settings
def alias_add_command(settings: Settings, label: str, metric: str) -> None:
    """Add LABEL as an alias of METRIC and re-map the stored observations it names.

    An observation whose label contains LABEL moves to METRIC when LABEL is the most specific
    alias its label contains and no exclusion of METRIC applies; values are converted into
    METRIC's canonical unit.  Nothing is re-imported.

    \b
    Example:
        govperf alias add 新增城乡就业 new_jobs
    """
    with settings.engine().begin() as conn:
        found = analysis.resolve_metric(conn, metric)
        result = analysis.add_alias(conn, label, found)
    click.echo(
        f"alias {printable(result.alias)} → {found.code} ({found.name}); "
        f"{result.remapped} observations re-mapped"
    )
    if result.unconverted:
        click.echo(
            f"warning: {result.unconverted} of them are in a unit that cannot be converted to {found.unit}; "
            "they stay out of v_metric_series",
            err=True,
        )


@alias_group.command("apply")
@database_option
@pass_settings
def alias_apply_command(settings: Settings) -> None:
    """Re-map every stored observation by the aliases users added (e.g. after new imports).

    \b
    Example:
        govperf alias apply
    """
    with settings.engine().begin() as conn:
        moved = analysis.apply_user_aliases(conn)
    click.echo(f"{moved} observations re-mapped")


@cli.command("export")
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
