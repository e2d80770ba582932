"""Write docs/reference.md, govperf's own contract: ``python scripts/gen_reference.py``.

Everything in it is read from the project: the codes of ``govperf/data/vocab.py``, the data files
of ``govperf/data/`` (metrics and their aliases, units, task categories, the region table) and the
``COMMENT ON`` statements of the view files in ``sql/`` (parsed as text: no database is needed).
The meanings of the short vocabularies (measures, kinds …) are written here, in ``MEANINGS``; a
code without a meaning stops the script, so a new code cannot go undocumented.

``--check`` compares the file with what the script would write and exits non-zero when they
differ (``tests/test_reference_doc.py`` does the same).  The output depends only on the files it
reads: no dates, no machine paths, every list in a fixed order.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from govperf.data import load_yaml, vocab  # noqa: E402
from govperf.data.regions import LEVELS, regions  # noqa: E402

OUTPUT = ROOT / "docs" / "reference.md"
SQL = ROOT / "sql"
COMMAND = "python scripts/gen_reference.py"

# What each code of the short vocabularies means: (Chinese, English).
MEANINGS: dict[str, dict[str, tuple[str, str]]] = {
    "measures": {
        "level": ("水平", "the quantity itself, in the metric's unit"),
        "change_pct": ("增速(%)", "change in per cent, signed (下降 → negative)"),
        "change_abs": ("增减量", "absolute change in the metric's unit, signed"),
        "change_pp": ("百分点", "change in percentage points, signed"),
        "rank": ("排名", "place in a ranking, 1 = first"),
        "progress_pct": ("完成进度(%)", "share of the annual target reached so far"),
    },
    "kinds": {
        "actual": ("实际", "a reported figure"),
        "estimate": ("预计", "an estimate for a period not yet closed (预计, 预计可完成)"),
        "target": ("目标", "a goal (年度目标, 主要预期目标, 力争, 控制在 … in a target context)"),
    },
    "comparators": {
        "eq": ("等于", "the value as stated"),
        "approx": ("左右、约", "about the value"),
        "max": ("以内、不超过、低于、控制在", "at most the value"),
        "min": ("以上、不低于、超过", "at least the value"),
    },
    "breakdowns": {
        "total": ("合计", "the whole region (the default)"),
        "urban": ("城镇", "urban residents or areas only (城镇居民, 城市居民)"),
        "rural": ("农村", "rural residents or areas only (农村居民, 乡村居民, 农牧民)"),
    },
    "task_statuses": {
        "done": ("已完成", "the progress text says the task is complete"),
        "on_track": ("按进度推进", "under way as planned"),
        "lagging": ("滞后", "behind schedule"),
        "unknown": ("未知", "the progress text does not say"),
    },
    "year_sources": {
        "stated": ("文中写明", "the document names its year"),
        "inferred": ("推断", "inferred from cues (十三五开局之年, session numbers, dated lines)"),
        "given": ("导入时指定", "given on the command line (--year)"),
    },
}
LEVEL_MEANINGS = {
    "national": "全国 (000000)",
    "province": "省级: provinces, autonomous regions, municipalities (北京市 110000)",
    "prefecture": "地级: prefecture-level cities, autonomous prefectures, leagues",
    "county": "县级: districts (Beijing's 东城区 …), counties, county-level cities, banners, zones",
}
_COMMENT = re.compile(r"COMMENT ON (VIEW|COLUMN) ([\w.]+) IS '((?:[^']|'')*)';", re.S)
_CREATE = re.compile(r"CREATE (?:OR REPLACE )?VIEW (\w+)\s*\((.*?)\)\s*AS\b", re.S | re.I)


def cell(text: object) -> str:
    """A value fit for one Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


def table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(value) for value in row) + " |" for row in rows]
    return [*lines, ""]


def codes(name: str, values: Sequence[str]) -> list[str]:
    """A table of one vocabulary's codes with their meanings; a code without one stops the script."""
    meanings = MEANINGS[name]
    missing = [code for code in values if code not in meanings]
    if missing:
        raise SystemExit(f"gen_reference: no meaning for {name} {', '.join(missing)}: add it to MEANINGS")
    return table(("code", "中文", "meaning"), ((f"`{c}`", *meanings[c]) for c in values))


def parse_view(path: Path) -> tuple[str, list[str], str, dict[str, str]]:
    """(view, columns in order, the view's comment, column → comment) of one sql/ file."""
    source = path.read_text(encoding="utf-8")
    created = _CREATE.search(source)
    if created is None:
        raise SystemExit(f"gen_reference: sql/{path.name}: no CREATE VIEW name (columns) AS")
    name = created.group(1)
    columns = [column.strip() for column in created.group(2).split(",") if column.strip()]
    view_comment, comments = "", {}
    for target, obj, text in _COMMENT.findall(source):
        text = text.replace("''", "'")
        if target == "VIEW":
            view_comment = text
        elif obj.startswith(f"{name}."):
            comments[obj.split(".", 1)[1]] = text
    return name, columns, view_comment, comments


