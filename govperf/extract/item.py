"""A number (or rank phrase) of a sentence while it is being read, and sentence splitting."""

from __future__ import annotations

import re
from dataclasses import dataclass

from govperf.extract.cues import RankHit
from govperf.extract.labels import Zone
from govperf.extract.numbers import NumberToken, chinese_before_unit
from govperf.extract.resources import cues


@dataclass(slots=True)
class Item:
    """One number (or rank phrase) of a sentence while it is being read; offsets in the sentence."""

    start: int
    end: int
    token: NumberToken | None = None
    rank: RankHit | None = None
    zone: Zone | None = None
    own: str = ""  # label written in the number's own clause
    label: str = ""  # label after carrying / falling back
    measure: str = "level"
    sign: int = 1
    comparator: str = "eq"
    kind: str = "actual"
    gap: bool = False  # the gap to a target (比目标增速高0.4个百分点): no metric
    target_ref: bool = False  # 远高于3%的年度目标值
    progress: bool = False
    counted: bool = False  # the label is the noun after the number (120条|街巷)
    region: str | None = None  # 全市… / 全国…: the region the label itself names
    next_zone_start: int = 0
    rank_of: str = ""  # a rank of a change: the change word (增速, 增量) its label gets
    breakdown: str | None = None  # set by a 城乡…分别 list; else read from the label
    clause_start: int = 0  # the number's clause: [start of the clause of its start, end of that of its end)
    clause_end: int = 0
    metric: str | None = None  # the metric when not the label's own (财政收入 before a part of it)


def sentences(text: str) -> list[tuple[int, int]]:
    """[start, end) of each sentence of ``text`` (delimiters excluded); over-long ones in pieces."""
    spans: list[tuple[int, int]] = []
    start = 0
    limit = cues().max_sentence_chars
    for m in cues().sentence_split.finditer(text):
        i = m.start()
        if i - start > limit:
            spans.extend(_bounded(text, start, i))
        elif i > start:
            spans.append((start, i))
        start = i + 1
    if start < len(text):
        spans.extend(_bounded(text, start, len(text)))
    return spans


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) cut into pieces of at most max_sentence_chars, at the best break before it."""
    limit, breaks = cues().max_sentence_chars, cues().long_sentence_breaks
    pieces = []
    while end - start > limit:
        window = text[start : start + limit]
        cut = next((window.rfind(ch) for ch in breaks if window.rfind(ch) > limit // 2), limit - 1)
        pieces.append((start, start + cut + 1))
        start += cut + 1
    pieces.append((start, end))
    return pieces


# What a percentage written in words holds (百分之五, 减少一半): see numbers.PERCENT_WORDS, HALF.
_WORDED_PERCENT = re.compile("百分之|一半")
_DIGIT = re.compile("[0-9]")


def may_hold_items(text: str, start: int, end: int) -> bool:
    """False when text[start:end] can hold no item: no digit (every Arabic number), no run of
    Chinese numerals before a unit's first character (every Chinese number), no percentage in
    words and no rank key (every rank phrase).  A superset of what scan_numbers and find_ranks
    find, at a few searches a sentence."""
    return bool(
        _DIGIT.search(text, start, end)
        or chinese_before_unit().search(text, start, end)
        or cues().rank_key.search(text, start, end)
        or _WORDED_PERCENT.search(text, start, end)
    )
