"""Labels, metric mapping and Traditional script (our own sentences)."""

from __future__ import annotations

from typing import Any

import pytest

from govperf.extract import ExtractContext, extract, labels
from govperf.extract.resources import cues

CtxCase = tuple[str, ExtractContext | None, list[dict[str, Any]]]
Case = tuple[str, list[dict[str, Any]]]


def o(value: Any, **fields: Any) -> dict[str, Any]:
    return {"value": value, **fields}


LABELS: list[CtxCase] = [
    ("(一)地区生产总值增长6%", None, [o("6", label="地区生产总值", metric_code="gdp")]),
    ("2.技术合同成交额80亿元", None, [o("80", label="技术合同成交额")]),
    ("增長6%左右", ExtractContext(label="地區生產總值"), [o("6", metric_code="gdp", label="地区生产总值")]),
    ("完成1.2万户", ExtractContext(label="1.棚户区改造"), [o("12000", metric_code="shantytown_renovation")]),
    (
        "上半年共完成120条街巷,2100户",
        ExtractContext(label="棚户区改造"),
        [o("120"), o("2100", metric_code=None)],
    ),
    ("完成1800户", ExtractContext(label="棚户区改造"), [o("1800", metric_code="shantytown_renovation")]),
    ("PM2.5年均浓度为45微克/立方米", None, [o("45", label="PM2.5年均浓度")]),
    ("全区一般公共预算收入实现96亿元", None, [o("96", label="一般公共预算收入")]),
    ("城镇登记失业率控制在2.6%以内", None, [o("2.6", label="城镇登记失业率")]),
    (
        "市场总消费额实现720亿元,同比增长9.5%",
        None,
        [o("720", label="市场总消费额"), o("9.5", label="市场总消费额", metric_code="total_consumption")],
    ),
    ("PM2.5年均浓度39微克/立方米,下降11%", None, [o("39"), o("-11", label="PM2.5年均浓度")]),
    (
        "区级一般公共预算收入150亿元,同比增长6%,增量位居全市第一",
        None,
        [o("150"), o("6"), o("1", measure="rank", metric_code="general_budget_revenue")],
    ),
    (
        "已办结15件建议提案的会办及2件其他建议的办理",
        None,
        [o("15", metric_code="proposals_handled"), o("2", metric_code=None)],
    ),
    (
        "增长6.5%左右",
        ExtractContext(label="地区生产总值"),
        [o("6.5", label="地区生产总值", metric_code="gdp")],
    ),
    (
        "达到3500亿元左右,增长6%左右",
        ExtractContext(label="地区生产总值"),
        [o("3500", metric_code="gdp"), o("6", metric_code="gdp", measure="change_pct")],
    ),
    # a share after a figure is of that figure, not of the row's title
    (
        "良好天数40天(占44.4%),AQI优良率达到99%",
        ExtractContext(label="空气优良率保持在95%以上"),
        [o("40", metric_code=None), o("44.4", metric_code=None), o("99", metric_code="good_air_days_ratio")],
    ),
    ("市容环境建设指数为90", ExtractContext(label="城市管理指数"), []),
    ("市容环境建设指数为90分", ExtractContext(label="城市管理指数"), [o("90", metric_code=None)]),
    (
        "310亿元/290亿元",
        ExtractContext(label="一般公共预算收入及支出"),
        [o("310", metric_code="general_budget_revenue"), o("290", metric_code="general_budget_expenditure")],
    ),
    (
        "食品药品抽检合格率分别达到98.1%和99.2%",
        None,
        [o("98.1", metric_code="food_sampling_pass_rate"), o("99.2", metric_code="drug_sampling_pass_rate")],
    ),
    (
        "地均、劳均产出率分别为30亿元/平方公里和150万元/人",
        None,
        [o("30", metric_code="land_output_rate"), o("150", metric_code="labor_output_rate")],
    ),
    (
        "拆除违法建设860处、3.6万平方米",
        None,
        [o("860", metric_code=None), o("3.6", metric_code="illegal_construction_demolished")],
    ),
    (
        "加大违法建设拆除力度,累计拆除900处、2.8万平方米",
        None,
        [o("900", metric_code=None), o("2.8", metric_code="illegal_construction_demolished")],
    ),
    (
        "拆除违法建设40万平方米,销账25万平方米",
        None,
        [o("40", metric_code="illegal_construction_demolished"), o("25", metric_code=None, label="销账")],
    ),
    (
        "拆违方面,到目前已完成全年销账任务量的30%",
        None,
        [o("30", metric_code="illegal_construction_demolished", measure="progress_pct")],
    ),
    ("用水总量3000万立方米,为全年用水指标的70%", None, [o("3000"), o("70", label="用水总量")]),
    (
        "按来源分,市人大代表建议10件,市政协委员提案6件",
        None,
        [o("10", metric_code=None), o("6", metric_code=None)],
    ),
    ("老楼加装电梯投用10完成棚户区改造820", None, [o("820", metric_code="shantytown_renovation")]),
    ("完成棚改1200户。占全年任务的60%。", None, [o("1200"), o("60", metric_code="shantytown_renovation")]),
    (
        "城市管理指数年底预计可达到86分的目标,市容秩序整改率93%",
        None,
        [o("86", metric_code="city_management_index"), o("93", metric_code=None)],
    ),
    ("200平方公里区域内基本无违建", ExtractContext(label="拆除违法建设"), [o("20000", metric_code=None)]),
    ("实现“留白增绿”150公顷", None, [o("150", label="留白增绿", metric_code="new_green_area")]),
    (
        "地区生产总值、区级一般公共预算收入分别增长6.5%和7%",
        None,
        [o("6.5", metric_code="gdp"), o("7", metric_code="general_budget_revenue", measure="change_pct")],
    ),
    (
        "万元GDP能耗、水耗分别下降3%和2.5%",
        None,
        [o("-3", metric_code="energy_intensity"), o("-2.5", metric_code="water_intensity")],
    ),
    (
        "PM2.5累计浓度40微克/立方米,较去年同期下降12%",
        None,
        [o("40"), o("-12", metric_code="pm25_concentration")],
    ),
    (
        "区级一般公共预算收入 | 完成110亿元 | 上半年完成62.3亿元,完成全年任务的56.6%",
        None,
        [
            o("110", metric_code="general_budget_revenue"),
            o("62.3", metric_code="general_budget_revenue"),
            o("56.6", measure="progress_pct", metric_code="general_budget_revenue"),
        ],
    ),
    ("过去五年,全区地区生产总值年均增长7.2%", None, [o("7.2", measure="change_pct", metric_code=None)]),
    ("PM2.5年均浓度比2015年下降45%", None, [o("-45", metric_code=None)]),
    (
        "PM2.5年均浓度由2017年的58微克/立方米下降到2020年的40微克/立方米",
        None,
        [o("58", metric_code=None), o("40", measure="level", metric_code="pm25_concentration")],
    ),
    (
        "重污染天数由去年的12天减少至5天",
        None,
        [o("12", metric_code=None), o("5", metric_code="heavy_pollution_days")],
    ),
    ("人均GDP达到2.3万美元", None, [o("23000", metric_code=None, unit="美元")]),
    (
        "1-10月份地均产出率预计为18亿元/平方公里、劳均产出率150万元/人",
        None,
        [o("18", label="地均产出率"), o("150", label="劳均产出率")],
    ),
]

