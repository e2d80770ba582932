"""Narrative reports: document totals, category clauses and lagging tasks the text places in
one category (our own invented sentences)."""

from __future__ import annotations

import pytest

from govperf.documents.lines import PartText
from govperf.documents.narrative import _clause_counts, parse_narrative
from govperf.documents.totals import document_totals

TOTALS = [
    (
        "2021年,我区32项绩效考评指标的47个绩效考评任务全面落实。",
        {"indicators": 32, "tasks_total": 47, "tasks_done": 47},
    ),
    (
        "全区28项绩效考评指标的40个绩效考评任务中,38个已完成,两个进度滞后。",
        {"indicators": 28, "tasks_total": 40, "tasks_done": 38, "tasks_lagging": 2},
    ),
    ("我区50个绩效任务全部完成。", {"tasks_total": 50, "tasks_done": 50}),
    (
        "2021年,我区共承担市政府绩效考评任务42项,截至年底,40项任务全面完成,2项任务基本完成。",
        {"tasks_total": 42, "tasks_done": 40},
    ),
    (
        "全区共涉及市政府绩效任务38项,目前36项已完成或预计能够完成,2项滞后。",
        {"tasks_total": 38, "tasks_done": 36, "tasks_lagging": 2},
    ),
    ("本年度共有绩效任务25项,各项任务均已完成。", {"tasks_total": 25, "tasks_done": 25}),
    ("我区承担了市政府下达的33项绩效任务,总体进展顺利。", {"tasks_total": 33}),
    (
        "全区共承担绩效任务60项。其中,高质量发展类任务12项,全部完成;高效率落实类任务40项,39项已完成,1项滞后。",
        {"tasks_total": 60},
    ),
    ("高质量发展方面共涉及20项任务,均已完成。", {}),
    ("全年新建养老驿站15个,已全部投入使用。", {}),
]


@pytest.mark.parametrize(("text", "totals"), TOTALS, ids=[text[:30] for text, _ in TOTALS])
def test_document_totals(text: str, totals: dict[str, int]) -> None:
    assert document_totals(PartText(f"某区绩效管理工作总结\n{text}\n")) == totals


@pytest.mark.parametrize(
    ("clause", "counts"),
    [
        ("类任务20项,全部完成;", (20, 20, 0)),
        ("方面18项任务全部完成;", (18, 18, 0)),
        ("方面承担任务12项,完成11项,1项滞后;", (12, 11, 1)),
        ("类任务共15项,14项已完成,1项进度滞后", (15, 14, 1)),
        ("方面任务8项,均按计划完成", (8, 8, 0)),
        ("方面:10项任务,已全部完成。", (10, 10, 0)),
    ],
)
def test_category_clause_variations(clause: str, counts: tuple[int, int | None, int]) -> None:
    got = _clause_counts(clause)
    assert (got.total, got.done, got.lagging) == counts


def _categories(summary: str) -> list[tuple[str, int | None, int | None, int | None]]:
    result = parse_narrative(PartText(f"某区绩效管理工作自查报告\n一、总体情况\n{summary}\n"), 2021)
    return [(r.category_code, r.tasks_total, r.tasks_done, r.tasks_lagging) for r in result.categories]


BREAKDOWN = (
    "其中高质量发展方面10项、高效率落实方面30项、高效能管理方面4项、高效益财政方面2项、高水平服务方面4项。"
)


@pytest.mark.parametrize(
    "outcome",
    [
        "截至年底,48项任务已完成,两项任务进度滞后,分别属于高效率落实方面。",
        "48项任务已完成,2项任务滞后,均为高效率落实方面任务。",
        "截至12月底,48项任务已完成,滞后的2项任务均属于高效率落实方面。",
    ],
)
def test_lagging_tasks_placed_in_one_category(outcome: str) -> None:
    got = _categories(f"全区共承担市政府绩效任务50项,{BREAKDOWN}{outcome}")
    assert got == [
        ("quality_development", 10, 10, 0),
        ("efficient_implementation", 30, 28, 2),
        ("effective_management", 4, 4, 0),
        ("fiscal_efficiency", 2, 2, 0),
        ("public_service", 4, 4, 0),
    ]


