"""The one reader of numerals: Arabic digits and Chinese numerals (两, 十三, 一百零五, 3.2万, 六点五).

Every step that reads a numeral calls it: quantities (govperf.extract.numbers), ranks (cues),
months and quarters (periods), and the counts, terms and sessions the document parsers read
(govperf.documents: 共24项, 第十四届 … 第三次会议).  Chinese numerals are read as cn2an's "smart"
mode reads them, once per distinct numeral.
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache

import cn2an


def parse_arabic(text: str) -> Fraction:
    """Digits with optional thousands separators and decimals, exactly (int() of the digits
    over a power of ten: no string parsing by Fraction)."""
    whole, _, decimals = text.replace(",", "").partition(".")
    if not decimals:
        return Fraction(int(whole))
    return Fraction(int(whole + decimals), 10 ** len(decimals))


@lru_cache(maxsize=4096)
def parse_numeral(text: str) -> Fraction | None:
    """The value of ``text``: Arabic digits, or a Chinese numeral (with 点 decimals); None when it
    is not one."""
    if text.isascii() and text.replace(",", "").replace(".", "", 1).isdigit():
        return parse_arabic(text)
    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    if isinstance(value, int):
        return Fraction(value)
    return Fraction(str(value))


def parse_count(text: str) -> int | None:
    """A whole number written in digits or Chinese numerals: '24' → 24, '两' → 2, '十三' → 13,
    '二十四' → 24; None when ``text`` is not one."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    value = parse_numeral(text)
    if value is None or value.denominator != 1:
        return None
    return int(value)