METRIC_MAPPING: list[Case] = [
    (
        "全市PM2.5年均浓度为51微克/立方米,同比下降9%",  # the document's region unknown: its own
        [o("51", district_code=None), o("-9", district_code=None, metric_code="pm25_concentration")],
    ),
    (
        "全区PM2.5年均浓度为45微克/立方米,全市排名第二",
        [o("45", district_code=None), o("2", district_code=None)],
    ),
    ("全国地区生产总值增长6.1%", [o("6.1", district_code="000000", metric_code="gdp")]),
    (
        "PM2.5年均浓度38微克/立方米,在全市16个区中排名第3",
        [o("38"), o("3", measure="rank", metric_code="pm25_concentration")],  # 16个区: the rank's scope
    ),
    ("“十二五”时期,累计拆除违法建设200万平方米", [o("200", metric_code=None)]),
    ("五年来,全区地区生产总值增长40%", [o("40", metric_code=None)]),
    ("社会消费品零售额占比提高2个百分点", [o("2", measure="change_pp", metric_code=None)]),
    ("涉及市场总消费额、科技创新等7项任务", [o("7", metric_code=None)]),
    ("森林覆盖率、绿化覆盖率等指标完成率100%", [o("100", metric_code=None)]),
    ("城镇调查失业率为4.5%", [o("4.5", metric_code="surveyed_unemployment_rate")]),
    ("城镇登记失业率为1.5%", [o("1.5", metric_code="registered_unemployment_rate")]),
    ("登记失业率为1.4%", [o("1.4", metric_code="registered_unemployment_rate")]),
    ("实现地方级财政收入300亿元", [o("300", metric_code="local_fiscal_revenue")]),
    ("区级一般公共预算收入120亿元", [o("120", metric_code="general_budget_revenue")]),
    ("区级公共财政预算收入110亿元", [o("110", metric_code="general_budget_revenue")]),
    ("区级财政收入完成100亿元", [o("100", metric_code="general_budget_revenue")]),
    ("全区全年再生水用量1.2亿立方米", [o("12000", metric_code=None)]),
    ("全区用水总量1.2亿立方米", [o("12000", metric_code="water_use_total")]),
    ("农村居民人均可支配收入增长8%", [o("8", metric_code="disposable_income_per_capita", breakdown="rural")]),
    ("居民人均可支配收入增长8%", [o("8", metric_code="disposable_income_per_capita")]),
    ("六大重点产业增加值占GDP比重达到66%", [o("66", metric_code=None)]),
    ("万元GDP能耗下降4%", [o("-4", metric_code="energy_intensity")]),
    ("单位地区生产总值能耗下降3.5%", [o("-3.5", metric_code="energy_intensity")]),
    ("单位地区生产总值水耗下降2.5%", [o("-2.5", metric_code="water_intensity")]),
    ("地区生产总值增长6%", [o("6", metric_code="gdp")]),
    ("全区生产总值实现1800亿元", [o("1800", metric_code="gdp")]),
    ("细颗粒物(PM2.5)年均浓度控制在50微克/立方米左右", [o("50", metric_code="pm25_concentration")]),
    ("社会消费品零售总额增长5%", [o("5", metric_code="retail_sales")]),
    ("全社会固定资产投资完成260亿元", [o("260", metric_code="fixed_asset_investment")]),
    ("污水处理率达到95%", [o("95", metric_code="sewage_treatment_rate")]),
    ("污水处理量8000万立方米", [o("8000", metric_code=None)]),
    ("药品抽验合格率达到99%", [o("99", metric_code="drug_sampling_pass_rate")]),
    ("重点食品抽检合格率99%以上", [o("99", metric_code="food_sampling_pass_rate")]),
    ("拆除违法建设120处", [o("120", metric_code=None)]),
    ("新增城市绿地2.4公顷", [o("2.4", metric_code="new_green_area")]),
    ("常住人口为125.6万人", [o("125.6", metric_code="resident_population")]),
    ("扩增学位3000个", [o("3000", metric_code=None)]),
    ("技术交易额达420亿元", [o("420", metric_code=None)]),
    ("主动公开政府信息1.8万条", [o("18000", metric_code="gov_info_disclosed")]),
]

