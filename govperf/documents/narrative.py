"""Narrative genres: 绩效管理工作自查报告 (perf_self_report) and 绩效管理工作报告 (perf_work_report).

Category results come from the summary paragraph ("…方面,共18项任务,全部完成…;
…方面,40项任务中39项已完成…,1项进度滞后") and from each category's own
section ("(四)… 类任务 … 三项任务均已完成"); when they disagree the
summary wins and a warning says so.  Numbered items of the 高效率落实 section become tasks.
Every prose paragraph is given to extraction, tagged with its section's category.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import regex

from govperf.documents.data import load_yaml
from govperf.documents.lines import PartText
from govperf.documents.model import ParsedCategoryResult, ParsedObservation, ParsedTask
from govperf.documents.observe import observe
from govperf.documents.status import (
    ALL_DONE,
    COUNT,
    count_status,
    counts_in_context,
    task_status,
)
from govperf.documents.totals import document_totals
from govperf.extract import ExtractContext
from govperf.extract.numerals import parse_count

TASK_CATEGORY = "efficient_implementation"
_SECTION_HEAD = regex.compile(r"^[((]?[一二三四五六七八九十]+[))、.]")
_TOP_HEAD = regex.compile(r"^[一二三四五六七八九十]+、")
_ITEM_HEAD = regex.compile(r"^(\d{1,2})\s*[.、．]\s*(\S.*)$")
_ITEM_WORD = r"(?:项|个(?!方面|百分点|月))"  # N项 / N个 tasks, not 5个方面 or 0.9个百分点
_COUNT_ITEM = regex.compile(rf"({COUNT})\s*{_ITEM_WORD}")
_CLAUSE_START = regex.compile(  # '方面,24项…', '类任务共24项…': a count right after the name
    rf"[^\d,,;;。、]{{0,4}}?[,,::((]?\s*(?:共计|共有|共|涉及|有|承担|包括)?\s*{COUNT}\s*{_ITEM_WORD}"
)
_REST_DONE = regex.compile(
    r"均(?:已|按期|按时|按计划|如期|顺利)?(?:全部)?完成|已全部完成|全部完成|其余.{0,6}完成|全面完成|全部落实"
)
_HEADING_MAX = 40
_NUMERAL = r"[一二三四五六七八九十\d]{1,3}"
_LIST_MARKER = regex.compile(rf"^\s*(?:[((]{_NUMERAL}[))]|{_NUMERAL}\s*[、.．])\s*")
_BEHIND = r"(?:滞后|未完成|未能|延期)"  # 进度滞后, 未能达到进度要求
# '两项任务进度滞后,分别属于高效率落实方面', '滞后的2项任务均为高效率落实类': whose lagging tasks
_LAGGING_OWNER = (
    regex.compile(
        rf"(?P<k>{COUNT})\s*{_ITEM_WORD}(?:任务)?[^。;;,,\d]{{0,16}}?{_BEHIND}[^。;;]{{0,12}}?"
        r"(?:属于|均为|都为|为|是|集中在|来自|在)(?P<names>[^。;;]{0,30})"
    ),
    regex.compile(
        rf"{_BEHIND}的?(?P<k>{COUNT})\s*{_ITEM_WORD}(?:任务)?[^。;;]{{0,6}}?"
        r"(?:属于|均为|都为|为|是|集中在|来自|在)(?P<names>[^。;;]{0,30})"
    ),
)


@cache
def category_names() -> dict[str, str]:
    """Category name → code, over every scheme of categories.yaml."""
    return {
        category["name"]: category["code"]
        for scheme in load_yaml("categories.yaml")["schemes"]
        for category in scheme["categories"]
    }


@dataclass
class Counts:
    total: int | None = None
    done: int | None = None
    lagging: int | None = None


@dataclass
class NarrativeResult:
    tasks: list[ParsedTask] = field(default_factory=list)
    categories: list[ParsedCategoryResult] = field(default_factory=list)
    observations: list[ParsedObservation] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def parse_narrative(part: PartText, year: int | None) -> NarrativeResult:
    """Category results, 高效率落实 tasks, document totals and tagged prose observations."""
    result = NarrativeResult()
    summary = _summary_counts(part)
    sections = _section_counts(part)
    result.categories = _merge(summary, sections, result.warnings)
    result.totals = document_totals(part)
    _attribute_lagging(part, result.categories)
    _derive_done(result.categories, result.totals)
    _walk(part, year, result)
    return result


def _category_head(text: str) -> str | None:
    if len(text) > _HEADING_MAX or not _SECTION_HEAD.match(text):
        return None
    body = _SECTION_HEAD.sub("", text).strip()
    return next((code for name, code in category_names().items() if body.startswith(name)), None)


def _walk(part: PartText, year: int | None, result: NarrativeResult) -> None:
    """Tag each paragraph with its category; numbered 高效率落实 items become tasks."""
    category: str | None = None
    task_index: int | None = None
    context = ExtractContext(year=year)
    progress: dict[int, list[str]] = {}  # task → its progress lines, as normalised (status words)
    for line in part.content_lines[1:]:
        head = _category_head(line.text)
        if head or (_TOP_HEAD.match(line.text) and len(line.text) <= _HEADING_MAX):
            category, task_index = head, None
            continue
        item = _ITEM_HEAD.match(line.text)
        if category == TASK_CATEGORY and item and len(line.text) <= _HEADING_MAX and line.text[-1] != "。":
            result.tasks.append(
                ParsedTask(
                    seq_no=int(item.group(1)),
                    title=part.orig_text(line.start + item.start(2), line.end),
                    category_code=category,
                )
            )
            task_index = len(result.tasks) - 1
            continue
        if task_index is not None:
            _add_progress(result.tasks[task_index], part.orig_text(line.start, line.end))
            progress.setdefault(task_index, []).append(line.text)
        found = observe(part, line.start, line.end, context, task_index=task_index, category_code=category)
        result.observations.extend(found)
    for index, task in enumerate(result.tasks):
        task.status = task_status("\n".join(progress.get(index, [])))


def _add_progress(task: ParsedTask, text: str) -> None:
    task.progress_text = f"{task.progress_text}\n{text}" if task.progress_text else text


def _clause_counts(clause: str) -> Counts:
    """Counts of one category's clause, judged per count from the words around it.

    '40项任务中39项已完成…,1项进度滞后' → 40 / 39 / 1; '共24项任务,已完成22项,2项滞后'
    → 24 / 22 / 2; '4项任务已全部完成' → 4 / 4 / 0 (the first count is the total).
    """
    counts = Counts(lagging=0)
    done = 0
    for value, around in counts_in_context(clause, _COUNT_ITEM):
        status = count_status(around)
        if status == "lagging":
            counts.lagging = (counts.lagging or 0) + value
        elif counts.total is None:
            counts.total = value
            done += value if status == "done" else 0
        elif status == "done":
            done += value
    if counts.total is not None and not done and _REST_DONE.search(_COUNT_ITEM.sub("", clause)):
        done = counts.total - (counts.lagging or 0)  # '…,均已完成' / '其余均已完成'
    said_done = count_status(_COUNT_ITEM.sub("", clause)) == "done"
    counts.done = done if counts.total is not None and (done or said_done) else None
    return counts


def _summary_counts(part: PartText) -> dict[str, Counts]:
    """Per-category counts of the first paragraph that gives counts for ≥ 3 categories."""
    names = category_names()
    pattern = regex.compile("|".join(regex.escape(name) for name in sorted(names, key=len, reverse=True)))
    for line in part.content_lines:
        hits = list(pattern.finditer(line.text))
        clauses: dict[str, Counts] = {}
        for i, hit in enumerate(hits):
            end = hits[i + 1].start() if i + 1 < len(hits) else len(line.text)
            clause = regex.split(r"[。]", line.text[hit.end() : end])[0]
            if not _CLAUSE_START.match(clause):
                continue
            counts = _clause_counts(clause)
            if counts.total is not None and names[hit.group()] not in clauses:
                clauses[names[hit.group()]] = counts
        if len(clauses) >= 3:
            return clauses
    return _listed_counts(part)


def _listed_counts(part: PartText) -> dict[str, Counts]:
    """Per-category counts written one category a line ('(二)高效率落实类任务38项,已完成36项,…')."""
    found: dict[str, Counts] = {}
    for line in part.content_lines:
        body = _LIST_MARKER.sub("", line.text)
        name = next((name for name in category_names() if body.startswith(name)), None)
        if name is None or category_names()[name] in found:
            continue
        clause = body[len(name) :].split("。")[0]
        if _CLAUSE_START.match(clause):
            counts = _clause_counts(clause)
            if counts.done is None and not counts.lagging:
                counts.lagging = None  # '(一)…类任务(共12项)': a heading that says no outcome
            if counts.total is not None:
                found[category_names()[name]] = counts
    return found if len(found) >= 3 else {}


def _section_counts(part: PartText) -> dict[str, Counts]:
    """Counts from each category's own section: its heading (…类任务(共12项)) and the first
    sentences of its first paragraph, in any wording (共计12项, 等8项, 三项任务; 均已完成;
    10项已完成或预计能够完成; 2项未能达到进度要求)."""
    found: dict[str, Counts] = {}
    lines = part.content_lines
    for i, line in enumerate(lines[:-1]):
        code = _category_head(line.text)
        if code is None or code in found:
            continue
        intro = lines[i + 1].text
        counts = _intro_counts(intro)
        worded = _clause_counts(_head_tail(line.text) + "," + "。".join(intro.split("。")[:2]))
        if counts.total is None or counts.total == worded.total:
            counts.total = worded.total if counts.total is None else counts.total
            counts.done = counts.done if counts.done is not None else worded.done
            counts.lagging = counts.lagging if counts.lagging is not None else worded.lagging
        if counts.total is not None:
            found[code] = counts
    return found


def _head_tail(heading: str) -> str:
    """What a category heading says after the category's name ('类任务(共12项)')."""
    body = _SECTION_HEAD.sub("", heading).strip()
    name = next((name for name in category_names() if body.startswith(name)), "")
    return body[len(name) :]


