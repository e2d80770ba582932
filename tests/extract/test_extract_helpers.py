"""Small exact helpers of the extractor: Decimal values, cue alternations, cue-word stripping."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from govperf.extract.cues import find_ranks, first_word
from govperf.extract.item import may_hold_items, sentences
from govperf.extract.labels import _remove_all, _strip_prefix, _strip_suffix
from govperf.extract.numbers import CHINESE, _unit_openers, chinese_before_unit, scan_numbers
from govperf.extract.periods import find_periods
from govperf.extract.resources import alternation, cues
from govperf.extract.values import to_decimal
from govperf.text.normalize import normalize

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

# a Fraction → the Decimal an observation carries (same digits and exponent as an exact division)
DECIMALS = [
    (Fraction(5), "5"),
    (Fraction(13, 2), "6.5"),
    (Fraction(-7, 40), "-0.175"),
    (Fraction(1, 1024), "0.0009765625"),
    (Fraction(2469, 2), "1234.5"),
    (Fraction(1, 3), "0.3333333333333333333333333333"),
    (Fraction(10**30), "1.000000000000000000000000000E+30"),
    (Fraction(3, 10**40), "3E-40"),
]


@pytest.mark.parametrize(("value", "text"), DECIMALS, ids=[str(d[0]) for d in DECIMALS])
def test_to_decimal(value: Fraction, text: str) -> None:
    assert str(to_decimal(value)) == text
    assert to_decimal(value).as_tuple() == Decimal(text).as_tuple()


# (text, words, start, end) → position of the earliest word in text[start:end]
FIRST_WORDS = [
    ("预计全年增长5%", ("预计", "预计全年"), 0, None, 0),
    ("全年预计增长5%", ("预计",), 0, None, 2),
    ("全年预计增长5%", ("预计",), 0, 3, None),  # the word does not fit before the end
    ("力争目标达到8%", ("目标", "力争"), 1, None, 2),
    ("增长5%", (), 0, None, None),  # no words: never found
]


@pytest.mark.parametrize(
    ("text", "words", "start", "end", "found"),
    FIRST_WORDS,
    ids=[f"{f[0]}-{f[2]}-{f[3]}" for f in FIRST_WORDS],
)
def test_first_word(
    text: str, words: tuple[str, ...], start: int, end: int | None, found: int | None
) -> None:
    assert first_word(text, alternation(words), start, end) == found


# stripping a cue word off either end: the first word of the list that fits, in list order
STRIPS = [
    ("同比增长", ("增长", "长"), "suffix", ("同比", "增长")),
    ("同比增长", ("长", "增长"), "suffix", ("同比增", "长")),
    ("全区生产总值", ("全区", "全"), "prefix", ("生产总值", True)),
    ("全区", ("全区",), "prefix", ("全区", False)),  # never the whole label
    ("", ("全区",), "prefix", ("", False)),
    ("增长率", ("增长",), "suffix", ("增长率", None)),  # inside, not at the end
]


@pytest.mark.parametrize(("text", "words", "end", "expected"), STRIPS, ids=[f"{s[0]}-{s[2]}" for s in STRIPS])
def test_strip(text: str, words: tuple[str, ...], end: str, expected: tuple[str, object]) -> None:
    strip = _strip_suffix if end == "suffix" else _strip_prefix
    assert strip(text, words) == expected


# words removed one after the other: a removal can join two halves of a later word
REMOVALS = [
    ("同比增量", ("同比", "增量"), ""),
    ("增同比量", ("同比", "增量"), ""),  # 增量 appears once 同比 is gone
    ("增同比量", ("增量", "同比"), "增量"),  # in the other order it does not
    ("地区生产总值", ("同比",), "地区生产总值"),
]


@pytest.mark.parametrize(
    ("text", "words", "rest"), REMOVALS, ids=[f"{r[0]}-{'-'.join(r[1])}" for r in REMOVALS]
)
def test_remove_all(text: str, words: tuple[str, ...], rest: str) -> None:
    assert _remove_all(text, words) == rest


# Sentences a reader skips unread must hold no item: may_hold_items is a superset of what
# scan_numbers and find_ranks find.  Each row holds an item, or a near miss with no item.
ITEM_SENTENCES = [
    ("产值增长6.5%", True),
    ("新建三座公园", True),  # a Chinese count before its unit
    ("能耗下降百分之四点五", True),
    ("库存减少一半", True),
    ("增速居全区首位", True),
    ("总量位列全省之首", True),
    ("排名第七", True),
    ("在十三个区中排名第二", True),
    ("税收排名17位", True),
    ("坚持一张蓝图绘到底", False),
    ("第一书记驻村帮扶", True),  # the rank key without a rank: read, and nothing found
    ("推进各项工作落实", False),
    ("", False),
]


@pytest.mark.parametrize(("sentence", "held"), ITEM_SENTENCES, ids=[s or "empty" for s, _ in ITEM_SENTENCES])
def test_may_hold_items(sentence: str, held: bool) -> None:
    assert may_hold_items(sentence, 0, len(sentence)) is held
    if find_ranks(sentence) or scan_numbers(sentence):
        assert held


def _fixture_texts() -> list[str]:
    texts = []
    for path in sorted(FIXTURES.rglob("*.txt")):
        raw = path.read_bytes()
        try:
            texts.append(normalize(raw.decode("utf-8")).text)
        except UnicodeDecodeError:
            texts.append(normalize(raw.decode("gb18030")).text)
    return texts


# each period pattern's phrases, in our words: all hold cues.yaml's period_key
PERIOD_PHRASES = [
    "截至10月底",
    "截止目前",
    "1-9月",
    "3月至6月份",
    "前三季度",
    "前5个月",
    "上半年",
    "第四季度",
    "全年",
    "累计",
]


def test_every_rank_and_period_match_holds_its_key() -> None:
    """find_ranks and find_periods skip a sentence without cues.yaml's rank_key / period_key:
    every match of a rank or period pattern holds it, on every fixture text we wrote and on a
    phrase of each period pattern."""
    found = {"rank": 0, "period": 0}
    c = cues()
    patterns = [("rank", p, c.rank_key) for p in c.rank_patterns]
    patterns += [("period", c.period_pattern, c.period_key)]
    for text in [*_fixture_texts(), "。".join(PERIOD_PHRASES)]:
        for kind, pattern, key in patterns:
            for m in pattern.finditer(text):
                assert key.search(m.group()), (kind, m.group())
                found[kind] += 1
        for start, end in sentences(text):
            sentence = text[start:end]
            if find_ranks(sentence) or scan_numbers(sentence):
                assert may_hold_items(text, start, end), sentence
    assert found["rank"] >= 5 and found["period"] >= 50  # the texts do hold such phrases
    assert all(find_periods(phrase) for phrase in PERIOD_PHRASES)


def test_chinese_before_unit_finds_whole_runs_a_unit_can_follow() -> None:
    """chinese_before_unit finds exactly the runs of CHINESE whose next character, after
    spaces, can open a unit: scan_numbers reads only those, so no run is cut or skipped."""
    openers = _unit_openers()
    texts = ["三十年代", "三 万元", "新建十二个站点", "一河一策", "二〇二三年", "投资四十亿元"]
    texts += [path.read_text(encoding="utf-8", errors="replace") for path in sorted(FIXTURES.rglob("*.txt"))]
    for raw in texts:
        text = normalize(raw).text
        found = [m.span() for m in chinese_before_unit().finditer(text)]
        expected = [
            m.span()
            for m in CHINESE.finditer(text)
            if text[m.end() :].lstrip(" ")[:1] in openers and text[m.end() :].lstrip(" ")
        ]
        assert found == expected, raw[:40]
