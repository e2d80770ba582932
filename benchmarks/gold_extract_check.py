"""Dev harness: extract() over whole corpus documents, scored against the gold observations.

Not a test.  Splits each corpus file the way a document parser would (paragraphs; table
cells with their row title as ``context.label``; 主要预期目标 paragraphs and target cells with
``context.kind='target'``), runs ``govperf.extract.extract`` and reports, per file and part,
gold observations matched by (metric_code, measure, value) and spurious observations whose
metric_code occurs in that part's gold.

    python benchmarks/gold_extract_check.py [--shared ../shared] [-v]
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from govperf.extract import ExtractContext, Observation, extract
from govperf.text.normalize import to_simplified

TARGET_PARAGRAPH = re.compile(r"主要预期目标|预期目标是|预期目标为")
TASK_SECTION = re.compile(r"^.{0,20}(主要任务|工作任务|工作安排)\s*$")
OTHER_SECTION = re.compile(r"^第[一二三四五]部分\s*关于")
PART_HEAD = re.compile(r"^篇([0-9]+)\s*$")


@dataclass
class Chunk:
    part: int
    text: str
    context: ExtractContext


def narrative_chunks(text: str, year: int | None) -> Iterator[Chunk]:
    part, in_tasks = 1, False
    for line in text.splitlines():
        head = PART_HEAD.match(line.strip())
        if head:
            part, in_tasks = int(head.group(1)), False
            continue
        simple = to_simplified(line)
        if TASK_SECTION.search(simple.strip()):
            in_tasks = True
        if OTHER_SECTION.search(simple.strip()):
            in_tasks = False
        kind = "target" if TARGET_PARAGRAPH.search(simple) or in_tasks else None
        in_tasks = in_tasks or bool(TARGET_PARAGRAPH.search(simple))
        if line.strip():
            yield Chunk(part, line, ExtractContext(year=year, kind=kind))


def key_task_chunks(text: str, year: int | None) -> Iterator[Chunk]:
    """序号 市折子号 市政府工作报告任务 目前进展情况 — task and progress split at the first '。 '."""
    for line in text.splitlines():
        m = re.match(r"^([0-9]+) ([0-9]+) (.*)$", line)
        if not m:
            continue
        rest = m.group(3)
        cut = rest.find("。 ")
        task, progress = (rest[: cut + 1], rest[cut + 2 :]) if cut >= 0 else (rest, "")
        yield Chunk(1, task, ExtractContext(year=year, kind="target", district_code="110000"))
        yield Chunk(1, progress, ExtractContext(year=year, period_label="上半年"))


def pipe_table_chunks(text: str, year: int | None) -> Iterator[Chunk]:
    """绩效任务 | 年度目标 | 上半年进展情况 | — continuation rows carry only 目标 | 进展 | |."""
    title = ""
    for line in text.splitlines():
        if "|" not in line:
            continue
        cells = [c.strip() for c in line.split("|")]
        cells = [c for c in cells if c]
        if len(cells) >= 3:
            title, target, progress = cells[0], cells[1], cells[2]
        elif len(cells) == 2:
            target, progress = cells
        else:
            continue
        if title == "绩效任务":
            continue
        yield Chunk(1, target, ExtractContext(year=year, kind="target", label=title))
        yield Chunk(1, progress, ExtractContext(year=year, label=title, period_label="上半年"))


def chunks_for(genre: str, text: str, year: int | None) -> Iterator[Chunk]:
    if genre == "key_task_progress_table":
        return key_task_chunks(text, year)
    if genre == "perf_task_progress_table":
        return pipe_table_chunks(text, year)
    return narrative_chunks(text, year)


def close(a: Decimal | float, b: float) -> bool:
    a, b = float(a), float(b)
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def score_file(gold_path: Path, corpus_dir: Path, verbose: bool, quiet: bool) -> tuple[int, int, int, int]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = (corpus_dir / gold["source"]).read_text(encoding="utf-8")
    docs = {d["part"]: d for d in gold["documents"]}
    genre = gold["documents"][0]["genre"]
    year = gold["documents"][0].get("year")
    found: dict[int, list[Observation]] = {p: [] for p in docs}
    for chunk in chunks_for(genre, text, year):
        if chunk.part in found:
            found[chunk.part].extend(extract(chunk.text, context=chunk.context))
    tot_gold = tot_match = tot_spur = tot_kind = 0
    for part, doc in docs.items():
        wanted = list(doc["observations"])
        codes = {o["metric_code"] for o in wanted}
        unmatched = list(wanted)
        spurious: list[Observation] = []
        for obs in found[part]:
            if obs.metric_code not in codes:
                continue
            hit = next(
                (
                    g
                    for g in unmatched
                    if g["metric_code"] == obs.metric_code
                    and g["measure"] == obs.measure
                    and close(obs.value, g["value"])
                ),
                None,
            )
            if hit is None:
                spurious.append(obs)
                continue
            unmatched.remove(hit)
            if obs.kind == hit["kind"] or obs.kind in hit.get("alt_kinds", []):
                tot_kind += 1
        matched = len(wanted) - len(unmatched)
        tot_gold += len(wanted)
        tot_match += matched
        tot_spur += len(spurious)
        if verbose:
            for g in unmatched:
                print(
                    f"  MISS  part {part}: {g['metric_code']} {g['measure']} {g['value']}  «{g['evidence']}»"
                )
            for o in spurious:
                print(
                    f"  SPUR  part {part}: {o.metric_code} {o.measure} {o.value}  "
                    f"«{o.snippet[:60]}» label={o.label}"
                )
    precision = tot_match / (tot_match + tot_spur) if tot_match + tot_spur else 1.0
    recall = tot_match / tot_gold if tot_gold else 1.0
    if quiet:
        return tot_gold, tot_match, tot_spur, tot_kind
    print(
        f"{gold_path.stem}: gold {tot_gold} matched {tot_match} spurious {tot_spur} "
        f"recall {recall:.3f} precision {precision:.3f} kind-ok {tot_kind}/{tot_match}"
    )
    return tot_gold, tot_match, tot_spur, tot_kind


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--corpus", type=Path, help="corpus folder (default: SHARED/corpus)")
    parser.add_argument("--gold", type=Path, help="gold folder (default: SHARED/gold)")
    parser.add_argument("-q", "--quiet", action="store_true", help="only the summary line")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    corpus = args.corpus or args.shared / "corpus"
    gold_dir = args.gold or args.shared / "gold"
    totals = [0, 0, 0, 0]
    for gold_path in sorted(gold_dir.glob("*.json")):
        if not (corpus / json.loads(gold_path.read_text(encoding="utf-8"))["source"]).exists():
            continue
        for i, n in enumerate(score_file(gold_path, corpus, args.verbose, args.quiet)):
            totals[i] += n
    gold_n, match, spur, kind = totals
    precision = match / (match + spur) if match + spur else 1.0
    recall = match / gold_n if gold_n else 1.0
    print(
        f"SUMMARY gold {gold_n} matched {match} spurious {spur} recall {recall:.3f} "
        f"precision {precision:.3f} kind-accuracy {kind / match if match else 0:.3f}"
    )


if __name__ == "__main__":
    main()
