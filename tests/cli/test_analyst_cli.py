"""The analyst commands through CliRunner: compare, series, metrics, unmapped, alias add, export,
grant-reader — on the fixture documents of tests/fixtures/analyst (and the shared corpus)."""

from __future__ import annotations

import csv
import io
import json
import uuid
from decimal import Decimal
from pathlib import Path

import analyst_data as loaded
import pytest
from click.testing import CliRunner, Result
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, Engine
from sqlalchemy.exc import ProgrammingError

from govperf.cli import cli
from govperf.cli import db as cli_module
from govperf.db import aliases
from govperf.db.config import libpq_url
from govperf.db.views import VIEWS
from govperf.load.importer import import_paths
from govperf.load.results import ImportOptions

analyst_url = loaded.analyst_url  # the fixture documents, imported once for this module
FIXTURES = loaded.FIXTURES
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"


def run(url: URL, *args: str, env: dict[str, str] | None = None, input: str | None = None) -> Result:
    return CliRunner().invoke(
        cli, ["--database-url", libpq_url(url, show_password=True), *args], env=env, input=input
    )


def lines_with(output: str, word: str) -> list[str]:
    return [line for line in output.splitlines() if word in line]


def test_compare_prints_districts_units_ranks_best_and_worst(analyst_url: URL) -> None:
    result = run(analyst_url, "compare", "pm25_concentration", "--year", "2019", "--table")
    assert result.exit_code == 0, result.output
    assert "value (微克/立方米)" in result.output
    assert "lower is better" in result.output
    [yanqing] = lines_with(result.output, "延庆区")
    [huairou] = lines_with(result.output, "怀柔区")
    [pinggu] = lines_with(result.output, "平谷区")
    assert yanqing.split()[1:6] == ["1", "│", "延庆区", "│", "110119"] and "★ best" in yanqing
    assert " 31 " in yanqing and " 37 " in pinggu
    assert "▼ worst" in pinggu and "best" not in huairou and "worst" not in huairou
    assert "3 districts reporting; median 35" in result.output


@pytest.mark.parametrize("name", ["一般公共预算收入", "区级一般公共预算收入", "general_budget_revenue"])
def test_compare_accepts_a_code_a_chinese_name_or_an_alias(analyst_url: URL, name: str) -> None:
    result = run(analyst_url, "compare", name, "--year", "2018", "--measure", "change_pct", "--table")
    assert result.exit_code == 0, result.output
    assert "value (%)" in result.output
    [huairou] = lines_with(result.output, "怀柔区")
    assert " 6.1 " in huairou and "★ best" in huairou


def test_compare_defaults_to_the_latest_year_and_kind_selects_targets(analyst_url: URL) -> None:
    result = run(analyst_url, "compare", "pm25_concentration", "--kind", "target", "--table")
    assert result.exit_code == 0, result.output
    assert "2020 · level · target" in result.output
    assert " 30 " in lines_with(result.output, "延庆区")[0]


@pytest.mark.parametrize(
    "args, message",
    [
        (["compare", "no_such_metric"], "Error: unknown metric 'no_such_metric' (see: govperf metrics)"),
        (
            ["compare", "pm25_concentration", "--year", "2001"],
            "Error: no region reports pm25_concentration (level, actual) for 2001; "
            "it has values for 2018, 2019: try --year 2019",
        ),
        (["series", "gdp", "--district", "火星区"], "Error: unknown region '火星区'"),
        (
            ["series", "gdp", "--district", "通州区"],
            "Error: 通州区 is ambiguous: 110112 北京市通州区, 320612 江苏省南通市通州区; give the code",
        ),
    ],
)
def test_analyst_errors_are_one_line(analyst_url: URL, args: list[str], message: str) -> None:
    result = run(analyst_url, *args)
    assert result.exit_code == 1
    assert result.output.startswith(message)
    assert result.output.count("\n") == 1


def test_series_shows_actual_estimate_and_target_by_year(analyst_url: URL) -> None:
    args = ("series", "一般公共预算收入", "--district", "延庆", "--measure", "change_pct", "--table")
    result = run(analyst_url, *args)
    assert result.exit_code == 0, result.output
    rows = {line.split()[1]: line.split() for line in result.output.splitlines() if "change_pct" in line}
    assert set(rows) == {"2018", "2019", "2020"}
    assert rows["2018"][7] == "5"  # actual
    assert rows["2019"][7:12] == ["7.2", "│", "7.2", "│", "│"]  # actual and estimate, no target
    assert rows["2020"][7:12] == ["│", "│", "5", "│", "│"]  # only the target


