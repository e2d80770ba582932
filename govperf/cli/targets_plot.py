"""``govperf targets --png FILE``: target against actual (or against the parent's and the nation's)
per region, drawn with matplotlib (the optional extra ``plot``: pip install 'govperf[plot]').

Region names are Chinese: the chart uses the first installed font of ``CJK_FONTS`` and says what
to install when none is (a chart of empty boxes is worse than no chart).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from govperf.errors import GovperfError
from govperf.query.targets import Targets

# Families with Chinese glyphs, most common first (Debian: fonts-noto-cjk, fonts-wqy-microhei …).
CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Noto Serif CJK SC",
    "AR PL UMing CN",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Heiti SC",
)
SIZE_INCHES, DPI = (8.0, 4.5), 100  # 800 × 450 pixels


class PlotError(GovperfError):
    """A chart that cannot be drawn (matplotlib or a CJK font missing)."""


def cjk_font() -> str | None:
    """The first family of ``CJK_FONTS`` matplotlib can find, or None."""
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    return next((family for family in CJK_FONTS if family in installed), None)


def draw(result: Targets, path: Path) -> None:
    """Write a PNG bar chart of ``result`` to ``path`` (800 × 450 pixels)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as error:
        raise PlotError("--png needs matplotlib: pip install 'govperf[plot]'") from error
    measures = sorted({row["measure"] for row in result.rows})
    if len(measures) > 1:
        raise PlotError(f"--png draws one measure; choose one of {', '.join(measures)} with --measure")
    family = cjk_font()
    if family is None:
        raise PlotError(
            "--png needs a font with Chinese glyphs (e.g. apt-get install fonts-noto-cjk); none is installed"
        )
    series = _series(result)
    labels = [_label(row) for row in result.rows]
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
        what = "目标与上级、全国目标" if result.cascade else "目标与实际"
        axes.set_title(f"{result.metric.name} {result.year}年 {what}")
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
