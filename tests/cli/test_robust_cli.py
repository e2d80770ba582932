"""What the CLI prints when names are hostile or the file system says no (issue 10, items 6–7).

* File names and text from files are printed with control characters escaped and no rich
  markup read into them: the import summary, ``govperf documents``, the skipped-files lines.
* ``export -o`` to a full device, a missing folder, a folder or a read-only file, and export to
  a full stdout: one line, exit 1, no traceback.
* A name inside a folder the user may not enter, an unreadable subfolder during a walk: one
  line each, the rest loads, exit 1.  Files of unsupported types in a folder are counted by
  type in the summary and named with ``--verbose``; they alone do not fail the import.

We run as root, which ignores file modes; the permission cases run the CLI in a subprocess
without CAP_DAC_OVERRIDE (writing) and, for the import cases, CAP_DAC_READ_SEARCH (reading and
entering folders; these run with ``--dry-run``, as the test server's socket folder is then out
of reach too) through ``setpriv``, so the modes apply to it.  They are skipped where that is
impossible.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import text
from sqlalchemy.engine import URL, Engine

from govperf.cli import cli
from govperf.db.config import libpq_url

FIXTURES = Path(__file__).parents[1] / "fixtures" / "documents"
GOOD = FIXTURES / "haidian_2019_self_report.txt"


def invoke(db_url: URL, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--database-url", libpq_url(db_url, show_password=True), *args])


def source_names(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.scalars(text("SELECT source_name FROM v_documents ORDER BY source_name")))


# ---------------------------------------------------------------- 6. names that act on the terminal

# (id, file name, what must be printed in its place)
HOSTILE_NAMES = [
    ("osc-title-and-newline", "t\x1b]0;pwned\x07\nx.txt", "t\\x1b]0;pwned\\x07\\nx.txt"),
    ("clear-screen", "a\x1b[2Jb.txt", "a\\x1b[2Jb.txt"),
    ("bidi-override", "r\u202etxt.exe.txt", "r\\u202etxt.exe.txt"),
    ("rich-markup", "[bold red]loud[blink] [x.txt", "[bold red]loud[blink] [x.txt"),
]


def assert_escaped(output: str, shown: str) -> None:
    assert "\x1b" not in output and "\x07" not in output and "\u202e" not in output
    [line] = [line for line in output.splitlines() if shown in line]  # the name stays on one line
    assert "pwned" not in output.replace(line, "")


@pytest.mark.parametrize(("name", "shown"), [c[1:] for c in HOSTILE_NAMES], ids=[c[0] for c in HOSTILE_NAMES])
def test_a_hostile_file_name_is_printed_escaped_in_the_summary_and_in_documents(
    db_url: URL, db_engine: Engine, tmp_path: Path, name: str, shown: str
) -> None:
    path = tmp_path / name
    shutil.copy(GOOD, path)
    result = invoke(db_url, "import", "--silent", str(path))
    assert result.exit_code == 0, result.output
    assert_escaped(result.stdout, shown)
    row = next(line for line in result.stdout.splitlines() if shown in line)
    assert row.rstrip(" │|").endswith("imported")
    assert source_names(db_engine) == [name]  # stored as it is; only printing escapes it

    for fmt in ("--table", "--json", "--csv"):
        listed = invoke(db_url, "documents", fmt)
        assert listed.exit_code == 0, listed.output
        if fmt == "--csv":  # CSV keeps the name exactly (escaped only on a terminal)
            assert [r["source_name"] for r in csv.DictReader(io.StringIO(listed.stdout))] == [name]
            continue
        assert_escaped(listed.stdout, shown if fmt == "--table" else json.dumps(name)[1:-1])
        lines = 5 if fmt == "--table" else 1  # borders, header, rule, one document; one object
        assert len(listed.stdout.splitlines()) == lines


def test_skipped_file_names_are_escaped_with_verbose(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(GOOD, folder / "good.txt")
    (folder / "scan\x1b]0;pwned\x07\n.pdf").write_bytes(b"%PDF-1.4\n")
    result = CliRunner().invoke(cli, ["import", "--dry-run", "--silent", "--verbose", str(folder)])
    assert result.exit_code == 0, result.output
    assert_escaped(result.stdout, "scan\\x1b]0;pwned\\x07\\n.pdf")


# ---------------------------------------------------------------- 7. export output errors

NO_WRITE_OVERRIDE = ["setpriv", "--inh-caps=-all", "--bounding-set=-dac_override", "--"]
NO_READ_OVERRIDE = ["setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search", "--"]


def _can_drop_privileges() -> bool:
    if os.geteuid() != 0:
        return True  # the file modes already apply
    if shutil.which("setpriv") is None:
        return False
    probe = subprocess.run([*NO_READ_OVERRIDE, "cat", "/proc/self/status"], capture_output=True, text=True)
    return probe.returncode == 0 and "CapEff:\t0000000000000000" not in probe.stdout


unprivileged = pytest.mark.skipif(
    not _can_drop_privileges(), reason="cannot run the CLI without the right to override file modes"
)


def run_cli(
    db_url: URL | None, *args: str, stdout: int | None = subprocess.PIPE, read: bool = False
) -> tuple[int, str]:
    """``python -m govperf ARGS`` in a subprocess that the write (and with ``read``, the read)
    permissions of files apply to, root or not."""
    env = dict(os.environ)
    if db_url is not None:
        env["GOVPERF_DATABASE_URL"] = libpq_url(db_url, show_password=True)
    prefix = (NO_READ_OVERRIDE if read else NO_WRITE_OVERRIDE) if os.geteuid() == 0 else []
    done = subprocess.run(
        [*prefix, sys.executable, "-m", "govperf", *args],
        env=env,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
    )
    return done.returncode, done.stderr


def _read_only(folder: Path) -> Path:
    path = folder / "locked.csv"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(0o444)
    return path


# (id, where -o points, the reason in the message)
EXPORT_TARGETS = [
    ("full-device", lambda folder: Path("/dev/full"), "No space left on device"),
    ("missing-folder", lambda folder: folder / "absent" / "out.csv", "No such file or directory"),
    ("a-folder", lambda folder: folder, "Is a directory"),
    ("read-only-file", _read_only, "Permission denied"),
]


@unprivileged
@pytest.mark.parametrize(
    ("target", "reason"), [c[1:] for c in EXPORT_TARGETS], ids=[c[0] for c in EXPORT_TARGETS]
)
def test_export_to_an_unwritable_output_is_one_line(
    db_url: URL, db_engine: Engine, tmp_path: Path, target: object, reason: str
) -> None:
    assert invoke(db_url, "import", "--silent", str(GOOD)).exit_code == 0
    output = target(tmp_path)  # type: ignore[operator]
    code, err = run_cli(db_url, "export", "v_observations", "-o", str(output))
    assert code == 1
    assert err == f"Error: cannot write {output} ({reason})\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_export_to_a_full_stdout_is_one_line(db_url: URL, db_engine: Engine) -> None:
    assert invoke(db_url, "import", "--silent", str(GOOD)).exit_code == 0
    with open("/dev/full", "w") as full:
        code, err = run_cli(db_url, "export", "v_observations", stdout=full.fileno())
    assert (code, err) == (1, "Error: cannot write standard output (No space left on device)\n")


# ---------------------------------------------------------------- 7. unreadable and unsupported inputs


@pytest.fixture
def locked(tmp_path: Path) -> Iterator[Path]:
    """``locked/`` holds a document and may not be entered (mode 000)."""
    folder = tmp_path / "locked"
    folder.mkdir()
    shutil.copy(GOOD, folder / "hidden.txt")
    folder.chmod(0)
    yield folder
    folder.chmod(0o755)


def dry_run_unprivileged(*names: str) -> tuple[int, str, str]:
    """(exit status, stdout, stderr) of ``import --dry-run`` without the right to read any file."""
    prefix = NO_READ_OVERRIDE if os.geteuid() == 0 else []
    done = subprocess.run(
        [*prefix, sys.executable, "-m", "govperf", "import", "--dry-run", "--silent", *names],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.returncode, done.stdout, done.stderr


def parsed(stdout: str) -> list[str]:
    """The file names the summary table shows as parsed."""
    return [line.split()[1] for line in stdout.splitlines() if line.rstrip(" │").endswith("parsed")]


@unprivileged
def test_a_file_in_a_folder_that_cannot_be_entered_is_one_line_and_the_others_load(
    tmp_path: Path, locked: Path
) -> None:
    good = tmp_path / "good.txt"
    shutil.copy(GOOD, good)
    code, out, err = dry_run_unprivileged(str(locked / "hidden.txt"), str(good))
    assert (code, err) == (1, f"error: {locked}/hidden.txt: cannot be read (Permission denied)\n")
    assert parsed(out) == ["good.txt"]


@unprivileged
def test_an_unreadable_subfolder_of_a_walk_is_one_line_and_the_others_load(
    tmp_path: Path, locked: Path
) -> None:
    shutil.copy(GOOD, tmp_path / "good.txt")
    code, out, err = dry_run_unprivileged(str(tmp_path))
    assert (code, err) == (1, f"error: {locked}: folder cannot be read (Permission denied)\n")
    assert parsed(out) == ["good.txt"]


@unprivileged
def test_an_unreadable_subfolder_under_a_recursive_glob_is_one_line_and_the_others_load(
    tmp_path: Path, locked: Path
) -> None:
    shutil.copy(GOOD, tmp_path / "good.txt")
    code, out, err = dry_run_unprivileged(f"{tmp_path}/**/*.txt")
    assert (code, err) == (1, f"error: {locked}: folder cannot be read (Permission denied)\n")
    assert parsed(out) == ["good.txt"]


@unprivileged
def test_a_folder_that_cannot_be_listed_is_one_line(tmp_path: Path, locked: Path) -> None:
    code, out, err = dry_run_unprivileged(str(locked))
    assert (code, err) == (1, f"error: {locked}: folder cannot be read (Permission denied)\n")
    assert parsed(out) == []


UNSUPPORTED = ["scan.pdf", "notes.docx", "blob.bin", "more/second.pdf", "README", "x.PDF"]


@pytest.mark.parametrize("verbose", [False, True], ids=["summary", "verbose"])
def test_files_of_unsupported_types_in_a_folder_are_counted_by_type_and_named_with_verbose(
    tmp_path: Path, verbose: bool
) -> None:
    folder = tmp_path / "downloads"
    (folder / "more").mkdir(parents=True)
    (folder / ".git").mkdir()
    (folder / ".git" / "index").write_bytes(b"DIRC")  # hidden: neither imported nor counted
    shutil.copy(GOOD, folder / "good.txt")
    for name in UNSUPPORTED:
        (folder / name).write_bytes(b"%PDF-1.4\n" if "pdf" in name.lower() else b"PK\x03\x04")
    args = ["import", "--dry-run", "--silent", str(folder), *(["--verbose"] if verbose else [])]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output  # skipping them is not a failure
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    counted = "skipped 6 files of types govperf does not read: 3 .pdf, 1 (no suffix), 1 .bin, 1 .docx"
    assert counted in lines[-7 if verbose else -1]
    named = sorted(line.removeprefix("skipped: ") for line in lines if line.startswith("skipped: "))
    assert named == (sorted(str(folder / name) for name in UNSUPPORTED) if verbose else [])
    assert any("good.txt" in line and "parsed" in line for line in lines)