def test_metrics_lists_aliases_and_observation_counts(analyst_url: URL) -> None:
    result = run(analyst_url, "metrics", "--table")
    assert result.exit_code == 0
    [pm25] = lines_with(result.output, "pm25_concentration")
    assert "微克/立方米" in pm25 and "lower" in pm25
    with create_engine(analyst_url).connect() as conn:
        count = conn.scalar(
            text("SELECT count(*) FROM observations WHERE metric_code = 'pm25_concentration'")
        )
    assert f" {count} " in pm25
    assert "PM2.5、" in pm25  # the aliases, folded over several lines


def test_unmapped_lists_labels_most_frequent_first_with_an_example(analyst_url: URL) -> None:
    result = run(analyst_url, "unmapped", "--table")
    assert result.exit_code == 0
    [jobs] = lines_with(result.output, "新增城乡就业")
    assert " 2 " in jobs and "全年新增城乡就业" in jobs
    body = [line for line in result.output.splitlines() if line.startswith("│")]
    counts = [int(line.split("│")[2]) for line in body if line.split("│")[2].strip()]
    assert counts == sorted(counts, reverse=True)


def load_fixtures(url: URL, *names: str) -> Engine:
    engine = create_engine(url)
    report = import_paths(engine, [str(FIXTURES / name) for name in names], ImportOptions())
    assert not report.failed
    return engine


def new_jobs_series(engine: Engine) -> dict[tuple[str, int], tuple[Decimal, str]]:
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT district_code, year, value, unit FROM v_metric_series "
                "WHERE metric_code = 'new_jobs' AND measure = 'level' AND kind = 'actual'"
            )
        ).all()
    return {(r.district_code, r.year): (r.value, r.unit) for r in rows}


def test_alias_add_remaps_old_observations_converting_units(db_url: URL) -> None:
    engine = load_fixtures(db_url, "huairou_2018_self_report.txt", "yanqing_2018_self_report.txt")
    assert new_jobs_series(engine) == {}
    with engine.begin() as conn:  # an exclusion of new_jobs keeps a look-alike label unmapped
        conn.execute(
            text(
                "INSERT INTO metric_exclusions (metric_code, phrase, source) "
                "VALUES ('new_jobs', '外地', 'user')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO observations (document_id, region_code, year, label, measure, kind, value, "
                "unit, raw_value, raw_unit, span_start, span_end, snippet) SELECT id, region_code, year, "
                "'外地来京人员新增城乡就业', 'level', 'actual', 3, '万人', 3, '万人', 0, 1, '…' "
                "FROM documents WHERE region_code = '110116'"
            )
        )
    result = run(db_url, "alias", "add", "新增城乡就业", "城乡新增就业")
    assert result.exit_code == 0, result.output
    assert result.output == "alias 新增城乡就业 → new_jobs (城乡新增就业); 2 observations re-mapped\n"
    assert new_jobs_series(engine) == {
        ("110116", 2018): (Decimal("0.6"), "万人"),
        ("110119", 2018): (Decimal("0.86"), "万人"),  # 8600人
    }
    with engine.connect() as conn:
        source = conn.scalar(text("SELECT source FROM metric_aliases WHERE alias = '新增城乡就业'"))
        excluded = conn.scalar(text("SELECT metric_code FROM observations WHERE label LIKE '外地%'"))
    assert (source, excluded) == ("user", None)
    engine.dispose()


def test_alias_add_keeps_a_more_specific_alias(db_url: URL) -> None:
    engine = load_fixtures(db_url, "huairou_2019_self_report.txt")
    result = run(db_url, "alias", "add", "新增就业", "gdp")  # 城乡新增就业 is longer and stays new_jobs
    assert result.exit_code == 0, result.output
    assert result.output.endswith("; 0 observations re-mapped\n")
    assert new_jobs_series(engine) == {("110116", 2019): (Decimal("0.65"), "万人")}
    engine.dispose()


def export(url: URL, *args: str) -> Result:
    return run(url, "export", *args)


