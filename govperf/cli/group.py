"""The ``govperf`` command line: each command parses options, calls the library, prints.

To add a command: decorate a function with ``@cli.command()`` (or ``@db.command()``), add
``@database_option`` if it touches the database, call ``settings.engine()`` / ``settings.url()``,
and end its help with an ``Example:`` block (a test checks every command for one).  Errors that
are ``GovperfError`` or database connection errors become one-line messages (see ``Group``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

import click
import sqlalchemy.exc
from sqlalchemy.engine import URL, Engine

from govperf import __version__
from govperf.db import config, migrate, views
from govperf.db import engine as db
from govperf.errors import GovperfError, printable

if TYPE_CHECKING:
    from rich.text import Text

F = TypeVar("F", bound=Callable[..., Any])

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@dataclass
class Settings:
    """What the options of the group and of a command say about the database."""

    database_url: str | None = None
    _engines: dict[str, Engine] = field(default_factory=dict)

    def url(self, *, migrate: bool = True) -> URL:
        """The database URL; the embedded database is started (and migrated) when none is given."""
        return db.resolve_url(self.database_url, migrate=migrate)

    def engine(self) -> Engine:
        url = self.url()
        key = url.render_as_string(hide_password=False)
        if key not in self._engines:
            self._engines[key] = engine = db.make_engine(url)
            # Close connections before exit, so the embedded server stops without waiting on them.
            click.get_current_context().call_on_close(engine.dispose)
        return self._engines[key]


@contextmanager
def user_errors() -> Iterator[None]:
    """GovperfError and database errors → one-line ClickException (no traceback)."""
    try:
        with db.translate_errors():
            yield
    except GovperfError as error:
        raise click.ClickException(
            str(error).splitlines()[0] if str(error) else type(error).__name__
        ) from error
    except sqlalchemy.exc.SQLAlchemyError as error:
        raise click.ClickException(f"database error: {db.describe_error(error)}") from error


class Group(click.Group):
    """A click group whose commands report library errors as one line."""

    def invoke(self, ctx: click.Context) -> Any:
        with user_errors():
            return super().invoke(ctx)


def _remember_url(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value:
        ctx.ensure_object(Settings).database_url = value


def database_option(function: F) -> F:
    """``--database-url`` on a command (it may also be given before the command name)."""
    return click.option(
        "--database-url",
        metavar="URL",
        expose_value=False,
        callback=_remember_url,
        help=f"PostgreSQL URL (default: ${config.DATABASE_URL_ENV}, else the embedded database).",
    )(function)


pass_settings = click.make_pass_decorator(Settings, ensure=True)


@click.group(cls=Group, context_settings=CONTEXT_SETTINGS)
@database_option
@click.version_option(__version__, "-V", "--version", prog_name="govperf")
def cli() -> None:
    """govperf: Chinese district-government performance documents into PostgreSQL.

    With no --database-url and no GOVPERF_DATABASE_URL, govperf uses an embedded PostgreSQL in
    the user's data directory, created and migrated on first use.

    \b
    Example:
        govperf db upgrade
        govperf documents
    """


@cli.group("db", cls=Group)
def db_group() -> None:
    """Database migrations and connection.

    \b
    Example:
        govperf db upgrade
        govperf db current
    """


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

    \b
    Example:
        govperf db url
        psql "$(govperf db url --show-password)"
    """
    click.echo(config.libpq_url(settings.url(migrate=False), show_password=show_password))


@cli.command("documents")
@database_option
@pass_settings
def documents(settings: Settings) -> None:
    """List the loaded documents.

    \b
    Example:
        govperf documents
    """
    rows = db.list_documents(settings.engine())
    if not rows:
        click.echo("No documents loaded (import some with: govperf import PATH…)")
        return
    print_table(db.DOCUMENT_COLUMNS, [[row[c] for c in db.DOCUMENT_COLUMNS] for row in rows])


READER_PASSWORD_ENV = "GOVPERF_READER_PASSWORD"


@cli.command("grant-reader")
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
    """The settings BI tools ask for; none for a Unix-socket server, which they cannot reach
    (docs/bi.md: use the docker-compose server)."""
    socket = url.query.get("host")
    if (isinstance(socket, str) and socket.startswith("/")) or (url.host or "").startswith("/"):
        return
    click.echo("Connection settings for Metabase / Superset:")
    for key, value in views.bi_settings(url.host, url.port, url.database, login):
        click.echo(f"  {key + ':':<25} {value}")
    if url.host in ("localhost", "127.0.0.1"):
        click.echo("  (from a container of docker-compose.yml, such as Metabase, the host is: db)")


def print_table(columns: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """Print rows as a plain-text table (wide CJK characters counted as two columns); control
    characters in a cell (a file name may hold a newline or a terminal escape) are escaped."""
    cells = [[("" if v is None else printable(str(v))) for v in row] for row in rows]
    widths = [max(display_width(x) for x in (name, *(r[i] for r in cells))) for i, name in enumerate(columns)]
    for row in (list(columns), ["-" * w for w in widths], *cells):
        click.echo("  ".join(pad(value, width) for value, width in zip(row, widths, strict=True)).rstrip())


def safe_text(value: object) -> Text:
    """A cell or line of text from a file or the database for a rich table or console: control
    characters escaped (errors.printable) and no rich markup read into it (``[red]`` stays text)."""
    from rich.text import Text

    return Text("" if value is None else printable(str(value)))


def display_width(value: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in value)


def pad(value: str, width: int) -> str:
    return value + " " * (width - display_width(value))


def main() -> None:
    """Entry point of the ``govperf`` script and ``python -m govperf``."""
    cli(prog_name="govperf")


# Commands defined in their own modules register themselves on ``cli`` when imported.
from govperf.cli import analyst, imports  # noqa: E402, F401