TRADITIONAL: list[Case] = [
    ("區級一般公共預算收入完成64.3億元", [o("64.3", metric_code="general_budget_revenue")]),
    (
        "城鎮登記失業率控制在1.2%以內",
        [o("1.2", comparator="max", metric_code="registered_unemployment_rate")],
    ),
    ("萬元GDP能耗下降4.1%", [o("-4.1", metric_code="energy_intensity")]),
    ("主動公開政府資訊1.6萬餘條", [o("16000", comparator="min", metric_code="gov_info_disclosed")]),
    ("全年實施棚改3200戶", [o("3200", metric_code="shantytown_renovation", period_label="全年")]),
    ("食品抽檢合格率達到98.6%", [o("98.6", metric_code="food_sampling_pass_rate")]),
    ("預計地區生產總值增長6.5%左右", [o("6.5", kind="estimate", comparator="approx")]),
    ("新增綠化面積600畝", [o("40", metric_code="new_green_area", unit="公顷")]),
    (
        "拆除違法建設1120處、3.8萬平方米",
        [o("1120", metric_code=None), o("3.8", metric_code="illegal_construction_demolished")],
    ),
    ("PM2.5年均濃度同比下降6.2%", [o("-6.2", metric_code="pm25_concentration")]),
    ("社會消費品零售額增長5%", [o("5", metric_code="retail_sales")]),
    ("全社會固定資產投資完成150億元", [o("150", metric_code="fixed_asset_investment")]),
    ("藥品抽驗合格率不低於98.5%", [o("98.5", comparator="min", metric_code="drug_sampling_pass_rate")]),
    (
        "城鎮居民人均可支配收入達到38000元,增長9%",
        [o("38000"), o("9", metric_code="disposable_income_per_capita")],
    ),
    ("辦理各級人大代表議案、建議210件", [o("210", metric_code="proposals_handled")]),
    ("城鎮登記失業率控制在0.9 %", [o("0.9", comparator="max")]),
    ("區級財政收入增長5.5%", [o("5.5", metric_code="general_budget_revenue")]),
    ("20項區級為民辦實事專案全部完成", [o("20", raw_unit="项", metric_code=None)]),
]


