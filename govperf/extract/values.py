"""Exact unit conversion: a number as written → the value in the unit it is reported in."""

from __future__ import annotations

from decimal import Context, Decimal
from fractions import Fraction
from functools import lru_cache

from govperf.data.units import Unit, unit_table
from govperf.extract.item import Item
from govperf.extract.metrics import metric
from govperf.extract.numbers import NumberToken

_DIVISION = Context(prec=28)
_EXACT = 10**28  # integers below this fit the division's 28 digits


def to_decimal(value: Fraction) -> Decimal:
    """``value`` as a Decimal: exact when it has a finite decimal expansion, else 28 digits."""
    return _decimal(value.numerator, value.denominator)


@lru_cache(maxsize=4096)
def _decimal(numerator: int, denominator: int) -> Decimal:
    """``to_decimal`` of numerator / denominator (in lowest terms), worked out once per value."""
    if denominator == 1 and -_EXACT < numerator < _EXACT:
        return Decimal(numerator)  # what the division gives: exact, exponent 0
    places = _decimal_places(denominator)
    if places is not None:
        digits = numerator * 10**places // denominator  # exact: the denominator divides 10**places
        if -_EXACT < digits < _EXACT:
            # what the division gives for an exact quotient: the fewest places that hold it
            return Decimal(digits).scaleb(-places, _DIVISION)
    return _DIVISION.divide(Decimal(numerator), Decimal(denominator))


def _decimal_places(denominator: int) -> int | None:
    """The fewest decimal places that hold ``1 / denominator`` exactly (its factors are only 2
    and 5), else None."""
    twos = (denominator & -denominator).bit_length() - 1
    rest, fives = denominator >> twos, 0
    while rest % 5 == 0:
        rest //= 5
        fives += 1
    return max(twos, fives) if rest == 1 else None


@lru_cache(maxsize=1024)
def unit_of(name: str) -> Unit | None:
    return unit_table().lookup(name)


def compatible(token: NumberToken, target_unit: str) -> bool:
    """True when ``token`` can be expressed in ``target_unit`` (same dimension or no unit)."""
    if not token.unit_text:
        return True
    target = unit_of(target_unit)
    return token.unit is not None and target is not None and token.unit.dimension == target.dimension


def related(token: NumberToken, target_unit: str) -> bool:
    """True when ``token``'s unit measures what ``target_unit`` does with no exact factor
    (亿美元 for a metric kept in 亿元): the value keeps the metric and its own unit."""
    target = unit_of(target_unit)
    return (
        token.unit is not None
        and target is not None
        and unit_table().related_dimensions(token.unit.dimension, target.dimension)
    )


def convert(token: NumberToken, value: Fraction, target_unit: str) -> Fraction:
    """``value`` (as written with ``token``'s unit) in ``target_unit``; both must be compatible."""
    target = unit_of(target_unit)
    multiplier = unit_table().multipliers.get(token.multiplier, Fraction(1))
    if token.unit is not None and target is not None and token.unit.dimension == target.dimension:
        return _scaled(value, token.unit, target)
    if not token.unit_text and token.multiplier and target is not None:
        # number+万 taking the metric's unit (163.8万 → 万人, 11.1万 → 条)
        return value * multiplier / _leading_multiplier(target_unit)
    return value * multiplier


def _scaled(value: Fraction, unit: Unit, target: Unit) -> Fraction:
    """``value * unit.factor / target.factor``: one multiplication by the ratio, found once per
    pair of units, none when it is 1 (a value already in its canonical unit)."""
    ratio = _ratio(unit.raw, target.raw)
    return value if ratio == 1 else value * ratio


@lru_cache(maxsize=1024)
def _ratio(unit: str, target: str) -> Fraction:
    source, goal = unit_of(unit), unit_of(target)
    assert source is not None and goal is not None  # both read from the unit table
    return source.factor / goal.factor


def _leading_multiplier(unit: str) -> Fraction:
    multipliers = unit_table().multipliers
    for word in sorted(multipliers, key=len, reverse=True):
        if unit.startswith(word) and unit[len(word) :] in unit_table().units:
            return multipliers[word]
    return Fraction(1)


@lru_cache(maxsize=1024)
def _to_canonical(raw: str) -> tuple[bool, Fraction | None]:
    """(whether unit ``raw`` converts into the unit table's canonical unit for it, the factor that
    does it or None when it is 1): worked out once per unit."""
    unit = unit_of(raw)
    assert unit is not None  # a token's unit, read from the unit table
    canonical = unit_of(unit.canonical)
    if canonical is None or canonical.dimension != unit.dimension:
        return False, None
    ratio = _ratio(unit.raw, canonical.raw)
    return True, (None if ratio == 1 else ratio)


def unmapped_value(token: NumberToken, value: Fraction) -> tuple[Fraction, str]:
    """(value, unit) of a number with no metric: the unit table's canonical unit when known."""
    if token.unit is not None:
        convertible, ratio = _to_canonical(token.unit.raw)
        if convertible:
            return (value if ratio is None else value * ratio), token.unit.canonical
        return value, token.raw_unit
    if not token.unit_text:
        multiplier = unit_table().multipliers.get(token.multiplier, Fraction(1))
        return value * multiplier, ""
    return value, token.raw_unit


def observed_values(
    item: Item, code: str | None, text: str
) -> tuple[Fraction, Fraction | None, Fraction, str, str]:
    """(value, value_max, raw_value, raw_unit, unit) of ``item`` read as metric ``code``."""
    if item.rank is not None:
        rank = Fraction(item.rank.value)
        written = text[item.start : item.end]
        raw_unit = written[-1] if written.endswith(("位", "名")) else ""
        return rank, None, rank, raw_unit, ""
    token = item.token
    assert token is not None
    sign = item.sign
    raw_max = token.value_max
    if item.measure in ("change_pct", "progress_pct", "change_pp"):
        unit = "%" if item.measure != "change_pp" else "个百分点"
        vmax = _signed(sign, raw_max) if raw_max is not None else None
        return _signed(sign, token.value), vmax, token.value, token.raw_unit, unit
    if code is not None and not compatible(token, metric(code).unit):
        # 亿美元 for a metric in 亿元: no exact factor, so the unit's own canonical unit
        value, target = unmapped_value(token, token.value)
        vmax = unmapped_value(token, raw_max)[0] if raw_max is not None else None
    elif code is not None:
        target = metric(code).unit
        value = convert(token, token.value, target)
        vmax = convert(token, raw_max, target) if raw_max is not None else None
    else:
        value, unit = unmapped_value(token, token.value)
        vmax = unmapped_value(token, raw_max)[0] if raw_max is not None else None
        target = unit
    signed_max = _signed(sign, vmax) if vmax is not None else None
    return _signed(sign, value), signed_max, token.value, token.raw_unit, target


def _signed(sign: int, value: Fraction) -> Fraction:
    """``sign * value`` without Fraction arithmetic for the usual signs (1, -1)."""
    if sign == 1:
        return value
    return -value if sign == -1 else sign * value
