"""What the commands share: the database settings and ``--database-url``, the group class that
turns library errors into one-line messages, and ``safe_text`` for rich output (the listing
commands print through govperf.cli.output)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

import click
import sqlalchemy.exc
from rich.text import Text
from sqlalchemy.engine import URL, Engine

from govperf.db import config
from govperf.db import engine as db
from govperf.errors import GovperfError, printable

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


def safe_text(value: object) -> Text:
    """A cell or line of text from a file or the database for a rich table or console: control
    characters escaped (errors.printable) and no rich markup read into it (``[red]`` stays text)."""
    return Text("" if value is None else printable(str(value)))
