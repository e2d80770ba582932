"""Which database govperf uses: a URL the user gives, or the embedded default.

``GOVPERF_DATABASE_URL`` (or ``--database-url``) may be a libpq URL
(``postgresql://user:pw@host:5432/db``, ``postgresql://postgres:@/db?host=/socket/dir``), a
libpq keyword string (``host=/tmp dbname=govperf``) or an SQLAlchemy URL
(``postgresql+psycopg://…``); every form is normalised to the psycopg 3 driver.  Unset, govperf
uses an embedded PostgreSQL in ``GOVPERF_DATA_DIR`` (default: the platform's user data directory).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs
from psycopg.conninfo import conninfo_to_dict
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from govperf.errors import GovperfError

DATABASE_URL_ENV = "GOVPERF_DATABASE_URL"
DATA_DIR_ENV = "GOVPERF_DATA_DIR"
DRIVER = "postgresql+psycopg"
_POSTGRES_SCHEMES = ("postgres", "postgresql")


class ConfigError(GovperfError):
    """The database settings cannot be understood."""


def data_dir() -> Path:
    """Directory of govperf's own files (the embedded database lives here)."""
    configured = os.environ.get(DATA_DIR_ENV)
    if configured:
        return Path(configured).expanduser()
    return platformdirs.user_data_path("govperf")


def configured_url(cli_value: str | None = None) -> URL | None:
    """The URL from ``--database-url`` or the environment; None means the embedded default."""
    raw = cli_value or os.environ.get(DATABASE_URL_ENV)
    if raw is None or not raw.strip():
        return None
    return normalize_url(raw.strip())


def normalize_url(raw: str) -> URL:
    """Any accepted spelling of a PostgreSQL URL → an SQLAlchemy URL with the psycopg driver."""
    if "://" not in raw and "=" in raw:
        return _from_keywords(raw)
    try:
        url = make_url(raw)
    except ArgumentError as error:
        raise ConfigError(
            f"not a database URL: {mask(raw)} (expected postgresql://user:pw@host/db)"
        ) from error
    backend = url.get_backend_name()
    if backend not in _POSTGRES_SCHEMES:
        raise ConfigError(f"govperf needs PostgreSQL, not {backend!r}: {mask(raw)}")
    return url.set(drivername=DRIVER)


def _from_keywords(raw: str) -> URL:
    try:
        params = conninfo_to_dict(raw)
    except Exception as error:
        raise ConfigError(f"not a libpq connection string: {error}".splitlines()[0]) from error
    query = {"host": str(params.pop("host"))} if str(params.get("host", "")).startswith("/") else {}
    port = params.pop("port", None)
    return URL.create(
        DRIVER,
        username=_opt(params.pop("user", None)),
        password=_opt(params.pop("password", None)),
        host=_opt(params.pop("host", None)),
        port=int(str(port)) if port else None,
        database=_opt(params.pop("dbname", None)),
        query={**query, **{k: str(v) for k, v in params.items()}},
    )


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def mask(raw: str) -> str:
    """``raw`` with any password replaced by ***, for messages."""
    try:
        return make_url(raw).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparseable URL>"


def libpq_url(url: URL, *, show_password: bool = False) -> str:
    """The URL as libpq and psql spell it (postgresql://…)."""
    return url.set(drivername="postgresql").render_as_string(hide_password=not show_password)
