"""What every genre shares: the generation context, filler prose, web cruft."""

from __future__ import annotations

import random
from dataclasses import dataclass

from .core import Block, Cell, load_yaml, unit_float
from .phrases import MetricSpec, base_level, mention, specs

THEME_METRICS = {
    "economy": [
        "gdp",
        "general_budget_revenue",
        "local_fiscal_revenue",
        "retail_sales",
        "total_consumption",
        "fixed_asset_investment",
        "tech_contract_turnover",
        "land_output_rate",
        "labor_output_rate",
    ],
    "environment": [
        "pm25_concentration",
        "heavy_pollution_days",
        "energy_consumption_total",
        "energy_intensity",
        "water_use_total",
        "water_intensity",
        "sewage_treatment_rate",
        "forest_coverage",
        "new_green_area",
    ],
    "urban": [
        "illegal_construction_demolished",
        "land_vacated",
        "city_management_index",
        "food_sampling_pass_rate",
        "drug_sampling_pass_rate",
    ],
    "livelihood": [
        "disposable_income_per_capita",
        "new_jobs",
        "registered_unemployment_rate",
        "resident_population",
        "shantytown_renovation",
    ],
    "governance": ["proposals_handled", "gov_info_disclosed", "general_budget_expenditure"],
}
PARKS = ["中关村{short}园", "{short}经济开发区", "{short}商务区", "{short}科技园"]


@dataclass
class Ctx:
    rng: random.Random
    seed: int
    code: str
    name: str
    short: str
    year: int

    def fill(self, text: str, **extra: object) -> str:
        n = self.rng.randint(3, 400)
        return text.format(d=self.name, y=self.year, short=self.short, n=n, m=max(1, n // 2), **extra)

    def filler(self, theme: str) -> str:
        return self.fill(self.rng.choice(load_yaml("vocab.yaml")["fillers"][theme]))

    def level(self, spec: MetricSpec, year: int | None = None) -> float:
        return base_level(spec, self.seed, self.code, year or self.year)

    def mention(
        self, code: str, kind: str = "actual", period: str = "", year: int | None = None, rich: bool = True
    ) -> Cell:
        spec = specs()[code]
        label, park = None, ""
        if code in ("land_output_rate", "labor_output_rate") and self.rng.random() < 0.5:
            park = self.rng.choice(PARKS).format(short=self.short)
            label = park + self.rng.choice(spec.labels)
        scope = self.rng.choice(["全区", "我区", "", "", ""]) if label is None else ""
        when = year or self.year

        def draw(name: str) -> float:
            return unit_float(self.seed, self.code, when, code, kind, period, park, name)

        return mention(self.rng, spec, self.level(spec, when), kind, period, scope, label, rich, draw)

    def paragraph(
        self,
        theme: str,
        codes: list[str],
        periods: list[str],
        kinds: list[str],
        lead: str = "",
        year: int | None = None,
    ) -> Cell:
        """A paragraph of metric sentences about one theme, with filler prose between them."""
        out = Cell().add(lead)
        for code in codes:
            if self.rng.random() < 0.35:
                out.add(self.filler(theme))
            kind = self.rng.choice(kinds)
            period = self.rng.choice(periods) if kind == "actual" else ""
            if kind == "target":
                out.add(self.rng.choice(["按照年度目标要求,", "年度任务目标:", "全年目标是"]))
            out.extend(self.mention(code, kind, period, year))
        if self.rng.random() < 0.5:
            out.add(self.filler(theme))
        return out


def footer(ctx: Ctx) -> list[Block]:
    site = ctx.code + "0001"
    icp = 10000000 + int(ctx.rng.random() * 9000000)
    lines = [
        f"主办:北京市{ctx.name}人民政府     承办:北京市{ctx.name}人民政府办公室    "
        f"政府网站标识码:{site} 京公网安备 {ctx.code}0200{ctx.rng.randint(1000, 9999)}号 京ICP备{icp}号-1"
    ]
    if ctx.rng.random() < 0.4:
        lines.insert(0, "扫一扫在手机上打开页面")
    if ctx.rng.random() < 0.3:
        lines.append(f"您访问的链接即将离开“北京市{ctx.name}人民政府”门户网站 是否继续?")
    return [Block.para("footer", line) for line in lines]


def header(ctx: Ctx, title: str, published: str) -> list[Block]:
    src = ctx.rng.choice(load_yaml("vocab.yaml")["sources"])
    blocks = [Block.para("title", title), Block.para("meta", f"日期:{published}    来源:{src}")]
    if ctx.rng.random() < 0.6:
        blocks.append(Block.para("cruft", "分享:"))
    blocks.append(Block.para("cruft", "字号:        "))
    return blocks
