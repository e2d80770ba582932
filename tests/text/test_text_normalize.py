"""govperf.text.normalize: canonical form, script detection, exact way back to the original."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govperf.text.normalize import is_traditional, normalize

FOLDING = [
    ("１２３．４５％", "123.45%"),
    ("增长６．５％，下降", "增长6.5%,下降"),
    ("a\u200bb\ufeffc", "abc"),
    ("控制在２％以內；", "控制在2%以内;"),
    ("第Ⅲ期新建３０㎡", "第III期新建30m2"),  # one character folds into several
    ("𝟐𝟎吨\u00ad", "20吨"),  # beyond the BMP; a soft hyphen dropped
    ("增长5%", "增长5%"),  # already canonical
]

# (original, a piece of the normalised text, the original characters it maps back to)
SPANS = [
    ("新建３０㎡绿地", "30m2", "３０㎡"),
    ("Ⅲ期投资８亿元", "8亿元", "８亿元"),
    ("投资\u200b８亿元", "8亿元", "８亿元"),
    ("投资8亿元", "8亿元", "8亿元"),
]


@pytest.mark.parametrize(("original", "piece", "expected"), SPANS, ids=[s[0] for s in SPANS])
def test_spans_map_back_through_folding(original: str, piece: str, expected: str) -> None:
    norm = normalize(original)
    start = norm.text.index(piece)
    a, b = norm.orig_span(start, start + len(piece))
    assert original[a:b] == expected


@pytest.mark.parametrize(("original", "expected"), FOLDING, ids=[f[0] for f in FOLDING])
def test_folding(original: str, expected: str) -> None:
    assert normalize(original).text == expected


SCRIPT = [
    ("區級一般公共預算收入完成98.37億元", "区级一般公共预算收入完成98.37亿元"),
    ("15項為民辦實事專案已經完成", "15项为民办实事项目已经完成"),
    ("主動公開政府資訊3萬餘條", "主动公开政府信息3万余条"),
    ("新建27個垃圾分類示範小區", "新建27个垃圾分类示范小区"),
    ("建立健全工作機制", "建立健全工作机制"),
    ("新增绿化面积2650亩", "新增绿化面积2650亩"),
    ("支持建立社区医联体", "支持建立社区医联体"),
]


@pytest.mark.parametrize(("original", "expected"), SCRIPT, ids=[s[0] for s in SCRIPT])
def test_script(original: str, expected: str) -> None:
    assert normalize(original).text == expected


def test_simplified_text_is_left_alone() -> None:
    assert not is_traditional("城乡新增就业人口2.3万人,登记失业率控制在3.1%以内")
    assert is_traditional("城鄉新增就業人口2.3萬人,登記失業率控制在3.1%以內")


def test_spans_map_back_through_phrase_conversion() -> None:
    original = "網際網路專案完成98.37億元"
    norm = normalize(original)
    start = norm.text.index("98.37")
    a, b = norm.orig_span(start, start + len("98.37亿元"))
    assert original[a:b] == "98.37億元"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_orig_span_stays_in_bounds(text: str) -> None:
    norm = normalize(text)
    assert len(norm.starts) == len(norm.ends) == len(norm.text)
    for i in range(len(norm.text)):
        a, b = norm.orig_span(i, i + 1)
        assert 0 <= a < b <= len(text)


def test_a_lone_surrogate_in_traditional_text_becomes_a_replacement_character() -> None:
    original = "區級財政收入完成86.15億元\ud800,增長7.3%"
    result = normalize(original)
    assert "\ufffd" in result.text and "亿元" in result.text
    start = result.text.index("7.3%")
    assert original[slice(*result.orig_span(start, start + 4))] == "7.3%"


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("年度報(bào)告", "年度报告"),
        ("国(guó)务(wù)院", "国务院"),
        ("进jìn出口总额", "进出口总额"),
        ("绿(lǜ)色", "绿色"),
        ("（bào）报告", "(bào)报告"),  # no Han character before it: kept
        ("国内生产总值(GDP)增长", "国内生产总值(GDP)增长"),
        ("PM2.5浓度下降,CPI上涨", "PM2.5浓度下降,CPI上涨"),
        ("数据(data)开放", "数据(data)开放"),  # Latin without a tone mark
        ("Café营业", "Café营业"),  # a toned letter after Latin, not after Han
    ],
    ids=[
        "報(bào)告",
        "国(guó)务(wù)院",
        "bare jìn",
        "lǜ",
        "no Han before",
        "(GDP)",
        "PM2.5 CPI",
        "(data)",
        "Café",
    ],
)
def test_pinyin_ruby_is_dropped(original: str, expected: str) -> None:
    assert normalize(original).text == expected


@pytest.mark.parametrize(
    ("original", "piece", "source"),
    [
        ("总额報(bào)告12.5亿元", "12.5亿元", "12.5亿元"),
        ("国(guó)务(wù)院部署", "国务院", "国(guó)务(wù)院"),
        ("增长jìn了7.3%", "7.3%", "7.3%"),
    ],
    ids=["figure after ruby", "span across ruby", "after a bare syllable"],
)
def test_spans_stay_exact_around_dropped_ruby(original: str, piece: str, source: str) -> None:
    normalized = normalize(original)
    start = normalized.text.index(piece)
    lo, hi = normalized.orig_span(start, start + len(piece))
    assert original[lo:hi] == source


# the characters of the original each normalised character comes from, written out: the offset
# map held as pieces must give the same starts and ends as one entry per character
WIDENED = [
    ("第Ⅲ期30㎡", [0, 1, 1, 1, 2, 3, 4, 5, 5]),
    ("Ⅱ", [0, 0]),
    ("a\u200bⅡ\u200b", [0, 2, 2]),
    ("增长…到３%", [0, 1, 2, 2, 2, 3, 4, 5]),
]


@pytest.mark.parametrize(("original", "starts"), WIDENED, ids=[case[0] for case in WIDENED])
def test_offset_map_of_widened_characters(original: str, starts: list[int]) -> None:
    norm = normalize(original)
    assert list(norm.starts) == starts
    assert list(norm.ends) == [i + 1 for i in starts]
    assert [norm.starts[i] for i in range(-len(starts), 0)] == starts
    assert list(norm.starts[1:-1]) == starts[1:-1]
    lo, part = norm.sliced(1, len(norm.text))
    assert [lo + i for i in part.starts] == starts[1:]
