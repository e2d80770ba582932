"""Reference data: seeded by the initial migration, re-synced idempotently."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine

from govperf.db import reference

DESIGN = Path(__file__).resolve().parents[3] / "shared" / "DESIGN.md"
BEIJING_DISTRICTS = {
    "110101", "110102", "110105", "110106", "110107", "110108", "110109", "110111",
    "110112", "110113", "110114", "110115", "110116", "110117", "110118", "110119",
}  # fmt: skip
CONTRACT_METRICS = {
    "gdp", "general_budget_revenue", "general_budget_expenditure", "local_fiscal_revenue",
    "retail_sales", "total_consumption", "fixed_asset_investment", "disposable_income_per_capita",
    "energy_consumption_total", "energy_intensity", "water_use_total", "water_intensity",
    "pm25_concentration", "heavy_pollution_days", "resident_population", "new_jobs",
    "registered_unemployment_rate", "illegal_construction_demolished", "land_vacated",
    "new_green_area", "forest_coverage", "tech_contract_turnover", "land_output_rate",
    "labor_output_rate", "food_sampling_pass_rate", "drug_sampling_pass_rate",
    "sewage_treatment_rate", "city_management_index", "shantytown_renovation",
    "proposals_handled", "gov_info_disclosed",
    # DESIGN.md §6
    "surveyed_unemployment_rate", "cpi", "industrial_value_added", "primary_industry_value_added",
    "secondary_industry_value_added", "tertiary_industry_value_added", "total_fiscal_revenue",
    "grain_output", "foreign_trade", "fdi_utilized", "rd_intensity", "urbanization_rate",
    "good_air_days_ratio", "carbon_intensity", "per_capita_consumption", "afforestation_area",
}  # fmt: skip


def contract_metrics() -> dict[str, tuple[str, str | None]]:
    """Metric code → (unit, better) from DESIGN.md §2 when the shared folder is there."""
    if not DESIGN.exists():
        return {}
    rows = re.findall(r"^\| `([a-z0-9_]+)` \| [^|]+ \| ([^|]+) \| ([^|]+) \|$", DESIGN.read_text(), re.M)
    better = {"higher": "higher", "lower": "lower"}
    return {code: (unit.strip(), better.get(b.strip())) for code, unit, b in rows if code in CONTRACT_METRICS}


def scalar(engine: Engine, sql: str) -> object:
    with engine.connect() as conn:
        return conn.scalar(text(sql))


def test_regions_seeded(db_engine: Engine) -> None:
    with db_engine.connect() as conn:
        districts = set(conn.scalars(text("SELECT code FROM regions WHERE parent_code = '110000'")))
        levels = dict(
            conn.execute(text("SELECT code, level FROM regions WHERE code IN ('000000','110000')")).all()
        )
        etown = conn.execute(text("SELECT name, official FROM regions WHERE code = '110400'")).one()
        yizhuang = conn.scalar(text("SELECT region_code FROM region_aliases WHERE alias = '亦庄'"))
    assert districts == BEIJING_DISTRICTS | {"110400"}
    assert levels == {"000000": "national", "110000": "province"}
    assert tuple(etown) == ("北京经济技术开发区", False)
    assert yizhuang == "110400"


def test_years_know_their_plan(db_engine: Engine) -> None:
    with db_engine.connect() as conn:
        row = conn.execute(text("SELECT plan_code, year_in_plan FROM years WHERE year = 2016")).one()
    assert tuple(row) == ("十三五", 1)


def test_five_categories_in_beijing_2018(db_engine: Engine) -> None:
    with db_engine.connect() as conn:
        codes = list(
            conn.scalars(
                text("SELECT code FROM categories WHERE scheme_code = 'beijing-2018' ORDER BY sort_order")
            )
        )
    assert codes == [
        "quality_development",
        "efficient_implementation",
        "effective_management",
        "fiscal_efficiency",
        "public_service",
    ]


def test_every_contract_metric_with_unit_and_direction(db_engine: Engine) -> None:
    with db_engine.connect() as conn:
        metrics = {
            code: (unit, better)
            for code, unit, better in conn.execute(text("SELECT code, unit, better FROM metrics"))
        }
    assert set(metrics) >= CONTRACT_METRICS
    for code, expected in contract_metrics().items():
        assert metrics[code] == expected, code


def test_sync_is_idempotent_and_keeps_user_aliases(db_engine: Engine) -> None:
    with db_engine.begin() as conn:
        conn.execute(
            text("INSERT INTO metric_aliases (alias, metric_code, source) VALUES ('GRP总量', 'gdp', 'user')")
        )
        conn.execute(text("INSERT INTO metric_aliases (alias, metric_code) VALUES ('过时的别名', 'gdp')"))
        conn.execute(
            text(
                "UPDATE metric_aliases SET source = 'user', metric_code = 'retail_sales' WHERE alias = 'GDP'"
            )
        )
        before = conn.scalar(text("SELECT count(*) FROM metric_aliases"))
        reference.sync(conn)
        reference.sync(conn)
        aliases = dict(conn.execute(text("SELECT alias, metric_code FROM metric_aliases")).all())
        after = conn.scalar(text("SELECT count(*) FROM metric_aliases"))
    assert aliases["GRP总量"] == "gdp"
    assert aliases["GDP"] == "retail_sales"  # a user's row is never overwritten
    assert "过时的别名" not in aliases  # a builtin alias gone from the YAML is removed
    assert after == before - 1
