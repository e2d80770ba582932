"""Units (units.yaml): what a raw unit measures, its size, and exact conversion between units.

Below both its users: the extractor reads numbers with units (govperf.extract.numbers, values)
and the alias re-mapping converts stored values into a metric's unit (govperf.db.aliases); one
table, one lookup, one factor for both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from functools import cache

from govperf.data import load_yaml


def parse_factor(text: str) -> Fraction:
    """An exact factor written as a decimal ("10000") or a fraction ("10000/15")."""
    if "/" in text:
        num, den = text.split("/", 1)
        return Fraction(num.strip()) / Fraction(den.strip())
    return Fraction(text.strip())


@dataclass(frozen=True)
class Unit:
    """A raw unit: its dimension, the unit an unmapped value is reported in, its size."""

    raw: str
    dimension: str
    canonical: str
    factor: Fraction


@dataclass(frozen=True)
class UnitTable:
    units: dict[str, Unit]
    multipliers: dict[str, Fraction]
    pattern: re.Pattern[str]  # longest unit first
    related: frozenset[frozenset[str]] = frozenset()  # dimensions with no exact factor between

    def related_dimensions(self, a: str, b: str) -> bool:
        return any(a in group and b in group for group in self.related)

    def lookup(self, raw: str) -> Unit | None:
        """The unit written ``raw`` (a multiplier plus a known unit resolves too)."""
        if raw in self.units:
            return self.units[raw]
        for word in sorted(self.multipliers, key=len, reverse=True):
            rest = raw[len(word) :]
            if raw.startswith(word) and rest in self.units:
                base = self.units[rest]
                return Unit(raw, base.dimension, base.canonical, base.factor * self.multipliers[word])
        return None


@cache
def unit_table() -> UnitTable:
    data = load_yaml("units.yaml")
    units = {
        raw: Unit(raw, spec["dimension"], spec["canonical"], parse_factor(str(spec["factor"])))
        for raw, spec in data["units"].items()
    }
    multipliers = {word: parse_factor(str(f)) for word, f in data["multipliers"].items()}
    alternatives = sorted(units, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(u) for u in alternatives))
    related = frozenset(frozenset(group) for group in data.get("related") or ())
    return UnitTable(units, multipliers, pattern, related)


def conversion_factor(from_unit: str, to_unit: str) -> Fraction | None:
    """Exact factor from ``from_unit`` to ``to_unit`` (units.yaml), None when not convertible."""
    table = unit_table()
    source, target = table.lookup(from_unit), table.lookup(to_unit)
    if source is None or target is None or source.dimension != target.dimension:
        return None
    return source.factor / target.factor
