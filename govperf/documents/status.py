"""Small text judgements shared by the genre parsers: task status and counts of 项."""

from __future__ import annotations

import regex

_LAGGING = regex.compile(
    r"滞后|未完成|未能(如期|按期)?完成|进度缓慢|推进缓慢|尚未启动|延期"
    r"|未(能)?达到?(序时|时序)?进度|欠(序时)?进度|落后于?(序时|时序)进度|低于(序时|时序)进度"
)
_ONGOING = regex.compile(
    r"正在|进行中|推进中|预计(能够|可以?|将)?完成|尚未|待.{0,6}后|拟|计划于|下一步"
    r"|达到?(序时|时序)?进度|超(序时|时序)?进度|序时推进|按序时|正常推进"
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
