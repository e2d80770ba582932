"""``govperf import`` and ``govperf parse``: thin commands over govperf.load."""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from govperf.cli.options import Settings, database_option, pass_settings, safe_text
from govperf.cli.output import Column, print_rich_table
from govperf.data.regions import UnknownRegion, resolve_region
from govperf.data.vocab import GENRES
from govperf.errors import printable
from govperf.load.importer import import_paths
from govperf.load.paths import expand_inputs
from govperf.load.pipeline import parse_file
from govperf.load.results import FileResult, ImportOptions, ImportReport

F = TypeVar("F", bound=Callable[..., Any])
OnFile = Callable[[FileResult], None]


def resolve_district(value: str | None) -> str | None:
    """A district given as code (110112), name (海淀区, 北京市通州区, 北京通州) or alias (亦庄)."""
    if value is None:
        return None
    try:
        return resolve_region(value)
    except UnknownRegion as error:
        raise click.BadParameter(str(error)) from error


def _district_option(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    return resolve_district(value)


def override_options(function: F) -> F:
    """--genre / --district / --year: override what detection would find."""
    function = click.option(
        "--year", type=click.IntRange(1949, 2100), help="The year the documents report on."
    )(function)
    function = click.option(
        "--district",
        callback=_district_option,
        help=(
            "District code or name (110112, 海淀区, 北京市通州区); "
            "a name several regions share needs its parent's name."
        ),
    )(function)
    return click.option(
        "--genre", type=click.Choice(GENRES), help="Document genre (the codes of docs/reference.md)."
    )(function)


@click.command("import")
@click.argument("paths", nargs=-1, required=True)
@override_options
@click.option("--replace", is_flag=True, help="Re-import files already loaded (same bytes).")
@click.option("--dry-run", is_flag=True, help="Parse and report; write nothing.")
@click.option("--silent", is_flag=True, help="No progress bar.")
@click.option(
    "-v", "--verbose", is_flag=True, help="Name each file of an unsupported type that a folder walk skipped."
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes that parse and store files in parallel (one per core is a good choice).",
)
@database_option
@pass_settings
def import_command(
    settings: Settings,
    paths: tuple[str, ...],
    genre: str | None,
    district: str | None,
    year: int | None,
    replace: bool,
    dry_run: bool,
    silent: bool,
    verbose: bool,
    jobs: int,
) -> None:
    """Import documents: files, folders (recursively) and glob patterns.

    Each document is stored whole or not at all; importing the same bytes again adds
    nothing.  A file that cannot be read or recognised is reported with its reason and the
    others still load.  Files of other types inside folders (.pdf, .docx …) are counted in the
    summary (``--verbose`` names them).  When the database can no longer be reached the import
    stops and says how many files it did not try.  ``--jobs N`` parses and stores files in N
    processes.  Exit status: 0 when every file loaded, 1 when any failed or the database was
    lost, 130 after Ctrl-C (the documents stored until then stay, and are counted).

    \b
    Example:
        govperf import ~/reports/
        govperf import 'downloads/**/*.html' --district 北京市通州区 --year 2019
        govperf import report.txt --dry-run
        govperf import corpus/ --jobs 2
    """
    options = ImportOptions(genre=genre, district=district, year=year, replace=replace, dry_run=dry_run)
    engine = None if dry_run else settings.engine()
    err = Console(stderr=True, highlight=False)
    try:
        total = sum(1 for _ in expand_inputs(paths))
        with _progress(err, total, enabled=not silent and total > 1) as advance:
            report = import_paths(engine, paths, options, on_file=advance, jobs=jobs)
    except KeyboardInterrupt:  # before the first file
        err.print("interrupted: nothing was stored", markup=False, soft_wrap=True)
        sys.exit(130)
    _print_summary(report, verbose=verbose)
    _print_warnings(err, report)
    for failure in report.failed:
        err.print(f"error: {failure.error}", markup=False, soft_wrap=True)
    if report.connection_lost:
        err.print(
            f"error: the database can no longer be reached; stopped with {_files(report.not_attempted)} "
            "not attempted (run the same command again to import them)",
            markup=False,
            soft_wrap=True,
        )
    if report.interrupted:
        documents, files = report.stored()
        err.print(
            f"interrupted: {documents} {'document' if documents == 1 else 'documents'} from {_files(files)} "
            f"stored; {_files(report.not_attempted)} not attempted",
            markup=False,
            soft_wrap=True,
        )
        sys.exit(130)
    if report.failed or report.connection_lost:
        sys.exit(1)


def _files(count: int) -> str:
    return f"{count} {'file' if count == 1 else 'files'}"


@contextmanager
def _progress(console: Console, total: int, *, enabled: bool) -> Iterator[OnFile]:
    """A progress bar redrawn as each file finishes (no refresh thread, so --jobs may fork)."""
    if not enabled:
        yield _ignore
        return
    columns = (TextColumn("importing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True, auto_refresh=False) as progress:
        task = progress.add_task("import", total=total)

        def advance(_result: FileResult) -> None:
            progress.advance(task)
            progress.refresh()

        yield advance


def _ignore(_result: FileResult) -> None:
    return None


SUMMARY_COLUMNS = (
    Column("file", wrap=True),
    Column("genre", wrap=True),
    Column("region", wrap=True),
    Column("year", right=True),
    Column("parts", right=True),
    Column("tasks", right=True),
    Column("observations", right=True),
    Column("status"),
)


def _print_summary(report: ImportReport, *, verbose: bool) -> None:
    folder, names = _short_paths([result.path for result in report.files])
    rows = []
    for result, name in zip(report.files, names, strict=True):
        regions = dict.fromkeys(f"{p.district_name} {p.district_code}".strip() for p in result.parts)
        rows.append(
            {
                "file": name,
                "genre": result.parts[0].genre if result.parts else "",
                "region": ", ".join(regions),
                "year": ",".join(sorted({str(p.year) for p in result.parts if p.year is not None})),
                "parts": len(result.parts),
                "tasks": sum(p.tasks for p in result.parts),
                "observations": sum(p.observations for p in result.parts),
                "status": result.status,
            }
        )
    if rows:  # on a terminal a long name folds (never cut); piped, rows are never wrapped
        print_rich_table(rows, SUMMARY_COLUMNS, title=f"in {folder}" if folder else None)
    out = Console(highlight=False)
    if report.skipped:
        out.print(safe_text(_skipped_line(report.skipped, verbose=verbose)), soft_wrap=True)
        if verbose:
            for path in report.skipped:
                out.print(safe_text(f"skipped: {path}"), soft_wrap=True)


def _short_paths(paths: list[str]) -> tuple[str, list[str]]:
    """The folder all ``paths`` are in, and each path relative to it: names stay apart (two
    2019.html of two districts' folders) without repeating a long common prefix."""
    if not paths:
        return "", []
    try:
        folder = os.path.commonpath([os.path.dirname(os.path.abspath(p)) for p in paths])
    except ValueError:  # paths on different drives
        return "", paths
    names = [os.path.relpath(os.path.abspath(p), folder) for p in paths]
    here = os.getcwd()
    if folder == here:
        return "", names
    inside = os.path.commonpath([folder, here]) == here
    return (os.path.relpath(folder, here) if inside else folder), names


def _skipped_line(skipped: list[str], *, verbose: bool) -> str:
    """``skipped 3 files of types govperf does not read: 2 .pdf, 1 .docx``"""
    counts = Counter(Path(path).suffix.lower() or "(no suffix)" for path in skipped)
    kinds = ", ".join(f"{n} {suffix}" for suffix, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    hint = "" if verbose else " (--verbose names them)"
    return f"skipped {_files(len(skipped))} of types govperf does not read: {kinds}{hint}"


def _print_warnings(console: Console, report: ImportReport) -> None:
    """One line per document kept although its text gave no observation and no task."""
    for result in report.files:
        for part in result.parts:
            if part.warning:
                line = f"warning: {printable(result.path)}: part {part.part}: {part.warning}"
                console.print(line, markup=False, soft_wrap=True)


@click.command("parse")
@click.argument("file", type=click.Path(dir_okay=False))
@override_options
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the default is a short summary).")
@click.option("--with-text", is_flag=True, help="Include each part's text in the JSON.")
def parse_command(
    file: str, genre: str | None, district: str | None, year: int | None, as_json: bool, with_text: bool
) -> None:
    """Show what would be imported from FILE, without a database.

    \b
    Example:
        govperf parse report.txt --json
        govperf parse page.html --district 西城区
    """
    source, documents = parse_file(file, ImportOptions(genre=genre, district=district, year=year))
    if as_json:
        payload = {
            "source": source.name,
            "sha256": source.sha256,
            "encoding": source.encoding,
            "documents": [document.to_dict(with_text=with_text) for document in documents],
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=1))
        return
    for document in documents:
        click.echo(
            f"part {document.part}: {document.genre} {document.district_code} {document.year} "
            f"({document.year_source}) {printable(document.period_label or '')}: {len(document.tasks)} "
            f"tasks, {len(document.observations)} observations"
        )
