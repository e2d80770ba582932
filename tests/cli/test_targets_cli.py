"""``govperf targets`` through CliRunner on the invented national and 安徽 / 福建 documents (see
test_targets_views): attainment with ✓ / ✗ / …, the cascade with its excess, --csv, --json,
the default year and the one-line errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import analyst_data
import pytest
from click.testing import CliRunner, Result
from sqlalchemy.engine import URL

from govperf.cli import cli
from govperf.db.config import libpq_url

targets_url = analyst_data.targets_url  # the fixture documents, imported once for this module


def run(url: URL, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--database-url", libpq_url(url, show_password=True), "targets", *args])


def line_of(output: str, word: str) -> str:
    [line] = [line for line in output.splitlines() if word in line]
    return line


def test_attainment_marks_met_missed_and_no_actual_with_the_gap(targets_url: URL) -> None:
    result = run(targets_url, "gdp", "--year", "2025", "--table")
    assert result.exit_code == 0, result.output
    assert "地区生产总值 (gdp) 2025 · target against actual" in result.output
    cells = [c.strip() for c in line_of(result.output, "全国").split("│")[1:-1]]
    assert cells == ["全国 000000", "change_pct", "%", "5 左右", "5.1", "✓ met", "+0.1"]
    anhui = line_of(result.output, "安徽省")
    assert "5.5 左右" in anhui and "5.3 (预计)" in anhui and "✗ missed" in anhui and "-0.2" in anhui
    assert "6–6.5" in line_of(result.output, "黟县") and "✓ met" in line_of(result.output, "黟县")


def test_a_partial_year_actual_and_a_missing_one_are_neither_met_nor_missed(targets_url: URL) -> None:
    industry = run(targets_url, "industrial_value_added", "--year", "2025", "--level", "county", "--table")
    assert industry.exit_code == 0, industry.output
    assert "… 1-11月 only" in line_of(industry.output, "歙县")
    revenue = run(targets_url, "general_budget_revenue", "--year", "2025", "--level", "county", "--table")
    assert "… no actual yet" in line_of(revenue.output, "黟县")
    assert "✓ met" in line_of(revenue.output, "歙县")


def test_cascade_shows_parent_nation_and_excess(targets_url: URL) -> None:
    result = run(targets_url, "地区生产总值", "--year", "2026", "--cascade", "--table")
    assert result.exit_code == 0, result.output
    cells = [c.strip() for c in line_of(result.output, "黟县").split("│")[1:-1]]
    assert cells == [
        "黟县 341023",
        "county",
        "change_pct",
        "7 左右",
        "安徽省",
        "5.5 左右",
        "+1.5",
        "4.5–5",
        "+2",
    ]
    assert [c.strip() for c in line_of(result.output, "福建省").split("│")[-3:-1]] == ["4.5–5", "0"]


def test_csv_has_a_header_and_one_row_per_province(targets_url: URL) -> None:
    result = run(targets_url, "gdp", "--year", "2025", "--level", "province", "--csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [(r["region_name"], r["target_value"], r["actual_value"], r["met"], r["gap"]) for r in rows] == [
        ("安徽省", "5.5", "5.3", "false", "-0.2"),
        ("福建省", "5", "5.2", "true", "0.2"),
    ]


def test_json_of_the_cascade_keeps_numbers_and_nulls(targets_url: URL) -> None:
    result = run(targets_url, "gdp", "--year", "2026", "--cascade", "--level", "province", "--json")
    assert result.exit_code == 0, result.output
    found = {r["region_code"]: r for r in json.loads(result.output)}
    assert set(found) == {"340000", "350000"}
    assert found["340000"]["excess_over_national"] == 0.5 and found["350000"]["excess_over_national"] == 0
    assert (found["340000"]["national_target_value"], found["340000"]["national_target_value_max"]) == (
        4.5,
        5,
    )


def test_off_a_terminal_the_default_is_json(targets_url: URL) -> None:
    result = run(targets_url, "gdp", "--year", "2025", "--level", "province")
    assert result.exit_code == 0, result.output
    assert {r["region_name"] for r in json.loads(result.output)} == {"安徽省", "福建省"}


@pytest.mark.parametrize(
    ("args", "year"),
    [
        (["gdp"], "2025"),  # the latest year a target can be judged in
        (["gdp", "--cascade"], "2026"),  # the latest year with a target
        (["urbanization_rate"], "2030"),  # no target judged yet: the latest target
    ],
    ids=["attainment", "cascade", "nothing-judged"],
)
def test_the_default_year(targets_url: URL, args: list[str], year: str) -> None:
    result = run(targets_url, *args, "--csv")
    assert result.exit_code == 0, result.output
    assert {r["year"] for r in csv.DictReader(io.StringIO(result.output))} == {year}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no_such_metric"], "Error: unknown metric 'no_such_metric' (see: govperf metrics)"),
        (
            ["pm25_concentration"],
            "Error: no region sets a target for pm25_concentration (see: govperf series)",
        ),
        (["gdp", "--year", "2019"], "Error: no region sets a target for gdp in 2019"),
        (
            ["gdp", "--year", "2026", "--level", "prefecture"],
            "Error: no region at level prefecture sets a target",
        ),
    ],
    ids=["unknown-metric", "no-targets", "no-targets-that-year", "no-targets-at-that-level"],
)
def test_errors_are_one_line(targets_url: URL, args: list[str], message: str) -> None:
    result = run(targets_url, *args)
    assert result.exit_code == 1
    assert result.output.startswith(message) and result.output.count("\n") == 1


def _plotting() -> str | None:
    """Why --png cannot be tested here, or None when it can."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return "matplotlib is not installed (pip install 'govperf[plot]')"
    from govperf.query.plot_png import PlotError, chinese_font

    try:
        chinese_font("地区生产总值")
    except PlotError as error:
        return str(error)
    return None


@pytest.mark.skipif(_plotting() is not None, reason=str(_plotting()))
@pytest.mark.parametrize("cascade", [False, True], ids=["attainment", "cascade"])
def test_png_is_an_image_of_the_expected_size(targets_url: URL, tmp_path: Path, cascade: bool) -> None:
    from PIL import Image

    path = tmp_path / "gdp.png"
    result = run(
        targets_url, "gdp", "--year", "2026", *(["--cascade"] if cascade else []), "--png", str(path)
    )
    assert result.exit_code == 0, result.output
    with Image.open(path) as image:
        assert (image.format, image.size) == ("PNG", (800, 450))
        colours = image.convert("RGB").getcolors(maxcolors=100_000) or []
    assert len(colours) > 20  # bars, labels and text were drawn, not an empty canvas


@pytest.mark.skipif(_plotting() is not None, reason=str(_plotting()))
def test_png_of_several_measures_asks_for_one(tmp_path: Path) -> None:
    from govperf.query.lookup import Metric
    from govperf.query.targets import Targets
    from govperf.query.targets_plot import PlotError, draw

    rows = [
        {"measure": m, "breakdown": "total", "region_name": "安徽省", "unit": "%"}
        for m in ("level", "change_pct")
    ]
    mixed = Targets(Metric("gdp", "地区生产总值", "亿元", "higher"), 2026, False, (), rows)
    with pytest.raises(
        PlotError, match="--png draws one measure; choose one of change_pct, level with --measure"
    ):
        draw(mixed, tmp_path / "x.png")
    assert not (tmp_path / "x.png").exists()
