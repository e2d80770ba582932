"""The shared corpus (../shared/corpus, next to the repository) parses to what a reader of each
document sees in it.  The expected values below were written from reading the documents, not
copied from the gold files.  Skipped when the corpus is not there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from govperf.documents import ParsedDocument, parse_source, read_source

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")

# file stem → [(genre, district, year, year_source, period, task count or None)] per part
Row = tuple[str, str, int, str, str, int | None]
EXPECTED: dict[str, list[Row]] = {
    "000_067d46b5a8ba51b9": [("perf_self_report", "110112", 2018, "stated", "year", None)],
    "001_d6163170b27995d3": [("perf_work_report", "110101", 2019, "stated", "year", 0)],
    "002_3886c558e230d378": [("key_task_progress_table", "110112", 2021, "stated", "H1", 37)],
    "003_c9ac419c87202d45": [
        ("gov_work_report", "110101", 2016, "inferred", "year", 0),
        ("gov_work_report", "110101", 2015, "inferred", "year", 0),
        ("gov_work_report", "110101", 2014, "inferred", "year", 0),
    ],
    "004_c0e87f5e9a3fd2cb": [("perf_task_progress_table", "110102", 2017, "stated", "H1", 55)],
}


def _parse(stem: str) -> list[ParsedDocument]:
    return parse_source(read_source(CORPUS / f"{stem}.txt"))


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_corpus_document_is_recognised(stem: str) -> None:
    documents = _parse(stem)
    assert [doc.part for doc in documents] == list(range(1, len(EXPECTED[stem]) + 1))
    for doc, (genre, district, year, year_source, period, count) in zip(
        documents, EXPECTED[stem], strict=True
    ):
        assert (doc.genre, doc.district_code, doc.year, doc.year_source, doc.period_label) == (
            genre,
            district,
            year,
            year_source,
            period,
        )
        if count is not None:
            assert len(doc.tasks) == count


def test_key_task_table_rows() -> None:
    tasks = _parse("002_3886c558e230d378")[0].tasks
    assert [task.seq_no for task in tasks] == list(range(1, 38))
    assert (tasks[0].ref_code, tasks[-1].ref_code) == ("21", "278")
    # the first row's requirement runs from its first words to its last (short probes: the corpus
    # is not quoted here)
    assert tasks[0].title.startswith("以首善标准") and tasks[0].title.endswith("落地推进。")
    assert tasks[0].progress_text is not None and tasks[0].progress_text.startswith("积极推进")


def test_perf_task_table_continuation_rows_keep_their_task() -> None:
    tasks = _parse("004_c0e87f5e9a3fd2cb")[0].tasks
    assert [task.title for task in tasks[:4]] == ["高端产业功能区效益"] * 4
    assert re.fullmatch(r"\w+劳均产出率达到[0-9.]+万元/人", tasks[1].target_text or "")
    assert tasks[5].title == "一般公共预算收入及支出"
    assert re.fullmatch(r"[0-9.]+亿元/[0-9.]+亿元", tasks[5].target_text or "")


def test_self_report_category_results() -> None:
    document = _parse("000_067d46b5a8ba51b9")[0]
    results = {
        result.category_code: (result.tasks_total, result.tasks_done, result.tasks_lagging)
        for result in document.category_results
    }
    # The summary paragraph: 24 done; 56 of which 55 done, 1 lagging; 4 done; 两项 done; 3 done.
    assert results == {
        "quality_development": (24, 24, 0),
        "efficient_implementation": (56, 55, 1),
        "effective_management": (4, 4, 0),
        "fiscal_efficiency": (2, 2, 0),
        "public_service": (3, 3, 0),
    }
    # The 高水平服务 section speaks of 两项任务 where the summary says 3: the summary wins.
    assert any(warning.startswith("public_service") for warning in document.warnings)
    assert len(document.tasks) == 14 and document.tasks[0].category_code == "efficient_implementation"


def test_work_report_totals() -> None:
    document = _parse("001_d6163170b27995d3")[0]
    assert document.totals == {"indicators": 27, "tasks_total": 41, "tasks_done": 41}
    assert str(document.published_on) == "2020-01-10"


def test_parts_cover_the_whole_file() -> None:
    source = read_source(CORPUS / "003_c9ac419c87202d45.txt")
    assert "".join(doc.text for doc in parse_source(source)) == source.text
