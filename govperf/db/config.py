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
from typing import TYPE_CHECKING
from urllib.parse import quote, quote_plus

from govperf.errors import GovperfError

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

# SQLAlchemy, psycopg and platformdirs are imported inside the functions that need them, so that
# ``govperf --help`` (which reads DATABASE_URL_ENV) does not pay for them.

DATABASE_URL_ENV = "GOVPERF_DATABASE_URL"
DATA_DIR_ENV = "GOVPERF_DATA_DIR"
DRIVER = "postgresql+psycopg"
_POSTGRES_SCHEMES = ("postgres", "postgresql")
_SECRETS: set[str] = set()  # passwords of URLs this process was given, scrubbed from messages


class ConfigError(GovperfError):
    """The database settings cannot be understood."""


def data_dir() -> Path:
    """Directory of govperf's own files (the embedded database lives here)."""
    configured = os.environ.get(DATA_DIR_ENV)
    if configured:
        return Path(configured).expanduser()
    import platformdirs

    return platformdirs.user_data_path("govperf")


def configured_url(cli_value: str | None = None) -> URL | None:
    """The URL from ``--database-url`` or the environment; None means the embedded default."""
    raw = cli_value or os.environ.get(DATABASE_URL_ENV)
    if raw is None or not raw.strip():
        return None
    return normalize_url(raw.strip())


def normalize_url(raw: str) -> URL:
    """Any accepted spelling of a PostgreSQL URL → an SQLAlchemy URL with the psycopg driver.

    A password given as a query parameter (``?password=…``) moves into the URL's password, so
    it is masked wherever the URL is shown.  Every password seen is remembered for ``scrub``.
    """
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    if "://" not in raw and "=" in raw:
        return _remember(_from_keywords(raw))
    try:
        url = make_url(raw)
    except (ArgumentError, ValueError) as error:  # ValueError: a port that is not a number
        raise ConfigError(
            f"not a database URL: {mask(raw)} (expected postgresql://user:pw@host:5432/db)"
        ) from error
    backend = url.get_backend_name()
    if backend not in _POSTGRES_SCHEMES:
        raise ConfigError(f"govperf needs PostgreSQL, not {backend!r}: {mask(raw)}")
    return _remember(_password_out_of_query(url).set(drivername=DRIVER))


def _password_out_of_query(url: URL) -> URL:
    if "password" not in url.query:
        return url
    password = url.query["password"]
    password = password[-1] if isinstance(password, tuple) else password
    return url.difference_update_query(["password"]).set(password=password)


def _remember(url: URL) -> URL:
    if isinstance(url.password, str) and url.password:
        _SECRETS.add(url.password)
    return url


def _from_keywords(raw: str) -> URL:
    from psycopg.conninfo import conninfo_to_dict
    from sqlalchemy.engine import URL

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
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(raw)
    except (ArgumentError, ValueError):
        return "<unparseable URL>"
    if "password" in url.query:
        url = url.update_query_dict({"password": "***"})
    return url.render_as_string(hide_password=True)


def libpq_url(url: URL, *, show_password: bool = False) -> str:
    """The URL as libpq and psql spell it (postgresql://…); the password is *** unless asked."""
    url = url.set(drivername="postgresql")
    if not show_password and "password" in url.query:
        url = url.update_query_dict({"password": "***"})
    return url.render_as_string(hide_password=not show_password)


def scrub(message: str) -> str:
    """``message`` with every database password govperf has been given replaced by ***.

    A last line of defence for text that comes from elsewhere (driver errors, server messages).
    Passwords shorter than 4 characters are left alone: replacing them would garble the text.
    """
    for secret in sorted(_SECRETS, key=len, reverse=True):
        if len(secret) >= 4:
            for form in {secret, quote(secret, safe=""), quote_plus(secret)}:
                message = message.replace(form, "***")
    return message
