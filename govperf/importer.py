"""Import files into the database: read → parse → load, one transaction per document.

Loading is idempotent on (source_sha256, part): the unique key and ``ON CONFLICT DO NOTHING``
make a second import of the same bytes — or two importers racing on one folder — add nothing.
``replace=True`` deletes a part's earlier rows and loads it again in the same transaction.
A file that cannot be read or recognised is reported with its reason; the others still load.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Table, delete, insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from govperf import __version__, models
from govperf.documents import ParsedDocument, Source, parse_source, read_source
from govperf.errors import GovperfError
from govperf.paths import expand_inputs

PARSER_VERSION = __version__
# Row inserts go through Core tables: executemany batches them into multi-row INSERTs.
TASKS = cast(Table, models.Task.__table__)
CATEGORY_RESULTS = cast(Table, models.CategoryResult.__table__)
OBSERVATIONS = cast(Table, models.Observation.__table__)
# numeric(20,6) holds |value| < 10**14; a larger number is a misread, not a measurement.
VALUE_LIMIT = Decimal(10) ** 14
VALUE_QUANTUM = Decimal("0.000001")


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


@dataclass
class FileResult:
    """What happened to one file: its parts, or the one-line reason it failed."""

    path: str
    parts: list[PartResult] = field(default_factory=list)
    error: str | None = None

    @property
    def status(self) -> str:
        if self.error is not None:
            return "failed"
        statuses = {p.status for p in self.parts}
        return statuses.pop() if len(statuses) == 1 else "mixed"


@dataclass
class ImportReport:
    files: list[FileResult] = field(default_factory=list)

    @property
    def failed(self) -> list[FileResult]:
        return [f for f in self.files if f.error is not None]


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
) -> ImportReport:
    """Import every file named by ``inputs`` (files, folders, globs); never raises for a bad file."""
    report = ImportReport()
    lookups = None if engine is None or options.dry_run else Lookups.load(engine)
    for item in expand_inputs(inputs):
        if isinstance(item, GovperfError):
            result = FileResult(path=getattr(item, "path", ""), error=str(item))
        else:
            result = import_file(engine, item, options, lookups)
        report.files.append(result)
        if on_file is not None:
            on_file(result)
    return report


def import_file(
    engine: Engine | None, path: str, options: ImportOptions, lookups: Lookups | None
) -> FileResult:
    """Import one file; a failure is recorded on the result, never raised."""
    result = FileResult(path=path)
    try:
        source, documents = parse_file(path, options)
    except GovperfError as error:
        result.error = str(error)
        return result
    for document in documents:
        if engine is None or lookups is None or options.dry_run:
            result.parts.append(_summary(document, "parsed"))
            continue
        try:
            result.parts.append(load_document(engine, lookups, source, document, options.replace))
        except GovperfError as error:
            result.error = f"{path}: part {document.part}: {error}"
        except Exception as error:  # a database error for this part; the batch goes on
            from govperf.db import describe_error

            result.error = f"{path}: part {document.part}: could not be stored ({describe_error(error)})"
    return result


def _summary(document: ParsedDocument, status: str) -> PartResult:
    return PartResult(
        part=document.part,
        genre=document.genre,
        district_code=document.district_code,
        year=document.year,
        tasks=len(document.tasks),
        observations=len(document.observations),
        status=status,
    )


@dataclass(frozen=True)
class Lookups:
    """Reference ids the loader needs, read once per import run."""

    categories: dict[str, int]
    regions: frozenset[str]
    metrics: frozenset[str]

    @classmethod
    def load(cls, engine: Engine) -> Lookups:
        with Session(engine) as session:
            categories = {
                code: id_ for id_, code in session.execute(select(models.Category.id, models.Category.code))
            }
            regions = frozenset(session.scalars(select(models.Region.code)))
            metrics = frozenset(session.scalars(select(models.Metric.code)))
        return cls(categories=categories, regions=regions, metrics=metrics)


def load_document(
    engine: Engine, lookups: Lookups, source: Source, document: ParsedDocument, replace: bool
) -> PartResult:
    """Store one parsed document in its own transaction; returns what happened."""
    sha256 = source.sha256  # (sha256, part) is the idempotency key
    with Session(engine) as session, session.begin():
        if replace:
            session.execute(
                delete(models.Document).where(
                    models.Document.source_sha256 == sha256, models.Document.part == document.part
                )
            )
        document_id = session.execute(
            pg_insert(models.Document)
            .values(_document_row(source, document, lookups))
            .on_conflict_do_nothing(index_elements=["source_sha256", "part"])
            .returning(models.Document.id)
        ).scalar_one_or_none()
        if document_id is None:
            return _summary(document, "unchanged")
        task_ids = _insert_tasks(session, document, document_id, lookups)
        _insert_category_results(session, document, document_id, lookups)
        stored = _insert_observations(session, document, document_id, task_ids, lookups)
    result = _summary(document, "replaced" if replace else "imported")
    result.observations = stored
    return result


def _document_row(source: Source, document: ParsedDocument, lookups: Lookups) -> dict[str, Any]:
    if document.district_code not in lookups.regions:
        raise GovperfError(f"unknown district code {document.district_code}")
    return {
        "source_sha256": source.sha256,
        "part": document.part,
        "source_name": source.name,
        "genre": document.genre,
        "genre_confidence": Decimal(str(round(document.genre_confidence, 3))),
        "region_code": document.district_code,
        "year": document.year,
        "year_source": document.year_source,
        "period_label": document.period_label,
        "period_start": document.period_start,
        "period_end": document.period_end,
        "title": _clean_opt(document.title),
        "published_on": document.published_on,
        "encoding": source.encoding,
        "original_text": _clean(document.text),
        "totals": document.totals,
        "warnings": [_clean(w) for w in document.warnings],
        "parser_version": PARSER_VERSION,
    }


def _insert_tasks(
    session: Session, document: ParsedDocument, document_id: int, lookups: Lookups
) -> list[int]:
    if not document.tasks:
        return []
    rows = [
        {
            "document_id": document_id,
            "seq_no": task.seq_no,
            "ref_code": task.ref_code,
            "category_id": lookups.categories.get(task.category_code or ""),
            "title": _clean(task.title),
            "target_text": _clean_opt(task.target_text),
            "progress_text": _clean_opt(task.progress_text),
            "status": task.status,
        }
        for task in document.tasks
    ]
    statement = insert(TASKS).returning(TASKS.c.id, sort_by_parameter_order=True)
    return list(session.connection().execute(statement, rows).scalars())


def _insert_category_results(
    session: Session, document: ParsedDocument, document_id: int, lookups: Lookups
) -> None:
    rows = [
        {
            "document_id": document_id,
            "category_id": lookups.categories[result.category_code],
            "tasks_total": result.tasks_total,
            "tasks_done": result.tasks_done,
            "tasks_lagging": result.tasks_lagging,
            "source": "stated",
        }
        for result in document.category_results
        if result.category_code in lookups.categories
    ]
    if rows:
        session.connection().execute(insert(CATEGORY_RESULTS), rows)


def _insert_observations(
    session: Session, document: ParsedDocument, document_id: int, task_ids: list[int], lookups: Lookups
) -> int:
    rows = list(_observation_rows(document, document_id, task_ids, lookups))
    if rows:
        session.connection().execute(insert(OBSERVATIONS), rows)
    return len(rows)


def _observation_rows(
    document: ParsedDocument, document_id: int, task_ids: list[int], lookups: Lookups
) -> Iterator[dict[str, Any]]:
    for parsed in document.observations:
        obs = parsed.observation
        values = [obs.value, obs.value_max, obs.raw_value]
        if any(v is not None and (not v.is_finite() or abs(v) >= VALUE_LIMIT) for v in values):
            continue
        region = obs.district_code if obs.district_code in lookups.regions else document.district_code
        task_id = task_ids[parsed.task_index] if parsed.task_index is not None else None
        yield {
            "document_id": document_id,
            "task_id": task_id,
            "category_id": lookups.categories.get(parsed.category_code or ""),
            "region_code": region,
            "year": obs.year if obs.year is not None else document.year,
            "label": _clean(obs.label),
            "metric_code": obs.metric_code if obs.metric_code in lookups.metrics else None,
            "measure": obs.measure,
            "kind": obs.kind,
            "comparator": obs.comparator,
            "value": _quantize(obs.value),
            "value_max": _quantize(obs.value_max),
            "unit": _clean(obs.unit),
            "raw_value": _quantize(obs.raw_value),
            "raw_unit": _clean(obs.raw_unit),
            "span_start": obs.span_start,
            "span_end": obs.span_end,
            "snippet": _clean(obs.snippet),
            "period_label": obs.period_label,
            "period_start": obs.period_start,
            "period_end": obs.period_end,
            "notes": list(obs.notes),
        }


def _quantize(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(VALUE_QUANTUM)


def _clean(text: str) -> str:
    """PostgreSQL text cannot hold NUL; U+FFFD keeps every offset where it was."""
    return text.replace("\x00", "\ufffd")


def _clean_opt(text: str | None) -> str | None:
    return None if text is None else _clean(text)
