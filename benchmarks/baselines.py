"""The two loaders the import is measured against, on the same pre-parsed documents.

* ``copy_load`` — client-side COPY: one transaction, one ``COPY … FROM STDIN`` per table
  (documents, tasks, category results, observations) of exactly the rows the importer builds
  (``govperf.load.rows.*_rows``), ids reserved up front from the tables' sequences.
* ``server_copy_load`` — the physical limit without a client: the same rows written to files
  and loaded by the server itself (``COPY table FROM '/file'``), one transaction, same tables.
* ``naive_load`` — the naive peer: one ORM ``session.add()`` and ``commit()`` per row.

``real_load`` is the importer's own load stage (``govperf.store.load_document``, one
transaction per document), so all three write the same rows into the same tables.
``shifted`` makes a copy of a parsed file some years later under another hash: the scaling
benchmark loads N=10 ten times over, a decade apart, to stand in for N=100 (RESULTS.md says so).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import time
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

import psycopg
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, Engine
from sqlalchemy.orm import Session

from govperf.db import models
from govperf.documents import ParsedDocument, Source
from govperf.load import rows, store
from govperf.load.lookups import Lookups

ParsedFile = tuple[Source, list[ParsedDocument]]
TABLES = ("documents", "tasks", "category_results", "observations")


def table_counts(engine: Engine, prefix: str = "") -> dict[str, int]:
    with engine.connect() as conn:
        return {t: int(conn.scalar(text(f"SELECT count(*) FROM {prefix}{t}")) or 0) for t in TABLES}


def real_load(engine: Engine, lookups: Lookups, files: Iterable[ParsedFile]) -> int:
    """The importer's load stage; returns the observations stored."""
    stored = 0
    with engine.connect() as connection:
        for source, documents in files:
            for document in documents:
                stored += store.load_document(connection, lookups, source, document, False).observations
    return stored


def _reserve(cursor: psycopg.Cursor[Any], table: str, count: int) -> list[int]:
    query = f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, %s)"
    return [int(r[0]) for r in cursor.execute(query, (count,)).fetchall()] if count else []


def copy_load(url: URL, lookups: Lookups, files: Sequence[ParsedFile]) -> int:
    """Every row in one transaction, one COPY per table; returns the observations stored."""
    documents = [(source, document) for source, parsed in files for document in parsed]
    libpq = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(libpq) as conn, conn.cursor() as cursor:
        document_ids = _reserve(cursor, "documents", len(documents))
        task_ids = _reserve(cursor, "tasks", sum(len(d.tasks) for _, d in documents))
        columns = ", ".join(("id", *rows.DOCUMENT_COLUMNS))
        with cursor.copy(f"COPY documents ({columns}) FROM STDIN") as copy:
            for document_id, (source, document) in zip(document_ids, documents, strict=True):
                copy.write_row((document_id, *rows.document_row(source, document, lookups)))
        ids_per_document, start = [], 0
        with cursor.copy(f"COPY tasks ({', '.join(rows.TASK_COLUMNS)}) FROM STDIN") as copy:
            for document_id, (_, document) in zip(document_ids, documents, strict=True):
                ids = task_ids[start : start + len(document.tasks)]
                start += len(document.tasks)
                ids_per_document.append(ids)
                for row in rows.task_rows(document, document_id, ids, lookups):
                    copy.write_row(row)
        with cursor.copy(
            f"COPY category_results ({', '.join(rows.CATEGORY_RESULT_COLUMNS)}) FROM STDIN"
        ) as copy:
            for document_id, (_, document) in zip(document_ids, documents, strict=True):
                for row in rows.category_result_rows(document, document_id, lookups):
                    copy.write_row(row)
        stored = 0
        with cursor.copy(f"COPY observations ({', '.join(rows.OBSERVATION_COLUMNS)}) FROM STDIN") as copy:
            for document_id, ids, (_, document) in zip(
                document_ids, ids_per_document, documents, strict=True
            ):
                for row in rows.observation_rows(document, document_id, ids, lookups):
                    copy.write_row(row)
                    stored += 1
    return stored


def naive_load(url: URL, lookups: Lookups, files: Iterable[ParsedFile]) -> int:
    """One ORM object added and committed at a time; returns the observations stored."""
    engine = create_engine(url)
    stored = 0
    try:
        with Session(engine) as session:
            for source, parsed in files:
                for document in parsed:
                    stored += _naive_document(session, lookups, source, document)
    finally:
        engine.dispose()
    return stored


