"""The region table (every GB/T 2260 division) and recognising a document's region at every level.

The recognition cases are sentences written for these tests (invented names of people, figures).
"""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from govperf.data.regions import (
    LEVELS,
    NATIONAL,
    UnknownRegion,
    ancestors,
    by_code,
    leading_region,
    regions,
    resolve_region,
    self_references,
)
from govperf.documents.lines import PartText
from govperf.documents.recognize import title_line
from govperf.documents.regionfind import find_region, scan
from govperf.extract import ExtractContext, extract
from govperf.extract.resources import cues
from govperf.text.normalize import normalize


def test_every_division_has_a_level_and_a_parent_that_exists() -> None:
    table = by_code()
    counts = Counter(region.level for region in regions())
    assert counts["national"] == 1 and table[NATIONAL].parent is None
    assert counts["province"] == 34
    assert 330 <= counts["prefecture"] <= 340
    official_counties = [r for r in regions() if r.level == "county" and r.official]
    assert 2800 <= len(official_counties) <= 2900
    for region in regions():
        assert region.level in LEVELS, region
        if region.code == NATIONAL:
            continue
        assert region.parent in table, region
        parent = table[region.parent]
        assert LEVELS.index(parent.level) < LEVELS.index(region.level), region


@pytest.mark.parametrize(
    ("code", "level", "parent"),
    [
        ("000000", "national", None),
        ("110000", "province", "000000"),
        ("650000", "province", "000000"),
        ("110112", "county", "110000"),  # a Beijing district: county level, under the province-level city
        ("310115", "county", "310000"),  # 浦东新区
        ("320500", "prefecture", "320000"),
        ("320583", "county", "320500"),  # 昆山市, a county-level city
        ("222400", "prefecture", "220000"),  # 延边朝鲜族自治州
        ("150724", "county", "150700"),  # 鄂温克族自治旗
        ("419001", "county", "410000"),  # 济源市, administered by the province
        ("441900", "prefecture", "440000"),  # 东莞市, a prefecture without counties
        ("110400", "county", "110000"),  # 北京经济技术开发区 (regions.yaml)
    ],
)
def test_levels_and_parents_follow_the_codes(code: str, level: str, parent: str | None) -> None:
    region = by_code()[code]
    assert (region.level, region.parent) == (level, parent)
    if level == "province":
        assert code.endswith("0000")
    if level == "prefecture":
        assert code.endswith("00") and not code.endswith("0000")
    if level == "county" and region.official:
        assert not code.endswith("00")


@pytest.mark.parametrize(
    ("code", "short"),
    [
        ("410000", "河南"),
        ("650000", "新疆"),
        ("450000", "广西"),
        ("320500", "苏州"),
        ("222400", "延边"),
        ("320583", "昆山"),
        ("310115", "浦东"),
        ("220200", "吉林市"),  # 吉林 is the province
    ],
)
def test_short_names(code: str, short: str) -> None:
    assert by_code()[code].short == short


@pytest.mark.parametrize(
    ("code", "unique"),
    [("110105", False), ("220104", False), ("211300", False), ("320583", True), ("410000", True)],
)
def test_a_short_name_shared_by_two_divisions_is_marked(code: str, unique: bool) -> None:
    assert by_code()[code].short_unique is unique


@pytest.mark.parametrize(
    ("code", "former"),
    [("420600", "襄樊市"), ("140404", "长治县"), ("110118", "密云县")],
)
def test_former_names_are_kept(code: str, former: str) -> None:
    assert former in by_code()[code].names
    assert resolve_region(former) == code


def test_the_development_zone_keeps_its_code_and_names() -> None:
    zone = by_code()["110400"]
    assert zone.name == "北京经济技术开发区" and not zone.official and "亦庄" in zone.aliases


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("110105", "110105"),
        ("长春市朝阳区", "220104"),
        ("北京市通州区", "110112"),
        ("北京通州", "110112"),
        ("南通市通州区", "320612"),
        ("昆山", "320583"),
        ("延边朝鲜族自治州", "222400"),
        (" 海淀区 ", "110108"),
    ],
)
def test_resolve_region(value: str, code: str) -> None:
    assert resolve_region(value) == code


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "通州区",
            "通州区 is ambiguous: 110112 北京市通州区, 320612 江苏省南通市通州区; "
            "give the code or the full name such as 北京市通州区",
        ),
        ("通州", "通州 is ambiguous: 110112 北京市通州区, 320612 江苏省南通市通州区;"),
        ("朝阳区", "朝阳区 is ambiguous: 110105 北京市朝阳区, 220104 吉林省长春市朝阳区;"),
        ("没有这个地方", "unknown region '没有这个地方'"),
        ("全市", "unknown region '全市'"),  # a self-reference, no region's name
    ],
)
def test_resolve_region_refuses_an_ambiguous_or_unknown_name(value: str, message: str) -> None:
    with pytest.raises(UnknownRegion) as error:
        resolve_region(value)
    assert str(error.value).startswith(message) and "\n" not in str(error.value)


