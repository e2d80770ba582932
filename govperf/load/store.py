"""Storing parsed documents: a batch of documents per transaction, each document atomic,
idempotent on (source_sha256, part).

A batch (``store_batch``) is one transaction: each document's row and its task ids (``INSERT …
ON CONFLICT DO NOTHING RETURNING id`` with a ``nextval`` batch, one statement per document),
then ONE ``COPY … FROM STDIN`` per table (tasks, category results, observations) for every
document the batch inserted, then one commit.  Long COPY streams let the server store rows while
the client formats the next ones, and the batch pays its round trips and commit once
(benchmarks/RESULTS.md has the figures).

Each document stays atomic: the batch commits whole or not at all.  When the batch fails on a
database error (a row the server refuses), it is rolled back and stored again document by
document in one transaction, each document under its own savepoint: a failing document rolls
back to its savepoint and is reported, the others commit.  A batch cut off (a crash, a lost
connection, SIGKILL) leaves none of its documents; a re-run stores them, and those committed
earlier are found by the unique key and left unchanged, so every document ends up stored once.
Ctrl-C during a batch keeps the documents read before the one in flight: the batch is rolled
back and those documents are stored again, then the interrupt goes on.

Each transaction commits without waiting for the disk (``synchronous_commit off``, local to it):
it is atomic and visible at once, and ``flush`` — one synchronous commit at the end of an import
— makes every earlier one durable with a single WAL flush.  A server crash before that loses only
whole documents of the last moments, which a re-run loads again.

``replace=True`` deletes a part's earlier rows and loads it again in the same transaction.
Once a user alias exists, the stored observations are re-mapped by the user aliases in the same
transaction (govperf.db.aliases).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
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
    COPY_CATEGORY_RESULTS,
    COPY_OBSERVATIONS,
    COPY_TASKS,
    DELETE_DOCUMENT,
    FLUSH_WAL,
    INSERT_DOCUMENT_AND_TASK_IDS,
    RELEASE_SAVEPOINT,
    ROLLBACK_TO_SAVEPOINT,
    SAVEPOINT,
    category_result_rows,
    document_row,
    observation_rows,
    task_rows,
)


@dataclass
class Pending:
    """One parsed document waiting in a batch, and the result of the file it belongs to."""

    source: Source
    document: ParsedDocument
    result: FileResult
    values: tuple[Any, ...] = ()  # the document row and its number of tasks (set by ``_prepare``)
    # Within the current transaction: "inserted" (with its ids), "unchanged" (already stored) or None.
    status: str | None = None
    document_id: int = 0
    task_ids: list[int] = field(default_factory=list)
    observations: int = 0


def store_documents(
    engine: Engine,
    lookups: Lookups,
    source: Source,
    documents: Sequence[ParsedDocument],
    replace: bool,
    result: FileResult,
) -> None:
    """Store the parsed parts of one file as one batch, recording each on ``result``."""
    try:
        with engine.connect() as connection:
            store_batch(connection, lookups, [Pending(source, d, result) for d in documents], replace)
    except KeyboardInterrupt:
        raise
    except Exception as error:  # no connection at all
        result.error = f"{printable(result.path)}: could not be stored ({describe_error(error)})"
        result.store_failed = True


def store_batch(connection: Connection, lookups: Lookups, batch: Sequence[Pending], replace: bool) -> bool:
    """Store ``batch`` on ``connection``, each document atomic; record each on its file's result.

    Returns False when a document failed on the database side (its result says so); on Ctrl-C
    keeps the documents before the one in flight, marks that one's file interrupted and re-raises.
    """
    ready = [item for item in batch if _prepare(item, lookups)]
    if not ready:
        return True
    driver = _driver_connection(connection)
    try:
        _store_together(connection, driver, lookups, ready, replace)
    except KeyboardInterrupt:
        done = [item for item in ready if item.status is not None]
        in_flight = next((item for item in ready if item.status is None), None)
        if in_flight is not None:
            in_flight.result.interrupted = True
        if done and not driver.broken:
            _store_together(connection, driver, lookups, done, replace)
            _record(done, replace)
        raise
    except Exception as error:
        if driver.broken or driver.closed:
            return _failed(ready, error)
        return _store_one_by_one(connection, driver, lookups, ready, replace)
    _record(ready, replace)
    return True


def load_document(
    connection: Connection, lookups: Lookups, source: Source, document: ParsedDocument, replace: bool
) -> PartResult:
    """Store one parsed document in its own transaction on ``connection``; returns what happened."""
    item = Pending(source, document, FileResult(path=source.path))
    if not _prepare(item, lookups):
        raise GovperfError(item.result.error or "")
    _store_together(connection, _driver_connection(connection), lookups, [item], replace)
    _record([item], replace)
    return item.result.parts[-1]


def flush(engine: Engine) -> None:
    """Make every document committed so far durable: one synchronous commit (of a transaction
    that writes WAL, so it waits) flushes the WAL up to it, earlier asynchronous commits included."""
    with engine.begin() as connection:
        connection.exec_driver_sql(FLUSH_WAL)


def _prepare(item: Pending, lookups: Lookups) -> bool:
    """Build the document row; a document that cannot be stored (unknown district) is reported."""
    try:
        item.values = (*document_row(item.source, item.document, lookups), len(item.document.tasks))
    except GovperfError as error:
        item.result.error = f"{printable(item.result.path)}: part {item.document.part}: {error}"
        return False
    return True


def _store_together(
    connection: Connection,
    driver: psycopg.Connection[Any],
    lookups: Lookups,
    items: Sequence[Pending],
    replace: bool,
) -> None:
    """The batch in one transaction: a statement per document row, one COPY per table."""
    for item in items:
        item.status = None
    with connection.begin():
        cursor = driver.cursor()
        for item in items:
            _insert(cursor, item, replace)
        try:
            _copy_rows(connection, cursor, lookups, items)
        except KeyboardInterrupt:  # no document of the batch is whole: none is kept
            for item in items:
                item.status = None
            raise


def _store_one_by_one(
    connection: Connection,
    driver: psycopg.Connection[Any],
    lookups: Lookups,
    items: Sequence[Pending],
    replace: bool,
) -> bool:
    """The batch again in one transaction, each document under its own savepoint: a document the
    server refuses rolls back to its savepoint and is reported; the others commit."""
    stored: list[Pending] = []
    refused: list[tuple[Pending, BaseException]] = []
    for item in items:
        item.status = None
    try:
        with connection.begin():
            cursor = driver.cursor()
            for item in items:
                cursor.execute(SAVEPOINT)
                try:
                    _insert(cursor, item, replace)
                    _copy_rows(connection, cursor, lookups, [item])
                except psycopg.Error as error:
                    if driver.broken:
                        raise
                    cursor.execute(ROLLBACK_TO_SAVEPOINT)
                    item.status = None
                    refused.append((item, error))
                else:
                    cursor.execute(RELEASE_SAVEPOINT)
                    stored.append(item)
    except KeyboardInterrupt:
        next((item for item in items if item.status is None), items[0]).result.interrupted = True
        raise
    except Exception as error:
        return _failed(items, error)
    _record(stored, replace)
    for item, reason in refused:
        _failed([item], reason)
    return not refused


def _failed(items: Iterable[Pending], error: BaseException) -> bool:
    reason = describe_error(error)
    for item in items:
        item.status = None
        where = f"{printable(item.result.path)}: part {item.document.part}"
        item.result.error = f"{where}: could not be stored ({reason})"
        item.result.store_failed = True
    return False


def _record(items: Iterable[Pending], replace: bool) -> None:
    """What happened to each document of a committed transaction, on its file's result."""
    for item in items:
        if item.status == "unchanged":
            item.result.parts.append(summarize(item.document, "unchanged"))
        elif item.status == "inserted":
            part = summarize(item.document, "replaced" if replace else "imported")
            part.observations = item.observations
            item.result.parts.append(part)


