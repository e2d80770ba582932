"""The rows of a parsed document, in the column order of the COPY statements that store them.

PostgreSQL text cannot hold NUL: every text value is cleaned (NUL → U+FFFD, offsets unchanged).
Values too large for numeric(20,6) are misreads and are left out.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

from psycopg.types.json import Jsonb

from govperf import __version__
from govperf.data.vocab import BREAKDOWNS
from govperf.documents import ParsedDocument, Source
from govperf.errors import GovperfError
from govperf.load.lookups import Lookups

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
# The document row and its task ids in one round trip: no id is drawn when the row exists.
# The same statement makes the transaction commit without waiting for the disk (``SET LOCAL
# synchronous_commit TO off``; atomic and visible at once); FLUSH_WAL, a synchronous commit,
# later makes every earlier commit durable in one flush.
INSERT_DOCUMENT_AND_TASK_IDS = (
    f"WITH inserted AS ({INSERT_DOCUMENT}) "
    "SELECT inserted.id, ARRAY(SELECT nextval(pg_get_serial_sequence('tasks', 'id')) "
    "FROM generate_series(1, %s)), set_config('synchronous_commit', 'off', true) FROM inserted"
)
# A document under its own savepoint inside a batch's transaction (govperf.load.store).
SAVEPOINT = "SAVEPOINT document"
ROLLBACK_TO_SAVEPOINT = "ROLLBACK TO SAVEPOINT document"
RELEASE_SAVEPOINT = "RELEASE SAVEPOINT document"
# (A commit waits for the disk only if its transaction wrote WAL: a temporary table's catalog rows do.)
FLUSH_WAL = "CREATE TEMPORARY TABLE govperf_flush () ON COMMIT DROP"
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
    "breakdown",
)
# One COPY statement per table the loader fills (the table names live here only, unqualified).
COPY_TASKS = f"COPY tasks ({', '.join(TASK_COLUMNS)}) FROM STDIN"
COPY_CATEGORY_RESULTS = f"COPY category_results ({', '.join(CATEGORY_RESULT_COLUMNS)}) FROM STDIN"
COPY_OBSERVATIONS = f"COPY observations ({', '.join(OBSERVATION_COLUMNS)}) FROM STDIN"


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
            _text_array(obs.notes),
            obs.breakdown if obs.breakdown in BREAKDOWNS else "total",
        )


def _storable(value: Decimal, limit: Decimal) -> bool:
    return value.is_finite() and -limit < value < limit


def _text_array(items: Sequence[str]) -> str:
    """A text[] value as PostgreSQL's array literal: COPY sends it as it is, which costs far less
    than the driver's per-row array adaptation (most observations have no note)."""
    if not items:
        return "{}"
    quoted = (_clean(item).replace("\\", "\\\\").replace('"', '\\"') for item in items)
    return "{" + ",".join(f'"{item}"' for item in quoted) + "}"


def _clean(text: str) -> str:
    """PostgreSQL text cannot hold NUL; U+FFFD keeps every offset where it was."""
    return text.replace("\x00", "\ufffd") if "\x00" in text else text


def _clean_opt(text: str | None) -> str | None:
    return None if text is None else _clean(text)
