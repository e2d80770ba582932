"""Metric sentences: one clause per measure, each clause carrying its observation."""

from __future__ import annotations

import functools
import random
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from .core import Cell, Obs, cn_number, fmt_number, load_yaml, parse_number, unit_float

PERIOD_SHARE = {
    "上半年": 0.5,
    "1-5月": 5 / 12,
    "1-4月": 4 / 12,
    "1-8月": 8 / 12,
    "截至6月底": 0.5,
    "前三季度": 0.75,
    "1-9月": 0.75,
    "1-11月": 11 / 12,
    "截至11月底": 11 / 12,
    "1-10月": 10 / 12,
}


@dataclass(frozen=True)
class RawUnit:
    unit: str
    factor: Fraction
    dec: int


@dataclass(frozen=True)
class MetricSpec:
    code: str
    labels: tuple[str, ...]
    unit: str
    raws: tuple[RawUnit, ...]
    level: tuple[float, float]
    trend: float
    change: tuple[float, float] | None
    abs_change: tuple[float, float] | None
    pp: bool
    style: str
    rank: bool
    progress: bool
    frames: tuple[str, ...]

    @property
    def is_flow(self) -> bool:
        return self.style in ("amount", "control") and self.unit not in ("%", "万人", "元", "万元/人")


@functools.cache
def specs() -> dict[str, MetricSpec]:
    out = {}
    for code, m in load_yaml("metrics.yaml")["metrics"].items():
        out[code] = MetricSpec(
            code=code,
            labels=tuple(m["labels"]),
            unit=m["unit"],
            raws=tuple(RawUnit(r["unit"], Fraction(r["factor"]), r["dec"]) for r in m["raws"]),
            level=(float(m["level"][0]), float(m["level"][1])),
            trend=float(m.get("trend", 0.0)),
            change=tuple(m["change"]) if "change" in m else None,
            abs_change=tuple(m["abs"]) if "abs" in m else None,
            pp=bool(m.get("pp", False)),
            style=m["style"],
            rank=bool(m.get("rank", False)),
            progress=bool(m.get("progress", False)),
            frames=tuple(m.get("frames", ["{label}{verb}{num}{unit}"])),
        )
    return out


def base_level(spec: MetricSpec, seed: int, district: str, year: int) -> float:
    """A district's level of a metric in a year: stable per district, trending over the years."""
    lo, hi = spec.level
    spread = unit_float(seed, district, spec.code)
    size = load_yaml("districts.yaml")["sizes"].get(district)
    if size is not None and spec.style in ("amount", "control") and spec.unit != "万元/人":
        spread = size * (0.75 + 0.5 * spread)  # big districts have big amounts
    value = lo + (hi - lo) * spread
    if spec.trend:
        value *= min(3.0, max(0.3, (1 + spec.trend) ** ((year - 2015) / 3)))
    value *= 0.93 + 0.14 * unit_float(seed, district, spec.code, year)
    return min(hi, max(lo, value)) if spec.style not in ("amount", "control") else value


def render_level(rng: random.Random, spec: MetricSpec, value: float) -> tuple[str, str, Fraction]:
    """(number text, raw unit, exact canonical value) for a level written in one of the raw units."""
    raw = rng.choice(spec.raws) if rng.random() < 0.35 else spec.raws[0]
    number = Fraction(value) / raw.factor
    if raw.unit == "亩" and rng.random() < 0.6:
        number = Fraction(round(number / 150) * 150 or 150)
    text = fmt_number(number, raw.dec, rng)
    return text, raw.unit, parse_number(text) * raw.factor


def obs(spec: MetricSpec, measure: str, kind: str, value: Fraction, comparator: str, period: str) -> Obs:
    unit = {"change_pct": "%", "progress_pct": "%", "change_pp": "百分点", "rank": ""}.get(measure, spec.unit)
    return Obs(spec.code, measure, kind, value, unit, comparator, period)


