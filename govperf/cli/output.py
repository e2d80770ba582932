"""How a listing command prints its rows: a table for a person, JSON or CSV for a script.

Every listing command takes ``--table``, ``--json`` and ``--csv`` (``format_options``) and ends
with ``emit(rows, columns, fmt)``.  Without one of them the output is a table when standard
output is a terminal and JSON otherwise, as sqlite-utils does: ``govperf compare … | jq`` and
``json.loads`` work without an option, and a person at a terminal still sees a table.

* JSON: a list of objects, one per line, keyed by the columns' names; numbers are JSON numbers
  written exactly (a ``Decimal`` keeps every digit, without trailing zeros), NULL is ``null``,
  dates are ISO strings; characters a terminal would act on are \\u escapes.
* CSV: a header row of the columns' names, then the rows; numbers without trailing zeros, NULL
  as an empty cell, a list as JSON.  Values are written exactly as stored, except on a terminal,
  where control characters are escaped (as in every format: JSON escapes them itself).
* table: the columns' headers (every column has one); numbers without trailing zeros; control
  characters in a cell escaped; on a terminal it fits the terminal's width (the free-text
  columns fold first; no cell is cut), elsewhere no line is ever wrapped.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

import click

from govperf.errors import printable
from govperf.query.values import plain

F = TypeVar("F", bound=Callable[..., Any])
FORMATS = ("table", "json", "csv")
Row = Mapping[str, Any]
# What json.dumps(ensure_ascii=False) leaves raw that a terminal would act on: C1 controls, line
# and paragraph separators, bidi controls (C0 controls are escaped by json.dumps itself).
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Column:
    """One column of a listing: ``key`` names it in JSON and CSV (and finds it in a row)."""

    key: str
    header: str | None = None  # the table's header (default: the key)
    right: bool = False  # right-aligned in the table (numbers)
    in_table: bool = True  # False: JSON and CSV only (the table says it once, in its title)
    wrap: bool = False  # free text that may fold over lines on a narrow terminal (others keep whole)
    show: Callable[[Any], str] | None = None  # the table's text of a value (default: text(value))

    @property
    def title(self) -> str:
        return self.header or self.key


def format_options(function: F) -> F:
    """``--table`` / ``--json`` / ``--csv`` on a listing command, as its ``fmt`` argument (None
    when none is given: see ``chosen_format``)."""
    options = (
        ("--csv", "csv", "Print CSV with a header row."),
        ("--json", "json", "Print a JSON list of objects (the default when output is not a terminal)."),
        ("--table", "table", "Print a table (the default on a terminal)."),
    )
    for flag, value, help_ in options:
        function = click.option(flag, "fmt", flag_value=value, default=None, help=help_)(function)
    return function


def chosen_format(fmt: str | None) -> str:
    """The format asked for, else a table on a terminal and JSON elsewhere."""
    if fmt is not None:
        return fmt
    return "table" if sys.stdout.isatty() else "json"


def emit(
    rows: Sequence[Row],
    columns: Sequence[Column | str],
    fmt: str | None,
    *,
    title: str | None = None,
    caption: str | None = None,
    empty: str | None = None,
) -> None:
    """Print ``rows`` in ``fmt`` (table, json, csv; None: ``chosen_format``).  ``title`` and
    ``caption`` are the table's; ``empty`` is what a table says instead of an empty table."""
    cols = [c if isinstance(c, Column) else Column(c) for c in columns]
    fmt = chosen_format(fmt)
    if fmt == "json":
        click.echo(to_json(rows, cols))
    elif fmt == "csv":
        # not click.echo, which would strip what looks like a terminal escape from the data
        sys.stdout.write(to_csv(rows, cols, escape=sys.stdout.isatty()))
        sys.stdout.flush()
    elif not rows and empty is not None:
        click.echo(empty)
    else:
        print_rich_table(rows, cols, title=title, caption=caption)


