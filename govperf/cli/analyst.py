"""Analyst commands — compare, series — thin over govperf.query; they print
through govperf.cli.output (``--table``, ``--json``, ``--csv``)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import click

from govperf.cli.options import Settings, database_option, pass_settings
from govperf.cli.output import Column, emit, format_options, text
from govperf.data.vocab import KINDS, MEASURES
from govperf.query import comparison, lookup, plot_png
from govperf.query.plot import render_text, series_chart
from govperf.query.targets import signed


@click.command("compare")
@click.argument("metric")
@click.option(
    "--year",
    type=int,
    help="Year the values refer to (default: the latest year in which the most regions report an "
    "annual figure).",
)
@click.option("--measure", type=click.Choice(MEASURES), default="level", show_default=True)
@click.option("--kind", type=click.Choice(KINDS), default="actual", show_default=True)
@format_options
@database_option
@pass_settings
def compare_command(
    settings: Settings, metric: str, year: int | None, measure: str, kind: str, fmt: str | None
) -> None:
    """Compare the districts on METRIC (a code, Chinese name or alias) in one year.

    Reads v_metric_comparison: each district's chosen value in the metric's canonical unit,
    its rank by the metric's better direction (1 = best; ties share a rank), the gap to the
    median district; ★ marks the best and ▼ the worst.  Without --year, the latest year in
    which the most regions report a whole-year figure (a year with only a 上半年 value or two
    does not win).  When nothing matches, the error says which measures, kinds and years have
    values.

    \b
    Example:
        govperf compare pm25_concentration --year 2019
        govperf compare 一般公共预算收入 --measure change_pct
        govperf compare gdp --measure change_pct --kind target --csv > targets.csv
    """
    with settings.engine().connect() as conn:
        found = lookup.resolve_metric(conn, metric)
        result = comparison.compare(conn, found, year, measure, kind)
    rows = _comparison_rows(result)
    direction = {"higher": "higher is better", "lower": "lower is better"}.get(found.better or "", "")
    title = f"{found.name} ({found.code}) {result.year} · {measure} · {kind}  {direction}".rstrip()
    caption = _comparison_caption(rows)
    if year is None:
        caption += f"; {result.year}: the latest year with the most regions reporting (--year to choose)"
    emit(rows, _comparison_columns(result, rows), fmt, title=title, caption=caption)


def _comparison_rows(result: comparison.Comparison) -> list[dict[str, Any]]:
    """The rows with what the table's title says (metric, year, measure, kind) and a mark: the
    best and the worst of each group ranked together (one region level, one breakdown)."""
    groups: dict[tuple[str, str], list[int]] = {}
    for row in result.rows:
        if row["rank_in_year"] is not None:
            groups.setdefault(_group(row), []).append(row["rank_in_year"])
    rows = []
    for row in result.rows:
        rank, ranks = row["rank_in_year"], groups.get(_group(row), [])
        mark = "best" if rank is not None and rank == min(ranks) else None
        mark = "worst" if rank is not None and rank == max(ranks) != min(ranks) else mark
        rows.append(
            {
                "metric_code": result.metric.code,
                "year": result.year,
                "measure": result.measure,
                "kind": result.kind,
                **row,
                "unit": row["value_unit"],
                "mark": mark,
            }
        )
    return rows


def _group(row: dict[str, Any]) -> tuple[str, str]:
    return row["region_level"], row["breakdown"]


def _comparison_caption(rows: list[dict[str, Any]]) -> str:
    """How many regions report (in each group ranked together, when there are several)."""
    counts = {_group(r): r["districts_reporting"] for r in rows}
    if len(counts) == 1:
        reporting = rows[0]["districts_reporting"]
        districts = "district" if reporting == 1 else "districts"
        return f"{reporting} {districts} reporting; median {text(rows[0]['median_value'])}"
    groups = ", ".join(f"{n} {level} {breakdown}" for (level, breakdown), n in counts.items())
    return f"ranked within each region level and breakdown: {groups}"


def _comparison_columns(result: comparison.Comparison, rows: list[dict[str, Any]]) -> list[Column]:
    """The rank, region, value, gap and mark in the table; everything in JSON and CSV."""
    breakdowns = {r["breakdown"] for r in rows} != {"total"}
    levels = len({r["region_level"] for r in rows}) > 1
    return [
        Column("metric_code", in_table=False),
        Column("year", in_table=False),
        Column("measure", in_table=False),
        Column("kind", in_table=False),
        Column("region_level", "level", in_table=levels),
        Column("breakdown", in_table=breakdowns),
        Column("rank_in_year", "rank", right=True),
        Column("district_name", "region", wrap=True),
        Column("district_code", "code"),
        Column("value", f"value ({result.unit})", right=True),
        Column("unit", in_table=False),
        Column("gap_to_median", "vs median", right=True, show=signed),
        Column("period_label", "period", wrap=True),
        Column("mark", show=lambda m: {"best": "★ best", "worst": "▼ worst"}.get(m or "", "")),
        Column("districts_reporting", in_table=False),
        Column("median_value", in_table=False),
        Column("gap_to_best", in_table=False),
        Column("is_annual", in_table=False),
        Column("comparator", in_table=False),
        Column("observation_id", in_table=False),
    ]


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
@format_options
@database_option
@pass_settings
def series_command(
    settings: Settings,
    metric: str,
    district: str,
    measure: str | None,
    plot: bool,
    png: Path | None,
    fmt: str | None,
) -> None:
    """A district's values of METRIC over the years: actual, estimate and target side by side.

    \b
    Example:
        govperf series general_budget_revenue --district 海淀区
        govperf series pm25_concentration --district 110112 --measure level --json
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
    rows = [{"metric_code": found.code, "district_code": code, "district_name": name, **r} for r in rows]
    columns = [
        Column("metric_code", in_table=False),
        Column("district_code", in_table=False),
        Column("district_name", in_table=False),
        Column("year", right=True),
        Column("measure"),
        Column("unit"),
        *(Column(kind, right=True) for kind in KINDS),
        Column("periods", wrap=True),
    ]
    emit(rows, columns, fmt, title=title)
