"""What a file's name says when its text does not: a region code or a year (p_410000_2026.txt).

A collection saved for analysis is often named by region code and year.  The name is read only as
a last resort, when the text names no region or no year: whatever the text says wins.  The name's
stem is cut at anything but letters and digits; a token of six digits that is a code of the region
table is a region, a token of four digits from 1949 to 2099 a year.  Two different ones of a kind
say nothing.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from govperf.data.regions import by_code

_TOKEN = re.compile(r"[0-9A-Za-z]+")
_FIRST_YEAR, _LAST_YEAR = 1949, 2099


def _tokens(path: str) -> list[str]:
    return _TOKEN.findall(PurePath(path).stem)


def region_in_name(path: str) -> str | None:
    """The one region code the file's name holds as a token, or None."""
    codes = {token for token in _tokens(path) if len(token) == 6 and token.isdigit() and token in by_code()}
    return codes.pop() if len(codes) == 1 else None


def year_in_name(path: str) -> int | None:
    """The one year (1949–2099) the file's name holds as a token, or None."""
    years = {
        int(token)
        for token in _tokens(path)
        if len(token) == 4 and token.isdigit() and _FIRST_YEAR <= int(token) <= _LAST_YEAR
    }
    return years.pop() if len(years) == 1 else None
