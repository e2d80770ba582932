"""The embedded default: no database configured, an empty HOME, govperf just works."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

GOVPERF = Path(sys.executable).with_name("govperf")


def empty_home_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GOVPERF_", "XDG_"))}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / ".local" / "share"), CI="true")
    return env


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, env=env, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL
    )


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


def test_upgrade_and_documents_from_an_empty_home(home: Path) -> None:
    env = empty_home_env(home)
    upgraded = run([str(GOVPERF), "db", "upgrade"], env)
    assert upgraded.returncode == 0, upgraded.stderr
    listed = run([str(GOVPERF), "documents", "--table"], env)
    assert listed.returncode == 0, listed.stderr
    assert "No documents loaded" in listed.stdout
    assert listed.stderr == ""
    assert (home / ".local" / "share" / "govperf" / "pgdata" / "PG_VERSION").read_text().strip() == "16"
    url = run([sys.executable, "-m", "govperf", "db", "url"], env)
    assert url.stdout.startswith("postgresql://postgres@/govperf?host=")


def test_two_first_starts_at_once_do_not_corrupt_it(home: Path) -> None:
    env = empty_home_env(home)
    command = [sys.executable, "-m", "govperf", "documents", "--table"]
    processes = [
        subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], outputs
    assert all("No documents loaded" in out for out, _ in outputs)
    current = run([sys.executable, "-m", "govperf", "db", "current"], env)
    assert current.returncode == 0, current.stderr
    assert "(up to date)" in current.stdout
