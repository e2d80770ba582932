"""The listing commands' output formats (--table, --json, --csv), compare's default year and its
helpful error, and the undo commands (documents remove, alias list / remove), through CliRunner
on a real database: the fixture documents of tests/fixtures/analyst, or rows invented here."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import test_analyst_cli as cli_tests
from click.testing import CliRunner, Result
from sqlalchemy import text
from sqlalchemy.engine import URL, Engine

from govperf.cli import cli
from govperf.cli.output import fit_widths

analyst_url = cli_tests.analyst_url  # the fixture documents, imported once for this module
run = cli_tests.run
HUAIROU, PINGGU, YANQING = "110116", "110117", "110119"

# command → (the column that names a row, the columns checked, the rows expected among the output)
LISTINGS: dict[str, tuple[list[str], str, tuple[str, ...], dict[str, tuple[str, ...]]]] = {
    "compare": (
        ["compare", "pm25_concentration", "--year", "2019"],
        "district_name",
        ("district_code", "value", "unit", "rank_in_year", "gap_to_median", "mark", "year"),
        {
            "延庆区": (YANQING, "31", "微克/立方米", "1", "-4", "best", "2019"),
            "怀柔区": (HUAIROU, "35", "微克/立方米", "2", "0", "", "2019"),
            "平谷区": (PINGGU, "37", "微克/立方米", "3", "2", "worst", "2019"),
        },
    ),
    "compare-decimal": (
        ["compare", "general_budget_revenue", "--year", "2018", "--measure", "change_pct"],
        "district_name",
        ("value", "unit", "rank_in_year", "measure"),
        {"怀柔区": ("6.1", "%", "1", "change_pct"), "延庆区": ("5", "%", "2", "change_pct")},
    ),
    "series": (
        ["series", "一般公共预算收入", "--district", "延庆", "--measure", "change_pct"],
        "year",
        ("district_code", "measure", "actual", "estimate", "target"),
        {
            "2018": (YANQING, "change_pct", "5", "", ""),
            "2019": (YANQING, "change_pct", "7.2", "7.2", ""),
            "2020": (YANQING, "change_pct", "", "", "5"),
        },
    ),
    "metrics": (
        ["metrics"],
        "code",
        ("unit", "better"),
        {"pm25_concentration": ("微克/立方米", "lower"), "gov_info_disclosed": ("条", "")},
    ),
    "unmapped": (["unmapped"], "label", ("observations", "documents"), {"新增城乡就业": ("2", "2")}),
    "documents": (
        ["documents"],
        "source_name",
        ("district_code", "district_name", "year", "period_label", "genre", "task_count"),
        {
            "pinggu_2019_h1_perf_tasks.txt": (
                PINGGU,
                "平谷区",
                "2019",
                "H1",
                "perf_task_progress_table",
                "5",
            ),
            "yanqing_2020_work_report.txt": (YANQING, "延庆区", "2020", "year", "gov_work_report", "0"),
        },
    ),
}


def as_text(value: Any) -> str:
    """A parsed JSON value as CSV writes it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def parse(fmt: str, output: str) -> list[dict[str, Any]]:
    if fmt == "json":
        records = json.loads(output, parse_float=Decimal)  # Decimal keeps the digits as written
        assert isinstance(records, list) and all(isinstance(r, dict) for r in records)
        return records
    return list(csv.DictReader(io.StringIO(output)))


def listing(url: URL, name: str, fmt: str) -> Result:
    result = run(url, *LISTINGS[name][0], f"--{fmt}")
    assert result.exit_code == 0, result.output
    return result


@pytest.mark.parametrize("fmt", ["json", "csv"])
@pytest.mark.parametrize("name", list(LISTINGS))
def test_each_format_parses_and_holds_the_right_values(analyst_url: URL, name: str, fmt: str) -> None:
    _args, key, fields, expected = LISTINGS[name]
    records = parse(fmt, listing(analyst_url, name, fmt).stdout)
    found = {as_text(r[key]): tuple(as_text(r[f]) for f in fields) for r in records}
    assert {k: found.get(k) for k in expected} == expected


