"""A user alias (govperf alias add) also maps documents imported after it was added."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result
from sqlalchemy import text
from sqlalchemy.engine import URL, create_engine

from govperf.cli import cli
from govperf.db.config import libpq_url

# Invented figures; 夜间经济营业额 names no builtin metric.
REPORT = """延庆区2021年度绩效管理工作报告

2021年,延庆区围绕市政府绩效考评体系推进各项任务。全区夜间经济营业额12.5亿元,同比增长9%。
全区一般公共预算收入实现31.2亿元。
"""


def run(url: URL, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--database-url", libpq_url(url, show_password=True), *args])


def metric_of(url: URL, label_part: str) -> list[str | None]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            query = text("SELECT metric_code FROM v_observations WHERE label LIKE :p ORDER BY measure")
            return list(conn.scalars(query, {"p": f"%{label_part}%"}))
    finally:
        engine.dispose()


def write_report(folder: Path) -> Path:
    path = folder / "yanqing_2021.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


def test_an_alias_added_before_an_import_maps_the_new_documents(db_url: URL, tmp_path: Path) -> None:
    added = run(db_url, "alias", "add", "夜间经济营业额", "retail_sales")
    assert added.exit_code == 0, added.output
    imported = run(db_url, "import", "--silent", str(write_report(tmp_path)))
    assert imported.exit_code == 0, imported.output
    assert metric_of(db_url, "夜间经济营业额") == ["retail_sales", "retail_sales"]  # level and change_pct
    assert metric_of(db_url, "一般公共预算收入") == ["general_budget_revenue"]


def test_without_user_aliases_unknown_labels_stay_unmapped(db_url: URL, tmp_path: Path) -> None:
    imported = run(db_url, "import", "--silent", str(write_report(tmp_path)))
    assert imported.exit_code == 0, imported.output
    assert metric_of(db_url, "夜间经济营业额") == [None, None]
