"""Every gold `evidence` string of ../shared/gold/ through extract(): values computed here.

Skips when the shared folder is absent.  At least 95% of the evidence strings must yield the
gold value, measure and sign, and no evidence string may yield a canonical metric that the
gold of its part does not hold.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from govperf.extract import extract

GOLD = Path(__file__).resolve().parents[2].parent / "shared" / "gold"


def _gold_observations() -> list[tuple[str, dict[str, Any], set[str]]]:
    found: list[tuple[str, dict[str, Any], set[str]]] = []
    for path in sorted(GOLD.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for doc in data["documents"]:
            codes = {o["metric_code"] for o in doc["observations"]}
            found.extend((path.stem, obs, codes) for obs in doc["observations"])
    return found


@pytest.mark.skipif(not GOLD.is_dir(), reason="../shared/gold is not present")
def test_gold_evidence_yields_gold_values() -> None:
    cases = _gold_observations()
    assert cases, "no gold observations found"
    hits = 0
    failures: list[tuple[str, str, str, float]] = []
    foreign: list[tuple[str, str, str]] = []
    for stem, gold, codes in cases:
        found = extract(gold["evidence"])
        value = float(gold["value"])
        if any(
            o.measure == gold["measure"] and abs(float(o.value) - value) <= 1e-6 * max(1.0, abs(value))
            for o in found
        ):
            hits += 1
        else:
            failures.append((stem, gold["evidence"], gold["measure"], value))
        foreign.extend(
            (stem, gold["evidence"], o.metric_code)
            for o in found
            if o.metric_code and o.metric_code not in codes
        )
    assert hits / len(cases) >= 0.95, f"{hits}/{len(cases)}; failures: {failures}"
    assert not foreign, f"metrics absent from the gold part: {foreign}"
