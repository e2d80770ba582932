#!/usr/bin/env python3
"""Run the govperf performance benchmarks; print a table and write benchmarks/RESULTS.md.

    .venv/bin/python benchmarks/run_benchmarks.py                 # N=10, about 8 minutes
    .venv/bin/python benchmarks/run_benchmarks.py --scales 1,10,100   # adds N=100 (replicated)

Stages (see benchmarks/README.md): generate a corpus of N years; extraction and parsing
throughput on one core (and a profile of parsing); parse the corpus once into a cache with
--jobs processes; load stage of the import against COPY and the naive ORM peer; import time,
peak memory and query latency per scale; end-to-end ``govperf import --jobs 1`` and ``--jobs J``.
A PostgreSQL 16 server is started in a temporary directory unless GOVPERF_BENCH_DATABASE_URL
is set.  Scales above N are the N-year cache loaded again shifted by N years per copy.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import extraction  # noqa: E402
import parse_cache  # noqa: E402
import queries  # noqa: E402
import report  # noqa: E402
from benchdb import BenchServer, bench_server  # noqa: E402

SHARED_CORPUS = HERE.parents[1] / "shared" / "corpus"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--years", type=int, default=10, help="N of the generated corpus (default 10)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--scales", default="1,10", help="corpus sizes in years; above --years: replicated")
    ap.add_argument("--jobs", type=int, default=2, help="processes for parsing and --jobs import (default 2)")
    ap.add_argument("--workdir", type=Path, help="keep corpus and cache here (reused when present)")
    ap.add_argument("--extract-files", type=int, default=24, help="files for the one-core throughput")
    ap.add_argument("--profile-files", type=int, default=8, help="files profiled")
    ap.add_argument("--naive-files", type=int, default=3, help="files loaded by the naive peer")
    ap.add_argument("--e2e-files", type=int, default=48, help="files imported end to end per --jobs")
    ap.add_argument("--repeat", type=int, default=2, help="load-stage runs of real and COPY (best kept)")
    ap.add_argument("--fast", action="store_true", help="server without fsync (default: PostgreSQL's)")
    ap.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    ap.add_argument("--plans", type=Path, default=HERE / "plans")
    ap.add_argument("--load-only", type=Path, metavar="CACHE", help="only the load-stage comparison on CACHE")
    ap.add_argument("--render", type=Path, help="only write RESULTS.md again from a run's results.pickle")
    return ap.parse_args(argv)


def child(command: list[str]) -> tuple[float, int, str, float]:
    """Run ``command``: wall seconds, peak RSS (MiB, the child and its waited-for children),
    stdout, and CPU seconds (user + system, the child and its children)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err)
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode not in (0, 1):
            raise SystemExit(f"{command[:4]} failed ({process.returncode}): {err.read()[-2000:]}")
        return seconds, usage.ru_maxrss // 1024, out.read(), usage.ru_utime + usage.ru_stime


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def generate(args: argparse.Namespace, corpus: Path) -> dict[str, Any]:
    if corpus.exists() and any(corpus.iterdir()):
        return {"reused": True}
    command = [sys.executable, str(HERE / "generate_corpus.py"), "--years", str(args.years)]
    command += ["--seed", str(args.seed), "--out", str(corpus), "--no-truth", "-q"]
    seconds, _rss, out, _cpu = child(command)
    return {"reused": False, "seconds": seconds, "summary": out.strip().splitlines()[0]}


