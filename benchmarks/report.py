# ruff: noqa: E501  (markdown table rows and f-strings read best on one line each)
"""RESULTS.md for run_benchmarks.py: machine facts, command, figures, ratios against the goals.

A block between ``<!-- notes -->`` and ``<!-- /notes -->`` in an existing RESULTS.md (the
engineers' reading of the figures) is kept when the file is rewritten.
"""

from __future__ import annotations

import itertools
import os
import platform
import re
import subprocess
import time
from pathlib import Path
from typing import Any

NOTES = re.compile(r"<!-- notes -->.*?<!-- /notes -->", re.S)
GOALS = {"server": 0.6, "copy": 0.5, "naive": 20.0, "scale": 11.0, "query": 3.0}


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def machine_facts(argv: list[str]) -> dict[str, str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    memory = next(
        (
            line.split()[1]
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        "0",
    )
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=Path(__file__).parent
    )
    return {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "cpu": f"{cpu} × {os.cpu_count()}",
        "memory": f"{int(memory) / 1024 / 1024:.1f} GiB",
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "commit": commit.stdout.strip(),
        "command": ".venv/bin/python benchmarks/run_benchmarks.py " + " ".join(argv[1:]),
        "load_before": load_average(),
    }


def rows(result: dict[str, Any]) -> int:
    return sum(result["rows"].values())


def rate(count: float, seconds: float) -> float:
    return count / seconds if seconds else 0.0


def load_ratios(compare: dict[str, Any]) -> dict[str, Any]:
    """Seconds, rows/s of each loader and the load stage's rows/s as a share of each baseline."""
    rates = {key: rate(rows(r), r["seconds"]) for key, r in compare.items() if key != "runs"}
    seconds = {key: r["seconds"] for key, r in compare.items() if key != "runs"}
    shares = {f"real/{key}": rates["real"] / value for key, value in rates.items() if value}
    return {"seconds": seconds, "rows_per_s": rates, "shares": shares, "rows": compare["real"]["rows"]}


def _ok(value: float, goal: float, *, at_most: bool = False) -> str:
    met = value <= goal if at_most else value >= goal
    return "met" if met else "**not met**"


def goal_rows(results: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    compare = results["compare"]
    real, copy, naive = compare["real"], compare["copy"], compare["naive"]
    real_rate = rate(rows(real), real["seconds"])
    copy_ratio = real_rate / rate(rows(copy), copy["seconds"])
    naive_ratio = real_rate / rate(rows(naive), naive["seconds"])
    out = []
    if "server" in compare:  # results saved before the server-side baseline existed have none
        server = compare["server"]
        server_ratio = real_rate / rate(rows(server), server["seconds"])
        out.append(
            (
                "load stage vs server-side COPY FROM file (rows/s)",
                f"{server_ratio:.0%}",
                "≥ 60%",
                _ok(server_ratio, GOALS["server"]),
            )
        )
    out += [
        (
            "load stage vs client-side COPY FROM STDIN (rows/s)",
            f"{copy_ratio:.0%}",
            "≥ 50%",
            _ok(copy_ratio, GOALS["copy"]),
        ),
        (
            "load stage vs naive ORM (rows/s)",
            f"{naive_ratio:.0f}×",
            "≥ 20×",
            _ok(naive_ratio, GOALS["naive"]),
        ),
    ]
    scales = results["scales"]
    for small, large in itertools.pairwise(scales):
        factor = large["scale"] / small["scale"]
        ratio = large["load"]["seconds"] / small["load"]["seconds"]
        label = f"import time N={large['scale']} / N={small['scale']}"
        out.append((label, f"{ratio:.1f}", f"≤ {1.1 * factor:.0f}", _ok(ratio, 1.1 * factor, at_most=True)))
        memory = large["load"]["rss_mib"] / small["load"]["rss_mib"]
        out.append(
            (
                f"peak RSS N={large['scale']} / N={small['scale']}",
                f"{memory:.2f}",
                "flat (≤ 1.2)",
                _ok(memory, 1.2, at_most=True),
            )
        )
        for a, b in zip(small["queries"], large["queries"], strict=True):
            q = b.milliseconds / a.milliseconds
            out.append(
                (
                    f"{a.name} N={large['scale']} / N={small['scale']}",
                    f"{q:.1f}",
                    "≤ 3",
                    _ok(q, GOALS["query"], at_most=True),
                )
            )
            if a.rows and b.rows > 1.5 * a.rows:  # the answer itself grew: latency per row too
                per_row = (b.milliseconds / b.rows) / (a.milliseconds / a.rows)
                out.append(
                    (
                        f"{a.name} N={large['scale']} / N={small['scale']} per returned row ({a.rows:,} → {b.rows:,} rows)",
                        f"{per_row:.1f}",
                        "(≤ 3)",
                        _ok(per_row, GOALS["query"], at_most=True),
                    )
                )
    e2e = results["e2e"]
    if len(e2e) > 1:
        speedup = e2e[0]["seconds"] / e2e[-1]["seconds"]
        out.append(
            (
                f"govperf import --jobs {e2e[-1]['jobs']} speed-up",
                f"{speedup:.2f}×",
                "scales on 2 cores",
                _ok(speedup, 1.5),
            )
        )
    return out


def summary_table(results: dict[str, Any]) -> str:
    lines = ["| measure | value | goal | |", "|---|---:|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in goal_rows(results)]
    return "\n".join(lines)


def _extraction(results: dict[str, Any]) -> list[str]:
    ex = results["extraction"]
    lines = [
        "| corpus: function | files | characters | seconds | chars/s | observations |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for t in ex["throughput"]:
        lines.append(
            f"| {t.corpus} | {t.files} | {t.characters:,} | {t.seconds:.2f} | {t.chars_per_second:,.0f} | {t.observations:,} |"
        )
    lines += [
        "",
        f"Profile of `parse_file` over {ex['profile_files']} generated files ({ex['profile_total']:.1f} s under cProfile), functions by own time:",
        "",
    ]
    lines += ["| function | calls | own s | cumulative s | share of own time |", "|---|---:|---:|---:|---:|"]
    lines += [
        f"| `{h.function}` | {h.calls:,} | {h.own_seconds:.2f} | {h.cumulative_seconds:.2f} | {h.share:.0%} |"
        for h in ex["hot_own"]
    ]
    lines += [
        "",
        "govperf steps by cumulative time:",
        "",
        "| function | calls | cumulative s | share |",
        "|---|---:|---:|---:|",
    ]
    lines += [
        f"| `{h.function}` | {h.calls:,} | {h.cumulative_seconds:.2f} | {h.share:.0%} |"
        for h in ex["hot_cumulative"]
    ]
    return lines


def _load(results: dict[str, Any]) -> list[str]:
    c = results["compare"]
    lines = [
        "| loader | documents | rows | observations | seconds | documents/s | rows/s | observations/s | peak RSS MiB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    names = {
        "real": "govperf load stage (COPY per document, 1 asynchronous-commit transaction each)",
        "copy": "client-side COPY FROM STDIN, 1 transaction",
        "server": "server-side COPY FROM file, 1 transaction (the physical limit)",
        "naive": "naive ORM add+commit per row",
    }
    for key, name in names.items():
        if key not in c:
            continue
        r = c[key]
        n, obs, docs = rows(r), r["rows"]["observations"], r["rows"]["documents"]
        lines.append(
            f"| {name} | {docs:,} | {n:,} | {obs:,} | {r['seconds']:.2f} | {rate(docs, r['seconds']):,.1f} | {rate(n, r['seconds']):,.0f} | {rate(obs, r['seconds']):,.0f} | {r['rss_mib']} |"
        )
    runs = ", ".join(f"{m}: " + " / ".join(f"{r['seconds']:.1f}" for r in rs) for m, rs in c["runs"].items())
    lines += [
        "",
        f"Runs (seconds; the best of each is shown above): {runs}. The naive peer loads the first {results['args']['naive_files']} files only.",
    ]
    return lines


def _scales(results: dict[str, Any]) -> list[str]:
    lines = [
        "| N (years) | how | documents | observations | load s | s per copy | peak RSS MiB |",
        "|---:|---|---:|---:|---:|---|---:|",
    ]
    years = results["args"]["years"]
    for s in results["scales"]:
        r = s["load"]
        how = (
            "generated corpus"
            if s["scale"] == years
            else (
                "first years of it"
                if s["scale"] < years
                else f"N={years} loaded {s['scale'] // years}× (+{years} years each)"
            )
        )
        per = " / ".join(f"{x:.1f}" for x in r.get("per_copy", [])) if s["scale"] > years else ""
        lines.append(
            f"| {s['scale']} | {how} | {r['rows']['documents']:,} | {r['rows']['observations']:,} | {r['seconds']:.1f} | {per} | {r['rss_mib']} |"
        )
    lines += [
        "",
        "| query | " + " | ".join(f"N={s['scale']} ms (rows)" for s in results["scales"]) + " |",
        "|---|" + "---:|" * len(results["scales"]),
    ]
    queries = __import__("queries")
    for i, (name, (_sql, description)) in enumerate(queries.QUERIES.items()):
        cells = [f"{s['queries'][i].milliseconds:.1f} ({s['queries'][i].rows:,})" for s in results["scales"]]
        lines.append(f"| {description} (`plans/{name}_n*.txt`) | " + " | ".join(cells) + " |")
        cells = [
            f"{s['queries'][i].milliseconds / max(1, s['queries'][i].rows):.3f}" for s in results["scales"]
        ]
        lines.append("| … ms per returned row | " + " | ".join(cells) + " |")
        for index in queries.INDEXES:
            if not all(index in s.get("without", {}) for s in results["scales"]):
                continue
            cells = [f"{s['without'][index][i].milliseconds:.1f}" for s in results["scales"]]
            lines.append(f"| … without `{index}` | " + " | ".join(cells) + " |")
    lines += [
        "",
        "Indexes of migration 0003 (`queries.INDEXES`; as shipped every query runs with all of them, the "
        "'without' rows with one dropped; their plans are `plans/<query>_n<N>_without_<index>.txt`):",
        "",
    ]
    lines += [f"    {statement};" for statement in queries.INDEXES.values()]
    return lines


def _e2e(results: dict[str, Any]) -> list[str]:
    lines = [
        "| command | files | documents | observations | seconds | documents/s | observations/s | CPU s (client) | cores used | peak RSS MiB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for e in results["e2e"]:
        docs, obs, wall = e["rows"]["documents"], e["rows"]["observations"], e["seconds"]
        lines.append(
            f"| `govperf import --jobs {e['jobs']}` | {e['files']} | {docs:,} | {obs:,} | {wall:.1f} | {rate(docs, wall):.2f} | {rate(obs, wall):,.0f} | {e['cpu']:.1f} | {e['cpu'] / wall:.2f} | {e['rss_mib']} |"
        )
    e2e = results["e2e"]
    if len(e2e) > 1:
        one, many = e2e[0], e2e[-1]
        efficiency = one["cpu"] / many["cpu"]
        lines += [
            "",
            f"With --jobs {many['jobs']} the import spent {1 / efficiency:.2f}× the client CPU seconds of --jobs 1 "
            "(worker start-up and bookkeeping cost no measurable CPU when below 1.00×). "
            "'cores used' (CPU s / wall s) shows how much of the machine each run actually got while other work ran; "
            f"on {many['jobs']} idle cores the speed-up is bounded by {min(many['jobs'], many['jobs'] * efficiency):.2f}× (a bound from CPU time, not a measurement).",
        ]
    return lines


def render(results: dict[str, Any]) -> str:
    f, args = results["facts"], results["args"]
    parse = results["parse"]
    gen = results["generate"]
    parts = [
        "# Benchmark results",
        "",
        f"Written by `benchmarks/run_benchmarks.py` on {f['date']} in {results['seconds'] / 60:.1f} minutes (commit {f['commit']}).",
        "",
        f"* command: `{f['command']}`",
        f"* machine: {f['cpu']}, {f['memory']}, {f['system']}, Python {f['python']}",
        f"* load average before / after: {f['load_before']} / {f['load_after']} (other work shares these cores; compare ratios, not absolute times)",
        "* PostgreSQL: " + ", ".join(f"{k} {v}" for k, v in results["server"].items()),
        f"* corpus: N={args['years']}, seed {args['seed']}"
        + (f" — {gen['summary']}" if "summary" in gen else " (reused)"),
    ]
    if parse is not None:
        parts.append(
            f"* parse of the whole corpus with {args['jobs']} processes: {parse.files} files, {parse.documents} documents, {parse.observations:,} observations, {parse.characters:,} characters in {parse.seconds:.0f} s ({parse.characters / parse.seconds:,.0f} chars/s, {parse.documents / parse.seconds:.1f} documents/s), {parse.failed} failed"
        )
    parts += ["", "## Goals", "", summary_table(results), ""]
    parts += ["## 1. Extraction and parsing, one core", "", *_extraction(results), ""]
    parts += ["## 2. Load stage on pre-parsed documents", "", *_load(results), ""]
    parts += ["## 3–4. Scaling, memory and query latency", "", *_scales(results), ""]
    parts += ["## 5. End to end, `govperf import --jobs N`", "", *_e2e(results), ""]
    parts += ["<!-- notes -->", "<!-- /notes -->", ""]
    return "\n".join(parts)


def write(path: Path, text: str) -> None:
    if path.exists():
        kept = NOTES.search(path.read_text(encoding="utf-8"))
        if kept:
            text = NOTES.sub(lambda _m: kept.group(0), text)
    path.write_text(text, encoding="utf-8")