def level_clause(
    rng: random.Random, spec: MetricSpec, value: float, kind: str, period: str, label: str | None = None
) -> tuple[str, Obs]:
    """A level with its label, e.g. 区级一般公共预算收入实现83.2亿元, 常住人口控制在163.8万人以内."""
    label = label or rng.choice(spec.labels)
    num, unit, exact = render_level(rng, spec, value)
    comparator, head, tail = "eq", rng.choice(["实现", "完成", "达到", "为", ""]), ""
    if spec.style in ("rate", "floor", "concentration", "intensity") or spec.unit == "%":
        head = rng.choice(["达到", "为", "", "保持在"] if spec.style in ("rate", "floor") else ["为", ""])
    roll = rng.random()
    if kind == "target":
        head = rng.choice(["达到", "力争达到", "为", ""])
        if spec.style == "control":
            comparator, head, tail = "max", rng.choice(["控制在", "不超过"]), ""
            tail = "以内" if head == "控制在" else ""
        elif spec.style == "floor":
            comparator, head = "min", "不低于"
        elif spec.style == "concentration":
            comparator, head, tail = rng.choice([("approx", "控制在", "左右"), ("max", "控制在", "以内")])
        elif roll < 0.35:
            comparator, tail = "approx", "左右"
    elif kind == "estimate":
        head = rng.choice(["预计达到", "预计可达", "预计为", "年底可达", "预计全年完成"])
    elif spec.style == "control" and roll < 0.5:
        comparator, head, tail = "max", "控制在", "以内"
    elif roll < 0.08:
        comparator, head = "approx", head + "约"
    elif roll < 0.12:
        comparator, tail = "approx", "左右"
    elif roll < 0.16 and spec.style == "amount":
        comparator, tail = "min", "以上"
        if unit.startswith("万") and len(unit) > 1 and len(num.partition(".")[2]) < 2:
            unit, tail = "万余" + unit[1:], ""
    if kind == "actual" and comparator == "eq" and len(spec.frames) > 1 and rng.random() < 0.6:
        frame = rng.choice(spec.frames)
        text = frame.format(label=label, verb=head, num=num, unit=unit)
    else:
        text = f"{label}{head}{num}{unit}{tail}"
    return text, obs(spec, "level", kind, exact, comparator, period)


def change_clause(
    rng: random.Random, spec: MetricSpec, pct: float, kind: str, period: str
) -> tuple[str, Obs]:
    num = fmt_number(Fraction(abs(pct)), 1, rng, fancy=False)
    value = parse_number(num) * (1 if pct >= 0 else -1)
    if value == 0:
        num, value = "0.5", Fraction(1, 2)
    if kind == "target" and spec.style in ("concentration", "control", "intensity") and value > 0:
        value = -value
    up, down = rng.choice(["增长", "上升", "提高"]), rng.choice(["下降", "减少"])
    lead = rng.choice(["同比", "比上年", "", ""]) if kind != "target" else ""
    comparator, tail = "eq", ""
    if kind in ("target", "estimate") and rng.random() < 0.4:
        comparator, tail = "approx", "左右"
    if spec.code == "pm25_concentration" and value < 0 and rng.random() < 0.2:
        return f"改善率{num}%", obs(spec, "change_pct", kind, value, comparator, period)
    text = f"{lead}{up if value > 0 else down}{num}%{tail}"
    return text, obs(spec, "change_pct", kind, value, comparator, period)


def pp_clause(rng: random.Random, spec: MetricSpec, pp: float, kind: str, period: str) -> tuple[str, Obs]:
    num = fmt_number(Fraction(abs(pp)), 1, rng, fancy=False)
    if parse_number(num) == 0:
        num = "0.1"
    value = parse_number(num) * (1 if pp >= 0 else -1)
    word = rng.choice(["提高", "上升"]) if value > 0 else "下降"
    text = f"{rng.choice(['比上年', '同比', ''])}{word}{num}个百分点"
    return text, obs(spec, "change_pp", kind, value, "eq", period)