def extraction_stage(args: argparse.Namespace, corpus: Path) -> dict[str, Any]:
    files = parse_cache.corpus_files(corpus)
    step = max(1, len(files) // args.extract_files)
    sample = files[::step][: args.extract_files]
    out: dict[str, Any] = {"throughput": []}
    shared = sorted(str(p) for p in SHARED_CORPUS.glob("*.txt")) if SHARED_CORPUS.is_dir() else []
    if shared:
        out["throughput"].append(extraction.extract_throughput("shared corpus: extract()", shared))
        out["throughput"].append(extraction.parse_throughput("shared corpus: parse_file()", shared))
    out["throughput"].append(extraction.extract_throughput("generated sample: extract()", sample))
    out["throughput"].append(extraction.parse_throughput("generated sample: parse_file()", sample))
    profiled = sample[: args.profile_files]
    out["profile_total"], out["hot_own"] = extraction.profile_parse(profiled)
    out["hot_cumulative"] = extraction.profile_cumulative(profiled)
    out["profile_files"] = len(profiled)
    return out


def load(mode: str, server: BenchServer, cache: Path, **options: Any) -> dict[str, Any]:
    url = server.fresh_database(mode)
    command = [sys.executable, str(HERE / "load_stage.py"), mode, url.render_as_string(hide_password=False)]
    command.append(str(cache))
    for name, value in options.items():
        if value is not None:
            command += [f"--{name}", str(value)]
    _seconds, rss, out, _cpu = child(command)
    result: dict[str, Any] = json.loads(out)
    result |= {"rss_mib": rss, "url": url}
    return result


def compare_stage(args: argparse.Namespace, server: BenchServer, cache: Path) -> dict[str, Any]:
    runs: dict[str, list[dict[str, Any]]] = {"real": [], "copy": [], "server": []}
    for _ in range(max(1, args.repeat)):
        for mode in ("real", "copy", "server"):
            result = load(mode, server, cache)
            runs[mode].append(result)
            log(f"load stage {mode}: {result['seconds']:.1f} s")
    best = {mode: min(results, key=lambda r: r["seconds"]) for mode, results in runs.items()}
    for results in runs.values():
        for result in results:
            if result is not best["real"]:
                server.drop_database(result["url"])
    naive = load("naive", server, cache, limit=args.naive_files)
    server.drop_database(naive["url"])
    log(f"load stage naive: {naive['seconds']:.1f} s")
    return {
        "real": best["real"],
        "copy": best["copy"],
        "server": best["server"],
        "naive": naive,
        "runs": runs,
    }


def scale_stage(
    args: argparse.Namespace, server: BenchServer, cache: Path, full_real: dict[str, Any]
) -> list[dict[str, Any]]:
    out = []
    for scale in sorted({int(s) for s in args.scales.split(",") if s.strip()}):
        if scale == args.years:
            result = full_real
        elif scale < args.years:
            result = load("real", server, cache, limit=parse_cache.prefix_for_years(cache, scale))
        else:
            if scale % args.years:
                raise SystemExit(f"--scales: {scale} is not a multiple of --years {args.years}")
            result = load("real", server, cache, copies=scale // args.years, shift=args.years)
        log(f"scale N={scale}: load {result['seconds']:.1f} s; queries …")
        libpq = server.libpq(result["url"])
        latencies = queries.measure(libpq, args.plans, f"n{scale}")
        without = {
            name: queries.measure_without(libpq, args.plans, f"n{scale}", name) for name in queries.INDEXES
        }
        out.append({"scale": scale, "load": result, "queries": latencies, "without": without})
        server.drop_database(result["url"])
    return out


def e2e_stage(args: argparse.Namespace, server: BenchServer, corpus: Path) -> list[dict[str, Any]]:
    files = parse_cache.corpus_files(corpus)[: args.e2e_files]
    out = []
    for jobs in sorted({1, args.jobs}):
        url = server.fresh_database(f"e2e{jobs}")
        command = [
            sys.executable,
            "-m",
            "govperf",
            "--database-url",
            url.render_as_string(hide_password=False),
        ]
        command += ["import", "--silent", "--jobs", str(jobs), *files]
        seconds, rss, _out, cpu = child(command)
        counts = _counts(server, url)
        server.drop_database(url)
        out.append(
            {
                "jobs": jobs,
                "files": len(files),
                "seconds": seconds,
                "cpu": cpu,
                "rss_mib": rss,
                "rows": counts,
            }
        )
        log(f"govperf import --jobs {jobs}: {seconds:.1f} s")
    return out


def _counts(server: BenchServer, url: Any) -> dict[str, int]:
    import psycopg

    with psycopg.connect(server.libpq(url)) as conn:
        tables = ("documents", "tasks", "category_results", "observations")
        return {t: int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in tables}  # type: ignore[index]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.render is not None:
        with open(args.render, "rb") as handle:
            saved = pickle.load(handle)
        report.write(args.results, report.render(saved))
        print(report.summary_table(saved))
        return 0
    if args.load_only is not None:
        with bench_server(fast=args.fast) as server:
            compare = compare_stage(args, server, args.load_only)
            settings = server.settings()
        print(json.dumps({"server": settings} | report.load_ratios(compare), indent=1))
        return 0
    started = time.perf_counter()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="govperf-bench-work-"))
    corpus, cache = work / f"corpus_n{args.years}_s{args.seed}", work / f"cache_n{args.years}_s{args.seed}"
    facts = report.machine_facts(sys.argv)
    log(f"corpus N={args.years} in {corpus}")
    results: dict[str, Any] = {"args": vars(args), "facts": facts, "generate": generate(args, corpus)}
    log("extraction throughput (one core) and profile")
    results["extraction"] = extraction_stage(args, corpus)
    if (cache / "years.json").exists():
        results["parse"] = None
    else:
        log(f"parsing the corpus into the cache with {args.jobs} processes")
        results["parse"] = parse_cache.build(corpus, cache, args.jobs)
    with bench_server(fast=args.fast) as server:
        results["server"] = server.settings()
        results["compare"] = compare_stage(args, server, cache)
        results["scales"] = scale_stage(args, server, cache, results["compare"]["real"])
        results["e2e"] = e2e_stage(args, server, corpus)
    results["seconds"] = time.perf_counter() - started
    results["facts"]["load_after"] = report.load_average()
    with open(work / "results.pickle", "wb") as handle:  # report.py can render it again
        pickle.dump(results, handle)
    text = report.render(results)
    print(report.summary_table(results))
    report.write(args.results, text)
    log(f"wrote {args.results} and {args.plans}/ in {results['seconds']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
