"""Normalise document text into one canonical form, keeping the way back to the original.

Every later step (genre detection, table splitting, quantity extraction) works on
``NormalizedText.text``: NFKC-folded (full-width digits and punctuation become ASCII),
invisible characters removed, inline pinyin ruby (報(bào)告) removed, and Traditional/Taiwan-phrased
script converted to mainland Simplified with OpenCC ``tw2sp``.  Those steps change lengths
(``網際網路`` → ``互联网``, ``㎡`` → ``m2``), so the object keeps, for every normalised character,
the span of original characters it came from; ``orig_span`` maps a span found in the normalised
text back to the exact characters of the original.
"""

from __future__ import annotations

import difflib
import operator
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache

from govperf.data import load_yaml

# Characters that carry no text: zero-width spaces and joiners, direction marks, BOM, NUL,
# soft hyphen.  They are dropped so that they cannot split a number or a phrase.
INVISIBLE = frozenset(
    "\u0000\u00ad\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2066\u2067\u2068\u2069\ufeff"
)


@lru_cache(maxsize=1)
def _converter():  # type: ignore[no-untyped-def,unused-ignore]
    import opencc

    return opencc.OpenCC("tw2sp")


@lru_cache(maxsize=1)
def _char_converter():  # type: ignore[no-untyped-def,unused-ignore]
    import opencc

    return opencc.OpenCC("t2s")


@cache
def _script_rules() -> tuple[Decimal, re.Pattern[str] | None]:
    data = load_yaml("script.yaml")
    phrases = sorted(data.get("keep_phrases") or [], key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(p) for p in phrases)) if phrases else None
    return Decimal(str(data["min_traditional_share"])), pattern


_SURROGATES = re.compile("[\ud800-\udfff]")


def to_simplified(text: str) -> str:
    """Traditional / Taiwan-phrased text to mainland Simplified (OpenCC tw2sp).

    Phrases listed in ``govperf/data/script.yaml`` (keep_phrases) are converted character by
    character instead, so that 新增 does not become 添加.
    """
    # OpenCC takes UTF-8: a lone surrogate (never in a decoded file, possible in an API
    # caller's string) becomes U+FFFD, one character for one, so offsets stay aligned.
    text = _SURROGATES.sub("\ufffd", text)
    pattern = _script_rules()[1]
    if pattern is None:
        return str(_converter().convert(text))
    out: list[str] = []
    pos = 0
    for m in pattern.finditer(text):
        out.append(str(_converter().convert(text[pos : m.start()])))
        out.append(str(_char_converter().convert(m.group())))
        pos = m.end()
    out.append(str(_converter().convert(text[pos:])))
    return "".join(out)


_CJK_RUN = re.compile("[\u4e00-\u9fff]+")


_SAMPLE_CHARS = 20000  # the script is judged on the CJK characters of the text's opening …
_SAMPLE_CJK = 5000  # … at most this many of them: a long text costs no more than a page


def is_traditional(text: str) -> bool:
    """True when enough CJK characters of ``text`` change under t2s to call it Traditional
    (script.yaml ``min_traditional_share`` of the first 5000 of its first 20000 characters): the
    one script detector, used by ``normalize``."""
    cjk = "".join(_CJK_RUN.findall(text[:_SAMPLE_CHARS]))[:_SAMPLE_CJK]
    if not cjk:
        return False
    converted = str(_char_converter().convert(cjk))
    changed = 0 if converted == cjk else sum(map(operator.ne, cjk, converted))  # pairs, as zip
    return changed >= 1 and Decimal(changed) / Decimal(len(cjk)) >= _script_rules()[0]


@dataclass(frozen=True)
class NormalizedText:
    """Normalised text plus, per normalised character, its [start, end) in the original."""

    original: str
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def orig_span(self, start: int, end: int) -> tuple[int, int]:
        """Map the normalised span [start, end) to the original span it came from."""
        if not self.text:
            return (0, 0)
        start = max(0, min(start, len(self.text)))
        end = max(start, min(end, len(self.text)))
        if start == end:
            pos = self.starts[start] if start < len(self.text) else len(self.original)
            return (pos, pos)
        return (self.starts[start], self.ends[end - 1])

    def sliced(self, start: int, end: int, *, lines_as_spaces: bool = False) -> tuple[int, NormalizedText]:
        """(its original offset, the normalised span [start, end) as a text of its own): a slice
        of this normalisation, never normalised again, with its original behind it.
        ``lines_as_spaces``: its line breaks read as spaces (one character for one: a sentence
        broken over lines)."""
        lo, hi = self.orig_span(start, end)
        original, text = self.original[lo:hi], self.text[start:end]
        if lines_as_spaces:
            original = original.replace("\r", " ").replace("\n", " ")
            text = text.replace("\r", " ").replace("\n", " ")
        starts = tuple(i - lo for i in self.starts[start:end])
        return lo, NormalizedText(original, text, starts, tuple(i - lo for i in self.ends[start:end]))

    def orig_index(self, index: int) -> int:
        """Original offset of the normalised character at ``index``."""
        return self.orig_span(index, index)[0]


