"""The text before a number: its label (metric phrase) and the cue words next to the number.

Prose puts cue words between the metric phrase and the number (PM2.5累计浓度 | 为 | 56;
万元GDP能耗 | 同比下降 | 3%; 城镇登记失业率 | 控制在 | 2.8%); ``parse_zone`` peels them off
the end of the text before the number, and ``clean_label`` peels period phrases, years and
filler words (全区, 累计, 完成 …) off what remains.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from govperf.data.regions import leading_region
from govperf.extract.metrics import map_label
from govperf.extract.resources import alternation, cues

EXPLICIT_YEAR = re.compile(r"(?:[0-9]{4}|20[xX]{2})\s*年(?:度)?(?:的)?")
OTHER_BASE = re.compile(r"(?:比|较|与|同|对比)\s*(?:[0-9]{4}|20[xX]{2})\s*年(?:度)?(?:的)?(?:相比)?")
YEAR = re.compile(r"(?:[0-9]{4}|20[xX]{2}|[0-9]{2}[xX]{2})\s*年(?:度)?|(?:今|去|上|当|本|明)年(?:度)?")
_BASE_YEAR_END = re.compile(r"(?:去年|上年|前年|年初)$")
LIST_MARKER = re.compile(
    r"^\s*(?:\(?[一二三四五六七八九十0-9]{1,3}\)|[一二三四五六七八九十]{1,3}、|[0-9]{1,2}[.、](?![0-9]))"
)
_RESPECTIVELY = ("分别", "分别为", "分别达到", "分别是")  # a list of values follows (parse_zone)
_ALL_ITEMS = ("均", "都", "皆")  # before a rank: it applies to every label before it
PUNCT = re.compile(r"[“”\"'‘’《》「」『』()\[\]【】〈〉\s·…]+")
LEADING_JOINERS = (
    "以及",
    "并且",
    "到",  # 力争到2030年…: what is left of the goal's year
    "其中",
    "和",
    "及",
    "并",
    "而",
    "与",
    "、",
    "/",
    "-",
    "以",
    "但",
    "对",
    "了",
)


@dataclass(frozen=True)
class Zone:
    """What the text before a number says about it."""

    label: str  # the metric phrase, cleaned ('' when the clause names none)
    comparator: str | None  # from a word just before the number (约, 控制在, 不低于 …)
    change: str | None  # 'negative' | 'positive' | 'better' when a change word precedes
    to_level: bool  # a change word followed by 到/至: the number is the new level
    respectively: bool  # 分别: the number opens a list of values for a list of labels
    all_items: bool  # 均/都 just before a rank: it applies to every label before it
    not_current: bool = False  # 比2015年下降, 由58下降到: not this period's value
    yearly_average: bool = False  # 年均增长: a plan's goal, or a review of several years
    change_word: str = ""  # the change word written just before the number (增速, 增量)
    target_gap: bool = False  # 高于年度目标…: the number is the gap to a target
    compared: bool = False  # 高于全市平均水平…: the gap to another region's figure
    target_ref_before: bool = False  # 远高于 at its end: a target may follow the number (…3%的年度目标)


# the grouped cue tables, by first and by last character: id(items) → (items, groups or None)
_BY_FIRST: dict[int, tuple[tuple[Any, ...], dict[str, tuple[Any, ...]] | None]] = {}
_BY_LAST: dict[int, tuple[tuple[Any, ...], dict[str, tuple[Any, ...]] | None]] = {}


def _grouped(items: tuple[Any, ...], by: str) -> dict[str, tuple[Any, ...]] | None:
    """``items`` (words, or (word, value) pairs) grouped by the first (``by="first"``) or last
    character of their word, each group in the items' order; None when a word is empty (it starts
    and ends every text).  Kept by identity, checked: the lists are the long-lived tuples of the
    cached cue tables (and this module's constants)."""
    cache = _BY_FIRST if by == "first" else _BY_LAST
    entry = cache.get(id(items))
    if entry is None or entry[0] is not items:
        groups: dict[str, list[Any]] = {}
        empty = False
        for item in items:
            word = item if isinstance(item, str) else item[0]
            empty = empty or not word
            groups.setdefault(word[:1] if by == "first" else word[-1:], []).append(item)
        entry = (items, None if empty else {k: tuple(v) for k, v in groups.items()})
        cache[id(items)] = entry
    return entry[1]


def _ending(text: str, items: tuple[Any, ...]) -> tuple[Any, ...]:
    """The items whose word can end ``text`` (its last character's group), in their order."""
    entry = _BY_LAST.get(id(items))
    grouped = entry[1] if entry is not None and entry[0] is items else _grouped(items, "last")
    return items if grouped is None or not text else grouped.get(text[-1], ())


def _starting(text: str, items: tuple[Any, ...]) -> tuple[Any, ...]:
    """The items whose word can start ``text`` (its first character's group), in their order."""
    entry = _BY_FIRST.get(id(items))
    grouped = entry[1] if entry is not None and entry[0] is items else _grouped(items, "first")
    return items if grouped is None or not text else grouped.get(text[0], ())


def _strip_suffix(text: str, words: tuple[str, ...]) -> tuple[str, str | None]:
    for word in _ending(text, words):
        if text.endswith(word):
            return text[: -len(word)], word
    return text, None


def _strip_prefix(text: str, words: tuple[str, ...], whole: bool = False) -> tuple[str, bool]:
    for word in _starting(text, words):
        if text.startswith(word) and (whole or len(text) > len(word)):
            return text[len(word) :], True
    return text, False


def _pair_ending(text: str, pairs: tuple[tuple[str, str], ...]) -> tuple[str, str] | None:
    """The first (word, value) of ``pairs`` whose word ends ``text``."""
    return next((pair for pair in _ending(text, pairs) if text.endswith(pair[0])), None)


def _any_of(words: tuple[str, ...]) -> re.Pattern[str]:
    """One alternation of ``words`` (built once per cue table, as ``_grouped``)."""
    entry = _ALTERNATIONS.get(id(words))
    if entry is None or entry[0] is not words:
        entry = (words, alternation(words))
        _ALTERNATIONS[id(words)] = entry
    return entry[1]


_ALTERNATIONS: dict[int, tuple[tuple[str, ...], re.Pattern[str]]] = {}


def _remove_all(text: str, words: tuple[str, ...]) -> str:
    """``text`` with every word of ``words`` removed, one word after the other (as a loop of
    ``str.replace``); a word whose first character is not in ``text`` cannot occur, even after
    other words are removed (removing never adds a character), so it is skipped."""
    if not _any_of(words).search(text):
        return text  # none occurs: nothing to remove
    present = set(text)
    for word in words:
        if word[:1] in present:
            text = text.replace(word, "")
    return text


@lru_cache(maxsize=8192)
def parse_zone(zone: str) -> Zone:
    """Split the text before a number into cue words (at its end) and the label."""
    c = cues()
    target_gap = c.target_gap.search(zone) is not None
    compared = c.comparison_gap.search(zone.rstrip(" ")) is not None
    target_ref_before = c.target_ref_before.search(zone.rstrip()) is not None
    not_current = bool(OTHER_BASE.search(zone))
    zone = c.qualifier_pattern.sub("", zone)  # 扣除…因素后, 按可比价计算: how, not what
    text = EXPLICIT_YEAR.sub("", OTHER_BASE.sub("", zone)).rstrip(" ")
    comparator = change = None
    to_level = respectively = all_items = yearly_average = False
    change_word = ""
    changed = True
    enders = _zone_word_ends()
    while changed and text:
        changed = False
        text = text.rstrip(' “”"')
        if enders is not None and text[-1:] not in enders:
            break  # no word of the tables below ends it: nothing to peel
        found = _pair_ending(text, c.comparators_before)
        if found is not None:
            comparator = comparator or found[1]
            text, changed = text[: -len(found[0])], True
            continue
        if text.endswith(c.level_after_change) and _pair_ending(text[:-1], c.change_words) is not None:
            to_level, text, changed = True, text[:-1], True
            continue
        text, verb = _strip_suffix(text, c.to_level_words)
        if verb:
            to_level = changed = True
            continue
        if any(text.endswith(name) for name in _ending(text, c.rate_names)):
            break  # 人口自然增长率: the name of a rate
        found = _pair_ending(text, c.change_words)
        if found is not None:
            word, sign = found
            change = change or sign
            change_word = change_word or word
            text, changed = text[: -len(word)], True
            span = c.years_span.search(text)
            if span:  # 五年增加…: a change over several years
                not_current, text = True, text[: span.start()]
            continue
        if text.endswith(_RESPECTIVELY):
            respectively = True
        for words in (c.change_qualifiers, c.label_strip_suffix, c.estimate_words):
            text, stripped = _strip_suffix(text, words)
            if stripped:
                yearly_average = yearly_average or (stripped == "年均" and change is not None)
                changed = True
                break
        if changed:
            continue
        if text.endswith(_ALL_ITEMS):
            all_items = True
            text, changed = text[:-1], True
    if to_level:
        change = None
    text = _BASE_YEAR_END.sub("", text)
    if text.endswith(("由", "从")):
        not_current, text = True, text[:-1]
    return Zone(
        clean_label(text),
        comparator,
        change,
        to_level,
        respectively,
        all_items,
        not_current,
        yearly_average,
        change_word,
        target_gap,
        compared,
        target_ref_before,
    )


@lru_cache(maxsize=8192)
def clean_label(text: str) -> str:
    """A label without period phrases, years, punctuation, filler words at either end."""
    c = cues()
    text = LIST_MARKER.sub("", YEAR.sub("", text))
    text = PUNCT.sub("", text)
    text = _remove_all(text, c.estimate_words)
    changed = True
    while changed and text:
        period = c.period_pattern.match(text)
        if period and period.end() > 0:
            text = text[period.end() :]
        text, p1 = _strip_prefix(text, LEADING_JOINERS, whole=True)
        text, p2 = _strip_keeping_metric(text, c.label_strip_prefix)
        text, suffix = _strip_suffix(text, c.label_strip_suffix)
        changed = bool(period and period.end()) or p1 or p2 or bool(suffix and text)
    return "" if is_only_weak(text) else text


def _strip_keeping_metric(text: str, words: tuple[str, ...]) -> tuple[str, bool]:
    """Strip a filler prefix unless it belongs to the metric phrase (全区生产总值)."""
    stripped, changed = _strip_prefix(text, words)
    if changed and map_label(text) is not None and map_label(stripped) != map_label(text):
        return text, False
    return stripped, changed


@cache
def _zone_word_ends() -> frozenset[str] | None:
    """The last characters of every word ``parse_zone`` peels or reads off the end of a zone; None
    when a table holds an empty word (it ends every text)."""
    c = cues()
    words = [
        *(w for w, _ in c.comparators_before),
        *c.level_after_change,
        *c.to_level_words,
        *c.rate_names,
        *(w for w, _ in c.change_words),
        *_RESPECTIVELY,
        *c.change_qualifiers,
        *c.label_strip_suffix,
        *c.estimate_words,
        *_ALL_ITEMS,
    ]
    return None if not all(words) else frozenset(w[-1] for w in words)


@cache
def _change_word_list() -> tuple[str, ...]:
    return tuple(word for word, _ in cues().change_words)


def is_only_weak(label: str) -> bool:
    """True when ``label`` is made only of words that name no metric (同比, 增量, 全市 …)."""
    rest = _remove_all(label, cues().weak_label_words)
    return not _remove_all(rest, _change_word_list()).strip()


_REGION_NAME = re.compile(r"^[\u4e00-\u9fff]{1,3}[区市县]$")


def names_only_rank_scope(label: str) -> bool:
    """True when ``label`` says only where a rank is taken (在全市, 在城六区中, 改善幅度在全市)."""
    rest = _remove_all(cues().region_group.sub("", label), cues().rank_scope_words)
    rest = _REGION_NAME.sub("", rest)  # 在怀柔区, 在朝阳区中: a named district is a scope too
    return not rest or is_only_weak(rest)


@cache
def _region_prefixes() -> dict[str, tuple[tuple[str, str], ...]]:
    """cues.yaml's region_prefixes grouped by their first character, in their order (none is empty)."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for word, code in cues().region_prefixes:
        groups.setdefault(word[:1], []).append((word, code))
    return {k: tuple(v) for k, v in groups.items()}


@lru_cache(maxsize=8192)
def region_of(zone_text: str) -> str | None:
    """The scope (region code or scope word, see govperf.extract.scopes) a label opening with
    全市 / 全国 / a province's or prefecture's full name (北京市…) names (全市PM2.5年均浓度…)."""
    head = zone_text.lstrip(' ,;:“”"')
    period = cues().period_pattern.match(head)
    if period:
        head = head[period.end() :].lstrip(" ,")
    scope = next((code for word, code in _region_prefixes().get(head[:1], ()) if head.startswith(word)), None)
    return scope or leading_region(head)


@cache
def _region_group_end() -> re.Pattern[str]:
    return re.compile(f"(?:{cues().region_group.pattern})$")


def _region_group_at_end(text: str) -> str:
    found = _region_group_end().search(text)
    return found.group() if found else ""


def strip_rank_scope(zone_text: str) -> str:
    """The text before a rank without the scope words at its end (增速全省排名 → 增速)."""
    words = cues().rank_scope_words
    text = zone_text.rstrip(" ")
    changed = True
    while changed and text:
        changed = False
        group = _region_group_at_end(text)
        if group:
            text, changed = text[: -len(group)].rstrip(" "), True
            continue
        for word in _ending(text, words):
            if text.endswith(word) and len(word) >= 2:
                text, changed = text[: -len(word)].rstrip(" "), True
                break
    return text
