"""What the commands share: the database settings and ``--database-url``, the group class that
turns library errors into one-line messages, and ``safe_text`` for rich output (the listing
commands print through govperf.cli.output).

Imported by every command module and by ``govperf --help``: SQLAlchemy, psycopg and rich are
imported inside the functions that use them (tests/cli/test_cli_startup.py)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

import click

from govperf.db import config
from govperf.errors import GovperfError, printable

if TYPE_CHECKING:
    from rich.text import Text
    from sqlalchemy.engine import URL, Engine

F = TypeVar("F", bound=Callable[..., Any])

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@dataclass
class Settings:
    """What the options of the group and of a command say about the database."""

    database_url: str | None = None
    _engines: dict[str, Engine] = field(default_factory=dict)

    def url(self, *, migrate: bool = True) -> URL:
        """The database URL; the embedded database is started (and migrated) when none is given."""
        from govperf.db import engine as db

        return db.resolve_url(self.database_url, migrate=migrate)

    def engine(self) -> Engine:
        from govperf.db import engine as db

        url = self.url()
        key = url.render_as_string(hide_password=False)
        if key not in self._engines:
            self._engines[key] = engine = db.make_engine(url)
            # Close connections before exit, so the embedded server stops without waiting on them.
            click.get_current_context().call_on_close(engine.dispose)
        return self._engines[key]


@contextmanager
def user_errors() -> Iterator[None]:
    """GovperfError and database errors → one-line ClickException (no traceback).  The database
    layer is imported only when an error comes from it (it is loaded then)."""
    try:
        yield
    except GovperfError as error:
        raise _one_line(error) from error
    except Exception as error:
        if type(error).__module__.split(".")[0] not in _DATABASE_PACKAGES:
            raise
        from govperf.db import engine as db

        try:
            with db.translate_errors():
                raise error
        except GovperfError as translated:
            raise _one_line(translated) from error
        except Exception:
            pass
        if isinstance(error, sys.modules["sqlalchemy.exc"].SQLAlchemyError):
            raise click.ClickException(f"database error: {db.describe_error(error)}") from error
        raise


_DATABASE_PACKAGES = frozenset({"sqlalchemy", "psycopg", "alembic"})


def _one_line(error: GovperfError) -> click.ClickException:
    return click.ClickException(str(error).splitlines()[0] if str(error) else type(error).__name__)


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


def safe_text(value: object) -> Text:
    """A cell or line of text from a file or the database for a rich table or console: control
    characters escaped (errors.printable) and no rich markup read into it (``[red]`` stays text)."""
    from rich.text import Text

    return Text("" if value is None else printable(str(value)))
