"""Start-up of the command line (issue 13): ``govperf --help``, ``govperf documents`` and
``govperf metrics`` on a running embedded server, against ``psql -c 'select 1'`` on that server.

One run: a fresh data directory, ``govperf db start``, the six files of ``examples/`` imported,
then ROUNDS rounds that each run every command once (the order rotating from round to round, so
a burst of load from other work hits each command alike), wall time of the whole process.
Prints a Markdown section with medians, minima and ratios to psql; ``--write`` also puts it into
benchmarks/RESULTS.md between ``<!-- startup -->`` markers (after ``<!-- notes -->``, which the
other benchmark script keeps).

``--before REV`` also times the same commands of an older commit (``git archive`` into a
temporary folder, run with this venv's Python and libraries) in a data directory of its own,
where no server is kept: what a user had before, a server started and stopped by every command.

    .venv/bin/python benchmarks/bench_startup.py --rounds 15 --before 0ac9d59 --write
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
BEGIN, END = "<!-- startup -->", "<!-- /startup -->"
GOALS = {"govperf --help": 0.3, "govperf documents": 0.6, "govperf metrics": 0.6}


# runs the govperf of another checkout: this venv's editable install answers ``import govperf``
# before PYTHONPATH is looked at, so its finder is taken out first
OTHER_CHECKOUT = (
    "import sys; sys.meta_path[:] = [f for f in sys.meta_path"
    " if not getattr(f, '__module__', '').startswith('__editable__')]; "
    "sys.path.insert(0, {path!r}); from govperf.cli import main; main()"
)


def govperf(*args: str, checkout: Path | None = None) -> list[str]:
    if checkout is not None:
        return [sys.executable, "-c", OTHER_CHECKOUT.format(path=str(checkout)), *args]
    return [sys.executable, "-m", "govperf", *args]


def environment(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GOVPERF_", "PG"))}
    env.update(GOVPERF_DATA_DIR=str(data_dir), CI="true")
    return env


def run(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {result.stderr.strip()}")
    return seconds, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def psql_command(url: str) -> list[str]:
    psql = shutil.which("psql")
    if psql is None:
        from govperf.db import embedded

        psql = str(embedded.bin_path() / "psql")
    return [psql, "-X", "-q", "-A", "-t", url, "-c", "select 1"]


Times = dict[str, list[tuple[float, float]]]  # command → (wall s, CPU s) per round


def measure(commands: dict[str, list[str]], env: dict[str, str], rounds: int) -> Times:
    names = list(commands)
    times: Times = {name: [] for name in names}
    for round_no in range(rounds):
        shift = round_no % len(names)
        for name in names[shift:] + names[:shift]:
            times[name].append(run(commands[name], env))
    return times


def checkout(revision: str, into: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision], capture_output=True, check=True)
    with tarfile.open(fileobj=BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    # the shipped layout: govperf.migrations and govperf.sql are the repository's folders
    (into / "govperf" / "migrations").symlink_to(into / "migrations")
    (into / "govperf" / "sql").symlink_to(into / "sql")
    return into


def medians(values: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Median wall, minimum wall, median CPU seconds."""
    walls = [wall for wall, _cpu in values]
    return statistics.median(walls), min(walls), statistics.median(cpu for _wall, cpu in values)


def section(times: Times, before: Times | None, revision: str | None, rounds: int) -> str:
    load_now = " ".join(f"{x:.2f}" for x in os.getloadavg())
    head = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    )
    psql, _psql_min, psql_cpu = medians(times["psql -c 'select 1'"])
    lines = [
        BEGIN,
        "## 6. Start-up of the command line (issue 13)",
        "",
        f"Written by `benchmarks/bench_startup.py` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC (commit "
        f"{head.stdout.strip()}), {rounds} rounds, load average at the end {load_now} (2 cores shared with "
        "other work: compare the ratios to psql, measured in the same rounds, more than absolute times).",
        "Each figure is the wall time of a whole process (`python -m govperf …`, psql from PATH) on a server "
        "kept by `govperf db start`, with the six files of `examples/` imported; CPU is the process's user "
        "+ system time, which other work on the machine inflates less than wall time.",
        "",
        "| command | median wall s | min wall s | median CPU s | wall / psql | CPU / psql | goal (wall) | |",
        "|---|---:|---:|---:|---:|---:|---|---|",
    ]
    for name, values in times.items():
        median, fastest, cpu = medians(values)
        goal = GOALS.get(name)
        verdict = "" if goal is None else ("met" if median < goal else "**not met**")
        goal_text = "" if goal is None else f"< {goal} s"
        lines.append(
            f"| `{name}` | {median:.3f} | {fastest:.3f} | {cpu:.3f} | {median / psql:.1f}× | "
            f"{cpu / psql_cpu:.1f}× | {goal_text} | {verdict} |"
        )
    if before is not None:
        lines += [
            "",
            f"Before (commit {revision}, the same commands in a data directory of their own, where every "
            "command starts and stops the server, as it did before `govperf db start`):",
            "",
            "| command | median wall s | min wall s | median CPU s | wall now / before | CPU now / before |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for name, values in before.items():
            wall, fastest, cpu = medians(values)
            now_wall, _now_min, now_cpu = medians(times[name])
            lines.append(
                f"| `{name}` | {wall:.3f} | {fastest:.3f} | {cpu:.3f} | {now_wall / wall:.2f} | "
                f"{now_cpu / cpu:.2f} |"
            )
    lines += ["", END]
    return "\n".join(lines)


def write(text: str) -> None:
    results = RESULTS.read_text(encoding="utf-8")
    if BEGIN in results and END in results:
        start, end = results.index(BEGIN), results.index(END) + len(END)
        results = results[:start] + text + results[end:]
    else:
        results = results.rstrip("\n") + "\n\n" + text + "\n"
    RESULTS.write_text(results, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--before", metavar="REV", help="also time this older commit (no kept server)")
    parser.add_argument("--write", action="store_true", help="put the section into benchmarks/RESULTS.md")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="govperf-bench-startup-"))
    env = environment(work / "data")
    try:
        run(govperf("db", "start"), env)
        run(govperf("import", *map(str, sorted((ROOT / "examples").glob("*.txt")))), env)
        url = subprocess.run(govperf("db", "url"), env=env, capture_output=True, text=True, check=True)
        commands = {
            "govperf --help": govperf("--help"),
            "govperf documents": govperf("documents"),
            "govperf metrics": govperf("metrics"),
            "psql -c 'select 1'": psql_command(url.stdout.strip()),
        }
        times = measure(commands, env, args.rounds)
        before = None
        if args.before:
            old = checkout(args.before, work / "before")
            old_env = environment(work / "before-data")
            run(govperf("db", "upgrade", checkout=old), old_env)
            old_commands = {
                name: govperf(*command[3:], checkout=old)
                for name, command in commands.items()
                if name.startswith("govperf")
            }
            before = measure(old_commands, old_env, max(3, args.rounds // 3))
        text = section(times, before, args.before, args.rounds)
        print(text)
        if args.write:
            write(text)
    finally:
        subprocess.run(govperf("db", "stop"), env=env, capture_output=True, timeout=120)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
