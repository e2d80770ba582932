"""Progress tables and notices of other regions (our own invented tables and figures): column
roles from header words, tables of any column set (pipe or one cell per line), prose notices'
counts, and the schedule status words."""

from __future__ import annotations

from decimal import Decimal

import pytest

from govperf.documents.columns import column_role, header_roles
from govperf.documents.grid import parse_role_table
from govperf.documents.lines import PartText
from govperf.documents.notice import notice_totals
from govperf.documents.progress import parse_progress
from govperf.documents.recognize import title_period
from govperf.documents.status import task_status

ROLES = [
    ("序号", "seq"),
    ("市折子号", "ref"),
    ("责任单位", "owner"),
    ("牵头单位", "owner"),
    ("时间节点/年度目标", "target"),
    ("年度目标任务", "target"),
    ("年度 指标值", "target"),
    ("完成时限", "deadline"),
    ("进度安排", "target"),
    ("当前进度", "progress"),
    ("工作事项", "title"),
    ("目前进展情况", "progress"),
    ("完成情况", "progress"),
    ("实际完成值", "progress"),
    ("截至9月底完成", "progress"),
    ("累计完成", "progress"),
    ("项目/任务", "title"),
    ("完成情况/完成率", "rate"),
    ("完成率", "rate"),
    ("完成比例(%)", "rate"),
    ("是否完成", "status"),
    ("项目", "title"),
    ("重点任务", "title"),
    ("民生实事", "title"),
    ("三级指标", "title"),
    ("得分", "skip"),
    ("全面完成年度目标任务。", None),
    ("新增就业2000人", None),
]


@pytest.mark.parametrize(("header", "role"), ROLES, ids=[header for header, _ in ROLES])
def test_column_role_from_header_words(header: str, role: str | None) -> None:
    assert column_role(header) == role


HEADERS = [
    (["序号", "项目", "责任单位", "时间节点/年度目标", "进展情况", "完成情况"], True),
    (["民生实事", "目标任务", "完成率"], True),
    (["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"], True),
    (["序号", "项目", "责任单位"], False),  # no outcome column
    (["序号", "工作事项", "进度安排", "进展情况", "完成情况"], True),
    (["地区", "目标", "进度", "完成比例", "目标", "进度", "完成比例", "目标", "进度", "完成比例"], False),
    (["新建停车位800个", "已建成760个", "完成率95%"], False),
]


@pytest.mark.parametrize(("cells", "is_header"), HEADERS, ids=["|".join(c) for c, _ in HEADERS])
def test_header_row_of_a_progress_table(cells: list[str], is_header: bool) -> None:
    assert (header_roles(cells) is not None) is is_header


