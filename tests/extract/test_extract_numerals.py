"""The one numeral reader and the one period reader (govperf.extract.numerals, .periods)."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from govperf.extract.numbers import ARABIC
from govperf.extract.numerals import parse_count, parse_numeral
from govperf.extract.periods import find_periods, label_dates, span_label, title_period

NUMERALS = [
    ("24", Fraction(24)),
    ("1,234.5", Fraction(2469, 2)),
    ("0.215", Fraction(215, 1000)),
    ("两", Fraction(2)),
    ("十三", Fraction(13)),
    ("二十四", Fraction(24)),
    ("一百零五", Fraction(105)),
    ("三万五千", Fraction(35000)),
    ("一千零八", Fraction(1008)),
    ("六点五", Fraction(13, 2)),
    ("十万", Fraction(100000)),
    ("第三", None),
    ("项目", None),
]


@pytest.mark.parametrize(("text", "value"), NUMERALS, ids=[n[0] for n in NUMERALS])
def test_parse_numeral(text: str, value: Fraction | None) -> None:
    assert parse_numeral(text) == value


COUNTS = [
    ("24", 24),
    (" 7 ", 7),
    ("两", 2),
    ("十", 10),
    ("十三", 13),
    ("二十四", 24),
    ("一百零五", 105),
    ("〇", 0),
    ("六点五", None),  # not a whole number
    ("第三", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "value"), COUNTS, ids=[c[0] or "empty" for c in COUNTS])
def test_parse_count(text: str, value: int | None) -> None:
    assert parse_count(text) == value


# a period phrase of a sentence → (label, first month, last month)
SENTENCE_PERIODS = [
    ("截至11月底,新增就业3万人", ("截至11月底", 1, 11)),
    ("1-9月,地区生产总值增长5%", ("1-9月", 1, 9)),
    ("前三季度完成投资80亿元", ("前三季度", 1, 9)),
    ("前5个月财政收入下降2%", ("前5个月", 1, 5)),
    ("上半年新增就业1万人", ("上半年", 1, 6)),
    ("第二季度完成投资8亿元", ("第二季度", 4, 6)),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCE_PERIODS, ids=[p[0] for p in SENTENCE_PERIODS])
def test_find_periods(text: str, expected: tuple[str, int, int]) -> None:
    found = find_periods(text)
    assert [(p.label, p.first_month, p.last_month) for p in found][:1] == [expected]


# a title (whitespace removed) → its period label
TITLES = [
    ("某区2024年上半年工作总结", "H1"),
    ("某县2024年下半年工作总结", "7-12月"),
    ("2025年前三季度重点任务进展", "1-9月"),
    ("2025年一季度民生实事进展", "1-3月"),
    ("2025年前两季度绩效任务完成情况", "H1"),
    ("2025年3至8月绩效任务进展", "3-8月"),
    ("2025年9月份民生实事进展情况", "1-9月"),
    ("重点任务进展(截至2025年10月底)", "1-10月"),
    ("2025年前八个月工作进展", "1-8月"),
    ("2025年8-3月绩效任务进展", None),  # not a range of one year
    ("2025年政府工作报告", None),
]


@pytest.mark.parametrize(("title", "label"), TITLES, ids=[t[0] for t in TITLES])
def test_title_period(title: str, label: str | None) -> None:
    assert title_period(title) == label


LABEL_DATES = [
    (2024, "year", (date(2024, 1, 1), date(2024, 12, 31))),
    (2024, "H1", (date(2024, 1, 1), date(2024, 6, 30))),
    (2024, "1-2月", (date(2024, 1, 1), date(2024, 2, 29))),
    (2023, "7-12月", (date(2023, 7, 1), date(2023, 12, 31))),
    (None, "H1", (None, None)),
    (2024, "全年以来", (None, None)),
]


@pytest.mark.parametrize(
    ("year", "label", "dates"), LABEL_DATES, ids=[f"{y}-{lab}" for y, lab, _ in LABEL_DATES]
)
def test_label_dates(year: int | None, label: str, dates: tuple[date | None, date | None]) -> None:
    assert label_dates(year, label) == dates


@pytest.mark.parametrize(("first", "last", "label"), [(1, 6, "H1"), (1, 9, "1-9月"), (7, 12, "7-12月")])
def test_span_label(first: int, last: int, label: str) -> None:
    assert span_label(first, last) == label


# what the Arabic-number pattern finds: a number glued to a name or to another number is not one
ARABIC_RUNS = [
    ("PM2.5浓度为38微克", ["38"]),
    ("DB11标准,共12项", ["12"]),
    ("收入1,234,567元", ["1,234,567"]),
    ("1,23万元", ["1", "23"]),
    ("增长6.5%", ["6.5"]),
    ("12.5.3条", ["12.5"]),
    ("5G基站3000个", ["5", "3000"]),
]


@pytest.mark.parametrize(("text", "runs"), ARABIC_RUNS, ids=[a[0] for a in ARABIC_RUNS])
def test_arabic_runs(text: str, runs: list[str]) -> None:
    assert [m.group() for m in ARABIC.finditer(text)] == runs
