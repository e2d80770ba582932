"""Numbers, units, ranges, comparators, and text that holds no quantity (our own sentences)."""

from __future__ import annotations

from typing import Any

import pytest

from govperf.extract import ExtractContext

Case = tuple[str, list[dict[str, Any]]]


def o(value: Any, **fields: Any) -> dict[str, Any]:
    return {"value": value, **fields}


NUMBERS: list[Case] = [
    ("海淀区技术合同成交额达到1,234.5亿元。", [o("1234.5", metric_code="tech_contract_turnover")]),
    ("技术合同成交额１２３．４亿元", [o("123.4", raw_value="123.4", raw_unit="亿元")]),
    ("城乡新增就业2.35万人", [o("2.35", raw_value="2.35", raw_unit="万人", unit="万人")]),
    ("新增就业两万人", [o("2", metric_code="new_jobs", raw_value="20000", raw_unit="人")]),
    ("全年完成三十七项重点任务", [o("37", raw_unit="项", metric_code=None)]),
    ("两项任务已全部完成", [o("2", raw_unit="项")]),
    ("主动公开政府信息4.2万条", [o("42000", unit="条", raw_value="4.2", raw_unit="万条")]),
    ("主动公开政府信息1.5万余条", [o("15000", comparator="min")]),
    ("用水总量2.05亿立方米", [o("20500", unit="万立方米", raw_value="2.05", raw_unit="亿立方米")]),
    ("常住人口规模控制在120.5万以内", [o("120.5", unit="万人", metric_code="resident_population")]),
    ("完成棚户区改造2210", [o("2210", unit="户", metric_code="shantytown_renovation")]),
    ("城镇居民人均可支配收入达到52,318元", [o("52318", unit="元")]),
    ("区级一般公共预算收入 58.6 亿元", [o("58.6", metric_code="general_budget_revenue")]),
    ("城镇登记失业率为1.25 %", [o("1.25", unit="%")]),
    ("技术合同成交额逾75亿元", [o("75", comparator="min")]),
    ("PM2.5年均浓度为38微克/立方米", [o("38", metric_code="pm25_concentration")]),
    ("能源消费总量185.6万吨标准煤", [o("185.6", unit="万吨标准煤")]),
    ("森林覆盖率达到44.6%", [o("44.6", metric_code="forest_coverage")]),
    ("地均产出率为36.2亿元/平方公里", [o("36.2", unit="亿元/平方公里")]),
    ("劳均产出率121.7万元/人", [o("121.7", unit="万元/人")]),
    ("万元GDP能耗为0.215吨标准煤/万元", [o("0.215", metric_code="energy_intensity")]),
    ("累计检查企业1.2万家", [o("12000", unit="家", metric_code=None)]),
    ("完成第一批12个项目", [o("12", raw_unit="个")]),
    ("十项民生实事全部完成", [o("10", raw_unit="项")]),
    ("食品抽检合格率99.12%", [o("99.12", metric_code="food_sampling_pass_rate")]),
    ("重污染天数为9天", [o("9", unit="天", metric_code="heavy_pollution_days")]),
    ("城市管理指数达到88.6分", [o("88.6", unit="分", metric_code="city_management_index")]),
    ("办理人大代表建议、政协委员提案286件", [o("286", unit="件", metric_code="proposals_handled")]),
    ("发放宣传册3000本", [o("3000", raw_unit="本", metric_code=None)]),
    ("惠及群众120余万", [o("1200000", comparator="min", metric_code=None)]),
]

