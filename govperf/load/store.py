"""Storing the parsed parts of a file: one transaction per document, idempotent on (sha256, part).

The load stage is a handful of round trips per document, whatever its size: the document row
and its task ids (``INSERT … ON CONFLICT DO NOTHING RETURNING id`` with a ``nextval`` batch, one
statement), then ``COPY … FROM STDIN`` for its tasks, category results and observations
(benchmarks/RESULTS.md has the figures).  Each document's transaction commits without waiting
for the disk (``synchronous_commit off``, local to it): it is atomic and visible at once, and
``flush`` — one synchronous commit at the end of an import — makes every earlier one durable
with a single WAL flush.  A server crash before that loses only whole documents of the last
moments, which a re-run loads again (the unique key makes it idempotent).

``replace=True`` deletes a part's earlier rows and loads it again in the same transaction.
Once a user alias exists, the stored observations are re-mapped by the user aliases in the same
transaction (govperf.db.aliases).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import psycopg
from sqlalchemy.engine import Connection, Engine

from govperf.db.aliases import apply_user_aliases
from govperf.db.engine import describe_error
from govperf.documents import ParsedDocument, Source
from govperf.errors import GovperfError, printable
from govperf.load.lookups import Lookups
from govperf.load.results import FileResult, PartResult, summarize
from govperf.load.rows import (
    CATEGORY_RESULT_COLUMNS,
    DELETE_DOCUMENT,
    FLUSH_WAL,
    INSERT_DOCUMENT_AND_TASK_IDS,
    OBSERVATION_COLUMNS,
    TASK_COLUMNS,
    category_result_rows,
    document_row,
    observation_rows,
    task_rows,
)


def store_documents(
    engine: Engine,
    lookups: Lookups,
    source: Source,
    documents: Sequence[ParsedDocument],
    replace: bool,
    result: FileResult,
) -> None:
    """Store the parsed parts of one file, each in its own transaction, recording each on ``result``."""
    try:
        with engine.connect() as connection:
            for document in documents:
                try:
                    result.parts.append(load_document(connection, lookups, source, document, replace))
                except GovperfError as error:
                    result.error = f"{printable(result.path)}: part {document.part}: {error}"
                except Exception as error:  # a database error for this part; the batch goes on
                    reason = describe_error(error)
                    where = f"{printable(result.path)}: part {document.part}"
                    result.error = f"{where}: could not be stored ({reason})"
                    result.store_failed = True
    except Exception as error:  # no connection at all
        result.error = f"{printable(result.path)}: could not be stored ({describe_error(error)})"
        result.store_failed = True


def load_document(
    connection: Connection, lookups: Lookups, source: Source, document: ParsedDocument, replace: bool
) -> PartResult:
    """Store one parsed document in its own transaction on ``connection``; returns what happened."""
    with connection.begin():
        cursor = _driver_connection(connection).cursor()
        if replace:
            cursor.execute(DELETE_DOCUMENT, (source.sha256, document.part))
        values = (*document_row(source, document, lookups), len(document.tasks))
        row = cursor.execute(INSERT_DOCUMENT_AND_TASK_IDS, values).fetchone()
        if row is None:  # (sha256, part) is already loaded: the idempotency key
            return summarize(document, "unchanged")
        document_id = int(row[0])
        task_ids = _copy_tasks(cursor, document, document_id, [int(i) for i in row[1]], lookups)
        _copy_category_results(cursor, document, document_id, lookups)
        stored = _copy_observations(cursor, document, document_id, task_ids, lookups)
        if lookups.user_aliases:
            apply_user_aliases(connection, [document_id])
    result = summarize(document, "replaced" if replace else "imported")
    result.observations = stored
    return result


def _driver_connection(connection: Connection) -> psycopg.Connection[Any]:
    driver = connection.connection.driver_connection
    if not isinstance(driver, psycopg.Connection):
        raise GovperfError("the import needs the psycopg (version 3) driver")
    return driver


def _copy(
    cursor: psycopg.Cursor[Any], table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> int:
    """COPY ``rows`` into ``table``; returns how many were sent."""
    count = 0
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def flush(engine: Engine) -> None:
    """Make every document committed so far durable: one synchronous commit (of a transaction
    that writes WAL, so it waits) flushes the WAL up to it, earlier asynchronous commits included."""
    with engine.begin() as connection:
        connection.exec_driver_sql(FLUSH_WAL)


def _copy_tasks(
    cursor: psycopg.Cursor[Any],
    document: ParsedDocument,
    document_id: int,
    task_ids: list[int],
    lookups: Lookups,
) -> list[int]:
    if not document.tasks:
        return []
    _copy(cursor, "tasks", TASK_COLUMNS, task_rows(document, document_id, task_ids, lookups))
    return task_ids


def _copy_category_results(
    cursor: psycopg.Cursor[Any], document: ParsedDocument, document_id: int, lookups: Lookups
) -> None:
    rows = category_result_rows(document, document_id, lookups)
    if rows:
        _copy(cursor, "category_results", CATEGORY_RESULT_COLUMNS, rows)


def _copy_observations(
    cursor: psycopg.Cursor[Any],
    document: ParsedDocument,
    document_id: int,
    task_ids: list[int],
    lookups: Lookups,
) -> int:
    if not document.observations:
        return 0
    rows = observation_rows(document, document_id, task_ids, lookups)
    return _copy(cursor, "observations", OBSERVATION_COLUMNS, rows)
