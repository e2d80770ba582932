"""One load-stage measurement, run in its own process so its peak memory is its own.

    python benchmarks/load_stage.py MODE URL CACHE [--copies K --shift YEARS] [--limit N]

MODE is real, copy, server, bare or naive.  Prints one JSON object: seconds (loading only:
unpickling the cached documents is not counted), rows per table, seconds per copy and the CPU
seconds of this process for ``real``.
``real`` is the importer's own load stage (``govperf.load.batch.BatchLoader``, as ``govperf
import`` uses it: one connection, batches of whole documents, one transaction per batch, and the
closing flush); ``copy`` (client-side COPY), ``server`` (server-side COPY from files into the
real tables, the physical limit; only the COPYs are timed), ``bare`` (the same into bare tables:
the columns only, no key, index, constraint or default) and ``naive`` are the baselines of
baselines.py.
"""

from __future__ import annotations

import argparse
import json
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
    counts = table_counts(engine)
    engine.dispose()
    return {"seconds": seconds, "rows": counts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("real", "copy", "server", "bare", "naive"))
    parser.add_argument("url")
    parser.add_argument("cache", type=Path)
    parser.add_argument("--copies", type=int, default=1, help="load the cache this many times …")
    parser.add_argument("--shift", type=int, default=10, help="… each copy this many years later")
    parser.add_argument("--limit", type=int, default=None, help="only the first FILES cached files")
    args = parser.parse_args()
    if args.mode == "real":
        out = real(args.url, args.cache, args.copies, args.shift, args.limit)
    else:
        out = baseline(args.mode, args.url, args.cache, args.limit)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
