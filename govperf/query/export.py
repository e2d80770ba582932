"""Export a public view to CSV, JSON Lines or Parquet, with safe column=value filters.

Only the views of ``govperf.db.views.VIEWS`` can be exported.  A filter's column is checked against
the view's columns (read from ``information_schema``) and its value is always a bound parameter,
compared as text, so no user text is ever part of the SQL.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import IO, Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from govperf.db.views import VIEWS
from govperf.errors import GovperfError, printable
from govperf.query.values import plain

FORMATS = ("csv", "jsonl", "parquet")
BATCH = 5000


class ExportError(GovperfError):
    """An export asked for something that is not allowed or not possible."""


@dataclass(frozen=True)
class Filter:
    column: str
    value: str


def parse_filters(items: Sequence[str]) -> list[Filter]:
    """``column=value`` strings → filters (the value may contain '=')."""
    filters = []
    for item in items:
        column, sep, value = item.partition("=")
        if not sep or not column.strip():
            raise ExportError(f"--where {item!r}: write it as column=value (e.g. year=2019)")
        filters.append(Filter(column.strip(), value))
    return filters


def view_columns(conn: Connection, view: str) -> list[str]:
    """The columns of public view ``view``, in order."""
    if view not in VIEWS:
        raise ExportError(f"unknown view {view!r}; public views: {', '.join(VIEWS)}")
    query = text(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = :v ORDER BY ordinal_position"
    )
    return list(conn.scalars(query, {"v": view}))


def build_query(view: str, columns: Sequence[str], filters: Sequence[Filter]) -> tuple[str, dict[str, str]]:
    """SELECT of ``view`` with one bound parameter per filter; columns must be the view's own."""
    conditions, params = [], {}
    for i, item in enumerate(filters):
        if item.column not in columns:
            raise ExportError(f"--where: {view} has no column {item.column!r}; it has: {', '.join(columns)}")
        conditions.append(f'CAST("{item.column}" AS text) = :p{i}')
        params[f"p{i}"] = item.value
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    return f"SELECT * FROM {view}{where}", params


def rows(conn: Connection, view: str, filters: Sequence[Filter]) -> tuple[list[str], Iterator[Sequence[Any]]]:
    """(columns, rows) of ``view`` filtered by ``filters``, streamed in batches."""
    columns = view_columns(conn, view)
    sql, params = build_query(view, columns, filters)
    result = conn.execution_options(stream_results=True, yield_per=BATCH).execute(text(sql), params)
    return columns, (tuple(row) for row in result)


@contextmanager
def output_errors(path: str | None) -> Iterator[None]:
    """An OSError opening or writing the output (a missing folder, a read-only file, a full disk,
    a closed pipe) → one-line ExportError naming the output."""
    try:
        yield
    except OSError as error:
        where = "standard output" if path is None else printable(path)
        raise ExportError(f"cannot write {where} ({error.strerror or type(error).__name__})") from error


def write_csv(out: IO[str], columns: Sequence[str], data: Iterator[Sequence[Any]], *, bom: bool) -> int:
    if bom:
        out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    count = 0
    for row in data:
        writer.writerow([_cell(v) for v in row])
        count += 1
    return count


def write_jsonl(out: IO[str], columns: Sequence[str], data: Iterator[Sequence[Any]]) -> int:
    count = 0
    for row in data:
        record = {c: _json_value(v) for c, v in zip(columns, row, strict=True)}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_parquet(path: str, columns: Sequence[str], data: Iterator[Sequence[Any]]) -> int:
    try:
        import pyarrow as pa  # type: ignore[import-not-found,unused-ignore]
        import pyarrow.parquet as pq  # type: ignore[import-not-found,unused-ignore]
    except ImportError as error:
        raise ExportError(
            "parquet export needs pyarrow: pip install pyarrow (or use --format csv|jsonl)"
        ) from error
    records = [dict(zip(columns, row, strict=True)) for row in data]
    table = pa.Table.from_pylist(records) if records else pa.table({c: [] for c in columns})
    pq.write_table(table, path)
    return len(records)


def _cell(value: Any) -> Any:
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value
