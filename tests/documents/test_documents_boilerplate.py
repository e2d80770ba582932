"""Web boilerplate: the phrase is cut, not the line around it; spans still point into the original
text; the characters cut are counted per document; a document kept with nothing found says so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import text
from sqlalchemy.engine import URL, Engine

from govperf.cli import cli
from govperf.db.config import libpq_url
from govperf.documents import ParsedDocument, parse_source, read_source
from govperf.documents.lines import PartText

FIXTURES = Path(__file__).parents[1] / "fixtures" / "documents"
SELF_REPORT = FIXTURES / "haidian_2019_self_report.txt"

# (line, the pieces extraction sees)
PIECES = [
    ("共计27项任务(扫一扫查看详情)", ["共计27项任务"]),
    ("共计27项任务（扫一扫查看详情）其中已完成25项", ["共计27项任务", "其中已完成25项"]),
    ("【扫一扫 分享】全年新增就业2.3万人", ["全年新增就业2.3万人"]),
    ("手机扫一扫在手机上打开当前页 全年新增就业2.3万人", ["全年新增就业2.3万人"]),
    ("日期:2020-03-05 09:30 来源:区政府办 收入完成445亿元", ["收入完成445亿元"]),
    ("发布时间：2020年12月24日 浏览次数:37 字号:大 中 小", []),
    ("收入完成445亿元 京ICP备12345678号-1", ["收入完成445亿元"]),
    ("主办:某某区人民政府 承办:某某区政务服务局 政府网站标识码:1101990001 京公网安备 11019902000001号", []),
    ("某区位于城区东部,下面是小编整理的报告,欢迎阅读!", ["某区位于城区东部,"]),
    ("您访问的链接即将离开“某某区人民政府”门户网站 是否继续?", []),
    ("分享:", []),
    ("打印本页", []),
    ("当前位置:首页 > 政务公开 > 规划计划", []),
    ("资金来源:区级财政300万元", ["资金来源:区级财政300万元"]),
    ("按责任分,主办件5件,协办件11件。", ["按责任分,主办件5件,协办件11件。"]),
    ("全年办理时间:平均3个工作日", ["全年办理时间:平均3个工作日"]),
    ("发表时间:2024-06-18 10:05 信息来源:督查办 作者:某某 初审:某某 复审:某某", []),
    ("2021-04-07 11:20 市民生办 [字号: ] 打印", ["2021-04-07 11:20 市民生办"]),
    ("分享: 打印 关闭", []),
    ("全区完成打印", ["全区完成打印"]),
    ("/ |", ["/ |"]),  # no phrase cut: the line stays as it is, however little it holds
]


@pytest.mark.parametrize(("line", "kept"), PIECES, ids=[case[0] for case in PIECES])
def test_a_boilerplate_phrase_is_cut_and_the_rest_of_its_line_kept(line: str, kept: list[str]) -> None:
    part = PartText(f"标题行\n{line}\n")
    pieces = [piece.text for piece in part.content_lines[1:]]
    assert pieces == kept
    assert part.lines[1].cruft is (not kept)  # a line with nothing left is cruft as a whole
    for piece in part.content_lines:  # every piece is a slice of the normalised text
        assert part.text[piece.start : piece.end] == piece.text


# How the report's overview line (it holds the counts per category) is dressed: {} is the line.
DRESSINGS = [
    "{}（扫一扫查看详情）",
    "【扫一扫 分享】{}",
    "{} 京ICP备12345678号-1 京公网安备 11019902000001号",
    "日期:2019-12-30 来源:区政府办 {}",
    "{}（扫一扫查看详情）{}",
]


def _parse(path: Path) -> ParsedDocument:
    (document,) = parse_source(read_source(path))
    return document


def _found(document: ParsedDocument) -> list[tuple[str, str, str]]:
    """(metric, value, the original text under the span) of every observation."""
    return [
        (
            str(parsed.observation.metric_code),
            str(parsed.observation.value),
            document.text[parsed.observation.span_start : parsed.observation.span_end],
        )
        for parsed in document.observations
    ]


@pytest.mark.parametrize("dressing", DRESSINGS)
def test_a_dressed_line_keeps_its_observations_and_exact_spans(tmp_path: Path, dressing: str) -> None:
    lines = SELF_REPORT.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if "共计70项任务" in line)
    if dressing.count("{}") == 2:  # the prompt after the line's first sentence
        head, stop, tail = lines[index].partition("。")
        lines[index] = dressing.format(head + stop, tail)
    else:
        lines[index] = dressing.format(lines[index])
    dressed = tmp_path / "dressed.txt"
    dressed.write_text("\n".join(lines), encoding="utf-8")

    clean, cut = _parse(SELF_REPORT), _parse(dressed)

    assert _found(cut) == _found(clean)
    assert [c.category_code for c in cut.category_results] == [
        c.category_code for c in clean.category_results
    ]
    assert cut.boilerplate_chars - clean.boilerplate_chars == len(dressing) - 2 * dressing.count("{}")


def test_a_one_line_body_with_a_prompt_still_gives_its_observations(tmp_path: Path) -> None:
    """The audit's case: the whole body on one line that also holds 扫一扫."""
    body = "全区一般公共预算收入完成445亿元,同比增长3.5%,新增城乡就业2.3万人。（扫一扫在手机打开当前页）"
    path = tmp_path / "one.txt"
    path.write_text(f"海淀区2019年度绩效管理工作报告\n{body}\n", encoding="utf-8")
    (document,) = parse_source(read_source(path), genre="perf_work_report")
    assert [value for _, value, _ in _found(document)] == ["445", "3.5", "2.3"]
    assert document.boilerplate_chars == len("（扫一扫在手机打开当前页）")
    assert not any("no observations" in warning for warning in document.warnings)


def test_parse_json_reports_the_characters_cut(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text(
        SELF_REPORT.read_text(encoding="utf-8") + "\n分享:\n扫一扫在手机打开当前页\n京ICP备12345678号\n",
        encoding="utf-8",
    )
    clean = CliRunner().invoke(cli, ["parse", "--json", str(SELF_REPORT)])
    result = CliRunner().invoke(cli, ["parse", "--json", str(path)])
    assert result.exit_code == 0, result.output
    before = json.loads(clean.output)["documents"][0]["boilerplate_chars"]
    after = json.loads(result.output)["documents"][0]["boilerplate_chars"]
    assert after - before == len("分享:") + len("扫一扫在手机打开当前页") + len("京ICP备12345678号")


NOTHING = "海淀区今日天气\n今天海淀区天气晴朗,市民纷纷前往公园散步。（扫一扫查看详情）\n"


def test_a_document_with_nothing_found_is_imported_with_a_warning(
    db_url: URL, db_engine: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "weather.txt"
    path.write_text(NOTHING, encoding="utf-8")
    argv = ["--database-url", libpq_url(db_url, show_password=True), "import", "--silent"]
    assert CliRunner().invoke(cli, [*argv, str(SELF_REPORT)]).stderr == ""
    result = CliRunner().invoke(cli, [*argv, "--genre", "perf_work_report", str(path)])
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.strip()]
    expected = (
        f"no observations or tasks found in {len(NOTHING)} characters of text (9 cut as web boilerplate)"
    )
    assert warnings == [f"warning: {path}: part 1: {expected}"]
    with db_engine.connect() as conn:
        stored = dict(conn.execute(text("SELECT source_name, warnings FROM documents")).all())
    assert expected in stored["weather.txt"]
    assert not any("no observations" in warning for warning in stored[SELF_REPORT.name])
