"""The rules of v_target_attainment, case by case, on observations written straight into the tables.

Each case is a target and the figures of one year of 东城区 (110101); the case's year keeps it
apart from the others.  ``met`` and ``gap`` follow the comparator (approx: within half a unit of
the target's last written digit, lower end in, upper end out); the choice of actual and target
follows the kinds, the periods and the documents' years.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import analyst_data as loaded
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, Engine

from govperf.db import migrate

REGION = "110101"
UNITS = {
    "gdp": "%",
    "energy_intensity": "%",
    "cpi": "%",
    "surveyed_unemployment_rate": "%",
    "grain_output": "万吨",
}
MEASURES = {"grain_output": "level", "surveyed_unemployment_rate": "level"}


@dataclass(frozen=True)
class Rule:
    """A target (value as stored, raw value as written) and an actual; the expected met and gap."""

    metric: str
    comparator: str
    value: str
    actual: str
    met: bool
    gap: str
    raw: str | None = None  # as written, when not the stored value (下降3% → 3; 1.4万亿斤)
    value_max: str | None = None


RULES = {
    "5%左右 met by 4.5 (lower end in)": Rule("gdp", "approx", "5", "4.5", True, "-0.5"),
    "5%左右 met by 5.49": Rule("gdp", "approx", "5", "5.49", True, "0.49"),
    "5%左右 missed by 5.5 (upper end out)": Rule("gdp", "approx", "5", "5.5", False, "0.5"),
    "5%左右 missed by 4.49": Rule("gdp", "approx", "5", "4.49", False, "-0.51"),
    "5.5%左右 met by 5.45 (last digit 0.1: ±0.05)": Rule("gdp", "approx", "5.5", "5.45", True, "-0.05"),
    "5.5%左右 missed by 5.3": Rule("gdp", "approx", "5.5", "5.3", False, "-0.2"),
    "下降3%左右 met by a fall of 2.5": Rule(
        "energy_intensity", "approx", "-3", "-2.5", True, "-0.5", raw="3"
    ),
    "下降3%左右 missed by a fall of 3.5": Rule(
        "energy_intensity", "approx", "-3", "-3.5", False, "0.5", raw="3"
    ),
    "1.4万亿斤左右 met by 1.35万亿斤": Rule(
        "grain_output", "approx", "70000", "67500", True, "-2500", raw="1.4"
    ),
    "1.4万亿斤左右 missed by 1.45万亿斤": Rule(
        "grain_output", "approx", "70000", "72500", False, "2500", raw="1.4"
    ),
    "以上 met at the target": Rule("gdp", "min", "6", "6", True, "0"),
    "以上 missed below it": Rule("gdp", "min", "6", "5.9", False, "-0.1"),
    "以内 met at the ceiling (lower is better)": Rule(
        "surveyed_unemployment_rate", "max", "5.5", "5.5", True, "0"
    ),
    "以内 missed above it": Rule("surveyed_unemployment_rate", "max", "5.5", "5.6", False, "-0.1"),
    "eq met only when equal": Rule("gdp", "eq", "6", "6", True, "0"),
    "eq missed when beaten (gap positive)": Rule("gdp", "eq", "6", "6.2", False, "0.2"),
    "4.5%—5% met at its lower end": Rule("gdp", "eq", "4.5", "4.5", True, "0", value_max="5"),
    "4.5%—5% met at its upper end": Rule("gdp", "eq", "4.5", "5", True, "0", value_max="5"),
    "4.5%—5% missed above (gap to 5)": Rule("gdp", "eq", "4.5", "5.2", False, "0.2", value_max="5"),
    "4.5%—5% missed below (gap to 4.5)": Rule("gdp", "eq", "4.5", "4.4", False, "-0.1", value_max="5"),
    "5%—6%左右 is a range: inside it": Rule("gdp", "approx", "5", "6", True, "0", value_max="6"),
    "5.5%—6% of unemployment missed above (lower is better)": Rule(
        "surveyed_unemployment_rate", "eq", "5.5", "6.2", False, "-0.2", value_max="6"
    ),
    "CPI 2%左右 (no direction): the plain difference": Rule("cpi", "approx", "2", "0.1", False, "-1.9"),
}


@pytest.fixture(scope="module")
def rules_engine(pg_server: Any) -> Iterator[Engine]:
    """A migrated database with no documents (each case writes its own rows)."""
    name = f"rules_{uuid.uuid4().hex[:10]}"
    with loaded._admin(pg_server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = loaded.url_for(pg_server.host, pg_server.port, pg_server.user, name, pg_server.password)
    try:
        migrate.upgrade(url)
        engine = create_engine(url)
        yield engine
        engine.dispose()
    finally:
        with loaded._admin(pg_server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def add_document(conn: Connection, year: int, genre: str = "gov_work_report") -> int:
    sha = hashlib.sha256(uuid.uuid4().bytes).hexdigest()
    return int(
        conn.execute(
            text(
                "INSERT INTO documents (source_sha256, source_name, genre, region_code, year, original_text)"
                " VALUES (:sha, 'case.txt', :genre, :region, :year, '') RETURNING id"
            ),
            {"sha": sha, "genre": genre, "region": REGION, "year": year},
        ).scalar_one()
    )


def add_figure(
    conn: Connection,
    document: int,
    metric: str,
    year: int,
    kind: str,
    value: str,
    *,
    comparator: str = "eq",
    raw: str | None = None,
    value_max: str | None = None,
    period_end: date | None = None,
) -> int:
    return int(
        conn.execute(
            text(
                "INSERT INTO observations (document_id, region_code, year, label, metric_code, measure, kind,"
                " comparator, value, value_max, unit, raw_value, raw_unit, span_start, span_end, snippet,"
                " period_label, period_end) VALUES (:doc, :region, :year, :metric, :metric, :measure, :kind,"
                " :comparator, :value, :value_max, :unit, :raw, :unit, 0, 1, 'case', :label, :end)"
                " RETURNING id"
            ),
            {
                "doc": document,
                "region": REGION,
                "year": year,
                "metric": metric,
                "measure": MEASURES.get(metric, "change_pct"),
                "kind": kind,
                "comparator": comparator,
                "value": Decimal(value),
                "value_max": None if value_max is None else Decimal(value_max),
                "unit": UNITS[metric],
                "raw": Decimal(raw or value),
                "label": None if period_end is None else "部分期间",
                "end": period_end,
            },
        ).scalar_one()
    )


def attainment(conn: Connection, year: int) -> dict[str, Any]:
    row = conn.execute(text("SELECT * FROM v_target_attainment WHERE year = :y"), {"y": year}).one()
    return dict(row._mapping)


@pytest.mark.parametrize("case", list(RULES), ids=list(RULES))
def test_met_and_gap_follow_the_comparator(rules_engine: Engine, case: str) -> None:
    rule, year = RULES[case], 2001 + list(RULES).index(case)
    with rules_engine.begin() as conn:
        document = add_document(conn, year + 1)
        add_figure(
            conn, document, rule.metric, year, "target", rule.value,
            comparator=rule.comparator, raw=rule.raw, value_max=rule.value_max,
        )  # fmt: skip
        add_figure(conn, document, rule.metric, year, "actual", rule.actual)
        row = attainment(conn, year)
    assert (row["met"], row["gap"]) == (rule.met, Decimal(rule.gap))


TOLERANCES = [  # (metric, comparator, value, raw as written, value_max, expected tolerance)
    ("gdp", "approx", "5", None, None, "0.5"),
    ("gdp", "approx", "5.5", None, None, "0.05"),
    ("gdp", "approx", "5.0", None, None, "0.5"),  # stored numbers keep no trailing zero
    ("energy_intensity", "approx", "-2.5", "2.5", None, "0.05"),
    ("grain_output", "approx", "70000", "1.4", None, "2500"),
    ("gdp", "min", "6", None, None, None),
    ("gdp", "approx", "5", None, "6", None),
]


def test_the_tolerance_is_half_the_last_written_digit_in_the_rows_unit(rules_engine: Engine) -> None:
    years = range(2050, 2050 + len(TOLERANCES))
    with rules_engine.begin() as conn:
        document = add_document(conn, 2060)
        for year, (metric, comparator, value, raw, value_max, _) in zip(years, TOLERANCES, strict=True):
            add_figure(conn, document, metric, year, "target", value, comparator=comparator, raw=raw,
                       value_max=value_max)  # fmt: skip
        found = [attainment(conn, year)["target_tolerance"] for year in years]
    assert found == [None if t[5] is None else Decimal(t[5]) for t in TOLERANCES]


# Which figure is the year's actual, and which the year's target: (document year, kind, value,
# period end or None for the whole year) in the order written; the expected (value, kind, met).
Figure = tuple[int, str, str, date | None]
CHOICES: dict[str, tuple[list[Figure], tuple[str, str, bool | None]]] = {
    "a later review's actual replaces an earlier estimate": (
        [(2080, "estimate", "6.2", None), (2081, "actual", "5.4", None)],
        ("5.4", "actual", False),
    ),
    "an actual of an earlier document still beats a later estimate": (
        [(2081, "actual", "6.1", None), (2082, "estimate", "5.9", None)],
        ("6.1", "actual", True),
    ),
    "two actuals: the latest document's": (
        [(2081, "actual", "6.1", None), (2082, "actual", "6.6", None)],
        ("6.6", "actual", False),
    ),
    "a whole-year estimate beats a partial actual": (
        [(2080, "actual", "6.4", date(2080, 6, 30)), (2081, "estimate", "5.8", None)],
        ("5.8", "estimate", True),
    ),
    "a partial figure alone neither meets nor misses": (
        [(2080, "actual", "3.1", date(2080, 6, 30))],
        ("3.1", "actual", None),
    ),
}


@pytest.mark.parametrize("case", list(CHOICES), ids=list(CHOICES))
def test_the_actual_prefers_whole_year_then_actual_then_the_latest_document(
    rules_engine: Engine, case: str
) -> None:
    figures, expected = CHOICES[case]
    year = 2080 + 3 * list(CHOICES).index(case)
    with rules_engine.begin() as conn:
        add_figure(conn, add_document(conn, year), "gdp", year, "target", "6", comparator="approx")
        for doc_year, kind, value, end in figures:
            doc = add_document(conn, doc_year + year - 2080)
            add_figure(conn, doc, "gdp", year, kind, value, period_end=end and end.replace(year=year))
        row = attainment(conn, year)
    assert (row["actual_value"], row["actual_kind"], row["met"]) == (Decimal(expected[0]), *expected[1:])


def test_the_latest_documents_target_replaces_an_earlier_goal_for_that_year(rules_engine: Engine) -> None:
    """A goal 到2070年 written in 2066 gives way to the 2070 report's own target for 2070."""
    with rules_engine.begin() as conn:
        plan = add_figure(conn, add_document(conn, 2066), "gdp", 2070, "target", "7", comparator="min")
        annual = add_figure(conn, add_document(conn, 2070), "gdp", 2070, "target", "6", comparator="approx")
        add_figure(conn, add_document(conn, 2070), "gdp", 2070, "target", "5", period_end=date(2070, 6, 30))
        row = attainment(conn, 2070)
    assert plan != row["target_observation_id"] == annual
    assert (row["target_value"], row["target_comparator"]) == (Decimal("6"), "approx")
