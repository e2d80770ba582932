"""Mapping a label (the metric phrase of the text) to a canonical metric of metrics.yaml."""

from __future__ import annotations

from functools import cache

from govperf.extract.resources import Metric, metric_table, metrics_by_code


@cache
def _aliases() -> tuple[tuple[str, Metric], ...]:
    """(alias, metric), most specific (longest) first; ties keep the table's order."""
    pairs = [(alias, metric) for metric in metric_table() for alias in metric.aliases]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def _excluded(label: str, metric: Metric) -> bool:
    return any(word in label for word in metric.exclude)


def map_label(label: str) -> str | None:
    """Metric code of ``label``: the longest alias it contains whose exclude list it avoids.

    Among aliases of the same length, the one written first in the label wins.
    """
    if not label:
        return None
    best: tuple[int, int, str] | None = None
    for alias, metric in _aliases():
        if best is not None and len(alias) < best[0]:
            break
        pos = label.find(alias)
        if pos < 0 or _excluded(label, metric):
            continue
        candidate = (len(alias), -pos, metric.code)
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    return best[2] if best else None


def metric(code: str) -> Metric:
    return metrics_by_code()[code]


def spread_over_items(label: str, sentence: str, count: int) -> list[str] | None:
    """Labels for ``count`` values written 分别 after a shared label.

    "食品药品…抽验合格率分别达到98.9%和99.88%": the aliases that end with the shared label
    (食品抽验合格率, 药品抽验合格率) and whose distinguishing prefix occurs earlier in the
    sentence, in the order those prefixes are written.
    """
    if not label or count < 2:
        return None
    found: dict[str, tuple[int, str]] = {}
    for alias, m in _aliases():
        if not alias.endswith(label) or alias == label:
            continue
        prefix = alias[: -len(label)]
        pos = sentence.find(prefix)
        if pos >= 0 and m.code not in found:
            found[m.code] = (pos, alias)
    if len(found) != count:
        return None
    ordered = sorted(found.values())
    if len({pos for pos, _ in ordered}) != count:
        return None
    return [alias for _, alias in ordered]


def split_compound(label: str, count: int) -> list[str] | None:
    """ "一般公共预算收入及支出" with two values → 一般公共预算收入, 一般公共预算支出."""
    for joiner in ("及", "和", "与", "、", "/"):
        parts = [p for p in label.split(joiner) if p]
        if len(parts) != count or count < 2:
            continue
        head = parts[0]
        out = [head]
        for part in parts[1:]:
            if map_label(part) is None and len(part) < len(head):
                part = head[: len(head) - len(part)] + part
            out.append(part)
        if len({map_label(p) for p in out}) == count:
            return out
    return None
