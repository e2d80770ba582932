"""Characters per second of govperf.extract.extract over the shared corpus, on one core.

    python benchmarks/extract_throughput.py [--corpus ../shared/corpus] [--repeat 3]

Each file is fed paragraph by paragraph (as a document parser does); the best of --repeat
runs is reported, after one warm-up run that loads the data tables.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from govperf.extract import extract


def run(paragraphs: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    count = sum(len(extract(p)) for p in paragraphs)
    return time.perf_counter() - start, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parents[2] / "shared" / "corpus"
    parser.add_argument("--corpus", type=Path, default=default)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    files = sorted(args.corpus.glob("*.txt"))
    if not files:
        raise SystemExit(f"no .txt files in {args.corpus}")
    paragraphs = [line for f in files for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    chars = sum(len(p) for p in paragraphs)
    run(paragraphs[:50])
    best, count = min(run(paragraphs) for _ in range(max(1, args.repeat)))
    print(
        f"{len(files)} files, {len(paragraphs)} paragraphs, {chars:,} characters, {count} observations: "
        f"{best:.3f} s, {chars / best:,.0f} characters/second"
    )


if __name__ == "__main__":
    main()
