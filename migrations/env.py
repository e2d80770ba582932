"""Alembic environment for govperf (online mode only: migrations need a live connection)."""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy.engine import Connection

from govperf.db import schema
from govperf.db.models import Base
from govperf.db.views import include_in_autogenerate

target_metadata = Base.metadata


def run_with(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_object=include_in_autogenerate,
        include_schemas=True,  # public and govperf_private (schema.include_name)
        include_name=schema.include_name,
        compare_type=True,
        compare_server_default=True,
        transaction_per_migration=False,
    )
    with context.begin_transaction():
        context.run_migrations()


def fallback_url() -> Any:
    """URL for a developer running ``alembic`` by hand: alembic.ini's, else govperf's own."""
    configured = context.config.get_main_option("sqlalchemy.url")
    if configured:
        return configured
    from govperf.db.engine import resolve_url

    return resolve_url(None, migrate=False)


connection = context.config.attributes.get("connection")
if connection is not None:
    run_with(connection)
else:
    engine = schema.create(fallback_url())
    with engine.begin() as conn:
        run_with(conn)
    engine.dispose()
