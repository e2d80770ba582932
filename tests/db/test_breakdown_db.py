"""observations.breakdown (total/urban/rural) written by the loader, and region_level and
breakdown in the views: values are compared and ranked within one region level and one
breakdown.  The two county reports are written for this test with invented figures."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from govperf.load.lookups import Lookups
from govperf.load.pipeline import parse_file
from govperf.load.results import FileResult, ImportOptions
from govperf.load.store import store_documents

REPORT = "2031年政府工作报告\n各位代表:\n一、2030年工作回顾\n全县地区生产总值达到{gdp}亿元。{income}\n"


def _store(engine: Engine, folder: Path, district: str, gdp: int, income: str, breakdown: str) -> None:
    path = folder / f"{district}.txt"
    path.write_text(REPORT.format(gdp=gdp, income=income), encoding="utf-8")
    source, documents = parse_file(str(path), ImportOptions(district=district))
    for document in documents:
        for parsed in document.observations:
            if parsed.observation.metric_code == "disposable_income_per_capita":
                parsed.observation = dataclasses.replace(parsed.observation, breakdown=breakdown)
    result = FileResult(path=str(path))
    store_documents(engine, Lookups.load(engine), source, documents, False, result)
    assert result.error is None


@pytest.fixture
def two_counties(db_engine: Engine, tmp_path: Path) -> Engine:
    with db_engine.begin() as conn:
        conn.execute(text("TRUNCATE documents CASCADE"))
    _store(db_engine, tmp_path, "341322", 120, "城镇居民人均可支配收入达到40000元。", "urban")
    _store(db_engine, tmp_path, "341321", 100, "居民人均可支配收入达到30000元。", "total")
    return db_engine


def _rows(engine: Engine, query: str) -> list[tuple[object, ...]]:
    with engine.connect() as conn:
        return [tuple(row) for row in conn.execute(text(query))]


def test_the_loader_writes_the_breakdown_and_the_views_carry_the_region_level(two_counties: Engine) -> None:
    observations = _rows(
        two_counties,
        "SELECT district_code, region_level, metric_code, breakdown FROM v_observations "
        "WHERE metric_code IS NOT NULL ORDER BY district_code, metric_code",
    )
    assert observations == [
        ("341321", "county", "disposable_income_per_capita", "total"),
        ("341321", "county", "gdp", "total"),
        ("341322", "county", "disposable_income_per_capita", "urban"),
        ("341322", "county", "gdp", "total"),
    ]
    assert _rows(two_counties, "SELECT DISTINCT region_level FROM v_documents") == [("county",)]


@pytest.mark.parametrize(
    ("metric", "expected"),
    [
        # urban and rural income are not ranked against each other
        ("disposable_income_per_capita", [("341321", "total", 1, 1), ("341322", "urban", 1, 1)]),
        ("gdp", [("341321", "total", 2, 2), ("341322", "total", 1, 2)]),
    ],
)
def test_comparison_ranks_within_one_breakdown_and_level(
    two_counties: Engine, metric: str, expected: list[tuple[object, ...]]
) -> None:
    rows = _rows(
        two_counties,
        "SELECT district_code, breakdown, rank_in_year, districts_reporting FROM v_metric_comparison "
        f"WHERE metric_code = '{metric}' AND measure = 'level' AND region_level = 'county' "
        "ORDER BY district_code",
    )
    assert rows == expected
    series = _rows(
        two_counties, f"SELECT DISTINCT breakdown FROM v_metric_series WHERE metric_code = '{metric}'"
    )
    assert {row[0] for row in series} == {breakdown for _, breakdown, _, _ in expected}


def test_breakdown_accepts_only_total_urban_rural(two_counties: Engine) -> None:
    with pytest.raises(IntegrityError, match="ck_observations_breakdown"), two_counties.begin() as conn:
        conn.execute(text("UPDATE observations SET breakdown = 'both'"))
