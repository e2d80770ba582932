"""Constructions of provincial, prefecture and county prose (DESIGN.md §6), one table each.

Every sentence is our own, with invented figures.  ``KNOWN_FAILURES`` lists sentences we know
are still read wrong (strict xfail: fixing one makes the table fail until it moves).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from govperf.cli import cli
from govperf.extract import ExtractContext, extract
from govperf.extract.types import NOTE_CUMULATIVE, NOTE_RANK_OF_CHANGE

Case = tuple[str, list[dict[str, Any]]]
CtxCase = tuple[str, ExtractContext | None, list[dict[str, Any]]]


def o(value: Any, **fields: Any) -> dict[str, Any]:
    return {"value": value, **fields}


def ids(cases: list[Any]) -> list[str]:
    return [case[0] for case in cases]


# The metrics of §6 as national, provincial and county texts name them.
METRICS: list[Case] = [
    ("经济增长6%左右", [o("6", metric_code="gdp", measure="change_pct", comparator="approx")]),
    ("全省经济增长5.5%", [o("5.5", metric_code="gdp", measure="change_pct")]),
    ("数字经济增长12%", [o("12", metric_code=None)]),
    ("生产总值增长7.2%", [o("7.2", metric_code="gdp")]),
    ("经济总量达到3200亿元", [o("3200", metric_code="gdp", measure="level")]),
    ("单位国内生产总值能耗降低2.5%", [o("-2.5", metric_code="energy_intensity")]),
    ("能耗强度下降3%", [o("-3", metric_code="energy_intensity")]),
    ("规上工业增加值增长7%", [o("7", metric_code="industrial_value_added")]),
    ("规模以上工业增加值增长6.6%", [o("6.6", metric_code="industrial_value_added")]),
    ("地方一般公共预算收入增长4%", [o("4", metric_code="general_budget_revenue")]),
    ("财政总收入完成86亿元", [o("86", metric_code="total_fiscal_revenue")]),
    ("其中地方级收入完成14.6亿元", [o("14.6", metric_code="local_fiscal_revenue")]),
    (  # 财政收入 with a part of it named after it: the total
        "财政收入32亿元,其中一般公共预算收入19亿元",
        [o("32", metric_code="total_fiscal_revenue"), o("19", metric_code="general_budget_revenue")],
    ),
    (
        "财政收入增长7%,其中地方级收入增长5%",
        [o("7", metric_code="total_fiscal_revenue"), o("5", metric_code="local_fiscal_revenue")],
    ),
    ("财政收入完成27亿元", [o("27", metric_code="general_budget_revenue")]),
    ("常住居民人均可支配收入增长6.2%", [o("6.2", metric_code="disposable_income_per_capita")]),
    ("城镇调查失业率5.6%左右", [o("5.6", metric_code="surveyed_unemployment_rate", comparator="approx")]),
    ("居民消费价格涨幅3%左右", [o("3", metric_code="cpi", measure="change_pct", comparator="approx")]),
    ("居民消费价格上涨1.8%", [o("1.8", metric_code="cpi", measure="change_pct")]),
    ("第一产业增加值增长3.9%", [o("3.9", metric_code="primary_industry_value_added")]),
    ("第二产业增加值增长5.1%", [o("5.1", metric_code="secondary_industry_value_added")]),
    ("服务业增加值增长6%", [o("6", metric_code="tertiary_industry_value_added")]),
    ("粮食产量1400亿斤以上", [o("7000", metric_code="grain_output", unit="万吨", comparator="min")]),
    ("粮食总产量达到615万吨", [o("615", metric_code="grain_output", unit="万吨")]),
    ("粮食综合生产能力稳定在900亿斤", [o("4500", metric_code=None)]),
    ("进出口总额增长4%", [o("4", metric_code="foreign_trade")]),
    ("外贸进出口达到880亿元", [o("880", metric_code="foreign_trade", unit="亿元")]),
    ("实际使用外资15亿美元", [o("15", metric_code="fdi_utilized", unit="亿美元")]),
    ("研发经费投入强度达到2.4%", [o("2.4", metric_code="rd_intensity")]),
    ("常住人口城镇化率提高到63%", [o("63", metric_code="urbanization_rate", measure="level")]),
    ("空气质量优良天数比例达到90%", [o("90", metric_code="good_air_days_ratio")]),
    ("全年AQI优良率为96%", [o("96", metric_code="good_air_days_ratio")]),
    ("空气优良率保持在92%以上", [o("92", metric_code="good_air_days_ratio", comparator="min")]),
    ("水质优良率达到95%", [o("95", metric_code=None)]),
    ("单位地区生产总值二氧化碳排放降低4%", [o("-4", metric_code="carbon_intensity")]),
    ("居民人均消费支出增长5%", [o("5", metric_code="per_capita_consumption")]),
    ("完成营造林45万亩", [o("30000", metric_code="afforestation_area", unit="公顷")]),
    ("新增绿化面积120公顷", [o("120", metric_code="new_green_area")]),
    ("城镇新增就业8万人", [o("8", metric_code="new_jobs", breakdown="total")]),
    ("城镇新增就业6500人", [o("0.65", metric_code="new_jobs", unit="万人")]),
    ("新增城镇就业4300人", [o("0.43", metric_code="new_jobs", unit="万人")]),
    ("机电产品进出口增长9%", [o("9", metric_code=None)]),
    ("服务业增加值占生产总值比重达到55%", [o("55", metric_code=None)]),
    ("人均地区生产总值突破1万美元", [o("10000", metric_code=None)]),
]


@pytest.mark.parametrize(("sentence", "expected"), METRICS, ids=ids(METRICS))
def test_new_metrics_and_their_phrasing(check: Any, sentence: str, expected: list[dict[str, Any]]) -> None:
    check(sentence, expected)


# A unit that cannot be converted exactly keeps its own unit (and the metric); one that names
# another quantity keeps no metric.
UNITS: list[Case] = [
    ("进出口总额150亿美元", [o("150", metric_code="foreign_trade", unit="亿美元", raw_unit="亿美元")]),
    ("实际利用外资30亿元", [o("30", metric_code="fdi_utilized", unit="亿元")]),
    ("实际使用外资3000万美元", [o("0.3", metric_code="fdi_utilized", unit="亿美元")]),
    ("进出口总额1.2千亿美元", [o("1200", metric_code="foreign_trade", unit="亿美元")]),
    ("粮食产量50万斤", [o("0.025", metric_code="grain_output", unit="万吨")]),
    ("拆除违法建设120处", [o("120", metric_code=None)]),
]


@pytest.mark.parametrize(("sentence", "expected"), UNITS, ids=ids(UNITS))
def test_units_not_convertible_exactly(check: Any, sentence: str, expected: list[dict[str, Any]]) -> None:
    check(sentence, expected)


# Breakdown: urban / rural residents; 城镇 inside an alias (城镇新增就业, 城镇化率) is a total.
BREAKDOWNS: list[Case] = [
    ("城镇居民人均可支配收入增长5%", [o("5", breakdown="urban")]),
    ("农村居民人均可支配收入达到21000元", [o("21000", breakdown="rural", measure="level")]),
    ("农民人均可支配收入增长7%", [o("7", breakdown="rural")]),
    ("全体居民人均可支配收入增长6%", [o("6", breakdown="total")]),
    ("农村生活污水治理率达到40%", [o("40", metric_code="sewage_treatment_rate", breakdown="rural")]),
    ("常住人口城镇化率达到60%", [o("60", breakdown="total")]),
    ("城镇登记失业率控制在3%以内", [o("3", breakdown="total", comparator="max")]),
]


@pytest.mark.parametrize(("sentence", "expected"), BREAKDOWNS, ids=ids(BREAKDOWNS))
def test_breakdown(check: Any, sentence: str, expected: list[dict[str, Any]]) -> None:
    check(sentence, expected)


INCOME = "disposable_income_per_capita"

# Lists written once and distributed in order.
LISTS: list[Case] = [
    (
        "城乡居民人均可支配收入分别增长6%和8%",
        [o("6", metric_code=INCOME, breakdown="urban"), o("8", metric_code=INCOME, breakdown="rural")],
    ),
    (
        "一般公共预算收入完成5亿元;城乡常住居民人均可支配收入分别完成40000元、17000元,增长4%、7%",
        [
            o("5", metric_code="general_budget_revenue"),
            o("40000", metric_code=INCOME, breakdown="urban"),
            o("17000", metric_code=INCOME, breakdown="rural"),
            o("4", metric_code=INCOME, breakdown="urban"),
            o("7", metric_code=INCOME, breakdown="rural"),
        ],
    ),
    (
        "一般公共预算收入完成5亿元;城镇和农村居民人均可支配收入分别增长4%、7%",
        [
            o("5"),
            o("4", metric_code=INCOME, breakdown="urban"),
            o("7", metric_code=INCOME, breakdown="rural"),
        ],
    ),
    (
        "一般公共预算收入完成5亿元;城镇、农村常住居民人均可支配收入分别达到40000元、17000元",
        [
            o("5"),
            o("40000", metric_code=INCOME, breakdown="urban"),
            o("17000", metric_code=INCOME, breakdown="rural"),
        ],
    ),
    (
        "城乡居民人均可支配收入分别达到48000元、19000元",
        [
            o("48000", metric_code=INCOME, breakdown="urban"),
            o("19000", metric_code=INCOME, breakdown="rural"),
        ],
    ),
    (
        "城镇和农村居民人均可支配收入达到36000元、15000元,分别增长4.5%、6.5%",
        [
            o("36000", metric_code=INCOME, breakdown="urban"),
            o("15000", metric_code=INCOME, breakdown="rural"),
            o("4.5", metric_code=INCOME, breakdown="urban", measure="change_pct"),
            o("6.5", metric_code=INCOME, breakdown="rural", measure="change_pct"),
        ],
    ),
    (
        "城镇和农村居民人均可支配收入分别增长5.5%和7.5%",
        [o("5.5", metric_code=INCOME, breakdown="urban"), o("7.5", metric_code=INCOME, breakdown="rural")],
    ),
    (
        "一般公共预算收入、支出分别完成21.5亿元、46.2亿元",
        [
            o("21.5", metric_code="general_budget_revenue"),
            o("46.2", metric_code="general_budget_expenditure"),
        ],
    ),
    (
        "地方一般公共预算收入、支出分别完成9.8亿元、30.1亿元",
        [o("9.8", metric_code="general_budget_revenue"), o("30.1", metric_code="general_budget_expenditure")],
    ),
    (
        "规上工业增加值、固定资产投资分别增长7%、9%",
        [o("7", metric_code="industrial_value_added"), o("9", metric_code="fixed_asset_investment")],
    ),
    (
        "固定资产投资、社会消费品零售总额增长6.5%左右",
        [
            o("6.5", metric_code="fixed_asset_investment", comparator="approx"),
            o("6.5", metric_code="retail_sales", comparator="approx"),
        ],
    ),
    (
        "城镇、牧区常住居民人均可支配收入分别达到30000元和15000元,增长6%和8%",
        [
            o("30000", breakdown="urban"),
            o("15000", breakdown="rural"),
            o("6", measure="change_pct", breakdown="urban", metric_code=INCOME),
            o("8", measure="change_pct", breakdown="rural", metric_code=INCOME),
        ],
    ),
    (
        "城乡居民人均可支配收入分别增长6%左右和8%左右",
        [o("6", breakdown="urban", comparator="approx"), o("8", breakdown="rural", comparator="approx")],
    ),
    (
        "一般公共预算收入、支出分别完成21亿元、46亿元,分别增长5%、3%",
        [
            o("21", metric_code="general_budget_revenue"),
            o("46", metric_code="general_budget_expenditure"),
            o("5", measure="change_pct", metric_code="general_budget_revenue"),
            o("3", measure="change_pct", metric_code="general_budget_expenditure"),
        ],
    ),
    ("鲜食玉米、冬枣分别增长8%、9%", [o("8", label="鲜食玉米"), o("9", label="冬枣")]),
    (
        "财政总收入、一般公共预算收入分别达到50亿元和30亿元,均保持全省第三",
        [
            o("50", metric_code="total_fiscal_revenue"),
            o("30", metric_code="general_budget_revenue"),
            o("3", measure="rank", metric_code="total_fiscal_revenue"),
            o("3", measure="rank", metric_code="general_budget_revenue"),
        ],
    ),
    (
        "城镇居民人均可支配收入与农村居民人均可支配收入均增长7%左右",
        [o("7", breakdown="urban"), o("7", breakdown="rural")],
    ),
    (
        "规上工业增加值、服务业增加值均增长5%",
        [o("5", metric_code="industrial_value_added"), o("5", metric_code="tertiary_industry_value_added")],
    ),
    (  # 城乡… with two values of one unit: urban, rural, without 分别
        "城乡居民人均可支配收入45210元、19870元,同比增长4.6%、6.9%",
        [
            o("45210", metric_code=INCOME, breakdown="urban"),
            o("19870", metric_code=INCOME, breakdown="rural"),
            o("4.6", measure="change_pct", metric_code=INCOME, breakdown="urban"),
            o("6.9", measure="change_pct", metric_code=INCOME, breakdown="rural"),
        ],
    ),
    ("城乡居民人均可支配收入46000元、增长5%", [o("46000", breakdown="total"), o("5", breakdown="total")]),
    (  # 年均 before the first value of a list: every value of the list is a several-year average
        "城乡居民人均可支配收入年均增长4.9%、6.6%",
        [o("4.9", metric_code=None, breakdown="urban"), o("6.6", metric_code=None, breakdown="rural")],
    ),
    (
        "粮食播种面积2000万亩、产量700万吨以上",
        [{"raw_value": "2000", "metric_code": None}, o("700", metric_code="grain_output", comparator="min")],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), LISTS, ids=ids(LISTS))
def test_lists_written_once(check: Any, sentence: str, expected: list[dict[str, Any]]) -> None:
    check(sentence, expected)


# A change and the level it reaches; qualifiers that say how a figure was computed; 突破.
FIGURES: list[Case] = [
    (
        "规上工业增加值增长8.5%达120.3亿元",
        [o("8.5", measure="change_pct"), o("120.3", measure="level", metric_code="industrial_value_added")],
    ),
    (
        "地区生产总值增长6.1%,达到2450亿元",
        [o("6.1", measure="change_pct", metric_code="gdp"), o("2450", measure="level", metric_code="gdp")],
    ),
    (
        "一般公共预算收入同口径增长5.2%",
        [o("5.2", metric_code="general_budget_revenue", measure="change_pct")],
    ),
    ("地区生产总值按可比价计算增长6%", [o("6", metric_code="gdp", measure="change_pct")]),
    ("地区生产总值可比价增长6.3%", [o("6.3", metric_code="gdp", measure="change_pct")]),
    (
        "一般公共预算收入扣除留抵退税因素后增长7.1%",
        [o("7.1", metric_code="general_budget_revenue", label="一般公共预算收入")],
    ),
    ("扣除价格因素后,社会消费品零售总额增长4%", [o("4", metric_code="retail_sales")]),
    ("经济增长预期目标为5%左右", [o("5", metric_code="gdp", measure="change_pct", kind="target")]),
    (
        "第二、第三产业增加值分别增长5%、7%",
        [
            o("5", metric_code="secondary_industry_value_added"),
            o("7", metric_code="tertiary_industry_value_added"),
        ],
    ),
    ("今年常住人口城镇化率第一次超过63%", [o("63", metric_code="urbanization_rate", comparator="min")]),
    ("粮食产量1.3万亿斤", [o("65000", metric_code="grain_output", unit="万吨")]),
    ("规上工业增加值增长9%,高出全省2.1个百分点", [o("9"), o("2.1", metric_code=None, measure="change_pp")]),
    ("超额完成省考核目标1.2个百分点", [o("1.2", metric_code=None, kind="actual")]),
    ("县十七届人大三次会议以来,新增就业2万人", [o("2", metric_code="new_jobs")]),
    ("这对全县具有十分重要的意义", []),
    ("人口自然增长率控制在5‰以内", [o("5", measure="level", label="人口自然增长率", comparator="max")]),
    ("技术合同成交额突破260亿元", [o("260", comparator="min", metric_code="tech_contract_turnover")]),
]


@pytest.mark.parametrize(("sentence", "expected"), FIGURES, ids=ids(FIGURES))
def test_change_level_qualifiers(check: Any, sentence: str, expected: list[dict[str, Any]]) -> None:
    check(sentence, expected)


# Ranks within any region; a rank of an increase ranks the change, and its label says so.
RANKS: list[Case] = [
    ("社会消费品零售总额全县排名第一", [o("1", measure="rank", metric_code="retail_sales")]),
    (
        "规上工业增加值增速居全州第2位",
        [o("2", measure="rank", label="规上工业增加值增速", notes=(NOTE_RANK_OF_CHANGE,))],
    ),
    ("森林覆盖率居全县首位", [o("1", measure="rank", metric_code="forest_coverage", notes=())]),
    (
        "地区生产总值增长7%,增速居全省第三",
        [o("7", measure="change_pct"), o("3", measure="rank", metric_code="gdp", label="地区生产总值增速")],
    ),
    ("固定资产投资增速全省排名第五", [o("5", measure="rank", label="固定资产投资增速")]),
    (
        "一般公共预算收入增长9%,增量位居全市第一",
        [o("9"), o("1", measure="rank", label="一般公共预算收入增量")],
    ),
    ("技术合同成交额位居全国第4位", [o("4", measure="rank", label="技术合同成交额")]),
    (
        "地区生产总值、一般公共预算收入增速分别居全市第二、第三位",
        [
            o("2", measure="rank", metric_code="gdp", label="地区生产总值增速"),
            o("3", measure="rank", metric_code="general_budget_revenue", label="一般公共预算收入增速"),
        ],
    ),
    (
        "固定资产投资增长15%,增速居全市第一,总量居全市第三",
        [
            o("15"),
            o("1", measure="rank", label="固定资产投资增速"),
            o("3", measure="rank", label="固定资产投资"),
        ],
    ),
    (  # a counted group of regions before the rank only says where it is taken
        "一般公共预算收入完成6.4亿元,在全市十二个区县中排名第4",
        [o("6.4", measure="level"), o("4", measure="rank", metric_code="general_budget_revenue")],
    ),
    (
        "地区生产总值增长6.3%、在全省九个市州中并列第二",
        [o("6.3", measure="change_pct"), o("2", measure="rank", metric_code="gdp")],
    ),
    (
        "全省生产总值增长5.9%,在前十个经济大省中并列第三",
        [o("5.9", measure="change_pct"), o("3", measure="rank", metric_code="gdp")],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), RANKS, ids=ids(RANKS))
def test_ranks(check: Any, sentence: str, expected: list[dict[str, Any]]) -> None:
    check(sentence, expected)


REPORT = ExtractContext(year=2026, kind="target")
PLAN = ExtractContext(year=2026, kind="target", plan_year=2030)
REVIEW = ExtractContext(year=2026, value_year=2025)

# Kind and year: 据统计预测 is an estimate; a plan's goal is a target of the year it names;
# 累计 over years says so in its period.
KINDS_YEARS: list[CtxCase] = [
    ("据统计预测,地区生产总值增长5.5%", REVIEW, [o("5.5", kind="estimate", year=2025)]),
    (
        "2025年,地区生产总值达到3000亿元,增长5%",
        REPORT,
        [o("3000", kind="actual", year=2025), o("5", kind="actual", year=2025, measure="change_pct")],
    ),
    ("到2030年,常住人口城镇化率达到68%", REPORT, [o("68", kind="target", year=2030)]),
    (
        "“十五五”时期地区生产总值年均增长5%左右",
        REPORT,
        [o("5", metric_code="gdp", measure="change_pct", kind="target", year=2030, notes=())],
    ),
    ("地区生产总值年均增长5%以上", PLAN, [o("5", metric_code="gdp", year=2030, comparator="min")]),
    ("城镇新增就业250万人以上", PLAN, [o("250", metric_code="new_jobs", year=2030)]),
    (
        "地区生产总值由2020年的100亿元跃升到2025年的180亿元",
        REVIEW,
        [o("100", metric_code=None), o("180", metric_code="gdp", year=2025)],
    ),
    (
        "预计2025年地区生产总值完成3400亿元左右,是2020年的1.5倍,五年来年均增长8%",
        REVIEW,
        [o("3400", metric_code="gdp", kind="estimate"), o("8", metric_code=None)],
    ),
    (
        "社会消费品零售总额累计达4500亿元",
        REVIEW,
        [o("4500", period_label="累计", notes=(NOTE_CUMULATIVE,))],
    ),
    ("居民人均可支配收入五年增加15000元", REVIEW, [o("15000", metric_code=None, measure="change_abs")]),
    ("PM2.5累计浓度为40微克/立方米", REVIEW, [o("40", metric_code="pm25_concentration", period_label=None)]),
    ("经济总量跨越2000亿元", REVIEW, [o("2000", metric_code="gdp", comparator="min")]),
    ("过去五年,地区生产总值年均增长5.8%", PLAN, [o("5.8", metric_code=None)]),
    ("“十四五”时期地区生产总值年均增长5.8%", REPORT, [o("5.8", metric_code=None)]),
    ("地区生产总值增长5%左右", REPORT, [o("5", metric_code="gdp", year=2026, kind="target")]),
    (  # a headline over a text about the year before: 预期增长 of the document's own year
        "某市2026年地区生产总值预期增长5.5%左右",
        REVIEW,
        [o("5.5", metric_code="gdp", year=2026, kind="target", label="某市地区生产总值")],
    ),
    ("经济运行好于预期,增长4%", REVIEW, [o("4", kind="actual", year=2025)]),
    ("今年全县发展的奋斗目标是:地区生产总值增长6.5%", REVIEW, [o("6.5", kind="target", year=2026)]),
    ("发展的主要预期目标建议为:生产总值增长5%左右", REVIEW, [o("5", metric_code="gdp", kind="target")]),
    (
        "累计拆除违法建设900万平方米",
        REVIEW,
        [o("900", metric_code="illegal_construction_demolished", period_label="累计")],
    ),
]


@pytest.mark.parametrize(("sentence", "context", "expected"), KINDS_YEARS, ids=ids(KINDS_YEARS))
def test_kinds_and_years(
    check: Any, sentence: str, context: ExtractContext, expected: list[dict[str, Any]]
) -> None:
    check(sentence, expected, context)


def in_region(code: str) -> ExtractContext:
    return ExtractContext(year=2026, document_district=code)


# 全市 / 全省 / 全州 / 全国 as the document's region makes them: the region the value describes
# (None: the document's own).
REGIONS: list[CtxCase] = [
    ("全市PM2.5年均浓度为30微克/立方米", in_region("110105"), [o("30", district_code="110000")]),
    ("全市地区生产总值增长6%", in_region("320505"), [o("6", district_code="320500")]),
    ("全市地区生产总值增长6%", in_region("320583"), [o("6", district_code=None)]),
    ("全市地区生产总值增长6%", in_region("320500"), [o("6", district_code=None)]),
    ("全省地区生产总值增长5%", in_region("320583"), [o("5", district_code="320000")]),
    ("全省地区生产总值增长5%", in_region("320000"), [o("5", district_code=None)]),
    ("全州地区生产总值增长7%", in_region("222401"), [o("7", district_code="222400")]),
    ("全国国内生产总值增长5%", in_region("320583"), [o("5", district_code="000000")]),
]


@pytest.mark.parametrize(
    ("sentence", "context", "expected"), REGIONS, ids=[f"{c[0]}@{c[1].document_district}" for c in REGIONS]
)
def test_scope_words_name_regions_around_the_document(
    check: Any, sentence: str, context: ExtractContext, expected: list[dict[str, Any]]
) -> None:
    check(sentence, expected, context)


# Sentences we know are still read wrong: (sentence, what a correct reading gives).
KNOWN_FAILURES: list[Case] = [
    # two metrics sharing one change with 均, one of them not canonical (人均纯收入, the rural income
    # of older statistics): the whole list is read as the first metric's
    (
        "城镇居民人均可支配收入与农民人均纯收入均增长7%左右",
        [o("7", breakdown="urban", metric_code=INCOME), o("7", metric_code=None, breakdown="rural")],
    ),
    # a round amount written with a multiplier and no digit (万亿元, 千亿美元) is not read
    ("进出口总额冲过千亿美元大关", [o("1000", metric_code="foreign_trade", unit="亿美元", comparator="min")]),
    # a sub-region named before the metric without a word of part_region_words
    ("平原地区生产总值增长8%", [o("8", metric_code=None)]),
]


@pytest.mark.parametrize(("sentence", "expected"), KNOWN_FAILURES, ids=ids(KNOWN_FAILURES))
@pytest.mark.xfail(strict=True, reason="known misreading")
def test_known_failures(check: Any, sentence: str, expected: list[dict[str, Any]]) -> None:
    check(sentence, expected)


def test_parse_json_shows_breakdown() -> None:
    """Every observation carries a breakdown, 'total' unless the text names a population."""
    found = extract("城镇居民人均可支配收入增长5%,地区生产总值增长6%")
    assert [obs.breakdown for obs in found] == ["urban", "total"]


def test_parse_json_shows_breakdown_of_each_observation(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text(
        "2026年某区政府工作报告\n各位代表:\n一、2025年工作回顾\n"
        "城乡居民人均可支配收入分别增长6%和8%,地区生产总值增长5%。\n",
        encoding="utf-8",
    )
    args = ["parse", str(report), "--json", "--district", "110101", "--genre", "gov_work_report"]
    result = CliRunner().invoke(cli, [*args, "--year", "2026"])
    assert result.exit_code == 0, result.output
    documents = json.loads(result.output)["documents"]
    found = [
        (o["observation"]["metric_code"], o["observation"]["breakdown"]) for o in documents[0]["observations"]
    ]
    assert found == [(INCOME, "urban"), (INCOME, "rural"), ("gdp", "total")]
