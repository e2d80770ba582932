"""``govperf import --jobs N``: files spread over N worker processes.

Each worker opens its own engine and reads the reference lookups once, then reads, parses and
stores whole files, one transaction per document, exactly as a single process does; the unique
key (source_sha256, part) keeps a file named twice, or raced by another importer, from loading
twice.  The parent only hands out paths and collects the small per-file results, so memory
stays flat in the number of files.

Workers are forked when the parent runs a single thread (the CLI's progress bar refreshes
without one), so they start with govperf already imported; the engine's pooled connections
are closed first, so no child shares a database socket with the parent.  With other threads
alive (a lock held at the fork would stay held in the child) they are spawned instead, at
the cost of importing govperf afresh (about a second per worker).
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from sqlalchemy.engine import Engine, make_url

from govperf.errors import GovperfError, printable
from govperf.importer import FileResult, ImportOptions, ImportReport, Lookups, import_file
from govperf.paths import expand_inputs

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
    results: dict[int, FileResult] = {}
    context = multiprocessing.get_context(_start_method())
    with context.Pool(jobs, initializer=_start_worker, initargs=(url, options)) as pool:
        for index, result in _results(pool, inputs):
            results[index] = result
            if on_file is not None:
                on_file(result)
    return ImportReport(files=[results[index] for index in sorted(results)])


def _start_method() -> str:
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return "fork"
    return "spawn"


def _results(pool: Any, inputs: Iterable[str]) -> Iterator[tuple[int, FileResult]]:
    """(input index, result) pairs as files finish; names that matched nothing come first."""
    paths: list[tuple[int, str]] = []
    for index, item in enumerate(expand_inputs(inputs)):
        if isinstance(item, GovperfError):
            yield index, FileResult(path=getattr(item, "path", ""), error=str(item))
        else:
            paths.append((index, item))
    yield from pool.imap_unordered(_import_one, paths, chunksize=1)


def _start_worker(url: str | None, options: ImportOptions) -> None:
    """Per worker: an engine and the lookups; a failure is kept and reported per file.

    (An initializer that raised would make the pool start replacement workers forever.)
    """
    from govperf.db import describe_error, make_engine

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
    return index, import_file(_worker["engine"], path, _worker["options"], _worker["lookups"])
