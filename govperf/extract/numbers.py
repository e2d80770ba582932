"""Numbers in normalised text: Arabic and Chinese numerals, 万/亿 multipliers, units, ranges.

``scan_numbers`` returns every token that can be a quantity, with the unit written after it;
tokens that are dates, document numbers, phone numbers, list markers or parts of names
(PM2.5, 5G, 十三五) are left out here so that later steps never see them.
"""

from __future__ import annotations

import re
from fractions import Fraction
from functools import cache, lru_cache
from typing import NamedTuple

from govperf.data.units import Unit, unit_table
from govperf.extract.numerals import parse_arabic, parse_numeral
from govperf.extract.resources import cues

# An Arabic number: digits with optional thousands separators and decimals.  Whitespace may
# sit between the number and what follows (handled by the caller), never inside the digits.
# It opens with the digit class, so the regex engine skips to the next digit instead of trying
# the lookbehind at every character.
ARABIC = re.compile(
    r"""
    [0-9](?<![0-9A-Za-z.][0-9])   # a first digit not glued to a name (PM2.5, DB11) or a number
    (?:[0-9]{0,2}(?:,[0-9]{3})+(?![0-9])   # 1,234,567 (thousands separators)
       |[0-9]*)                 # or plain digits
    (?:\.[0-9]+)?              # decimals
    """,
    re.VERBOSE,
)
# A run of Chinese numeral characters (两项, 三十七, 一百零五).
CHINESE = re.compile(r"[零〇一二两三四五六七八九十百千万亿]+")
# A character without which a text holds no number: a digit or a Chinese numeral (百分之, 一半
# included).  Rank phrases with no numeral (居全市首位) are found by their own patterns.
NUMERAL_CHAR = re.compile(r"[0-9零〇一二两三四五六七八九十百千万亿]")
# Separators of a range (6%-6.5%, 6.5%－7% after NFKC, 6~7).
RANGE_SEP = re.compile(r"\s*(?:-|~|—|–|至|到)\s*")
# What follows a number when it is not a quantity: dates, document numbers, ordinals of names.
NOT_QUANTITY_AFTER = re.compile(
    r"\s*(?:年(?!均)|月|日|号|届|时|点(?![0-9])|周年|岁|期|批次|版|世纪|中全会"
    r"|次(?:会议|全会|全体会议|党代会|代表大会|产业)"  # 四次会议, 三次产业: names, not counts
    r"|位数|个方面|个部分)"  # 两位数增长, 十个方面, 共分四个部分: no quantity
)
# A short quotation (“两条底线”, “六个示范区”, “36条”): a slogan's or a package's name; a number
# inside it is part of the name.
QUOTED_NAME = re.compile(r"[“「][^“”「」。,;]{1,18}[”」]")
# A percentage written in words (百分之五, 百分之六点五, 百分之3.5): the span covers 百分之.
PERCENT_WORDS = re.compile(
    r"百分之(?P<n>[零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?|[0-9]+(?:\.[0-9]+)?)"
)
# 一半 right after a change word (减少一半, 下降了一半): a change of 50%.
HALF = re.compile(r"(?<=[降少低长高加升落])(?:了)?一半")
APPROX_WORDS = ("余", "多")
_CJK = re.compile(r"[\u4e00-\u9fff]")
MULTIPLIER_WORDS = ("万亿", "千万", "百万", "十万", "万", "亿", "千")


class NumberToken(NamedTuple):
    """A number with its unit as written: [start, end) covers digits, multiplier and unit.
    (A named tuple: one is built for every number of a text, and a tuple is the cheapest
    immutable record to build.)"""

    start: int
    end: int
    value: Fraction  # the number as written (multiplier not applied)
    value_max: Fraction | None
    multiplier: str  # 万 / 亿 … written between number and unit ('' if none)
    unit_text: str  # the unit as written after the multiplier ('' if none)
    unit: Unit | None  # the unit table entry of multiplier+unit, when known
    open_ended: bool  # 余 / 多 written after the number (3.3万余条)
    chinese: bool  # written in Chinese numerals
    raw_unit: str  # multiplier + unit_text: the unit as written


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] == " ":
        pos += 1
    return pos


_MULTIPLIER = re.compile("|".join(MULTIPLIER_WORDS))  # tried in order, as the tuple


def _multiplier_at(text: str, pos: int) -> str:
    m = _MULTIPLIER.match(text, pos)
    return m.group() if m else ""


