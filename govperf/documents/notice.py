"""Progress notices in prose (督查通报, 民生实事进度公示): the counts they state, and their figures.

'量化指标任务共55项…达到序时进度44项…未达到序时进度11项'; '65件民生实事已完成26件,完成率40%';
'细化为222个具体工作内容…欠进度的有17个…超进度的有10个…已完成和提前完成24个…其它类9个…达进度的
有162个'; '已提前完成…的有3项,…正常推进的有4项,…推进缓慢的有3(…)'.

Each count (N项 / N个 / N件) is judged by the status words (govperf.documents.status) written
before it, or after it when it ends its clause; a count no status word judges is a total
candidate.  The counts judged after a total add up until they reach it; the total is the
candidate they reach exactly, else the first one, else their sum.  A clause opening with 其余 /
剩余 restates a part already counted; 其中 opens a breakdown (by county, by kind) and is cut.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from govperf.documents.lines import PartText
from govperf.documents.model import ParsedObservation
from govperf.documents.observe import observe
from govperf.documents.status import COUNT, sentences, task_status
from govperf.extract import ExtractContext
from govperf.extract.numerals import parse_count

_COUNT = regex.compile(
    rf"(?P<n>{COUNT})\s*(?:[项个件](?!方面|百分点|月|季度|工作日|小时|以上|以内)|(?<=有\s*(?:{COUNT}))(?=[((]))"
)
_CLAUSE = regex.compile(r"[,,;;::]")
_RESTATED = regex.compile(r"^\s*(?:其余|剩余|余下)")
_BREAKDOWN = regex.compile(r"其中\s*[,,::]?")


@dataclass
class _Count:
    value: int
    status: str  # done / on_track / lagging / unknown (a total candidate)


def notice_totals(part: PartText) -> dict[str, int]:
    """{tasks_total, tasks_done?, tasks_lagging?} of the first paragraph that states judged counts."""
    for line in part.content_lines:
        if "|" in line.text or "\t" in line.text:  # a table row, not prose
            continue
        totals = _paragraph_totals(line.text)
        if totals:
            return totals
    return {}


def _paragraph_totals(text: str) -> dict[str, int]:
    candidates: list[int] = []
    judged: list[_Count] = []
    for sentence in sentences(text):
        if judged and (_RESTATED.match(sentence) or sum(c.value for c in judged) >= _goal(candidates)):
            break
        for count in _sentence_counts(sentence):
            if count.status == "unknown" and not judged:
                candidates.append(count.value)
                continue
            if judged and sum(c.value for c in judged) + count.value > _goal(candidates):
                break
            judged.append(count)
    if not any(count.status != "unknown" for count in judged):
        return {}
    counted = sum(count.value for count in judged)
    total = next((value for value in candidates if value == counted), None)
    total = total or (candidates[0] if candidates and candidates[0] >= counted else counted)
    done = sum(count.value for count in judged if count.status == "done")
    lagging = sum(count.value for count in judged if count.status == "lagging")
    out = {"tasks_total": total}
    if done and done + lagging <= total:
        out["tasks_done"] = done
    if lagging and done + lagging <= total:
        out["tasks_lagging"] = lagging
    return out


def _goal(candidates: list[int]) -> int:
    return max(candidates) if candidates else 10**9


def _sentence_counts(sentence: str) -> list[_Count]:
    """Counts of a sentence with their status, up to a 其中 breakdown; restated parts skipped."""
    sentence = _BREAKDOWN.split(sentence)[0]
    out: list[_Count] = []
    for clause in _CLAUSE.split(sentence):
        if _RESTATED.match(clause):
            continue
        matches = list(_COUNT.finditer(clause))
        for i, match in enumerate(matches):
            value = parse_count(match.group("n"))
            if value is None:
                continue
            before = clause[matches[i - 1].end() if i else 0 : match.start()]
            status = task_status(before, worded=True)
            if status == "unknown" and i == len(matches) - 1:
                status = task_status(clause[match.end() :], worded=True)
            out.append(_Count(value, status))
    return out


def notice_observations(
    part: PartText, year: int | None, period_label: str | None, skip_lines: set[int] | None = None
) -> list[ParsedObservation]:
    """Figures of every prose line after the title (lines in ``skip_lines`` left out)."""
    context = ExtractContext(year=year, period_label=period_label)
    found: list[ParsedObservation] = []
    for line in part.content_lines[1:]:
        if skip_lines and line.index in skip_lines:
            continue
        found.extend(observe(part, line.start, line.end, context))
    return found