class _FoldTable(dict[int, str]):
    """``str.translate`` table, filled on first sight of a character: its NFKC form (ASCII
    kept as is, invisible characters dropped).  Characters that do not fold to exactly one
    character are also recorded in ``_UNEVEN``: only they need per-character span work."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        folded = "" if ch in INVISIBLE else (ch if ch.isascii() else unicodedata.normalize("NFKC", ch))
        if len(folded) != 1:
            _UNEVEN.add(ch)
        self[code] = folded
        return folded


_FOLD = _FoldTable()
_UNEVEN: set[str] = set()


@lru_cache(maxsize=8)
def _uneven_pattern(size: int) -> re.Pattern[str]:
    """A character class of ``_UNEVEN`` (which only grows: its size names its contents)."""
    del size
    return re.compile("[" + "".join(re.escape(ch) for ch in sorted(_UNEVEN)) + "]")


def _fold_characters(original: str) -> tuple[str, list[int], list[int]]:
    """NFKC per character, dropping invisible characters; returns text and span arrays."""
    if unicodedata.is_normalized("NFKC", original) and not INVISIBLE.intersection(original):
        return original, list(range(len(original))), list(range(1, len(original) + 1))
    text = original.translate(_FOLD)
    if _UNEVEN.isdisjoint(original):
        return text, list(range(len(original))), list(range(1, len(original) + 1))
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for m in _uneven_pattern(len(_UNEVEN)).finditer(original):
        i = m.start()
        starts.extend(range(pos, i))
        ends.extend(range(pos + 1, i + 1))
        width = len(_FOLD[ord(original[i])])
        starts.extend([i] * width)
        ends.extend([i + 1] * width)
        pos = i + 1
    starts.extend(range(pos, len(original)))
    ends.extend(range(pos + 1, len(original) + 1))
    return text, starts, ends


def _align(source: str, converted: str) -> list[tuple[int, int]]:
    """For each character of ``converted``, the [start, end) range of ``source`` it renders."""
    if len(source) == len(converted):
        return [(i, i + 1) for i in range(len(source))]
    spans: list[tuple[int, int]] = []
    matcher = difflib.SequenceMatcher(None, source, converted, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            spans.extend((i1 + k, i1 + k + 1) for k in range(i2 - i1))
        elif tag in ("replace", "insert"):
            width = j2 - j1
            for k in range(width):
                if i2 > i1:
                    lo = i1 + (k * (i2 - i1)) // width
                    hi = i1 + ((k + 1) * (i2 - i1) + width - 1) // width
                    spans.append((lo, max(hi, lo + 1)))
                else:
                    anchor = max(0, i1 - 1) if i1 >= len(source) else i1
                    spans.append((anchor, anchor + 1 if source else anchor))
    return spans


def _convert_script(text: str, starts: list[int], ends: list[int]) -> tuple[str, list[int], list[int]]:
    """Apply tw2sp line by line, carrying the span arrays through any length change."""
    out: list[str] = []
    new_starts: list[int] = []
    new_ends: list[int] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        converted = to_simplified(line)
        for lo, hi in _align(line, converted):
            new_starts.append(starts[pos + lo])
            new_ends.append(ends[pos + hi - 1])
        out.append(converted)
        pos += len(line)
    return "".join(out), new_starts, new_ends


# Inline pinyin ruby a saved page may keep after a Han character: 報(bào)告, 国(guó)务(wù)院,
# 进jìn出口.  A syllable counts only with a tone diacritic, so Latin text (GDP, PM2.5, CPI) and
# an abbreviation in brackets (国内生产总值(GDP)) are never touched.
TONE_MARKED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_SYLLABLE = f"(?=[a-zü]*[{TONE_MARKED}])[a-zü{TONE_MARKED}]{{1,7}}"
_RUBY = re.compile(rf"(?<=[\u3400-\u9fff])(?:\({_SYLLABLE}\)|{_SYLLABLE}(?![A-Za-z0-9]))")
_TONE_CHARS = frozenset(TONE_MARKED)


def drop_ruby(text: str, starts: list[int], ends: list[int]) -> tuple[str, list[int], list[int]]:
    """``text`` without inline pinyin ruby after Han characters; the span arrays lose the same
    characters, so every kept character still points at its place in the original."""
    if _TONE_CHARS.isdisjoint(text):
        return text, starts, ends
    keep: list[tuple[int, int]] = []
    pos = 0
    for match in _RUBY.finditer(text):
        keep.append((pos, match.start()))
        pos = match.end()
    if not keep:
        return text, starts, ends
    keep.append((pos, len(text)))
    return (
        "".join(text[a:b] for a, b in keep),
        [i for a, b in keep for i in starts[a:b]],
        [i for a, b in keep for i in ends[a:b]],
    )


def normalize(original: str, *, simplify: bool = True) -> NormalizedText:
    """Fold ``original`` into govperf's canonical form (see module docstring).

    Inline pinyin ruby is dropped (``drop_ruby``).  Script conversion runs only when the text is
    Traditional (``is_traditional``): running tw2sp over Simplified text would rewrite mainland
    phrases (新增 → 添加).
    """
    text, starts, ends = _fold_characters(original)
    text, starts, ends = drop_ruby(text, starts, ends)
    if simplify and text and is_traditional(text):
        text, starts, ends = _convert_script(text, starts, ends)
    return NormalizedText(original=original, text=text, starts=tuple(starts), ends=tuple(ends))