def summary(comment: str) -> str:
    """A view comment's English half ('中文 / English'), up to its first full stop or semicolon."""
    english = comment.split(" / ", 1)[-1]
    return re.split(r"(?<=[.;])\s", english, maxsplit=1)[0].rstrip(".;")


def view_files() -> list[Path]:
    """sql/<view>.sql in creation order (govperf.db.views.VIEWS), then any other view file by name."""
    try:
        from govperf.db.views import VIEWS
    except ImportError:  # SQLAlchemy missing: name order is deterministic too
        VIEWS = ()
    files = {path.stem: path for path in SQL.glob("v_*.sql")}
    order = [name for name in VIEWS if name in files] + sorted(set(files) - set(VIEWS))
    return [files[name] for name in order]


def views_section() -> list[str]:
    parsed = [parse_view(path) for path in view_files()]
    out = [
        "## Views",
        "",
        "Analysts and BI tools read these views (the role `govperf_reader` may SELECT them); the",
        "internal tables behind them may change.  Each view and column carries the comment shown",
        "here (`COMMENT ON`, Chinese / English), so `\\d+ v_documents` in psql and a BI tool's column",
        "descriptions say the same.  Names are stable: columns are added, never renamed.",
        "",
    ]
    out += table(("view", "what"), ((f"[`{n}`](#{n})", summary(comment)) for n, _, comment, _ in parsed))
    for name, columns, comment, comments in parsed:
        out += [f"### {name}", "", comment or "(no comment)", "", f"Defined in `sql/{name}.sql`.", ""]
        out += table(("column", "description"), ((f"`{c}`", comments.get(c, "—")) for c in columns))
    return out


def reference_tables_section() -> list[str]:
    try:
        from govperf.db.models import REFERENCE_TABLES, Base
    except ImportError:
        return []
    out = [
        "## Reference tables",
        "",
        "Readable by `govperf_reader` beside the views; filled from the data files of",
        "`govperf/data/` after every upgrade (rows with source `user` are the analyst's own and stay).",
        "",
    ]
    rows = []
    for name in REFERENCE_TABLES:
        found = Base.metadata.tables.get(name)
        if found is not None:
            comment = re.sub(r"\s*\(DESIGN\.md §\d+\)", "", found.comment or "")  # a file users lack
            rows.append((f"`{name}`", comment, ", ".join(c.name for c in found.columns)))
    return out + table(("table", "holds", "columns"), rows)


def genres_section() -> list[str]:
    out = ["## Genres", "", "The kinds of document govperf recognises (`genre` in the views, `--genre`):", ""]
    out += table(("code", "中文", "English"), ((f"`{c}`", zh, en) for c, zh, en in vocab.GENRE_NAMES))
    return out


def regions_section() -> list[str]:
    every = regions()
    levels = Counter(region.level for region in every)
    short_names = Counter(region.short for region in every)
    shared = sum(1 for count in short_names.values() if count > 1)
    aliases = sum(len(region.aliases) for region in every)
    former = sum(len(region.former) for region in every)
    unofficial = [region for region in every if not region.official]
    source = re.search(r"package (\S+==[\w.]+)", _csv_header())
    out = [
        "## Regions",
        "",
        f"{len(every):,} regions: every GB/T 2260 division and 全国.  `district_code` in every view",
        "is the six-digit code of the region a value describes, at any level; `region_level` its level.",
        "",
    ]
    out += table(("level", "what", "regions"), ((f"`{lv}`", LEVEL_MEANINGS[lv], levels[lv]) for lv in LEVELS))
    out += [
        "The table is `govperf/data/regions_gbt2260.csv`, generated by `scripts/gen_regions.py`"
        + (f" from the pinned package `{source.group(1)}`" if source else "")
        + ", plus `govperf/data/regions.yaml` (全国, development zones, other names).",
        f"It knows {aliases} other names and {former} former names (before a merger or rename).",
        "",
        "A region on the command line (`--district`) or in a document resolves by, in order:",
        "",
        "1. its code (`110112`);",
        "2. a full, short, other or former name (`通州区`, `通州`, `城市副中心`, `密云县`), or an",
        "   autonomous division's short name with its plain kind (`红河州`);",
        "3. a name with its parent's name before it (`北京市通州区`, `北京通州`, `长春市朝阳区`).",
        "",
        f"{shared} short names belong to more than one region (朝阳区 is in 北京 and in 长春): such a",
        "name is an error listing the candidates with their codes, never a guess; give the code or the",
        "parent's name.  An analyst's own names for a region live in `region_aliases` (source `user`).",
        "",
    ]
    if unofficial:
        examples = "、".join(f"{r.name} `{r.code}`" for r in unofficial[:2])
        out += [
            f"{len(unofficial)} regions are development zones and similar areas that have a statistical",
            "code (统计用区划代码 xxxx7x) or one of govperf's own instead of a GB/T 2260 code",
            f"({examples} …); `regions.official` is false for them.",
            "",
        ]
    return out