@pytest.mark.parametrize(
    ("value", "aliases", "code"),
    [("副中心", {"副中心": "110112"}, "110112"), ("海淀区", {"海淀区": "110108"}, "110108")],
)
def test_resolve_region_reads_the_callers_aliases(value: str, aliases: dict[str, str], code: str) -> None:
    assert resolve_region(value, aliases) == code


def test_a_callers_alias_does_not_hide_an_ambiguity() -> None:
    with pytest.raises(UnknownRegion, match="ambiguous"):
        resolve_region("通州区", {"通州区": "110112"})


def test_ancestors_go_up_to_the_country() -> None:
    assert ancestors("320583") == ["320500", "320000", "000000"]


def test_scan_takes_the_longest_name_at_each_place() -> None:
    assert [name for _, name in scan("在长春市朝阳区和苏州工业园区")] == ["长春市", "朝阳区", "苏州工业园区"]


def _find(document: str) -> tuple[str | None, tuple[str, ...], list[str]]:
    normalized = normalize(document).text
    lines = [line.strip() for line in normalized.splitlines()]
    title = title_line(PartText(document))  # as parse_source finds it
    finding = find_region(title.text if title else "", lines, normalized)
    return finding.code, finding.candidates, finding.warnings


REPORT_OPENING = "各位代表:\n现在,我代表{who}人民政府,向大会报告工作,请予审议。\n"


@pytest.mark.parametrize(
    ("document", "code"),
    [
        # national
        (
            "政府工作报告\n国务院总理 张大年\n各位代表:\n现在,我代表国务院,向大会报告政府工作。\n"
            "河北、河南、四川等地粮食增产。\n",
            "000000",
        ),
        # province: title, speaker, session line, no title at all
        (
            "2031年河南省政府工作报告\n河南省人民政府省长 王小川\n全省经济平稳。郑州市、洛阳市增长较快。\n",
            "410000",
        ),
        (
            "政府工作报告\n——2031年1月20日在黑龙江省第十五届人民代表大会第一次会议上\n省长 李青禾\n"
            "全省粮食产量稳定。哈尔滨市新区建设加快。\n",
            "230000",
        ),
        (
            "自治区主席 阿不都·米吉提\n在广西壮族自治区第十四届人民代表大会第五次会议上\n"
            "全区各族人民团结奋斗。\n",
            "450000",
        ),
        # prefecture: speaker line, autonomous prefecture with 全州
        (
            "苏州市人民政府市长 周明远\n各位代表:\n全市规上工业增加值增长。昆山市、常熟市贡献较大。\n",
            "320500",
        ),
        (
            "政府工作报告\n在延边朝鲜族自治州第十七届人民代表大会第二次会议上\n全州经济运行良好。延吉市、珲春市加快发展。\n",
            "222400",
        ),
        # county level: county-level city, banner, Beijing district, district of a prefecture
        ("昆山市2031年政府工作报告\n全市地区生产总值增长。在苏州市考核中位居前列。\n", "320583"),
        ("鄂温克族自治旗人民政府旗长 巴特尔\n全旗牧业稳定发展。呼伦贝尔市下达的任务全面完成。\n", "150724"),
        ("北京市通州区2031年政府工作报告\n全区完成任务。全市统一部署。\n", "110112"),
        ("政府工作报告\n" + REPORT_OPENING.format(who="区") + "主办:西宁市城东区人民政府\n", "630102"),
        # the county speaks (全县, 县长) though the prefecture is named more often
        (
            "县长 赵一鸣\n在夏县第十八届人民代表大会第三次会议上\n"
            "全县完成运城市下达的任务,运城市考核优秀,运城市表彰。\n",
            "140828",
        ),
        # same short or full name: a parent named in the text decides
        ("长春市朝阳区人民政府区长 孙立\n全区经济增长。\n", "220104"),
        ("北京市朝阳区2031年政府工作报告\n全区经济增长。\n", "110105"),
        ("鼓楼区2031年政府工作报告\n全区推进福州市的重点项目。\n", "350102"),
        ("鼓楼区2031年政府工作报告\n全区落实南京市的部署,服务江苏省大局。\n", "320106"),
        # a former name
        ("襄樊市2009年政府工作报告\n全市经济增长。\n", "420600"),
        # only the site code
        ("政府工作报告\n" + REPORT_OPENING.format(who="市") + "政府网站标识码:3205830001\n", "320583"),
        # a speaker inside a news sentence; a long first line is no title
        (
            "本报讯 今天上午,省第十四届人大三次会议开幕,浙江省省长钱某某代表省人民政府作报告,提出全年目标。\n"
            "全省生产总值增长5%左右。\n",
            "330000",
        ),
        # a title below a table of contents
        ("目录\n一、2030年工作回顾\n二、2031年工作安排\n2031年夏县政府工作报告\n全县经济增长。\n", "140828"),
        # 全市 in a table that names only the city's districts and counties: the city
        ("2031年民生工程完成情况表\n全市合计\n东坡区 | 完成\n仁寿县 | 完成\n洪雅县 | 完成\n", "511400"),
        # 红河州 for 红河哈尼族彝族自治州 (not 红河县)
        ("部门整体支出绩效自评报告\n红河州某中心按要求完成自评。\n", "532500"),
        # no full name: a short name twice, of a region of the kind the self-references speak as
        ("二、2031年目标任务\n今年全县要让桐庐的产业更强,让桐庐的乡村更美。\n", "330122"),
        ("二、2031年主要目标\n按照上述要求,全省要加快新江西建设,奋力谱写江西篇章。\n", "360000"),
        # …or two of its counties by their short names (全州: the prefecture above them)
        ("一、2030年工作回顾\n全州推进乡村振兴,福贡、兰坪两地产业加快发展。\n", "533300"),
        # the premier's report in news ('国务院总理某某向大会作政府工作报告')
        (
            "本报讯 全国人大会议今天上午在人民大会堂开幕,党和国家领导人出席开幕会,"
            "国务院总理某某向大会作政府工作报告。\n今年目标是增长5%左右。\n",
            "000000",
        ),
        # a breadcrumb above the news title is no title (湖南频道 would name the province)
        ("某某网>>湖南频道>>要闻\n株洲市十六届人大五次会议开幕\n株洲市市长作报告。\n", "430200"),
        # a word that is also a region's name is no evidence (新华社, 平安建设, 中心城区)
        ("萧县2031年政府工作报告\n据新华社报道,全县推进平安建设,中心城区改造加快。\n", "341322"),
    ],
    ids=lambda value: value if len(value) == 6 else value.splitlines()[0][:24],
)
def test_region_recognition(document: str, code: str) -> None:
    found, candidates, _ = _find(document)
    assert (found, candidates) == (code, ())


