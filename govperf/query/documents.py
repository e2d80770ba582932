"""The loaded documents: listing them, and removing some (``govperf documents remove``).

Every function takes a SQLAlchemy ``Connection``; removing runs in the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from govperf.db import quick

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

DOCUMENT_COLUMNS = (
    "document_id",
    "district_code",
    "district_name",
    "year",
    "period_label",
    "genre",
    "part",
    "task_count",
    "observation_count",
    "source_name",
)


_SELECT = f"SELECT {', '.join(DOCUMENT_COLUMNS)} FROM v_documents"
_ORDER = "ORDER BY district_code, year NULLS LAST, source_name, part, document_id"


def list_documents_quick(database_url: str | None) -> list[dict[str, Any]] | None:
    """``list_documents`` of every document through ``govperf.db.quick`` (no SQLAlchemy), or None
    when that path cannot answer and the caller must use ``list_documents``."""
    return quick.read(database_url, f"{_SELECT} {_ORDER}")


def list_documents(conn: Connection, ids: Sequence[int] | None = None) -> list[dict[str, Any]]:
    """Rows of v_documents (the ``DOCUMENT_COLUMNS``; only ``ids`` when given), by district, year
    and file."""
    from sqlalchemy import text

    wanted = "CAST(:ids AS bigint[]) IS NULL OR document_id = ANY(CAST(:ids AS bigint[]))"
    query = text(f"{_SELECT} WHERE {wanted} {_ORDER}")
    return [dict(r._mapping) for r in conn.execute(query, {"ids": list(ids) if ids is not None else None})]


def remove_documents(conn: Connection, ids: Sequence[int]) -> list[dict[str, Any]]:
    """Delete the documents ``ids`` with their tasks, category results and observations; return
    what they were (as ``list_documents`` lists them).  An unknown id raises AnalysisError
    before anything is deleted; the caller's transaction makes the removal all or nothing."""
    from sqlalchemy import text

    from govperf.query.lookup import AnalysisError

    wanted = sorted(set(ids))
    locked = conn.execute(
        text("SELECT id FROM documents WHERE id = ANY(:ids) ORDER BY id FOR UPDATE"), {"ids": wanted}
    )
    missing = sorted(set(wanted) - {row.id for row in locked})
    if missing:
        names = ", ".join(map(str, missing))
        raise AnalysisError(
            f"no document {names} (see: govperf documents); nothing removed"
            if len(missing) == 1
            else f"no documents {names} (see: govperf documents); nothing removed"
        )
    removed = list_documents(conn, wanted)
    conn.execute(text("DELETE FROM documents WHERE id = ANY(:ids)"), {"ids": wanted})
    return removed