@pytest.mark.parametrize(("sentence", "context", "expected"), LABELS, ids=[c[0] for c in LABELS])
def test_labels(
    check: Any, sentence: str, context: ExtractContext | None, expected: list[dict[str, Any]]
) -> None:
    check(sentence, expected, context)


@pytest.mark.parametrize(("sentence", "expected"), METRIC_MAPPING, ids=[c[0] for c in METRIC_MAPPING])
def test_metric_mapping(check: Any, sentence: str, expected: list[dict[str, Any]]) -> None:
    check(sentence, expected)


@pytest.mark.parametrize(("sentence", "expected"), TRADITIONAL, ids=[c[0] for c in TRADITIONAL])
def test_traditional(check: Any, sentence: str, expected: list[dict[str, Any]]) -> None:
    found = check(sentence, expected)
    for obs in found:
        written = sentence[obs.span_start : obs.span_end]
        assert written and written[0].isdigit(), f"span {written!r} does not start at the number"
        assert obs.snippet == sentence


def test_traditional_span_covers_number_and_unit() -> None:
    text = "篇1\n區級一般公共預算收入完成98.37億元,增長4.2%;社會消費品零售額增長6.4%。"
    spans = [text[o.span_start : o.span_end] for o in extract(text)]
    assert spans == ["98.37億元", "4.2%", "6.4%"]


def _zone_words() -> list[str]:
    """Every word parse_zone peels or reads off the end of a zone, from the cue tables."""
    c = cues()
    return sorted(
        {
            *(w for w, _ in c.comparators_before),
            *c.level_after_change,
            *c.to_level_words,
            *c.rate_names,
            *(w for w, _ in c.change_words),
            *c.change_qualifiers,
            *c.label_strip_suffix,
            *c.estimate_words,
            "分别为",
            "均",
            "都",
        }
    )


def test_parse_zone_precheck_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """parse_zone stops at once when no cue word can end the zone (its last character ends none);
    read without that check, every zone ending in a cue word, alone or after another, reads the same."""
    zones = [f"{head}{word}" for word in _zone_words() for head in ("产值", "产值同比", "收入约", "")]
    zones += ["产值", "城镇居民人均可支配收入", "增速", "PM2.5年均浓度"]
    with_check = [labels.parse_zone.__wrapped__(zone) for zone in zones]
    monkeypatch.setattr(labels, "_zone_word_ends", lambda: None)
    without = [labels.parse_zone.__wrapped__(zone) for zone in zones]
    assert with_check == without
    assert len(zones) > 400
