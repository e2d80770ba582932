"""``govperf alias add|apply``: user aliases of metrics, thin over govperf.query.aliases."""

from __future__ import annotations

import click

from govperf.cli.options import Settings, database_option, pass_settings
from govperf.errors import printable
from govperf.query import aliases, lookup


@click.group("alias")
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
        found = lookup.resolve_metric(conn, metric)
        result = aliases.add_alias(conn, label, found)
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
        moved = aliases.apply_user_aliases(conn)
    click.echo(f"{moved} observations re-mapped")
