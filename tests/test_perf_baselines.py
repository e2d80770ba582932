"""The benchmark's baselines (benchmarks/baselines.py) write the same rows as the real import."""

from __future__ import annotations

import pathlib
import sys

import pytest
from sqlalchemy import text
from sqlalchemy.engine import URL, Engine

from govperf.load.lookups import Lookups
from govperf.load.pipeline import parse_file
from govperf.load.results import ImportOptions

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from baselines import ParsedFile, copy_load, naive_load, real_load, shifted, table_counts  # noqa: E402
from corpusgen.writer import Options, write_corpus  # noqa: E402

OBSERVATION_DIGEST = (
    "SELECT md5(string_agg(r, '|' ORDER BY r)) FROM ("
    "SELECT (d.source_sha256, d.part, o.label, o.value, o.unit, o.year, o.span_start, t.title)::text AS r "
    "FROM observations o JOIN documents d ON d.id = o.document_id LEFT JOIN tasks t ON t.id = o.task_id) s"
)


@pytest.fixture(scope="module")
def parsed_files(tmp_path_factory: pytest.TempPathFactory) -> list[ParsedFile]:
    out = tmp_path_factory.mktemp("corpus")
    write_corpus(Options(years=1, seed=3, out=out, districts=1, truth=False))
    return [parse_file(str(path), ImportOptions()) for path in sorted(out.glob("*.*"))[:4]]


def reset(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM documents"))


def digest(engine: Engine) -> str:
    with engine.connect() as conn:
        return str(conn.scalar(text(OBSERVATION_DIGEST)))


def test_copy_and_naive_baselines_write_what_the_import_writes(
    parsed_files: list[ParsedFile], db_url: URL, db_engine: Engine
) -> None:
    lookups = Lookups.load(db_engine)
    stored = real_load(db_engine, lookups, parsed_files)
    real_counts, real_digest = table_counts(db_engine), digest(db_engine)
    assert stored == real_counts["observations"] > 50
    assert real_counts["tasks"] > 0 and real_counts["documents"] >= len(parsed_files)

    reset(db_engine)
    assert copy_load(db_url, lookups, parsed_files) == stored
    assert table_counts(db_engine) == real_counts
    assert digest(db_engine) == real_digest

    reset(db_engine)
    assert naive_load(db_url, lookups, parsed_files) == stored
    assert table_counts(db_engine) == real_counts
    assert digest(db_engine) == real_digest


def test_shifted_copies_load_beside_the_originals(parsed_files: list[ParsedFile], db_engine: Engine) -> None:
    lookups = Lookups.load(db_engine)
    once = real_load(db_engine, lookups, parsed_files[:2])
    again = real_load(db_engine, lookups, [shifted(p, 10) for p in parsed_files[:2]])
    assert again == once
    with db_engine.connect() as conn:
        years = sorted(conn.scalars(text("SELECT DISTINCT year FROM documents WHERE year IS NOT NULL")))
    assert years and years[-1] - years[0] == 10
