"""A minimal SQL shell for machines without psql: ``govperf db shell`` uses it then, and
``python -m govperf.cli.shell [URL]`` runs it directly (default: ``govperf db url``'s database).

Statements end with ``;`` (several lines each, or several on one line); rows print as a table;
an error prints one line and the shell goes on (each statement runs in its own transaction).
``\\q`` or end of input quits.  Nothing else of psql's is imitated.
"""

from __future__ import annotations

import sys
import unicodedata
from typing import TextIO

PROMPT, MORE = "govperf=> ", "govperf-> "


def split_statements(buffer: str) -> tuple[list[str], str]:
    """Complete statements (``;``-terminated, outside quotes) in ``buffer`` and the rest."""
    statements, start, quote = [], 0, ""
    for index, char in enumerate(buffer):
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char == ";":
            statement = buffer[start:index].strip()
            if statement:
                statements.append(statement)
            start = index + 1
    return statements, buffer[start:]


def display_width(value: str) -> int:
    """Terminal columns of ``value``: wide CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in value)


def pad(value: str, width: int) -> str:
    return value + " " * (width - display_width(value))


def table(columns: list[str], rows: list[tuple[object, ...]]) -> str:
    """Rows as plain text under their column names (wide CJK characters count as two columns)."""
    from govperf.errors import printable

    cells = [[("" if value is None else printable(str(value))) for value in row] for row in rows]
    widths = [max(display_width(v) for v in (name, *(r[i] for r in cells))) for i, name in enumerate(columns)]
    lines = [list(columns), ["-" * width for width in widths], *cells]
    return "\n".join("  ".join(pad(v, w) for v, w in zip(ln, widths, strict=True)).rstrip() for ln in lines)


def run(url: str, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Read statements from ``stdin`` and print their results; 0, or 1 when one failed."""
    import psycopg

    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    interactive = stdin.isatty()
    failed = False
    with psycopg.connect(url, autocommit=True) as conn:
        buffer = ""
        while True:
            if interactive:
                stdout.write(MORE if buffer.strip() else PROMPT)
                stdout.flush()
            line = stdin.readline()
            if not line or (not buffer.strip() and line.strip() in ("\\q", "quit", "exit")):
                break
            statements, buffer = split_statements(buffer + line)
            for statement in statements:
                try:
                    cursor = conn.execute(statement)
                except psycopg.Error as error:
                    failed = True
                    print(f"ERROR: {str(error).strip().splitlines()[0]}", file=sys.stderr)
                    continue
                if cursor.description is None:
                    print(cursor.statusmessage or "", file=stdout)
                    continue
                rows = cursor.fetchall()
                print(table([column.name for column in cursor.description], rows), file=stdout)
                print(f"({len(rows)} row{'' if len(rows) == 1 else 's'})", file=stdout)
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args:
        url = args[0]
    else:
        from govperf.db import engine

        url = engine.resolve_url().set(drivername="postgresql").render_as_string(hide_password=False)
    return run(url)


if __name__ == "__main__":
    sys.exit(main())
