"""Wordings found by probing other districts' pages (our own sentences, invented figures):
change verbs written before a level, ranks whose clause names only where they are taken,
percentages and changes written in words."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from govperf.extract import ExtractContext, extract

Case = tuple[str, list[dict[str, Any]]]


def o(value: Any, **fields: Any) -> dict[str, Any]:
    return {"value": value, **fields}


LEVEL_VERBS: list[Case] = [
    ("PM2.5年均浓度降至31微克/立方米", [o("31", label="PM2.5年均浓度", measure="level")]),
    ("细颗粒物年均浓度降到29微克/立方米", [o("29", label="细颗粒物年均浓度", measure="level")]),
    ("常住人口增至118万人", [o("118", label="常住人口", measure="level", metric_code="resident_population")]),
    ("城镇登记失业率下降到1.8%", [o("1.8", label="城镇登记失业率", measure="level")]),
    ("森林覆盖率提高到46.2%", [o("46.2", label="森林覆盖率", measure="level")]),
    ("森林覆盖率升至47%", [o("47", label="森林覆盖率", measure="level", metric_code="forest_coverage")]),
    ("重污染天数减至2天", [o("2", label="重污染天数", measure="level", metric_code="heavy_pollution_days")]),
    ("城镇登记失业率降为1.5%", [o("1.5", label="城镇登记失业率", measure="level")]),
    (
        "PM2.5年均浓度由45微克/立方米降至36微克/立方米",
        [o("45", measure="level"), o("36", label="PM2.5年均浓度", measure="level")],
    ),
]

RANKS: list[Case] = [
    (
        "全区PM2.5年均浓度为35微克/立方米,较去年下降12.5%,在全市排名第四",
        [o("35"), o("-12.5"), o("4", measure="rank", metric_code="pm25_concentration")],
    ),
    (
        "地区生产总值增长6.3%,在城六区中排名第二",
        [o("6.3"), o("2", measure="rank", metric_code="gdp")],
    ),
    (
        "PM2.5年均浓度降至30微克/立方米,改善幅度居全市第一",
        [o("30", measure="level"), o("1", measure="rank", metric_code="pm25_concentration")],
    ),
    (
        "技术合同成交额达到80亿元,在全市各区中位列第三",
        [o("80"), o("3", measure="rank", metric_code="tech_contract_turnover")],
    ),
    (  # a rank of something else keeps its own label and no metric
        "技术合同成交额达到80亿元,在全市营商环境评价中排名第一",
        [o("80"), o("1", measure="rank", metric_code=None)],
    ),
]

WORDED: list[Case] = [
    ("城镇登记失业率控制在百分之三以内", [o("3", unit="%", comparator="max", raw_unit="%")]),
    ("地区生产总值增长百分之五左右", [o("5", measure="change_pct", comparator="approx")]),
    ("地区生产总值增长百分之六点五", [o("6.5", measure="change_pct", metric_code="gdp")]),
    ("食品抽检合格率达到百分之九十八", [o("98", measure="level", metric_code="food_sampling_pass_rate")]),
    ("重污染天数减少一半", [o("-50", measure="change_pct", metric_code="heavy_pollution_days")]),
    ("重污染天数同比下降了一半", [o("-50", measure="change_pct")]),
]

CHANGES: list[Case] = [
    ("森林覆盖率同比提高0.4个百分点", [o("0.4", measure="change_pp", unit="个百分点")]),
    ("城镇登记失业率下降0.3个百分点", [o("-0.3", measure="change_pp", unit="个百分点")]),
    ("污水处理率比上年提升2.5个百分点", [o("2.5", measure="change_pp", metric_code="sewage_treatment_rate")]),
    ("城乡新增就业比上年增加0.8万人", [o("0.8", measure="change_abs", metric_code="new_jobs", unit="万人")]),
    ("城乡新增就业同比减少0.2万人", [o("-0.2", measure="change_abs", metric_code="new_jobs")]),
    ("重污染天数比上年减少6天", [o("-6", measure="change_abs", unit="天")]),
]

PERIODS: list[tuple[str, dict[str, Any]]] = [
    ("1月至10月,全区地区生产总值增长4.8%", {"period_label": "1月至10月", "period_end": date(2022, 10, 31)}),
    ("1月-9月,城乡新增就业0.9万人", {"period_label": "1月-9月", "period_end": date(2022, 9, 30)}),
    ("1—11月,用水总量8100万立方米", {"period_label": "1—11月", "period_end": date(2022, 11, 30)}),
]

# the points of a bulleted list (a news digest of a report): each bullet starts a sentence
BULLETS: list[Case] = [
    (
        "●经济增长5.5%左右●粮食产量稳定在600万吨",
        [o("5.5", metric_code="gdp", label="经济"), o("600", metric_code="grain_output", label="粮食产量")],
    ),
    ("■城镇调查失业率5.2%左右", [o("5.2", metric_code="surveyed_unemployment_rate")]),
    ("奥林匹克•社区健身中心建成12个", [o("12", label="奥林匹克•社区健身中心建成")]),  # • joins a name
]

NOT_A_NUMBER: list[str] = ["超过一半的社区完成了改造", "一半以上的街道开展了试点"]


@pytest.mark.parametrize(("sentence", "expected"), LEVEL_VERBS, ids=[c[0] for c in LEVEL_VERBS])
def test_change_verb_with_zhi_gives_a_level_and_a_clean_label(
    check: Any, sentence: str, expected: list[dict[str, Any]]
) -> None:
    check(sentence, expected)


@pytest.mark.parametrize(("sentence", "expected"), RANKS, ids=[c[0] for c in RANKS])
def test_rank_clause_without_a_metric_phrase_reaches_back(
    check: Any, sentence: str, expected: list[dict[str, Any]]
) -> None:
    check(sentence, expected)


@pytest.mark.parametrize(("sentence", "expected"), WORDED, ids=[c[0] for c in WORDED])
def test_percentages_written_in_words(check: Any, sentence: str, expected: list[dict[str, Any]]) -> None:
    check(sentence, expected)


@pytest.mark.parametrize(("sentence", "expected"), CHANGES, ids=[c[0] for c in CHANGES])
def test_signed_changes(check: Any, sentence: str, expected: list[dict[str, Any]]) -> None:
    check(sentence, expected)


@pytest.mark.parametrize(("sentence", "expected"), BULLETS, ids=[c[0] for c in BULLETS])
def test_bullets_start_sentences(check: Any, sentence: str, expected: list[dict[str, Any]]) -> None:
    check(sentence, expected)


@pytest.mark.parametrize("sentence", NOT_A_NUMBER, ids=NOT_A_NUMBER)
def test_half_without_a_change_word_is_not_a_quantity(check: Any, sentence: str) -> None:
    check(sentence, [])


@pytest.mark.parametrize(("sentence", "fields"), PERIODS, ids=[c[0] for c in PERIODS])
def test_month_ranges_written_with_both_months(check: Any, sentence: str, fields: dict[str, Any]) -> None:
    check(sentence, [fields], ExtractContext(year=2022))


def test_a_sentence_of_thousands_of_clauses_is_read_in_pieces_and_loses_no_number() -> None:
    text = "全区一般公共预算收入实现64亿元,同比增长5%," * 600  # 12,000+ characters, no 。
    found = extract(text)
    assert len(found) == 1200
    assert {o.metric_code for o in found} == {"general_budget_revenue"}
    assert all(text[o.span_start : o.span_end] in ("64亿元", "5%") for o in found)


@pytest.mark.parametrize(
    ("sentence", "rank"),
    [
        ("街道PM2.5年均浓度为35微克/立方米,位居朝阳区第一", 1),
        ("全镇森林覆盖率达到41.2%,在怀柔区排名第4位", 4),
        # a group of regions named by its count is a scope too (城六区, 城四区, 十六区 …)
        ("全县森林覆盖率达到52%,在城四区排名第1", 1),
        ("全区PM2.5年均浓度为38微克/立方米,居中心城十区第2位", 2),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_a_rank_within_any_named_district_keeps_its_metric(sentence: str, rank: int) -> None:
    ranks = [o for o in extract(sentence) if o.measure == "rank"]
    assert [(o.metric_code is not None, o.value) for o in ranks] == [(True, rank)]
