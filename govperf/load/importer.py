"""Import files into the database: read → parse → store, in batches of whole documents.

Loading is idempotent on (source_sha256, part): the unique key and ``ON CONFLICT DO NOTHING``
make a second import of the same bytes — or two importers racing on one folder — add nothing.
``replace=True`` deletes a part's earlier rows and loads it again in the same transaction.
A file that cannot be read or recognised is reported with its reason; the others still load.

Files are streamed: each file is read and parsed, and its documents queued; a batch of up to 64
documents (starting at one and doubling, govperf.load.batch) is stored in one transaction, each
document atomic, so memory does not grow with the number of files.  ``jobs > 1`` spreads the
files over worker processes (govperf.load.parallel); each worker parses and stores its own
files, one transaction per file.

The package, by concern: ``paths`` (what the command line names → files), ``pipeline`` (one file:
read, parse, store), ``batch`` (files' documents queued and stored a batch at a time), ``store``
(a batch in one transaction, COPY, a savepoint per document when one fails), ``rows`` (the rows
of a document), ``lookups`` (reference ids read once), ``results`` (what happened), ``parallel``
(worker processes) and this module, which walks the files and stops on Ctrl-C or a lost server.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable

from sqlalchemy.engine import Engine

from govperf.errors import GovperfError
from govperf.load.batch import BatchLoader
from govperf.load.lookups import Lookups
from govperf.load.parallel import import_parallel
from govperf.load.paths import expand_inputs
from govperf.load.pipeline import import_file, read_file, server_reachable
from govperf.load.results import FileResult, ImportOptions, ImportReport
from govperf.load.store import flush


def import_paths(
    engine: Engine | None,
    inputs: Iterable[str],
    options: ImportOptions,
    *,
    on_file: Callable[[FileResult], None] | None = None,
    jobs: int = 1,
) -> ImportReport:
    """Import every file named by ``inputs`` (files, folders, globs); never raises for a bad file.

    ``jobs`` worker processes parse and store the files; the report lists them in input order.
    """
    if jobs > 1:
        report = import_parallel(engine, inputs, options, jobs=jobs, on_file=on_file)
    else:
        report = _import_serial(engine, inputs, options, on_file)
    if engine is not None and not options.dry_run and not report.connection_lost:
        _flush(engine)
    return report


def _flush(engine: Engine) -> None:
    """Make the documents stored durable (govperf.load.store.flush); a server gone meanwhile
    leaves the report as it is: what was committed is there, or is loaded again by a re-run."""
    with contextlib.suppress(Exception):
        flush(engine)


def _import_serial(
    engine: Engine | None,
    inputs: Iterable[str],
    options: ImportOptions,
    on_file: Callable[[FileResult], None] | None,
) -> ImportReport:
    report = ImportReport()
    items = expand_inputs(inputs, report.skipped)
    if engine is None or options.dry_run:
        loader = None
    else:
        loader = BatchLoader(engine, Lookups.load(engine), options.replace)
    try:
        for item in items:
            if isinstance(item, GovperfError):
                result = FileResult(path=getattr(item, "path", ""), error=str(item))
                done = [result] if loader is None else loader.add(result, None, ())
            elif loader is None:
                done = [import_file(engine, item, options, None)]
            else:
                result = FileResult(path=item)
                source, documents = read_file(item, options, result)
                done = [result] if result.interrupted else loader.add(result, source, documents)
            if _report(engine, report, done, on_file):
                break
        else:
            if loader is not None:
                _report(engine, report, loader.finish(), on_file)
    except KeyboardInterrupt:  # between two files
        report.interrupted = True
    if loader is not None:
        loader.drop()  # what is still queued when the import stops
        report.not_attempted += loader.not_attempted
    if report.stopped:
        report.not_attempted += sum(1 for item in items if isinstance(item, str))
    return report


def _report(
    engine: Engine | None,
    report: ImportReport,
    done: list[FileResult],
    on_file: Callable[[FileResult], None] | None,
) -> bool:
    """Add the files done to the report; True when the import must stop (Ctrl-C, server lost)."""
    for result in done:
        report.files.append(result)
        if on_file is not None:
            on_file(result)
        if result.interrupted:
            report.interrupted = True
            return True
    if any(r.store_failed for r in done) and engine is not None and not server_reachable(engine):
        report.connection_lost = True
        return True
    return False
