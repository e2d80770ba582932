"""Where govperf's relations live, and the search_path of govperf's own connections.

Schema ``public`` holds exactly what the reader role may read: the views and the reference
tables.  Everything else — the tables an import writes (documents, tasks, category results,
observations) and the bookkeeping tables (alembic_version, reference_version) — lives in
``PRIVATE_SCHEMA``, on which the reader has no USAGE (migration 0006 moved them there).

govperf's SQL names tables without a schema (``sql/*.sql``, ``govperf/load/rows.py``, the
revisions), so every engine govperf opens sets ``SEARCH_PATH`` (public first, so a CREATE without
a schema still lands in public) as a connect option: ``engine_options`` / ``create``.  A
connection made otherwise (psql, another tool) names the schema: ``govperf_private.documents``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # SQLAlchemy is imported by the functions that need it: the quick read path does not
    from sqlalchemy.engine import URL, Engine

PUBLIC_SCHEMA = "public"
PRIVATE_SCHEMA = "govperf_private"
SEARCH_PATH = f"{PUBLIC_SCHEMA}, {PRIVATE_SCHEMA}"
SEARCH_PATH_OPTION = f"-csearch_path={PUBLIC_SCHEMA},{PRIVATE_SCHEMA}"  # no space: it survives a URI

# The internal tables 0006 moved to PRIVATE_SCHEMA, parents first (the models carry the schema).
PRIVATE_TABLES = ("documents", "tasks", "category_results", "observations")
# Bookkeeping tables moved with them: Alembic's and reference.sync's (not models).
PRIVATE_BOOKKEEPING = ("alembic_version", "reference_version")


def connect_options(url: URL) -> str:
    """The libpq ``options`` for ``url``: its own (``?options=…``), then govperf's search_path."""
    own = url.query.get("options")
    if isinstance(own, tuple):
        own = " ".join(own)
    return f"{own} {SEARCH_PATH_OPTION}" if own else SEARCH_PATH_OPTION


def engine_options(url: URL) -> dict[str, Any]:
    """Keyword arguments for ``create_engine`` that give every connection govperf's search_path."""
    return {"connect_args": {"options": connect_options(url)}}


def create(url: URL | str, **kwargs: Any) -> Engine:
    """``create_engine(url, **kwargs)`` with govperf's search_path on every connection."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    url = make_url(url)
    return create_engine(url, **engine_options(url), **kwargs)


def include_name(name: str | None, type_: str, parent_names: Mapping[str, str | None]) -> bool:
    """Alembic ``include_name`` hook (with ``include_schemas=True``): compare govperf's two schemas
    and no other (a DBA's own schemas, information_schema).

    SQLAlchemy lists every table on the search_path as one of the default schema's, so the private
    tables show up there too: they are compared once, under their own schema.
    """
    if type_ == "schema":
        return name in (None, PUBLIC_SCHEMA, PRIVATE_SCHEMA)
    if type_ == "table" and parent_names.get("schema_name") is None:
        return name not in (*PRIVATE_TABLES, *PRIVATE_BOOKKEEPING)
    return True
