"""``govperf targets``: targets against actuals, or beside the parent's and the nation's — thin over
govperf.query.targets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from govperf.cli.options import Settings, database_option, pass_settings, safe_text
from govperf.cli.output import chosen_format, emit, format_options
from govperf.data.vocab import MEASURES
from govperf.query import lookup
from govperf.query import targets as library
from govperf.query.targets import LEVELS, mark, signed, target_text


@click.command("targets")
@click.argument("metric")
@click.option("--year", type=int, help="Year of the targets (default: the latest that can be judged).")
@click.option("--level", type=click.Choice(LEVELS), help="Only regions of this level.")
@click.option("--measure", type=click.Choice(MEASURES), help="Only this measure (default: all).")
@click.option("--cascade", is_flag=True, help="Each target beside the parent's and the nation's.")
@format_options
@click.option(
    "--png",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Also draw target against actual (or against the parent and nation) per region into FILE.",
)
@database_option
@pass_settings
def targets_command(
    settings: Settings,
    metric: str,
    year: int | None,
    level: str | None,
    measure: str | None,
    cascade: bool,
    fmt: str | None,
    png: Path | None,
) -> None:
    """Did the regions meet their targets of METRIC (a code, Chinese name or alias)?

    Reads v_target_attainment: each region's target of the year beside the year's actual
    (✓ met, ✗ missed, … no actual yet) and the gap (positive = better than the target).  With
    --cascade, v_target_cascade: each target beside the nearest higher government's and the
    nation's, with the excess (positive = more ambitious).  The rules are in docs/analysts.md.

    \b
    Example:
        govperf targets gdp --year 2025 --level province
        govperf targets 地区生产总值 --year 2026 --cascade --measure change_pct
        govperf targets gdp --year 2025 --csv > gdp_2025.csv
    """
    with settings.engine().connect() as conn:
        found = lookup.resolve_metric(conn, metric)
        result = library.targets(conn, found, year, level, measure, cascade=cascade)
    if not result.rows:
        where = f" at level {level}" if level else ""
        raise click.ClickException(f"no region{where} sets a target for {found.code} in {result.year}")
    if chosen_format(fmt) != "table":
        emit(result.rows, result.columns, fmt)
    else:
        _console().print(_cascade_table(result) if cascade else _attainment_table(result))
    if png is not None:
        from govperf.query.targets_plot import draw

        draw(result, png)
        click.echo(f"wrote {png}", err=True)


def _console() -> Console:
    return Console(highlight=False, width=max(120, Console().width), soft_wrap=False)


def _title(result: library.Targets, what: str) -> str:
    metric = result.metric
    return f"{metric.name} ({metric.code}) {result.year} · {what}"


def _attainment_table(result: library.Targets) -> Table:
    table = Table(title=_title(result, "target against actual"), title_justify="left")
    for header, justify in _ATTAINMENT_HEADERS:
        table.add_column(header, justify=justify, no_wrap=header == "region")  # type: ignore[arg-type]
    for row in result.rows:
        actual = library.plain(row["actual_value"])
        if row["actual_kind"] == "estimate":
            actual += " (预计)"
        table.add_row(
            f"{row['region_name']} {row['region_code']}",
            _measure(row),
            safe_text(row["unit"]),
            target_text(row["target_comparator"], row["target_value"], row["target_value_max"]),
            actual,
            mark(row),
            signed(row["gap"]),
        )
    table.caption = "gap: actual − target, positive = better than the target"
    return table


_ATTAINMENT_HEADERS = (
    ("region", "left"),
    ("measure", "left"),
    ("unit", "left"),
    ("target", "right"),
    ("actual", "right"),
    ("", "left"),
    ("gap", "right"),
)


def _cascade_table(result: library.Targets) -> Table:
    table = Table(title=_title(result, "targets across levels"), title_justify="left")
    for header, justify in _CASCADE_HEADERS:
        table.add_column(header, justify=justify, no_wrap=header == "region")  # type: ignore[arg-type]
    for row in result.rows:
        table.add_row(
            f"{row['region_name']} {row['region_code']}",
            row["region_level"],
            _measure(row),
            target_text(row["target_comparator"], row["target_value"], row["target_value_max"]),
            safe_text(row["parent_name"]),
            target_text(
                row["parent_target_comparator"], row["parent_target_value"], row["parent_target_value_max"]
            ),
            signed(row["excess_over_parent"]),
            target_text(
                row["national_target_comparator"],
                row["national_target_value"],
                row["national_target_value_max"],
            ),
            signed(row["excess_over_national"]),
        )
    table.caption = "excess: positive = a more ambitious target (a range counts by its ambitious end)"
    return table


_CASCADE_HEADERS = (
    ("region", "left"),
    ("level", "left"),
    ("measure", "left"),
    ("target", "right"),
    ("parent", "left"),
    ("parent's", "right"),
    ("excess", "right"),
    ("nation's", "right"),
    ("excess", "right"),
)


def _measure(row: dict[str, Any]) -> str:
    return row["measure"] if row["breakdown"] == "total" else f"{row['measure']} {row['breakdown']}"
