"""Charts of a series: the text renderer (govperf.query.plot), the PNG writer with a Chinese font
(govperf.query.plot_png, skipped without matplotlib), and `govperf series --plot/--png` through
CliRunner on the fixture documents of tests/fixtures/analyst."""

from __future__ import annotations

import struct
import sys
import warnings
from decimal import Decimal
from pathlib import Path
from typing import Any

import analyst_data as loaded
import pytest
from click.testing import CliRunner, Result
from sqlalchemy.engine import URL

from govperf.cli import cli
from govperf.db.config import libpq_url
from govperf.query.plot import Chart, Line, Panel, nice_ticks, render_text, series_chart
from govperf.query.plot_png import INSTALL, PlotError, chinese_font, write_png

analyst_url = loaded.analyst_url  # the fixture documents, imported once for this module
D = Decimal
TITLE = "一般公共预算收入 (general_budget_revenue) · 延庆区 110119"


def row(year: int, measure: str, unit: str, *values: str | None) -> dict[str, Any]:
    """A row of comparison.series: values are actual, estimate, target."""
    kinds = dict(zip(("actual", "estimate", "target"), (D(v) if v else None for v in values), strict=True))
    return {"year": year, "measure": measure, "unit": unit, **kinds}


ROWS = [
    row(2019, "change_pct", "%", "7.2", "7.2", None),
    row(2018, "change_pct", "%", "5", None, None),
    row(2020, "change_pct", "%", None, None, "5"),
    row(2018, "level", "亿元", "10", None, "12"),
    row(2020, "level", "亿元", "20", None, None),
]


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk, after checking the signature."""
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", head[:8]
    assert head[12:16] == b"IHDR"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


# --- the model -------------------------------------------------------------------------------


def test_series_chart_has_a_panel_per_measure_and_a_line_per_kind_with_values() -> None:
    chart = series_chart(TITLE, ROWS)
    assert [p.title for p in chart.panels] == ["change_pct (%)", "level (亿元)"]
    change, level = chart.panels
    assert {line.name: line.points for line in change.lines} == {
        "actual": ((2018, D("5")), (2019, D("7.2"))),  # in year order, whatever the row order
        "estimate": ((2019, D("7.2")),),
        "target": ((2020, D("5")),),
    }
    assert [line.name for line in level.lines] == ["actual", "target"]  # no estimate: no line


@pytest.mark.parametrize(
    "low, high, ticks",
    [
        ("5", "7.2", ["5", "6", "7", "8"]),
        ("30.5", "42.5", ["30", "35", "40", "45"]),
        ("3", "3", ["2", "2.5", "3", "3.5", "4"]),
        ("0.001", "0.0045", ["0.001", "0.002", "0.003", "0.004", "0.005"]),
        ("-3", "12", ["-5", "0", "5", "10", "15"]),
        ("0", "10", ["0", "5", "10"]),
    ],
    ids=lambda v: str(v),
)
def test_nice_ticks_are_round_and_cover_the_values(low: str, high: str, ticks: list[str]) -> None:
    assert nice_ticks(D(low), D(high)) == [D(t) for t in ticks]


# --- the text renderer ------------------------------------------------------------------------

SIMPLE = Chart("标题", (Panel("level (万人)", (Line("actual", ((2018, D("0")), (2020, D("10")))),)),))


def plot_rows(text: str) -> list[str]:
    """The rows of the plot area (y label, axis, cells), top first."""
    return [line for line in text.splitlines() if "┤" in line or line.lstrip().startswith("│")]


def cells(text: str) -> str:
    """The characters inside the plot area, right of the y axis."""
    return "".join(row.replace("┤", "│", 1).split("│", 1)[1] for row in plot_rows(text))


def test_points_sit_on_the_rows_of_their_values_and_the_columns_of_their_years() -> None:
    text = render_text(SIMPLE, width=40, height=11)
    rows = plot_rows(text)
    assert len(rows) == 11
    top, bottom = rows[0], rows[-1]
    assert top.startswith("10 ┤") and top.endswith("*")  # 10 is the highest tick: the top row
    assert bottom.startswith(" 0 ┤  *")  # 0 on the bottom row, 2 columns in from the axis
    [axis] = [line for line in text.splitlines() if "└" in line]
    years = text.splitlines()[text.splitlines().index(axis) + 1]
    for year, tick in zip(("2018", "2020"), [i for i, c in enumerate(axis) if c == "┬"], strict=True):
        assert years[tick - 2 : tick + 2] == year  # each year centred under its tick
        assert "*" in (top.ljust(40)[tick], bottom.ljust(40)[tick])


def test_a_line_is_drawn_between_its_points() -> None:
    rows = plot_rows(render_text(SIMPLE, width=40, height=11))
    middle = rows[5]  # the value 5: halfway up, halfway across
    assert middle.startswith(" 5 ┤") and "." in middle


def test_points_of_two_kinds_in_one_cell_are_marked_as_shared() -> None:
    text = render_text(series_chart(TITLE, ROWS[:3]), width=50, height=7)
    assert "#" in plot_rows(text)[2]  # 2019: actual = estimate = 7.2
    assert "o" not in cells(text)  # the estimate's own marker is hidden under the shared one
    assert text.splitlines()[-1].split() == ["*", "actual", "o", "estimate", "x", "target", "#", "several"]


@pytest.mark.parametrize("width", [30, 50, 72, 100])
def test_no_line_of_the_plot_is_wider_than_asked(width: int) -> None:
    text = render_text(series_chart(TITLE, ROWS), width=width)
    body = [line for line in text.splitlines()[1:] if not line.startswith(("change_pct", "level"))]
    assert max(len(line) for line in body) <= width
    assert text.splitlines()[0] == TITLE  # Chinese only at the start of a title line
    assert all(ord(char) < 0x2E80 for line in body for char in line)


# --- the PNG writer -----------------------------------------------------------------------------


def test_without_matplotlib_the_error_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib now raises ImportError
    with pytest.raises(
        PlotError, match=r"^writing a chart file needs matplotlib: pip install 'govperf\[plot\]'$"
    ):
        write_png(series_chart(TITLE, ROWS), tmp_path / "chart.png")
    assert not (tmp_path / "chart.png").exists()


@pytest.mark.parametrize(
    "rows, size, expected",
    [(ROWS[:3], (800, 500), (800, 500)), (ROWS, None, (1000, 840)), (ROWS[3:], (640, None), (640, 520))],
    ids=["one panel 800x500", "two panels default size", "one panel 640 wide"],
)
def test_png_is_a_valid_image_of_the_expected_size(
    tmp_path: Path, rows: list[dict[str, Any]], size: tuple[int, int | None] | None, expected: tuple[int, int]
) -> None:
    pytest.importorskip("matplotlib")
    path = tmp_path / "chart.png"
    width, height = size or (1000, None)
    assert write_png(series_chart(TITLE, rows), path, width, height) == expected
    assert png_size(path) == expected
    image = pytest.importorskip("PIL.Image")
    with image.open(path) as opened:
        assert opened.format == "PNG" and opened.size == expected
        opened.verify()  # the whole file decodes


def test_chinese_text_renders_without_missing_glyphs(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    chart = series_chart("细颗粒物(PM2.5)浓度 · 鄂温克族自治旗 150724", ROWS)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        write_png(chart, tmp_path / "chart.png")
    assert [str(w.message) for w in caught if "missing from" in str(w.message)] == []
    font = chinese_font("".join(chart.texts()))
    assert not font.startswith("Last Resort")  # matplotlib's font of placeholder boxes
    from matplotlib import font_manager

    [entry, *_] = [e for e in font_manager.fontManager.ttflist if e.name == font]
    from matplotlib.ft2font import FT2Font

    charmap = FT2Font(entry.fname, face_index=entry.index).get_charmap()
    assert all(ord(char) in charmap for char in "细颗粒物浓度鄂温克族自治旗亿元")


def test_a_character_no_font_has_is_a_one_line_error() -> None:
    pytest.importorskip("matplotlib")
    with pytest.raises(
        PlotError, match=r"no installed font has the characters \U000f0000: pip install"
    ) as raised:
        chinese_font("海淀\U000f0000")  # a private-use character: in no font
    assert "\n" not in str(raised.value)


def test_an_unwritable_file_is_a_one_line_error_naming_it(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    target = tmp_path / "no such folder" / "chart.png"
    with pytest.raises(PlotError, match=r"no such folder/chart.png: cannot write the chart"):
        write_png(series_chart(TITLE, ROWS), target)


# --- govperf series --plot / --png ---------------------------------------------------------------


def run(url: URL, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--database-url", libpq_url(url, show_password=True), *args])


SERIES = ("series", "一般公共预算收入", "--district", "延庆", "--measure", "change_pct")


def test_series_plot_draws_the_chart_instead_of_the_table(analyst_url: URL) -> None:
    result = run(analyst_url, *SERIES, "--plot")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "一般公共预算收入 (general_budget_revenue) · 延庆区 110119"
    assert "change_pct (%)" in lines and "periods" not in result.output  # no table
    area = cells(result.output)
    assert (area.count("*"), area.count("#"), area.count("x")) == (1, 1, 1)  # 2018; 2019 shared; 2020
    [years] = [line for line in lines if "2018" in line]
    assert years.split() == ["2018", "2019", "2020"]


def test_series_png_writes_the_chart_and_still_prints_the_table(analyst_url: URL, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    path = tmp_path / "series.png"
    result = run(analyst_url, *SERIES, "--png", str(path))
    assert result.exit_code == 0, result.output
    assert png_size(path) == (1000, 520)  # one panel: change_pct
    assert f"wrote {path} (1000×520 px)" in result.stderr
    assert "periods" in result.stdout  # the table as usual


def test_series_png_without_matplotlib_is_one_line(
    analyst_url: URL, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    result = run(analyst_url, *SERIES, "--png", str(tmp_path / "series.png"))
    assert result.exit_code == 1
    assert result.output == f"Error: writing a chart file needs matplotlib: {INSTALL}\n"
