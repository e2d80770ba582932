"""Data tables of the extractor (cue words, metrics), loaded once from govperf/data/
(units.yaml: govperf.data.units).

The YAML files are the single source of the language knowledge; this module only parses them
into typed, cached structures and compiles the regular expressions they contain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from govperf.data import load_yaml
from govperf.data.regions import self_references


@dataclass(frozen=True)
class Cues:
    """Cue words and patterns of cues.yaml, ready to use."""

    comparators_before: tuple[tuple[str, str], ...]  # (word, comparator), longest first
    comparators_after: tuple[tuple[str, str], ...]
    change_words: tuple[tuple[str, str], ...]  # (word, 'negative'|'positive'|'better')
    level_after_change: tuple[str, ...]
    to_level_words: tuple[str, ...]
    change_qualifiers: tuple[str, ...]
    estimate_words: tuple[str, ...]
    target_words: tuple[str, ...]
    target_heads: tuple[str, ...]
    estimate_pattern: re.Pattern[str]  # one alternation of estimate_words (as the next two)
    target_words_pattern: re.Pattern[str]
    target_heads_pattern: re.Pattern[str]
    target_gap: re.Pattern[str]
    comparison_gap: re.Pattern[str]
    target_ref: re.Pattern[str]
    target_ref_before: re.Pattern[str]
    rank_patterns: tuple[re.Pattern[str], ...]
    rank_key: re.Pattern[str]  # held by every rank phrase
    progress_patterns: tuple[re.Pattern[str], ...]
    period_pattern: re.Pattern[str]
    period_key: re.Pattern[str]  # held by every period phrase
    label_strip_prefix: tuple[str, ...]
    label_strip_suffix: tuple[str, ...]
    weak_label_words: tuple[str, ...]
    rank_scope_words: tuple[str, ...]
    region_group: re.Pattern[str]
    unit_stop_chars: frozenset[str]
    counter_chars: frozenset[str]
    breakdown_pattern: re.Pattern[str]
    alias_tail_stop: tuple[str, ...]
    multi_year_words: tuple[str, ...]
    multi_year_pattern: re.Pattern[str]
    region_prefixes: tuple[tuple[str, str], ...]
    after_label_joiners: frozenset[str]
    after_label_joiner: re.Pattern[str]  # one of after_label_joiners
    clause_delimiters: frozenset[str]
    sentence_delimiters: frozenset[str]
    clause_split: re.Pattern[str]  # one clause delimiter (a character class of clause_delimiters)
    sentence_split: re.Pattern[str]  # one sentence delimiter
    max_sentence_chars: int
    long_sentence_breaks: str
    breakdown_words: tuple[tuple[str, str], ...]  # (word, 'urban'|'rural'), longest first
    breakdown_prefixes: tuple[tuple[str, str], ...]
    urban_rural_words: tuple[str, ...]
    shared_value_joiners: str
    goal_year_patterns: tuple[re.Pattern[str], ...]
    part_region_words: tuple[str, ...]
    qualifier_pattern: re.Pattern[str]
    rate_names: tuple[str, ...]
    years_span: re.Pattern[str]
    past_year_head: re.Pattern[str]
    total_words: dict[str, tuple[str, frozenset[str]]]  # word → (total, metrics of its parts)


_WIDER_SCOPES = frozenset("市省州盟国")


def _longest_first(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


def _pairs(mapping: dict[str, list[str]]) -> tuple[tuple[str, str], ...]:
    pairs = [(word, key) for key, words in mapping.items() for word in words]
    return tuple(sorted(pairs, key=lambda p: len(p[0]), reverse=True))


def alternation(words: list[str] | tuple[str, ...]) -> re.Pattern[str]:
    """One compiled alternation of ``words``, longest first (a pattern that never matches when
    there are none): a search finds the earliest of them."""
    if not words:
        return re.compile("(?!)")
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def _char_class(chars: str) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(ch) for ch in sorted(set(chars))) + "]")


@cache
def cues() -> Cues:
    data = load_yaml("cues.yaml")
    # the self-references (region_words.yaml): 我县 … peeled off labels; 全市/本省 … are rank
    # scopes; those of a wider region (市, 省, 州, 盟, 国) name it (govperf.extract.scopes)
    words = self_references()
    own = [w for w, kind in words.items() if kind != "国"]
    whole = [w for w in words if w[0] in "全本"]
    scopes = {w: words[w] for w in whole if words[w] in _WIDER_SCOPES}
    periods = "|".join(f"(?:{p})" for p in data["period_patterns"])
    group = f"(?:{data['region_group']})"
    return Cues(
        comparators_before=_pairs(data["comparators"]["before"]),
        comparators_after=_pairs(data["comparators"]["after"]),
        change_words=_pairs(data["change_words"]),
        level_after_change=tuple(data["level_after_change"]),
        to_level_words=_longest_first(data["to_level_words"]),
        change_qualifiers=_longest_first(data["change_qualifiers"]),
        estimate_words=_longest_first(data["estimate_words"]),
        target_words=_longest_first(data["target_words"]),
        target_heads=_longest_first(data["target_heads"]),
        estimate_pattern=alternation(data["estimate_words"]),
        target_words_pattern=alternation(data["target_words"]),
        target_heads_pattern=alternation(data["target_heads"]),
        target_gap=re.compile(data["target_gap"]),
        comparison_gap=re.compile(data["comparison_gap"].replace("{region_group}", group)),
        target_ref=re.compile(data["target_ref"]),
        target_ref_before=re.compile(data["target_ref_before"]),
        rank_patterns=tuple(re.compile(p.replace("{region_group}", group)) for p in data["rank_patterns"]),
        rank_key=re.compile(data["rank_key"]),
        region_group=re.compile(group),
        progress_patterns=tuple(re.compile(p) for p in data["progress_patterns"]),
        period_pattern=re.compile(periods),
        period_key=re.compile(data["period_key"]),
        label_strip_prefix=_longest_first([*data["label_strip_prefix"], *own]),
        label_strip_suffix=_longest_first(data["label_strip_suffix"]),
        weak_label_words=_longest_first(data["weak_label_words"]),
        rank_scope_words=_longest_first([*data["rank_scope_words"], *whole]),
        unit_stop_chars=frozenset(data["unit_stop_chars"]),
        counter_chars=frozenset(data["counter_chars"]),
        breakdown_pattern=re.compile(data["breakdown_pattern"]),
        alias_tail_stop=tuple(data["alias_tail_stop"]),
        multi_year_words=tuple(data["multi_year_words"]),
        multi_year_pattern=alternation(data["multi_year_words"]),
        region_prefixes=tuple(
            sorted(
                ((w, str(s)) for w, s in {**data["region_prefixes"], **scopes}.items()),
                key=lambda p: -len(p[0]),
            )
        ),
        after_label_joiners=frozenset(data["after_label_joiners"]),
        after_label_joiner=_char_class(data["after_label_joiners"]),
        clause_delimiters=frozenset(data["clause_delimiters"]),
        sentence_delimiters=frozenset(data["sentence_delimiters"]),
        clause_split=_char_class(data["clause_delimiters"]),
        sentence_split=_char_class(data["sentence_delimiters"]),
        max_sentence_chars=int(data["max_sentence_chars"]),
        long_sentence_breaks=str(data["long_sentence_breaks"]),
        breakdown_words=_pairs(data["breakdown_words"]),
        breakdown_prefixes=_pairs(data["breakdown_prefixes"]),
        urban_rural_words=_longest_first(data["urban_rural_words"]),
        shared_value_joiners=str(data["shared_value_joiners"]),
        goal_year_patterns=tuple(re.compile(p) for p in data["goal_year_patterns"]),
        part_region_words=tuple(data["part_region_words"]),
        rate_names=_longest_first(data["rate_names"]),
        years_span=re.compile(data["years_span"]),
        past_year_head=re.compile(data["past_year_head"]),
        total_words={w: (t["total"], frozenset(t["parts"])) for w, t in data["total_words"].items()},
        qualifier_pattern=re.compile("|".join(f"(?:{p})" for p in data["qualifier_patterns"])),
    )


@dataclass(frozen=True)
class Metric:
    code: str
    name: str
    unit: str
    better: str | None
    aliases: tuple[str, ...]
    exclude: tuple[str, ...]
    whole: tuple[str, ...] = ()  # labels naming the metric only as the whole label (经济)


@cache
def metric_table() -> tuple[Metric, ...]:
    data = load_yaml("metrics.yaml")
    return tuple(
        Metric(
            code=m["code"],
            name=m["name"],
            unit=str(m["unit"]),
            better=m.get("better"),
            aliases=tuple(m.get("aliases") or ()),
            exclude=tuple(m.get("exclude") or ()),
            whole=tuple(m.get("whole") or ()),
        )
        for m in data["metrics"]
    )


@cache
def metrics_by_code() -> dict[str, Metric]:
    return {m.code: m for m in metric_table()}


@cache
def plan_years() -> dict[str, tuple[int, int]]:
    """Five-year plan name (十五五) → (first year, last year), from plans.yaml."""
    return {p["code"]: (int(p["first_year"]), int(p["last_year"])) for p in load_yaml("plans.yaml")["plans"]}