TABLES = [
    (  # 序号 | 项目 | 责任单位 | 时间节点/年度目标 | 进展情况 | 完成情况
        "某县2024年重点工作进展情况表\n"
        "序号 | 项目 | 责任单位 | 时间节点/年度目标 | 进展情况 | 完成情况 |\n"
        "1 | 城区停车场建设 | 县住建局 | 年底前新增停车位800个 | 已建成停车位760个 | 序时推进 |\n"
        "2 | 乡镇污水处理站 | 县生态环境分局 | 9月底前建成12座 | 已建成12座并投入运行 | 已完成 |\n"
        "3 | 农村公路提质 | 县交通运输局 | 完成提质改造60公里 | 完成改造18公里 | 进度滞后 |\n",
        [
            (1, "城区停车场建设", "年底前新增停车位800个", "已建成停车位760个", "on_track"),
            (2, "乡镇污水处理站", "9月底前建成12座", "已建成12座并投入运行", "done"),
            (3, "农村公路提质", "完成提质改造60公里", "完成改造18公里", "lagging"),
        ],
    ),
    (  # 民生实事 | 目标任务 | 截至9月底完成 | 完成率, tab-separated
        "某市十件民生实事进度表\n"
        "民生实事\t目标任务\t进展情况\t完成率\n"
        "新建公办幼儿园\t新建幼儿园6所\t建成4所\t66.7%\n"
        "老旧小区改造\t改造小区30个\t改造完成33个\t110%\n",
        [
            ("1", "新建公办幼儿园", "新建幼儿园6所", "建成4所", "on_track"),
            ("2", "老旧小区改造", "改造小区30个", "改造完成33个", "done"),
        ],
    ),
    (  # one cell per line, rows started by the next 序号
        "某区2023年为民办实事项目推进情况\n序号\n实事项目\n牵头单位\n年度目标\n进展情况\n"
        "1\n社区食堂建设\n区民政局\n建成社区食堂10家\n已建成7家,其余3家正在装修\n"
        "2\n公共充电桩\n区发改委\n新建充电桩500个\n已建成520个,全面完成\n",
        [
            (1, "社区食堂建设", "建成社区食堂10家", "已建成7家,其余3家正在装修", "on_track"),
            (2, "公共充电桩", "新建充电桩500个", "已建成520个,全面完成", "done"),
        ],
    ),
    (  # one cell per line, rows cut at the wider gaps, no 序号
        "某县民生工程完成情况表\n\n民生工程\n\n年度目标\n\n完成情况\n\n\n\n"
        "农村危房改造\n\n改造危房200户\n\n已改造180户,欠进度\n\n\n\n"
        "城乡供水一体化\n\n新增供水人口3万人\n\n新增供水人口3.2万人,已完成\n",
        [
            ("1", "农村危房改造", "改造危房200户", "已改造180户,欠进度", "lagging"),
            ("2", "城乡供水一体化", "新增供水人口3万人", "新增供水人口3.2万人,已完成", "done"),
        ],
    ),
    (  # a header split over two lines under a caption; merged leading 指标 cells
        "某中心2023年度绩效自评表\n绩效指标 |\n一级指标 | 二级指标 | 三级指标 | 年度指标值 |\n"
        "实际完成值 |\n分值 | 得分 |\n"
        "产出指标 | 数量指标 | 新建示范村数量 | 5个 | 5个 | 10 | 10 |\n"
        "改造户用厕所数量 | 1500户 | 1620户 | 10 | 10 |\n"
        "质量指标 | 验收合格率 | ≥95% | 98% | 5 | 5 |\n"
        "满意度指标 | 群众满意度 | ≥90% | 86% | 5 | 3 |\n"
        "闲置房屋数量 | ≤3处 | 2处 | 5 | 5 |\n",
        [
            (1, "新建示范村数量", "5个", "5个", "done"),
            (2, "改造户用厕所数量", "1500户", "1620户", "done"),
            (3, "验收合格率", "≥95%", "98%", "done"),
            (4, "群众满意度", "≥90%", "86%", "unknown"),
            (5, "闲置房屋数量", "≤3处", "2处", "done"),
        ],
    ),
    (  # 进度安排 is the target; the status word column (完成情况) outweighs 已完成 in the progress
        "某县2031年重点工作清单(一季度)\n序号 | 工作事项 | 进度安排 | 目前进展情况 | 完成情况 |\n"
        "1 | 建成文化中心 | 6月底前完成投资3000万元 | 已完成招标 | 达序推进 |\n"
        "2 | 新建充电桩200个 | 6月底前建成100个 | 已建成30个 | 慢序时 |\n",
        [
            (1, "建成文化中心", "6月底前完成投资3000万元", "已完成招标", "on_track"),
            (2, "新建充电桩200个", "6月底前建成100个", "已建成30个", "lagging"),
        ],
    ),
    (  # 当前进度 a share of the work: below 100% under way, 100% done
        "某县民生实事项目进度表\n序号 | 项目内容 | 年度目标 | 当前进度 | 牵头单位 |\n"
        "1 | 改造农村公路 | 60公里 | 85% | 县交通局 |\n2 | 新建公厕 | 20座 | 100% | 县住建局 |\n",
        [
            (1, "改造农村公路", "60公里", "85%", "on_track"),
            (2, "新建公厕", "20座", "100%", "done"),
        ],
    ),
]


TABLE_IDS = [
    "pipe-seq-owner-deadline",
    "tabs-rate",
    "one-cell-per-line-seq",
    "one-cell-per-line-gaps",
    "merged-indicators",
    "pipe-schedule-status-words",
    "pipe-current-share",
]


@pytest.mark.parametrize(("text", "rows"), TABLES, ids=TABLE_IDS)
def test_progress_table_of_any_column_set(text: str, rows: list[tuple[object, ...]]) -> None:
    read = parse_role_table(PartText(text), 2024)
    assert read is not None
    tasks, found = read
    got = [(t.seq_no, t.title, t.target_text, t.progress_text, t.status) for t in tasks]
    assert got == [(int(seq), *rest) for seq, *rest in rows]
    targets = {(f.task_index, f.observation.kind) for f in found}
    assert {(index, "target") for index in range(len(tasks))} <= targets


BEIJING_SHAPES = [
    "序号 | 绩效任务 | 年度目标 | 进展情况 |\n1 | 减量发展 | 拆除违法建设100万平方米 | 已拆除60万平方米 |\n"
    "腾退土地30公顷 | 已腾退12公顷 | |\n",
    "绩效任务 | 年度目标 | 上半年进展情况 |\n减量发展 | 拆除违法建设100万平方米 | 已拆除60万平方米 |\n"
    "生态环境 | 细颗粒物浓度控制在40微克/立方米 | 1-6月为42微克/立方米 |\n",
    "序号 | 市折子号 | 任务 | 目前进展情况 |\n1 | 12 | 新增就业2万人 | 已新增1.1万人 |\n"
    "2 | 15 | 新建绿地50公顷 | 已建成20公顷 |\n",
    "某区重点任务进展情况表\n序号 市折子号 任务 目前进展情况\n1 3 新增就业2万人。 已新增1.1万人。\n",
]


