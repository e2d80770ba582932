"""The two narrative genres: perf_self_report (自查报告) and perf_work_report (工作报告)."""

from __future__ import annotations

from .common import THEME_METRICS, Ctx, footer, header
from .core import Block, Cell, Part, cn_count, cn_number, load_yaml

CATEGORIES = [
    ("quality_development", "高质量发展"),
    ("efficient_implementation", "高效率落实"),
    ("effective_management", "高效能管理"),
    ("fiscal_efficiency", "高效益财政"),
    ("public_service", "高水平服务"),
]
YEAR_END_PERIODS = ["", "", "", "截至11月底", "1-11月", "前三季度", "1-10月"]
SUB_TITLES = {
    "economy": "经济发展指标",
    "environment": "污染防治和节能降耗",
    "urban": "城市治理指标",
    "livelihood": "民生指标完成情况",
    "governance": "政务服务指标",
}


def category_counts(ctx: Ctx) -> list[dict[str, int | str]]:
    rng = ctx.rng
    totals = [
        rng.randint(15, 40),
        rng.randint(30, 70),
        rng.randint(2, 6),
        rng.randint(2, 4),
        rng.randint(2, 5),
    ]
    out: list[dict[str, int | str]] = []
    for (code, _), total in zip(CATEGORIES, totals, strict=True):
        lagging = rng.choice([0, 0, 0, 0, 1, 2]) if total > 6 else 0
        out.append(
            {
                "category_code": code,
                "tasks_total": total,
                "tasks_done": total - lagging,
                "tasks_lagging": lagging,
            }
        )
    return out


def category_sentence(name: str, c: dict[str, int | str]) -> str:
    total, done, lag = int(c["tasks_total"]), int(c["tasks_done"]), int(c["tasks_lagging"])
    if lag == 0:
        return f"{name}方面,{cn_count(total)}项任务均已完成或预计能够完成"
    return (
        f"{name}方面,{cn_count(total)}项任务中,{cn_count(done)}项已完成或预计能够完成,"
        f"{cn_count(lag)}项任务进度有所滞后"
    )


def self_report(ctx: Ctx) -> Part:
    rng, vocab, y = ctx.rng, load_yaml("vocab.yaml"), ctx.year
    title = rng.choice(
        [
            f"北京市{ctx.name}人民政府关于{y}年度{ctx.name}政府绩效管理工作自查的报告",
            f"{ctx.name}{y}年度政府绩效管理工作自查报告",
        ]
    )
    part = Part("perf_self_report", ctx.code, y, "stated", "year")
    part.category_results = category_counts(ctx)
    b = part.blocks
    b += header(ctx, title, f"{y + 1}-01-{rng.randint(5, 28):02d}")
    b.append(Block.para("p", "市政府:"))
    b.append(Block.para("p", ctx.fill(rng.choice(vocab["openers"]))))
    b.append(Block.para("heading", "一、基本情况"))
    total = sum(int(c["tasks_total"]) for c in part.category_results)
    lag = sum(int(c["tasks_lagging"]) for c in part.category_results)
    names = "、".join(n for _, n in CATEGORIES)
    b.append(
        Block.para("p", f"{y}年{ctx.name}承办的市政府绩效任务主要包括{names}5个方面,涉及{total}项任务。")
    )
    summary = f"总体来看,{total - lag}项任务能够按照年初既定节点目标推进"
    summary += f",{cn_count(lag)}项任务进度有所滞后。" if lag else ",各项任务均已完成或预计能够完成。"
    parts = [category_sentence(n, c) for (_, n), c in zip(CATEGORIES, part.category_results, strict=True)]
    b.append(
        Block.para(
            "p", " ".join(rng.sample(vocab["mechanisms"], 2)) + summary + "其中," + ";".join(parts) + "。"
        )
    )
    b.append(Block.para("heading", "二、主要工作"))
    for i, ((code, name), counts) in enumerate(zip(CATEGORIES, part.category_results, strict=True)):
        b.append(Block.para("heading", f"({cn_number(i + 1)}){name}"))
        b.append(Block.para("p", f"{name}方面共涉及{cn_count(int(counts['tasks_total']))}项任务。"))
        b += category_body(ctx, code)
    b.append(Block.para("heading", "三、存在问题及原因分析"))
    b.append(Block.para("p", " ".join(rng.sample(vocab["problems"], 2))))
    b.append(Block.para("p", rng.choice(vocab["closings"])))
    b.append(Block.para("p", f"北京市{ctx.name}人民政府"))
    b.append(Block.para("p", f"{y + 1}年1月{rng.randint(2, 20)}日"))
    b += footer(ctx)
    return part


