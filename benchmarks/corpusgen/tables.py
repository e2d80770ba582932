"""The two table genres: key_task_progress_table and perf_task_progress_table."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from .common import PARKS, Ctx, header
from .core import Block, Cell, Part, derive_rng, load_yaml
from .phrases import base_level, change_clause, level_clause, progress_clause, specs

CITY = "110000"
PLAIN_GROUPS = {
    "清洁空气行动计划",
    "人口调控和疏解整治促提升",
    "生态建设",
    "城市管理",
    "民生就业",
    "政务服务",
}
CITY_METRICS = [
    "illegal_construction_demolished",
    "land_vacated",
    "new_green_area",
    "new_jobs",
    "registered_unemployment_rate",
    "pm25_concentration",
    "shantytown_renovation",
    "fixed_asset_investment",
    "gov_info_disclosed",
]


def task_entry(
    seq: int, title: str, progress: str, ref: str | None = None, target: str | None = None
) -> dict[str, Any]:
    entry: dict[str, Any] = {"seq_no": seq}
    if ref is not None:
        entry["ref_code"] = ref
    entry["title_prefix"] = title[:12]
    if target is not None:
        entry["target_prefix"] = target[:12]
    entry["progress_prefix"] = progress[:12]
    return entry


def city_task(ctx: Ctx, code: str) -> Cell:
    """A requirement quoted from the city's work report: figures describe Beijing (110000)."""
    spec = specs()[code]
    crng = derive_rng(ctx.seed, "city", ctx.year, code)
    value = base_level(spec, ctx.seed, CITY, ctx.year) * (12 if spec.is_flow or spec.unit == "万人" else 1)
    text, o = level_clause(crng, spec, value, "target", "")
    o.district_code = CITY
    out = Cell().add(crng.choice(["全市", "", "力争"]))
    out.add(text, o)
    tail = crng.choice(load_yaml("vocab.yaml")["city_tasks"])
    return out.add("," + tail)


def district_progress(ctx: Ctx, code: str | None, periods: list[str], with_progress: bool = False) -> Cell:
    """Progress notes, the district's figures for one to three periods, and filler prose."""
    rng, vocab = ctx.rng, load_yaml("vocab.yaml")
    out = Cell()
    if rng.random() < 0.5 or code is None:
        out.add(rng.choice(vocab["progress_notes"]))
    if code is not None:
        for period in rng.sample(periods, k=min(len(periods), rng.choice([2, 2, 3, 3]))):
            out.extend(ctx.mention(code, "actual", period))
        spec = specs()[code]
        if with_progress and spec.progress:
            text, o = progress_clause(rng, spec, rng.uniform(30, 115), "")
            out.add(rng.choice(spec.labels)).add(text, o).add("。")
    for _ in range(rng.randint(0, 2)):
        out.add(ctx.filler(rng.choice(["economy", "urban", "environment", "livelihood"])))
    return out


def key_task_table(ctx: Ctx, h1: bool = True) -> Part:
    rng, y = ctx.rng, ctx.year
    period, word = ("H1", "上半年") if h1 else ("1-9月", "1-9月")
    labels = (
        ["截至目前", "上半年", "截至6月底", "1-5月"] if h1 else ["截至目前", "1-9月", "前三季度", "1-8月"]
    )
    title = f"{y}年{ctx.name}涉及市政府工作报告重点任务{word}进展情况表"
    part = Part("key_task_progress_table", ctx.code, y, "stated", period)
    part.blocks += header(ctx, title, f"{y}-{7 if h1 else 10:02d}-{rng.randint(5, 28):02d}")[2:]
    part.blocks.insert(0, Block.para("title", title))
    part.blocks.append(Block.para("p", title))
    rows: list[list[Cell | None]] = [
        [
            Cell().add("序号"),
            Cell().add("市折子号"),
            Cell().add("市政府工作报告任务"),
            Cell().add("目前进展情况"),
        ]
    ]
    n_rows = rng.randint(45, 80)
    refs = sorted(rng.sample(range(1, 320), n_rows))
    own = [c for c in specs() if c not in ("energy_intensity", "water_intensity")]
    for seq, ref in enumerate(refs, 1):
        code: str | None = None
        if rng.random() < 0.3:
            code = rng.choice(CITY_METRICS)
            task = city_task(ctx, code)
        else:
            code = rng.choice(own) if rng.random() < 0.8 else None
            task = Cell().add(rng.choice(load_yaml("vocab.yaml")["city_tasks"]))
        progress = district_progress(ctx, code, labels)
        rows.append([Cell().add(str(seq)), Cell().add(str(ref)), task, progress])
        part.tasks.append(task_entry(seq, task.text, progress.text, ref=str(ref)))
    part.blocks.append(Block("space_table", rows))
    part.task_count = n_rows
    return part


