"""A part's text as normalised lines, each able to point back into the original text.

Parsing works on ``normalize(original).text``; every span found there is mapped back with
``NormalizedText.orig_span`` before it is stored.  A line is *cruft* when a pattern of
cruft.yaml matches it: it stays in the stored text but is never given to extraction.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

import regex

from govperf.documents.data import cruft_patterns
from govperf.text.normalize import NormalizedText, normalize


@dataclass(frozen=True)
class Line:
    """One stripped line of the normalised text: [start, end) offsets into it."""

    index: int
    text: str
    start: int
    end: int
    cruft: bool


def is_cruft(text: str) -> bool:
    """True when the (normalised, stripped) line is web-page cruft."""
    return any(pattern.search(text) for pattern in cruft_patterns())


_HAN = regex.compile(r"\p{Han}")
_TRADITIONAL_SHARE = 0.03


@cache
def _t2s() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def is_traditional(text: str) -> bool:
    """True when ≥ 3% of the first 5000 Han characters are Traditional-only forms.

    Simplified text is not run through tw2sp: its Taiwan *phrase* rules rewrite mainland
    words (效能 → 性能), which would hide 高效能管理 from recognition.
    """
    han = "".join(_HAN.findall(text[:20000]))[:5000]
    if not han:
        return False
    converted = str(_t2s().convert(han))
    changed = sum(1 for a, b in zip(han, converted, strict=False) if a != b)
    return changed / len(han) >= _TRADITIONAL_SHARE


class PartText:
    """Original text of one part, its normalised form and its lines."""

    def __init__(self, original: str, district: str | None = None) -> None:
        self.original = original
        self.norm: NormalizedText = normalize(original, simplify=is_traditional(original))
        self.district = district  # the region the part is about, once known (全市 is read from it)

    @property
    def text(self) -> str:
        return self.norm.text

    @cached_property
    def lines(self) -> tuple[Line, ...]:
        out: list[Line] = []
        pos = 0
        for raw in self.norm.text.split("\n"):
            stripped = raw.strip()
            if stripped:
                start = pos + (len(raw) - len(raw.lstrip()))
                out.append(Line(len(out), stripped, start, start + len(stripped), is_cruft(stripped)))
            pos += len(raw) + 1
        return tuple(out)

    @cached_property
    def content_lines(self) -> tuple[Line, ...]:
        """Lines that are not cruft."""
        return tuple(line for line in self.lines if not line.cruft)

    def orig_span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of the normalised span [start, end)."""
        return self.norm.orig_span(start, end)

    def original_of(self, start: int, end: int) -> tuple[int, str]:
        """(original start offset, original text) of the normalised span [start, end)."""
        lo, hi = self.orig_span(start, end)
        return lo, self.original[lo:hi]

    def orig_text(self, start: int, end: int) -> str:
        """The original text behind the normalised span [start, end)."""
        return self.original_of(start, end)[1]