def test_the_text_wins_over_another_site_code_and_warns() -> None:
    found, _, warnings = _find("昆山市2031年政府工作报告\n全市完成任务。\n政府网站标识码:3206810001\n")
    assert found == "320583"
    assert len(warnings) == 1 and "320583" in warnings[0] and "320681" in warnings[0]


@pytest.mark.parametrize(
    ("document", "candidates"),
    [
        ("朝阳区2031年政府工作报告\n全区完成任务。\n", {"110105", "220104"}),
        ("鼓楼区2031年政府工作报告\n全区完成任务。\n", {"320106", "320302", "350102", "410204"}),
        (
            "2031年河南省政府工作报告\n在四川省第十四届人民代表大会第五次会议上\n全省完成任务。\n",
            {"410000", "510000"},
        ),
    ],
    ids=["朝阳区", "鼓楼区", "two provinces"],
)
def test_undecided_regions_are_listed(document: str, candidates: set[str]) -> None:
    found, listed, _ = _find(document)
    assert found is None and set(listed) == candidates


@pytest.mark.parametrize(
    "document",
    [
        "工作总结\n今年各项任务完成良好。\n",
        "督查通报\n县发改委要会同县督查室跟踪落实。\n",  # 会同县 inside 要会同县督查
        "创建工作情况通报\n全县推进示范县创建,争创旅游强县。\n",  # 范县 inside 示范县
        "XX县2031年政府工作报告\n全县生产总值增长。\n",  # a masked name
    ],
    ids=["no name", "会同 is a verb", "示范县", "masked"],
)
def test_a_text_naming_no_region_finds_none(document: str) -> None:
    assert _find(document)[:2] == (None, ())


def test_regions_table_in_the_database_holds_every_division(db_engine: Engine) -> None:
    with db_engine.connect() as conn:
        count = conn.scalar(text("SELECT count(*) FROM regions"))
        orphans = conn.scalar(
            text(
                "SELECT count(*) FROM regions r LEFT JOIN regions p ON p.code = r.parent_code "
                "WHERE r.code <> '000000' AND p.code IS NULL"
            )
        )
        levels = dict(conn.execute(text("SELECT level, count(*) FROM regions GROUP BY level")).all())
        former = conn.scalar(text("SELECT former_names FROM regions WHERE code = '420600'"))
    assert count == len(regions())
    assert orphans == 0
    assert levels["province"] == 34 and levels["national"] == 1
    assert "襄樊市" in former


