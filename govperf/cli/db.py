"""Commands about the database: ``db upgrade|downgrade|current|url`` (and, from ``cli/server``,
``db start|stop|status|shell``) and ``grant-reader``, thin over govperf.db.

Alembic (``migrate``) and the view registry (``views``) are imported by the commands that use them.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from govperf.cli import server
from govperf.cli.options import Group, Settings, database_option, pass_settings
from govperf.db import config

if TYPE_CHECKING:
    from sqlalchemy.engine import URL


@click.group("db", cls=Group)
def db_group() -> None:
    """The database: migrations, the embedded server, its URL and a SQL shell.

    \b
    Example:
        govperf db start
        psql "$(govperf db url)"
        govperf db stop
    """


for _command in server.COMMANDS:
    db_group.add_command(_command)


@db_group.command("upgrade")
@click.argument("revision", default="head")
@database_option
@pass_settings
def db_upgrade(settings: Settings, revision: str) -> None:
    """Migrate the database up to REVISION (default: head).

    \b
    Example:
        govperf db upgrade
        govperf --database-url postgresql://govperf:govperf@localhost:5432/govperf db upgrade
    """
    from govperf.db import migrate

    url = settings.url(migrate=False)
    migrate.upgrade(url, revision)
    click.echo(f"database at revision {migrate.current(url) or 'base'}")


@db_group.command("downgrade")
@click.argument("revision", default="-1")
@click.option("--yes", is_flag=True, help="Drop the data without asking (a downgrade below 0001 does).")
@database_option
@pass_settings
def db_downgrade(settings: Settings, revision: str, yes: bool) -> None:
    """Migrate the database down to REVISION (default: -1, one step back).

    A downgrade that drops the tables (REVISION base) deletes every document, observation and
    user alias: govperf says how many and asks on a terminal; elsewhere it refuses unless --yes.

    \b
    Example:
        govperf db downgrade
        govperf db downgrade 0002
    """
    from govperf.db import migrate

    url = settings.url(migrate=False)
    at_risk = migrate.data_at_risk(url, revision)
    if at_risk and not yes:
        what = (
            f"downgrading to {revision} drops {at_risk.documents} documents (with their observations"
            f" and tasks) and {at_risk.user_aliases} user aliases"
        )
        if not _interactive():
            raise click.ClickException(f"{what}; nothing done (add --yes to confirm)")
        if not click.confirm(f"{what}. Continue?", default=False):
            raise click.ClickException("nothing done")
    migrate.downgrade(url, revision)
    click.echo(f"database at revision {migrate.current(url) or 'base'}")


def _interactive() -> bool:
    """Whether a person can answer a question: stdin and stdout are a terminal."""
    return sys.stdin.isatty() and sys.stdout.isatty()


@db_group.command("current")
@database_option
@pass_settings
def db_current(settings: Settings) -> None:
    """Print the revision the database is at, and the newest one govperf has.

    \b
    Example:
        govperf db current
    """
    from govperf.db import migrate

    revision = migrate.current(settings.url(migrate=False))
    newest = migrate.head()
    state = "up to date" if revision == newest else f"newest is {newest}; run: govperf db upgrade"
    click.echo(f"{revision or 'base'} ({state})")


@db_group.command("url")
@click.option("--show-password", is_flag=True, help="Print the password instead of ***.")
@database_option
@pass_settings
def db_url(settings: Settings, show_password: bool) -> None:
    """Print the URL of the database in use (libpq form, for psql and BI tools).

    The embedded database's URL works while its server runs: after govperf db start.

    \b
    Example:
        govperf db start
        psql "$(govperf db url)"
    """
    click.echo(config.libpq_url(settings.url(migrate=False), show_password=show_password))
    server.warn_unless_kept(settings)


READER_PASSWORD_ENV = "GOVPERF_READER_PASSWORD"


@click.command("grant-reader")
@click.argument("name")
@click.option(
    "--password",
    prompt=True,
    hide_input=True,
    confirmation_prompt=True,
    prompt_required=False,
    default=None,
    envvar=READER_PASSWORD_ENV,
    show_envvar=True,
    help="Password of the login: asked for (not echoed) when given without a value or when a new "
    "login has none; also read from the environment variable.",
)
@database_option
@pass_settings
def grant_reader(settings: Settings, name: str, password: str | None) -> None:
    """Make NAME a login for a BI tool that may read the views (role govperf_reader).

    The role is created when missing; an existing role is added to govperf_reader (and gets
    the new password when one is given).  A role that is a superuser, owns objects or may
    create roles or databases is refused.  The login gets the reader limits (statement_timeout
    …, docs/bi.md).  Run it as a role that may create roles.  Prints the settings Metabase and
    Superset ask for (never the password).

    \b
    Example:
        govperf grant-reader metabase --password
        GOVPERF_READER_PASSWORD=… govperf grant-reader superset
    """
    from govperf.db import views

    engine = settings.engine()
    with engine.connect() as conn:
        new_login = not views.login_exists(conn, name)
        reason = views.privileged_reason(conn, name)
    if reason is not None:
        raise click.ClickException(f"refusing to make {name} a reader login: it {reason}; nothing changed")
    if new_login and password is None:
        password = click.prompt(f"Password for {name}", hide_input=True, confirmation_prompt=True)
    with engine.begin() as conn:
        created, unapplied = views.grant_login(conn, name, password)
    click.echo(f"{'created' if created else 'updated'} login {name} in role {views.READER_ROLE}")
    if unapplied:
        click.echo(
            f"warning: this role may not set {', '.join(unapplied)} on {name}; ask a superuser to run "
            f"ALTER ROLE {name} SET … (docs/bi.md)",
            err=True,
        )
    _print_bi_settings(engine.url, name)


def _print_bi_settings(url: URL, login: str) -> None:
    """The settings BI tools ask for; for a Unix-socket server, which they cannot reach, those of
    the embedded server's TCP port (govperf db start --port), else none (docs/bi.md)."""
    from govperf.db import views

    socket = url.query.get("host")
    embedded_tcp = False
    if (isinstance(socket, str) and socket.startswith("/")) or (url.host or "").startswith("/"):
        port = server.kept_tcp_port(url)
        if port is None:
            return
        url = url.set(host=server.LOCALHOST, port=port).difference_update_query(["host"])
        embedded_tcp = True
    click.echo("Connection settings for Metabase / Superset:")
    for key, value in views.bi_settings(url.host, url.port, url.database, login):
        click.echo(f"  {key + ':':<25} {value}")
    if embedded_tcp:
        click.echo("  (the embedded server: from this machine only, while govperf db start keeps it)")
    elif url.host in ("localhost", "127.0.0.1"):
        click.echo("  (from a container of docker-compose.yml, such as Metabase, the host is: db)")
