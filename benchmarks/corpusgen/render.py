"""Turn parts into a file (plain text or a gov-site HTML page) and its ground truth."""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import opencc

from .core import Block, Obs, Part, load_yaml

MASK = re.compile(r"20\d\d(?=年)")
Convert = Callable[[str], str]


@functools.cache
def converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def transform(script: str | None, masked: bool) -> Convert:
    """Masking (20xx年) keeps lengths; the Traditional converter usually does too."""

    def apply(text: str) -> str:
        if masked:
            text = MASK.sub("20xx", text)
        return converter(script).convert(text) if script else text

    return apply


@dataclass
class FileSpec:
    """What the writer asks for: the parts of one file and how to present them."""

    parts: list[Part]
    html: bool = False
    script: str | None = None  # an OpenCC config (s2tw, s2twp) for Traditional script
    blank_lines: bool = True
    preamble: list[Block] = field(default_factory=list)  # file title and cruft of a multi-part file
    district: tuple[str, str, str] = ("", "", "")


def number(v: Fraction) -> int | float:
    return int(v) if v.denominator == 1 else float(v)


def final_cells(spec: FileSpec) -> tuple[dict[int, str], list[tuple[int, Obs, str]]]:
    """Final text of every cell (by id) and, per observation, (part number, obs, evidence)."""
    texts: dict[int, str] = {}
    found: list[tuple[int, Obs, str]] = []
    plain = transform(spec.script, False)
    for c in (c for b in spec.preamble for c in b.cells()):
        texts[id(c)] = plain(c.text)
    for number_, part in enumerate(spec.parts, 1):
        conv = transform(spec.script, part.masked)
        for c in (c for b in part.blocks for c in b.cells()):
            source = MASK.sub("20xx", c.text) if part.masked else c.text
            final = conv(c.text)
            texts[id(c)] = final
            for o in c.obs:
                evidence = (
                    final[o.start : o.end] if len(final) == len(source) else conv(c.text[o.start : o.end])
                )
                if evidence and evidence in final:
                    found.append((number_, o, evidence))
    return texts, found


def text_block(b: Block, texts: dict[int, str]) -> str:
    if b.kind == "pipe_table":
        lines = []
        for row in b.rows:
            cells = [texts[id(c)] for c in row if c is not None]
            lines.append(" | ".join(cells) + (" |" if row[0] is not None else " | |"))
        return "\n".join(lines)
    if b.kind == "space_table":
        return "\n".join(" ".join(texts[id(c)] for c in row if c is not None) for row in b.rows)
    return texts[id(b.rows[0][0])]


def render_text(spec: FileSpec, texts: dict[int, str]) -> str:
    sep = "\n\n" if spec.blank_lines else "\n"
    chunks = [text_block(b, texts) for b in spec.preamble]
    for i, part in enumerate(spec.parts, 1):
        if len(spec.parts) > 1:
            chunks.append(f"篇{i}")
        chunks.extend(text_block(b, texts) for b in part.blocks)
    return sep.join(chunks) + "\n"


def html_block(b: Block, texts: dict[int, str]) -> str:
    esc = functools.partial(html.escape, quote=False)
    if b.kind in ("pipe_table", "space_table"):
        rows = []
        for r, row in enumerate(b.rows):
            tag = "th" if r == 0 else "td"
            cells = []
            for c_i, c in enumerate(row):
                if c is None:
                    continue
                span = ""
                if b.kind == "pipe_table" and c_i == 0 and r > 0:
                    n = 1
                    while r + n < len(b.rows) and b.rows[r + n][0] is None:
                        n += 1
                    span = f' rowspan="{n}"' if n > 1 else ""
                cells.append(f"<{tag}{span}>{esc(texts[id(c)])}</{tag}>")
            rows.append("<tr>" + "".join(cells) + "</tr>")
        return (
            '<table border="1" cellspacing="0" cellpadding="4">\n<tbody>\n'
            + "\n".join(rows)
            + "\n</tbody>\n</table>"
        )
    text = esc(texts[id(b.rows[0][0])])
    tags = {
        "title": ("<h1>", "</h1>"),
        "meta": ('<div class="info">', "</div>"),
        "heading": ("<p><strong>", "</strong></p>"),
        "cruft": ('<div class="tools">', "</div>"),
    }
    head, tail = tags.get(b.kind, ("<p>", "</p>"))
    return head + text + tail


