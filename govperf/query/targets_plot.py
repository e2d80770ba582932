"""``govperf targets --png FILE``: target against actual (or against the parent's and the nation's)
per region, drawn with matplotlib (the optional extra ``plot``), with the Chinese font and the
errors of ``govperf.query.plot_png``.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from govperf.query.plot_png import PlotError, chinese_font, load_matplotlib
from govperf.query.targets import Targets

SIZE_INCHES, DPI = (8.0, 4.5), 100  # 800 × 450 pixels


def draw(result: Targets, path: Path) -> None:
    """Write a PNG bar chart of ``result`` to ``path`` (800 × 450 pixels)."""
    matplotlib = load_matplotlib()
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    measures = sorted({row["measure"] for row in result.rows})
    if len(measures) > 1:
        raise PlotError(f"--png draws one measure; choose one of {', '.join(measures)} with --measure")
    series = _series(result)
    labels = [_label(row) for row in result.rows]
    what = "目标与上级、全国目标" if result.cascade else "目标与实际"
    title = f"{result.metric.name} {result.year}年 {what}"
    family = chinese_font(title + "".join(labels) + "".join(series))
    with plt.rc_context({"font.family": family, "axes.unicode_minus": False}):
        figure, axes = plt.subplots(figsize=SIZE_INCHES, dpi=DPI)
        width = 0.8 / len(series)
        for index, (name, (values, uppers)) in enumerate(series.items()):
            positions = [i + (index - (len(series) - 1) / 2) * width for i in range(len(labels))]
            axes.bar(positions, [float(v) if v is not None else 0.0 for v in values], width, label=name)
            ranges = [
                (x, v, u) for x, v, u in zip(positions, values, uppers, strict=True) if v is not None and u
            ]
            if ranges:  # a range target: a black stroke from its lower to its upper bound
                axes.vlines([x for x, _, _ in ranges], [float(v) for _, v, _ in ranges],
                            [float(u) for _, _, u in ranges], colors="black", linewidth=3)  # fmt: skip
        axes.set_xticks(range(len(labels)), labels, fontsize=8)
        axes.set_ylabel(result.rows[0]["unit"] or "")
        axes.set_title(title)
        axes.legend(fontsize=8)
        figure.tight_layout()
        try:
            figure.savefig(path, dpi=DPI)
        except OSError as error:
            raise PlotError(f"{path}: cannot write the chart ({error.strerror or error})") from error
        finally:
            plt.close(figure)


def _series(result: Targets) -> dict[str, tuple[list[Decimal | None], list[Decimal | None]]]:
    """Bars per region, each with the upper bound of a range target (else None): target and
    actual, or target, parent's and nation's.  A range's bar stops at its lower bound."""
    rows = result.rows
    none: list[Decimal | None] = [None] * len(rows)
    if result.cascade:
        return {
            "目标 target": ([r["target_value"] for r in rows], [r["target_value_max"] for r in rows]),
            "上级 parent": (
                [r["parent_target_value"] for r in rows],
                [r["parent_target_value_max"] for r in rows],
            ),
            "全国 nation": (
                [r["national_target_value"] for r in rows],
                [r["national_target_value_max"] for r in rows],
            ),
        }
    return {
        "目标 target": ([r["target_value"] for r in rows], [r["target_value_max"] for r in rows]),
        "实际 actual": ([r["actual_value"] for r in rows], none),
    }


def _label(row: dict[str, Any]) -> str:
    breakdown = {"urban": "城镇", "rural": "农村"}.get(row["breakdown"])
    return f"{row['region_name']}({breakdown})" if breakdown else str(row["region_name"])