def _naive_document(session: Session, lookups: Lookups, source: Source, document: ParsedDocument) -> int:
    values = dict(zip(rows.DOCUMENT_COLUMNS, rows.document_row(source, document, lookups), strict=True))
    row = models.Document(**(values | {"totals": document.totals}))
    session.add(row)
    session.commit()
    document_id = row.id
    task_ids = []
    for task_values in rows.task_rows(document, document_id, [0] * len(document.tasks), lookups):
        task = models.Task(**dict(zip(rows.TASK_COLUMNS[1:], task_values[1:], strict=True)))
        session.add(task)
        session.commit()
        task_ids.append(task.id)
    for result_values in rows.category_result_rows(document, document_id, lookups):
        session.add(
            models.CategoryResult(**dict(zip(rows.CATEGORY_RESULT_COLUMNS, result_values, strict=True)))
        )
        session.commit()
    stored = 0
    for obs_values in rows.observation_rows(document, document_id, task_ids, lookups):
        session.add(models.Observation(**dict(zip(rows.OBSERVATION_COLUMNS, obs_values, strict=True))))
        session.commit()
        stored += 1
    return stored


def shifted(parsed: ParsedFile, years: int) -> ParsedFile:
    """The same file as if written ``years`` later, under another sha256."""
    if years == 0:
        return parsed
    source, documents = parsed
    sha = hashlib.sha256(f"{source.sha256}+{years}".encode()).hexdigest()
    return dataclasses.replace(source, sha256=sha), [_shift_document(d, years) for d in documents]


def _shift_document(document: ParsedDocument, years: int) -> ParsedDocument:
    observations = [
        dataclasses.replace(parsed, observation=_shift_observation(parsed.observation, years))
        for parsed in document.observations
    ]
    return dataclasses.replace(
        document,
        year=_plus(document.year, years),
        period_start=_shift_date(document.period_start, years),
        period_end=_shift_date(document.period_end, years),
        published_on=_shift_date(document.published_on, years),
        observations=observations,
    )


def _shift_observation(observation: Any, years: int) -> Any:
    return dataclasses.replace(
        observation,
        year=_plus(observation.year, years),
        period_start=_shift_date(observation.period_start, years),
        period_end=_shift_date(observation.period_end, years),
    )


def _plus(year: int | None, years: int) -> int | None:
    return None if year is None else year + years


def _shift_date(day: date | None, years: int) -> date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a common year
        return day.replace(year=day.year + years, day=28)


def server_copy_load(
    url: URL, lookups: Lookups, files: Sequence[ParsedFile], folder: str, *, bare: bool = False
) -> float:
    """The physical limit: server-side ``COPY table FROM '/file'`` of the same rows, in one
    transaction, into the same tables (foreign keys and indexes included); returns the seconds
    of the COPYs alone.

    The rows are those ``copy_load`` stores: they are loaded once (not timed), written out by
    ``COPY … TO STDOUT`` into files in ``folder`` (which must be readable by the server's system
    user: the embedded server runs as ``pgserver`` when started by root), the tables are emptied
    with ``TRUNCATE``, and the files are loaded back server-side.
    """
    copy_load(url, lookups, files)
    libpq = url.set(drivername="postgresql").render_as_string(hide_password=False)
    os.chmod(folder, 0o755)
    paths = {table: os.path.join(folder, f"{table}.copy") for table in TABLES}
    with psycopg.connect(libpq) as conn, conn.cursor() as cursor:
        for table, path in paths.items():
            with open(path, "wb") as handle, cursor.copy(f"COPY {table} TO STDOUT") as copy:
                for block in copy:
                    handle.write(block)
            os.chmod(path, 0o644)
        cursor.execute(f"TRUNCATE {', '.join(TABLES)}")
        targets = {table: f"bare_{table}" if bare else table for table in TABLES}
        for table, target in targets.items():
            if bare:
                cursor.execute(f"CREATE TABLE {target} (LIKE {table})")
        conn.commit()
        started = time.perf_counter()
        for table, path in paths.items():
            cursor.execute(f"COPY {targets[table]} FROM '{path}'")
        conn.commit()
        return time.perf_counter() - started
