"""A ``plot.Chart`` as a PNG file, drawn by matplotlib (the optional extra ``govperf[plot]``).

Chinese titles need a font with Chinese glyphs; matplotlib's default (DejaVu Sans) has none and
draws empty boxes.  ``chinese_font`` picks one that has every character the chart shows: a known
Simplified-Chinese family among the installed fonts first (Noto Sans CJK SC, Source Han Sans SC,
WenQuanYi …), else any installed font that covers them; the extra brings one (the package
``noto-cjk-sans-otc``: Google's Noto Sans CJK under the SIL Open Font License), registered here
when it is installed.  matplotlib is imported only when a chart is drawn.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from govperf.errors import GovperfError
from govperf.query.plot import Chart, Panel

if TYPE_CHECKING:
    from matplotlib.font_manager import FontEntry

INSTALL = "pip install 'govperf[plot]'"
PREFERRED = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "SimHei",
    "Noto Sans CJK JP",
    "Droid Sans Fallback",
)
# matplotlib's own last-resort font maps every character to a placeholder box: never a choice.
PLACEHOLDER_FONT = "Last Resort"
PNG_MARKERS = {"actual": "o", "estimate": "s", "target": "^"}
PNG_STYLES = {"actual": "-", "estimate": "--", "target": ":"}
PNG_COLOURS = {"actual": "tab:blue", "estimate": "tab:orange", "target": "tab:green"}


class PlotError(GovperfError):
    """A chart that cannot be drawn: matplotlib or a Chinese font missing, a file not writable."""


def write_png(
    chart: Chart, path: str | Path, width: int = 1000, height: int | None = None
) -> tuple[int, int]:
    """Write ``chart`` to ``path`` as a PNG ``width`` × ``height`` pixels (default: 200 + 320 per
    panel); return the size."""
    matplotlib = load_matplotlib()
    from matplotlib.figure import Figure

    height = height or 200 + 320 * max(len(chart.panels), 1)
    dpi = 100
    font = chinese_font("".join(chart.texts()))
    rc = {"font.family": "sans-serif", "font.sans-serif": [font, "DejaVu Sans"], "axes.unicode_minus": False}
    with matplotlib.rc_context(rc):
        figure = Figure(figsize=(width / dpi, height / dpi), dpi=dpi, layout="constrained")
        figure.suptitle(chart.title, fontsize=14)
        axes = figure.subplots(max(len(chart.panels), 1), 1, squeeze=False)[:, 0]
        for ax, panel in zip(axes, chart.panels, strict=False):
            _draw_panel(ax, panel)
        try:
            figure.savefig(path, format="png", dpi=dpi)
        except OSError as error:
            raise PlotError(f"{path}: cannot write the chart ({error.strerror or error})") from error
    return width, height


def _draw_panel(ax: Any, panel: Panel) -> None:
    years: set[int] = set()
    for line in panel.lines:
        xs = [year for year, _ in line.points]
        ys = [float(value) for _, value in line.points]
        years.update(xs)
        ax.plot(
            xs,
            ys,
            marker=PNG_MARKERS.get(line.name, "D"),
            linestyle=PNG_STYLES.get(line.name, "-"),
            color=PNG_COLOURS.get(line.name, "tab:gray"),
            label=line.name,
        )
    ax.set_title(panel.title, loc="left")
    ax.set_xticks(sorted(years))
    ax.set_xticklabels([str(year) for year in sorted(years)])
    ax.grid(True, alpha=0.3)
    if panel.lines:
        ax.legend(loc="best")


def load_matplotlib() -> Any:
    """matplotlib, or a PlotError saying how to install it."""
    try:
        import matplotlib
    except ImportError:
        raise PlotError(f"writing a chart file needs matplotlib: {INSTALL}") from None
    return matplotlib


def chinese_font(text: str) -> str:
    """The family name of an installed font that has a glyph for every character of ``text``."""
    from matplotlib import font_manager

    _register_bundled_font(font_manager)
    needed = {ord(char) for char in text if ord(char) >= 0x2E80}  # CJK radicals and above
    entries = sorted(
        font_manager.fontManager.ttflist,
        key=lambda e: (PREFERRED.index(e.name) if e.name in PREFERRED else len(PREFERRED), e.name, e.fname),
    )
    entries = [entry for entry in entries if not entry.name.startswith(PLACEHOLDER_FONT)]
    covered: set[int] = set()
    for entry in entries:
        charmap = _charmap(entry) if needed else set()
        if needed <= charmap:
            return str(entry.name)
        covered |= charmap
    missing = "".join(chr(c) for c in sorted(needed - covered) or sorted(needed))[:10]
    raise PlotError(
        f"no installed font has the characters {missing}: {INSTALL}, or install a Chinese font "
        "(Debian/Ubuntu: apt install fonts-noto-cjk)"
    )


def _charmap(entry: FontEntry) -> set[int]:
    from matplotlib.ft2font import FT2Font

    try:
        return set(FT2Font(entry.fname, face_index=getattr(entry, "index", 0)).get_charmap())
    except (OSError, RuntimeError, ValueError):
        return set()


def _register_bundled_font(font_manager: Any) -> None:
    """Add the font of the package noto-cjk-sans-otc (in the extra) to matplotlib's list, once."""
    try:
        import noto_cjk_sans_otc
    except ImportError:
        return
    path = str(noto_cjk_sans_otc.FONT_PATH)
    if not any(entry.fname == path for entry in font_manager.fontManager.ttflist):
        font_manager.fontManager.addfont(path)