def _driver_connection(connection: Connection) -> psycopg.Connection[Any]:
    driver = connection.connection.driver_connection
    if not isinstance(driver, psycopg.Connection):
        raise GovperfError("the import needs the psycopg (version 3) driver")
    return driver


def _insert(cursor: psycopg.Cursor[Any], item: Pending, replace: bool) -> None:
    """The document row and its task ids; a row already stored leaves the document unchanged."""
    if replace:
        cursor.execute(DELETE_DOCUMENT, (item.source.sha256, item.document.part))
    row = cursor.execute(INSERT_DOCUMENT_AND_TASK_IDS, item.values).fetchone()
    if row is None:  # (sha256, part) is already loaded: the idempotency key
        item.status = "unchanged"
        return
    item.status = "inserted"
    item.document_id = int(row[0])
    item.task_ids = [int(i) for i in row[1]]


def _copy_rows(
    connection: Connection, cursor: psycopg.Cursor[Any], lookups: Lookups, items: Sequence[Pending]
) -> None:
    """One COPY per table for the tasks, category results and observations of the documents
    inserted (a table with no rows is skipped), then the user aliases."""
    inserted = [item for item in items if item.status == "inserted"]
    if not inserted:
        return
    _copy(cursor, COPY_TASKS, (row for i in inserted for row in _tasks(i, lookups)))
    _copy(cursor, COPY_CATEGORY_RESULTS, (row for i in inserted for row in _categories(i, lookups)))
    _copy(cursor, COPY_OBSERVATIONS, (row for i in inserted for row in _observations(i, lookups)))
    if lookups.user_aliases:
        apply_user_aliases(connection, [item.document_id for item in inserted])


def _tasks(item: Pending, lookups: Lookups) -> Iterator[tuple[Any, ...]]:
    return task_rows(item.document, item.document_id, item.task_ids, lookups) if item.task_ids else iter(())


def _categories(item: Pending, lookups: Lookups) -> Iterable[tuple[Any, ...]]:
    return category_result_rows(item.document, item.document_id, lookups)


def _observations(item: Pending, lookups: Lookups) -> Iterator[tuple[Any, ...]]:
    """The document's observation rows, counted on ``item`` as they are sent."""
    item.observations = 0
    for row in observation_rows(item.document, item.document_id, item.task_ids, lookups):
        item.observations += 1
        yield row


def _copy(cursor: psycopg.Cursor[Any], statement: str, rows: Iterator[tuple[Any, ...]]) -> None:
    """COPY ``rows`` with ``statement``; nothing is sent when there is no row."""
    first = next(rows, None)
    if first is None:
        return
    with cursor.copy(statement) as copy:
        copy.write_row(first)
        for row in rows:
            copy.write_row(row)