UNITS: list[Case] = [
    ("新增绿化面积3000亩", [o("200", unit="公顷", raw_unit="亩")]),
    ("新增绿化面积1.2万亩", [o("800", unit="公顷", raw_unit="万亩")]),
    ("腾退土地2.5平方公里", [o("250", unit="公顷", raw_unit="平方公里")]),
    ("腾退土地85公顷", [o("85", unit="公顷")]),
    ("拆除违法建设35000平方米", [o("3.5", unit="万平方米", raw_unit="平方米")]),
    ("拆除违法建设86.3万平方米", [o("86.3", unit="万平方米")]),
    ("用水总量1500000立方米", [o("150", unit="万立方米", raw_unit="立方米")]),
    ("用水总量8650万立方米", [o("8650", unit="万立方米")]),
    ("技术合同成交额8000万元", [o("0.8", unit="亿元", raw_unit="万元")]),
    ("城镇居民人均可支配收入5.2万元", [o("52000", unit="元", raw_unit="万元")]),
    ("城乡新增就业12000人", [o("1.2", unit="万人", raw_unit="人")]),
    ("能源消费总量1200000吨标准煤", [o("120", unit="万吨标准煤", raw_unit="吨标准煤")]),
    ("完成棚户区改造1.2万户", [o("12000", unit="户", raw_unit="万户")]),
    ("主动公开政府信息2860条", [o("2860", unit="条")]),
    ("地区生产总值达到1.2万亿元", [o("12000", unit="亿元", raw_unit="万亿元")]),
    ("城镇登记失业率下降0.3个百分点", [o("-0.3", unit="个百分点", measure="change_pp")]),
    ("PM2.5累计浓度41μg/m3", [o("41", unit="微克/立方米", metric_code="pm25_concentration")]),
    ("劳均产出率达到2,450,000元/人", [o("245", unit="万元/人", raw_unit="元/人")]),
    ("建成健身步道12公里", [o("12", unit="公里", metric_code=None)]),
    ("安装电梯10部", [o("10", unit="部", raw_unit="部")]),
    ("整治地下空间28.4万平方米", [o("28.4", unit="万平方米", metric_code=None)]),
    ("改造老旧小区1200套", [o("1200", unit="套")]),
    ("淘汰老旧机动车2.47万辆", [o("24700", unit="辆", raw_unit="万辆")]),
    ("培训干部200余人次", [o("200", unit="人次", comparator="min")]),
    ("2.5天内办结", [o("2.5", unit="天", comparator="max")]),
    ("能源消费总量控制在320万吨标煤以内", [o("320", unit="万吨标准煤", comparator="max")]),
    ("拆除违法建设12万平米", [o("12", unit="万平方米", metric_code="illegal_construction_demolished")]),
    ("万元GDP能耗为0.2吨标煤/万元", [o("0.2", unit="吨标准煤/万元", metric_code="energy_intensity")]),
]

RANGES: list[Case] = [
    ("地区生产总值增长6%到6.5%", [o("6", value_max="6.5")]),
    ("1到10月,全区用水总量8000万立方米", [o("8000", value_max=None, period_label="1到10月")]),
    ("地区生产总值增长6%-6.5%", [o("6", value_max="6.5", measure="change_pct")]),
    ("地区生产总值增长6.5%－7%", [o("6.5", value_max="7")]),
    ("地区生产总值增长6-6.5%", [o("6", value_max="6.5", raw_unit="%")]),
    ("地区生产总值增长6%~7%", [o("6", value_max="7")]),
    ("地区生产总值增长7%至7.5%", [o("7", value_max="7.5")]),
    ("拆除违法建设40-50万平方米", [o("40", value_max="50", unit="万平方米")]),
    ("新增绿化面积300-450亩", [o("20", value_max="30", unit="公顷")]),
    ("居民人均可支配收入增长6%-7%左右", [o("6", value_max="7", comparator="approx")]),
    ("万元GDP能耗降低3%-4%", [o("-3", value_max="-4", measure="change_pct")]),
    ("社会消费品零售额增长 5% - 6%", [o("5", value_max="6")]),
    ("技术合同成交额达到80亿元", [o("80", value_max=None)]),
    ("出境断面水质提升1-3个类别", [o("1", value_max="3", raw_unit="个")]),
    ("4月25日-4月29日接收入境人员406人", [o("406", value_max=None, raw_unit="人")]),
    ("1-11月,全区用水总量9120万立方米", [o("9120", value_max=None, period_label="1-11月")]),
    ("按DB11/139-2015标准改造锅炉30台", [o("30", value_max=None, raw_unit="台")]),
]

