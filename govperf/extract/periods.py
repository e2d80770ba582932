"""Period phrases (截至11月底, 1-11月, 前三季度, 上半年, 前5个月, 全年, 累计 …) and their dates."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

import cn2an

from govperf.extract.resources import cues

MONTH_RANGE = re.compile(r"([0-9]{1,2})\s*月?\s*[-~至到—–]\s*([0-9]{1,2})\s*月")
UNTIL_MONTH = re.compile(r"截[至止](?:到)?([0-9]{1,2}|[一二三四五六七八九十]{1,3})月")
FIRST_MONTHS = re.compile(r"前([0-9]{1,2}|[一二三四五六七八九十]{1,2})个月")
FIRST_QUARTERS = re.compile(r"前([1-4]|[一二两三四])季度")
QUARTER = re.compile(r"(?:第)?([一二三四])季度")
HALVES = {"上半年": (1, 6), "下半年": (7, 12), "全年": (1, 12), "年内": (1, 12)}


@dataclass(frozen=True)
class Period:
    label: str
    start: int  # offsets in the normalised text
    end: int
    first_month: int | None = None
    last_month: int | None = None

    def dates(self, year: int | None) -> tuple[date | None, date | None]:
        """First and last day of the period in ``year`` (None when unknown)."""
        if year is None or self.first_month is None or self.last_month is None:
            return None, None
        last_day = calendar.monthrange(year, self.last_month)[1]
        return date(year, self.first_month, 1), date(year, self.last_month, last_day)


def _month_number(text: str) -> int | None:
    try:
        value = int(text) if text.isdigit() else int(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return value if 1 <= value <= 12 else None


def _months(label: str) -> tuple[int | None, int | None]:
    m = MONTH_RANGE.search(label) or None
    if m:
        return _month_number(m.group(1)), _month_number(m.group(2))
    for pattern in (UNTIL_MONTH, FIRST_MONTHS):
        m = pattern.search(label)
        if m:
            return 1, _month_number(m.group(1))
    m = FIRST_QUARTERS.search(label)
    if m:
        quarters = _month_number(m.group(1))
        return (1, quarters * 3) if quarters else (None, None)
    m = QUARTER.search(label)
    if m:
        q = _month_number(m.group(1)) or 1
        return 3 * q - 2, 3 * q
    return HALVES.get(label, (None, None))


WEAK = ("全年", "年内", "累计")
# 累计 right before the verb of its figure (…销售额累计达800亿元) is a period too
CUMULATIVE_VERB = re.compile(r"(?:达到|达|完成|实现|超过|突破|为|增加|减少|新增)")
CLAUSE_HEAD = re.compile(r"(?:^|[,;:。\s|])(?:全区|我区|本区|全市|辖区|共|已|今年|当年|[0-9]{4}年|20xx年)*$")


def find_periods(text: str) -> list[Period]:
    """Every period phrase in ``text`` (normalised), in order.

    全年 / 年内 / 累计 count only at the head of a clause (累计拆除…, not PM2.5累计浓度).
    """
    periods = []
    for m in cues().period_pattern.finditer(text):
        label = m.group()
        at_head = CLAUSE_HEAD.search(text[: m.start()]) is not None
        before_verb = label == "累计" and CUMULATIVE_VERB.match(text, m.end()) is not None
        if label in WEAK and not at_head and not before_verb:
            continue
        first, last = _months(label)
        periods.append(Period(label, m.start(), m.end(), first, last))
    return periods
