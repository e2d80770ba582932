"""Helpers for the extraction tables: compare observations with expected field subsets."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from govperf.extract import ExtractContext, Observation, extract

Checker = Callable[..., list[Observation]]


def _same(field: str, want: Any, got: Any) -> bool:
    if field in ("value", "value_max", "raw_value") and want is not None:
        return got is not None and Decimal(str(want)) == got
    return bool(want == got)


def check_observations(
    sentence: str,
    expected: list[dict[str, Any]],
    context: ExtractContext | None = None,
    *,
    exact: bool = True,
) -> list[Observation]:
    """Extract ``sentence`` and compare, in order, with ``expected`` (dicts of fields).

    ``exact``: the number of observations must equal ``len(expected)``; otherwise every
    expected observation must be found among the extracted ones.
    """
    found = extract(sentence, context=context)
    shown = [
        {k: getattr(o, k) for k in ("label", "metric_code", "measure", "kind", "comparator", "value", "unit")}
        for o in found
    ]
    if exact:
        assert len(found) == len(expected), f"{sentence!r}: got {shown}"
        for want, got in zip(expected, found, strict=True):
            bad = {k: getattr(got, k) for k, v in want.items() if not _same(k, v, getattr(got, k))}
            assert not bad, f"{sentence!r}: {want} ≠ {bad} in {shown}"
        return found
    for want in expected:
        assert any(all(_same(k, v, getattr(o, k)) for k, v in want.items()) for o in found), (
            f"{sentence!r}: {want} not in {shown}"
        )
    return found


@pytest.fixture
def check() -> Checker:
    return check_observations