def target_cell(ctx: Ctx, code: str, title: str, park: str = "") -> Cell:
    rng, spec = ctx.rng, specs()[code]
    out = Cell()
    if spec.style == "intensity":
        text, o = change_clause(rng, spec, rng.uniform(*(spec.change or (-5.0, -1.0))), "target", "")
        return out.add(rng.choice(spec.labels) + text, o)
    label = park + spec.labels[0] if park else None
    text, o = level_clause(rng, spec, ctx.level(spec) * rng.uniform(0.97, 1.06), "target", "", label)
    if title == spec.labels[0] and rng.random() < 0.4:
        text = text[len(spec.labels[0]) :] if text.startswith(spec.labels[0]) else text
    out.add(text, o)
    if spec.change and rng.random() < 0.4:
        ctext, co = change_clause(rng, spec, rng.uniform(*spec.change), "target", "")
        out.add(",").add(ctext, co)
    return out


def budget_target(ctx: Ctx) -> Cell:
    rev, exp = specs()["general_budget_revenue"], specs()["general_budget_expenditure"]
    out = Cell()
    for i, spec in enumerate((rev, exp)):
        _, o = level_clause(ctx.rng, spec, ctx.level(spec), "target", "")
        number = f"{float(o.value):.1f}"
        o.value = Fraction(number)
        out.add("/" if i else "").add(f"{number}亿元", o)
    return out


def perf_task_table(ctx: Ctx, h1: bool = True) -> Part:
    rng, y, vocab = ctx.rng, ctx.year, load_yaml("vocab.yaml")
    period, word = ("H1", "上半年") if h1 else ("year", "全年")
    labels = ["上半年", "1-5月", "截至6月底", "", "1-4月"] if h1 else ["", "1-11月", "截至11月底", "前三季度"]
    suffix = rng.choice([f"({ctx.name} )", f"({ctx.name})", f"-{ctx.name}"])
    title = f"{y}年{word}市政府绩效任务进展情况汇总表{suffix}"
    part = Part("perf_task_progress_table", ctx.code, y, "stated", period)
    part.blocks.append(Block.para("title", title))
    part.blocks.append(Block.para("cruft", f"{y}年{word}市政府绩效任务进展 | ||"))
    rows: list[list[Cell | None]] = [
        [
            Cell().add("绩效任务"),
            Cell().add("年度目标"),
            Cell().add(f"{word}进展情况" if h1 else "全年完成情况"),
        ]
    ]
    seq = 0
    for group in vocab["task_groups"]:
        title_text, codes = group[0], list(group[1:])
        plain = rng.choice([0, 1, 2, 3, 4]) if title_text in PLAIN_GROUPS else 0
        repeat = rng.randint(2, 3) if "land_output_rate" in codes else 1  # one row per park and metric
        items: list[str | None] = [*(codes * repeat), *([None] * plain)]
        parks = rng.sample(PARKS, k=repeat)
        for i, code in enumerate(items):
            if code == "general_budget_revenue" and rng.random() < 0.4:
                target, progress = budget_target(ctx), district_progress(ctx, None, labels)
                items.remove("general_budget_expenditure")
            elif code is None:
                pair = rng.choice(vocab["plain_targets"])
                n = rng.randint(10, 5000)
                target = Cell().add(pair[0].format(n=n))
                progress = Cell().add(pair[1].format(m=max(1, int(n * rng.uniform(0.3, 1.1)))))
            else:
                park = (
                    parks[i // len(codes)].format(short=ctx.short)
                    if repeat > 1 and i < len(codes) * repeat
                    else ""
                )
                target = target_cell(ctx, code, title_text, park)
                progress = district_progress(ctx, code, labels, with_progress=rng.random() < 0.4)
            seq += 1
            rows.append([Cell().add(title_text) if i == 0 else None, target, progress])
            part.tasks.append(task_entry(seq, title_text, progress.text, target=target.text))
    part.blocks.append(Block("pipe_table", rows))
    part.task_count = seq
    return part
