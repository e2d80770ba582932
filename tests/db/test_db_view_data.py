"""The views on a small hand-made import: which observation wins, ranks, completion, coverage."""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from govperf.db.models import Category, CategoryResult, Document, Observation, Task
from govperf.extract.types import NOTE_CUMULATIVE, NOTE_RANK_OF_CHANGE, NOTES_OUT_OF_SERIES


def add_document(session: Session, region: str, year: int, *, part: int = 1, **fields: Any) -> Document:
    sha = hashlib.sha256(f"{region}{year}{fields}".encode()).hexdigest()
    values: dict[str, Any] = {"genre": "perf_self_report", "source_name": f"{region}-{year}.txt"}
    document = Document(
        source_sha256=sha, part=part, region_code=region, year=year, original_text="正文", **(values | fields)
    )
    session.add(document)
    session.flush()
    return document


def add_observation(session: Session, document: Document, value: str, **fields: Any) -> Observation:
    values: dict[str, Any] = {
        "region_code": document.region_code,
        "year": document.year,
        "label": "PM2.5累计浓度",
        "metric_code": "pm25_concentration",
        "measure": "level",
        "kind": "actual",
        "unit": "微克/立方米",
        "raw_unit": "微克/立方米",
        "span_start": 0,
        "span_end": 2,
        "snippet": "正文",
    }
    observation = Observation(
        document_id=document.id, value=Decimal(value), raw_value=Decimal(value), **(values | fields)
    )
    session.add(observation)
    session.flush()
    return observation


def rows(session: Session, sql: str, **params: Any) -> list[dict[str, Any]]:
    return [dict(r._mapping) for r in session.execute(text(sql), params)]


def test_documents_view_counts_and_observation_year(db_session: Session) -> None:
    report = add_document(db_session, "110101", 2016, genre="gov_work_report", part=2)
    add_observation(db_session, report, "6.5", year=2015, measure="change_pct", metric_code="gdp")
    add_observation(db_session, report, "7", kind="target", measure="change_pct", metric_code="gdp")
    db_session.add(Task(document_id=report.id, title="任务一"))
    db_session.flush()
    [doc] = rows(db_session, "SELECT * FROM v_documents")
    assert (doc["district_name"], doc["part"], doc["task_count"], doc["observation_count"]) == (
        "东城区",
        2,
        1,
        2,
    )
    years = rows(db_session, "SELECT year, document_year, kind FROM v_observations ORDER BY year")
    assert [(r["year"], r["document_year"], r["kind"]) for r in years] == [
        (2015, 2016, "actual"),
        (2016, 2016, "target"),
    ]


def test_series_keeps_one_row_per_kind_and_prefers_the_annual_figure(db_session: Session) -> None:
    h1 = add_document(db_session, "110102", 2017, period_label="上半年", period_end=date(2017, 6, 30))
    annual = add_document(db_session, "110102", 2017, source_name="annual.txt")
    add_observation(db_session, h1, "60", period_end=date(2017, 6, 30), period_label="上半年")
    add_observation(db_session, annual, "55", kind="target", comparator="max")
    best = add_observation(db_session, annual, "58")
    series = rows(db_session, "SELECT * FROM v_metric_series WHERE district_code = '110102' ORDER BY kind")
    # grain: metric × district × year × measure × kind; within a kind the whole-year figure wins
    assert [(r["kind"], r["value"], r["candidates"], r["is_annual"]) for r in series] == [
        ("actual", 58, 2, True),
        ("target", 55, 1, True),
    ]
    assert series[0]["observation_id"] == best.id


def test_comparison_ranks_by_better_direction_with_ties(db_session: Session) -> None:
    for region, pm25 in (("110101", "40"), ("110102", "35"), ("110105", "40"), ("110000", "10")):
        add_observation(db_session, add_document(db_session, region, 2018), pm25)
    ranked = rows(
        db_session,
        "SELECT district_code, region_level, rank_in_year, districts_reporting FROM v_metric_comparison "
        "WHERE metric_code = 'pm25_concentration' ORDER BY district_code",
    )
    # the city (110000, province level) is ranked only among provinces: alone here
    assert [
        (r["district_code"], r["region_level"], r["rank_in_year"], r["districts_reporting"]) for r in ranked
    ] == [
        ("110000", "province", 1, 1),
        ("110101", "county", 2, 3),
        ("110102", "county", 1, 3),
        ("110105", "county", 2, 3),
    ]


# An observation the series and the comparison leave out (a cumulative figure over several years;
# a rank of a change) next to a plain figure of the same metric, measure and year in another
# district and, for the left-out district, a plain figure it must not displace.
LEFT_OUT = [
    pytest.param(
        "level", "9000", "800", [NOTE_CUMULATIVE], "累计", id="累计拆除…9000 beside 800 of the year"
    ),
    pytest.param("rank", "1", "3", [NOTE_RANK_OF_CHANGE], None, id="增速居全市第一 beside 总量第三"),
]