def _intro_counts(intro: str) -> Counts:
    total = regex.search(rf"({COUNT})\s*项(?:重点)?任务", intro)
    if total is None:
        return Counts()
    counts = Counts(total=parse_count(total.group(1)))
    lagging = regex.search(rf"({COUNT})\s*项[^,。;,;]{{0,10}}滞后", intro)
    counts.lagging = parse_count(lagging.group(1)) if lagging else None
    if ALL_DONE.search(intro):
        counts.done, counts.lagging = counts.total, counts.lagging or 0
    return counts


def _merge(
    summary: dict[str, Counts], sections: dict[str, Counts], warnings: list[str]
) -> list[ParsedCategoryResult]:
    """Summary figures win over a section's; each disagreement is recorded as a warning."""
    order = list(category_names().values())
    results: list[ParsedCategoryResult] = []
    for code in sorted(summary.keys() | sections.keys(), key=order.index):
        first, second = summary.get(code), sections.get(code)
        if first and second:
            for name in ("total", "done", "lagging"):
                a, b = getattr(first, name), getattr(second, name)
                if a is not None and b is not None and a != b:
                    warnings.append(f"{code}: summary says tasks_{name}={a}, section says {b}; summary kept")
        chosen = first or second
        assert chosen is not None
        fallback = second or Counts()
        results.append(
            ParsedCategoryResult(
                category_code=code,
                tasks_total=chosen.total if chosen.total is not None else fallback.total,
                tasks_done=chosen.done if chosen.done is not None else fallback.done,
                tasks_lagging=chosen.lagging if chosen.lagging is not None else fallback.lagging,
                source="summary" if first else "section",
            )
        )
    return results


