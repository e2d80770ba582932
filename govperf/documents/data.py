"""Document-recognition data tables (YAML under govperf/data/), loaded once and compiled."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import regex

from govperf.data import load_yaml


@dataclass(frozen=True)
class WeightedPattern:
    pattern: regex.Pattern[str]
    weight: float


@dataclass(frozen=True)
class GenreCues:
    code: str
    title: tuple[WeightedPattern, ...]
    structure: tuple[WeightedPattern, ...]


@dataclass(frozen=True)
class YearCue:
    pattern: regex.Pattern[str]
    year: int


def _weighted(items: list[dict[str, Any]]) -> tuple[WeightedPattern, ...]:
    return tuple(WeightedPattern(regex.compile(item["pattern"]), float(item["weight"])) for item in items)


@cache
def genre_cues() -> tuple[GenreCues, ...]:
    table = load_yaml("genres.yaml")["genres"]
    return tuple(
        GenreCues(code, _weighted(cues.get("title", [])), _weighted(cues.get("structure", [])))
        for code, cues in table.items()
    )


@cache
def genre_min_score() -> float:
    return float(load_yaml("genres.yaml").get("min_score", 3))


@cache
def cruft_patterns() -> tuple[regex.Pattern[str], ...]:
    """Patterns of lines that are web boilerplate from end to end (cruft.yaml ``line``)."""
    return tuple(regex.compile(pattern) for pattern in load_yaml("cruft.yaml")["line"])


@cache
def boilerplate_patterns() -> tuple[regex.Pattern[str], ...]:
    """Patterns of boilerplate phrases (cruft.yaml ``segment``); kept apart, not joined with |,
    so that each keeps its literal-prefix search (one joined pattern is 50 times slower)."""
    return tuple(regex.compile(pattern) for pattern in load_yaml("cruft.yaml")["segment"])


@cache
def year_cues() -> tuple[YearCue, ...]:
    """Fixed cues of year_cues.yaml plus five-year-plan cues built from plans.yaml."""
    table = load_yaml("year_cues.yaml")
    cues = [YearCue(regex.compile(item["pattern"]), int(item["year"])) for item in table["cues"]]
    for plan in load_yaml("plans.yaml")["plans"]:
        code = rf"(?<![一二三四五六七八九]){regex.escape(plan['code'])}(?!届)"
        for key, year in (("first", plan["first_year"]), ("last", plan["last_year"])):
            for template in table["plan_cues"][key]:
                cues.append(YearCue(regex.compile(template.format(plan=code)), int(year)))
    return tuple(cues)


@dataclass(frozen=True)
class AnniversaryCue:
    pattern: regex.Pattern[str]
    base: int


@cache
def anniversary_cues() -> tuple[AnniversaryCue, ...]:
    """'新中国成立{n}周年' cues: the year is ``base + n``."""
    number = r"(?P<n>\d{1,4}|[一二三四五六七八九十百零]{1,6})"
    return tuple(
        AnniversaryCue(regex.compile(item["pattern"].replace("{n}", number)), int(item["base"]))
        for item in load_yaml("year_cues.yaml").get("anniversaries", [])
    )


@cache
def session_pattern() -> regex.Pattern[str]:
    return regex.compile(load_yaml("year_cues.yaml")["session_pattern"])


@cache
def national_congress() -> tuple[regex.Pattern[str], dict[int, int]]:
    """The session line of the national congress and the first year of each of its terms."""
    data = load_yaml("year_cues.yaml")
    terms = {int(term): int(year) for term, year in data["national_congress_terms"].items()}
    return regex.compile(data["national_congress_pattern"]), terms