def abs_clause(rng: random.Random, spec: MetricSpec, delta: float, kind: str, period: str) -> tuple[str, Obs]:
    value = Fraction(round(delta)) or Fraction(-1)
    word = rng.choice(["增加", "上升"]) if value > 0 else rng.choice(["下降", "减少"])
    text = f"同比{word}{abs(value)}{spec.unit}"
    return text, obs(spec, "change_abs", kind, value, "eq", period)


def rank_clause(rng: random.Random, spec: MetricSpec, rank: int, period: str) -> tuple[str, Obs]:
    if rank == 1 and rng.random() < 0.5:
        text = rng.choice(["居全市首位", "位居全市第一", "排名保持全市第一"])
    else:
        text = rng.choice(
            [
                f"全市排名第{cn_number(rank)}",
                f"居全市第{cn_number(rank)}",
                f"全市排名第{rank}",
                f"全市排名{rank}位",
            ]
        )
    return text, obs(spec, "rank", "actual", Fraction(rank), "eq", period)


def progress_clause(rng: random.Random, spec: MetricSpec, pct: float, period: str) -> tuple[str, Obs]:
    num = fmt_number(Fraction(pct), 2, rng, fancy=False)
    frame = rng.choice(
        ["完成年度任务的{n}%", "占全年任务的{n}%", "完成全年任务量的{n}%", "达到年度目标的{n}%"]
    )
    return frame.format(n=num), obs(spec, "progress_pct", "actual", parse_number(num), "eq", period)


def mention(
    rng: random.Random,
    spec: MetricSpec,
    level: float,
    kind: str = "actual",
    period: str = "",
    scope: str = "",
    label: str | None = None,
    rich: bool = True,
    draw: Callable[[str], float] | None = None,
) -> Cell:
    """One sentence about a metric: period, level and, now and then, change, rank and progress.

    Figures come from `draw(name)` (a uniform number per figure), so a document that restates a
    figure restates the same number; the wording comes from `rng`."""
    pick = draw or (lambda _name: rng.random())
    out = Cell()
    if period:
        out.add(period + rng.choice([",", "", ","]) if not period.startswith("截至") else period + ",")
    share = PERIOD_SHARE.get(period, 1.0) if spec.is_flow else 1.0
    change = spec.change[0] + (spec.change[1] - spec.change[0]) * pick("change") if spec.change else 0.0
    only_change = spec.style == "intensity" or (spec.change is not None and rng.random() < 0.12)
    if only_change and spec.change:
        text, o = change_clause(rng, spec, change, kind, period)
        out.add(scope + (label or rng.choice(spec.labels)))
        out.add(text, o)
    else:
        value = level * share * (0.97 + 0.06 * pick("noise") if spec.unit != "%" else 1.0)
        text, o = level_clause(rng, spec, value, kind, period, label)
        if text.startswith("全区"):
            scope = ""
        out.add(scope + text, o)
        if rich and spec.change and rng.random() < 0.6:
            text, o = change_clause(rng, spec, change, kind, period)
            out.add(",").add(text, o)
        elif rich and spec.abs_change and rng.random() < 0.5:
            lo, hi = spec.abs_change
            text, o = abs_clause(rng, spec, lo + (hi - lo) * pick("abs"), kind, period)
            out.add(",").add(text, o)
        elif rich and spec.pp and rng.random() < 0.5:
            text, o = pp_clause(rng, spec, 3 * pick("pp") - 1.5, kind, period)
            out.add(",").add(text, o)
    if rich and kind == "actual" and spec.rank and rng.random() < 0.4:
        text, o = rank_clause(rng, spec, 1 + int(16 * pick("rank")), period)
        out.add(",").add(text, o)
    if rich and kind == "actual" and spec.progress and period and rng.random() < 0.5:
        text, o = progress_clause(rng, spec, 100 * share + 30 * pick("progress") - 10, period)
        out.add(",").add(text, o)
    return out.add("。")