@pytest.mark.parametrize(
    ("document", "code"),
    [
        # delivered to the national congress, or on behalf of the 国务院: national
        (
            "政府工作报告\n——2031年3月5日在第十六届全国人民代表大会第三次会议上\n国务院总理 某某\n"
            "国内生产总值增长5%左右。\n",
            "000000",
        ),
        (
            "新华社电 某某总理代表国务院在十六届全国人大三次会议上所作的政府工作报告提出,"
            "今年城镇新增就业1100万人以上。\n",
            "000000",
        ),
        ("本报讯 国务院总理某某在政府工作报告中提出,今年粮食产量保持在1.3万亿斤以上。\n", "000000"),
        # a county's report that only mentions the national congress and the premier
        (
            "各位代表:\n现在,我代表县人民政府,向大会报告工作。\n"
            "过去一年,全县深入贯彻十六届全国人大三次会议精神,落实国务院总理在政府工作报告中的部署,"
            "完成运城市夏县下达的各项任务,夏县生产总值增长6%。\n",
            "140828",
        ),
    ],
    ids=["session line", "代表国务院 in news", "the premier's report quoted", "county citing the congress"],
)
def test_national_only_when_delivered_to_the_national_congress(document: str, code: str) -> None:
    assert _find(document)[:2] == (code, ())


@pytest.mark.parametrize(
    ("document", "code", "warned"),
    [
        # the body names one county, the site code another: the body wins, with a warning
        (
            "民生工程进展情况\n全县工程推进顺利,金寨县新增就业1020人,金寨县改造道路15公里。\n"
            "政府网站标识码:3413220001\n",
            "341524",
            True,
        ),
        # the body names the city only; the site is one of its counties: the county
        (
            "民生工程进展情况\n各项工程推进顺利,完成六安市下达任务,六安市考核优秀。\n"
            "政府网站标识码:3415240001\n",
            "341524",
            False,
        ),
        # no name at all: the site code
        ("民生工程进展情况\n各项工程推进顺利。\n政府网站标识码:3413220001\n", "341322", False),
    ],
    ids=["body 金寨县, site 萧县", "body 六安市, site 金寨县", "site only"],
)
def test_the_body_is_weighed_before_the_site_code(document: str, code: str, warned: bool) -> None:
    found, _, warnings = _find(document)
    assert found == code
    assert bool(warnings) == warned


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("北京市生产总值增长5%", "110000"),
        ("江苏省粮食产量", "320000"),
        ("红河州一般公共预算收入", "532500"),
        ("红河哈尼族彝族自治州森林覆盖率", "532500"),
        ("全市生产总值", None),  # a scope word, read from the document's region elsewhere
        ("海淀区新增就业", None),  # a county-level name: the document's own division, not a wider one
        ("北京生产总值", None),  # a short name is no full name
    ],
)
def test_leading_region_names_a_province_or_prefecture(text: str, code: str | None) -> None:
    assert leading_region(text) == code


@pytest.mark.parametrize(
    ("sentence", "document", "region"),
    [
        # 全市 is the city around the document's district, Beijing or not
        ("全市生产总值增长6.1%。", "110108", "110000"),
        ("全市生产总值增长6.1%。", "140828", "140800"),
        ("全市生产总值增长6.1%。", "320583", None),  # a county-level city: itself
        # a label opening with a wider region's full name
        ("北京市生产总值增长6.1%。", "110108", "110000"),
        ("运城市生产总值增长6.1%。", "140828", "140800"),
        ("夏县生产总值增长6.1%。", "140828", None),
    ],
    ids=lambda value: value,
)
def test_the_region_a_figure_describes_needs_no_beijing_rule(
    sentence: str, document: str, region: str | None
) -> None:
    found = extract(sentence, context=ExtractContext(year=2031, document_district=document))
    assert [o.district_code for o in found] == [region]


def test_a_self_reference_after_a_city_is_no_beijing_evidence() -> None:
    found, _, _ = _find("2031年民生工程进展情况\n运城市全市完成任务,运城市全市考核优秀。\n")
    assert found == "140800"


@pytest.mark.parametrize(
    ("word", "stripped", "rank_scope", "names"),
    [
        ("全市", True, True, "市"),
        ("本省", True, True, "省"),
        ("全州", True, True, "州"),
        ("全国", False, True, "国"),
        ("我县", True, False, None),
        ("全旗", True, True, None),  # the document's own region
        ("本区", True, True, None),
    ],
)
def test_one_list_of_self_references_serves_recognition_and_extraction(
    word: str, stripped: bool, rank_scope: bool, names: str | None
) -> None:
    assert word in self_references()
    assert (word in cues().label_strip_prefix) is stripped
    assert (word in cues().rank_scope_words) is rank_scope
    assert dict(cues().region_prefixes).get(word) == names
