"""``govperf alias add|apply|list|remove``: user aliases of metrics, thin over govperf.query.aliases."""

from __future__ import annotations

import click

from govperf.cli.options import Group, Settings, database_option, pass_settings
from govperf.cli.output import Column, emit, format_options
from govperf.errors import printable
from govperf.query import aliases, lookup


@click.group("alias", cls=Group)
def alias_group() -> None:
    """Metric aliases: phrases that name a canonical metric.

    \b
    Example:
        govperf alias add 新增城乡就业 new_jobs
        govperf alias list
        govperf alias remove 新增城乡就业
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


@alias_group.command("list")
@format_options
@database_option
@pass_settings
def alias_list_command(settings: Settings, fmt: str | None) -> None:
    """The aliases users added, with their metric and how many observations each maps (those of
    its metric whose label contains it).  The builtin aliases are in: govperf metrics.

    \b
    Example:
        govperf alias list
        govperf alias list --json
    """
    with settings.engine().connect() as conn:
        rows = aliases.list_aliases(conn)
    columns = [
        Column("alias", wrap=True),
        Column("metric_code", "metric"),
        Column("metric_name", "name", wrap=True),
        Column("observations", right=True),
    ]
    emit(rows, columns, fmt, empty="No user aliases (add one with: govperf alias add LABEL METRIC)")


@alias_group.command("remove")
@click.argument("label")
@database_option
@pass_settings
def alias_remove_command(settings: Settings, label: str) -> None:
    """Remove the user alias LABEL and re-map the observations it mapped.

    Each goes back to the metric the aliases left choose (the builtin ones of metrics.yaml and
    other user aliases: the longest one its label contains), or to no metric.

    \b
    Example:
        govperf alias remove 新增城乡就业
    """
    with settings.engine().begin() as conn:
        result = aliases.remove_alias(conn, label)
    moved = ", ".join(
        f"{count} to {code or 'no metric'}"
        for code, count in sorted(result.remapped.items(), key=lambda item: (item[0] is None, item[0] or ""))
    )
    click.echo(
        f"alias {printable(result.alias)} → {result.metric_code} removed; "
        f"{result.observations} observations re-mapped" + (f" ({moved})" if moved else "")
    )
