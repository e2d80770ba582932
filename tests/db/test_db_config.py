"""Which database: URL spellings are normalised to psycopg 3; others are refused clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from govperf.db import config


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("postgresql://u:pw@db.example:5433/gp", "postgresql+psycopg://u:pw@db.example:5433/gp"),
        ("postgres://u@localhost/gp", "postgresql+psycopg://u@localhost/gp"),
        ("postgresql+psycopg://u:pw@h/gp", "postgresql+psycopg://u:pw@h/gp"),
        ("postgresql+psycopg2://u:pw@h/gp", "postgresql+psycopg://u:pw@h/gp"),
        (
            "postgresql://postgres:@/gp?host=/tmp/sock",
            "postgresql+psycopg://postgres:@/gp?host=%2Ftmp%2Fsock",
        ),
        ("host=/tmp/sock dbname=gp user=postgres", "postgresql+psycopg://postgres@/gp?host=%2Ftmp%2Fsock"),
        ("host=db port=5433 dbname=gp user=u password=pw", "postgresql+psycopg://u:pw@db:5433/gp"),
    ],
)
def test_url_spellings_are_normalised(raw: str, expected: str) -> None:
    assert config.normalize_url(raw).render_as_string(hide_password=False) == expected


@pytest.mark.parametrize(
    "raw, message",
    [
        ("sqlite:///govperf.db", "govperf needs PostgreSQL, not 'sqlite'"),
        ("mysql://u:secret@h/db", "govperf needs PostgreSQL, not 'mysql': mysql://u:***@h/db"),
        ("not a url", "not a database URL"),
    ],
)
def test_other_urls_are_refused_with_one_line(raw: str, message: str) -> None:
    with pytest.raises(config.ConfigError) as caught:
        config.normalize_url(raw)
    assert message in str(caught.value)
    assert "secret" not in str(caught.value)
    assert "\n" not in str(caught.value)


def test_option_wins_over_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(config.DATABASE_URL_ENV, "postgresql://env@h/env")
    assert config.configured_url("postgresql://opt@h/opt").database == "opt"  # type: ignore[union-attr]
    assert config.configured_url(None).database == "env"  # type: ignore[union-attr]
    monkeypatch.setenv(config.DATABASE_URL_ENV, "  ")
    assert config.configured_url(None) is None


def test_data_dir_follows_xdg_and_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(config.DATA_DIR_ENV, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert config.data_dir() == tmp_path / "xdg" / "govperf"
    monkeypatch.setenv(config.DATA_DIR_ENV, str(tmp_path / "own"))
    assert config.data_dir() == tmp_path / "own"


def test_libpq_url_masks_password() -> None:
    url = config.normalize_url("postgresql+psycopg://u:secret@h:5432/gp")
    assert config.libpq_url(url) == "postgresql://u:***@h:5432/gp"
    assert config.libpq_url(url, show_password=True) == "postgresql://u:secret@h:5432/gp"
