"""Recognition rules, one table of cases each: counts, status, periods, cruft, table splitting,
year cues, districts, parts, overrides and the data files' shape."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from govperf.data.regions import regions
from govperf.documents import GENRES, parse_source, read_source
from govperf.documents import data as document_data
from govperf.documents.govreport import infer_year
from govperf.documents.lines import PartText, is_cruft
from govperf.documents.narrative import _clause_counts
from govperf.documents.recognize import title_period
from govperf.documents.regionfind import find_region
from govperf.documents.status import task_status
from govperf.documents.tables import _task_progress_boundary, title_parts
from govperf.errors import ParseError
from govperf.extract.numerals import parse_count
from govperf.extract.periods import label_dates as period_dates
from govperf.text.normalize import is_traditional


@pytest.mark.parametrize(
    ("token", "value"), [("24", 24), ("两", 2), ("三", 3), ("十三", 13), ("二十四", 24), ("一百零五", 105)]
)
def test_parse_count(token: str, value: int) -> None:
    assert parse_count(token) == value


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("各项工作已完成,全部投入使用。", "done"),
        ("已全部整改到位。", "done"),
        ("目前正在开展招标工作。", "on_track"),
        ("预计能够完成年度任务。", "on_track"),
        ("持续推进老旧小区改造。", "on_track"),
        ("受拆迁影响,进度有所滞后。", "lagging"),
        ("达序推进", "on_track"),
        ("按时序推进", "on_track"),
        ("征地未谈妥,进度相对缓慢。", "lagging"),
        ("慢序时", "lagging"),
        ("另有4项未按进度完成。", "lagging"),
        ("按进度完成的有30项", "on_track"),
        ("召开专题会议一次。", "unknown"),
    ],
    ids=lambda value: value if isinstance(value, str) and len(value) > 8 else None,
)
def test_task_status(text: str, status: str) -> None:
    assert task_status(text) == status


@pytest.mark.parametrize(
    ("title", "period"),
    [
        ("2017年上半年市政府绩效任务进展情况汇总表", "H1"),
        ("2021年丰台区重点任务1-11月进展情况", "1-11月"),
        ("2020年前三季度绩效任务进展", "1-9月"),
        ("2019年1-6月进展情况表", "H1"),
        ("2018年度绩效管理工作自查报告", "year"),
        ("2022年重点任务前三季度进展情况表", "1-9月"),
        ("2021年第一季度绩效任务进展情况", "1-3月"),
        ("2021年一季度重点任务进展", "1-3月"),
        ("2020年1至10月重点任务进展情况", "1-10月"),
        ("2019年前10个月绩效任务进展情况", "1-10月"),
        ("截至8月底重点任务进展情况", "1-8月"),
        ("重点任务进展情况(截至2021年11月底)", "1-11月"),
        ("2023年前两季度绩效任务完成情况", "H1"),
        ("2021年下半年工作总结", "7-12月"),
        ("2022年1月至11月重点任务进展情况", "1-11月"),
        ("2022年1—10月绩效任务进展情况", "1-10月"),
        # a quarter in a progress title: the work to that quarter's end
        ("2031年县《政府工作报告》任务三季度完成情况的通报", "1-9月"),
        ("2031年重点工作第二季度落实情况", "H1"),
        ("2031年第二季度经济形势分析", "year"),
    ],
)
def test_title_period(title: str, period: str) -> None:
    assert title_period(title) == period


def test_period_dates() -> None:
    assert period_dates(2020, "1-11月") == (date(2020, 1, 1), date(2020, 11, 30))
    assert period_dates(2017, "H1") == (date(2017, 1, 1), date(2017, 6, 30))
    assert period_dates(2018, "year") == (date(2018, 1, 1), date(2018, 12, 31))
    assert period_dates(None, "year") == (None, None)


@pytest.mark.parametrize(
    ("line", "cruft"),
    [
        ("分享:", True),
        ("字号: 大 中 小", True),
        ("扫一扫在手机上打开当前页", True),
        ("日期:2020-03-05 来源:区政府办", True),
        ("主办:北京市顺义区人民政府 政府网站标识码:1101130001", True),
        ("京ICP备05060933号", True),
        ("您访问的链接即将离开“北京市丰台区人民政府”门户网站 是否继续?", True),
        ("某某网>>某省频道>>本网专稿", True),  # a breadcrumb
        ("要闻 > 全国两会 > 正文", True),
        ("全区一般公共预算收入完成83亿元。", False),
        ("优良率 > 80% > 上年", False),
        ("按责任分,主办件5件,协办件11件。", False),
    ],
)
def test_cruft_lines(line: str, cruft: bool) -> None:
    assert is_cruft(line) is cruft


@pytest.mark.parametrize(
    ("title", "parts"),
    [
        ("一般公共预算收入及支出", ["一般公共预算收入", "一般公共预算支出"]),
        ("能源消费总量和强度", ["能源消费总量", "能源消费强度"]),
        ("地区生产总值", ["地区生产总值"]),
    ],
)
def test_title_parts(title: str, parts: list[str]) -> None:
    assert title_parts(title) == parts


@pytest.mark.parametrize(
    ("rest", "task"),
    [
        ("推进垃圾分类工作。 正在组织 (征求意见稿)编制。", "推进垃圾分类工作。"),
        ("制定《管理办法 (修订)》配套措施。 已完成起草。", "制定《管理办法 (修订)》配套措施。"),
        ("开展“一网通办”改革。” 已上线运行。", "开展“一网通办”改革。”"),
        ("加强社区养老驿站建设 新建驿站15个。", "加强社区养老驿站建设"),
        # a numbered paragraph without spaces: its short heading sentence, then the progress
        (
            "项目建设提速。上半年新开工项目40个,完成投资36亿元,占年度计划52%,超序时进度2个百分点。",
            "项目建设提速。",
        ),
        ("新建城市公园3个,完成绿道建设20公里。", "新建城市公园3个,完成绿道建设20公里。"),
    ],
)
def test_key_table_task_progress_boundary(rest: str, task: str) -> None:
    assert rest[: _task_progress_boundary(rest)].strip() == task


def _report(review: str, tasks: str) -> PartText:
    return PartText(f"各位代表:\n一、20xx年工作回顾\n{review}\n二、20xx年主要任务\n{tasks}\n")


@pytest.mark.parametrize(
    ("review", "tasks", "year"),
    [
        ("20xx年是全面深化改革的第一年。", "做好各项工作。", 2015),
        ("全区各项工作稳步推进。", "20xx年是“十三五”规划的开局之年。", 2016),
        ("圆满完成国庆65周年服务保障。", "20xx年是全面推进依法治国的开局之年。", 2015),
        ("为“十二五”规划画上了圆满句号。", "做好各项工作。", 2016),
        ("全区各项工作稳步推进。", "做好各项工作。", None),
        ("20xx年是全面深化改革的第一年。", "20xx年是“十三五”规划的开局之年。", None),  # tie: never guess
    ],
)
def test_masked_year_is_voted_from_cues(review: str, tasks: str, year: int | None) -> None:
    assert infer_year(_report(review, tasks)) == year


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("2017年上半年市政府绩效任务进展情况汇总表(西城区 )\n表格内容\n", "110102"),
        ("关于年度绩效工作的报告\n我区完成任务。\n主办:北京市昌平区人民政府\n", "110114"),
        ("关于年度绩效工作的报告\n我区完成任务。\n政府网站标识码:1101190001\n", "110119"),
        ("关于年度绩效工作的报告\n我区完成任务。\n", None),
        # a two-character county name heading a line before its organ's name
        ("关于上半年工作的通报\n和县人民政府督查室\n各单位:\n", "340523"),
        ("关于上半年工作的通报\n创建国家级示范县人民政府牵头\n", None),
        ("民生实事进展情况\n1 | 新建幼儿园2所 | 县公安局 | 已完成\n", None),  # 公安 the police, not 公安县
    ],
)
def test_district_detection(text: str, code: str | None) -> None:
    part = PartText(text)
    lines = [line.text for line in part.lines]
    assert find_region(part.content_lines[0].text, lines, part.text).code == code


def test_traditional_detection() -> None:
    assert is_traditional("東城區政府工作報告,區級一般公共預算收入完成98.37億元")
    assert not is_traditional("东城区政府工作报告,高效能管理方面任务已全部完成")


def _source(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_unknown_genre_and_district_raise_parse_error_with_the_override_hint(tmp_path: Path) -> None:
    source = read_source(_source(tmp_path, "一份说明\n这里没有可以识别的内容。\n"))
    with pytest.raises(ParseError, match=r"genre.*--genre"):
        parse_source(source)
    with pytest.raises(ParseError, match=r"names no region; give it with --district"):
        parse_source(source, genre="perf_work_report")
    documents = parse_source(source, genre="perf_work_report", district="110108", year=2020)
    assert (documents[0].district_code, documents[0].year, documents[0].year_source) == (
        "110108",
        2020,
        "given",
    )


def test_unknown_genre_code_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="unknown genre"):
        parse_source(read_source(_source(tmp_path, "文字\n")), genre="novel")


def test_parts_from_pian_markers(tmp_path: Path) -> None:
    text = (
        "海淀区政府工作报告\n篇1\n各位代表:\n2015年工作回顾\n内容一。\n"
        "篇2\n各位代表:\n2014年工作回顾\n内容二。\n"
    )
    documents = parse_source(read_source(_source(tmp_path, text)))
    assert [(doc.part, doc.year, doc.year_source) for doc in documents] == [
        (1, 2016, "stated"),
        (2, 2015, "stated"),
    ]
    assert documents[1].text.startswith("篇2")


def test_data_files_have_the_expected_shape() -> None:
    codes = {cues.code for cues in document_data.genre_cues()}
    assert codes == set(GENRES)
    for cues in document_data.genre_cues():
        assert cues.title and all(cue.weight > 0 for cue in (*cues.title, *cues.structure))
    assert document_data.cruft_patterns()
    years = [cue.year for cue in document_data.year_cues()]
    assert years and all(1990 <= year <= 2100 for year in years)
    assert document_data.session_pattern().groupindex.keys() == {"term", "session"}
    assert {region.code for region in regions()} >= {"110101", "110102", "110112"}


@pytest.mark.parametrize(
    ("clause", "counts"),
    [
        ("方面,17项任务均已完成或预计能够完成;", (17, 17, 0)),
        ("方面,38项任务中,37项已完成或预计能够完成,1项进度稍有滞后;", (38, 37, 1)),
        ("方面,两项任务均全部完成;", (2, 2, 0)),
        ("方面共24项任务,已完成22项,2项滞后", (24, 22, 2)),
        ("方面共10项任务,1项滞后,其余均已完成", (10, 9, 1)),
        ("类任务共承担18项,均已完成", (18, 18, 0)),
        ("方面,共有12项任务,目前进展顺利", (12, None, 0)),
    ],
)
def test_summary_clause_counts(clause: str, counts: tuple[int, int | None, int]) -> None:
    got = _clause_counts(clause)
    assert (got.total, got.done, got.lagging) == counts
