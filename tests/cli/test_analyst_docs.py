"""docs/analysts.md cannot rot: every ```sql block of its example questions runs against the
fixture documents (tests/fixtures/analyst; questions on provinces against the invented 2026
provincial work reports of tests/fixtures/analyst_provinces) and returns the rows it expects."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import analyst_data as loaded
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL

from govperf.db import migrate
from govperf.load.importer import import_paths
from govperf.load.results import ImportOptions

analyst_url = loaded.analyst_url  # the fixture documents, imported once for this module
DOC = Path(__file__).resolve().parents[2] / "docs" / "analysts.md"
PROVINCES = Path(__file__).parents[1] / "fixtures" / "analyst_provinces"
Row = dict[str, Any]


@pytest.fixture(scope="module")
def province_url(pg_server: Any) -> Iterator[URL]:
    """A database at head with the invented 2026 provincial work reports imported (once)."""
    name = f"provinces_{uuid.uuid4().hex[:10]}"
    with loaded._admin(pg_server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = loaded.url_for(pg_server.host, pg_server.port, pg_server.user, name, pg_server.password)
    try:
        migrate.upgrade(url)
        engine = create_engine(url)
        report = import_paths(engine, [str(PROVINCES)], ImportOptions())
        engine.dispose()
        assert not report.failed, [f.error for f in report.failed]
        yield url
    finally:
        with loaded._admin(pg_server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def questions() -> dict[int, tuple[str, str]]:
    """Question number → (title, SQL) of every '### N. …' heading followed by a sql block."""
    found = re.findall(r"^### (\d+)\. (.+?)\n+```sql\n(.*?)```", DOC.read_text(encoding="utf-8"), re.M | re.S)
    return {int(number): (title, sql) for number, title, sql in found}


def pairs(rows: list[Row], *columns: str) -> list[tuple[Any, ...]]:
    return [tuple(row[c] for c in columns) for row in rows]


def check_pm25_ranking(rows: list[Row]) -> None:
    assert pairs(rows, "rank_in_year", "district_name", "value", "unit") == [
        (1, "延庆区", Decimal("31"), "微克/立方米"),
        (2, "怀柔区", Decimal("35"), "微克/立方米"),
        (3, "平谷区", Decimal("37"), "微克/立方米"),
    ]


def check_revenue_growth(rows: list[Row]) -> None:
    assert pairs(rows, "year", "growth_pct") == [(2018, Decimal("5")), (2019, Decimal("7.2"))]


def check_lagging(rows: list[Row]) -> None:
    assert all(r["tasks_lagging"] > 0 and r["completion_rate"] < 1 for r in rows)
    assert ("平谷区", "高质量发展", 1) in pairs(rows, "district_name", "category_name", "tasks_lagging")
    assert {r["district_name"] for r in rows if r["year"] == 2019} == {"怀柔区", "平谷区", "延庆区"}


def check_task_targets(rows: list[Row]) -> None:
    revenue = [r for r in rows if r["metric_code"] == "general_budget_revenue"]
    assert pairs(revenue, "kind", "measure", "value") == [
        ("target", "level", Decimal("40")),
        ("actual", "level", Decimal("21.3")),
        ("actual", "progress_pct", Decimal("53.3")),
    ]
    assert ("lagging", "land_vacated") in pairs(rows, "status", "metric_code")


def check_coverage_matrix(rows: list[Row]) -> None:
    assert len(rows) == 7
    assert ("平谷区", 2019, 1, 1, 0) in pairs(rows, "district_name", "year", *COVERAGE)
    assert ("延庆区", 2020, 0, 0, 1) in pairs(rows, "district_name", "year", *COVERAGE)


COVERAGE = ("self_reports", "task_tables", "work_reports")


def check_one_value_per_cell(rows: list[Row]) -> None:
    assert len(rows) == len({(r["district_name"], r["year"]) for r in rows}) == 7
    assert ("延庆区", 2020, "target", Decimal("30")) in pairs(rows, "district_name", "year", "kind", "value")
    assert {r["kind"] for r in rows if r["year"] < 2020} == {"actual"}


def check_targets_met(rows: list[Row]) -> None:
    assert pairs(rows, "district_name", "year", "target", "actual", "met") == [
        ("平谷区", 2019, Decimal("40"), Decimal("37"), True)
    ]


def check_above_median(rows: list[Row]) -> None:
    assert pairs(rows, "district_name", "growth_pct", "median_value") == [
        ("延庆区", Decimal("7.2"), Decimal("6"))
    ]


def check_completion_rate(rows: list[Row]) -> None:
    assert len(rows) == 6
    assert ("延庆区", 2018, 24, 24, Decimal("1")) in pairs(
        rows, "district_name", "year", "done", "total", "completion_rate"
    )
    assert all(0 < r["completion_rate"] <= 1 for r in rows)


def check_provenance(rows: list[Row]) -> None:
    found = {r["district_name"]: (r["value"], r["raw_value"], r["raw_unit"]) for r in rows}
    assert found["怀柔区"] == (Decimal("1400"), Decimal("2.1"), "万亩")
    assert found["平谷区"] == (Decimal("300"), Decimal("4500"), "亩")
    assert all("新增绿化面积" in r["snippet"] and r["source_name"].endswith(".txt") for r in rows)


def check_year_on_year(rows: list[Row]) -> None:
    assert pairs(rows, "district_name", "year", "change_from_last_year") == [
        ("平谷区", 2018, None),
        ("平谷区", 2019, Decimal("30")),
        ("延庆区", 2018, None),
        ("延庆区", 2019, Decimal("12")),
        ("怀柔区", 2018, None),
        ("怀柔区", 2019, Decimal("15")),
    ]


def check_estimates(rows: list[Row]) -> None:
    assert pairs(rows, "district_name", "year", "measure", "estimate", "actual") == [
        ("延庆区", 2019, "change_pct", Decimal("7.2"), Decimal("7.2")),
        ("延庆区", 2019, "level", Decimal("23.9"), Decimal("23.9")),
    ]


def check_metrics_reported(rows: list[Row]) -> None:
    counts = dict(pairs(rows, "district_name", "metrics"))
    assert counts == {"怀柔区": 10, "平谷区": 9, "延庆区": 9}
    assert all("pm25_concentration" in r["codes"] for r in rows)


def check_progress(rows: list[Row]) -> None:
    assert pairs(rows, "metric_name", "progress_pct", "period_label") == [
        ("一般公共预算收入", Decimal("53.3"), "上半年"),
        ("拆除违法建设", Decimal("46.5"), "上半年"),
    ]


def check_unmapped(rows: list[Row]) -> None:
    assert rows[0]["label"] == "新增城乡就业" and rows[0]["times"] == 2
    assert [r["times"] for r in rows] == sorted((r["times"] for r in rows), reverse=True)


def check_targets(rows: list[Row]) -> None:
    assert pairs(rows, "metric_name", "measure", "comparator", "value") == [
        ("PM2.5浓度", "level", "max", Decimal("30")),
        ("一般公共预算收入", "change_pct", "eq", Decimal("5")),
        ("地区生产总值", "change_pct", "approx", Decimal("6")),
    ]


def check_gdp_targets_above_five(rows: list[Row]) -> None:
    # 江西 aims at 5% 左右: not above 5
    assert pairs(rows, "district_name", "comparator", "gdp_growth_target_pct") == [
        ("甘肃省", "approx", Decimal("6")),
        ("浙江省", "approx", Decimal("5.5")),
    ]


def check_urban_rural_income(rows: list[Row]) -> None:
    assert pairs(rows, "district_name", "year", "urban_income", "rural_income", "urban_rural_ratio") == [
        ("甘肃省", 2025, Decimal("41500"), Decimal("14600"), Decimal("2.84")),
        ("江西省", 2025, Decimal("47800"), Decimal("23900"), Decimal("2.00")),
        ("浙江省", 2025, Decimal("71000"), Decimal("42000"), Decimal("1.69")),
    ]


PROVINCE_QUESTIONS = {17, 18}  # run on the provincial reports

CHECKS: dict[int, Callable[[list[Row]], None]] = {
    1: check_pm25_ranking,
    2: check_revenue_growth,
    3: check_lagging,
    4: check_task_targets,
    5: check_coverage_matrix,
    6: check_one_value_per_cell,
    7: check_targets_met,
    8: check_above_median,
    9: check_completion_rate,
    10: check_provenance,
    11: check_year_on_year,
    12: check_estimates,
    13: check_metrics_reported,
    14: check_progress,
    15: check_unmapped,
    16: check_targets,
    17: check_gdp_targets_above_five,
    18: check_urban_rural_income,
}


def test_the_doc_has_at_least_twelve_questions_each_with_a_check() -> None:
    found = questions()
    assert len(found) >= 12
    assert set(found) == set(CHECKS)


@pytest.mark.parametrize("number", sorted(CHECKS), ids=lambda n: f"{n}. {questions()[n][0]}")
def test_example_question_answers(request: pytest.FixtureRequest, number: int) -> None:
    _title, sql = questions()[number]
    engine = create_engine(database_of(request, number))
    with engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(text(sql))]
    engine.dispose()
    assert rows, "the question has an answer on the fixture documents"
    CHECKS[number](rows)


def database_of(request: pytest.FixtureRequest, number: int) -> URL:
    """The fixture database a question is asked of."""
    url: URL = request.getfixturevalue("province_url" if number in PROVINCE_QUESTIONS else "analyst_url")
    return url


def test_the_reader_role_can_run_every_question(request: pytest.FixtureRequest) -> None:
    for number, (_title, sql) in questions().items():
        engine = create_engine(database_of(request, number))
        with engine.connect() as conn:
            conn.execute(text("SET ROLE govperf_reader"))
            assert conn.execute(text(sql)).all(), number
        engine.dispose()


def test_provincial_cumulative_figure_and_growth_rank_are_not_compared(province_url: URL) -> None:
    """浙江's 累计 retail sales and its 增速居全国第五 are read (v_observations) but never compared;
    甘肃's retail sales of the year and 江西's 总量居全国第十五位 are."""
    engine = create_engine(province_url)
    with engine.connect() as conn:
        noted = conn.execute(
            text(
                "SELECT district_name, measure, split_part(notes[1], ':', 1) FROM v_observations"
                " WHERE cardinality(notes) > 0 AND metric_code IS NOT NULL ORDER BY observation_id"
            )
        ).all()
        compared = conn.execute(
            text(
                "SELECT district_name, metric_code, measure, value FROM v_metric_comparison"
                " WHERE year = 2025 AND metric_code IN ('retail_sales', 'gdp')"
                " AND measure IN ('level', 'rank')"
                " ORDER BY metric_code, district_name"
            )
        ).all()
    engine.dispose()
    assert [tuple(r) for r in noted] == [
        ("浙江省", "rank", "rank_of_change"),
        ("浙江省", "level", "cumulative"),
    ]
    assert [tuple(r) for r in compared] == [
        ("江西省", "gdp", "rank", Decimal("15")),
        ("甘肃省", "retail_sales", "level", Decimal("4300")),
    ]