@pytest.mark.parametrize("text", BEIJING_SHAPES, ids=[text.split("\n")[0][:30] for text in BEIJING_SHAPES])
def test_beijing_shapes_are_left_to_their_own_reader(text: str) -> None:
    assert parse_role_table(PartText(text), 2021) is None


NOTICES = [
    (
        "列入本次督查的量化指标任务共40项。截至目前,达到序时进度31项、占比77.5%。"
        "未达到序时进度9项、占比22.5%,为新建幼儿园3所、新增企业60户。",
        {"tasks_total": 40, "tasks_lagging": 9},
    ),
    (
        "截至11月30日,50件民生实事已完成21件,完成率42%;已开工事项50件,开工率100%。",
        {"tasks_total": 50, "tasks_done": 21},
    ),
    (
        "今年明确120项目标任务,细化为200个具体工作内容。经核实,欠进度的有12个,占6%;超进度的有8个;"
        "已完成和提前完成30个;其它类10个;达进度的有140个。",
        {"tasks_total": 200, "tasks_done": 30, "tasks_lagging": 12},
    ),
    (
        "截至9月底,已提前完成年度目标任务的有2项,占20%;正常推进的有5项,占50%;推进缓慢的有3(甲、乙、丙),"
        "占30%。其中:某区有2(甲、乙)推进缓慢。",
        {"tasks_total": 10, "tasks_done": 2, "tasks_lagging": 3},
    ),
    (
        "全县20项民生实事中,常态化开展的有2项,其余18项中,截至9月底已完成12项。"
        "剩余6项中,3个养老机构已完成1个、10个幸福院已完成8个。",
        {"tasks_total": 20, "tasks_done": 12},
    ),
    ("扎实推进18件民生实事办理,取得较好成效。", {}),
    ("全年新建养老驿站15个,已全部投入使用。", {}),
]


@pytest.mark.parametrize(("text", "totals"), NOTICES, ids=[text[:30] for text, _ in NOTICES])
def test_progress_notice_counts(text: str, totals: dict[str, int]) -> None:
    assert notice_totals(PartText(f"某县民生实事进展情况的通报\n{text}\n")) == totals


STATUS = [
    ("达到序时进度", "on_track"),
    ("未达到序时进度", "lagging"),
    ("未达序时进度", "lagging"),
    ("欠进度", "lagging"),
    ("超进度", "on_track"),
    ("达进度", "on_track"),
    ("已完成和提前完成", "done"),
    ("正常推进", "on_track"),
    ("推进缓慢", "lagging"),
]


@pytest.mark.parametrize(("text", "status"), STATUS, ids=[text for text, _ in STATUS])
def test_schedule_status_words(text: str, status: str) -> None:
    assert task_status(text) == status


def test_notice_without_table_keeps_its_figures_and_counts() -> None:
    text = (
        "某市2022年上半年重点工作完成情况的通报\n"
        "上半年,全市地区生产总值完成450.2亿元,同比增长6.1%。\n"
        "列入督查的重点任务共30项,已完成8项,序时推进19项,滞后3项。\n"
    )
    tasks, found, totals = parse_progress(PartText(text), "key_task_progress_table", 2022, "H1")
    assert tasks == []
    assert totals == {"tasks_total": 30, "tasks_done": 8, "tasks_lagging": 3}
    assert Decimal("450.2") in {f.observation.value for f in found if f.observation.metric_code == "gdp"}


UNHEADED_ROWS = [
    # the second cell is the task unless it is a 折子号; an owner's cell is neither task nor progress
    (
        "3 | 新建口袋公园10个 | 区园林局 | 已建成6个,其余在施工 | 按时序推进 |",
        ("新建口袋公园10个", None, "on_track"),
    ),
    ("4 | 改造老旧小区20个 | 区住建委 | 已完成12个 | 进度滞后 |", ("改造老旧小区20个", None, "lagging")),
    ("5 | 12 | 新增就业2万人 | 已新增1.1万人 |", ("新增就业2万人", "12", "on_track")),
]


@pytest.mark.parametrize(("row", "task"), UNHEADED_ROWS, ids=[row for row, _ in UNHEADED_ROWS])
def test_a_table_row_without_header(row: str, task: tuple[str, str | None, str]) -> None:
    text = f"某区民生实事推进情况\n{row}\n{row.replace(row[0], '9', 1)}\n"
    tasks, _found, _totals = parse_progress(PartText(text), "key_task_progress_table", 2022, "H1")
    assert (tasks[0].title, tasks[0].ref_code, tasks[0].status) == task


PERIODS = [
    ("关于某县2022年10月份民生实事项目进展情况的通报", "1-10月"),
    ("某县9月份民生工程进展情况", "1-9月"),
    ("某市2023年6月份重点工作进展情况", "H1"),
    ("某区2021年1月10日政府工作报告", "year"),
    ("某区2021年3月份工作动态", "year"),
]


@pytest.mark.parametrize(("title", "period"), PERIODS, ids=[title for title, _ in PERIODS])
def test_progress_of_a_month_is_cumulative_to_its_end(title: str, period: str) -> None:
    assert title_period(title) == period