@pytest.mark.parametrize("name", list(LISTINGS))
def test_json_and_csv_hold_the_same_rows_and_json_numbers_are_numbers(analyst_url: URL, name: str) -> None:
    as_json = parse("json", listing(analyst_url, name, "json").stdout)
    as_csv = parse("csv", listing(analyst_url, name, "csv").stdout)
    assert as_json and [list(r) for r in as_csv] == [list(r) for r in as_json]  # CSV header = JSON keys
    assert [{k: as_text(v) if not isinstance(v, list) else v for k, v in r.items()} for r in as_json] == [
        {k: json.loads(v) if isinstance(as_json[0][k], list) else v for k, v in r.items()} for r in as_csv
    ]
    counts = {"task_count", "observation_count", "observations", "documents", "rank_in_year", "year"}
    for record in as_json:
        for column in counts & set(record):
            assert isinstance(record[column], int), (column, record)
        for column in ("value", "actual", "estimate", "target", "median_value", "gap_to_median"):
            assert column not in record or record[column] is None or isinstance(record[column], int | Decimal)


TRAILING_ZERO = re.compile(r"(?<![\d.])[+-]?\d+\.\d*0(?![\d.])")


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
@pytest.mark.parametrize("name", list(LISTINGS))
def test_no_value_has_trailing_zeros(analyst_url: URL, name: str, fmt: str) -> None:
    output = listing(analyst_url, name, fmt).stdout
    cells = (
        [str(v) for r in parse(fmt, output) for v in r.values() if not isinstance(v, list)]
        if fmt != "table"
        else output.split()
    )
    numbers = [c for c in cells if re.fullmatch(r"[+-]?\d+(\.\d+)?", c)]
    assert numbers, "the listing shows numbers"
    assert [c for c in numbers if TRAILING_ZERO.fullmatch(c)] == []


@pytest.mark.parametrize("name", list(LISTINGS))
def test_off_a_terminal_the_default_is_json_and_every_table_column_has_a_header(
    analyst_url: URL, name: str
) -> None:
    assert run(analyst_url, *LISTINGS[name][0]).stdout == listing(analyst_url, name, "json").stdout
    table = listing(analyst_url, name, "table").stdout
    [header] = [line for line in table.splitlines() if line.startswith("┃")]
    headers = [cell.strip() for cell in header.strip("┃").split("┃")]
    assert len(headers) >= 4 and all(headers), headers


def test_the_compare_table_shows_units_marks_and_signed_gaps(analyst_url: URL) -> None:
    table = run(analyst_url, *LISTINGS["compare"][0], "--table").stdout
    [pinggu] = cli_tests.lines_with(table, "平谷区")
    assert [c.strip() for c in pinggu.strip("│").split("│")] == [
        "3",
        "平谷区",
        PINGGU,
        "37",
        "+2",
        "全年",
        "▼ worst",
    ]
    assert "value (微克/立方米)" in table and "3 districts reporting; median 35" in table


# ------------------------------------------------------------------ compare's default year


def add_value(engine: Engine, region: str, year: int, *, partial: bool = False, **columns: Any) -> None:
    """An invented document of ``region`` and ``year`` with one PM2.5 value (a first-half value
    when ``partial``); ``columns`` override the observation's metric, measure, kind, value."""
    row = {"metric": "pm25_concentration", "measure": "level", "kind": "actual", "value": 30, **columns}
    sha = hashlib.sha256(f"{region}{year}{partial}{sorted(row.items())}".encode()).hexdigest()
    with engine.begin() as conn:
        document = conn.scalar(
            text(
                "INSERT INTO documents (source_sha256, source_name, genre, region_code, year, original_text) "
                "VALUES (:sha, :name, 'perf_self_report', :r, :y, '…') RETURNING id"
            ),
            {"sha": sha, "name": f"{region}_{year}.txt", "r": region, "y": year},
        )
        conn.execute(
            text(
                "INSERT INTO observations (document_id, region_code, year, label, metric_code, measure, "
                "kind, value, unit, raw_value, raw_unit, span_start, span_end, snippet, period_label, "
                "period_start, period_end) VALUES (:d, :r, :y, 'PM2.5', :metric, :measure, :kind, :value, "
                "'微克/立方米', :value, '微克/立方米', 0, 1, '…', :label, :start, :end)"
            ),
            {
                **row,
                "d": document,
                "r": region,
                "y": year,
                "label": "上半年" if partial else None,
                "start": f"{year}-01-01" if partial else None,
                "end": f"{year}-06-30" if partial else None,
            },
        )