def text(value: Any) -> str:
    """A value as text: numbers without trailing zeros (36, 5.5), NULL as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return value.isoformat()
    return plain(value)


def to_json(rows: Sequence[Row], columns: Sequence[Column]) -> str:
    """A JSON list of objects, one per line; a Decimal is written as its exact digits."""
    objects = [
        "{" + ", ".join(f"{json.dumps(c.key)}: {json_value(row.get(c.key))}" for c in columns) + "}"
        for row in rows
    ]
    return "[" + ",\n ".join(objects) + "]"


def json_value(value: Any) -> str:
    """One value as JSON text: numbers exact, NaN/infinity as null, dates as ISO strings."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return text(value) if value.is_finite() else "null"
    if isinstance(value, float):
        return json.dumps(value) if math.isfinite(value) else "null"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime | date):
        return json.dumps(value.isoformat())
    if isinstance(value, list | tuple):
        return "[" + ", ".join(json_value(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{json.dumps(str(k))}: {json_value(v)}" for k, v in value.items()) + "}"
    quoted = json.dumps(str(value), ensure_ascii=False)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def to_csv(rows: Sequence[Row], columns: Sequence[Column], *, escape: bool = False) -> str:
    """CSV with a header row; ``escape``: control characters written as escapes (for a terminal,
    where a hostile file name could act on it); else every value exactly as stored."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.key for c in columns])
    for row in rows:
        cells = [_csv_cell(row.get(c.key)) for c in columns]
        writer.writerow([printable(cell) for cell in cells] if escape else cells)
    return out.getvalue()


def _csv_cell(value: Any) -> str:
    if isinstance(value, list | tuple | Mapping):
        return json_value(value)
    return text(value)


def print_rich_table(
    rows: Sequence[Row], columns: Sequence[Column], *, title: str | None = None, caption: str | None = None
) -> None:
    """The rows as a table on standard output (see the module's docstring)."""
    from rich.cells import cell_len
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    shown = [c for c in columns if c.in_table]
    cells = [[printable((c.show or text)(row.get(c.key))) for c in shown] for row in rows]
    console = Console(highlight=False, soft_wrap=False)
    if not console.is_terminal:  # piped with --table: never wrap a line
        console = Console(highlight=False, soft_wrap=False, width=100_000)
    natural = [max(cell_len(v) for v in (c.title, *(r[i] for r in cells))) for i, c in enumerate(shown)]
    widths = fit_widths(natural, [c.wrap for c in shown], console.width - 3 * len(shown) - 1)
    table = Table(
        title=None if title is None else Text(printable(title)),
        caption=None if caption is None else Text(printable(caption)),
        title_justify="left",
        caption_justify="left",
    )
    for column, width in zip(shown, widths, strict=True):
        table.add_column(
            Text(column.title), justify="right" if column.right else "left", overflow="fold", width=width
        )
    for row_cells in cells:
        table.add_row(*map(Text, row_cells))
    console.print(table)


def fit_widths(natural: Sequence[int], wraps: Sequence[bool], room: int) -> list[int | None]:
    """Widths for columns whose contents are ``natural`` wide in ``room`` columns: None (their own
    width) when they fit; else the free-text columns (``wraps``), widest first, narrowed to no
    less than 10 so the codes and numbers beside them stay whole.  (Still too wide: rich narrows
    the others; a cell then folds, it is never cut.)"""
    widths = list(natural)
    excess = sum(widths) - room
    if excess <= 0:
        return [None] * len(widths)
    floor = [min(10, w) for w in natural]
    while excess > 0:
        candidates = [i for i, wrap in enumerate(wraps) if wrap and widths[i] > floor[i]]
        if not candidates:
            break
        widest = max(candidates, key=lambda i: widths[i])
        widths[widest] -= 1
        excess -= 1
    return [w if wrap and w < n else None for w, n, wrap in zip(widths, natural, wraps, strict=True)]
