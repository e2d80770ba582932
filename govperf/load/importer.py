"""Import files into the database: read → parse → load, one transaction per document.

Loading is idempotent on (source_sha256, part): the unique key and ``ON CONFLICT DO NOTHING``
make a second import of the same bytes — or two importers racing on one folder — add nothing.
``replace=True`` deletes a part's earlier rows and loads it again in the same transaction.
A file that cannot be read or recognised is reported with its reason; the others still load.

Files are streamed: one file is read, parsed and stored before the next is read, so memory does
not grow with the number of files.  ``jobs > 1`` spreads the files over worker processes
(govperf.parallel); each worker parses and stores its own files, one transaction per document.

The load stage is a handful of round trips per document, whatever its size: the document row
(``INSERT … ON CONFLICT DO NOTHING RETURNING id``), one ``nextval`` batch for the task ids, then
``COPY … FROM STDIN`` for its tasks, category results and observations (benchmarks/RESULTS.md
has the figures against multi-row INSERTs and a bare COPY).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import psycopg
from psycopg.types.json import Jsonb
from sqlalchemy import select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

from govperf import __version__
from govperf.db import models
from govperf.documents import ParsedDocument, Source, parse_source, read_source
from govperf.documents.parse import nothing_found
from govperf.errors import GovperfError, printable
from govperf.load.paths import expand_inputs
from govperf.query.analysis import apply_user_aliases

PARSER_VERSION = __version__
# numeric(20,6) holds |value| < 10**14; a larger number is a misread, not a measurement.
VALUE_LIMIT = Decimal(10) ** 14
VALUE_QUANTUM = Decimal("0.000001")

DOCUMENT_COLUMNS = (
    "source_sha256",
    "part",
    "source_name",
    "genre",
    "genre_confidence",
    "region_code",
    "year",
    "year_source",
    "period_label",
    "period_start",
    "period_end",
    "title",
    "published_on",
    "encoding",
    "original_text",
    "totals",
    "warnings",
    "parser_version",
)
INSERT_DOCUMENT = (
    f"INSERT INTO documents ({', '.join(DOCUMENT_COLUMNS)}) "
    f"VALUES ({', '.join(['%s'] * len(DOCUMENT_COLUMNS))}) "
    "ON CONFLICT (source_sha256, part) DO NOTHING RETURNING id"
)
DELETE_DOCUMENT = "DELETE FROM documents WHERE source_sha256 = %s AND part = %s"
TASK_IDS = "SELECT nextval(pg_get_serial_sequence('tasks', 'id')) FROM generate_series(1, %s)"
TASK_COLUMNS = (
    "id",
    "document_id",
    "seq_no",
    "ref_code",
    "category_id",
    "title",
    "target_text",
    "progress_text",
    "status",
)
CATEGORY_RESULT_COLUMNS = (
    "document_id",
    "category_id",
    "tasks_total",
    "tasks_done",
    "tasks_lagging",
    "source",
)
OBSERVATION_COLUMNS = (
    "document_id",
    "task_id",
    "category_id",
    "region_code",
    "year",
    "label",
    "metric_code",
    "measure",
    "kind",
    "comparator",
    "value",
    "value_max",
    "unit",
    "raw_value",
    "raw_unit",
    "span_start",
    "span_end",
    "snippet",
    "period_label",
    "period_start",
    "period_end",
    "notes",
)


@dataclass(frozen=True)
class ImportOptions:
    """What the user told ``govperf import`` beyond the paths."""

    genre: str | None = None
    district: str | None = None
    year: int | None = None
    replace: bool = False
    dry_run: bool = False


@dataclass
class PartResult:
    """What happened to one document (one part of a file)."""

    part: int
    genre: str
    district_code: str
    year: int | None
    tasks: int
    observations: int
    status: str  # imported | replaced | unchanged | parsed (dry run)
    boilerplate_chars: int = 0  # characters cut as web boilerplate
    warning: str | None = None  # set when non-empty text gave no observation and no task


@dataclass
class FileResult:
    """What happened to one file: its parts, or the one-line reason it failed."""

    path: str
    parts: list[PartResult] = field(default_factory=list)
    error: str | None = None
    # Storing failed on the database side (not a bad file): the importer checks the server is
    # still reachable before it goes on.
    store_failed: bool = False
    interrupted: bool = False  # Ctrl-C arrived while this file was read or stored

    @property
    def status(self) -> str:
        if self.interrupted:
            return "interrupted"
        if self.error is not None:
            return "failed"
        statuses = {p.status for p in self.parts}
        return statuses.pop() if len(statuses) == 1 else "mixed"


@dataclass
class ImportReport:
    files: list[FileResult] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # files of unsupported types in folders
    interrupted: bool = False  # stopped by Ctrl-C
    connection_lost: bool = False  # stopped: the database could no longer be reached
    not_attempted: int = 0  # files left when the import stopped

    @property
    def failed(self) -> list[FileResult]:
        return [f for f in self.files if f.error is not None]

    @property
    def stopped(self) -> bool:
        return self.interrupted or self.connection_lost

    def stored(self) -> tuple[int, int]:
        """(documents, files) written by this run: parts imported or replaced."""
        counts = [sum(p.status in ("imported", "replaced") for p in f.parts) for f in self.files]
        return sum(counts), sum(1 for c in counts if c)


def parse_file(path: str, options: ImportOptions) -> tuple[Source, list[ParsedDocument]]:
    """Read and recognise one file (no database)."""
    source = read_source(path)
    return source, parse_source(source, genre=options.genre, district=options.district, year=options.year)


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
        from govperf.load.parallel import import_parallel

        return import_parallel(engine, inputs, options, jobs=jobs, on_file=on_file)
    report = ImportReport()
    lookups = None if engine is None or options.dry_run else Lookups.load(engine)
    items = expand_inputs(inputs, report.skipped)
    try:
        for item in items:
            if isinstance(item, GovperfError):
                result = FileResult(path=getattr(item, "path", ""), error=str(item))
            else:
                result = import_file(engine, item, options, lookups)
            report.files.append(result)
            if on_file is not None:
                on_file(result)
            if result.interrupted:
                report.interrupted = True
                break
            if result.store_failed and engine is not None and not server_reachable(engine):
                report.connection_lost = True
                break
    except KeyboardInterrupt:  # between two files
        report.interrupted = True
    if report.stopped:
        report.not_attempted = sum(1 for item in items if isinstance(item, str))
    return report


def server_reachable(engine: Engine) -> bool:
    """Whether a new connection to the database succeeds (after storing a file failed)."""
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
    except Exception:
        return False
    return True


def import_file(
    engine: Engine | None, path: str, options: ImportOptions, lookups: Lookups | None
) -> FileResult:
    """Import one file; a failure is recorded on the result, never raised, and so is Ctrl-C
    (``interrupted``: the parts stored before it stay on the result; the caller stops)."""
    result = FileResult(path=path)
    try:
        source, documents = parse_file(path, options)
        if engine is None or lookups is None or options.dry_run:
            result.parts = [_summary(document, "parsed") for document in documents]
            return result
        store_documents(engine, lookups, source, documents, options.replace, result)
    except GovperfError as error:
        result.error = str(error)
    except KeyboardInterrupt:
        result.interrupted = True
    return result


def store_documents(
    engine: Engine,
    lookups: Lookups,
    source: Source,
    documents: Sequence[ParsedDocument],
    replace: bool,
    result: FileResult,
) -> None:
    """Store the parsed parts of one file, each in its own transaction, recording each on ``result``."""
    from govperf.db.engine import describe_error

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


def _summary(document: ParsedDocument, status: str) -> PartResult:
    return PartResult(
        part=document.part,
        genre=document.genre,
        district_code=document.district_code,
        year=document.year,
        tasks=len(document.tasks),
        observations=len(document.observations),
        status=status,
        boilerplate_chars=document.boilerplate_chars,
        warning=None if document.observations or document.tasks else nothing_found(document),
    )


@dataclass(frozen=True)
class Lookups:
    """Reference ids the loader needs, read once per import run (and per worker process)."""

    categories: dict[str, int]
    regions: frozenset[str]
    metrics: frozenset[str]
    # Aliases users added (govperf alias add): the extractor knows only the builtin ones, so
    # each stored document is re-mapped by these in its own transaction.
    user_aliases: bool = False

    @classmethod
    def load(cls, engine: Engine) -> Lookups:
        with Session(engine) as session:
            categories = {
                code: id_ for id_, code in session.execute(select(models.Category.id, models.Category.code))
            }
            regions = frozenset(session.scalars(select(models.Region.code)))
            metrics = frozenset(session.scalars(select(models.Metric.code)))
            user_aliases = session.scalar(
                select(models.MetricAlias.id).where(models.MetricAlias.source == "user").limit(1)
            )
        return cls(
            categories=categories, regions=regions, metrics=metrics, user_aliases=user_aliases is not None
        )


def load_document(
    connection: Connection, lookups: Lookups, source: Source, document: ParsedDocument, replace: bool
) -> PartResult:
    """Store one parsed document in its own transaction on ``connection``; returns what happened."""
    with connection.begin():
        cursor = _driver_connection(connection).cursor()
        if replace:
            cursor.execute(DELETE_DOCUMENT, (source.sha256, document.part))
        row = cursor.execute(INSERT_DOCUMENT, document_row(source, document, lookups)).fetchone()
        if row is None:  # (sha256, part) is already loaded: the idempotency key
            return _summary(document, "unchanged")
        document_id = int(row[0])
        task_ids = _copy_tasks(cursor, document, document_id, lookups)
        _copy_category_results(cursor, document, document_id, lookups)
        stored = _copy_observations(cursor, document, document_id, task_ids, lookups)
        if lookups.user_aliases:
            apply_user_aliases(connection, [document_id])
    result = _summary(document, "replaced" if replace else "imported")
    result.observations = stored
    return result


def _driver_connection(connection: Connection) -> psycopg.Connection[Any]:
    driver = connection.connection.driver_connection
    if not isinstance(driver, psycopg.Connection):
        raise GovperfError("the import needs the psycopg (version 3) driver")
    return driver


def document_row(source: Source, document: ParsedDocument, lookups: Lookups) -> tuple[Any, ...]:
    if document.district_code not in lookups.regions:
        raise GovperfError(f"unknown district code {document.district_code}")
    return (
        source.sha256,
        document.part,
        source.name,
        document.genre,
        Decimal(str(round(document.genre_confidence, 3))),
        document.district_code,
        document.year,
        document.year_source,
        document.period_label,
        document.period_start,
        document.period_end,
        _clean_opt(document.title),
        document.published_on,
        source.encoding,
        _clean(document.text),
        Jsonb(document.totals),
        [_clean(w) for w in document.warnings],
        PARSER_VERSION,
    )


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


def _copy_tasks(
    cursor: psycopg.Cursor[Any], document: ParsedDocument, document_id: int, lookups: Lookups
) -> list[int]:
    if not document.tasks:
        return []
    task_ids = [int(r[0]) for r in cursor.execute(TASK_IDS, (len(document.tasks),)).fetchall()]
    _copy(cursor, "tasks", TASK_COLUMNS, task_rows(document, document_id, task_ids, lookups))
    return task_ids


def task_rows(
    document: ParsedDocument, document_id: int, task_ids: Sequence[int], lookups: Lookups
) -> Iterator[tuple[Any, ...]]:
    """The ``tasks`` rows of a document (ids given), in ``TASK_COLUMNS`` order."""
    categories = lookups.categories
    for task_id, task in zip(task_ids, document.tasks, strict=True):
        yield (
            task_id,
            document_id,
            task.seq_no,
            task.ref_code,
            categories.get(task.category_code or ""),
            _clean(task.title),
            _clean_opt(task.target_text),
            _clean_opt(task.progress_text),
            task.status,
        )


def _copy_category_results(
    cursor: psycopg.Cursor[Any], document: ParsedDocument, document_id: int, lookups: Lookups
) -> None:
    rows = category_result_rows(document, document_id, lookups)
    if rows:
        _copy(cursor, "category_results", CATEGORY_RESULT_COLUMNS, rows)


def category_result_rows(
    document: ParsedDocument, document_id: int, lookups: Lookups
) -> list[tuple[Any, ...]]:
    """The ``category_results`` rows of a document, in ``CATEGORY_RESULT_COLUMNS`` order."""
    return [
        (
            document_id,
            lookups.categories[result.category_code],
            result.tasks_total,
            result.tasks_done,
            result.tasks_lagging,
            "stated",
        )
        for result in document.category_results
        if result.category_code in lookups.categories
    ]


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


def observation_rows(
    document: ParsedDocument, document_id: int, task_ids: Sequence[int], lookups: Lookups
) -> Iterator[tuple[Any, ...]]:
    """The ``observations`` rows of a document, in ``OBSERVATION_COLUMNS`` order.

    Values too large for numeric(20,6) (misreads) are left out.
    """
    regions, metrics, categories = lookups.regions, lookups.metrics, lookups.categories
    quantum, limit = VALUE_QUANTUM, VALUE_LIMIT
    for parsed in document.observations:
        obs = parsed.observation
        value, value_max, raw_value = obs.value, obs.value_max, obs.raw_value
        if not _storable(value, limit) or not _storable(raw_value, limit):
            continue
        if value_max is not None and not _storable(value_max, limit):
            continue
        yield (
            document_id,
            task_ids[parsed.task_index] if parsed.task_index is not None else None,
            categories.get(parsed.category_code or ""),
            obs.district_code if obs.district_code in regions else document.district_code,
            obs.year if obs.year is not None else document.year,
            _clean(obs.label),
            obs.metric_code if obs.metric_code in metrics else None,
            obs.measure,
            obs.kind,
            obs.comparator,
            value.quantize(quantum),
            None if value_max is None else value_max.quantize(quantum),
            _clean(obs.unit),
            raw_value.quantize(quantum),
            _clean(obs.raw_unit),
            obs.span_start,
            obs.span_end,
            _clean(obs.snippet),
            obs.period_label,
            obs.period_start,
            obs.period_end,
            list(obs.notes),
        )


def _storable(value: Decimal, limit: Decimal) -> bool:
    return value.is_finite() and -limit < value < limit


def _clean(text: str) -> str:
    """PostgreSQL text cannot hold NUL; U+FFFD keeps every offset where it was."""
    return text.replace("\x00", "\ufffd") if "\x00" in text else text


def _clean_opt(text: str | None) -> str | None:
    return None if text is None else _clean(text)
