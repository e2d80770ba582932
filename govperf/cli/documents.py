"""``govperf documents`` (list the loaded documents) and ``govperf documents remove ID…``, thin
over govperf.query.documents."""

from __future__ import annotations

import click

from govperf.cli.options import Group, Settings, database_option, pass_settings
from govperf.cli.output import Column, emit, format_options
from govperf.errors import printable
from govperf.query import documents

COLUMNS = (
    Column("document_id", "id", right=True),
    Column("district_code", "code"),
    Column("district_name", "region", wrap=True),
    Column("year", right=True),
    Column("period_label", "period", wrap=True),
    Column("genre", wrap=True),
    Column("part", right=True),
    Column("task_count", "tasks", right=True),
    Column("observation_count", "observations", right=True),
    Column("source_name", "file", wrap=True),
)


@click.group("documents", cls=Group, invoke_without_command=True)
@format_options
@database_option
@pass_settings
@click.pass_context
def documents_group(ctx: click.Context, settings: Settings, fmt: str | None) -> None:
    """List the loaded documents (with no subcommand), or remove some.

    \b
    Example:
        govperf documents
        govperf documents --csv > documents.csv
        govperf documents remove 12 13
    """
    if ctx.invoked_subcommand is not None:
        return
    rows = documents.list_documents_quick(settings.database_url)  # a kept server: no SQLAlchemy
    if rows is None:
        with settings.engine().connect() as conn:
            rows = documents.list_documents(conn)
    emit(rows, COLUMNS, fmt, empty="No documents loaded (import some with: govperf import PATH…)")


@documents_group.command("remove")
@click.argument("ids", nargs=-1, required=True, type=int, metavar="ID…")
@database_option
@pass_settings
def remove_command(settings: Settings, ids: tuple[int, ...]) -> None:
    """Remove documents by id (see: govperf documents) with their tasks and observations.

    All in one transaction: an unknown ID removes nothing.  Re-import a file with
    ``govperf import FILE`` to load it again.

    \b
    Example:
        govperf documents remove 12
        govperf documents remove 12 13 14
    """
    with settings.engine().begin() as conn:
        removed = documents.remove_documents(conn, ids)
    for row in removed:
        click.echo(
            f"removed document {row['document_id']}: {printable(row['source_name'])} part {row['part']}, "
            f"{row['district_name']} {row['district_code']}, {row['year'] or 'no year'}, {row['genre']} "
            f"({row['task_count']} tasks, {row['observation_count']} observations)"
        )
    if len(removed) > 1:
        tasks = sum(r["task_count"] for r in removed)
        observations = sum(r["observation_count"] for r in removed)
        click.echo(f"{len(removed)} documents removed ({tasks} tasks, {observations} observations)")
