"""``govperf import --jobs N``: files spread over N worker processes.

Each worker opens its own engine and reads the reference lookups once, then reads, parses and
stores whole files, one transaction per file (each document atomic, govperf.load.store); the
unique key (source_sha256, part) keeps a file named twice, or raced by another importer, from
loading twice.  The parent only hands out paths and collects the small per-file results, so memory
stays flat in the number of files.

Workers are forked when the parent runs a single thread (the CLI's progress bar refreshes
without one), so they start with govperf already imported; the engine's pooled connections
are closed first, so no child shares a database socket with the parent.  With other threads
alive (a lock held at the fork would stay held in the child) they are spawned instead, at
the cost of importing govperf afresh (about a second per worker).

Stopping.  Workers ignore SIGINT: Ctrl-C reaches the parent, which terminates the pool (a
worker's open transaction is rolled back by the server) and reports what was stored.  When
storing a file fails and the parent cannot connect either, the server is gone: the pool is
terminated and the files left are counted, not tried one by one.  A worker whose parent has
died (SIGKILL) finishes its current file and exits quietly: it checks its parent before it
reports, and SIGPIPE, restored to its default, ends it silently if the parent dies meanwhile.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from sqlalchemy.engine import Engine, make_url

from govperf.db.engine import describe_error, make_engine
from govperf.errors import GovperfError, printable
from govperf.load.lookups import Lookups
from govperf.load.paths import expand_inputs
from govperf.load.pipeline import import_file, server_reachable
from govperf.load.results import FileResult, ImportOptions, ImportReport

_worker: dict[str, Any] = {}


def import_parallel(
    engine: Engine | None,
    inputs: Iterable[str],
    options: ImportOptions,
    *,
    jobs: int,
    on_file: Callable[[FileResult], None] | None = None,
) -> ImportReport:
    """Import the files of ``inputs`` with ``jobs`` processes; the report is in input order."""
    url = None if engine is None else engine.url.render_as_string(hide_password=False)
    if engine is not None:
        engine.dispose()  # no pooled connection may be inherited by a forked worker
    report = ImportReport()
    results: dict[int, FileResult] = {}
    paths: list[tuple[int, str]] = []
    context = multiprocessing.get_context(_start_method())
    pool = context.Pool(jobs, initializer=_start_worker, initargs=(url, options, os.getpid()))
    try:
        for index, result in _results(pool, expand_inputs(inputs, report.skipped), paths):
            results[index] = result
            if on_file is not None:
                on_file(result)
            if result.store_failed and engine is not None:
                reachable = server_reachable(engine)
                engine.dispose()  # a worker forked later must not inherit the connection
                if not reachable:
                    report.connection_lost = True
                    break
    except KeyboardInterrupt:
        report.interrupted = True
    finally:
        pool.terminate()  # ends workers still busy (only after a stop; otherwise all are idle)
        pool.join()
    if report.stopped:
        report.not_attempted = sum(1 for index, _path in paths if index not in results)
    report.files = [results[index] for index in sorted(results)]
    return report


def _start_method() -> str:
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return "fork"
    return "spawn"


def _results(
    pool: Any, items: Iterable[str | GovperfError], paths: list[tuple[int, str]]
) -> Iterator[tuple[int, FileResult]]:
    """(input index, result) pairs as files finish; names that matched nothing come first.
    ``paths`` receives the files handed to the workers."""
    for index, item in enumerate(items):
        if isinstance(item, GovperfError):
            yield index, FileResult(path=getattr(item, "path", ""), error=str(item))
        else:
            paths.append((index, item))
    yield from pool.imap_unordered(_import_one, paths, chunksize=1)


def _start_worker(url: str | None, options: ImportOptions, parent: int) -> None:
    """Per worker: an engine and the lookups; a failure is kept and reported per file.

    (An initializer that raised would make the pool start replacement workers forever.)
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # a dead parent's pipe ends us without a traceback
    _worker["parent"] = parent
    _worker["options"] = options
    _worker["engine"] = _worker["lookups"] = _worker["error"] = None
    if url is None or options.dry_run:
        return
    try:
        engine = make_engine(make_url(url))
        _worker["lookups"] = Lookups.load(engine)
        _worker["engine"] = engine
    except Exception as error:
        _worker["error"] = f"could not be stored ({describe_error(error)})"


def _import_one(item: tuple[int, str]) -> tuple[int, FileResult]:
    index, path = item
    if _worker["error"] is not None:
        return index, FileResult(path=path, error=f"{printable(path)}: {_worker['error']}")
    result = import_file(_worker["engine"], path, _worker["options"], _worker["lookups"])
    if os.getppid() != _worker["parent"]:  # the parent is gone: no one to report to
        os._exit(0)
    return index, result