def render_html(spec: FileSpec, texts: dict[int, str], charset: str) -> str:
    code, name, short = spec.district
    conv = transform(spec.script, False)
    vocab = load_yaml("vocab.yaml")
    blocks = [*spec.preamble]
    for i, part in enumerate(spec.parts, 1):
        if len(spec.parts) > 1:
            blocks.append(Block.para("p", f"篇{i}"))
            texts[id(blocks[-1].rows[0][0])] = f"篇{i}"
        blocks.extend(part.blocks)
    body = [html_block(b, texts) for b in blocks if b.kind != "footer"]
    footer = [
        f"<p>{html.escape(texts[id(b.rows[0][0])], quote=False)}</p>" for b in blocks if b.kind == "footer"
    ]
    title = next((texts[id(b.rows[0][0])] for b in blocks if b.kind == "title"), "")
    nav = "".join(
        f'<li><a href="/col{i}/index.html">{conv(n.format(short=short))}</a></li>'
        for i, n in enumerate(vocab["nav"])
    )
    crumb = " &gt; ".join(f'<a href="/{i}/">{conv(c)}</a>' for i, c in enumerate(vocab["crumbs"][:2]))
    site = conv(f"北京市{name}人民政府")
    return (
        f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="{charset}">\n'
        f"<title>{html.escape(title)}_{site}</title>\n</head>\n<body>\n"
        f'<div class="header"><div class="logo">{site}</div></div>\n'
        f'<div class="nav"><ul>{nav}</ul></div>\n'
        f'<div class="breadcrumb">{conv("您当前的位置:")}<a href="/">{conv("首页")}</a> &gt; {crumb}</div>\n'
        f'<div class="container">\n<div class="article">\n' + "\n".join(body) + "\n</div>\n</div>\n"
        '<div class="footer">\n' + "\n".join(footer) + f"\n</div>\n<!-- site {code} -->\n</body>\n</html>\n"
    )


def truth(spec: FileSpec, source: str, found: list[tuple[int, Obs, str]], text: str) -> dict[str, Any]:
    docs = []
    for i, part in enumerate(spec.parts, 1):
        doc: dict[str, Any] = {
            "part": i,
            "genre": part.genre,
            "district_code": part.district_code,
            "year": part.year,
            "year_source": part.year_source,
            "period": part.period,
            "category_results": part.category_results,
        }
        if part.totals:
            doc["totals"] = part.totals
        doc.update(task_count=part.task_count, tasks=part.tasks)
        doc["observations"] = [obs_json(o, ev, part) for n, o, ev in found if n == i and ev in text]
        docs.append(doc)
    return {"source": source, "documents": docs}


def obs_json(o: Obs, evidence: str, part: Part) -> dict[str, Any]:
    out: dict[str, Any] = {
        "metric_code": o.metric_code,
        "measure": o.measure,
        "kind": o.kind,
        "value": number(o.value),
    }
    if o.value_max is not None:
        out["value_max"] = number(o.value_max)
    out.update(unit=o.unit, comparator=o.comparator, period_label=o.period_label, evidence=evidence)
    if o.alt_kinds:
        out["alt_kinds"] = list(o.alt_kinds)
    if o.district_code and o.district_code != part.district_code:
        out["district_code"] = o.district_code
    if o.year_offset:
        out["year"] = part.year + o.year_offset if part.year is not None else None
    return out
