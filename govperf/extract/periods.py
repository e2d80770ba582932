"""The one reader of periods: phrases (截至11月底, 1-11月, 前三季度, 上半年, 前5个月, 全年, 累计 …),
the months they cover, their labels and dates.

Sentences: ``find_periods`` (each phrase with its months).  Documents: ``title_period`` (the
period a title names, as a label: 'H1', '1-9月', '7-12月') and ``label_dates`` (a label's first and
last day); govperf.documents.recognize calls them.  Month numbers are read by
govperf.extract.numerals, as every numeral.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from govperf.extract.numerals import parse_count
from govperf.extract.resources import cues

MONTH_RANGE = re.compile(r"([0-9]{1,2})\s*月?\s*[-~至到—–]\s*([0-9]{1,2})\s*月")
# the month range of a title: not the end of a longer number, no en dash
TITLE_MONTH_RANGE = re.compile(r"(?<!\d)(\d{1,2})\s*月?\s*[-—~至到]\s*(\d{1,2})\s*月")
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
        return _dates(year, self.first_month, self.last_month)


def _dates(year: int | None, first: int | None, last: int | None) -> tuple[date | None, date | None]:
    """The first day of month ``first`` and the last day of month ``last`` of ``year``."""
    if year is None or first is None or last is None:
        return None, None
    return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])


def _month_number(text: str) -> int | None:
    value = parse_count(text)
    return value if value is not None and 1 <= value <= 12 else None


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
    periods: list[Period] = []
    if not cues().period_key.search(text):
        return periods  # held by every period phrase
    for m in cues().period_pattern.finditer(text):
        label = m.group()
        at_head = CLAUSE_HEAD.search(text[: m.start()]) is not None
        before_verb = label == "累计" and CUMULATIVE_VERB.match(text, m.end()) is not None
        if label in WEAK and not at_head and not before_verb:
            continue
        first, last = _months(label)
        periods.append(Period(label, m.start(), m.end(), first, last))
    return periods


# -- the period a document names (its title or heading), as a label -------------------------------
# the quarter phrases a title is read by, in order (第二季度 alone is not a reporting period)
TITLE_QUARTERS = ("前三季度", "前3季度", "第一季度", "一季度", "前两季度", "前二季度")
# '10月份民生实事进展情况': cumulative to that month's end, in a title about progress
TITLE_MONTH_OF = re.compile(r"(?<![\d\-—~至到])(\d{1,2})月份?(?![\d日号\-—~至到])")
# '…工作报告三季度完成情况', '二季度进展情况': progress to the end of that quarter
TITLE_QUARTER_OF = re.compile(r"(?<!前)第?([一二三1-3])季度")
PROGRESS_TITLE = re.compile(r"进展|进度|完成情况|落实情况")
TITLE_FIRST_MONTHS = re.compile(
    r"(?:前|截[至止]到?(?:(?:19|20)\d\d年)?)(\d{1,2}|[一二三四五六七八九十]{1,3})个?月(?:底|末|份)?"
)


def span_label(first: int, last: int) -> str:
    """The label of months ``first``..``last``: 'H1' for the first half, else '1-9月'."""
    return "H1" if (first, last) == (1, 6) else f"{first}-{last}月"


def title_period(compact: str) -> str | None:
    """The period a title (whitespace removed) names, as a label; None when it names none."""
    for half in ("上半年", "下半年"):
        if half in compact:
            return span_label(*HALVES[half])
    for word in TITLE_QUARTERS:
        if word in compact:
            first, last = _months(word)
            assert first is not None and last is not None  # each word names its quarters
            return span_label(first, last)
    m = TITLE_MONTH_RANGE.search(compact)
    if m and 1 <= int(m.group(1)) < int(m.group(2)) <= 12:
        return span_label(int(m.group(1)), int(m.group(2)))
    month_of = TITLE_MONTH_OF.search(compact)
    if month_of and PROGRESS_TITLE.search(compact) and 1 < int(month_of.group(1)) < 12:
        return span_label(1, int(month_of.group(1)))
    quarter = TITLE_QUARTER_OF.search(compact)
    if quarter and PROGRESS_TITLE.search(compact):  # '…三季度完成情况': cumulative to its end
        last = 3 * (parse_count(quarter.group(1)) or 4)
        return span_label(1, last) if last < 12 else None
    months = TITLE_FIRST_MONTHS.search(compact)
    last = parse_count(months.group(1)) if months else None
    if last and 1 < last < 12:
        return span_label(1, last)
    return None


def label_dates(year: int | None, label: str) -> tuple[date | None, date | None]:
    """First and last day of the period ``label`` ('year', 'H1', '1-11月') of ``year``."""
    if label == "year":
        return _dates(year, 1, 12)
    if label == "H1":
        return _dates(year, 1, 6)
    m = TITLE_MONTH_RANGE.search(label)
    if not m:
        return None, None
    return _dates(year, int(m.group(1)), int(m.group(2)))
