"""``govperf import --jobs N``: the same rows as one process, idempotent, failures reported."""

from __future__ import annotations

import pathlib
import sys

import pytest
from click.testing import CliRunner
from sqlalchemy import text
from sqlalchemy.engine import URL, Engine

from govperf.cli import cli
from govperf.db import migrate

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpusgen.writer import Options, write_corpus  # noqa: E402

# One checksum per view, over the columns that do not depend on generated ids or import time.
# The chosen value of v_metric_series (and so v_metric_comparison) is compared too: a tie on the
# view's rule is broken by source file, part and place in the text, not by import order.
VIEW_ROWS = {
    "v_documents": (
        "source_sha256, part, genre, district_code, year, period_label, task_count, observation_count"
    ),
    "v_observations": (
        "source_sha256, part, district_code, year, metric_code, label, measure, kind, comparator, value, "
        "value_max, unit, raw_value, raw_unit, task_id IS NULL, category_code, span_start, span_end, snippet"
    ),
    "v_tasks": (
        "district_code, year, category_code, seq_no, ref_code, title, target_text, progress_text, status"
    ),
    "v_task_completion": "district_code, year, category_code, tasks_total, tasks_done, tasks_lagging, source",
    "v_metric_series": (
        "metric_code, district_code, year, measure, kind, comparator, value, value_max, unit, "
        "period_label, period_end, is_annual, candidates, label, snippet"
    ),
    "v_metric_comparison": (
        "metric_code, year, measure, kind, district_code, value, rank_in_year, districts_reporting, "
        "candidates, period_label, comparator, best_value, median_value"
    ),
}
# The chosen observation of each v_metric_series row, named by what does not change on re-import.
CHOSEN = (
    "SELECT s.metric_code, s.district_code, s.year, s.measure, s.kind, s.value, s.period_label, "
    "s.candidates, d.source_sha256, d.part, o.span_start "
    "FROM v_metric_series s JOIN observations o ON o.id = s.observation_id "
    "JOIN documents d ON d.id = o.document_id"
)


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    out = tmp_path_factory.mktemp("corpus")
    write_corpus(Options(years=1, seed=7, out=out, districts=2, truth=False))
    return out


def checksums(engine: Engine) -> dict[str, tuple[int, str]]:
    sums = {}
    with engine.connect() as conn:
        for view, columns in VIEW_ROWS.items():
            query = (
                "SELECT count(*), md5(coalesce(string_agg(r::text, '|' ORDER BY r::text), '')) "
                f"FROM (SELECT ({columns}) AS r FROM {view}) s"
            )
            count, digest = conn.execute(text(query)).one()
            sums[view] = (int(count), str(digest))
    return sums


def run_import(url: URL, *args: str) -> tuple[int, str]:
    dsn = url.render_as_string(hide_password=False)
    result = CliRunner().invoke(cli, ["--database-url", dsn, "import", "--silent", *args])
    return result.exit_code, result.output


def test_two_jobs_import_the_same_rows_as_one(
    small_corpus: pathlib.Path, db_url: URL, db_engine: Engine
) -> None:
    code, _ = run_import(db_url, str(small_corpus), "--jobs", "1")
    assert code == 0
    one = checksums(db_engine)
    assert one["v_observations"][0] > 100
    with db_engine.begin() as conn:
        conn.execute(text("DELETE FROM documents"))
    assert checksums(db_engine)["v_observations"][0] == 0
    code, output = run_import(db_url, str(small_corpus), "--jobs", "2")
    assert code == 0
    assert checksums(db_engine) == one
    assert output.count("imported") == len(list(small_corpus.glob("*.*")))


def chosen(engine: Engine) -> list[tuple[object, ...]]:
    with engine.connect() as conn:
        return sorted(tuple(row) for row in conn.execute(text(CHOSEN)))


def test_series_do_not_depend_on_import_order(
    small_corpus: pathlib.Path, db_url: URL, db_engine: Engine
) -> None:
    # Serial imports, one transaction (and so one imported_at) per document: the reversed order
    # reverses the import times.  Revision 0002's rule (latest import wins a tie) picks other
    # observations for some rows; head's picks the same ones.
    files = [str(p) for p in sorted(small_corpus.glob("*.*"))]
    snapshots = []
    for order in (files, files[::-1]):
        with db_engine.begin() as conn:
            conn.execute(text("DELETE FROM documents"))
        assert run_import(db_url, *order, "--jobs", "1")[0] == 0
        head = chosen(db_engine)
        migrate.downgrade(db_url, "0002")
        old = chosen(db_engine)
        migrate.upgrade(db_url, "head")
        snapshots.append((head, old))
    (head_forward, old_forward), (head_reversed, old_reversed) = snapshots
    assert len(head_forward) > 100
    assert sum(1 for row in head_forward if row[7] > 1) > 10  # rows with several candidates
    assert old_forward != old_reversed  # the corpus has ties that import order used to decide
    assert head_forward == head_reversed


def test_parallel_import_again_adds_nothing(
    small_corpus: pathlib.Path, db_url: URL, db_engine: Engine
) -> None:
    assert run_import(db_url, str(small_corpus), "--jobs", "2")[0] == 0
    before = checksums(db_engine)
    code, output = run_import(db_url, str(small_corpus), "--jobs", "2")
    assert code == 0
    assert "imported" not in output and "unchanged" in output
    assert checksums(db_engine) == before


def test_parallel_import_reports_a_bad_file_and_loads_the_rest(
    small_corpus: pathlib.Path, db_url: URL, db_engine: Engine, tmp_path: pathlib.Path
) -> None:
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"%PDF-1.4 not a text document")
    good = sorted(small_corpus.glob("*.txt"))[:2]
    code, output = run_import(db_url, str(bad), *map(str, good), "--jobs", "2")
    assert code == 1
    assert "broken.txt" in output and "PDF" in output
    with db_engine.connect() as conn:
        assert conn.scalar(text("SELECT count(DISTINCT source_name) FROM documents")) == len(good)


def test_replace_reloads_in_parallel(small_corpus: pathlib.Path, db_url: URL, db_engine: Engine) -> None:
    files = [str(p) for p in sorted(small_corpus.glob("*.txt"))[:3]]
    assert run_import(db_url, *files, "--jobs", "2")[0] == 0
    before = checksums(db_engine)
    with db_engine.connect() as conn:
        first_ids = set(conn.scalars(text("SELECT id FROM documents")))
    code, output = run_import(db_url, *files, "--jobs", "2", "--replace")
    assert code == 0 and "replaced" in output
    assert checksums(db_engine) == before
    with db_engine.connect() as conn:
        assert first_ids.isdisjoint(set(conn.scalars(text("SELECT id FROM documents"))))


def test_dry_run_in_parallel_writes_nothing(
    small_corpus: pathlib.Path, db_url: URL, db_engine: Engine
) -> None:
    code, output = run_import(db_url, str(small_corpus), "--jobs", "2", "--dry-run")
    assert code == 0 and "parsed" in output
    with db_engine.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM documents")) == 0
