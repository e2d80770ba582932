"""Genre and year of texts saved without their title (cues of the body), and text with no
evidence of any genre refused.  Every text is written for these tests."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from govperf.documents import parse_source, read_source
from govperf.errors import ParseError


def _parse(
    tmp_path: Path, text: str, district: str | None = None, year: int | None = None
) -> tuple[str, str, int | None]:
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    document = parse_source(read_source(path), district=district, year=year)[0]
    return document.genre, document.district_code, document.year


@pytest.mark.parametrize(
    ("text", "genre"),
    [
        (
            "各位代表:\n现在,我代表县人民政府,向大会报告工作,请予审议。\n一、过去一年的工作\n全县生产总值增长6%。\n",
            "gov_work_report",
        ),
        (
            "根据市里的通知,我局对照年度目标开展了自查,现将自查情况报告如下。\n一、基本情况\n各项任务按计划推进。\n",
            "perf_self_report",
        ),
        ("部门整体支出绩效自评表\n预算执行率98%,自评得分95分。\n", "perf_self_report"),
        ("某县农业局2031年度部门整体支出绩效评价报告\n一、部门概况\n内设机构8个。\n", "perf_self_report"),
        (
            "现将本县2031年民生实事项目进展情况通报如下。\n一、就业促进工程,新增就业1200人。\n",
            "key_task_progress_table",
        ),
        (
            "序号 | 绩效任务 | 年度目标 | 进展情况\n1 | 完成道路改造 | 10公里 | 已完成8公里\n",
            "perf_task_progress_table",
        ),
        (
            "本报讯 3月5日,国务院总理某某在政府工作报告中提出,今年国内生产总值增长4.5%左右,"
            "城镇新增就业1000万人以上,这是一段很长的新闻导语而不是标题。\n",
            "gov_work_report",
        ),
        (
            "为推进县政府决策部署的落实,县督查室最近就《政府工作报告》所定2031年重点工作的上半年完成情况"
            "进行了督办,现将有关情况通报如下:\n一、重点工作完成情况\n",
            "key_task_progress_table",
        ),
        (
            "二、2031年目标任务和重点工作\n本年度政府工作的总体要求:稳字当头。\n"
            "全县今年经济社会发展的奋斗目标为:生产总值增长6%。\n",
            "gov_work_report",
        ),
        ("关于全市2031年度国民经济和社会发展计划安排的说明\n全市生产总值增长5%。\n", "gov_work_report"),
        (
            "今年省政府民生实事涉及我市30个事项,截至三季度末,12个事项超序时进度。\n",
            "key_task_progress_table",
        ),
        ("全市2031年民生实事项目完成进度表\n序号 | 项目 | 计划 | 累计完成\n", "key_task_progress_table"),
        (
            "20个民生实事项目全部启动\n1至7月累计完成投资9亿元,年度计划完成率46%。县督查室跟踪落实。\n",
            "key_task_progress_table",
        ),
        (
            "关于印发2031年《政府工作报告》主要任务前三季度落实情况的通报\n各单位:\n少数指标滞后。\n",
            "key_task_progress_table",
        ),
        (
            "某镇2031年二季度政府工作报告重点任务落实执行情况一览\n序号 | 工作事项 | 进展情况\n",
            "key_task_progress_table",
        ),
        (
            "今年全区办理12件为民实事项目。区督查室对实事项目1-6月份进展情况作了督查,多数项目按序时推进。\n",
            "key_task_progress_table",
        ),
        ("一、上半年工作总结\n重点项目投资占年度计划48%,达时序进度。\n", "key_task_progress_table"),
        (
            "2031年全县民生实事项目推进进度表(截至9月30日)\n序号\n项目内容\n当前进度\n",
            "key_task_progress_table",
        ),
    ],
    ids=[
        "我代表…向大会报告工作",
        "自查",
        "绩效自评表",
        "整体支出绩效评价报告",
        "民生实事进展情况",
        "绩效任务 table",
        "news lead: 在政府工作报告中提出",
        "long first line naming 《政府工作报告》",
        "plan part without title: 政府工作的总体要求, 努力目标为",
        "国民经济和社会发展计划",
        "序时进度",
        "完成进度表",
        "年度计划完成率 + 督查",
        "title: 《政府工作报告》主要任务…落实情况",
        "title: 政府工作报告重点任务落实执行情况",
        "实事项目…进展情况, 按序时推进",
        "达时序进度",
        "title: 民生实事…项目进度表",
    ],
)
def test_genre_from_the_body(tmp_path: Path, text: str, genre: str) -> None:
    assert _parse(tmp_path, text, district="341322", year=2031)[0] == genre


@pytest.mark.parametrize(
    ("text", "year"),
    [
        (
            "各位代表:\n现在,我代表县人民政府向大会报告工作。\n一、2030年工作回顾\n全县生产总值增长6%。\n",
            2031,
        ),
        ("——2031年1月8日在萧县第十八届人民代表大会第五次会议上\n各位代表:\n全县经济平稳。\n", 2031),
        # a news excerpt: the year the targets are set for; the year after the one reviewed
        ("本报讯 省长某某代表省人民政府向大会报告工作。\n2031年全省主要预期目标是:生产总值增长5%。\n", 2031),
        ("本报讯 县长某某代表县人民政府向大会报告工作。\n2030年,全县生产总值完成120亿元。\n", 2031),
        ("新闻 国务院总理某某代表国务院向大会报告工作。\n2030年,我国国内生产总值增长5%。\n", 2031),
        # a plan report: the later year of its title, also when the title runs on into a second line
        ("某县2030年国民经济与社会发展计划执行情况和2031年计划草案\n各位代表:\n全县生产总值增长6%。\n", 2031),
        (
            "关于某县2030年国民经济与社会发展计划执行情况\n和2031年计划草案\n各位代表:\n全县生产总值增长6%。\n",
            2031,
        ),
    ],
    ids=[
        "review heading",
        "dated line",
        "targets of 2031",
        "2030 reviewed",
        "我国 2030 reviewed",
        "plan report",
        "plan report, title on two lines",
    ],
)
def test_year_of_a_work_report_without_title(tmp_path: Path, text: str, year: int) -> None:
    assert _parse(tmp_path, text, district="341322") == ("gov_work_report", "341322", year)


def test_a_national_report_needs_no_district(tmp_path: Path) -> None:
    text = (
        "政府工作报告\n国务院总理 某某某\n各位代表:\n现在,我代表国务院,向大会报告政府工作。\n2030年工作回顾\n"
    )
    assert _parse(tmp_path, text) == ("gov_work_report", "000000", 2031)


def test_random_text_is_refused_for_want_of_any_genre(tmp_path: Path) -> None:
    rng = random.Random(12)
    alphabet = [chr(c) for c in range(0x4E00, 0x9FA5)] + list("0123456789,。、%年月日|\n")
    text = "".join(rng.choice(alphabet) for _ in range(60_000))
    with pytest.raises(ParseError, match=r"doc\.txt: cannot tell the document's genre"):
        _parse(tmp_path, text)


def test_a_document_naming_two_regions_equally_is_refused_with_the_candidates(tmp_path: Path) -> None:
    text = "朝阳区2031年政府工作报告\n各位代表:\n全区经济增长。\n"
    with pytest.raises(ParseError, match=r"doc\.txt: .*110105.*220104.*--district"):
        _parse(tmp_path, text)


@pytest.mark.parametrize(
    ("text", "district", "year"),
    [
        (
            "政府工作报告\n——在第十五届全国人民代表大会第三次会议上\n国务院总理 某某\n各位代表:\n"
            "现在,我代表国务院,向大会报告政府工作。\n2029年,我国国内生产总值增长5.2%。\n",
            "000000",
            2030,
        ),
        (
            "新华社电 某某总理代表国务院在十三届全国人大五次会议上所作的政府工作报告提出,"
            "2019年,我国粮食产量增长2%;今年国内生产总值预期增长5.5%左右。\n",
            "000000",
            2022,
        ),
        (
            "新华社电 某某总理代表国务院在第十届全国人民代表大会第一次会议上作政府工作报告,"
            "提出今年城镇登记失业率控制在4.5%左右。\n",
            "000000",
            2003,
        ),
        # a county's report citing the national congress: its own review heading decides
        (
            "各位代表:\n现在,我代表县人民政府,向大会报告工作。\n一、2030年工作回顾\n"
            "全县深入贯彻十四届全国人大二次会议精神,运城市夏县生产总值增长6%。\n",
            "140828",
            2031,
        ),
    ],
    ids=["session line 15th/3rd", "news 13th/5th, past-year sentence", "10th/1st", "county citing it"],
)
def test_a_national_report_is_dated_by_its_congress_session(
    tmp_path: Path, text: str, district: str, year: int
) -> None:
    assert _parse(tmp_path, text)[1:] == (district, year)


@pytest.mark.parametrize(
    ("text", "years"),
    [
        # a report on the first half of a year reviews that half: its figures are of that year
        (
            "关于某县2031年国民经济与社会发展计划上半年执行情况的报告\n一、上半年计划执行情况\n"
            "上半年,全县生产总值完成60亿元,同比增长5%。\n",
            {2031},
        ),
        # a report on the whole year before reviews that year
        (
            "某县2030年国民经济与社会发展计划执行情况及2031年计划草案\n一、2030年计划执行情况\n"
            "全县生产总值完成120亿元,同比增长5%。\n",
            {2030},
        ),
    ],
    ids=["计划上半年执行情况", "2030年计划执行情况及2031年计划草案"],
)
def test_the_review_of_a_plan_report_is_of_the_period_it_reports_on(
    tmp_path: Path, text: str, years: set[int]
) -> None:
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    document = parse_source(read_source(path), district="341322")[0]
    assert document.year == 2031
    assert document.observations
    assert {found.observation.year for found in document.observations} == years
