"""What a number is: measure, sign, kind and period (our own sentences)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from govperf.extract import ExtractContext

Case = tuple[str, list[dict[str, Any]]]
CtxCase = tuple[str, ExtractContext | None, list[dict[str, Any]]]


def o(value: Any, **fields: Any) -> dict[str, Any]:
    return {"value": value, **fields}


MEASURES: list[Case] = [
    (
        "社会消费品零售额增长7.5%,增速高于全市平均水平1.2个百分点,居城六区第二位",
        [
            o("7.5"),
            o("1.2", measure="change_pp", metric_code=None),
            o("2", measure="rank", metric_code="retail_sales"),
        ],
    ),
    ("PM2.5年均浓度为40微克/立方米,低于全市平均水平5微克/立方米", [o("40"), o("5", metric_code=None)]),
    ("技术合同成交额达到95亿元", [o("95", measure="level")]),
    ("社会消费品零售额同比增长7.2%", [o("7.2", measure="change_pct")]),
    ("PM2.5累计浓度同比下降8微克/立方米", [o("-8", measure="change_abs", unit="微克/立方米")]),
    ("重污染天数比上年减少4天", [o("-4", measure="change_abs", unit="天")]),
    ("森林覆盖率提高0.6个百分点", [o("0.6", measure="change_pp", unit="个百分点")]),
    ("城镇登记失业率较上年下降0.2个百分点", [o("-0.2", measure="change_pp")]),
    (
        "PM2.5年均浓度全市排名第三",
        [o("3", measure="rank", metric_code="pm25_concentration", raw_unit="", unit="")],
    ),
    ("PM2.5累计浓度43微克/立方米,全市排名9位", [o("43"), o("9", measure="rank", raw_unit="位")]),
    ("拆除违法建设66万平方米,居全市首位", [o("66"), o("1", measure="rank")]),
    ("技术合同成交额位居全市第一", [o("1", measure="rank", metric_code="tech_contract_turnover")]),
    ("地均产出排名保持全市第二", [o("2", measure="rank", metric_code="land_output_rate")]),
    ("森林覆盖率居城六区之首", [o("1", measure="rank")]),
    (
        "拆除违法建设52万平方米,腾退土地310公顷,均居全市首位",
        [
            o("52"),
            o("310"),
            o("1", measure="rank", metric_code="illegal_construction_demolished"),
            o("1", measure="rank", metric_code="land_vacated"),
        ],
    ),
    ("完成年度腾退土地任务量的48.5%", [o("48.5", measure="progress_pct", metric_code="land_vacated")]),
    (
        "用水总量5120万立方米,占全年用水指标的72.3%",
        [o("5120"), o("72.3", measure="progress_pct", metric_code="water_use_total")],
    ),
    ("完成棚改960户,完成任务量达全年63%", [o("960"), o("63", measure="progress_pct")]),
    (
        "完成区人大批准预算支出120亿元的95.2%",
        [
            o("120", kind="target", measure="level"),
            o("95.2", measure="progress_pct", metric_code="general_budget_expenditure"),
        ],
    ),
    ("新增绿化面积完成年度目标的105%", [o("105", measure="progress_pct", metric_code="new_green_area")]),
    ("PM2.5改善率12.5%", [o("-12.5", measure="change_pct")]),
    ("森林覆盖率从40%提高到42.5%", [o("40", measure="level"), o("42.5", measure="level")]),
    ("重污染天数下降至7天", [o("7", measure="level", metric_code="heavy_pollution_days")]),
    ("地区生产总值增速为6.1%", [o("6.1", measure="change_pct", metric_code="gdp")]),
    ("区级一般公共预算收入增幅7.5%", [o("7.5", measure="change_pct")]),
    ("全区生产总值增长5.6%,增速居全市第四", [o("5.6"), o("4", measure="rank", metric_code="gdp")]),
    ("城市管理指数为89分,居全市第五", [o("89"), o("5", measure="rank", metric_code="city_management_index")]),
    ("食品抽检合格率98.8%,高于市级目标0.8个百分点", [o("98.8"), o("0.8", metric_code=None)]),
    ("社会消费品零售额增长9%,超过年度目标2个百分点", [o("9"), o("2", metric_code=None)]),
    ("市场总消费额实现520亿元,同比增长8.1%", [o("520", measure="level"), o("8.1", measure="change_pct")]),
]

SIGNS: list[Case] = [
    ("PM2.5年均浓度40微克/立方米,下降幅度为10%", [o("40"), o("-10", measure="change_pct")]),
    ("地区生产总值增长速度为6.2%", [o("6.2", measure="change_pct", metric_code="gdp")]),
    ("地区生产总值增长了8%", [o("8", measure="change_pct", metric_code="gdp")]),
    (
        "PM2.5年均浓度同比下降了12微克/立方米",
        [o("-12", measure="change_abs", metric_code="pm25_concentration")],
    ),
    ("全区共完成了棚户区改造1200户", [o("1200", label="棚户区改造")]),
    ("万元GDP水耗下降4.5%", [o("-4.5")]),
    ("万元GDP能耗同比降低2.9%", [o("-2.9")]),
    ("能源消费总量减少3.1%", [o("-3.1")]),
    ("PM2.5年均浓度同比回落6.4%", [o("-6.4")]),
    ("PM2.5累计浓度同比上升2.2%", [o("2.2")]),
    ("全社会固定资产投资增长11%", [o("11")]),
    ("城镇居民人均可支配收入提高7.1%", [o("7.1")]),
    ("技术合同成交额比上年增加12亿元", [o("12", measure="change_abs")]),
    ("PM2.5年均浓度改善率9.3%", [o("-9.3", measure="change_pct")]),
    ("细颗粒物浓度改善率15%", [o("-15", measure="change_pct")]),
    ("森林覆盖率改善率2%", [o("2", measure="change_pct")]),
    ("重污染天数降幅为30%", [o("-30", measure="change_pct")]),
    ("万元GDP能耗下降率在4.8%左右", [o("-4.8", comparator="approx")]),
    (
        "单位地区生产总值水耗下降15%,远高于2%的年度目标值",
        [o("-15"), o("-2", kind="target", measure="change_pct")],
    ),
    ("社会消费品零售额增长6%,高于4%的目标", [o("6"), o("4", kind="target", measure="change_pct")]),
    ("PM2.5年均浓度41微克/立方米,下降12.8%", [o("41"), o("-12.8", measure="change_pct")]),
    ("城镇登记失业率控制在2.2%", [o("2.2", measure="level")]),
    ("地区生产总值同比下滑1.5%", [o("-1.5")]),
    ("PM2.5年均浓度同比下降10微克/立方米", [o("-10", measure="change_abs")]),
    ("全区生产总值上涨4.4%", [o("4.4")]),
]

KINDS: list[CtxCase] = [
    ("综合研判,全区万元GDP能耗下降3%", None, [o("-3", kind="estimate")]),
    ("从全年情况看,技术合同成交额增长5%", None, [o("5", kind="estimate")]),
    ("按照年度目标要求,污水处理率达到90%左右", None, [o("90", kind="target")]),
    (
        "城市管理指数预计年终达到85分;腾退建设用地约5平方公里",
        None,
        [o("85", kind="estimate"), o("500", kind="actual")],
    ),
    (
        "预计全年地区生产总值增长6%;区级一般公共预算收入完成80亿元",
        None,
        [o("6", kind="estimate"), o("80", kind="estimate")],
    ),
    (
        "预计全年地区生产总值增长6%左右,社会消费品零售额增长5%。",
        None,
        [o("6", kind="estimate"), o("5", kind="estimate")],
    ),
    (
        "地区生产总值增长6%。预计社会消费品零售额增长5%。",
        None,
        [o("6", kind="actual"), o("5", kind="estimate")],
    ),
    ("污水处理率年底可达92%", None, [o("92", kind="estimate")]),
    ("城市管理指数年底预计可达到88分的目标", None, [o("88", kind="estimate")]),
    ("绿化任务预计可完成,新增绿化面积200公顷", None, [o("200", kind="estimate")]),
    ("常住人口控制在98万以内的目标预计能完成", None, [o("98", kind="target")]),
    ("力争地区生产总值增长7%", None, [o("7", kind="target")]),
    ("年度目标:拆除违法建设30万平方米", None, [o("30", kind="target")]),
    ("地区生产总值增长6.5%左右", ExtractContext(kind="target"), [o("6.5", kind="target")]),
    ("地区生产总值增长6.5%左右", None, [o("6.5", kind="actual")]),
    ("地区生产总值增长6.5%左右", ExtractContext(kind="estimate"), [o("6.5", kind="estimate")]),
    ("预计地区生产总值增长6%", ExtractContext(kind="target"), [o("6", kind="estimate")]),
    ("技术合同成交额完成60亿元", None, [o("60", kind="actual")]),
    ("万元GDP水耗下降9%,远高于2.5%的年度目标值", None, [o("-9", kind="actual"), o("-2.5", kind="target")]),
    ("要求食品抽检合格率不低于98%", None, [o("98", kind="target")]),
    ("完成年度任务量的45%", ExtractContext(label="腾退土地"), [o("45", kind="actual")]),
    ("棚户区改造目标为3000户", None, [o("3000", kind="target")]),
    (
        "20xx年预计地区生产总值增长7%左右;区级一般公共预算收入完成90亿元",
        None,
        [o("7", kind="estimate"), o("90", kind="estimate")],
    ),
    ("地区生产总值增长7%左右", ExtractContext(kind="target", year=2016), [o("7", kind="target", year=2016)]),
    ("有望实现社会消费品零售额增长8%", None, [o("8", kind="estimate")]),
]

PERIODS: list[CtxCase] = [
    (
        "截至10月底,累计拆除违法建设60万平方米",
        ExtractContext(year=2019),
        [o("60", period_label="截至10月底", period_end=date(2019, 10, 31))],
    ),
    (
        "截至10月底,完成区人大批准预算支出90亿元的88%",
        None,
        [o("90", kind="target", period_label=None), o("88", period_label="截至10月底")],
    ),
    (
        "前三季度万元GDP水耗下降9%,远高于2.5%的年度目标值",
        None,
        [o("-9", period_label="前三季度"), o("-2.5", period_label=None)],
    ),
    (
        "截至9月底,PM2.5累计浓度为49微克/立方米",
        ExtractContext(year=2018),
        [o("49", period_label="截至9月底", period_start=date(2018, 1, 1), period_end=date(2018, 9, 30))],
    ),
    (
        "1-11月,全区用水总量9000万立方米",
        ExtractContext(year=2019),
        [o("9000", period_label="1-11月", period_end=date(2019, 11, 30))],
    ),
    (
        "1-10月份地均产出率为20亿元/平方公里",
        ExtractContext(year=2019),
        [o("20", period_label="1-10月份", period_end=date(2019, 10, 31))],
    ),
    (
        "前三季度能源消费总量160万吨标准煤",
        ExtractContext(year=2020),
        [o("160", period_label="前三季度", period_end=date(2020, 9, 30))],
    ),
    (
        "上半年,全区生产总值增长5%",
        ExtractContext(year=2021),
        [o("5", period_label="上半年", period_start=date(2021, 1, 1), period_end=date(2021, 6, 30))],
    ),
    (
        "前5个月,PM2.5累计平均浓度为60微克/立方米",
        ExtractContext(year=2017),
        [o("60", period_label="前5个月", period_end=date(2017, 5, 31))],
    ),
    (
        "全年办理人大代表建议、政协委员提案300件",
        ExtractContext(year=2018),
        [o("300", period_label="全年", period_end=date(2018, 12, 31))],
    ),
    ("累计拆除违法建设120万平方米", None, [o("120", period_label="累计", period_end=None)]),
    ("截至目前,完成年度腾退土地任务量的40%", None, [o("40", period_label="截至目前")]),
    ("PM2.5累计浓度为52微克/立方米", None, [o("52", period_label=None)]),
    (
        "截至9月底,技术合同成交额50亿元,同比增长6%",
        ExtractContext(year=2019),
        [o("50", period_label="截至9月底"), o("6", period_label="截至9月底", period_end=date(2019, 9, 30))],
    ),
    (
        "截至9月底,技术合同成交额50亿元。全年森林覆盖率45%",
        None,
        [o("50", period_label="截至9月底"), o("45", period_label="全年")],
    ),
    ("截至6月底,拆除违法建设20万平方米", None, [o("20", period_label="截至6月底")]),
    (
        "一季度地区生产总值增长4%",
        ExtractContext(year=2019),
        [o("4", period_label="一季度", period_start=date(2019, 1, 1), period_end=date(2019, 3, 31))],
    ),
    ("技术合同成交额50亿元", ExtractContext(period_label="上半年"), [o("50", period_label="上半年")]),
    ("1-5月,地区生产总值增长6%", ExtractContext(period_label="上半年"), [o("6", period_label="1-5月")]),
    (
        "截至12月底,主动公开政府信息9000条",
        ExtractContext(year=2018, value_year=2017),
        [o("9000", period_end=date(2017, 12, 31), year=2017)],
    ),
    ("前两季度全区生产总值增长6%", ExtractContext(year=2019), [o("6", period_end=date(2019, 6, 30))]),
    ("截至十月底,新增就业1.1万人", ExtractContext(year=2019), [o("1.1", period_end=date(2019, 10, 31))]),
    (
        "下半年拆除违法建设20万平方米",
        ExtractContext(year=2019),
        [o("20", period_start=date(2019, 7, 1), period_end=date(2019, 12, 31))],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), MEASURES, ids=[c[0] for c in MEASURES])
def test_measures(check: Any, sentence: str, expected: list[dict[str, Any]]) -> None:
    check(sentence, expected)


@pytest.mark.parametrize(("sentence", "expected"), SIGNS, ids=[c[0] for c in SIGNS])
def test_signs(check: Any, sentence: str, expected: list[dict[str, Any]]) -> None:
    check(sentence, expected)


@pytest.mark.parametrize(("sentence", "context", "expected"), KINDS, ids=[c[0] for c in KINDS])
def test_kinds(
    check: Any, sentence: str, context: ExtractContext | None, expected: list[dict[str, Any]]
) -> None:
    check(sentence, expected, context)


@pytest.mark.parametrize(("sentence", "context", "expected"), PERIODS, ids=[c[0] for c in PERIODS])
def test_periods(
    check: Any, sentence: str, context: ExtractContext | None, expected: list[dict[str, Any]]
) -> None:
    check(sentence, expected, context)
