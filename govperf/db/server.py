"""The embedded server kept running between commands: ``govperf db start|stop|status``.

Without ``db start`` each govperf command starts the embedded server (``embedded``) and the last
one to exit stops it.  ``db start`` starts it (optionally also on ``127.0.0.1:PORT`` for a local
BI tool) and writes ``<data_dir>/server.json`` naming the postmaster's PID: while that file names
the running postmaster, the server is *kept*: commands reach it straight from its
``postmaster.pid`` (no pgserver, no lock, no start), and a command that did attach through
pgserver leaves it running at exit (``embedded._leave``).  ``db stop`` removes the file and stops
the server, or, when govperf commands that attached through pgserver are still running, leaves
the stop to the last of them.

The same guard as ever (``embedded_guard``): the superuser only by peer authentication over the
0700 Unix socket; over TCP the superuser is rejected and every other role (the reader logins of
``govperf grant-reader``) must give its scram-sha-256 password.

This module only reads files and probes PIDs (no pgserver, no psutil), so the reuse path stays
cheap; starting and stopping are ``embedded.keep_running`` and ``embedded.stop_keeping``.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from govperf.db.config import DRIVER
from govperf.errors import DatabaseError

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

MARKER = "server.json"
DATABASE = "govperf"
PGDATA = "pgdata"
DEFAULT_PORT = 5432
LOCALHOST = "127.0.0.1"


@dataclass(frozen=True)
class Postmaster:
    """What a running server wrote to ``postmaster.pid``."""

    pid: int
    port: int
    socket_dir: Path | None
    listen: str  # "" when it listens on its Unix socket only
    status: str  # "ready" once it accepts connections

    @property
    def tcp_port(self) -> int | None:
        return self.port if self.listen else None


@dataclass(frozen=True)
class ServerStatus:
    data_dir: Path
    postmaster: Postmaster | None  # None: not running
    kept: bool  # started (or adopted) by ``govperf db start``
    major: str | None  # PostgreSQL major version of the data directory (PG_VERSION)
    users: tuple[int, ...] = ()  # govperf processes attached through pgserver

    @property
    def pgdata(self) -> Path:
        return self.data_dir / PGDATA

    @property
    def running(self) -> bool:
        return self.postmaster is not None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another account's process (the server's own, when we are not root)
        return True
    return True


def read_postmaster(pgdata: Path) -> Postmaster | None:
    """The running postmaster of ``pgdata``, or None (no server, a stale file, one still starting)."""
    try:
        lines = (pgdata / "postmaster.pid").read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    if len(lines) < 8 or not lines[0].strip().isdigit() or not _alive(int(lines[0])):
        return None
    socket_dir = lines[4].strip()
    return Postmaster(
        pid=int(lines[0]),
        port=int(lines[3]) if lines[3].strip().isdigit() else DEFAULT_PORT,
        socket_dir=Path(socket_dir) if socket_dir else None,
        listen=lines[5].strip(),
        status=lines[7].strip(),
    )


def _marker(data_dir: Path) -> dict[str, object]:
    try:
        value = json.loads((data_dir / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def status(data_dir: Path) -> ServerStatus:
    pgdata = data_dir / PGDATA
    postmaster = read_postmaster(pgdata)
    kept = postmaster is not None and _marker(data_dir).get("pid") == postmaster.pid
    try:
        major: str | None = (pgdata / "PG_VERSION").read_text(encoding="utf-8").strip()
    except OSError:
        major = None
    return ServerStatus(data_dir, postmaster, kept, major, _users(pgdata) if postmaster else ())


def _users(pgdata: Path) -> tuple[int, ...]:
    """The live PIDs in pgserver's list of processes using the server."""
    try:
        pids = json.loads((pgdata / ".handle_pids.json").read_text(encoding="utf-8") or "[]")
    except (OSError, ValueError):
        return ()
    return tuple(pid for pid in pids if isinstance(pid, int) and pid != os.getpid() and _alive(pid))


def is_kept(pgdata: Path) -> bool:
    """Whether the server of ``pgdata`` is the one ``govperf db start`` keeps running."""
    return status(pgdata.parent).kept


def socket_url(postmaster: Postmaster, database: str) -> URL:
    """The superuser's URL over the Unix socket (peer authentication)."""
    from sqlalchemy.engine import URL

    if postmaster.socket_dir is None:
        raise DatabaseError("the embedded PostgreSQL has no Unix socket")
    port = None if postmaster.port == DEFAULT_PORT else postmaster.port
    return URL.create(
        DRIVER, username="postgres", port=port, database=database, query={"host": str(postmaster.socket_dir)}
    )


def _kept_postmaster(data_dir: Path) -> Postmaster | None:
    """The kept server's postmaster when it is running and ready, else None."""
    state = status(data_dir)
    running = state.postmaster
    if not state.kept or running is None or running.status != "ready" or running.socket_dir is None:
        return None
    if not (running.socket_dir / f".s.PGSQL.{running.port}").exists():  # a PID reused after a crash
        return None
    return running


def kept_url(data_dir: Path, database: str) -> URL | None:
    """URL of ``database`` on the kept server, None when no server is kept running and ready."""
    running = _kept_postmaster(data_dir)
    return None if running is None else socket_url(running, database)


def kept_conninfo(data_dir: Path, database: str) -> str | None:
    """``kept_url`` as a libpq keyword string (no SQLAlchemy needed), or None."""
    running = _kept_postmaster(data_dir)
    if running is None:
        return None
    from psycopg.conninfo import make_conninfo  # the caller connects with psycopg anyway

    return make_conninfo(host=str(running.socket_dir), port=running.port, dbname=database, user="postgres")
