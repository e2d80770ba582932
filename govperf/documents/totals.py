"""Document totals of a narrative report: how many tasks it had, how many are done / lagging.

The overview paragraph states them in many ways: '19项考评指标涉及的33个任务全部落实',
'45个绩效任务全部完成', '共承担市政府绩效考评任务35项,截至年底,33项任务全面完成,2项任务基本完成',
'涉及76项任务…74项任务已完成,两项任务进度滞后'.  The total comes from the first such phrase;
the done / lagging counts from the words around each later count of the same paragraph
(a clause naming one category is a breakdown and is skipped; 基本完成 is not done).
"""

from __future__ import annotations

from functools import cache

import regex

from govperf.documents.data import load_yaml
from govperf.documents.lines import PartText
from govperf.documents.status import ALL_DONE, COUNT, count_status, counts_in_context
from govperf.extract.numerals import parse_count

_N = rf"(?P<tasks>{COUNT})\s*[个项]"
_INDICATORS = regex.compile(rf"(?P<ind>{COUNT})\s*项[^,。;,;]{{0,10}}?指标的?{_N}[^,。;,;]{{0,10}}?任务")
_VERB = r"(?:承担|涉及|共有|承办|负责|承接|共计|合计|总计|共)"
_TOTAL_PATTERNS = (
    _INDICATORS,
    regex.compile(rf"{_N}(?:市级|市政府)?绩效(?:考评|考核|管理)?任务"),  # 45个绩效任务
    regex.compile(rf"{_VERB}了?[^,。;,;\d]{{0,14}}?{_N}[^,。;,;\d]{{0,8}}?任务"),  # 涉及89项任务
    regex.compile(rf"{_VERB}了?[^,。;,;\d]{{0,14}}?任务(?:共计|共|合计)?\s*{_N}"),  # 承担…任务35项
)
_COUNT_ITEM = regex.compile(rf"({COUNT})\s*[项个](?!方面|百分点|月|指标)")


@cache
def _category_names() -> tuple[str, ...]:
    schemes = load_yaml("categories.yaml")["schemes"]
    names = {category["name"] for scheme in schemes for category in scheme["categories"]}
    return tuple(sorted(names, key=len, reverse=True))


def _named_categories(text: str) -> int:
    return sum(1 for name in _category_names() if name in text)


def _names_one_category(text: str) -> bool:
    return _named_categories(text) == 1


def document_totals(part: PartText) -> dict[str, int]:
    """{indicators?, tasks_total, tasks_done?, tasks_lagging?} of the first overview phrase."""
    for line in part.content_lines:
        for match in _total_matches(line.text):
            total = parse_count(match.group("tasks"))
            if not total:
                continue
            totals = {"tasks_total": total}
            if "ind" in match.groupdict() and match.group("ind"):
                indicators = parse_count(match.group("ind"))
                if indicators:
                    totals = {"indicators": indicators, "tasks_total": total}
            totals.update(_outcome(line.text[match.end() :], total))
            return totals
    return {}


def _total_matches(text: str) -> list[regex.Match[str]]:
    """Total phrases of a line, first written first; a phrase inside one category's clause is
    left out ('高质量发展方面共涉及24项任务')."""
    found = []
    for pattern in _TOTAL_PATTERNS:
        for match in pattern.finditer(text):
            sentence_start = max(text.rfind(mark, 0, match.start()) for mark in "。;;") + 1
            if not _names_one_category(text[sentence_start : match.start()]):
                found.append(match)
                break
        if found and pattern is _INDICATORS:
            break
    return sorted(found, key=lambda m: m.start())[:1]


def _outcome(rest: str, total: int) -> dict[str, int]:
    """tasks_done / tasks_lagging from the words after the total: its sentence and the next."""
    sentences = [regex.split(r"其中", sentence)[0] for sentence in rest.split("。")[:2]]
    rest = "。".join(sentence for sentence in sentences if _named_categories(sentence) < 2)
    done = lagging = 0
    for value, around in _counts(rest):
        status = count_status(around)
        if status == "lagging":
            lagging += value
        elif status == "done":
            done += value
    if not done and ALL_DONE.search(rest.split("。")[0]):
        done = total - lagging
    out: dict[str, int] = {}
    if done and done + lagging <= total:
        out["tasks_done"] = done
    if lagging and lagging <= total:
        out["tasks_lagging"] = lagging
    return out


def _counts(text: str) -> list[tuple[int, str]]:
    """(count, the words of its segment up to the neighbouring counts); a count written after a
    category name (高质量发展方面18项) is that category's, not the document's."""
    return counts_in_context(text, _COUNT_ITEM, skip=lambda before: _named_categories(before) > 0)
