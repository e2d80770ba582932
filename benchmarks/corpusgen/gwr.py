"""gov_work_report: review of the year before (actuals, estimates) and the year's targets."""

from __future__ import annotations

from fractions import Fraction

from .common import THEME_METRICS, Ctx
from .core import Block, Cell, Obs, Part, cn_number, load_yaml
from .phrases import change_clause, level_clause, specs

PLANS = [(f"十{cn_number(n)}五" if n > 10 else "十五", 2001 + 5 * (n - 10)) for n in range(10, 17)]
TARGET_CODES = [
    "gdp",
    "general_budget_revenue",
    "disposable_income_per_capita",
    "retail_sales",
    "registered_unemployment_rate",
    "energy_intensity",
    "fixed_asset_investment",
]
TASK_TARGETS = [
    "illegal_construction_demolished",
    "food_sampling_pass_rate",
    "drug_sampling_pass_rate",
    "new_green_area",
    "shantytown_renovation",
    "pm25_concentration",
    "forest_coverage",
    "sewage_treatment_rate",
    "new_jobs",
    "land_vacated",
]


def year_cue(year: int) -> str | None:
    """A sentence from which a masked delivery year can be inferred, or None."""
    for name, first in PLANS:
        if year == first:
            return f"{year}年是“{name}”规划的开局之年,做好今年工作意义重大。"
        if year == first + 4:
            return f"{year}年是“{name}”规划的收官之年,也是承前启后的关键之年。"
    if year >= 1950 and year % 5 == 4:
        return f"{year}年是新中国成立{year - 1949}周年,做好全年工作责任重大。"
    return None


def review_section(ctx: Ctx, themes: list[str]) -> list[Block]:
    rng, vocab, out = ctx.rng, load_yaml("vocab.yaml"), []
    for i, theme in enumerate(themes):
        out.append(Block.para("heading", f"{cn_number(i + 1)}、{rng.choice(vocab['themes'][theme])}"))
        for _ in range(rng.randint(3, 4)):
            codes = rng.sample(THEME_METRICS[theme], k=min(len(THEME_METRICS[theme]), rng.randint(3, 4)))
            para = ctx.paragraph(
                theme,
                codes,
                [""],
                ["actual"],
                lead=rng.choice(vocab["themes"][theme]) + "。",
                year=ctx.year - 1,
            )
            out.append(Block.para("p", review_year(para)))
    return out


def review_year(c: Cell) -> Cell:
    for o in c.obs:
        o.year_offset = -1
    return c


def targets_paragraph(ctx: Ctx) -> Cell:
    rng, y = ctx.rng, ctx.year
    out = Cell().add(
        rng.choice([f"{y}年全区经济社会发展主要预期目标是:", "今年全区经济社会发展的主要预期目标是:"])
    )
    codes = rng.sample(TARGET_CODES, k=rng.randint(4, 7))
    for i, code in enumerate(codes):
        spec = specs()[code]
        if code == "gdp" and rng.random() < 0.3:
            out.extend(growth_range(ctx, rng.choice(spec.labels)))
        elif spec.change and code != "registered_unemployment_rate":
            text, o = change_clause(
                rng, spec, rng.uniform(*spec.change) if code != "gdp" else rng.uniform(4, 8), "target", ""
            )
            out.add(rng.choice(spec.labels) + text, o)
        else:
            text, o = level_clause(rng, spec, ctx.level(spec), "target", "")
            out.add(text, o)
        out.add(";" if i < len(codes) - 1 else "。")
    return out


def growth_range(ctx: Ctx, label: str) -> Cell:
    """A target range such as 地区生产总值增长6-6.5% (value 6, value_max 6.5)."""
    low = Fraction(ctx.rng.randint(8, 15), 2)
    high = low + Fraction(ctx.rng.choice([1, 2]), 2)
    text = f"增长{fmt(low)}-{fmt(high)}%" if ctx.rng.random() < 0.6 else f"增长{fmt(low)}%-{fmt(high)}%"
    o = Obs("gdp", "change_pct", "target", low, "%", "eq", "", value_max=high)
    return Cell().add(label).add(text, o)


def fmt(v: Fraction) -> str:
    return str(int(v)) if v.denominator == 1 else f"{float(v):g}"


def task_section(ctx: Ctx) -> list[Block]:
    rng, vocab, out = ctx.rng, load_yaml("vocab.yaml"), []
    codes = rng.sample(TASK_TARGETS, k=rng.randint(5, 9))
    themes = ["economy", "urban", "environment", "livelihood", "governance"]
    for i, theme in enumerate(themes):
        out.append(Block.para("heading", f"({cn_number(i + 1)}){rng.choice(vocab['themes'][theme])}"))
        para = Cell().add(ctx.filler(theme))
        for code in codes[i::5]:
            text, o = level_clause(rng, specs()[code], ctx.level(specs()[code]), "target", "")
            para.add(rng.choice(["", "确保", "力争"])).add(text, o).add("。")
            para.add(ctx.filler(theme))
        out.append(Block.para("p", para))
    return out


def gov_work_report(ctx: Ctx, masked: bool, with_title: bool = True) -> Part:
    rng, y, vocab = ctx.rng, ctx.year, load_yaml("vocab.yaml")
    cue = year_cue(y)
    year, source = (y, "stated") if not masked else ((y, "inferred") if cue else (None, None))
    part = Part("gov_work_report", ctx.code, year, source, "year", masked=masked)
    b = part.blocks
    if with_title:
        b.append(
            Block.para("title", rng.choice([f"{ctx.name}{y}年政府工作报告", f"{y}年{ctx.name}政府工作报告"]))
        )
    b.append(Block.para("p", "各位代表:"))
    b.append(Block.para("p", ctx.fill(rng.choice(vocab["gwr_intro"]))))
    b.append(Block.para("heading", rng.choice([f"一、{y - 1}年工作回顾", f"第一部分 {y - 1}年工作回顾"])))
    summary = Cell().add(f"{y - 1}年,")
    for code in rng.sample(
        [*TARGET_CODES, "pm25_concentration", "tech_contract_turnover"], k=rng.randint(6, 9)
    ):
        summary.extend(ctx.mention(code, rng.choice(["estimate", "actual"]), year=y - 1))
    b.append(Block.para("p", review_year(summary)))
    themes = ["urban", "economy", "environment", "livelihood", "governance"]
    rng.shuffle(themes)
    b += review_section(ctx, (themes * 3)[: rng.randint(10, 14)])
    b.append(Block.para("heading", rng.choice([f"二、{y}年主要任务", f"第二部分 {y}年工作安排"])))
    if cue:
        b.append(Block.para("p", cue))
    b.append(Block.para("p", targets_paragraph(ctx)))
    b += task_section(ctx)
    b.append(
        Block.para(
            "p",
            "各位代表:让我们在市委、市政府和区委的坚强领导下,凝心聚力、真抓实干,为全面完成全年目标任务而努力奋斗!",
        )
    )
    return part
