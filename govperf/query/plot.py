"""Charts of values over the years: a model (``Chart`` of ``Panel`` s of ``Line`` s), built from a
series by ``series_chart``, drawn as text for a terminal by ``render_text`` and as a PNG file by
``govperf.query.plot_png.write_png``.

The text renderer is our own, about a hundred lines: a series has a handful of yearly points, and
the terminal plotting libraries tried (plotext 6.1) count a Chinese character as one column, so
their titles and legends with Chinese names come out misaligned.  Here Chinese text stands only
at the start of a line (the titles), the plot area holds ASCII markers and box-drawing axes, and
the output has no colour codes, so it reads the same in a pipe, a file or a CJK terminal.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise
from typing import Any

from govperf.data.vocab import KINDS
from govperf.query.values import plain

MARKERS = {"actual": "*", "estimate": "o", "target": "x"}
OTHER = "+"  # a line of another name
SHARED = "#"  # a cell where points of two lines meet (an estimate equal to the actual)
SEGMENT = "."


@dataclass(frozen=True)
class Line:
    """One line of a panel: its name (a kind) and its (year, value) points in year order."""

    name: str
    points: tuple[tuple[int, Decimal], ...]


@dataclass(frozen=True)
class Panel:
    """One plot: the lines that share a unit, under a title such as 'level (亿元)'."""

    title: str
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Chart:
    title: str
    panels: tuple[Panel, ...]

    def texts(self) -> list[str]:
        """Every text the chart shows (for choosing a font that has all their characters)."""
        names = [line.name for panel in self.panels for line in panel.lines]
        return [self.title, *(panel.title for panel in self.panels), *names]


def series_chart(title: str, rows: Iterable[Mapping[str, Any]]) -> Chart:
    """A panel per measure (and unit) of ``comparison.series`` rows, a line per kind with values."""
    groups: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    for row in rows:
        groups.setdefault((row["measure"], row["unit"] or ""), []).append(row)
    panels = []
    for (measure, unit), group in groups.items():
        group = sorted(group, key=lambda row: row["year"])
        lines = (
            Line(kind, tuple((int(r["year"]), Decimal(r[kind])) for r in group if r[kind] is not None))
            for kind in KINDS
        )
        heading = f"{measure} ({unit})" if unit else measure
        panels.append(Panel(heading, tuple(line for line in lines if line.points)))
    return Chart(title, tuple(panels))


def render_text(chart: Chart, width: int = 72, height: int = 11) -> str:
    """The chart as plain text ``width`` columns wide, ``height`` rows of plot area per panel."""
    out = [chart.title]
    for panel in chart.panels:
        out += ["", *_panel_lines(panel, max(width, 30), max(height, 5))]
    return "\n".join(out) + "\n"


def _panel_lines(panel: Panel, width: int, height: int) -> list[str]:
    values = [value for line in panel.lines for _, value in line.points]
    years = sorted({year for line in panel.lines for year, _ in line.points})
    if not values:
        return [panel.title, "(no values)"]
    ticks = nice_ticks(min(values), max(values))
    labels = [plain(tick) for tick in ticks]
    label_width = max(len(label) for label in labels)
    plot_width = width - label_width - 2
    low, high = ticks[0], ticks[-1]

    def row(value: Decimal) -> int:  # 0 = bottom
        return round((value - low) / (high - low) * (height - 1))

    columns = _year_columns(years, plot_width)
    grid = [[" "] * plot_width for _ in range(height)]
    points: set[tuple[int, int]] = set()
    shared = False
    for line in panel.lines:
        cells = [(columns[year], row(value)) for year, value in line.points]
        for (c0, r0), (c1, r1) in pairwise(cells):
            steps = max(abs(c1 - c0), abs(r1 - r0))
            for i in range(1, steps):
                c, r = c0 + round(i * (c1 - c0) / steps), r0 + round(i * (r1 - r0) / steps)
                if grid[r][c] == " ":
                    grid[r][c] = SEGMENT
        for c, r in cells:
            shared = shared or (c, r) in points
            grid[r][c] = SHARED if (c, r) in points else MARKERS.get(line.name, OTHER)
        points.update(cells)
    tick_rows = {row(tick): label for tick, label in zip(ticks, labels, strict=True)}
    lines = [panel.title]
    for r in range(height - 1, -1, -1):
        label = tick_rows.get(r, "")
        lines.append(f"{label:>{label_width}} {'┤' if label else '│'}{''.join(grid[r])}".rstrip())
    axis = ["─"] * plot_width
    for column in columns.values():
        axis[column] = "┬"
    lines.append(" " * label_width + " └" + "".join(axis))
    lines.append(" " * (label_width + 2) + _year_labels(columns, plot_width).rstrip())
    legend = [f"{MARKERS.get(line.name, OTHER)} {line.name}" for line in panel.lines]
    legend += [f"{SHARED} several"] if shared else []
    indent = " " * (label_width + 2)
    lines.append(indent)
    for item in legend:  # wrapped to the width
        joined = f"{lines[-1]}   {item}" if lines[-1].strip() else indent + item
        if len(joined) > width and lines[-1].strip():
            lines.append(indent + item)
        else:
            lines[-1] = joined
    return lines


def _year_columns(years: Sequence[int], width: int) -> dict[int, int]:
    """Each year's column: the first and last years 2 columns in from the edges, evenly between."""
    if len(years) == 1 or years[0] == years[-1]:
        return {years[0]: width // 2}
    span, first = years[-1] - years[0], years[0]
    return {year: 2 + round((year - first) * (width - 5) / span) for year in years}


def _year_labels(columns: Mapping[int, int], width: int) -> str:
    """The years centred under their columns, leaving out any that would touch the one before."""
    text = [" "] * (width + 4)
    end = -1
    for year, column in sorted(columns.items()):
        start = column - 2
        if start > end:
            text[start : start + 4] = str(year)[:4]
            end = start + 4
    return "".join(text)


def nice_ticks(low: Decimal, high: Decimal, intervals: int = 4) -> list[Decimal]:
    """Round tick values (a step of 1, 2 or 5 times a power of ten) from below ``low`` to above
    ``high``, about ``intervals`` steps apart."""
    if low == high:
        low, high = low - 1, high + 1
    raw = float(high - low) / intervals
    power = math.floor(math.log10(raw))
    base = raw / 10**power
    factor = next(m for m in (1, 2, 5, 10) if m >= base - 1e-9)
    step = Decimal(factor).scaleb(power)
    start = (low / step).to_integral_value(rounding="ROUND_FLOOR") * step
    stop = (high / step).to_integral_value(rounding="ROUND_CEILING") * step
    count = int((stop - start) / step)
    return [(start + i * step).normalize() for i in range(count + 1)]
