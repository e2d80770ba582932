"""v_target_attainment and v_target_cascade on our own invented documents, row by row.

tests/fixtures/national: the nation's 2025 and 2026 work reports.  tests/fixtures/targets: 安徽省
and 福建省 (provinces, 2025 and 2026 work reports) and two counties of 安徽: 歙县 (2025 and 2026
work reports, a 2025 self-report whose actual replaces the work report's 预计) and 黟县 (2025 and
2026 work reports).  Every comparator, a range, a target with no actual, a partial-year actual, a
goal of a later year (到2026年 in 歙县 2025, 到2030年 in 安徽 2026) and an estimate later
superseded by an actual.  The expected rows are worked out by hand from the texts; the questions
of docs/analysts.md on targets (T1–T3) run here too.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import analyst_data as loaded
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, Engine

from govperf.db.views import READER_ROLE

FIXTURES = Path(__file__).parents[1] / "fixtures"
DOCUMENTS = [FIXTURES / "national", FIXTURES / "targets"]
TARGET_VIEWS = ("v_target_attainment", "v_target_cascade")
NATION, ANHUI, SHEXIAN = "000000", "340000", "341021"


targets_url = loaded.targets_url


@pytest.fixture(scope="module")
def targets_engine(targets_url: URL) -> Iterator[Engine]:
    engine = create_engine(targets_url)
    yield engine
    engine.dispose()


def rows(engine: Engine, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql), params)]


def rows_of(table: str, *, numbers: Collection[int]) -> list[tuple[Any, ...]]:
    """Rows written one a line, columns apart by spaces (# comments skipped): - is NULL, T / F are
    true / false, the columns at ``numbers`` are numbers."""
    found = []
    for line in table.strip().splitlines():
        if line.strip().startswith("#"):
            continue
        cells: list[Any] = [{"-": None, "T": True, "F": False}.get(cell, cell) for cell in line.split()]
        found.append(
            tuple(Decimal(c) if i in numbers and isinstance(c, str) else c for i, c in enumerate(cells))
        )
    return found


# region, metric, measure, breakdown, year, comparator, target, target_max, actual, actual_kind, met, gap
ATTAINMENT = rows_of(
    """
    # the nation: 2025 targets (2025 report) met or missed by the 2026 report's review
    000000 cpi                          change_pct total 2025 approx 2     -   0.1   actual   F -1.9
    000000 energy_intensity             change_pct total 2025 approx -2.5  -   -2.8  actual   F 0.3
    000000 gdp                          change_pct total 2025 approx 5     -   5.1   actual   T 0.1
    000000 grain_output                 level      total 2025 min    69000 -   68000 actual   F -1000
    000000 new_jobs                     level      total 2025 min    1150  -   1210  actual   T 60
    000000 surveyed_unemployment_rate   level      total 2025 max    5.6   -   5.3   actual   T 0.3
    # 2026: no actual yet
    000000 cpi                          change_pct total 2026 approx 2     -   -     -        - -
    000000 energy_intensity             change_pct total 2026 approx -2    -   -     -        - -
    000000 gdp                          change_pct total 2026 eq     4.5   5   -     -        - -
    000000 grain_output                 level      total 2026 approx 70000 -   -     -        - -
    000000 new_jobs                     level      total 2026 min    1200  -   -     -        - -
    000000 surveyed_unemployment_rate   level      total 2026 approx 5.5   -   -     -        - -
    # 安徽: urban and rural apart; 5.5%左右 needs 5.45 ≤ x < 5.55; a 预计 when nothing better exists
    340000 disposable_income_per_capita change_pct rural 2025 eq     6.5   -   6.6   actual   F 0.1
    340000 disposable_income_per_capita change_pct urban 2025 eq     5     -   4.8   actual   F -0.2
    340000 gdp                          change_pct total 2025 approx 5.5   -   5.3   estimate F -0.2
    340000 general_budget_revenue       change_pct total 2025 eq     4     -   4     estimate T 0
    340000 grain_output                 level      total 2025 min    4150  -   4100  actual   F -50
    340000 industrial_value_added       change_pct total 2025 eq     6     7   7.4   actual   F 0.4
    340000 surveyed_unemployment_rate   level      total 2025 max    5.5   -   5.1   estimate T 0.4
    340000 gdp                          change_pct total 2026 approx 5.5   -   -     -        - -
    340000 general_budget_revenue       change_pct total 2026 eq     3.5   -   -     -        - -
    340000 grain_output                 level      total 2026 min    4175  -   -     -        - -
    340000 surveyed_unemployment_rate   level      total 2026 approx 5.5   -   -     -        - -
    340000 urbanization_rate            level      total 2030 eq     66    -   -     -        - -
    # 歙县: the self-report's actual 5.9 replaces the work report's 预计 6.2; a 1-11月 figure neither
    # meets nor misses; the 2026 report's 81.5 以上 replaces the 2025 report's goal 到2026年…82%
    341021 gdp                          change_pct total 2025 approx 6.5   -   5.9   actual   F -0.6
    341021 general_budget_revenue       change_pct total 2025 eq     5     -   5     actual   T 0
    341021 industrial_value_added       change_pct total 2025 eq     8     -   7.5   actual   - -
    341021 registered_unemployment_rate level      total 2025 max    3.5   -   2.9   actual   T 0.6
    341021 forest_coverage              level      total 2026 min    81.5  -   -     -        - -
    341021 gdp                          change_pct total 2026 approx 6     -   -     -        - -
    341021 general_budget_revenue       change_pct total 2026 eq     5     -   -     -        - -
    # 黟县: a range met inside it (gap 0); 1500人 → 0.15万人; a target no review mentions
    341023 gdp                          change_pct total 2025 eq     6     6.5 6.3   actual   T 0
    341023 general_budget_revenue       change_pct total 2025 eq     6     -   -     -        - -
    341023 new_jobs                     level      total 2025 min    0.15  -   0.142 actual   F -0.008
    341023 registered_unemployment_rate level      total 2025 max    3     -   3.2   actual   F -0.2
    341023 gdp                          change_pct total 2026 approx 7     -   -     -        - -
    # 福建: 5%左右 met by 5.2
    350000 gdp                          change_pct total 2025 approx 5     -   5.2   actual   T 0.2
    350000 gdp                          change_pct total 2026 approx 5     -   -     -        - -
    """,
    numbers={4, 6, 7, 8, 11},
)


def test_attainment_has_exactly_the_rows_worked_out_by_hand(targets_engine: Engine) -> None:
    found = rows(
        targets_engine,
        "SELECT region_code, metric_code, measure, breakdown, year, target_comparator, target_value,"
        " target_value_max, actual_value, actual_kind, met, gap FROM v_target_attainment"
        " ORDER BY region_code, year, metric_code, measure, breakdown",
    )
    assert found == ATTAINMENT


# region, parent, metric, measure, year, target, parent target, national target, excess over
# parent, over the nation.  A range is compared by its ambitious end (4.5%—5% GDP growth by 5).
CASCADE = rows_of(
    """
    000000 -      cpi                          change_pct 2025 2     -     2     -        0
    000000 -      energy_intensity             change_pct 2025 -2.5  -     -2.5  -        0
    000000 -      gdp                          change_pct 2025 5     -     5     -        0
    000000 -      grain_output                 level      2025 69000 -     69000 -        0
    000000 -      new_jobs                     level      2025 1150  -     1150  -        0
    000000 -      surveyed_unemployment_rate   level      2025 5.6   -     5.6   -        0
    000000 -      cpi                          change_pct 2026 2     -     2     -        0
    000000 -      energy_intensity             change_pct 2026 -2    -     -2    -        0
    000000 -      gdp                          change_pct 2026 4.5   -     4.5   -        0
    000000 -      grain_output                 level      2026 70000 -     70000 -        0
    000000 -      new_jobs                     level      2026 1200  -     1200  -        0
    000000 -      surveyed_unemployment_rate   level      2026 5.5   -     5.5   -        0
    # income: rural, then urban
    340000 -      disposable_income_per_capita change_pct 2025 6.5   -     -     -        -
    340000 -      disposable_income_per_capita change_pct 2025 5     -     -     -        -
    340000 000000 gdp                          change_pct 2025 5.5   5     5     0.5      0.5
    340000 -      general_budget_revenue       change_pct 2025 4     -     -     -        -
    340000 000000 grain_output                 level      2025 4150  69000 69000 -64850   -64850
    340000 -      industrial_value_added       change_pct 2025 6     -     -     -        -
    # lower is better: a ceiling of 5.5 is more ambitious than the nation's 5.6
    340000 000000 surveyed_unemployment_rate   level      2025 5.5   5.6   5.6   0.1      0.1
    # 5.5%左右 against the nation's 4.5%—5%: 0.5 above the range's upper end
    340000 000000 gdp                          change_pct 2026 5.5   4.5   4.5   0.5      0.5
    340000 -      general_budget_revenue       change_pct 2026 3.5   -     -     -        -
    340000 000000 grain_output                 level      2026 4175  70000 70000 -65825   -65825
    340000 000000 surveyed_unemployment_rate   level      2026 5.5   5.5   5.5   0        0
    340000 -      urbanization_rate            level      2030 66    -     -     -        -
    # the counties' prefecture (黄山市) set no target: their nearest higher government is 安徽
    341021 340000 gdp                          change_pct 2025 6.5   5.5   5     1        1.5
    341021 340000 general_budget_revenue       change_pct 2025 5     4     -     1        -
    341021 340000 industrial_value_added       change_pct 2025 8     6     -     1        -
    341021 -      registered_unemployment_rate level      2025 3.5   -     -     -        -
    341021 -      forest_coverage              level      2026 81.5  -     -     -        -
    341021 340000 gdp                          change_pct 2026 6     5.5   4.5   0.5      1
    341021 340000 general_budget_revenue       change_pct 2026 5     3.5   -     1.5      -
    # a range 6%—6.5% compares by 6.5
    341023 340000 gdp                          change_pct 2025 6     5.5   5     1        1.5
    341023 340000 general_budget_revenue       change_pct 2025 6     4     -     2        -
    341023 000000 new_jobs                     level      2025 0.15  1150  1150  -1149.85 -1149.85
    341023 -      registered_unemployment_rate level      2025 3     -     -     -        -
    341023 340000 gdp                          change_pct 2026 7     5.5   4.5   1.5      2
    # 5%左右 is level with the upper end of the nation's 4.5%—5%: not above it
    350000 000000 gdp                          change_pct 2025 5     5     5     0        0
    350000 000000 gdp                          change_pct 2026 5     4.5   4.5   0        0
    """,
    numbers=range(4, 10),
)


def test_cascade_has_exactly_the_rows_worked_out_by_hand(targets_engine: Engine) -> None:
    found = rows(
        targets_engine,
        "SELECT region_code, parent_code, metric_code, measure, year, target_value, parent_target_value,"
        " national_target_value, excess_over_parent, excess_over_national FROM v_target_cascade"
        " ORDER BY region_code, year, metric_code, measure, breakdown",
    )
    assert found == CASCADE


def test_the_nation_and_anhui_gdp_ranges_keep_their_upper_bound(targets_engine: Engine) -> None:
    found = rows(
        targets_engine,
        "SELECT region_code, year, target_value_max, parent_target_value_max, national_target_value_max"
        " FROM v_target_cascade WHERE metric_code = 'gdp' AND region_code IN ('000000', '340000')"
        " ORDER BY region_code, year",
    )
    assert found == [
        (NATION, 2025, None, None, None),
        (NATION, 2026, Decimal("5"), None, Decimal("5")),
        (ANHUI, 2025, None, None, None),
        (ANHUI, 2026, None, Decimal("5"), Decimal("5")),
    ]


def test_the_actual_and_target_come_from_the_documents_the_rules_name(targets_engine: Engine) -> None:
    """歙县 2025 GDP: the self-report's actual, not the work report's 预计; 歙县 2026 forest cover:
    the 2026 report's target, not the 2025 report's goal; 歙县 industry: the 1-11月 figure."""
    found = rows(
        targets_engine,
        "SELECT a.metric_code, a.year, ta.genre, ta.document_year, ac.genre, ac.kind, a.actual_is_annual,"
        " a.actual_period_label, a.year_start FROM v_target_attainment a"
        " JOIN v_observations ta ON ta.observation_id = a.target_observation_id"
        " LEFT JOIN v_observations ac ON ac.observation_id = a.actual_observation_id"
        " WHERE a.region_code = :r ORDER BY a.year, a.metric_code",
        r=SHEXIAN,
    )
    work, self_report = "gov_work_report", "perf_self_report"
    assert [r[:8] for r in found] == [
        ("gdp", 2025, work, 2025, self_report, "actual", True, None),
        ("general_budget_revenue", 2025, work, 2025, work, "actual", True, "全年"),
        ("industrial_value_added", 2025, work, 2025, work, "actual", False, "1-11月"),
        ("registered_unemployment_rate", 2025, work, 2025, work, "actual", True, None),
        ("forest_coverage", 2026, work, 2026, None, None, None, None),
        ("gdp", 2026, work, 2026, None, None, None, None),
        ("general_budget_revenue", 2026, work, 2026, None, None, None, None),
    ]
    assert {(r[1], r[8].isoformat()) for r in found} == {(2025, "2025-01-01"), (2026, "2026-01-01")}
    estimates = rows(
        targets_engine,
        "SELECT value FROM v_observations WHERE district_code = :r AND metric_code = 'gdp'"
        " AND year = 2025 AND kind = 'estimate'",
        r=SHEXIAN,
    )
    assert estimates == [(Decimal("6.2"),)]  # stored, but superseded


def test_a_target_without_a_number_never_appears(targets_engine: Engine) -> None:
    """居民收入增长和经济增长基本同步 (national 2025) states a target with no number: no row."""
    found = rows(
        targets_engine,
        "SELECT count(*) FROM v_target_attainment WHERE metric_code = 'disposable_income_per_capita'"
        " AND region_code = '000000'",
    )
    assert found == [(0,)]


@pytest.mark.parametrize("view", TARGET_VIEWS)
def test_the_view_comment_states_every_rule(targets_engine: Engine, view: str) -> None:
    comment = rows(targets_engine, "SELECT obj_description(CAST(:v AS regclass), 'pg_class')", v=view)[0][0]
    rules = {
        "v_target_attainment": [
            "主要预期目标",
            "年度目标",
            "到2030年",
            "latest document",
            "actual over estimate",
            "whole-year figure over a partial one",
            "4.5 ≤ x < 5.5",
            "raw_value",
            "min (以上",
            "max (以内",
            "eq — actual = target",
            "range",
            "nearest bound",
            "never appears",
        ],
        "v_target_cascade": [
            "nearest higher government",
            "national",
            "ambitious end",
            "upper bound",
            "negated when lower is better",
            "层层加码",
        ],
    }[view]
    assert [rule for rule in rules if rule not in comment] == []


@pytest.mark.parametrize("view", TARGET_VIEWS)
def test_the_reader_role_reads_the_view_as_its_owner_does(targets_engine: Engine, view: str) -> None:
    with targets_engine.connect() as conn:
        owner = sorted(map(repr, conn.execute(text(f"SELECT * FROM {view}"))))
        conn.execute(text(f"SET ROLE {READER_ROLE}"))
        reader = sorted(map(repr, conn.execute(text(f"SELECT * FROM {view}"))))
        conn.rollback()
    assert reader == owner and len(owner) == 38


DOC = Path(__file__).resolve().parents[2] / "docs" / "analysts.md"


def doc_questions() -> dict[str, str]:
    """'T1' → SQL of every '### T<n>. …' heading of docs/analysts.md followed by a sql block."""
    found = re.findall(r"^### (T\d+)\. .+?\n+```sql\n(.*?)```", DOC.read_text(encoding="utf-8"), re.M | re.S)
    return dict(found)


def check_provinces_met_2025(found: list[tuple[Any, ...]]) -> None:
    assert [(r[0], r[5], r[6], r[7], r[8]) for r in found] == [
        ("福建省", Decimal("5.2"), "actual", True, Decimal("0.2")),
        ("安徽省", Decimal("5.3"), "estimate", False, Decimal("-0.2")),
    ]
    assert [r[4] for r in found] == [Decimal("0.5"), Decimal("0.05")]  # 5%左右, 5.5%左右


def check_provinces_above_national(found: list[tuple[Any, ...]]) -> None:
    # 安徽 5.5%左右 is above 4.5%—5%; 福建 5%左右 is level with its upper end
    assert found == [(1, 1, 0, 2, Decimal("4.5"), Decimal("5"))]


def check_cascade(found: list[tuple[Any, ...]]) -> None:
    assert [(r[0], r[2], r[8], r[9]) for r in found] == [
        ("全国", None, None, Decimal("0")),
        ("安徽省", "全国", Decimal("0.5"), Decimal("0.5")),
        ("福建省", "全国", Decimal("0"), Decimal("0")),
        ("歙县", "安徽省", Decimal("0.5"), Decimal("1")),
        ("黟县", "安徽省", Decimal("1.5"), Decimal("2")),
    ]


DOC_CHECKS = {"T1": check_provinces_met_2025, "T2": check_provinces_above_national, "T3": check_cascade}


def test_the_doc_has_the_three_target_questions() -> None:
    assert set(doc_questions()) == set(DOC_CHECKS)


@pytest.mark.parametrize("number", sorted(DOC_CHECKS))
def test_the_doc_question_answers_as_the_reader(targets_engine: Engine, number: str) -> None:
    with targets_engine.connect() as conn:
        conn.execute(text(f"SET ROLE {READER_ROLE}"))
        found = [tuple(r) for r in conn.execute(text(doc_questions()[number]))]
        conn.rollback()
    DOC_CHECKS[number](found)
