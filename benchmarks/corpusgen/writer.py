"""Plan the corpus (districts × years × genres) and write it file by file, with ground truth."""

from __future__ import annotations

import hashlib
import json
import pathlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .common import Ctx
from .core import Block, Part, derive_rng, districts, load_yaml
from .gwr import gov_work_report, year_cue
from .narrative import self_report, work_report
from .render import FileSpec, final_cells, render_html, render_text, truth
from .tables import key_task_table, perf_task_table

FORMATS = ("txt", "html", "gb18030")


@dataclass
class Options:
    years: int
    seed: int
    out: pathlib.Path
    formats: tuple[str, ...] = FORMATS
    start_year: int = 2001
    html_share: float = 0.2
    gb18030_share: float = 0.15
    truth: bool = True  # write DIR/truth/<stem>.json
    bundle_share: float = 0.2  # gov_work_report files holding two or three years' reports (篇1, 篇2 …)
    districts: int | None = None  # only the first K districts (small test corpora)


@dataclass
class Summary:
    files: int = 0
    bytes: int = 0
    documents: int = 0
    observations: int = 0
    tasks: int = 0
    genres: Counter[str] = field(default_factory=Counter)
    formats: Counter[str] = field(default_factory=Counter)


def ctx_for(opts: Options, district: tuple[str, str, str], year: int, genre: str) -> Ctx:
    code, name, short = district
    return Ctx(derive_rng(opts.seed, code, year, genre), opts.seed, code, name, short, year)


def gwr_bundles(opts: Options, district: tuple[str, str, str]) -> dict[int, list[int]]:
    """For each year that ends a file, the delivery years it holds (newest first)."""
    years = list(range(opts.start_year, opts.start_year + opts.years))
    out: dict[int, list[int]] = {}
    i = 0
    while i < len(years):
        rng = derive_rng(opts.seed, "bundle", district[0], years[i])
        size = rng.choice([2, 3]) if rng.random() < opts.bundle_share else 1
        chunk = years[i : i + size]
        out[chunk[-1]] = chunk[::-1]
        i += size
    return out


def gwr_file(opts: Options, district: tuple[str, str, str], years: list[int]) -> FileSpec:
    rng = derive_rng(opts.seed, "gwr", district[0], years[0])
    bundled = len(years) > 1
    parts = []
    for y in years:
        ctx = ctx_for(opts, district, y, "gov_work_report")
        maskable = 2001 <= y <= 2099 and (year_cue(y) is not None or ctx.rng.random() < 0.1)
        masked = maskable and ctx.rng.random() < (0.7 if bundled else 0.2)
        parts.append(gov_work_report(ctx, masked, with_title=not bundled))
    spec = FileSpec(
        parts,
        script=rng.choice(["s2tw", "s2twp"]) if rng.random() < 0.4 else None,
        blank_lines=rng.random() < 0.3,
    )
    if bundled:
        vocab = load_yaml("vocab.yaml")
        spec.preamble = [
            Block.para("title", f"{district[1]}政府工作报告"),
            Block.para("cruft", rng.choice(vocab["gwr_cruft"]).format(d=district[1])),
        ]
    return spec


def make_part(name: str, ctx: Ctx, h1: bool) -> Part:
    if name == "self":
        return self_report(ctx)
    if name == "work":
        return work_report(ctx)
    return key_task_table(ctx, h1) if name.startswith("key") else perf_task_table(ctx, h1)


def plan(opts: Options) -> Iterator[FileSpec]:
    """File specs in a fixed order; each is built only when the writer asks for it."""
    chosen = districts()[: opts.districts]
    bundles = {d[0]: gwr_bundles(opts, d) for d in chosen}
    for year in range(opts.start_year, opts.start_year + opts.years):
        for district in chosen:
            rng = derive_rng(opts.seed, "plan", district[0], year)
            wanted = [("self", True), ("work", True), ("key1", True), ("perf1", True)]
            wanted += [(name, False) for name in ("key2", "perf2") if rng.random() < 0.5]
            for name, h1 in wanted:
                ctx = ctx_for(opts, district, year, name)
                yield FileSpec([make_part(name, ctx, h1)], blank_lines=rng.random() < 0.6)
            if year in bundles[district[0]]:
                yield gwr_file(opts, district, bundles[district[0]][year])


def choose_format(opts: Options, index: int) -> tuple[bool, str]:
    rng = derive_rng(opts.seed, "format", index)
    as_html = "html" in opts.formats and ("txt" not in opts.formats or rng.random() < opts.html_share)
    gb = "gb18030" in opts.formats and (
        not ({"txt", "html"} & set(opts.formats)) or rng.random() < opts.gb18030_share
    )
    return as_html, "gb18030" if gb else "utf-8"


def truth_json(gold: dict[str, Any]) -> str:
    """JSON with one task or observation per line: readable, diffable, and fast to write."""

    def dumps(value: object) -> str:
        return json.dumps(value, ensure_ascii=False)

    docs = []
    for doc in gold["documents"]:
        head = ", ".join(
            f"{dumps(k)}: {dumps(v)}" for k, v in doc.items() if k not in ("tasks", "observations")
        )
        lists = [
            f"{dumps(key)}: [" + ",".join("\n   " + dumps(item) for item in doc[key]) + "]"
            for key in ("tasks", "observations")
        ]
        docs.append("  {" + head + ",\n  " + ",\n  ".join(lists) + "}")
    return '{"source": ' + dumps(gold["source"]) + ', "documents": [\n' + ",\n".join(docs) + "]}\n"


def write_corpus(opts: Options, progress: bool = False) -> Summary:
    (opts.out / "truth" if opts.truth else opts.out).mkdir(parents=True, exist_ok=True)
    summary = Summary()
    for index, spec in enumerate(plan(opts)):
        spec.html, encoding = choose_format(opts, index)
        part0 = spec.parts[0]
        spec.district = next(d for d in districts() if d[0] == part0.district_code)
        stem = f"{index:06d}_" + hashlib.blake2b(repr((opts.seed, index)).encode(), digest_size=8).hexdigest()
        name = stem + (".html" if spec.html else ".txt")
        texts, found = final_cells(spec)
        text = render_html(spec, texts, encoding) if spec.html else render_text(spec, texts)
        data = text.encode(encoding)
        (opts.out / name).write_bytes(data)
        gold = truth(spec, name, found, text)
        if opts.truth:
            (opts.out / "truth" / f"{stem}.json").write_text(truth_json(gold), encoding="utf-8")
        summary.files += 1
        summary.bytes += len(data)
        summary.formats[("html" if spec.html else "txt") + ("+gb18030" if encoding != "utf-8" else "")] += 1
        for doc in gold["documents"]:
            summary.documents += 1
            summary.genres[doc["genre"]] += 1
            summary.observations += len(doc["observations"])
            summary.tasks += len(doc["tasks"])
        if progress and summary.files % 200 == 0:
            print(f"  {summary.files} files, {summary.observations} observations", flush=True)
    return summary