def test_lagging_tasks_in_two_categories_are_not_guessed() -> None:
    outcome = "48项任务已完成,2项任务滞后,分别属于高效率落实和高水平服务方面。"
    got = _categories(f"全区共承担市政府绩效任务50项,{BREAKDOWN}{outcome}")
    assert all(done is None and lagging == 0 for _, _, done, lagging in got)


@pytest.mark.parametrize(
    "lines",
    [
        [
            "(一)高质量发展类任务12项,全部完成。",
            "(二)高效率落实类任务35项,已完成33项,2项进度滞后。",
            "(三)高效能管理类任务5项,全部完成。",
        ],
        [
            "1.高质量发展方面:共12项任务,全部完成。",
            "2.高效率落实方面:共35项任务,已完成33项,2项进度滞后。",
            "3.高效能管理方面:共5项任务,均已完成。",
        ],
        [
            "高质量发展:12项任务均已完成;",
            "高效率落实:35项任务中,33项已完成,2项滞后;",
            "高效能管理:5项任务均按期完成。",
        ],
    ],
    ids=["paren", "arabic", "bare"],
)
def test_category_counts_one_category_a_line(lines: list[str]) -> None:
    got = _categories("我区共承担市政府绩效任务52项,具体如下:\n" + "\n".join(lines))
    assert got == [
        ("quality_development", 12, 12, 0),
        ("efficient_implementation", 35, 33, 2),
        ("effective_management", 5, 5, 0),
    ]


# Each category's own section in any wording: (heading, first paragraph) → (total, done, lagging).
SECTIONS = [
    (
        "(一)高质量发展类任务",
        "本类任务共计12项,其中10项已完成或预计能够完成,2项未能达到进度要求。",
        (12, 10, 2),
    ),
    ("(一)高质量发展类任务", "包括园区建设、产业升级等9项,均已完成。", (9, 9, 0)),
    ("(一)高质量发展类任务", "涉及三项任务,目前均已完成。", (3, 3, 0)),
    ("(一)高质量发展类任务(共7项)", "6项已完成,1项未能达到进度要求。", (7, 6, 1)),
    ("(一)高质量发展方面", "共11项任务,已完成10项,1项进度滞后。", (11, 10, 1)),
]


@pytest.mark.parametrize(("head", "intro", "counts"), SECTIONS, ids=[f"{h}|{i}" for h, i, _ in SECTIONS])
def test_category_section_in_any_wording(head: str, intro: str, counts: tuple[int, int, int]) -> None:
    text = (
        f"某区绩效管理工作自查报告\n一、总体情况\n我区共承担绩效任务30项。\n二、完成情况\n{head}\n{intro}\n"
    )
    result = parse_narrative(PartText(text), 2025)
    got = [(r.category_code, r.tasks_total, r.tasks_done, r.tasks_lagging) for r in result.categories]
    assert got == [("quality_development", *counts)]


# A summary paragraph in the wording of other self-reports: per-category clauses, or totals with
# the lagging tasks placed in one category.
SUMMARIES = [
    (
        "我区共承担绩效任务23项。其中,高质量发展类任务共计12项,10项已完成或预计能够完成,"
        "2项未能达到进度要求;高效率落实类任务共计8项,均已完成;高效能管理类任务三项,均已完成。"
    ),
    (
        "我区共承担绩效任务23项,包括高质量发展类任务12项、高效率落实类任务8项、高效能管理类任务3项。"
        "截至年底,21项已完成或预计能够完成,2项未能达到进度要求,均为高质量发展类任务。"
    ),
]


@pytest.mark.parametrize("summary", SUMMARIES, ids=[s[:40] for s in SUMMARIES])
def test_category_summary_in_other_wordings(summary: str) -> None:
    assert _categories(summary) == [
        ("quality_development", 12, 10, 2),
        ("efficient_implementation", 8, 8, 0),
        ("effective_management", 3, 3, 0),
    ]