DEFAULT_YEARS = [
    (
        "a later single partial value loses",
        [(HUAIROU, 2021, False), (PINGGU, 2021, False), (YANQING, 2022, True)],
        2021,
    ),
    (
        "more regions beat a later year",
        [(HUAIROU, 2021, False), (PINGGU, 2021, False), (YANQING, 2022, False)],
        2021,
    ),
    ("a tie goes to the later year", [(HUAIROU, 2021, False), (PINGGU, 2022, False)], 2022),
    (
        "one annual beats two partial",
        [(HUAIROU, 2021, False), (PINGGU, 2022, True), (YANQING, 2022, True)],
        2021,
    ),
    (
        "only partial: the most regions",
        [(HUAIROU, 2021, True), (YANQING, 2021, True), (PINGGU, 2022, True)],
        2021,
    ),
]


@pytest.mark.parametrize(
    ("values", "year"), [c[1:] for c in DEFAULT_YEARS], ids=[c[0] for c in DEFAULT_YEARS]
)
def test_compare_without_year_picks_the_year_most_regions_report_a_whole_year(
    db_url: URL, db_engine: Engine, values: list[tuple[str, int, bool]], year: int
) -> None:
    for region, value_year, partial in values:
        add_value(db_engine, region, value_year, partial=partial)
    records = json.loads(run(db_url, "compare", "pm25_concentration", "--json").stdout)
    assert {r["year"] for r in records} == {year}
    assert len(records) == sum(1 for _r, y, _p in values if y == year)
    table = run(db_url, "compare", "pm25_concentration", "--table").stdout
    assert f"{year} · level · actual" in table
    assert f"{year}: the latest year with the most regions reporting" in " ".join(table.split())


HELPFUL_ERRORS = [
    (
        "other kinds",
        [
            (HUAIROU, 2021, {"kind": "estimate"}),
            (PINGGU, 2021, {"kind": "estimate"}),
            (YANQING, 2022, {"kind": "target"}),
        ],
        [],
        "no region reports pm25_concentration (level, actual) in any year; "
        "3 estimate and target values exist: try --kind estimate",
    ),
    (
        "other years",
        [(HUAIROU, 2021, {}), (PINGGU, 2022, {})],
        ["--year", "2019"],
        "no region reports pm25_concentration (level, actual) for 2019; it has values for 2021, 2022: "
        "try --year 2022",
    ),
    (
        "another measure",
        [(HUAIROU, 2021, {"measure": "change_pct"})],
        [],
        "no region reports pm25_concentration (level, actual) in any year; "
        "1 change_pct value exists: try --measure change_pct",
    ),
    (
        "another measure and kind",
        [(HUAIROU, 2021, {"measure": "change_pct", "kind": "target"})],
        ["--year", "2021"],
        "no region reports pm25_concentration (level, actual) for 2021; "
        "values exist as 1 change_pct target: try --measure change_pct --kind target",
    ),
    ("nothing", [], [], "no region reports pm25_concentration in any year (see: govperf unmapped)"),
]


@pytest.mark.parametrize(
    ("values", "args", "message"), [c[1:] for c in HELPFUL_ERRORS], ids=[c[0] for c in HELPFUL_ERRORS]
)
def test_compare_says_which_kinds_measures_and_years_exist(
    db_url: URL,
    db_engine: Engine,
    values: list[tuple[str, int, dict[str, str]]],
    args: list[str],
    message: str,
) -> None:
    for region, year, columns in values:
        add_value(db_engine, region, year, **columns)
    result = run(db_url, "compare", "pm25_concentration", *args, "--json")
    assert (result.exit_code, result.stdout, result.output) == (1, "", f"Error: {message}\n")


# ------------------------------------------------------------------ undo