def test_export_csv_with_filters_and_bom(analyst_url: URL) -> None:
    result = export(
        analyst_url,
        "v_metric_comparison",
        "--where",
        "metric_code=pm25_concentration",
        "--where",
        "year=2019",
        "--where",
        "measure=level",
        "--where",
        "kind=actual",
        "--bom",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("\ufeffmetric_code,")
    rows = list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert sorted((r["district_name"], r["value"], r["rank_in_year"]) for r in rows) == [
        ("平谷区", "37", "3"),
        ("延庆区", "31", "1"),
        ("怀柔区", "35", "2"),
    ]


def test_export_jsonl_to_a_file(analyst_url: URL, tmp_path: Path) -> None:
    target = tmp_path / "completion.jsonl"
    result = export(
        analyst_url,
        "v_task_completion",
        "--format",
        "jsonl",
        "--where",
        "district_name=平谷区",
        "-o",
        str(target),
    )
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 10  # 5 categories × 2018, 2019
    assert {r["district_code"] for r in records} == {"110117"}
    assert all(isinstance(r["completion_rate"], float | int) for r in records)
    assert "10 rows of v_task_completion written to" in result.output


@pytest.mark.parametrize("hostile", ["x' OR 1=1 --", "2019; DROP TABLE documents", "' OR ''='"])
def test_export_filter_values_are_bound_parameters(analyst_url: URL, hostile: str) -> None:
    result = export(analyst_url, "v_documents", "--where", f"year={hostile}", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    with create_engine(analyst_url).connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM documents")) == 8


@pytest.mark.parametrize(
    "args, message",
    [
        (["v_documents", "--where", "year"], "write it as column=value"),
        (["v_documents", "--where", "1=1 OR year=2019"], "v_documents has no column '1'"),
        (["v_documents", "--where", 'year" OR "1=1'], "has no column"),
        (["documents"], "'documents' is not one of 'v_documents'"),
    ],
)
def test_export_rejects_unknown_columns_and_views(analyst_url: URL, args: list[str], message: str) -> None:
    result = export(analyst_url, *args)
    assert result.exit_code != 0
    assert message in result.output


def test_export_parquet_needs_pyarrow(analyst_url: URL, tmp_path: Path) -> None:
    target = tmp_path / "x.parquet"
    result = export(analyst_url, "v_coverage", "--format", "parquet", "-o", str(target))
    try:
        import pyarrow.parquet as pq  # type: ignore[import-not-found]
    except ImportError:
        assert result.exit_code == 1
        assert "parquet export needs pyarrow: pip install pyarrow" in result.output
        return
    assert result.exit_code == 0
    assert pq.read_table(target).num_rows > 0


def test_every_public_view_exports(analyst_url: URL) -> None:
    for view in VIEWS:
        result = export(analyst_url, view, "--format", "jsonl")
        assert result.exit_code == 0, (view, result.output)
        assert result.stdout.count("\n") > 0, view


def test_grant_reader_reads_the_password_from_the_environment_and_never_echoes_it(
    db_url: URL, db_engine: Engine
) -> None:
    name = f"bi_{uuid.uuid4().hex[:8]}"
    secret = f"s3cret-{uuid.uuid4().hex[:6]}"
    try:
        result = run(db_url, "grant-reader", name, env={"GOVPERF_READER_PASSWORD": secret})
        assert result.exit_code == 0, result.output
        assert result.output.startswith(f"created login {name} in role govperf_reader\n")
        assert secret not in result.output
        reader = create_engine(db_url.set(username=name, password=secret))
        with reader.connect() as conn:
            for view in VIEWS:
                conn.execute(text(f"SELECT * FROM {view} LIMIT 1")).all()
            conn.execute(text("SELECT * FROM metrics LIMIT 1")).all()
        for table in ("documents", "observations", "tasks", "category_results", "alembic_version"):
            with reader.connect() as conn, pytest.raises(ProgrammingError, match="permission denied"):
                conn.execute(text(f"SELECT 1 FROM govperf_private.{table} LIMIT 1"))
        reader.dispose()
    finally:
        with db_engine.begin() as conn:
            conn.execute(text(f'DROP ROLE IF EXISTS "{name}"'))


def test_grant_reader_prompts_for_a_new_login_without_echo(db_url: URL, db_engine: Engine) -> None:
    name = f"bi_{uuid.uuid4().hex[:8]}"
    try:
        result = run(db_url, "grant-reader", name, input="pw-typed\npw-typed\n")
        assert result.exit_code == 0, result.output
        assert "pw-typed" not in result.output
        assert f"created login {name}" in result.output
    finally:
        with db_engine.begin() as conn:
            conn.execute(text(f'DROP ROLE IF EXISTS "{name}"'))


def test_grant_reader_prints_metabase_and_superset_settings(capsys: pytest.CaptureFixture[str]) -> None:
    url = URL.create("postgresql+psycopg", "govperf", "owner-secret", "localhost", 5432, "govperf")
    cli_module._print_bi_settings(url, "metabase")
    out = capsys.readouterr().out
    assert "Host:" in out and "localhost" in out and "Port:" in out and "5432" in out
    settings = dict(line.strip().split(":", 1) for line in out.splitlines()[1:7])
    assert {k: v.strip() for k, v in settings.items()} == {
        "Database type": "PostgreSQL",
        "Host": "localhost",
        "Port": "5432",
        "Database name": "govperf",
        "Username": "metabase",
        "Password": "the one just set (not shown)",
    }
    assert "postgresql+psycopg2://metabase:<password>@localhost:5432/govperf" in out
    assert "host is: db" in out
    assert "owner-secret" not in out
    socket = URL.create(
        "postgresql+psycopg", "postgres", None, None, 5432, "govperf", query={"host": "/tmp/x"}
    )
    cli_module._print_bi_settings(socket, "metabase")
    assert capsys.readouterr().out == ""  # BI tools cannot reach a Unix socket


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus (../shared/corpus) is not here")
def test_compare_pm25_2019_on_the_shared_corpus(db_url: URL) -> None:
    engine = create_engine(db_url)
    report = import_paths(engine, [str(CORPUS)], ImportOptions())
    assert not report.failed
    with engine.connect() as conn:
        reported = conn.execute(
            text(
                "SELECT district_name, value, rank_in_year FROM v_metric_comparison "
                "WHERE metric_code = 'pm25_concentration' AND year = 2019 AND measure = 'level' "
                "AND kind = 'actual'"
            )
        ).all()
    engine.dispose()
    assert reported, "the corpus has PM2.5 for 2019"
    result = run(db_url, "compare", "pm25_concentration", "--year", "2019", "--table")
    assert result.exit_code == 0, result.output
    assert "value (微克/立方米)" in result.output
    for name, value, rank in reported:
        [line] = lines_with(result.output, name)
        assert f" {value.normalize():f} " in line
        assert line.split()[1] == str(rank)


def test_the_readme_examples_import_and_compare(db_url: URL) -> None:
    examples = Path(__file__).resolve().parents[2] / "examples"
    result = run(db_url, "import", str(examples), "--silent")
    assert result.exit_code == 0, result.output
    result = run(db_url, "compare", "pm25_concentration", "--table")
    assert result.exit_code == 0, result.output
    assert "2020 · level · actual" in result.output
    assert [line.split()[1] for line in result.output.splitlines() if "1101" in line] == ["1", "2", "3"]
    assert "3 districts reporting" in result.output


def test_user_aliases_apply_to_documents_imported_later(db_url: URL) -> None:
    engine = load_fixtures(db_url, "huairou_2018_self_report.txt", "yanqing_2018_self_report.txt")
    assert new_jobs_series(engine) == {}  # the extractor knows only the builtin aliases
    with engine.begin() as conn:  # an alias stored without re-mapping (as a bare INSERT would)
        conn.execute(
            text("INSERT INTO metric_aliases (alias, metric_code, source) VALUES (:a, 'new_jobs', 'user')"),
            {"a": "新增城乡就业"},
        )
    assert new_jobs_series(engine) == {}
    with engine.begin() as conn:
        huairou = conn.scalar(text("SELECT id FROM documents WHERE region_code = '110116'"))
        assert aliases.apply_user_aliases(conn, [huairou]) == 1
    assert new_jobs_series(engine) == {("110116", 2018): (Decimal("0.6"), "万人")}
    assert run(db_url, "alias", "apply").output == "1 observations re-mapped\n"
    assert new_jobs_series(engine)[("110119", 2018)] == (Decimal("0.86"), "万人")
    engine.dispose()