COMPARATORS: list[Case] = [
    ("地区生产总值增长6.5%左右", [o("6.5", comparator="approx")]),
    ("技术合同成交额约120亿元", [o("120", comparator="approx")]),
    ("技术合同成交额大约120亿元", [o("120", comparator="approx")]),
    ("城镇登记失业率控制在2%以内", [o("2", comparator="max")]),
    ("城镇登记失业率控制在1.9%", [o("1.9", comparator="max")]),
    ("能源消费总量不超过310万吨标准煤", [o("310", comparator="max")]),
    ("城镇登记失业率低于3%", [o("3", comparator="max")]),
    ("重污染天数在10天以下", [o("10", comparator="max")]),
    ("食品抽检合格率98%以上", [o("98", comparator="min")]),
    ("药品抽验合格率不低于98.5%", [o("98.5", comparator="min")]),
    ("食品抽检合格率不少于97%", [o("97", comparator="min")]),
    ("技术合同成交额超过150亿元", [o("150", comparator="min")]),
    ("主动公开政府信息2.1万余条", [o("21000", comparator="min")]),
    ("新增停车位1500多个", [o("1500", comparator="min")]),
    ("PM2.5年均浓度控制在55微克/立方米左右", [o("55", comparator="approx")]),
    ("城镇登记失业率控制在3%左右", [o("3", comparator="approx")]),
    ("共腾退建设用地面积约 4.2 平方公里", [o("420", comparator="approx", metric_code="land_vacated")]),
    ("森林覆盖率达到31.5%", [o("31.5", comparator="eq")]),
    ("PM2.5年均浓度为47微克/立方米", [o("47", comparator="eq")]),
    ("常住人口控制在98.6万人以内", [o("98.6", comparator="max", unit="万人")]),
    ("全区生产总值突破2000亿元", [o("2000", comparator="min", metric_code="gdp")]),
    ("处罚超标车近1.5万辆", [o("15000", comparator="approx")]),
    ("城镇登记失业率控制在2.5%之内", [o("2.5", comparator="max")]),
    ("全区生产总值增长6%以上", [o("6", comparator="min", measure="change_pct")]),
    ("社会消费品零售额增长8%上下", [o("8", comparator="approx")]),
]

NO_QUANTITY: list[str] = [
    "2019年1月4日",
    "日期:2021-03-15 09:30",
    "根据京政办发〔2016〕26号文件要求",
    "联系电话:010-69543210",
    "市政府工作报告重点工作第17项进度略有滞后",
    "深入贯彻党的十九届二中、三中全会精神",
    "统筹推动十三五时期经济社会发展规划",
    "1.严格计划管理",
    "(2)水环境质量不断提高",
    "一是加强统筹,二是强化督查",
    "2018年度绩效管理综合考评工作方案",
    "20xx年是十四五规划的开局之年",
    "PM2.5浓度持续下降",
    "建成5G基站并实现覆盖",
    "拟优先启动A8用地建设",
    "地铁7号线东延工程加快推进",
    "京公网安备11010502030000号",
    "政府网站标识码:1101120001",
    "市民服务热线12345快速响应",
    "第二届一带一路高峰论坛",
    "形成三位一体的综合考评体系",
    "城乡职住用地比例1:1",
    "2021年实施的项目均已开工",
    "第一批村庄规划形成成果",
    "12月,我区发生疫情",
    "截至2021年6月30日",
    # a number inside a short quotation is part of a slogan's or a package's name
    "全力打造“三个高地”,守牢“两条红线”",
    "推出助企纾困“28条”措施",
    "聚焦“一条主线、五大板块”扎实推进",
    # double digits, the parts and points of a report
    "工业投资保持两位数增长",
    "报告分为三个部分",
    "重点抓好以下九个方面工作",
]


@pytest.mark.parametrize(("sentence", "expected"), NUMBERS, ids=[c[0] for c in NUMBERS])
def test_numbers(check: Any, sentence: str, expected: list[dict[str, Any]]) -> None:
    check(sentence, expected)


@pytest.mark.parametrize(("sentence", "expected"), UNITS, ids=[c[0] for c in UNITS])
def test_units(check: Any, sentence: str, expected: list[dict[str, Any]]) -> None:
    check(sentence, expected)


@pytest.mark.parametrize(("sentence", "expected"), RANGES, ids=[c[0] for c in RANGES])
def test_ranges(check: Any, sentence: str, expected: list[dict[str, Any]]) -> None:
    check(sentence, expected)


@pytest.mark.parametrize(("sentence", "expected"), COMPARATORS, ids=[c[0] for c in COMPARATORS])
def test_comparators(check: Any, sentence: str, expected: list[dict[str, Any]]) -> None:
    check(sentence, expected)


@pytest.mark.parametrize("sentence", NO_QUANTITY, ids=NO_QUANTITY)
def test_no_quantity(check: Any, sentence: str) -> None:
    check(sentence, [], ExtractContext(year=2021))


def test_two_point_seven_wan_yu_tiao_is_exact() -> None:
    from decimal import Decimal

    from govperf.extract import extract

    (obs,) = extract("主动公开政府信息2.7万余条")
    assert obs.value == Decimal("27000") and obs.raw_value == Decimal("2.7") and obs.raw_unit == "万条"


def test_mu_to_hectare_is_exact_to_28_digits() -> None:
    from fractions import Fraction

    from govperf.extract import extract

    (obs,) = extract("实现“留白增绿”4100亩")
    assert abs(Fraction(obs.value) - Fraction(4100, 15)) < Fraction(1, 10**20)