@pytest.mark.parametrize(("measure", "left_out", "plain", "notes", "period_label"), LEFT_OUT)
def test_cumulative_figures_and_ranks_of_a_change_are_never_compared(
    db_session: Session, measure: str, left_out: str, plain: str, notes: list[str], period_label: str | None
) -> None:
    fields = {"metric_code": "gdp", "measure": measure, "unit": "亿元" if measure == "level" else "位"}
    first, second = add_document(db_session, "110101", 2019), add_document(db_session, "110102", 2019)
    odd = add_observation(db_session, first, left_out, notes=notes, period_label=period_label, **fields)
    other = add_observation(db_session, second, plain, **fields)
    compared = rows(
        db_session,
        "SELECT district_code, observation_id, rank_in_year, districts_reporting FROM v_metric_comparison"
        " WHERE metric_code = 'gdp' AND measure = :m AND year = 2019",
        m=measure,
    )
    assert compared == [
        {"district_code": "110102", "observation_id": other.id, "rank_in_year": 1, "districts_reporting": 1}
    ]
    series = rows(db_session, "SELECT observation_id FROM v_metric_series WHERE metric_code = 'gdp'")
    assert odd.id not in {r["observation_id"] for r in series}
    # the figure stays readable where every observation is, with its note
    seen = rows(db_session, "SELECT notes FROM v_observations WHERE observation_id = :i", i=odd.id)
    assert seen == [{"notes": notes}]
    # a plain figure of the left-out district, added later and written later, is still its row
    plain_own = add_observation(db_session, first, plain, span_start=5, span_end=7, **fields)
    chosen = rows(db_session, "SELECT observation_id FROM v_metric_series WHERE district_code = '110101'")
    assert chosen == [{"observation_id": plain_own.id}]


@pytest.mark.parametrize("note", [NOTE_CUMULATIVE, NOTE_RANK_OF_CHANGE], ids=lambda n: n.split(":")[0])
def test_the_series_view_tests_each_note_code(note: str) -> None:
    """The view matches the machine code before the note's colon, as written in types.py."""
    code = note.split(":")[0]
    assert code in NOTES_OUT_OF_SERIES
    sql = (Path(__file__).resolve().parents[2] / "sql" / "v_metric_series.sql").read_text(encoding="utf-8")
    assert f"'{code}'" in sql


def category_id(session: Session, code: str) -> int:
    return session.scalars(select(Category.id).where(Category.code == code)).one()


def test_task_completion_stated_or_counted(db_session: Session) -> None:
    stated = add_document(db_session, "110112", 2018)
    db_session.add(
        CategoryResult(
            document_id=stated.id,
            category_id=category_id(db_session, "quality_development"),
            tasks_total=8,
            tasks_done=6,
            tasks_lagging=2,
        )
    )
    counted = add_document(db_session, "110108", 2018)
    public_service = category_id(db_session, "public_service")
    for status in ("done", "done", "lagging", "on_track"):
        db_session.add(Task(document_id=counted.id, title="任务", status=status, category_id=public_service))
    db_session.flush()
    result = rows(db_session, "SELECT * FROM v_task_completion ORDER BY district_code")
    assert [(r["district_code"], r["category_code"], r["source"]) for r in result] == [
        ("110108", "public_service", "counted"),
        ("110112", "quality_development", "stated"),
    ]
    assert [(r["tasks_total"], r["tasks_done"], r["tasks_lagging"]) for r in result] == [(4, 2, 1), (8, 6, 2)]
    assert [r["completion_rate"] for r in result] == [Decimal("0.5"), Decimal("0.75")]


def test_coverage_shows_gaps_as_zero(db_session: Session) -> None:
    add_document(db_session, "110112", 2018)
    coverage = rows(
        db_session,
        "SELECT district_code, documents FROM v_coverage WHERE year = 2018 AND genre = 'perf_self_report'",
    )
    counts = {r["district_code"]: r["documents"] for r in coverage}
    assert counts["110112"] == 1
    assert counts["110101"] == 0
    assert len(counts) == 17


@pytest.mark.parametrize(
    "field, value",
    [("measure", "level_pct"), ("kind", "guess"), ("comparator", "about")],
)
def test_observation_codes_are_checked(db_session: Session, field: str, value: str) -> None:
    document = add_document(db_session, "110101", 2019)
    with pytest.raises(IntegrityError, match=f"ck_observations_{field}"):
        add_observation(db_session, document, "1", **{field: value})


def test_same_source_and_part_cannot_load_twice(db_session: Session) -> None:
    add_document(db_session, "110101", 2019)
    with pytest.raises(IntegrityError, match="uq_documents_source_sha256_part"):
        add_document(db_session, "110101", 2019)


def test_deleting_a_document_deletes_its_rows(db_session: Session) -> None:
    document = add_document(db_session, "110101", 2019)
    add_observation(db_session, document, "1")
    db_session.add(Task(document_id=document.id, title="任务"))
    db_session.flush()
    db_session.execute(text("DELETE FROM documents"))
    assert rows(
        db_session, "SELECT count(*) AS n FROM observations UNION ALL SELECT count(*) FROM tasks"
    ) == [
        {"n": 0},
        {"n": 0},
    ]
