"""政府工作报告 sections: which paragraphs review the year before (actuals of year−1) and which
plan the delivery year (targets), across heading styles (our own invented reports)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from govperf.documents import parse_source, read_source
from govperf.documents.govreport import heading_year, observations
from govperf.documents.lines import PartText

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "documents"

REVIEW_BODY = "全区地区生产总值增长5.5%,城乡新增就业2.6万人。"
PLAN_BODY = "全年拆除违法建设150万平方米,森林覆盖率达到36%,城乡新增就业2.2万人以上。"


def _values(text: str, year: int | None) -> list[tuple[str | None, str, Decimal, int | None]]:
    found = [item.observation for item in observations(PartText(text), year)]
    return [(o.metric_code, o.kind, o.value, o.year) for o in found]


def _report(review_head: str, plan_head: str, middle: str = "") -> str:
    return f"各位代表:\n{review_head}\n{REVIEW_BODY}\n{plan_head}\n{middle}{PLAN_BODY}\n"


EXPECTED_2022 = [
    ("gdp", "actual", Decimal("5.5"), 2021),
    ("new_jobs", "actual", Decimal("2.6"), 2021),
    ("illegal_construction_demolished", "target", Decimal("150"), 2022),
    ("forest_coverage", "target", Decimal("36"), 2022),
    ("new_jobs", "target", Decimal("2.2"), 2022),
]

HEADINGS = [
    ("一、2021年工作回顾", "二、2022年工作安排"),
    ("一、2021年工作回顾", "二、2022年主要工作"),
    ("一、2021年主要工作", "二、2022年主要工作"),
    ("一、过去一年的主要工作", "二、今年的重点任务"),
    ("一、一年来的工作", "二、2022年工作部署"),
    ("第一部分 2021年工作回顾", "第二部分 2022年总体要求和主要任务"),
    ("一、2021年工作回顾", "二、2022年工作思路"),
    ("一、20xx年工作回顾", "二、20xx年主要工作"),
    ("2021年工作回顾", "2022年发展主要预期目标"),  # news digest: a heading over one target a line
]


@pytest.mark.parametrize(("review_head", "plan_head"), HEADINGS, ids=[f"{a}|{b}" for a, b in HEADINGS])
def test_review_and_plan_sections_by_heading(review_head: str, plan_head: str) -> None:
    assert _values(_report(review_head, plan_head), 2022) == EXPECTED_2022


def test_a_plan_heading_followed_by_targets_paragraph_and_a_work_list() -> None:
    middle = "2022年经济社会发展的主要预期目标是:地区生产总值增长5%左右。\n重点抓好以下工作:\n"
    got = _values(_report("一、2021年工作回顾", "二、2022年主要工作", middle), 2022)
    assert ("gdp", "target", Decimal("5"), 2022) in got
    assert [row for row in got if row[0] != "gdp"] == [row for row in EXPECTED_2022 if row[0] != "gdp"]


def test_a_targets_paragraph_starts_the_plan_part_without_a_plan_heading() -> None:
    text = (
        "各位代表:\n一、2021年工作回顾\n"
        + REVIEW_BODY
        + "\n今年全区经济社会发展的主要预期目标是:地区生产总值增长5%左右。\n重点做好以下几个方面工作:\n"
        + PLAN_BODY
        + "\n"
    )
    got = _values(text, 2022)
    assert got[:2] == EXPECTED_2022[:2]
    assert all(kind == "target" and year == 2022 for _, kind, _, year in got[2:])


def test_a_news_paragraph_reviews_the_year_before_and_then_states_the_targets() -> None:
    text = (
        "本报讯 某某在报告中说,2021年,全省生产总值增长6.1%。城镇新增就业48万人。"
        "他提出,今年全省发展的主要预期目标是:生产总值增长5%左右;城镇新增就业45万人以上。\n"
    )
    assert _values(text, 2022) == [
        ("gdp", "actual", Decimal("6.1"), 2021),
        ("new_jobs", "actual", Decimal("48"), 2021),
        ("gdp", "target", Decimal("5"), 2022),
        ("new_jobs", "target", Decimal("45"), 2022),
    ]


def test_a_review_sentence_about_last_years_targets_does_not_start_the_plan() -> None:
    text = "各位代表:\n一、2021年工作回顾\n全面完成了年初确定的主要预期目标,地区生产总值增长5.5%。\n"
    assert _values(text, 2022) == [("gdp", "actual", Decimal("5.5"), 2021)]


def test_traditional_script_headings() -> None:
    text = (
        "各位代表:\n一、2021年工作回顧\n全區地區生產總值增長5.5%,城鄉新增就業2.6萬人。\n"
        "二、2022年主要工作\n全年拆除違法建設150萬平方米,森林覆蓋率達到36%,城鄉新增就業2.2萬人以上。\n"
    )
    assert _values(text, 2022) == EXPECTED_2022


@pytest.mark.parametrize(
    ("heads", "year"),
    [
        (("一、2021年工作回顾", "二、2022年主要工作"), 2022),
        (("一、2021年主要工作", "二、2022年主要工作"), 2022),
        (("一、过去一年的工作", "二、2022年工作安排"), 2022),
        (("一、过去一年的工作", "二、今年的工作安排"), None),
    ],
)
def test_delivery_year_from_headings(heads: tuple[str, str], year: int | None) -> None:
    assert heading_year(PartText(_report(*heads))) == year


def test_masked_traditional_report_with_two_zhuyao_gongzuo_headings() -> None:
    path = FIXTURES / "fangshan_gov_report_traditional_masked_zhuyao_gongzuo.txt"
    document = parse_source(read_source(path))[0]
    assert (document.year, document.year_source) == (2021, "inferred")
    got = [(o.observation.metric_code, o.observation.kind, o.observation.year) for o in document.observations]
    assert got == [
        ("gdp", "actual", 2020),
        ("new_jobs", "actual", 2020),
        ("gdp", "target", 2021),
        ("illegal_construction_demolished", "target", 2021),
        ("forest_coverage", "target", 2021),
    ]


# A five-year plan's section (“十五五”时期…) sets goals for the plan's last year; its review of
# the plan before (过去五年) and a paragraph about this year (今年…) do not.
PLAN_SECTIONS = [
    (
        "二、“十五五”时期主要目标任务",
        "地区生产总值年均增长5%左右,城镇新增就业300万人以上。",
        [("gdp", "target", Decimal("5"), 2030), ("new_jobs", "target", Decimal("300"), 2030)],
    ),
    (
        "二、“十四五”回顾与“十五五”时期目标",
        "过去五年,地区生产总值年均增长5.6%。常住人口城镇化率达到70%。",
        [("urbanization_rate", "target", Decimal("70"), 2030)],
    ),
    (
        "“十五五”时期经济社会发展的",
        "主要目标是:地区生产总值年均增长5.5%—6%。",
        [("gdp", "target", Decimal("5.5"), 2030)],
    ),
    (
        "二、谋划“十五五”的几点思路",
        "今年是“十五五”第一年,主要预期目标是:地区生产总值增长5%左右。",
        [("gdp", "target", Decimal("5"), 2026)],
    ),
]


@pytest.mark.parametrize(("head", "body", "expected"), PLAN_SECTIONS, ids=[h for h, _, _ in PLAN_SECTIONS])
def test_five_year_plan_section_goals(
    head: str, body: str, expected: list[tuple[str, str, Decimal, int]]
) -> None:
    text = f"各位代表:\n一、2025年工作回顾\n{REVIEW_BODY}\n{head}\n{body}\n三、2026年重点工作\n{PLAN_BODY}\n"
    got = _values(text, 2026)
    assert got[:2] == [("gdp", "actual", Decimal("5.5"), 2025), ("new_jobs", "actual", Decimal("2.6"), 2025)]
    assert [row for row in got[2:] if row[3] != 2026 or row[0] in ("gdp", "urbanization_rate")][
        : len(expected)
    ] == expected
    assert [row[3] for row in got[-3:]] == [2026, 2026, 2026]  # the year's own work plan


def test_a_target_stated_again_is_one_target() -> None:
    text = (
        "各位代表:\n一、2025年工作回顾\n" + REVIEW_BODY + "\n二、2026年工作安排\n"
        "今年主要预期目标是:地区生产总值增长5%左右,城乡新增就业2万人。\n"
        "经济增长预期目标为5%左右,主要考虑是稳就业的需要。\n"
    )
    got = _values(text, 2026)
    assert got[2:] == [("gdp", "target", Decimal("5"), 2026), ("new_jobs", "target", Decimal("2"), 2026)]


def test_a_short_line_naming_a_later_year_does_not_open_a_plan_section() -> None:
    text = (
        "各位代表:\n一、2025年工作回顾\n" + REVIEW_BODY + "\n二、2026年工作安排\n"
        "力争到2030年森林覆盖率达到40%。\n城乡新增就业2万人。\n"
    )
    got = _values(text, 2026)
    assert got[2:] == [
        ("forest_coverage", "target", Decimal("40"), 2030),
        ("new_jobs", "target", Decimal("2"), 2026),
    ]


def _spans(text: str, year: int) -> list[tuple[str | None, str | None, Decimal, str]]:
    part = PartText(text)
    found = [item.observation for item in observations(part, year)]
    return [(o.metric_code, o.breakdown, o.value, text[o.span_start : o.span_end]) for o in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a figure broken from its label by a hard line break
        (
            "一、2030年工作回顾\n全县城镇常住居民人均可支配收入达到\n41230元,增长5.5%。\n",
            [
                ("disposable_income_per_capita", "urban", Decimal("41230"), "41230元"),
                ("disposable_income_per_capita", "urban", Decimal("5.5"), "5.5%"),
            ],
        ),
        # a list written once, broken after 分别达到
        (
            "一、2030年工作回顾\n城乡居民人均可支配收入分别达到\n41230元和20150元。\n",
            [
                ("disposable_income_per_capita", "urban", Decimal("41230"), "41230元"),
                ("disposable_income_per_capita", "rural", Decimal("20150"), "20150元"),
            ],
        ),
        # a line ending a sentence is not joined to the next
        (
            "一、2030年工作回顾\n全县地区生产总值增长6.2%。\n38个村完成改造。\n",
            [("gdp", "total", Decimal("6.2"), "6.2%"), (None, "total", Decimal("38"), "38个")],
        ),
        # a heading is never joined to the sentence below it
        (
            "一、2030年工作回顾\n(一)经济运行\n增长7.1%的是规模以上工业。\n",
            [(None, "total", Decimal("7.1"), "7.1%")],
        ),
    ],
    ids=["label | figure", "分别达到 | list", "sentence end", "heading"],
)
def test_a_sentence_broken_over_lines_is_read_whole(
    text: str, expected: list[tuple[str | None, str | None, Decimal, str]]
) -> None:
    assert _spans(text, 2031) == expected
