"""The ``govperf`` command line: each command parses options, calls the library, prints.

The commands live in one module per command group (``db``, ``imports``, ``analyst``, ``alias``,
``export``, ``targets``) and are added to the group here, explicitly; none imports this module.  To add a
command: write it with ``@click.command()`` in the module of its group, add ``@database_option``
if it touches the database, call ``settings.engine()`` / ``settings.url()``, end its help with an
``Example:`` block (a test checks every command for one), and add it to ``COMMANDS`` below.
Errors that are ``GovperfError`` or database connection errors become one-line messages (see
``govperf.cli.options.Group``).
"""

from __future__ import annotations

import click

from govperf import __version__
from govperf.cli import alias, analyst, db, export, imports, targets
from govperf.cli.options import CONTEXT_SETTINGS, Group, database_option


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


COMMANDS: tuple[click.Command, ...] = (
    db.db_group,
    db.documents,
    db.grant_reader,
    imports.import_command,
    imports.parse_command,
    analyst.compare_command,
    analyst.series_command,
    analyst.metrics_command,
    analyst.unmapped_command,
    targets.targets_command,
    alias.alias_group,
    export.export_command,
)
for command in COMMANDS:
    cli.add_command(command)


def main() -> None:
    """Entry point of the ``govperf`` script and ``python -m govperf``."""
    cli(prog_name="govperf")
