"""Split a file holding several reports (篇1/篇2 …, or several titled reports) into parts."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from govperf.documents.lines import Line, PartText

_MARKER = regex.compile(r"(?:篇\s*[0-9一二三四五六七八九十]{1,3}|第\s*[0-9一二三四五六七八九十]{1,3}\s*篇)")
_REPORT_OPENING = regex.compile(r"向大会(?:报告政府工作|作政府工作报告)")
_SHORT_LINE = 60
# Lines that open a report above its "向大会报告政府工作" sentence: title, date/session, salutation.
_OPENING_LINE = regex.compile(r"各位代表|政府工作报告|^[—–-]{1,2}|人民代表大会|^(?:19|20)\d\d年\d{1,2}月")


@dataclass(frozen=True)
class PartSlice:
    """[start, end) of one part in the file's original text; ``marked`` for 篇N parts."""

    number: int
    start: int
    end: int
    marked: bool


def split_parts(whole: PartText) -> list[PartSlice]:
    """One slice per report in the file (a single slice covering everything when one)."""
    starts = _marker_starts(whole) or _opening_starts(whole)
    marked = bool(_marker_starts(whole))
    if len(starts) < 2:
        return [PartSlice(1, 0, len(whole.original), False)]
    offsets = [0] + [whole.orig_span(line.start, line.end)[0] for line in starts[1:]]
    ends = [*offsets[1:], len(whole.original)]
    return [PartSlice(i + 1, lo, hi, marked) for i, (lo, hi) in enumerate(zip(offsets, ends, strict=True))]


def _marker_starts(whole: PartText) -> list[Line]:
    """篇1 / 第二篇 lines standing alone, when there are at least two of them."""
    markers = [line for line in whole.lines if _MARKER.fullmatch(line.text)]
    return markers if len(markers) >= 2 else []


def _opening_starts(whole: PartText) -> list[Line]:
    """The first line of each report opening with '…向大会报告政府工作' (title, 各位代表 …)."""
    lines = whole.lines
    openings = [line for line in lines if _REPORT_OPENING.search(line.text)]
    if len(openings) < 2:
        return []
    starts: list[Line] = []
    for opening in openings:
        first = opening
        for back in range(opening.index - 1, max(-1, opening.index - 5), -1):
            candidate = lines[back]
            if len(candidate.text) > _SHORT_LINE or not _OPENING_LINE.search(candidate.text):
                break
            if starts and back <= starts[-1].index:
                break
            first = candidate
        starts.append(first)
    return starts