def documents_by_file(url: URL) -> dict[str, dict[str, Any]]:
    return {r["source_name"]: r for r in json.loads(run(url, "documents", "--json").stdout)}


def test_documents_remove_removes_with_tasks_and_observations_and_says_what(db_url: URL) -> None:
    engine = cli_tests.load_fixtures(db_url, "pinggu_2019_h1_perf_tasks.txt", "huairou_2019_self_report.txt")
    before = documents_by_file(db_url)
    table = before["pinggu_2019_h1_perf_tasks.txt"]
    result = run(db_url, "documents", "remove", str(table["document_id"]))
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"removed document {table['document_id']}: pinggu_2019_h1_perf_tasks.txt part 1, "
        f"平谷区 110117, 2019, perf_task_progress_table "
        f"(5 tasks, {table['observation_count']} observations)\n"
    )
    assert set(documents_by_file(db_url)) == {"huairou_2019_self_report.txt"}
    with engine.connect() as conn:
        left = [
            conn.scalar(text(f"SELECT count(*) FROM {t} WHERE document_id = :d"), {"d": table["document_id"]})
            for t in ("tasks", "observations", "category_results")
        ]
    assert left == [0, 0, 0]
    again = run(db_url, "import", "--silent", str(cli_tests.FIXTURES / "pinggu_2019_h1_perf_tasks.txt"))
    assert again.exit_code == 0 and "imported" in again.output  # the same bytes load again
    engine.dispose()


def test_documents_remove_with_an_unknown_id_removes_nothing(db_url: URL) -> None:
    cli_tests.load_fixtures(db_url, "huairou_2018_self_report.txt", "yanqing_2018_self_report.txt").dispose()
    listed = documents_by_file(db_url).values()
    ids = sorted(r["document_id"] for r in listed)
    result = run(db_url, "documents", "remove", str(ids[0]), "99999", str(ids[1]))
    assert (result.exit_code, result.output) == (
        1,
        "Error: no document 99999 (see: govperf documents); nothing removed\n",
    )
    assert sorted(r["document_id"] for r in documents_by_file(db_url).values()) == ids
    both = run(db_url, "documents", "remove", *map(str, ids))
    observations = sum(r["observation_count"] for r in listed)
    assert both.output.splitlines()[-1] == f"2 documents removed (0 tasks, {observations} observations)"
    assert documents_by_file(db_url) == {}


def test_alias_list_and_remove_round_trip(db_url: URL) -> None:
    engine = cli_tests.load_fixtures(db_url, "huairou_2018_self_report.txt", "yanqing_2018_self_report.txt")
    assert run(db_url, "alias", "list", "--json").stdout == "[]\n"
    assert run(db_url, "alias", "add", "新增城乡就业", "new_jobs").exit_code == 0
    assert json.loads(run(db_url, "alias", "list", "--json").stdout) == [
        {"alias": "新增城乡就业", "metric_code": "new_jobs", "metric_name": "城乡新增就业", "observations": 2}
    ]
    assert len(cli_tests.new_jobs_series(engine)) == 2
    result = run(db_url, "alias", "remove", "新增城乡就业")
    assert (result.exit_code, result.output) == (
        0,
        "alias 新增城乡就业 → new_jobs removed; 2 observations re-mapped (2 to no metric)\n",
    )
    assert cli_tests.new_jobs_series(engine) == {}
    assert run(db_url, "alias", "list", "--json").stdout == "[]\n"
    unmapped = json.loads(run(db_url, "unmapped", "--json").stdout)
    assert {r["label"]: r["observations"] for r in unmapped}["新增城乡就业"] == 2
    engine.dispose()


def pm25(engine: Engine) -> list[tuple[str, int, Decimal, str]]:
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT region_code, year, value, metric_code FROM observations "
                "WHERE label LIKE '%PM2.5%' ORDER BY region_code, year, value"
            )
        )
        return [tuple(r) for r in rows]


