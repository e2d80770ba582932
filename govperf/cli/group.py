"""The ``govperf`` command line: each command parses options, calls the library, prints.

The commands live in one module per command group (``db``, ``documents``, ``imports``, ``analyst``,
``dictionary``, ``alias``, ``export``, ``targets``, ``bi``) and are added to the group here, explicitly; none
imports this module. To add a command: write it with ``@click.command()`` in the module of its
group, add ``@database_option`` if it touches the database, call ``settings.engine()`` /
``settings.url()``, end its help with an ``Example:`` block (a test checks every command for one),
and add it to ``COMMANDS`` below. Errors that are ``GovperfError`` or database connection errors
become one-line messages (see ``govperf.cli.options.Group``).

A command's module is imported only when that command runs (or its own ``--help`` is asked for):
``govperf --help`` reads each command's one-line help from its module's source, without
importing SQLAlchemy, Alembic or the parsers (tests/cli/test_cli_startup.py).
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import inspect
from functools import cache
from pathlib import Path

import click

from govperf import __version__
from govperf.cli.options import CONTEXT_SETTINGS, Group, database_option

# command name → (module, attribute): the click command or group that module defines
COMMANDS: dict[str, tuple[str, str]] = {
    "db": ("govperf.cli.db", "db_group"),
    "documents": ("govperf.cli.documents", "documents_group"),
    "grant-reader": ("govperf.cli.db", "grant_reader"),
    "import": ("govperf.cli.imports", "import_command"),
    "parse": ("govperf.cli.imports", "parse_command"),
    "compare": ("govperf.cli.analyst", "compare_command"),
    "series": ("govperf.cli.analyst", "series_command"),
    "metrics": ("govperf.cli.dictionary", "metrics_command"),
    "unmapped": ("govperf.cli.dictionary", "unmapped_command"),
    "targets": ("govperf.cli.targets", "targets_command"),
    "alias": ("govperf.cli.alias", "alias_group"),
    "export": ("govperf.cli.export", "export_command"),
    "bi": ("govperf.cli.bi", "bi_group"),
}


class LazyGroup(Group):
    """The top-level group: commands are loaded from ``COMMANDS`` on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module, attribute = COMMANDS[cmd_name]
            command = getattr(importlib.import_module(module), attribute)
            assert isinstance(command, click.Command), f"{module}.{attribute} is not a click command"
            self.add_command(command, cmd_name)
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list of ``govperf --help``, without importing the commands' modules."""
        names = [n for n in self.list_commands(ctx) if n in COMMANDS or not self.commands[n].hidden]
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = [(name, short_help(name, limit)) for name in names]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def short_help(name: str, limit: int = 45) -> str:
    """The one-line help click would show for command ``name``, read from its module's source."""
    module, attribute = COMMANDS[name]
    return click.Command(name, help=_docstrings(module).get(attribute) or None).get_short_help_str(limit)


@cache
def _docstrings(module: str) -> dict[str, str]:
    """The docstring of every function at the top level of ``module`` (parsed, not imported)."""
    spec = importlib.util.find_spec(module)
    assert spec is not None and spec.origin is not None, module
    tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
    return {
        node.name: inspect.cleandoc(ast.get_docstring(node, clean=False) or "")
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
    }


@click.group(cls=LazyGroup, context_settings=CONTEXT_SETTINGS)
@database_option
@click.version_option(__version__, "-V", "--version", prog_name="govperf")
def cli() -> None:
    """govperf: Chinese district-government performance documents into PostgreSQL.

    With no --database-url and no GOVPERF_DATABASE_URL, govperf uses an embedded PostgreSQL in
    the user's data directory, created and migrated on first use (govperf db start keeps it
    running, for psql and BI tools).

    \b
    Example:
        govperf db upgrade
        govperf documents
    """


def main() -> None:
    """Entry point of the ``govperf`` script and ``python -m govperf``."""
    cli(prog_name="govperf")
