"""extract() against cn2an.transform on the real dev texts: characters per second and their ratio.

    python benchmarks/bench_extract.py [--corpus ../shared/corpus-dev] [--repeat 7] [--profile]

Each text of ``--corpus/*.txt`` is given whole to ``govperf.extract.extract(text)`` and to
``cn2an.transform(text, "cn2an")`` (the peer: a plain pass that rewrites Chinese numerals).
The two are timed in interleaved repetitions (extract, cn2an, extract, cn2an …) after one
warm-up each, so both see the same load; the median of each is reported with the ratio of
their characters per second.  Times are CPU seconds of this process (``time.process_time``):
the machine is shared, so waiting for a core is not counted; still, compare ratios of one
run, not times.
The first pass of each (after the data tables are loaded by one short call, before any label
cache is warm) is reported too: the timed repetitions read the same texts again, so extract()'s
label caches (parse_zone, clean_label, map_label) serve them warm.
``--profile`` prints a cProfile of one extract() pass, by own time.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import cn2an

from govperf.extract import extract

# one sentence that makes extract() load every table it reads lazily (full-width digits, a metric,
# a region's name, a unit)
WARM_UP = "北京市地区生产总值增长６．５％,城镇居民人均可支配收入达到５万元,排名全市第二。"


def _timed(run: Callable[[str], object], texts: list[str]) -> float:
    started = time.process_time()
    for text in texts:
        run(text)
    return time.process_time() - started


def _cn2an(text: str) -> object:
    return cn2an.transform(text, "cn2an")


def measure(texts: list[str], repeat: int) -> tuple[float, float, float, float]:
    """(median seconds of one pass of extract(), of cn2an.transform over ``texts``; seconds of
    the first pass of each)."""
    extract(WARM_UP)  # the data tables (metrics, units, cues, regions, folding), loaded once per process
    _cn2an(WARM_UP)
    first_ours = _timed(extract, texts)
    first_peer = _timed(_cn2an, texts)
    ours, peer = [], []
    for _ in range(repeat):
        ours.append(_timed(extract, texts))
        peer.append(_timed(_cn2an, texts))
    return statistics.median(ours), statistics.median(peer), first_ours, first_peer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = Path(__file__).resolve()
    default = next((p / "shared" / "corpus-dev" for p in here.parents if (p / "shared").is_dir()), here)
    parser.add_argument("--corpus", type=Path, default=default)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    files = sorted(args.corpus.glob("*.txt"))
    if not files:
        raise SystemExit(f"{args.corpus}: no .txt files")
    warnings.simplefilter("ignore")  # cn2an warns on every run it cannot read (十四五)
    texts = [f.read_text(encoding="utf-8") for f in files]
    chars = sum(len(t) for t in texts)
    ours, peer, first_ours, first_peer = measure(texts, args.repeat)
    if args.profile:  # as the timed runs: data tables loaded, caches warm
        profile = cProfile.Profile()
        profile.runcall(_timed, extract, texts)
        pstats.Stats(profile).sort_stats("tottime").print_stats(25)
    observations = sum(len(extract(t)) for t in texts)
    print(f"{len(files)} files, {chars:,} characters, {observations:,} observations, median of {args.repeat}")
    print(f"extract()        {chars / ours:>12,.0f} chars/s  ({ours:.3f} s)")
    print(f"cn2an.transform  {chars / peer:>12,.0f} chars/s  ({peer:.3f} s)")
    print(f"ratio            {peer / ours:>12.2f}x")
    print(
        f"first pass: extract() {chars / first_ours:,.0f} chars/s, cn2an {chars / first_peer:,.0f} chars/s,",
        end=" ",
    )
    print(f"ratio {first_peer / first_ours:.2f}x")


if __name__ == "__main__":
    main()
