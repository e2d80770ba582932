"""Extraction and parsing throughput on one core, and where parsing spends its time.

* extract: ``govperf.extract.extract`` fed paragraph by paragraph (as extract_throughput.py);
* parse: the whole document pipeline of an import without the database
  (``govperf.load.pipeline.parse_file``: read, decode, normalise, recognise, extract);
* profile: cProfile of ``parse_file`` over a sample, the functions with the most own time.
"""

from __future__ import annotations

import cProfile
import pstats
import time
from dataclasses import dataclass
from pathlib import Path

from govperf.documents import read_source
from govperf.extract import extract
from govperf.load.pipeline import parse_file
from govperf.load.results import ImportOptions


@dataclass
class Throughput:
    corpus: str
    files: int
    characters: int
    seconds: float
    observations: int

    @property
    def chars_per_second(self) -> float:
        return self.characters / self.seconds if self.seconds else 0.0


@dataclass
class HotSpot:
    function: str
    calls: int
    own_seconds: float
    cumulative_seconds: float
    share: float  # own time / total profiled time


def _paragraphs(paths: list[str]) -> list[str]:
    return [line for path in paths for line in read_source(path).text.splitlines() if line.strip()]


def extract_throughput(name: str, paths: list[str]) -> Throughput:
    paragraphs = _paragraphs(paths)
    for paragraph in paragraphs[:30]:  # warm-up: data tables, compiled patterns
        extract(paragraph)
    started = time.perf_counter()
    count = sum(len(extract(p)) for p in paragraphs)
    seconds = time.perf_counter() - started
    return Throughput(name, len(paths), sum(len(p) for p in paragraphs), seconds, count)


def parse_throughput(name: str, paths: list[str]) -> Throughput:
    parse_file(paths[0], ImportOptions())  # warm-up
    characters = observations = 0
    started = time.perf_counter()
    for path in paths:
        source, documents = parse_file(path, ImportOptions())
        characters += len(source.text)
        observations += sum(len(d.observations) for d in documents)
    return Throughput(name, len(paths), characters, time.perf_counter() - started, observations)


def profile_parse(paths: list[str], top: int = 15) -> tuple[float, list[HotSpot]]:
    """Total profiled seconds and the ``top`` functions by own time (govperf's and libraries')."""
    profiler = cProfile.Profile()
    profiler.enable()
    for path in paths:
        parse_file(path, ImportOptions())
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = float(stats.total_tt)  # type: ignore[attr-defined]
    rows = []
    for (filename, line, function), (_cc, calls, own, cumulative, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append(
            HotSpot(_where(filename, line, function), calls, own, cumulative, own / total if total else 0)
        )
    rows.sort(key=lambda r: r.own_seconds, reverse=True)
    return total, rows[:top]


def profile_cumulative(paths: list[str], top: int = 15) -> list[HotSpot]:
    """govperf functions by cumulative time: which steps of the pipeline cost most."""
    profiler = cProfile.Profile()
    profiler.enable()
    for path in paths:
        parse_file(path, ImportOptions())
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = float(stats.total_tt)  # type: ignore[attr-defined]
    rows = [
        HotSpot(_where(f, line, fn), calls, own, cum, cum / total if total else 0)
        for (f, line, fn), (_cc, calls, own, cum, _callers) in stats.stats.items()  # type: ignore[attr-defined]
        if "/govperf/" in f and "/load/pipeline.py" not in f
    ]
    rows.sort(key=lambda r: r.cumulative_seconds, reverse=True)
    return rows[:top]


def _where(filename: str, line: int, function: str) -> str:
    path = Path(filename)
    if "govperf" in path.parts:
        short = "/".join(path.parts[path.parts.index("govperf") :])
    elif filename.startswith("~") or filename.startswith("<"):
        short = filename
    else:
        short = path.name
    return f"{short}:{line}({function})"