def _unknown_unit_at(text: str, pos: int) -> str:
    """One CJK character that can be a counter not in the unit table (张, 部 …)."""
    if pos < len(text) and text[pos] in cues().counter_chars:
        return text[pos]
    return ""


def _match_unit(text: str, pos: int) -> tuple[str, str, bool, int]:
    """(multiplier, unit, open_ended, end) of what follows a number at ``pos``."""
    table = unit_table()
    p = _skip_spaces(text, pos)
    m = table.pattern.match(text, p)
    if m:
        return "", m.group(), False, m.end()
    mult = _multiplier_at(text, p)
    p += len(mult)
    open_ended = p < len(text) and text[p] in APPROX_WORDS
    if open_ended:
        p += 1
        if not mult:
            mult = _multiplier_at(text, p)
            p += len(mult)
    q = _skip_spaces(text, p)
    m = table.pattern.match(text, q)
    if m:
        return mult, m.group(), open_ended, m.end()
    unknown = _unknown_unit_at(text, q)
    if unknown:
        return mult, unknown, open_ended, q + 1
    return mult, "", open_ended, p if (mult or open_ended) else pos


def _is_list_marker(text: str, start: int, end: int) -> bool:
    """1. / 2、/ (3) at the start of a line or clause."""
    before = text[start - 1] if start > 0 else "\n"
    after = text[end] if end < len(text) else ""
    if before == "(" and after == ")":
        return True
    return before in "\n 。;:|" and after in (".", "、", ")") and not text[end : end + 2].startswith("..")


def _is_excluded(text: str, start: int, end: int) -> bool:
    """Dates, document numbers, ordinals, phone numbers, names: not quantities."""
    if NOT_QUANTITY_AFTER.match(text, end):
        return True
    if start > 0 and text[start - 1] in "第〔[【":
        return True
    if end < len(text) and (text[end] in "〕]】" or (text[end].isascii() and text[end].isalpha())):
        return _unit_is_latin(text, end) is False
    if _is_list_marker(text, start, end):
        return True
    digits = text[start:end].replace(",", "").replace(".", "")
    return len(digits) >= 9 and "." not in text[start:end]


def _unit_is_latin(text: str, end: int) -> bool:
    """True when the letters after a number are a known unit (m2, km2), False otherwise."""
    m = unit_table().pattern.match(text, end)
    return bool(m and m.group().isascii())


PHONE = re.compile(r"0[0-9]{2,3}-[0-9]{7,8}")


def _is_phone(text: str, start: int, end: int) -> bool:
    return text[start] == "0" and PHONE.match(text, start, end + 10) is not None


# the value of an Arabic number as written, read once per distinct number
_arabic = lru_cache(maxsize=4096)(parse_arabic)


@lru_cache(maxsize=1024)
def _unit(raw: str) -> Unit | None:
    """The unit table's entry of a unit as written (one lookup per distinct unit)."""
    return unit_table().lookup(raw)


def _token(text: str, start: int, end: int, value: Fraction, chinese: bool) -> NumberToken | None:
    mult, unit_text, open_ended, unit_end = _match_unit(text, end)
    if chinese and not unit_text:
        return None
    raw_unit = mult + unit_text
    unit = _unit(raw_unit) if unit_text else None
    return NumberToken(start, unit_end, value, None, mult, unit_text, unit, open_ended, chinese, raw_unit)


def _with_range(text: str, token: NumberToken) -> NumberToken:
    """Extend ``token`` to a range 6-6.5% / 6%-6.5% when one follows."""
    sep = RANGE_SEP.match(text, token.end)
    if not sep:
        return token
    m = ARABIC.match(text, sep.end())
    if not m or _is_excluded(text, m.start(), m.end()):
        return token
    second = _token(text, m.start(), m.end(), _arabic(m.group()), False)
    if second is None or second.value <= token.value:
        return token
    if token.raw_unit and token.raw_unit != second.raw_unit:
        return token
    if not second.raw_unit:
        return token
    return NumberToken(
        token.start,
        second.end,
        token.value,
        second.value,
        second.multiplier,
        second.unit_text,
        second.unit,
        token.open_ended or second.open_ended,
        False,
        second.raw_unit,
    )


