"""One load-stage measurement, run in its own process so its peak memory is its own.

    python benchmarks/load_stage.py MODE URL CACHE [--copies K --shift YEARS] [--limit N]
    python benchmarks/load_stage.py compare CACHE [--repeat R] [--limit N]

MODE is real, copy, server, bare or naive.  Prints one JSON object: seconds (loading only:
unpickling the cached documents is not counted), rows per table, seconds per copy and the CPU
seconds of this process for ``real``.
``real`` is the importer's own load stage (``govperf.load.batch.BatchLoader``, as ``govperf
import`` uses it: one connection, batches of whole documents, one transaction per batch, and the
closing flush); ``copy`` (client-side COPY), ``server`` (server-side COPY from files into the
real tables, the physical limit; only the COPYs are timed), ``bare`` (the same into bare tables:
the columns only, no key, index, constraint or default) and ``naive`` are the baselines of
baselines.py.  ``compare`` starts its own server (benchdb.py) and runs real, server and bare in
turn, R rounds, each in a fresh database and process; it prints every run and the median of the
rounds' ratios (benchmarks/RESULTS.md, section 2b).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tempfile

import parse_cache
from baselines import copy_load, naive_load, server_copy_load, table_counts
from sqlalchemy.engine import make_url

from govperf.db import engine as db
from govperf.load.batch import BatchLoader
from govperf.load.lookups import Lookups
from govperf.load.results import FileResult
from govperf.load.store import flush


def real(url: str, cache: Path, copies: int, shift: int, limit: int | None) -> dict[str, object]:
    engine = db.make_engine(make_url(url))
    lookups = Lookups.load(engine)
    per_copy, failed = [], 0
    cpu = time.process_time()
    for copy in range(copies):
        seconds = 0.0
        loader = BatchLoader(engine, lookups, replace=False)
        for source, documents in parse_cache.files(cache, copy * shift, limit):
            result = FileResult(path=source.path)
            started = time.perf_counter()
            done = loader.add(result, source, documents)
            seconds += time.perf_counter() - started
            failed += sum(r.error is not None for r in done)
        started = time.perf_counter()
        failed += sum(r.error is not None for r in loader.finish())
        flush(engine)
        seconds += time.perf_counter() - started
        per_copy.append(seconds)
    cpu = time.process_time() - cpu
    counts = table_counts(engine)
    engine.dispose()
    out = {"seconds": sum(per_copy), "per_copy": per_copy, "failed_files": failed, "rows": counts}
    return out | {"cpu": cpu}


def baseline(mode: str, url: str, cache: Path, limit: int | None) -> dict[str, object]:
    parsed = list(parse_cache.files(cache, 0, limit))
    engine = db.make_engine(make_url(url))
    lookups = Lookups.load(engine)
    if mode in ("server", "bare"):
        with tempfile.TemporaryDirectory(prefix="govperf-copy-") as folder:
            seconds = server_copy_load(make_url(url), lookups, parsed, folder, bare=mode == "bare")
    else:
        load = copy_load if mode == "copy" else naive_load
        started = time.perf_counter()
        load(make_url(url), lookups, parsed)
        seconds = time.perf_counter() - started
    counts = table_counts(engine, prefix="bare_" if mode == "bare" else "")
    engine.dispose()
    return {"seconds": seconds, "rows": counts}


def compare(cache: Path, repeat: int, limit: int | None) -> dict[str, object]:
    """The load stage against server-side COPY into the real tables and into bare tables: each
    loader in turn (``repeat`` rounds, a fresh database and process for every run), and the
    median of the rounds' ratios, so the noise of a shared machine hits every loader alike."""
    from benchdb import bench_server

    modes = ("real", "server", "bare")
    runs: dict[str, list[float]] = {mode: [] for mode in modes}
    rows: dict[str, int] = {}
    with bench_server() as server:
        settings = server.settings()
        for _ in range(repeat):
            for mode in modes:
                url = server.fresh_database(mode)
                command = [
                    sys.executable,
                    __file__,
                    mode,
                    url.render_as_string(hide_password=False),
                    str(cache),
                ]
                if limit is not None:
                    command += ["--limit", str(limit)]
                out = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
                server.drop_database(url)
                if rows and out["rows"] != rows:
                    raise SystemExit(f"{mode} stored other rows: {out['rows']} against {rows}")
                rows = out["rows"]
                runs[mode].append(out["seconds"])
                print(f"{mode}: {out['seconds']:.2f} s", file=sys.stderr, flush=True)
    total = sum(rows.values())
    # the load stage's rows/s as a share of the baseline's = baseline seconds / load-stage seconds
    shares = {
        mode: [base / real for base, real in zip(runs[mode], runs["real"], strict=True)] for mode in modes[1:]
    }
    return {
        "server": settings,
        "rows": rows,
        "runs": runs,
        "median_seconds": {mode: statistics.median(seconds) for mode, seconds in runs.items()},
        "median_rows_per_s": {mode: total / statistics.median(seconds) for mode, seconds in runs.items()},
        "shares_per_round": shares,
        "median_share": {f"real/{mode}": statistics.median(values) for mode, values in shares.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("real", "copy", "server", "bare", "naive", "compare"))
    parser.add_argument("url", help="the database (compare: the cache)")
    parser.add_argument("cache", type=Path, nargs="?")
    parser.add_argument("--repeat", type=int, default=5, help="compare: rounds of the three loaders")
    parser.add_argument("--copies", type=int, default=1, help="load the cache this many times …")
    parser.add_argument("--shift", type=int, default=10, help="… each copy this many years later")
    parser.add_argument("--limit", type=int, default=None, help="only the first FILES cached files")
    args = parser.parse_args()
    if args.mode == "compare":
        print(json.dumps(compare(Path(args.url), args.repeat, args.limit), indent=1))
        return
    if args.mode == "real":
        out = real(args.url, args.cache, args.copies, args.shift, args.limit)
    else:
        out = baseline(args.mode, args.url, args.cache, args.limit)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
