"""extract() against cn2an.transform on the real dev texts: characters per second and their ratio.

    python benchmarks/bench_extract.py [--corpus ../shared/corpus-dev] [--repeat 7] [--profile]

Each text of ``--corpus/*.txt`` is given whole to ``govperf.extract.extract(text)`` and to
``cn2an.transform(text, "cn2an")`` (the peer: a plain pass that rewrites Chinese numerals).
The two are timed in interleaved rounds (extract, cn2an; extract, cn2an …) after one warm-up
each, so both see the same load.  The headline is the median over the rounds of each round's
ratio (cn2an's time over extract()'s): the two passes of a round run seconds apart, so a change
of the machine's speed between rounds cancels out.  The median of each and the ratio of the
minima (the best pass of each, the least disturbed) are printed too.  Times are CPU seconds of
this process (``time.process_time``): the machine is shared, so waiting for a core is not
counted; still, compare ratios of one run, not times.
The first pass of each (after the data tables are loaded by one short call, before any label
cache is warm) is reported too: the timed repetitions read the same texts again, so extract()'s
label caches (parse_zone, clean_label, map_label) serve them warm.
``--profile`` prints a cProfile of one extract() pass, by own time.
``--memory`` prints the peak memory extract() allocates (tracemalloc) for the texts joined once,
4 times and 16 times over, per character of text and net of what it returns: flat means the
working memory grows with the document only as the text itself does.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import time
import tracemalloc
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


def measure(texts: list[str], repeat: int) -> tuple[list[float], list[float], float, float]:
    """(seconds of each timed pass of extract(), of cn2an.transform over ``texts``, round by
    round; seconds of the first pass of each)."""
    extract(WARM_UP)  # the data tables (metrics, units, cues, regions, folding), loaded once per process
    _cn2an(WARM_UP)
    first_ours = _timed(extract, texts)
    first_peer = _timed(_cn2an, texts)
    ours, peer = [], []
    for _ in range(repeat):
        ours.append(_timed(extract, texts))
        peer.append(_timed(_cn2an, texts))
    return ours, peer, first_ours, first_peer


def memory(texts: list[str], copies: tuple[int, ...] = (1, 4, 16)) -> list[tuple[int, int, float, float]]:
    """(characters, observations, peak bytes per character, peak bytes per character net of the
    returned observations) of extract() over the texts joined ``n`` times, for each ``n``."""
    extract(WARM_UP)
    for text in texts:  # caches warm and full, as in a long import: only the pass itself is measured
        extract(text)
    found = []
    for n in copies:
        text = "\n".join(texts * n)
        tracemalloc.start()
        result = extract(text)
        _, peak = tracemalloc.get_traced_memory()
        held, _ = tracemalloc.get_traced_memory()  # what the result still holds
        tracemalloc.stop()
        found.append((len(text), len(result), peak / len(text), (peak - held) / len(text)))
        del result
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = Path(__file__).resolve()
    default = next((p / "shared" / "corpus-dev" for p in here.parents if (p / "shared").is_dir()), here)
    parser.add_argument("--corpus", type=Path, default=default)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--memory", action="store_true")
    args = parser.parse_args()
    files = sorted(args.corpus.glob("*.txt"))
    if not files:
        raise SystemExit(f"{args.corpus}: no .txt files")
    warnings.simplefilter("ignore")  # cn2an warns on every run it cannot read (十四五)
    texts = [f.read_text(encoding="utf-8") for f in files]
    chars = sum(len(t) for t in texts)
    if args.memory:
        for size, observations, per_char, net in memory(texts):
            print(f"{size:>10,} characters  {observations:>7,} observations", end="  ")
            print(f"peak {per_char:6.1f} B/char, net of the result {net:6.1f} B/char")
        return
    rounds_ours, rounds_peer, first_ours, first_peer = measure(texts, args.repeat)
    ours, peer = statistics.median(rounds_ours), statistics.median(rounds_peer)
    ratio = statistics.median(p / o for o, p in zip(rounds_ours, rounds_peer, strict=True))
    if args.profile:  # as the timed runs: data tables loaded, caches warm
        profile = cProfile.Profile()
        profile.runcall(_timed, extract, texts)
        pstats.Stats(profile).sort_stats("tottime").print_stats(25)
    observations = sum(len(extract(t)) for t in texts)
    print(f"{len(files)} files, {chars:,} characters, {observations:,} observations, {args.repeat} rounds")
    rows = (("extract()", ours, min(rounds_ours)), ("cn2an.transform", peer, min(rounds_peer)))
    for name, median, best in rows:
        print(f"{name:<16} {chars / median:>12,.0f} chars/s  (median {median:.3f} s, best {best:.3f} s)")
    print(f"ratio            {ratio:>12.2f}x  (median of the rounds' ratios)")
    print(f"                 {peer / ours:>12.2f}x  (ratio of the medians)")
    print(f"                 {min(rounds_peer) / min(rounds_ours):>12.2f}x  (ratio of the best passes)")
    print(
        f"first pass: extract() {chars / first_ours:,.0f} chars/s, cn2an {chars / first_peer:,.0f} chars/s,",
        end=" ",
    )
    print(f"ratio {first_peer / first_ours:.2f}x")


if __name__ == "__main__":
    main()
