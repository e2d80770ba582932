"""The analyst views on our fixture documents (tests/fixtures/analyst): series, comparison,
task completion, coverage and every unit-conversion path, end to end through ``govperf import``.

The fixture documents are invented: three districts (怀柔, 平谷, 延庆), 2018 and 2019
self-reports, a 2019 H1 task table for 平谷 and a 2020 work report for 延庆.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import analyst_data
import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

HUAIROU, PINGGU, YANQING = "110116", "110117", "110119"
analyst_url, analyst_engine = analyst_data.analyst_url, analyst_data.analyst_engine


def query(engine: Engine, sql: str, **params: Any) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(text(sql), params)]


def test_every_fixture_document_is_loaded(analyst_engine: Engine) -> None:
    documents = query(analyst_engine, "SELECT district_code, year, genre FROM v_documents")
    assert len(documents) == 8
    assert {d["district_code"] for d in documents} == {HUAIROU, PINGGU, YANQING}


# (district, year, metric, value in the canonical unit, unit, phrase as written) — one case per
# conversion path from a raw unit into the metric's canonical unit.
CONVERSIONS = [
    (HUAIROU, 2018, "land_vacated", "80", "公顷", "0.8平方公里"),
    (PINGGU, 2018, "land_vacated", "120", "公顷", "1.2平方千米"),
    (HUAIROU, 2018, "new_green_area", "240", "公顷", "3600亩"),
    (HUAIROU, 2019, "new_green_area", "1400", "公顷", "2.1万亩"),
    (YANQING, 2019, "new_green_area", "1200", "公顷", "1200公顷"),
    (HUAIROU, 2018, "water_use_total", "9500", "万立方米", "0.95亿立方米"),
    (HUAIROU, 2019, "water_use_total", "9300", "万立方米", "9300万立方米"),
    (HUAIROU, 2018, "gov_info_disclosed", "12000", "条", "1.2万条"),
    (PINGGU, 2019, "gov_info_disclosed", "10500", "条", "1.05万条"),
    (HUAIROU, 2019, "new_jobs", "0.65", "万人", "6500人"),
    (PINGGU, 2018, "illegal_construction_demolished", "61", "万平方米", "610000平方米"),
    (HUAIROU, 2019, "illegal_construction_demolished", "48.5", "万平方米", "48.5万平米"),
    (PINGGU, 2018, "energy_consumption_total", "95", "万吨标准煤", "95万吨标准煤"),
    (HUAIROU, 2018, "general_budget_revenue", "61.5", "亿元", "61.5亿元"),
    (YANQING, 2019, "pm25_concentration", "31", "微克/立方米", "31微克/立方米"),
]


@pytest.mark.parametrize(
    "district, year, metric, value, unit, written", CONVERSIONS, ids=[c[-1] for c in CONVERSIONS]
)
def test_unit_conversion_lands_in_the_views_in_the_canonical_unit(
    analyst_engine: Engine, district: str, year: int, metric: str, value: str, unit: str, written: str
) -> None:
    [row] = query(
        analyst_engine,
        "SELECT s.value, s.unit, m.unit AS canonical, o.raw_value, o.raw_unit FROM v_metric_series s "
        "JOIN metrics m ON m.code = s.metric_code "
        "JOIN v_observations o ON o.observation_id = s.observation_id "
        "WHERE s.district_code = :d AND s.year = :y AND s.metric_code = :m "
        "AND s.measure = 'level' AND s.kind = 'actual'",
        d=district,
        y=year,
        m=metric,
    )
    assert (row["value"], row["unit"]) == (Decimal(value), unit)
    assert row["unit"] == row["canonical"]
    assert f"{row['raw_value'].normalize():f}{row['raw_unit']}" == written
    [compared] = query(
        analyst_engine,
        "SELECT value, unit FROM v_metric_comparison WHERE district_code = :d AND year = :y "
        "AND metric_code = :m AND measure = 'level' AND kind = 'actual'",
        d=district,
        y=year,
        m=metric,
    )
    assert (compared["value"], compared["unit"]) == (Decimal(value), unit)


def test_a_repeating_conversion_is_rounded_to_six_places(analyst_engine: Engine) -> None:
    [target] = query(
        analyst_engine,
        "SELECT value, unit FROM v_metric_series WHERE district_code = :d AND year = 2019 "
        "AND metric_code = 'new_green_area' AND kind = 'target'",
        d=PINGGU,
    )
    assert (target["value"], target["unit"]) == (Decimal("266.666667"), "公顷")  # 4000亩


def test_series_has_one_row_per_metric_district_year_measure_kind(analyst_engine: Engine) -> None:
    duplicates = query(
        analyst_engine,
        "SELECT metric_code, district_code, year, measure, kind, count(*) FROM v_metric_series "
        "GROUP BY 1, 2, 3, 4, 5 HAVING count(*) > 1",
    )
    assert duplicates == []


def test_series_prefers_the_whole_year_over_the_first_half(analyst_engine: Engine) -> None:
    rows = query(
        analyst_engine,
        "SELECT metric_code, value, is_annual, candidates, period_label FROM v_metric_series "
        "WHERE district_code = :d AND year = 2019 AND measure = 'level' AND kind = 'actual' "
        "AND metric_code IN ('pm25_concentration', 'land_vacated', 'general_budget_revenue') "
        "ORDER BY metric_code",
        d=PINGGU,
    )
    # the H1 table says 21.3亿元, 35公顷 (no period of its own: the document's H1) and 44 (1-6月)
    assert [(r["metric_code"], r["value"], r["is_annual"], r["candidates"]) for r in rows] == [
        ("general_budget_revenue", Decimal("40.1"), True, 2),
        ("land_vacated", Decimal("150"), True, 2),
        ("pm25_concentration", Decimal("37"), True, 2),
    ]


def test_a_figure_without_its_own_period_takes_its_documents(analyst_engine: Engine) -> None:
    # Even when the H1 table is the most recent import, its 35公顷 (no period written) is H1.
    with analyst_engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE documents SET imported_at = now() + interval '1 day' "
                "WHERE genre = 'perf_task_progress_table'"
            )
        )
        value = conn.scalar(
            text(
                "SELECT value FROM v_metric_series WHERE district_code = :d AND year = 2019 "
                "AND metric_code = 'land_vacated' AND measure = 'level' AND kind = 'actual'"
            ),
            {"d": PINGGU},
        )
        conn.rollback()
    assert value == Decimal("150")


def test_series_keeps_targets_and_estimates_apart_from_actuals(analyst_engine: Engine) -> None:
    rows = query(
        analyst_engine,
        "SELECT year, kind, value, comparator FROM v_metric_series WHERE district_code = :d "
        "AND metric_code = 'pm25_concentration' AND measure = 'level' ORDER BY year, kind",
        d=YANQING,
    )
    assert [(r["year"], r["kind"], r["value"], r["comparator"]) for r in rows] == [
        (2018, "actual", Decimal("35"), "eq"),
        (2019, "actual", Decimal("31"), "eq"),
        (2020, "target", Decimal("30"), "max"),
    ]


def test_series_leaves_out_values_in_a_foreign_unit(analyst_engine: Engine) -> None:
    with analyst_engine.begin() as conn:
        observation_id = conn.scalar(
            text(
                "UPDATE observations SET unit = '吨' WHERE id = (SELECT min(id) FROM observations "
                "WHERE metric_code = 'water_use_total') RETURNING id"
            )
        )
        in_series = conn.scalar(
            text("SELECT count(*) FROM v_metric_series WHERE observation_id = :i"), {"i": observation_id}
        )
        conn.rollback()
    assert in_series == 0


def test_comparison_ranks_lower_pm25_first_with_gaps(analyst_engine: Engine) -> None:
    rows = query(
        analyst_engine,
        "SELECT district_name, value, rank_in_year, districts_reporting, best_value, median_value, "
        "gap_to_best, gap_to_median FROM v_metric_comparison WHERE metric_code = 'pm25_concentration' "
        "AND year = 2019 AND measure = 'level' AND kind = 'actual' ORDER BY rank_in_year",
    )
    assert [(r["district_name"], r["value"], r["rank_in_year"]) for r in rows] == [
        ("延庆区", Decimal("31"), 1),
        ("怀柔区", Decimal("35"), 2),
        ("平谷区", Decimal("37"), 3),
    ]
    assert {(r["districts_reporting"], r["best_value"], r["median_value"]) for r in rows} == {
        (3, Decimal("31"), Decimal("35"))
    }
    assert [(r["gap_to_best"], r["gap_to_median"]) for r in rows] == [
        (Decimal("0"), Decimal("-4")),
        (Decimal("4"), Decimal("0")),
        (Decimal("6"), Decimal("2")),
    ]


def test_comparison_ties_share_a_rank_and_higher_is_better(analyst_engine: Engine) -> None:
    rows = query(
        analyst_engine,
        "SELECT district_code, rank_in_year, median_value FROM v_metric_comparison "
        "WHERE metric_code = 'food_sampling_pass_rate' AND year = 2019 ORDER BY district_code",
    )
    assert [(r["district_code"], r["rank_in_year"]) for r in rows] == [
        (HUAIROU, 2),
        (PINGGU, 2),
        (YANQING, 1),
    ]
    assert rows[0]["median_value"] == Decimal("98.6")


def test_comparison_median_of_an_even_count_is_the_mean_of_the_middle_two(analyst_engine: Engine) -> None:
    rows = query(
        analyst_engine,
        "SELECT median_value, districts_reporting FROM v_metric_comparison "
        "WHERE metric_code = 'forest_coverage' AND year = 2019",
    )
    assert {(r["median_value"], r["districts_reporting"]) for r in rows} == {(Decimal("64.2"), 2)}


def test_comparison_has_no_rank_for_a_metric_without_direction(analyst_engine: Engine) -> None:
    rows = query(
        analyst_engine,
        "SELECT rank_in_year, best_value, gap_to_best FROM v_metric_comparison "
        "WHERE metric_code = 'gov_info_disclosed' AND year = 2019",
    )
    assert len(rows) == 3
    assert {(r["rank_in_year"], r["best_value"], r["gap_to_best"]) for r in rows} == {(None, None, None)}


def test_task_completion_from_stated_counts(analyst_engine: Engine) -> None:
    rows = query(
        analyst_engine,
        "SELECT category_code, tasks_total, tasks_done, tasks_lagging, completion_rate, source "
        "FROM v_task_completion WHERE district_code = :d AND year = 2018 ORDER BY category_code",
        d=PINGGU,
    )
    assert len(rows) == 5
    quality = next(r for r in rows if r["category_code"] == "quality_development")
    assert (quality["tasks_total"], quality["tasks_done"], quality["tasks_lagging"]) == (7, 6, 1)
    assert quality["completion_rate"] == Decimal("0.8571")
    assert {r["source"] for r in rows} == {"stated"}


def test_coverage_shows_what_is_loaded_and_the_gaps(analyst_engine: Engine) -> None:
    rows = query(
        analyst_engine,
        "SELECT district_code, year, genre, documents FROM v_coverage "
        "WHERE district_code IN (:h, :p, :y) AND documents > 0 ORDER BY 1, 2, 3",
        h=HUAIROU,
        p=PINGGU,
        y=YANQING,
    )
    assert [(r["district_code"], r["year"], r["genre"]) for r in rows] == [
        (HUAIROU, 2018, "perf_self_report"),
        (HUAIROU, 2019, "perf_self_report"),
        (PINGGU, 2018, "perf_self_report"),
        (PINGGU, 2019, "perf_self_report"),
        (PINGGU, 2019, "perf_task_progress_table"),
        (YANQING, 2018, "perf_self_report"),
        (YANQING, 2019, "perf_self_report"),
        (YANQING, 2020, "gov_work_report"),
    ]
    [gap] = query(
        analyst_engine,
        "SELECT documents FROM v_coverage WHERE district_code = :h AND year = 2020 "
        "AND genre = 'perf_self_report'",
        h=HUAIROU,
    )
    assert gap["documents"] == 0