def test_alias_remove_gives_observations_back_to_the_builtin_alias(db_url: URL) -> None:
    engine = cli_tests.load_fixtures(db_url, "huairou_2019_self_report.txt", "pinggu_2019_self_report.txt")
    before = pm25(engine)
    assert before and {r[3] for r in before} == {"pm25_concentration"}
    added = run(db_url, "alias", "add", "PM2.5年均浓度", "heavy_pollution_days")  # longer than PM2.5
    assert added.exit_code == 0, added.output
    assert {r[3] for r in pm25(engine)} == {"heavy_pollution_days"}
    result = run(db_url, "alias", "remove", "PM2.5年均浓度")
    n = len(before)
    assert result.output == (
        f"alias PM2.5年均浓度 → heavy_pollution_days removed; {n} observations re-mapped "
        f"({n} to pm25_concentration)\n"
    )
    assert pm25(engine) == before
    engine.dispose()


@pytest.mark.parametrize(
    ("label", "message"),
    [
        (
            "PM2.5",
            "Error: 'PM2.5' is a builtin alias of pm25_concentration (govperf/data/metrics.yaml); "
            "only aliases added with govperf alias add can be removed\n",
        ),
        ("不存在的说法", "Error: no alias '不存在的说法' (see: govperf alias list)\n"),
    ],
    ids=["builtin", "unknown"],
)
def test_alias_remove_refuses_builtin_and_unknown_aliases(db_url: URL, label: str, message: str) -> None:
    result = run(db_url, "alias", "remove", label)
    assert (result.exit_code, result.output) == (1, message)


def test_the_import_summary_names_regions_and_keeps_files_of_one_name_apart(tmp_path: Path) -> None:
    for folder, fixture in (
        ("怀柔", "huairou_2018_self_report.txt"),
        ("延庆", "yanqing_2018_self_report.txt"),
    ):
        (tmp_path / folder).mkdir()
        shutil.copy(cli_tests.FIXTURES / fixture, tmp_path / folder / "report.txt")
    result = CliRunner().invoke(cli, ["import", "--dry-run", "--silent", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].strip() == f"in {tmp_path}"
    [huairou] = cli_tests.lines_with(result.output, "怀柔/report.txt")
    [yanqing] = cli_tests.lines_with(result.output, "延庆/report.txt")
    assert "怀柔区 110116" in huairou and "延庆区 110119" in yanqing
    [header] = [line for line in result.output.splitlines() if line.startswith("┃")]
    assert [c.strip() for c in header.strip("┃").split("┃")][:3] == ["file", "genre", "region"]


FITS = [
    ("fits: each column its own width", [5, 20, 4], [False, True, False], 40, [None, None, None]),
    ("the free text narrows", [5, 30, 4], [False, True, False], 25, [None, 16, None]),
    ("widest free text first", [5, 30, 20], [False, True, True], 40, [None, 17, 18]),
    ("never below 10", [5, 30, 4], [False, True, False], 12, [None, 10, None]),
    ("a short free text stays whole", [5, 8, 40], [False, True, True], 30, [None, None, 17]),
]


@pytest.mark.parametrize(
    ("natural", "wraps", "room", "widths"), [c[1:] for c in FITS], ids=[c[0] for c in FITS]
)
def test_a_table_on_a_narrow_terminal_narrows_free_text_first(
    natural: list[int], wraps: list[bool], room: int, widths: list[int | None]
) -> None:
    assert fit_widths(natural, wraps, room) == widths


def test_compare_marks_best_and_worst_within_each_region_level(db_url: URL, db_engine: Engine) -> None:
    for region, value in ((HUAIROU, 30), (PINGGU, 40), ("330000", 25)):  # two districts, a province
        add_value(db_engine, region, 2021, value=value)
    records = json.loads(run(db_url, "compare", "pm25_concentration", "--json").stdout)
    assert [(r["district_code"], r["region_level"], r["rank_in_year"], r["mark"]) for r in records] == [
        (HUAIROU, "county", 1, "best"),
        (PINGGU, "county", 2, "worst"),
        ("330000", "province", 1, "best"),  # alone at its level: ranked against no district
    ]
    table = run(db_url, "compare", "pm25_concentration", "--table").stdout
    [header] = [line for line in table.splitlines() if line.startswith("┃")]
    assert [c.strip() for c in header.strip("┃").split("┃")][:2] == ["level", "rank"]
    assert "ranked within each region level and breakdown: 2 county total, 1 province total" in table
