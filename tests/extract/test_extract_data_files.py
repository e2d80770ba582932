"""Shape of the extractor's data files (units.yaml, cues.yaml, script.yaml, metrics.yaml)."""

from __future__ import annotations

import re
from fractions import Fraction

from govperf.data import load_yaml
from govperf.data.units import parse_factor, unit_table
from govperf.extract.resources import cues, metric_table


def test_units_yaml_shape() -> None:
    data = load_yaml("units.yaml")
    assert set(data) == {"dimensions", "multipliers", "units", "related"}
    dimensions = data["dimensions"]
    for group in data["related"]:
        assert len(group) >= 2 and set(group) <= set(dimensions), group
    for raw, spec in data["units"].items():
        assert set(spec) == {"dimension", "canonical", "factor"}, raw
        assert spec["dimension"] in dimensions, raw
        assert parse_factor(str(spec["factor"])) > 0, raw
        canonical = data["units"].get(spec["canonical"])
        assert canonical is not None, f"{raw}: canonical {spec['canonical']} is not a unit"
        assert canonical["dimension"] == spec["dimension"], raw
    for base in dimensions.values():
        assert parse_factor(str(data["units"][base]["factor"])) == 1, base
    for word, factor in data["multipliers"].items():
        assert parse_factor(str(factor)) >= 10, word


def test_units_conversions_named_in_design_are_exact() -> None:
    table = unit_table()

    def ratio(a: str, b: str) -> Fraction:
        ua, ub = table.lookup(a), table.lookup(b)
        assert ua is not None and ub is not None and ua.dimension == ub.dimension
        return ua.factor / ub.factor

    assert ratio("亩", "公顷") == Fraction(1, 15)
    assert ratio("平方公里", "公顷") == 100
    assert ratio("亿立方米", "万立方米") == 10000
    assert ratio("万条", "条") == 10000
    assert ratio("万吨标准煤", "吨标准煤") == 10000


def test_cues_yaml_shape() -> None:
    data = load_yaml("cues.yaml")
    for key in ("comparators", "change_words", "estimate_words", "target_words", "rank_patterns"):
        assert data[key], key
    assert set(data["comparators"]) == {"before", "after"}
    for side in data["comparators"].values():
        assert set(side) <= {"approx", "max", "min"}
    assert set(data["change_words"]) == {"negative", "positive", "better"}
    for key in ("rank_patterns", "progress_patterns", "period_patterns"):
        for pattern in data[key]:
            re.compile(pattern)
    assert all("n" in p or "first" in p for p in data["rank_patterns"])
    loaded = cues()
    assert loaded.clause_delimiters >= loaded.sentence_delimiters


def test_script_yaml_shape() -> None:
    data = load_yaml("script.yaml")
    assert 0 < float(data["min_traditional_share"]) < 1
    assert all(isinstance(p, str) and p for p in data["keep_phrases"])


def test_metrics_yaml_aliases_and_units() -> None:
    codes = [m.code for m in metric_table()]
    assert len(codes) == len(set(codes))
    for metric in metric_table():
        assert metric.aliases, metric.code
        assert unit_table().lookup(metric.unit) is not None, (
            f"{metric.code}: unit {metric.unit} not in units.yaml"
        )
        assert not set(metric.aliases) & set(metric.exclude), metric.code
        assert metric.better in ("higher", "lower", None), metric.code
