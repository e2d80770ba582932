"""Cue-word helpers: ranks, progress phrases, comparators after a number, kind words."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from govperf.extract.numerals import parse_count
from govperf.extract.resources import cues

NUMERAL_TAIL = re.compile(r"[批届次项个家期轮条号年月日类]")


@dataclass(frozen=True)
class RankHit:
    """A rank phrase (排名第二, 居全市首位, 全市排名17位): the whole phrase and its numeral."""

    phrase_start: int
    start: int  # span of the numeral (第二, 17位, 首位)
    end: int
    value: int


def _hit(m: re.Match[str]) -> RankHit | None:
    groups = m.groupdict()
    for name in ("n", "n2"):
        if groups.get(name):
            value = parse_count(groups[name])
            if value is None or value <= 0:
                return None
            start = m.start(name) - (1 if name == "n" else 0)
            return RankHit(m.start(), start, m.end(), value)
    if groups.get("first"):
        return RankHit(m.start(), m.start("first"), m.end("first"), 1)
    return None


def find_ranks(text: str) -> list[RankHit]:
    """Every rank phrase in ``text`` (normalised), earliest first, without overlaps."""
    hits: list[RankHit] = []
    if not cues().rank_key.search(text):
        return hits  # held by every rank phrase
    for pattern in cues().rank_patterns:
        for m in pattern.finditer(text):
            if NUMERAL_TAIL.match(text, m.end()):
                continue
            hit = _hit(m)
            if hit and not any(
                h.phrase_start <= hit.start < h.end or hit.phrase_start <= h.start < hit.end for h in hits
            ):
                hits.append(hit)
    return _listed_ranks(text, sorted((_with_group_scope(text, h) for h in hits), key=lambda h: h.start))


_GROUP_LOOKBACK = 16


@cache
def _group_scope() -> re.Pattern[str]:
    """A counted group of regions and scope words only, up to a rank phrase (在全市十三个区中)."""
    words = "|".join(re.escape(w) for w in cues().rank_scope_words)
    return re.compile(f"(?:{cues().region_group.pattern})(?:{words}|\\s)*$")


def _with_group_scope(text: str, hit: RankHit) -> RankHit:
    """在十三个区中|排名第3: the counted group only says where the rank is taken, so the phrase
    starts with it (its count is no quantity of its own)."""
    m = _group_scope().search(text, max(0, hit.phrase_start - _GROUP_LOOKBACK), hit.phrase_start)
    return replace(hit, phrase_start=m.start()) if m else hit


_NEXT_RANK = re.compile(r"\s*[、和及]\s*第(?P<n>[0-9]+|[一二两三四五六七八九十]+)(?:位|名)?")


def _listed_ranks(text: str, hits: list[RankHit]) -> list[RankHit]:
    """居全市第二、第三位: the ranks listed after a rank phrase, each its own hit."""
    out: list[RankHit] = []
    for hit in hits:
        out.append(hit)
        end = hit.end
        while (m := _NEXT_RANK.match(text, end)) and not NUMERAL_TAIL.match(text, m.end()):
            value = parse_count(m.group("n"))
            if value is None or value <= 0 or any(h.phrase_start <= m.start("n") < h.end for h in hits):
                break
            out.append(RankHit(m.start("n") - 1, m.start("n") - 1, m.end(), value))
            end = m.end()
    return out


@dataclass(frozen=True)
class Progress:
    """A share-of-target phrase just before a percentage; ``inner`` is its metric phrase."""

    start: int
    inner: str


def find_progress(prefix: str) -> Progress | None:
    """Match a progress phrase (完成年度任务量的, 占全年用水指标的, 达全年) ending ``prefix``."""
    for pattern in cues().progress_patterns:
        m = pattern.search(prefix)
        if m:
            groups = m.groupdict()
            inner = (groups.get("inner") or "") + (groups.get("inner2") or "")
            return Progress(m.start(), inner)
    return None


@cache
def _after_by_head() -> dict[str, tuple[tuple[str, str], ...]]:
    groups: dict[str, list[tuple[str, str]]] = {}
    for pair in cues().comparators_after:
        groups.setdefault(pair[0][:1], []).append(pair)
    return {k: tuple(v) for k, v in groups.items()}


def comparators_starting(text: str) -> tuple[tuple[str, str], ...]:
    """The (word, comparator) pairs of cues.yaml's comparators.after that can start ``text``:
    those whose first character is ``text``'s, in the table's order (longest first)."""
    by_head = _after_by_head()
    if "" in by_head:  # an empty word would start every text
        return cues().comparators_after
    return by_head.get(text[:1], ())


def comparator_word(text: str) -> str | None:
    """The first word of comparators.after that ``text`` starts with (as written: no stripping)."""
    return next((word for word, _ in comparators_starting(text) if text.startswith(word)), None)


def comparator_after(text: str) -> str | None:
    """The comparator of a word right after a number (左右, 以内, 以上)."""
    stripped = text.lstrip(" ")
    for word, comp in comparators_starting(stripped):
        if stripped.startswith(word) and word not in ("余", "多"):
            if word == "内" and stripped[1:2] in ("容", "部", "涵", "需", "外", "在"):
                continue
            return comp
    return None


def first_word(text: str, pattern: re.Pattern[str], start: int = 0, end: int | None = None) -> int | None:
    """Position of the earliest word of ``pattern`` (an alternation of the cue tables, see
    resources.alternation) in ``text[start:end]``, as an offset into ``text``."""
    m = pattern.search(text, start, len(text) if end is None else end)
    return m.start() if m else None


def merge_comparators(*found: str | None) -> str:
    """approx wins over every other comparator; otherwise the first one found; else eq."""
    present = [c for c in found if c]
    if "approx" in present:
        return "approx"
    return present[0] if present else "eq"