def _csv_header() -> str:
    text = (ROOT / "govperf" / "data" / "regions_gbt2260.csv").read_text(encoding="utf-8")
    return " ".join(line.lstrip("#").strip() for line in text.splitlines()[:10] if line.startswith("#"))


def metrics_section() -> list[str]:
    metrics = load_yaml("metrics.yaml")["metrics"]
    out = [
        "## Metrics",
        "",
        f"{len(metrics)} canonical metrics (`metric_code`; codes are stable: added, never renamed).",
        "Every value of a metric is stored in its unit, converted exactly from the unit written;",
        "`better` is the direction `v_metric_comparison` ranks by (— : no direction).  A label maps",
        "to the metric whose longest alias it contains, unless it contains one of the metric's",
        "*not* phrases; *whole label only* names count only when they are the whole label.",
        "Add your own alias with `govperf alias add LABEL METRIC`.",
        "",
    ]
    out += table(
        ("code", "name", "English", "unit", "better"),
        (
            (f"[`{m['code']}`](#{m['code']})", m["name"], m["name_en"], m["unit"], m["better"] or "—")
            for m in metrics
        ),
    )
    for metric in metrics:
        out += [f"### {metric['code']}", "", f"{metric['name']} — {metric['name_en']} ({metric['unit']})", ""]
        for title, key in (("aliases", "aliases"), ("whole label only", "whole"), ("not", "exclude")):
            if metric.get(key):
                out.append(f"- {title}: {cell('、'.join(metric[key]))}")
        out.append("")
    return out


def units_section() -> list[str]:
    data = load_yaml("units.yaml")
    by_dimension: dict[str, list[str]] = {}
    for unit, spec in data["units"].items():
        by_dimension.setdefault(spec["dimension"], []).append(str(unit))
    out = [
        "## Units",
        "",
        "Units read after a number, by dimension; a value converts exactly between units of one",
        "dimension (1 公顷 = 15 亩).  Multipliers before a unit: "
        + "、".join(str(m) for m in data.get("multipliers", {}))
        + ".",
        "",
    ]
    rows = (
        (f"`{dim}`", base, "、".join(by_dimension.get(dim, []))) for dim, base in data["dimensions"].items()
    )
    return out + table(("dimension", "base", "units"), rows)


def categories_section() -> list[str]:
    out = ["## Task categories", "", "`category_code` in `v_tasks`, `v_task_completion`, … by scheme:", ""]
    rows = []
    for scheme in load_yaml("categories.yaml")["schemes"]:
        years = f"{scheme.get('first_year') or ''}–{scheme.get('last_year') or ''}"
        for category in scheme["categories"]:
            rows.append(
                (f"`{category['code']}`", category["name"], category["name_en"], scheme["code"], years)
            )
    return out + table(("code", "中文", "English", "scheme", "years"), rows)


def vocabularies_section() -> list[str]:
    out = ["## Observation codes", ""]
    parts = (
        ("measures", vocab.MEASURES, "`measure`: what a number measures."),
        ("kinds", vocab.KINDS, "`kind`: reported, estimated or aimed at."),
        ("comparators", vocab.COMPARATORS, "`comparator`: how the value bounds the real figure."),
        ("breakdowns", vocab.BREAKDOWNS, "`breakdown`: the part of the region a value covers."),
    )
    for name, values, intro in parts:
        out += [f"### {name.capitalize()}", "", intro, "", *codes(name, values)]
    out += ["## Task and document codes", ""]
    out += ["### Task statuses", "", "`status` in `v_tasks`.", ""]
    out += codes("task_statuses", vocab.TASK_STATUSES)
    out += ["### Year sources", "", "`year_source` in `v_documents`.", ""]
    return out + codes("year_sources", vocab.YEAR_SOURCES)


def render() -> str:
    lines = [
        "# govperf reference",
        "",
        f"<!-- Generated by `{COMMAND}` from govperf/data/ and sql/: do not edit by hand. -->",
        "",
        "What govperf promises its readers: the codes it stores, the metrics it maps numbers to, the",
        "regions it knows, and every view and column.  How to query them: `docs/analysts.md`; BI tools:",
        "`docs/bi.md`; the tables behind the views: `docs/database.md`.",
        "",
        *genres_section(),
        *regions_section(),
        *vocabularies_section(),
        *categories_section(),
        *metrics_section(),
        *units_section(),
        *views_section(),
        *reference_tables_section(),
    ]
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when docs/reference.md is not current")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"docs/reference.md is not current: run {COMMAND}", file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
