"""Analyst commands — compare, series, metrics, unmapped — thin over govperf.query."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from govperf.cli.options import Settings, database_option, pass_settings, safe_text
from govperf.data.vocab import KINDS, MEASURES
from govperf.query import comparison, lookup, plot_png
from govperf.query.comparison import plain
from govperf.query.plot import render_text, series_chart


def _console() -> Console:
    return Console(highlight=False, width=max(100, Console().width), soft_wrap=False)


def _table(title: str | None, columns: Sequence[tuple[str, str]]) -> Table:
    """A rich table; each column given as (header, justify)."""
    table = Table(title=title, title_justify="left")
    for header, justify in columns:
        table.add_column(header, justify=justify)  # type: ignore[arg-type]
    return table


@click.command("compare")
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
        found = lookup.resolve_metric(conn, metric)
        result = comparison.compare(conn, found, year, measure, kind)
    if not result.rows:
        raise click.ClickException(
            f"no district reports {found.code} ({measure}, {kind}) for {result.year}; try another --year"
        )
    _console().print(_comparison_table(result))


def _comparison_table(result: comparison.Comparison) -> Table:
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


@click.command("series")
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
@click.option("--plot", is_flag=True, help="Draw the series as a chart in the terminal instead of a table.")
@click.option(
    "--png",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Also write the chart to this PNG file (needs: pip install 'govperf[plot]').",
)
@database_option
@pass_settings
def series_command(
    settings: Settings, metric: str, district: str, measure: str | None, plot: bool, png: Path | None
) -> None:
    """A district's values of METRIC over the years: actual, estimate and target side by side.

    \b
    Example:
        govperf series general_budget_revenue --district 海淀区
        govperf series pm25_concentration --district 110112 --measure level
        govperf series pm25_concentration --district 密云 --plot --png pm25.png
    """
    with settings.engine().connect() as conn:
        found = lookup.resolve_metric(conn, metric)
        code, name = lookup.resolve_region(conn, district)
        rows = comparison.series(conn, found, code, measure)
    if not rows:
        raise click.ClickException(f"{name} has no values of {found.code}")
    title = f"{found.name} ({found.code}) · {name} {code}"
    if plot or png:
        chart = series_chart(title, rows)
        if png:
            width, height = plot_png.write_png(chart, png)
            click.echo(f"wrote {png} ({width}×{height} px)", err=True)
        if plot:
            click.echo(render_text(chart, width=min(shutil.get_terminal_size().columns, 100)), nl=False)
            return
    columns = [("year", "right"), ("measure", "left"), ("unit", "left")]
    table = _table(title, columns)
    for kind in ("actual", "estimate", "target"):
        table.add_column(kind, justify="right")
    table.add_column("periods")
    for row in rows:
        values = [plain(row[k]) for k in ("actual", "estimate", "target")]
        table.add_row(
            str(row["year"]), row["measure"], safe_text(row["unit"]), *values, safe_text(row["periods"])
        )
    _console().print(table)


@click.command("metrics")
@database_option
@pass_settings
def metrics_command(settings: Settings) -> None:
    """The metric dictionary: code, name, canonical unit, better direction, aliases, observations.

    \b
    Example:
        govperf metrics
    """
    with settings.engine().connect() as conn:
        rows = lookup.metric_dictionary(conn)
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


@click.command("unmapped")
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
        rows = lookup.unmapped_labels(conn, limit)
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
