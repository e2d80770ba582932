"""One alias matcher: a label maps to the same metric through the extractor, through an import
after ``alias add`` and through ``alias add`` after an import (govperf.data.aliasmatch).

Before the matcher was shared, the SQL behind ``alias add|apply`` took the longest alias a label
contains without the extractor's tail-stop check: it moved 夜间经济营业额占比 (a share) to the
metric of the amount, and kept 一般公共预算收入完成率 on the longer builtin alias that the
extractor rejects, so the user's alias never won.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import text
from sqlalchemy.engine import URL, create_engine

from govperf.cli import cli
from govperf.data.aliasmatch import (
    Alias,
    AliasMatcher,
    builtin_aliases,
    builtin_exclusions,
    builtin_matcher,
    tail_stop_words,
    whole_labels,
)
from govperf.db.aliases import matcher
from govperf.db.config import libpq_url
from govperf.extract.metrics import map_label

# The user aliases of the cases (invented; 夜间经济营业额 names no builtin metric).
USER_ALIASES = {"夜间经济营业额": "retail_sales", "预算收入完成率": "total_fiscal_revenue"}
# (label the document yields, the metric it maps to once the user aliases exist)
CASES = [
    ("夜间经济营业额", "retail_sales"),  # the user's alias, whole
    ("夜间经济营业额占比", None),  # 占比 after the alias: a share, not the amount
    ("夜间经济营业额完成率", None),  # 完成率: a rate of the amount
    ("夜间经济营业额等指标", None),  # 等…指标: several indicators
    ("一般公共预算收入完成率", "total_fiscal_revenue"),  # the longer builtin alias is cut by 完成率
    ("一般公共预算收入", "general_budget_revenue"),  # a builtin alias, untouched
]
# Invented figures; each line yields one label of CASES, in order.
REPORT = """延庆区2021年度绩效管理工作报告

2021年,延庆区围绕市政府绩效考评体系推进各项任务。
全区夜间经济营业额12.5亿元。
夜间经济营业额占比达到15.2%。
夜间经济营业额完成率为96%。
夜间经济营业额等指标增长8%。
全区一般公共预算收入完成率为98.5%。
全区一般公共预算收入实现31.2亿元。
"""


def with_user_aliases() -> AliasMatcher:
    users = [Alias(alias, code, user=True) for alias, code in USER_ALIASES.items()]
    return AliasMatcher([*builtin_aliases(), *users], builtin_exclusions(), tail_stop_words(), whole_labels())


@pytest.mark.parametrize(("label", "expected"), CASES, ids=[label for label, _ in CASES])
def test_the_matcher_with_user_aliases_maps_the_label(label: str, expected: str | None) -> None:
    assert with_user_aliases().metric_of(label) == expected


@pytest.mark.parametrize(("label", "_expected"), CASES, ids=[label for label, _ in CASES])
def test_the_extractor_maps_by_the_same_matcher(label: str, _expected: str | None) -> None:
    assert map_label(label) == builtin_matcher().metric_of(label)


def run(url: URL, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--database-url", libpq_url(url, show_password=True), *args])


def add_aliases(url: URL) -> None:
    for alias, code in USER_ALIASES.items():
        result = run(url, "alias", "add", alias, code)
        assert result.exit_code == 0, result.output


def import_report(url: URL, folder: Path) -> None:
    path = folder / "yanqing_2021.txt"
    path.write_text(REPORT, encoding="utf-8")
    result = run(url, "import", "--silent", str(path))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("order", ["alias add, then import", "import, then alias add"])
def test_import_and_alias_add_map_each_label_alike(db_url: URL, tmp_path: Path, order: str) -> None:
    if order.startswith("alias"):
        add_aliases(db_url)
        import_report(db_url, tmp_path)
    else:
        import_report(db_url, tmp_path)
        add_aliases(db_url)
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            stored = dict(conn.execute(text("SELECT label, metric_code FROM observations ORDER BY id")).all())
            in_database = matcher(conn)
    finally:
        engine.dispose()
    assert stored == dict(CASES)
    assert {label: in_database.metric_of(label) for label in stored} == dict(CASES)
