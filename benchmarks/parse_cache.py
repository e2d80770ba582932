"""Pre-parsed documents for the load-stage benchmarks: parse a corpus once, pickle each file.

``build(corpus, cache, jobs)`` parses every file of ``corpus`` with ``jobs`` processes and
writes ``cache/<index>.pickle`` holding ``(Source, [ParsedDocument …])``; ``files(cache)``
streams them back one file at a time (memory does not grow with the corpus), optionally
``shifted`` some years later so N=10 can stand in for N=100.  ``cache/years.json`` lists each
file's last report year, so the first k years of a corpus are a prefix of its files.
"""

from __future__ import annotations

import json
import multiprocessing
import pickle
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from baselines import ParsedFile, shifted

from govperf.load.paths import expand_inputs
from govperf.load.pipeline import parse_file
from govperf.load.results import ImportOptions

SUFFIXES = (".txt", ".html")


@dataclass
class ParseStats:
    files: int = 0
    documents: int = 0
    observations: int = 0
    characters: int = 0
    failed: int = 0
    seconds: float = 0.0


def corpus_files(corpus: Path) -> list[str]:
    """The document files of a generated corpus (its truth/ folder left out)."""
    return [p for p in expand_inputs([str(corpus)]) if isinstance(p, str) and "/truth/" not in p]


def _parse_one(item: tuple[int, str, str]) -> tuple[int, int, int, int, int]:
    index, path, cache = item
    try:
        parsed = parse_file(path, ImportOptions())
    except Exception:
        return index, 0, 0, 0, 0
    with open(Path(cache) / f"{index:06d}.pickle", "wb") as handle:
        pickle.dump(parsed, handle, protocol=pickle.HIGHEST_PROTOCOL)
    source, documents = parsed
    year = max((d.year for d in documents if d.year is not None), default=0)
    return index, len(documents), sum(len(d.observations) for d in documents), len(source.text), year


def build(corpus: Path, cache: Path, jobs: int) -> ParseStats:
    """Parse every file of ``corpus`` into ``cache`` with ``jobs`` processes."""
    cache.mkdir(parents=True, exist_ok=True)
    items = [(i, path, str(cache)) for i, path in enumerate(corpus_files(corpus))]
    stats = ParseStats(files=len(items))
    started = time.perf_counter()
    years: dict[int, int] = {}
    with multiprocessing.get_context("spawn").Pool(jobs) as pool:
        for index, documents, observations, characters, year in pool.imap_unordered(_parse_one, items):
            stats.documents += documents
            stats.observations += observations
            stats.characters += characters
            stats.failed += documents == 0
            years[index] = year
    stats.seconds = time.perf_counter() - started
    (cache / "years.json").write_text(json.dumps([years[i] for i in sorted(years)]))
    return stats


def prefix_for_years(cache: Path, first_years: int) -> int:
    """How many leading files hold the corpus's first ``first_years`` report years."""
    years = [y for y in json.loads((cache / "years.json").read_text()) if y]
    cutoff = min(years) + first_years
    return next((i for i, y in enumerate(years) if y >= cutoff), len(years))


def files(cache: Path, shift: int = 0, limit: int | None = None) -> Iterator[ParsedFile]:
    """The cached files one at a time (the first ``limit``), ``shift`` years later."""
    for count, path in enumerate(sorted(cache.glob("*.pickle"))):
        if limit is not None and count >= limit:
            return
        with open(path, "rb") as handle:
            parsed: ParsedFile = pickle.load(handle)
        yield shifted(parsed, shift)
