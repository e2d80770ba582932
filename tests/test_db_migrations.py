"""Migrations: round trip, and models and migrations agree (empty autogenerate)."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.engine import URL, Engine

from govperf import config, db, embedded, migrate
from govperf.models import Base
from govperf.views import VIEWS, include_in_autogenerate


def autogenerate_diff(engine: Engine) -> list[object]:
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn,
            opts={
                "compare_type": True,
                "compare_server_default": True,
                "include_object": include_in_autogenerate,
            },
        )
        return list(compare_metadata(context, Base.metadata))


def test_template_is_at_head(db_url: URL) -> None:
    assert migrate.current(db_url) == migrate.head()


def test_autogenerate_against_models_is_empty(db_engine: Engine) -> None:
    assert autogenerate_diff(db_engine) == []


def test_upgrade_downgrade_upgrade_round_trip(db_url: URL, db_engine: Engine) -> None:
    migrate.downgrade(db_url, "base")
    assert migrate.current(db_url) is None
    leftovers = set(inspect(db_engine).get_table_names()) | set(inspect(db_engine).get_view_names())
    assert leftovers <= {"alembic_version"}

    migrate.upgrade(db_url, "head")
    assert migrate.current(db_url) == migrate.head()
    assert set(VIEWS) <= set(inspect(db_engine).get_view_names())
    with db_engine.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM metrics")) > 30
    assert autogenerate_diff(db_engine) == []


def test_upgrade_twice_is_a_no_op(db_url: URL, db_engine: Engine) -> None:
    migrate.upgrade(db_url, "head")
    with db_engine.connect() as conn:
        beijing = "SELECT count(*) FROM regions WHERE level = 'county' AND parent_code = '110000'"
        assert conn.scalar(text(beijing)) == 17  # 16 districts and 北京经济技术开发区
        assert conn.scalar(text("SELECT count(*) FROM regions")) > 3300


def test_is_behind_knows_head_base_and_unknown_revisions() -> None:
    assert migrate.is_behind(None) is True
    assert migrate.is_behind(migrate.head()) is False
    assert migrate.is_behind("ffffffffffff") is False  # written by a newer govperf: leave it alone


def test_embedded_style_resolution_migrates_a_database_behind_head(
    db_url: URL, monkeypatch: pytest.MonkeyPatch
) -> None:
    migrate.downgrade(db_url, "base")
    monkeypatch.setattr(embedded, "embedded_url", lambda _dir, migrate_: migrate_(db_url) or db_url)
    monkeypatch.delenv(config.DATABASE_URL_ENV, raising=False)
    assert db.resolve_url(None) == db_url
    assert migrate.current(db_url) == migrate.head()