def category_body(ctx: Ctx, code: str) -> list[Block]:
    rng, out = ctx.rng, []
    if code == "quality_development":
        for n, theme in enumerate(["economy", "environment", "urban", "livelihood"], 1):
            out.append(Block.para("heading", f"{n}.{SUB_TITLES[theme]}"))
            for kinds in (
                ["actual"],
                ["actual"] * 3 + ["estimate"],
                ["actual"] * 2 + ["target", "estimate"],
                ["actual"] * 3 + ["target"],
            ):
                codes = THEME_METRICS[theme][:]
                rng.shuffle(codes)
                out.append(Block.para("p", ctx.paragraph(theme, codes, YEAR_END_PERIODS, kinds)))
    elif code == "efficient_implementation":
        themes = ["economy", "environment", "urban", "livelihood"] * 4
        rng.shuffle(themes)
        vocab = load_yaml("vocab.yaml")
        for n, theme in enumerate(themes[: rng.randint(10, 16)], 1):
            out.append(Block.para("heading", f"{n}.{rng.choice(vocab['themes'][theme])}"))
            for _ in range(rng.randint(2, 3)):
                codes = rng.sample(THEME_METRICS[theme], k=min(len(THEME_METRICS[theme]), rng.randint(3, 5)))
                out.append(Block.para("p", ctx.paragraph(theme, codes, YEAR_END_PERIODS, ["actual"])))
    elif code == "effective_management":
        out.append(
            Block.para(
                "p",
                ctx.paragraph(
                    "governance",
                    ["proposals_handled", "gov_info_disclosed"],
                    [""],
                    ["actual"],
                    lead=ctx.filler("governance"),
                ),
            )
        )
    elif code == "fiscal_efficiency":
        codes = ["general_budget_revenue", "general_budget_expenditure", "local_fiscal_revenue"]
        out.append(Block.para("p", ctx.paragraph("economy", codes, ["", "截至11月底", "1-11月"], ["actual"])))
    else:
        out.append(Block.para("p", Cell().add(ctx.filler("livelihood")).add(ctx.filler("governance"))))
    return out


def work_report(ctx: Ctx) -> Part:
    rng, vocab, y = ctx.rng, load_yaml("vocab.yaml"), ctx.year
    title = rng.choice([f"{ctx.name}{y}年度绩效管理工作报告", f"{ctx.name}{y}年绩效管理工作总结"])
    part = Part("perf_work_report", ctx.code, y, "stated", "year")
    indicators, tasks = rng.randint(18, 35), rng.randint(30, 60)
    lag = rng.choice([0, 0, 0, 1, 2])
    part.totals = {"indicators": indicators, "tasks_total": tasks, "tasks_done": tasks - lag}
    b = part.blocks
    b += header(
        ctx, title, f"{y + 1}-01-{rng.randint(5, 28):02d} {rng.randint(9, 17)}:{rng.randint(0, 59):02d}"
    )
    b.append(Block.para("p", ctx.fill(rng.choice(vocab["openers"]))))
    b.append(Block.para("heading", "一、总体情况"))
    done = f"{indicators}项绩效考评指标的{tasks}个绩效考评任务"
    done += "全面落实。" if not lag else f"中,{tasks - lag}个已完成,{cn_count(lag)}个进度滞后。"
    b.append(Block.para("p", f"{y}年,{ctx.name}坚持以人民为中心的发展思想,主动作为、攻坚克难,{done}"))
    estimate = Cell().add(rng.choice(["从全年情况看,", "综合研判,", "初步测算,"]))
    for code in rng.sample(["gdp", "disposable_income_per_capita", "energy_intensity", "retail_sales"], 3):
        estimate.extend(ctx.mention(code, "estimate", rich=True))
    b.append(Block.para("p", estimate))
    b.append(Block.para("heading", "二、主要做法和工作成效"))
    themes = ["economy", "urban", "environment", "livelihood", "governance"] * 3
    for i, theme in enumerate(themes[: rng.randint(10, 13)]):
        b.append(Block.para("heading", f"({cn_number(i + 1)}){rng.choice(vocab['themes'][theme])}"))
        for _ in range(rng.randint(3, 5)):
            codes = rng.sample(THEME_METRICS[theme], k=min(len(THEME_METRICS[theme]), rng.randint(3, 5)))
            lead = rng.choice(vocab["themes"][theme]) + "。"
            b.append(Block.para("p", ctx.paragraph(theme, codes, [""] * 4 + ["1-11月"], ["actual"], lead)))
    b += footer(ctx)
    return part
