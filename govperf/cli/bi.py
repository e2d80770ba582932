"""``govperf bi superset``: a bundle for Superset's "Import dashboards", thin over
govperf.query.superset."""

from __future__ import annotations

from pathlib import Path

import click

from govperf.cli.options import Settings, database_option, pass_settings
from govperf.errors import printable
from govperf.query import superset


@click.group("bi")
def bi_group() -> None:
    """Files for BI tools (docs/bi.md).

    \b
    Example:
        govperf bi superset -o govperf-superset.zip --login superset --host db.example.org
    """


@bi_group.command("superset")
@click.option("--output", "-o", type=click.Path(dir_okay=False), required=True, help="ZIP file to write.")
@click.option("--login", default="superset", show_default=True, help="Reader login (govperf grant-reader).")
@click.option("--host", help="Host Superset reaches the database at [default: the database URL's].")
@click.option("--port", type=int, help="Its port [default: the database URL's, else 5432].")
@click.option("--dbname", help="Database name [default: the database URL's].")
@click.option("--name", default="govperf", show_default=True, help="The connection's name in Superset.")
@click.option("--metric", help="Metric code of the starter charts [default: the most reported].")
@click.option("--year", type=int, help="Year of the comparison chart [default: the best covered].")
@database_option
@pass_settings
def superset_command(
    settings: Settings,
    output: str,
    login: str,
    host: str | None,
    port: int | None,
    dbname: str | None,
    name: str,
    metric: str | None,
    year: int | None,
) -> None:
    """Write a bundle Superset imports (Dashboards → Import dashboards): the database
    connection (no password: type it after the import), one dataset per public view with
    year_start as its time column and the views' comments as descriptions, saved metrics, and a
    starter dashboard.

    \b
    Example:
        govperf grant-reader superset
        govperf bi superset -o govperf-superset.zip --host db
    """
    url = settings.url()
    socket = str(url.query.get("host") or url.host or "").startswith("/")
    target = superset.Target(
        login=login,
        host=host or ("localhost" if socket or not url.host else url.host),
        port=port or url.port or 5432,
        database=dbname or url.database or "govperf",
        name=name,
    )
    with settings.engine().connect() as conn:
        bundle = superset.build(conn, target, metric, year)
    try:
        Path(output).write_bytes(bundle.zip_bytes())
    except OSError as error:
        raise click.ClickException(f"{printable(output)}: {error.strerror or error}") from error
    click.echo(
        f"wrote {printable(output)}: database {target.name} ({target.uri}), "
        f"{len(bundle.datasets)} datasets, {len(bundle.charts)} charts, 1 dashboard"
    )
    click.echo(
        "Superset: Dashboards → Import dashboards, then Settings → Database connections → "
        f"{target.name} → the password of {login}"
    )
