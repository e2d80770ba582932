"""Small text judgements shared by the genre parsers: a task's status, and the counts of tasks
a report states with their status words ('33项已完成', '2项进度滞后'): one count parser
(``parse_count``, ``counts_in_context``, ``count_status``) for the narrative reports' category
clauses (narrative.py) and overview (totals.py); progress notices judge a count by the task
status words (notice.py, ``task_status``)."""

from __future__ import annotations

from collections.abc import Callable

import regex

from govperf.extract.numerals import parse_count
from govperf.extract.resources import cues

_LAGGING = regex.compile(
    r"滞后|未完成|未能(如期|按期)?完成|进度(相对|较为|比较)?缓慢|推进缓慢|尚未启动|延期|慢于?序时|偏慢"
    r"|未(能)?达到?(序时|时序)?进度|未按(序时|时序)?进度|欠(序时)?进度|落后于?(序时|时序)进度|低于(序时|时序)进度"
)
_ONGOING = regex.compile(
    r"正在|进行中|推进中|预计(能够|可以?|将)?完成|尚未|待.{0,6}后|拟|计划于|下一步"
    r"|达到?(序时|时序)?进度|超(序时|时序)?进度|(序时|时序)推进|按(序时|时序)?进度|按序时|达序|正常推进"
)
_DONE = regex.compile(
    r"已完成|全部完成|已全部|全面完成|提前完成|超额完成|顺利完成|圆满完成|已办结|均已完成|已实现"
)
_PROGRESS = regex.compile(r"推进|开展|落实|实施|启动|加快|完成|已|累计|截至|截止|月底|\d\s*月|季度|上半年")

COUNT = r"(?:\d+|[零〇一二两三四五六七八九十百千]+)"


def task_status(text: str, *, worded: bool = False) -> str:
    """done / on_track / lagging / unknown, judged from a task's progress text.  ``worded``: only
    from status words (滞后, 正在, 已完成 …), not from any word of work (推进, 开展, 1-6月)."""
    if _LAGGING.search(text):
        return "lagging"
    if _ONGOING.search(text):
        return "on_track"
    if _DONE.search(text):
        return "done"
    if not worded and _PROGRESS.search(text):
        return "on_track"
    return "unknown"


# The status words of a stated count of tasks.
COUNT_LAGGING = regex.compile(r"滞后|未完成|未能|延期|缓慢")
COUNT_PARTLY_DONE = regex.compile(r"基本完成|部分完成|大部分")  # not done
COUNT_DONE = regex.compile(r"完成|落实到位|全面落实|办结|达标")
ALL_DONE = regex.compile(r"全面落实|全部完成|全面完成|圆满完成|均已完成|已全部完成|均完成|全部落实")
_SEGMENT = regex.compile(r"[,,;;::。]")


def count_status(words: str) -> str | None:
    """'lagging' / 'done' / None: the status the words around a count give it."""
    if COUNT_LAGGING.search(words):
        return "lagging"
    if not COUNT_PARTLY_DONE.search(words) and COUNT_DONE.search(words):
        return "done"
    return None


def counts_in_context(
    text: str, item: regex.Pattern[str], skip: Callable[[str], bool] | None = None
) -> list[tuple[int, str]]:
    """(count, the words of its segment between the neighbouring counts) for each count ``item``
    (group 1) finds; ``skip(words before it in its segment)`` leaves a count out."""
    out: list[tuple[int, str]] = []
    for segment in _SEGMENT.split(text):
        matches = list(item.finditer(segment))
        for i, match in enumerate(matches):
            value = parse_count(match.group(1))
            if value is None or (skip is not None and skip(segment[: match.start()])):
                continue
            lo = matches[i - 1].end() if i else 0
            hi = matches[i + 1].start() if i + 1 < len(matches) else len(segment)
            out.append((value, segment[lo:hi]))
    return out


def sentences(text: str) -> list[str]:
    """The sentences of ``text``, each with the mark that ends it: the sentence ends are the
    extractor's (cues.yaml ``sentence_delimiters``), so a sentence is the same thing to both."""
    out: list[str] = []
    start = 0
    for match in cues().sentence_split.finditer(text):
        out.append(text[start : match.end()])
        start = match.end()
    out.append(text[start:])
    return out
