"""Alembic, driven from code: a Config built here, so migrations run from any directory.

The revisions live in ``migrations/`` (shipped as ``govperf.migrations``).  ``env.py`` takes the
connection from ``Config.attributes['connection']`` when govperf runs it, and falls back to
``sqlalchemy.url`` (or govperf's own resolution) when a developer runs ``alembic`` from the
repository with alembic.ini.

Reference data is not part of any revision: after an upgrade that reaches head, ``upgrade`` runs
``reference.sync`` in the same transaction, and ``bring_up_to_date`` (what govperf does when it
opens its embedded database) also re-syncs a database already at head whose stored reference
fingerprint differs from the packaged data's.  ``freshness`` answers "already up to date?" first,
without Alembic.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.script.revision import RevisionError
from alembic.util import CommandError
from sqlalchemy import text
from sqlalchemy.engine import URL, Connection

import govperf.migrations
from govperf.db import freshness, reference, schema

SCRIPT_LOCATION = Path(govperf.migrations.__file__).parent


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic Config pointing at govperf's revisions, optionally bound to ``connection``."""
    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    config.attributes["connection"] = connection
    return config


def head() -> str:
    """The newest revision govperf ships."""
    revision = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert revision is not None
    return revision


def is_behind(revision: str | None) -> bool:
    """Whether a database at ``revision`` can be upgraded (False at head or at an unknown, newer one)."""
    if revision == head():
        return False
    return revision is None or revision in known_revisions()


def known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def upgrade(url: URL, revision: str = "head") -> None:
    """Migrate the database at ``url`` up to ``revision``; at head, re-sync the reference data."""
    engine = schema.create(url)
    try:
        with engine.begin() as conn:
            _upgrade(conn, revision)
    finally:
        engine.dispose()


def bring_up_to_date(url: URL) -> None:
    """Migrate a database behind head; re-sync the reference data of one at head when it is stale.

    A database already up to date costs one connection and one query (``freshness``), without
    Alembic.  A database at a revision this govperf does not know (a newer one's) is left alone.
    """
    if freshness.is_up_to_date(url):
        return
    engine = schema.create(url)
    try:
        with engine.begin() as conn:
            revision = MigrationContext.configure(conn).get_current_revision()
            if is_behind(revision):
                _upgrade(conn, "head")
            elif revision == head() and not reference.is_current(conn):
                reference.sync(conn)
    finally:
        engine.dispose()


def _upgrade(conn: Connection, revision: str) -> None:
    command.upgrade(alembic_config(conn), revision)
    if MigrationContext.configure(conn).get_current_revision() == head():
        reference.sync(conn)


def downgrade(url: URL, revision: str = "-1") -> None:
    """Migrate the database at ``url`` down to ``revision`` (``base`` drops everything)."""
    _run(url, command.downgrade, revision)


# Revisions whose downgrade drops the tables that hold the user's data (documents, observations,
# tasks, user aliases).  A later revision that drops such a table belongs here too.
DATA_DROPPING_REVISIONS = frozenset({"0001"})


@dataclass(frozen=True)
class DataAtRisk:
    """What a downgrade would delete: the user's documents and the aliases (and metric exclusions)
    they added."""

    documents: int
    user_aliases: int

    def __bool__(self) -> bool:
        return self.documents > 0 or self.user_aliases > 0


def undone_by(url: URL, revision: str) -> list[str]:
    """The revisions a downgrade of the database at ``url`` to ``revision`` would undo, newest first
    (Alembic's CommandError for a revision it cannot resolve)."""
    now = current(url)
    if now is None:
        return []
    script = ScriptDirectory.from_config(alembic_config())
    try:
        return [rev.revision for rev in script.iterate_revisions(now, revision)]
    except RevisionError as error:
        raise CommandError(str(error)) from error


def data_at_risk(url: URL, revision: str) -> DataAtRisk:
    """The user data a downgrade to ``revision`` would drop (zero when it keeps the tables)."""
    if not DATA_DROPPING_REVISIONS & set(undone_by(url, revision)):
        return DataAtRisk(0, 0)
    engine = schema.create(url)
    try:
        with engine.connect() as conn:
            documents = conn.execute(text("SELECT count(*) FROM documents")).scalar_one()
            aliases = conn.execute(
                text(
                    "SELECT (SELECT count(*) FROM region_aliases WHERE source = 'user')"
                    " + (SELECT count(*) FROM metric_aliases WHERE source = 'user')"
                    " + (SELECT count(*) FROM metric_exclusions WHERE source = 'user')"
                )
            ).scalar_one()
    finally:
        engine.dispose()
    return DataAtRisk(int(documents), int(aliases))


def current(url: URL) -> str | None:
    """The revision the database at ``url`` is at, or None when it has none."""
    engine = schema.create(url)
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    finally:
        engine.dispose()


def _run(url: URL, step: Callable[[Config, str], None], revision: str) -> None:
    engine = schema.create(url)
    try:
        with engine.begin() as conn:
            step(alembic_config(conn), revision)
    finally:
        engine.dispose()