def _attribute_lagging(part: PartText, categories: list[ParsedCategoryResult]) -> None:
    """Lagging tasks the text places in one category, when no category counts them yet."""
    if not categories or any(result.tasks_lagging for result in categories):
        return
    by_code = {result.category_code: result for result in categories}
    for line in part.content_lines:
        for pattern in _LAGGING_OWNER:
            for match in pattern.finditer(line.text):
                named = {code for name, code in category_names().items() if name in match.group("names")}
                count = parse_count(match.group("k"))
                if len(named) != 1 or not count:
                    continue
                result = by_code.get(named.pop())
                if result is not None and result.tasks_total is not None and count <= result.tasks_total:
                    result.tasks_lagging = count
                    return


def _derive_done(categories: list[ParsedCategoryResult], totals: dict[str, int]) -> None:
    """When every task but the lagging ones is done (done + lagging = total, document-wide) and
    the categories account for every task and every lagging one, each category's done count is
    its total minus its lagging."""
    total, done = totals.get("tasks_total"), totals.get("tasks_done")
    if not categories or total is None or done is None:
        return
    lagging = totals.get("tasks_lagging", 0)
    if done + lagging != total or sum(result.tasks_total or 0 for result in categories) != total:
        return
    if sum(result.tasks_lagging or 0 for result in categories) != lagging:
        return
    for result in categories:
        if result.tasks_done is None and result.tasks_total is not None:
            result.tasks_done = result.tasks_total - (result.tasks_lagging or 0)
