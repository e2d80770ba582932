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
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache

from govperf.data import load_yaml
from govperf.text.offsets import Piecewise, widened

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
    runs, size = [], 0
    for m in _CJK_RUN.finditer(text, 0, _SAMPLE_CHARS):  # up to the run that completes the sample
        runs.append(m.group())
        size += len(runs[-1])
        if size >= _SAMPLE_CJK:
            break
    cjk = "".join(runs)[:_SAMPLE_CJK]
    if not cjk:
        return False
    converted = str(_char_converter().convert(cjk))
    changed = _changed_pairs(cjk, converted)
    return changed >= 1 and Decimal(changed) / Decimal(len(cjk)) >= _script_rules()[0]


_CHUNK = 256


def _changed_pairs(before: str, after: str) -> int:
    """How many pairs of ``zip(before, after)`` differ: chunks compared whole first, so only the
    chunks that differ are counted character by character."""
    if before == after:
        return 0
    changed = 0
    for at in range(0, min(len(before), len(after)), _CHUNK):
        a, b = before[at : at + _CHUNK], after[at : at + _CHUNK]
        if a != b:
            changed += sum(map(operator.ne, a, b))
    return changed


@dataclass(frozen=True)
class NormalizedText:
    """Normalised text plus, per normalised character, its [start, end) in the original."""

    original: str
    text: str
    starts: Sequence[int]  # a range when every character stands for itself, else a tuple
    ends: Sequence[int]

    def orig_span(self, start: int, end: int) -> tuple[int, int]:
        """Map the normalised span [start, end) to the original span it came from."""
        size = len(self.text)
        if 0 <= start < end <= size:  # the usual span: nothing to clamp
            return (self.starts[start], self.ends[end - 1])
        if not size:
            return (0, 0)
        start = 0 if start < 0 else size if start > size else start  # clamped, as min/max would
        end = start if end < start else size if end > size else end
        if start == end:
            pos = self.starts[start] if start < size else len(self.original)
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


_INVISIBLE_CLASS = re.compile("[" + "".join(sorted(INVISIBLE)) + "]")


@cache
def _changing_pattern() -> re.Pattern[str]:
    """A character class of every character that ``_fold`` may change: the BMP characters whose
    NFKC form differs from them, the invisible characters, and every character beyond the BMP
    (folded one by one when met).  ASCII and the other characters fold to themselves, so they
    are skipped by one regex scan instead of a per-character table lookup (built once per process)."""
    changing = [
        ch
        for ch in map(chr, range(0x80, 0x10000))
        if not 0xD800 <= ord(ch) <= 0xDFFF and (ch in INVISIBLE or unicodedata.normalize("NFKC", ch) != ch)
    ]
    changing.extend(INVISIBLE.difference(changing))
    body = "".join(re.escape(ch) for ch in sorted(set(changing)))
    return re.compile(f"([{body}\\U00010000-\\U0010ffff])")  # captured: split keeps it


@lru_cache(maxsize=1 << 16)
def _fold(ch: str) -> str:
    """The NFKC form of one character (ASCII kept as is, invisible characters dropped)."""
    return "" if ch in INVISIBLE else (ch if ch.isascii() else unicodedata.normalize("NFKC", ch))


def _identity(size: int) -> tuple[Sequence[int], Sequence[int]]:
    """The span arrays of a text whose every character stands for itself (ranges: no list)."""
    return range(size), range(1, size + 1)


def _fold_characters(original: str) -> tuple[str, Sequence[int], Sequence[int]]:
    """NFKC per character, dropping invisible characters; returns text and span arrays."""
    if unicodedata.is_normalized("NFKC", original) and not _INVISIBLE_CLASS.search(original):
        return original, *_identity(len(original))
    pieces = _changing_pattern().split(original)  # text, a changing character, text, …
    table = {ch: _fold(ch) for ch in set(pieces[1::2])}
    pieces[1::2] = [table[ch] for ch in pieces[1::2]]
    text = "".join(pieces)
    uneven = sorted(ch for ch, folded in table.items() if len(folded) != 1)
    if not uneven:
        return text, *_identity(len(original))
    widths = {ch: len(table[ch]) for ch in uneven}
    changed = [
        (m.start(), widths[m.group()])
        for m in re.finditer("[" + "".join(re.escape(ch) for ch in uneven) + "]", original)
    ]
    return text, widened(len(text), len(original), changed, 0), widened(len(text), len(original), changed, 1)


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


def _convert_script(
    text: str, starts: Sequence[int], ends: Sequence[int]
) -> tuple[str, Sequence[int], Sequence[int]]:
    """Apply tw2sp line by line, carrying the span arrays through any length change."""
    out: list[str] = []
    new_starts: list[int] = []
    new_ends: list[int] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        converted = to_simplified(line)
        if len(converted) == len(line):  # one character for one: the spans as they were
            new_starts.extend(starts[pos : pos + len(line)])
            new_ends.extend(ends[pos : pos + len(line)])
        else:
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
_TONE_CLASS = re.compile(f"[{TONE_MARKED}]")


def drop_ruby(
    text: str, starts: Sequence[int], ends: Sequence[int]
) -> tuple[str, Sequence[int], Sequence[int]]:
    """``text`` without inline pinyin ruby after Han characters; the span arrays lose the same
    characters, so every kept character still points at its place in the original."""
    if not _TONE_CLASS.search(text):
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
    return NormalizedText(original=original, text=text, starts=_frozen(starts), ends=_frozen(ends))


def _frozen(offsets: Sequence[int]) -> Sequence[int]:
    return offsets if isinstance(offsets, range | tuple | Piecewise) else tuple(offsets)
