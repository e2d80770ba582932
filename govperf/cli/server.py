"""``govperf db start|stop|status|shell``: the embedded server kept running for psql and BI tools,
thin over govperf.db.server and govperf.db.embedded (added to the ``db`` group by ``cli/db.py``)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from typing import TYPE_CHECKING

import click

from govperf.cli.options import Settings, database_option, pass_settings
from govperf.db import config
from govperf.db import server as kept
from govperf.db.server import LOCALHOST

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

__all__ = ["COMMANDS", "LOCALHOST", "kept_tcp_port", "warn_unless_kept"]

STOPPED_EXIT_CODE = 3  # like pg_ctl status


def _embedded_only(settings: Settings, what: str) -> None:
    if config.configured_url(settings.database_url) is not None:
        raise click.ClickException(
            f"{what} is about the embedded database; unset --database-url / ${config.DATABASE_URL_ENV}"
        )


@click.command("start")
@click.option(
    "--port",
    type=click.IntRange(1024, 65535),
    help="Also listen on 127.0.0.1:PORT (for a local BI tool; password logins only).",
)
@database_option
@pass_settings
def start_command(settings: Settings, port: int | None) -> None:
    """Start the embedded database server and keep it running after govperf exits.

    It listens on a Unix socket in the data directory that only your OS account can use; with
    --port also on 127.0.0.1:PORT, where only password logins get in: make one for a BI tool
    with govperf grant-reader NAME (the superuser postgres is refused over TCP).  Every govperf
    command uses the running server; govperf db stop stops it.

    \b
    Example:
        govperf db start
        govperf db start --port 54329
        psql "$(govperf db url)"
    """
    from govperf.db import embedded
    from govperf.db import migrate as migrations

    _embedded_only(settings, "govperf db start")

    def prepare(server_url: URL) -> URL:
        url, _created = embedded.ensure_database(server_url)
        migrations.bring_up_to_date(url)
        return url

    state = embedded.keep_running(config.data_dir(), port, prepare)
    assert state.postmaster is not None
    url = kept.socket_url(state.postmaster, embedded.DATABASE)
    click.echo(f"embedded PostgreSQL running (pid {state.postmaster.pid}), kept until: govperf db stop")
    click.echo(f'  psql:  psql "{config.libpq_url(url)}"')
    if state.postmaster.tcp_port is not None:
        click.echo(
            f"  TCP:   {LOCALHOST}:{state.postmaster.tcp_port}, database {embedded.DATABASE}, password logins"
            " only (make one: govperf grant-reader NAME)"
        )


@click.command("stop")
@database_option
@pass_settings
def stop_command(settings: Settings) -> None:
    """Stop the embedded database server that govperf db start keeps running.

    When govperf commands are still using it, it stops when the last of them finishes.

    \b
    Example:
        govperf db stop
    """
    from govperf.db import embedded

    _embedded_only(settings, "govperf db stop")
    state = embedded.stop_keeping(config.data_dir())
    if state.running and state.users:
        pids = ", ".join(str(pid) for pid in state.users)
        click.echo(f"no longer kept: it stops when the govperf processes using it finish (pid {pids})")
    else:
        click.echo("embedded PostgreSQL stopped")


@click.command("status")
@database_option
@pass_settings
def status_command(settings: Settings) -> None:
    """Say whether the embedded database server is running: pid, socket, port, data dir, version.

    Exits with 3 when it is not running (as pg_ctl status does).

    \b
    Example:
        govperf db status
    """
    _embedded_only(settings, "govperf db status")
    state = kept.status(config.data_dir())
    running = state.postmaster
    if running is None:
        state_line = "stopped"
    elif state.kept:
        state_line = "running (kept by govperf db start)"
    else:
        state_line = "running (for the govperf commands using it; stops when they finish)"
    rows = [("state", state_line)]
    if running is not None:
        tcp = f"TCP on {LOCALHOST} and the socket" if running.tcp_port else "Unix socket only"
        tcp = f"{running.port} ({tcp})"
        rows += [("pid", str(running.pid)), ("socket", str(running.socket_dir)), ("port", tcp)]
    rows += [("data dir", str(state.data_dir)), ("version", _version(state))]
    if running is not None:
        rows.append(("url", config.libpq_url(kept.socket_url(running, kept.DATABASE))))
    for key, value in rows:
        click.echo(f"{key + ':':<10} {value}")
    if running is None:
        sys.exit(STOPPED_EXIT_CODE)


def _version(state: kept.ServerStatus) -> str:
    """The server's own version when it answers, else the data directory's major version."""
    if state.postmaster is not None and state.postmaster.status == "ready":
        import psycopg

        url = kept.socket_url(state.postmaster, "postgres").set(drivername="postgresql")
        try:
            with psycopg.connect(url.render_as_string(hide_password=False), connect_timeout=5) as conn:
                row = conn.execute("SHOW server_version").fetchone()
            return f"PostgreSQL {row[0]}" if row else "?"
        except psycopg.Error:
            pass
    return f"PostgreSQL {state.major} (data directory)" if state.major else "no data directory yet"


@click.command("shell")
@click.option(
    "--python", "use_python", is_flag=True, help="Use govperf's minimal SQL shell even when psql exists."
)
@database_option
@pass_settings
def shell_command(settings: Settings, use_python: bool) -> None:
    """Open a SQL shell on the database: psql when it is installed, else a minimal one.

    The embedded server is used as it runs (govperf db start), else it runs while the shell does.
    Without psql: end each statement with ';', quit with \\q or Ctrl-D.

    \b
    Example:
        govperf db shell
        echo 'select count(*) from v_documents;' | govperf db shell
    """
    url = settings.url()
    psql = None if use_python else _psql()
    if psql is not None:
        env = dict(os.environ)
        if isinstance(url.password, str) and url.password:  # not on the command line, where ps shows it
            env["PGPASSWORD"] = url.password
        code = subprocess.call([psql, config.libpq_url(url.set(password=None))], env=env)
    else:
        from govperf.cli import shell

        code = shell.run(url.set(drivername="postgresql").render_as_string(hide_password=False))
    sys.exit(code)


def _psql() -> str | None:
    """psql from PATH, else the one in the embedded server's wheel."""
    found = shutil.which("psql")
    if found is not None:
        return found
    try:
        from govperf.db import embedded

        bundled = embedded.bin_path() / "psql"
    except Exception:  # no wheel, or no binaries for this platform
        return None
    return str(bundled) if bundled.is_file() else None


def warn_unless_kept(settings: Settings) -> None:
    """After printing the embedded database's URL: say it only works while a server runs."""
    if config.configured_url(settings.database_url) is None and not kept.status(config.data_dir()).kept:
        click.echo(
            "note: the embedded server stops when govperf exits; run govperf db start to keep it "
            "running for psql or a BI tool",
            err=True,
        )


def kept_tcp_port(url: URL) -> int | None:
    """The TCP port of the embedded server ``url`` reaches by its socket, if it listens on one."""
    running = kept.status(config.data_dir()).postmaster
    if running is None or running.tcp_port is None or running.socket_dir is None:
        return None
    return running.tcp_port if url.query.get("host") == str(running.socket_dir) else None


COMMANDS = (start_command, stop_command, status_command, shell_command)
