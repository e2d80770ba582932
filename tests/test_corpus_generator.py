"""The benchmark corpus generator (benchmarks/generate_corpus.py): reproducible, truthful, complete."""

from __future__ import annotations

import hashlib
import json
import pathlib
import sys

import lxml.html
import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpusgen.core import load_yaml  # noqa: E402
from corpusgen.writer import Options, Summary, write_corpus  # noqa: E402

GENRES = {
    "perf_self_report",
    "perf_work_report",
    "key_task_progress_table",
    "perf_task_progress_table",
    "gov_work_report",
}


def generate(out: pathlib.Path, seed: int, years: int = 1, districts: int | None = None) -> Summary:
    options = Options(years=years, seed=seed, out=out, districts=districts)
    options.html_share = options.gb18030_share = 0.3
    options.bundle_share = 0.5
    return write_corpus(options)


def digest(folder: pathlib.Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def file_text(path: pathlib.Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[pathlib.Path, Summary]:
    out = tmp_path_factory.mktemp("corpus")
    return out, generate(out, seed=3, years=2, districts=3)


def truths(folder: pathlib.Path) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted((folder / "truth").glob("*.json"))]


def canonical_metrics() -> dict[str, dict]:
    data = yaml.safe_load((ROOT / "govperf/data/metrics.yaml").read_text(encoding="utf-8"))
    return {m["code"]: m for m in data["metrics"]}


def test_same_seed_same_bytes(tmp_path: pathlib.Path, corpus: tuple[pathlib.Path, Summary]) -> None:
    generate(tmp_path / "again", seed=3, years=2, districts=3)
    assert digest(tmp_path / "again") == digest(corpus[0])


def test_different_seed_differs(tmp_path: pathlib.Path, corpus: tuple[pathlib.Path, Summary]) -> None:
    generate(tmp_path / "other", seed=4, years=2, districts=3)
    mine, other = digest(corpus[0]), digest(tmp_path / "other")
    assert set(mine.values()).isdisjoint(other.values())


def test_every_evidence_is_verbatim_in_its_file(corpus: tuple[pathlib.Path, Summary]) -> None:
    folder, summary = corpus
    checked = 0
    for gold in truths(folder):
        text = file_text(folder / gold["source"])
        for doc in gold["documents"]:
            for o in doc["observations"]:
                assert o["evidence"] in text, (gold["source"], o)
                checked += 1
    assert checked == summary.observations > 1000


def test_metric_codes_and_fields_follow_the_contract(corpus: tuple[pathlib.Path, Summary]) -> None:
    codes = set(canonical_metrics())
    for gold in truths(corpus[0]):
        for doc in gold["documents"]:
            assert doc["genre"] in GENRES
            for o in doc["observations"]:
                assert o["metric_code"] in codes
                assert o["measure"] in {
                    "level",
                    "change_pct",
                    "change_abs",
                    "change_pp",
                    "rank",
                    "progress_pct",
                }
                assert o["kind"] in {"actual", "estimate", "target"}
                assert o["comparator"] in {"eq", "approx", "max", "min"}
                assert isinstance(o["value"], int | float)


def test_one_year_has_every_genre_and_format(tmp_path: pathlib.Path) -> None:
    summary = generate(tmp_path, seed=1, years=1, districts=4)
    assert set(summary.genres) == GENRES
    assert summary.genres["perf_self_report"] == 4  # one per district
    pages = sorted(tmp_path.glob("*.html"))
    assert pages, "no HTML file"
    tree = lxml.html.fromstring(file_text(pages[0]))
    assert tree.xpath("//div[@class='article']")
    gb = [p for p in tmp_path.glob("*.*") if p.is_file() and not _is_utf8(p.read_bytes())]
    assert gb, "no GB18030 file"
    assert gb[0].read_bytes().decode("gb18030")


def test_perf_table_html_has_merged_task_cells(corpus: tuple[pathlib.Path, Summary]) -> None:
    folder = corpus[0]
    for gold in truths(folder):
        doc = gold["documents"][0]
        if gold["source"].endswith(".html") and doc["genre"] == "perf_task_progress_table":
            tree = lxml.html.fromstring(file_text(folder / gold["source"]))
            assert tree.xpath("//td[@rowspan]")
            assert len(tree.xpath("//tr")) == doc["task_count"] + 1
            return
    pytest.skip("no HTML perf_task_progress_table in this corpus")


def test_tables_and_categories_are_recorded(corpus: tuple[pathlib.Path, Summary]) -> None:
    for gold in truths(corpus[0]):
        for doc in gold["documents"]:
            if doc["genre"].endswith("_table"):
                assert doc["task_count"] == len(doc["tasks"]) >= 24
            if doc["genre"] == "perf_self_report":
                assert len(doc["category_results"]) == 5


def test_masked_and_traditional_reports_exist(corpus: tuple[pathlib.Path, Summary]) -> None:
    texts = [file_text(p) for p in corpus[0].glob("*.*") if p.is_file()]
    assert any("20xx年" in t for t in texts)
    assert any("篇2" in t for t in texts)
    assert any("報告" in t for t in texts)  # Traditional script


def test_vocabulary_names_no_metric_outside_its_observations() -> None:
    """Filler prose must not mention a canonical metric, or an import would find untracked values."""
    aliases = [a for m in canonical_metrics().values() for a in m["aliases"]]
    prose = {k: v for k, v in load_yaml("vocab.yaml").items() if k != "task_groups"}  # titles carry no figure
    vocab = json.dumps(prose, ensure_ascii=False)
    hits = [a for a in aliases if a in vocab]
    assert not hits


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
