"""Extraction engine: Chinese government prose → typed observations (pure, no database).

    from govperf.extract import extract, ExtractContext
    extract("到10月底,PM2.5累计浓度为38微克/立方米,同比下降4微克/立方米,全市排名第三",
            context=ExtractContext(year=2018))

``extract(text, *, context=None) -> list[Observation]`` normalises ``text`` (NFKC, Traditional →
Simplified only when the text is Traditional), reads it sentence by sentence, and returns every
number that measures something, with spans and snippets in the ORIGINAL ``text``.

Pipeline (one module per step, data in govperf/data/*.yaml, loaded once):
    resources  cues.yaml, metrics.yaml → typed, cached tables (units.yaml: govperf.data.units)
    numbers    Arabic / Chinese numerals, 万/亿 multipliers, units, ranges; dates, document
               numbers, phone numbers, list markers and names are not quantities
    periods    截至11月底, 1-11月, 前三季度, 上半年 … with their dates
    cues       rank phrases, share-of-target phrases, comparators after a number
    labels     the text before a number → cue words (comparator, change, 分别, 均) + label
    metrics    label → canonical metric (longest alias, exclude lists); 分别 / 及 lists
    item       one number of a sentence while it is read; sentence splitting
    values     exact unit conversion into the metric's (or the unit's) canonical unit; a unit
               with no exact factor (亿美元 for a metric in 亿元) keeps the metric and its unit
    goals      到2030年 / “十五五”时期: goals of a later year (targets of the year they name)
    scopes     全市 / 全省 / 全州 / 全国 → the region they name, seen from the document's region
    engine     the sentence reader: label carrying, measure, sign, lists (分别, 城乡 → urban,
               rural), comparators
    build      observations from what was read: kind, year, period, notes, region, breakdown
"""

from __future__ import annotations

from govperf.data.vocab import BREAKDOWNS, COMPARATORS, KINDS, MEASURES
from govperf.extract.engine import extract, extract_normalized
from govperf.extract.types import ExtractContext, Observation

__all__ = [
    "BREAKDOWNS",
    "COMPARATORS",
    "KINDS",
    "MEASURES",
    "ExtractContext",
    "Observation",
    "extract",
    "extract_normalized",
]
