"""One file through the pipeline: read → parse → store.  A failure is recorded on the file's
result, never raised, so a batch goes on; so is Ctrl-C, which the caller turns into a stop."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from govperf.documents import ParsedDocument, Source, parse_source, read_source
from govperf.errors import GovperfError
from govperf.load.lookups import Lookups
from govperf.load.results import FileResult, ImportOptions, summarize
from govperf.load.store import store_documents


def parse_file(path: str, options: ImportOptions) -> tuple[Source, list[ParsedDocument]]:
    """Read and recognise one file (no database)."""
    source = read_source(path)
    return source, parse_source(source, genre=options.genre, district=options.district, year=options.year)


def read_file(
    path: str, options: ImportOptions, result: FileResult
) -> tuple[Source | None, list[ParsedDocument]]:
    """Read and recognise one file; a failure or Ctrl-C is recorded on ``result``, never raised."""
    try:
        return parse_file(path, options)
    except GovperfError as error:
        result.error = str(error)
    except KeyboardInterrupt:
        result.interrupted = True
    return None, []


def import_file(
    engine: Engine | None, path: str, options: ImportOptions, lookups: Lookups | None
) -> FileResult:
    """Import one file; a failure is recorded on the result, never raised, and so is Ctrl-C
    (``interrupted``: the parts stored before it stay on the result; the caller stops)."""
    result = FileResult(path=path)
    try:
        source, documents = parse_file(path, options)
        if engine is None or lookups is None or options.dry_run:
            result.parts = [summarize(document, "parsed") for document in documents]
            return result
        store_documents(engine, lookups, source, documents, options.replace, result)
    except GovperfError as error:
        result.error = str(error)
    except KeyboardInterrupt:
        result.interrupted = True
    return result


def server_reachable(engine: Engine) -> bool:
    """Whether a new connection to the database succeeds (after storing a file failed)."""
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
    except Exception:
        return False
    return True