def scan_numbers(text: str) -> list[NumberToken]:
    """Every quantity-like number in ``text`` (normalised), in order, ranges merged."""
    tokens: list[NumberToken] = []
    for m in ARABIC.finditer(text):
        start, end = m.span()
        if _is_excluded(text, start, end) or _is_phone(text, start, end):
            continue
        if _starts_excluded_range(text, end):
            continue
        token = _token(text, start, end, _arabic(m.group()), False)
        if token is not None:
            tokens.append(_with_range(text, token))
    for m in chinese_before_unit().finditer(text):  # the runs of Chinese numerals a unit can follow
        tok = _chinese_token(text, m)
        if tok is not None:
            tokens.append(tok)
    if "“" in text or "「" in text:
        names = [m.span() for m in QUOTED_NAME.finditer(text)]
        tokens = [t for t in tokens if not any(a < t.start < b for a, b in names)]
    worded = _percent_words(text)
    if worded:
        tokens = [t for t in tokens if not any(w.start <= t.start < w.end for w in worded)]
        tokens.sort(key=_start)
        tokens = worded + tokens
    elif len(tokens) < 2:
        return tokens  # nothing to order, nothing to overlap
    return _drop_overlaps(sorted(tokens, key=_start))


def _start(token: NumberToken) -> int:
    return token.start


def _percent_words(text: str) -> list[NumberToken]:
    """百分之五 → 5 %, 减少一半 → 50 %: percentages written in words."""
    if "百分之" not in text and "一半" not in text:
        return []  # neither pattern can match
    percent = unit_table().lookup("%")
    found: list[NumberToken] = []
    for m in PERCENT_WORDS.finditer(text):
        number = m.group("n")
        value = parse_numeral(number)
        if value is not None:
            found.append(NumberToken(m.start(), m.end(), value, None, "", "%", percent, False, True, "%"))
    half = Fraction(50)
    for m in HALF.finditer(text):
        found.append(NumberToken(m.end() - 2, m.end(), half, None, "", "%", percent, False, True, "%"))
    return found


def _starts_excluded_range(text: str, end: int) -> bool:
    """1-11月: the first number of a range whose second number is a date is a date too."""
    sep = RANGE_SEP.match(text, end)
    if not sep:
        return False
    m = ARABIC.match(text, sep.end())
    return bool(m and NOT_QUANTITY_AFTER.match(text, m.end()))


@cache
def _unit_openers() -> frozenset[str]:
    """The characters that can open what ``_match_unit`` reads: a unit of the table, a multiplier,
    余 / 多."""
    words = [*unit_table().units, *MULTIPLIER_WORDS, *APPROX_WORDS]
    return frozenset(word[0] for word in words if word)


@cache
def chinese_before_unit() -> re.Pattern[str]:
    """A whole run of Chinese numerals (as CHINESE finds it) followed, after spaces, by a
    character that can open a unit: the only runs ``_chinese_token`` can read.  It opens with one
    numeral, a character class, so the engine skips to the next numeral; the run is kept whole
    (no shorter run before a numeral that opens a unit: 三十年代), and the unit is not consumed
    (a multiplier opening it can open the next run: 三 万元)."""
    openers = "".join(sorted(_unit_openers()))
    numeral = CHINESE.pattern[:-1]  # the class without its +
    return re.compile(f"{numeral}{numeral}*(?!{numeral})(?= *[{re.escape(openers)}])")


def _chinese_token(text: str, m: re.Match[str]) -> NumberToken | None:
    run = m.group()
    start, end = m.start(), m.end()
    if run in ("一", "〇", "零") or (start > 0 and text[start - 1] in "第"):
        return None
    after = _skip_spaces(text, end)
    if after == len(text) or text[after] not in _unit_openers():
        return None  # no unit can follow: a Chinese numeral counts only with one
    if NOT_QUANTITY_AFTER.match(text, end):
        return None
    value = parse_numeral(run)
    if value is None:
        return None
    token = _token(text, start, end, value, True)
    if token is None or token.unit is None:
        return None
    if token.unit_text == "分" and _CJK.match(text, token.end):
        return None  # 十分重要, 万分警惕: an adverb, not a score
    if CHINESE.match(text, token.end):
        return None  # 三位一体, 一河一策: a set phrase, not a count
    return token


def _drop_overlaps(tokens: list[NumberToken]) -> list[NumberToken]:
    kept: list[NumberToken] = []
    for token in tokens:
        if kept and token.start < kept[-1].end:
            continue
        kept.append(token)
    return kept
