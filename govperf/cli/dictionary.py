"""The dictionary commands — metrics, unmapped — thin over govperf.query.dictionary; on a server
kept by ``govperf db start`` they read without importing SQLAlchemy (as ``govperf documents``)."""

from __future__ import annotations

import click

from govperf.cli.options import Settings, database_option, pass_settings
from govperf.cli.output import Column, emit, format_options
from govperf.query import dictionary


@click.command("metrics")
@format_options
@database_option
@pass_settings
def metrics_command(settings: Settings, fmt: str | None) -> None:
    """The metric dictionary: code, name, canonical unit, better direction, observations, aliases.

    \b
    Example:
        govperf metrics
        govperf metrics --json | jq '.[] | select(.observations > 0) | .code'
    """
    rows = dictionary.metric_dictionary_quick(settings.database_url)  # a kept server: no SQLAlchemy
    if rows is None:
        with settings.engine().connect() as conn:
            rows = dictionary.metric_dictionary(conn)
    columns = [
        Column("code"),
        Column("name", wrap=True),
        Column("unit"),
        Column("better"),
        Column("observations", right=True),
        Column("aliases", show=lambda aliases: "、".join(aliases or ()), wrap=True),
    ]
    emit(rows, columns, fmt)


@click.command("unmapped")
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True, help="Labels to show.")
@format_options
@database_option
@pass_settings
def unmapped_command(settings: Settings, limit: int, fmt: str | None) -> None:
    """Labels of observations that have no metric, most frequent first, with an example sentence.

    Map one with: govperf alias add LABEL METRIC.

    \b
    Example:
        govperf unmapped --limit 20
        govperf unmapped --csv > unmapped.csv
    """
    rows = dictionary.unmapped_labels_quick(settings.database_url, limit)
    if rows is None:
        with settings.engine().connect() as conn:
            rows = dictionary.unmapped_labels(conn, limit)
    columns = [
        Column("label", wrap=True),
        Column("observations", "count", right=True),
        Column("documents", right=True),
        Column("unit"),
        Column("example", show=lambda example: _shorten(example, 60), wrap=True),
    ]
    emit(rows, columns, fmt, empty="Every observation has a metric.")


def _shorten(value: str | None, width: int) -> str:
    value = " ".join((value or "").split())
    return value if len(value) <= width else value[: width - 1] + "…"
