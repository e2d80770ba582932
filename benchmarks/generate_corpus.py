#!/usr/bin/env python3
"""Generate a reproducible synthetic corpus of district performance documents, with ground truth.

    .venv/bin/python benchmarks/generate_corpus.py --years 10 --seed 1 --out /tmp/corpus

Writes DIR/<stem>.txt|.html (UTF-8 or GB18030) and DIR/truth/<stem>.json in the shape of the
shared gold files, so `score.py --corpus DIR --gold DIR/truth` scores an import of it.
See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import pathlib
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

from corpusgen.writer import FORMATS, Options, write_corpus


def parse_args(argv: list[str] | None = None) -> tuple[Options, bool]:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--years", type=int, required=True, help="number of report years (N); ~100 documents each"
    )
    ap.add_argument("--seed", type=int, default=0, help="random seed; same seed, same bytes")
    ap.add_argument("--out", type=pathlib.Path, required=True, help="output directory")
    ap.add_argument(
        "--formats",
        default=",".join(FORMATS),
        help="comma list of txt, html, gb18030 (default: all; a share of files becomes HTML "
        "and a share GB18030-encoded)",
    )
    ap.add_argument("--start-year", type=int, default=2001, help="first report year (default 2001)")
    ap.add_argument(
        "--districts", type=int, default=None, help="only the first K districts (default: all 16)"
    )
    ap.add_argument("--html-share", type=float, default=0.2, help="share of files written as HTML pages")
    ap.add_argument("--gb18030-share", type=float, default=0.15, help="share of files encoded in GB18030")
    ap.add_argument("--no-truth", action="store_true", help="skip DIR/truth (about 3x the corpus size)")
    ap.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    a = ap.parse_args(argv)
    formats = tuple(f.strip() for f in a.formats.split(",") if f.strip())
    unknown = set(formats) - set(FORMATS)
    if unknown or not formats:
        ap.error(f"--formats takes a comma list of {', '.join(FORMATS)}; got {a.formats!r}")
    if a.years < 1:
        ap.error("--years must be at least 1")
    if a.out.exists() and any(a.out.iterdir()):
        ap.error(f"{a.out} is not empty: give a new or empty directory (old files would mix in)")
    options = Options(
        years=a.years,
        seed=a.seed,
        out=a.out,
        formats=formats,
        start_year=a.start_year,
        districts=a.districts,
        html_share=a.html_share,
        gb18030_share=a.gb18030_share,
        truth=not a.no_truth,
    )
    return options, a.quiet


def main(argv: list[str] | None = None) -> int:
    opts, quiet = parse_args(argv)
    started = time.perf_counter()
    s = write_corpus(opts, progress=not quiet)
    took = time.perf_counter() - started
    print(
        f"{s.files} files, {s.documents} documents, {s.bytes:,} bytes, {s.observations:,} observations, "
        f"{s.tasks:,} tasks in {took:.1f}s -> {opts.out}"
    )
    print("genres: " + ", ".join(f"{g} {n}" for g, n in sorted(s.genres.items())))
    print("formats: " + ", ".join(f"{f} {n}" for f, n in sorted(s.formats.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
