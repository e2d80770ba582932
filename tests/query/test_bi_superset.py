"""``govperf bi superset``: a bundle Superset's "Import dashboards" accepts — YAML that parses,
UUID references that resolve, every dataset column present in its view (information_schema of a
real database), descriptions from the COMMENTs, saved metrics and chart filters that run as the
reader role; and, when a Python with Superset is at hand, a real import."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path
from typing import Any

import analyst_data as loaded
import pytest
import yaml
from click.testing import CliRunner
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

from govperf.cli.group import cli
from govperf.db.config import libpq_url
from govperf.db.views import READER_ROLE
from govperf.query.superset import verbose_name

analyst_url = loaded.analyst_url  # the invented analyst fixture documents, imported once


@pytest.fixture(scope="module")
def bundle(analyst_url: URL, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bi") / "govperf-superset.zip"
    args = ["--database-url", libpq_url(analyst_url, show_password=True), "bi", "superset", "-o", str(path)]
    result = CliRunner().invoke(cli, [*args, "--host", "db", "--login", "superset"])
    assert result.exit_code == 0, result.output
    assert re.search(
        r"wrote .*: database govperf \(postgresql\+psycopg2://superset@db:\d+/\w+\), \d+ datasets, 3 charts",
        result.output,
    )
    return path


def read(bundle: Path) -> dict[str, dict[str, Any]]:
    """Path inside the top folder → parsed YAML."""
    with zipfile.ZipFile(bundle) as archive:
        names = archive.namelist()
        assert len({name.split("/", 1)[0] for name in names}) == 1  # one top folder, as Superset exports
        return {name.split("/", 1)[1]: yaml.safe_load(archive.read(name)) for name in names}


def of_kind(files: dict[str, dict[str, Any]], folder: str) -> list[dict[str, Any]]:
    return [content for path, content in files.items() if path.startswith(f"{folder}/")]


def test_the_bundle_holds_one_database_a_dataset_per_view_and_a_dashboard(bundle: Path) -> None:
    files = read(bundle)
    assert files["metadata.yaml"]["type"] == "Dashboard" and files["metadata.yaml"]["version"] == "1.0.0"
    [database] = of_kind(files, "databases")
    datasets, charts, dashboards = (of_kind(files, k) for k in ("datasets", "charts", "dashboards"))
    assert len(datasets) >= 8 and len(charts) == 3 and len(dashboards) == 1
    uri = make_url(database["sqlalchemy_uri"])
    assert (uri.username, uri.password, uri.host, uri.database) == ("superset", None, "db", uri.database)
    # every UUID is unique and every reference resolves
    uuids = [item["uuid"] for item in (database, *datasets, *charts, *dashboards)]
    assert len(set(uuids)) == len(uuids)
    assert {d["database_uuid"] for d in datasets} == {database["uuid"]}
    assert {c["dataset_uuid"] for c in charts} <= {d["uuid"] for d in datasets}
    placed = {
        item["meta"]["uuid"]
        for item in dashboards[0]["position"].values()
        if isinstance(item, dict) and item.get("type") == "CHART"
    }
    assert placed == {c["uuid"] for c in charts}


def view_catalogue(url: URL) -> dict[str, tuple[str | None, dict[str, tuple[str, str | None]]]]:
    """View → (its comment, column → (type, comment)), from the database itself."""
    engine = create_engine(url)
    query = text(
        "SELECT c.table_name, obj_description(CAST(c.table_name AS regclass), 'pg_class'), c.column_name,"
        " c.data_type, col_description(CAST(c.table_name AS regclass), c.ordinal_position::int)"
        " FROM information_schema.columns c JOIN information_schema.views v"
        " ON v.table_schema = c.table_schema AND v.table_name = c.table_name"
        " WHERE c.table_schema = 'public'"
    )
    found: dict[str, tuple[str | None, dict[str, tuple[str, str | None]]]] = {}
    try:
        with engine.connect() as conn:
            for view, view_comment, column, data_type, comment in conn.execute(query):
                found.setdefault(view, (view_comment, {}))[1][column] = (data_type, comment)
    finally:
        engine.dispose()
    return found


def test_every_dataset_matches_its_view_and_carries_its_comments(bundle: Path, analyst_url: URL) -> None:
    catalogue = view_catalogue(analyst_url)
    datasets = {d["table_name"]: d for d in of_kind(read(bundle), "datasets")}
    assert set(datasets) == set(catalogue)
    for name, dataset in datasets.items():
        view_comment, columns = catalogue[name]
        assert dataset["schema"] == "public" and dataset["description"] == view_comment
        assert dataset["main_dttm_col"] == "year_start"
        assert [c["column_name"] for c in dataset["columns"]] == list(columns)
        for column in dataset["columns"]:
            data_type, comment = columns[column["column_name"]]
            assert column["description"] == comment
            assert column["is_dttm"] == (data_type in ("date", "timestamp with time zone"))
            assert " / " in column["verbose_name"] and len(column["verbose_name"]) < 60, column


def test_saved_metrics_and_chart_filters_run_as_the_reader(bundle: Path, analyst_url: URL) -> None:
    files = read(bundle)
    datasets = {d["uuid"]: d for d in of_kind(files, "datasets")}
    engine = create_engine(analyst_url)
    try:
        with engine.connect() as conn:
            conn.execute(text(f"SET ROLE {READER_ROLE}"))
            for dataset in datasets.values():
                assert dataset["metrics"], dataset["table_name"]
                for metric in dataset["metrics"]:
                    conn.execute(text(f"SELECT {metric['expression']} FROM {dataset['table_name']}")).one()
            for chart in of_kind(files, "charts"):
                dataset = datasets[chart["dataset_uuid"]]
                columns = {c["column_name"] for c in dataset["columns"]}
                params = chart["params"]
                used = {
                    params["x_axis"],
                    *params["groupby"],
                    *(f["subject"] for f in params["adhoc_filters"]),
                }
                assert used <= columns, chart["slice_name"]
                assert set(params["metrics"]) <= {m["metric_name"] for m in dataset["metrics"]}
                equal = [f for f in params["adhoc_filters"] if f["operator"] == "=="]
                where = " AND ".join(f"CAST({f['subject']} AS text) = :v{i}" for i, f in enumerate(equal))
                values = {f"v{i}": str(f["comparator"]) for i, f in enumerate(equal)}
                regions = conn.scalar(
                    text(
                        f"SELECT count(DISTINCT {params['x_axis']}) FROM {dataset['table_name']}"
                        f" WHERE {where or 'true'}"
                    ),
                    values,
                )
                assert regions >= 2, (chart["slice_name"], values)  # the defaults pick data to show
            conn.rollback()
    finally:
        engine.dispose()


VERBOSE_CASES = [
    # (comment, verbose name)
    ("地区名称 / Region name", "地区名称 / Region name"),
    (
        "报告年度 / Year the document reports on (NULL when unknown)",
        "报告年度 / Year the document reports on",
    ),
    ("度量:level 水平 / change_pct 增速% — Measure", "度量 / Measure"),
    ("完成率(0-1) / Share of tasks done, 0 to 1", "完成率 / Share of tasks done"),
    (
        "年度排名 / Rank among the regions of the same level and breakdown",
        "年度排名 / Rank among the regions of the same…",
    ),
    ("no translation", "fallback"),
    (None, "fallback"),
]


@pytest.mark.parametrize(("comment", "expected"), VERBOSE_CASES, ids=[str(c) for c, _ in VERBOSE_CASES])
def test_verbose_names_are_short_and_bilingual(comment: str | None, expected: str) -> None:
    assert verbose_name(comment, "fallback") == expected


def test_an_unwritable_output_is_one_line(analyst_url: URL, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "x.zip"
    url = libpq_url(analyst_url, show_password=True)
    result = CliRunner().invoke(cli, ["--database-url", url, "bi", "superset", "-o", str(target)])
    assert result.exit_code == 1 and result.output.count("\n") == 1
    assert result.output.startswith(f"Error: {target}: No such file or directory")


# --- a real Superset ---------------------------------------------------------------------------


def superset_python() -> str | None:
    """A Python with Superset: GOVPERF_SUPERSET_PYTHON (a separate venv, docs/bi.md), or this one."""
    configured = os.environ.get("GOVPERF_SUPERSET_PYTHON")
    if configured:
        return configured
    return sys.executable if importlib.util.find_spec("superset") else None


ADMIN = ["--email", "admin@example.org", "--password", "not-a-secret"]
IMPORT_SCRIPT = textwrap.dedent(
    """
    import sys
    from superset.app import create_app
    app = create_app()
    with app.app_context():
        from superset import db, security_manager
        from superset.commands.dashboard.importers.dispatcher import ImportDashboardsCommand
        from superset.models.dashboard import Dashboard
        from superset.models.slice import Slice
        from superset.connectors.sqla.models import SqlaTable
        from superset.utils.core import override_user
        admin = security_manager.find_user("admin")
        with open(sys.argv[1], "rb") as f, override_user(admin):
            from superset.commands.importers.v1.utils import get_contents_from_bundle
            import zipfile
            contents = get_contents_from_bundle(zipfile.ZipFile(f))
            ImportDashboardsCommand(contents, overwrite=True).run()
        table = db.session.query(SqlaTable).filter_by(table_name="v_metric_series").one()
        print(len(db.session.query(Dashboard).all()), len(db.session.query(Slice).all()),
              len(db.session.query(SqlaTable).all()), table.main_dttm_col,
              bool(table.description), sum(bool(c.description) for c in table.columns))
    """
)


@pytest.mark.skipif(superset_python() is None, reason="needs Superset (GOVPERF_SUPERSET_PYTHON or installed)")
def test_a_real_superset_imports_the_bundle(bundle: Path, tmp_path: Path) -> None:
    python = superset_python()
    assert python is not None
    config = tmp_path / "superset_config.py"
    config.write_text(
        f"SQLALCHEMY_DATABASE_URI = 'sqlite:///{tmp_path / 'superset.db'}'\n"
        "SECRET_KEY = 'govperf-test-only-not-a-secret'\n",
        encoding="utf-8",
    )
    env = {**os.environ, "SUPERSET_CONFIG_PATH": str(config), "FLASK_APP": "superset"}
    superset = [str(Path(python).with_name("superset"))]  # the CLI installed beside that Python
    for step in (
        ["db", "upgrade"],
        ["fab", "create-admin", "--username", "admin", "--firstname", "a", "--lastname", "b", *ADMIN],
        ["init"],
    ):
        done = subprocess.run([*superset, *step], env=env, capture_output=True, text=True, timeout=900)
        assert done.returncode == 0, done.stderr[-2000:]
    script = tmp_path / "import_bundle.py"
    script.write_text(IMPORT_SCRIPT, encoding="utf-8")
    done = subprocess.run(
        [python, str(script), str(bundle)], env=env, capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, done.stderr[-3000:]
    dashboards, charts, datasets, time_column, described, column_descriptions = done.stdout.split()[-6:]
    assert (dashboards, charts, datasets, time_column, described) == ("1", "3", "8", "year_start", "True")
    assert int(column_descriptions) >= 20
