"""Mapping a label (the metric phrase of the text) to a canonical metric of metrics.yaml.

The matching itself is govperf.data.aliasmatch, shared with the re-mapping of stored labels by
user aliases (govperf.db.aliases); this module adds what only reading text needs (breakdowns,
labels spread over several values)."""

from __future__ import annotations

from functools import cache, lru_cache

from govperf.data.aliasmatch import builtin_matcher
from govperf.extract.resources import Metric, cues, metric_table, metrics_by_code


@cache
def _aliases() -> tuple[tuple[str, Metric], ...]:
    """(alias, metric), most specific (longest) first; ties keep the table's order."""
    pairs = [(alias, metric) for metric in metric_table() for alias in metric.aliases]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def map_label(label: str) -> str | None:
    """Metric code of ``label``: the longest alias it contains whose exclude list it avoids and
    whose following words do not make the label name something else (govperf.data.aliasmatch).

    Among aliases of the same length, the one written first in the label wins.
    """
    found = _match(label)
    return found[0] if found else None


@lru_cache(maxsize=8192)
def breakdown_of(label: str) -> str:
    """'urban' / 'rural' when ``label`` is about one population (城镇居民…, 农村|生活污水治理率),
    else 'total'.  A prefix word counts only before the metric's alias, never inside it."""
    if not label:
        return "total"
    c = cues()
    if any(word in label for word in c.urban_rural_words):
        return "total"
    for word, breakdown in c.breakdown_words:
        if word in label:
            return breakdown
    found = _match(label)
    head = label[: found[1]] if found else label
    if found:
        for word, breakdown in c.breakdown_prefixes:
            if word in head:
                return breakdown
    return "total"


@lru_cache(maxsize=8192)
def about_part_of_region(label: str) -> bool:
    """True when the words before the metric's alias name a part of the region (…新城地区生产总值)."""
    found = _match(label)
    if not found or found[1] == 0:
        return False
    head = label[: found[1]]
    return any(word in head for word in cues().part_region_words)


def urban_rural(label: str) -> bool:
    """True when ``label`` names urban and rural residents together (城乡居民人均可支配收入)."""
    return any(word in label for word in cues().urban_rural_words)


@lru_cache(maxsize=8192)
def _match(label: str) -> tuple[str, int] | None:
    """(metric code, position of its alias in ``label``) of the best alias, or None: the one
    matcher (govperf.data.aliasmatch) with the builtin aliases."""
    found = builtin_matcher().match(label)
    return (found.metric, found.position) if found else None


def metric(code: str) -> Metric:
    return metrics_by_code()[code]


@cache
def _aliases_ending() -> dict[str, tuple[tuple[str, Metric], ...]]:
    """``_aliases()`` grouped by their last character, in its order."""
    groups: dict[str, list[tuple[str, Metric]]] = {}
    for alias, m in _aliases():
        groups.setdefault(alias[-1], []).append((alias, m))
    return {k: tuple(v) for k, v in groups.items()}


def spread_over_items(label: str, sentence: str, count: int) -> list[str] | None:
    """Labels for ``count`` values written 分别 after a shared label.

    "食品药品抽检合格率分别达到98.1%和99.2%": the longest tail of the label shared by aliases
    (抽检合格率 → 食品抽检合格率, 药品抽检合格率) whose distinguishing heads occur in the
    sentence, in the order those heads are written.
    """
    if not label or count < 2:
        return None
    for size in range(len(label), 1, -1):
        tail = label[-size:]
        found: dict[str, tuple[int, str]] = {}
        for alias, m in _aliases_ending().get(tail[-1], ()):
            head = alias[: -len(tail)]
            if not alias.endswith(tail) or not head or m.code in found:
                continue
            pos = sentence.find(head)
            if pos >= 0:
                found[m.code] = (pos, alias)
        ordered = sorted(found.values())
        between = sentence[ordered[0][0] : ordered[-1][0]] if ordered else ""
        apart = any(ch in cues().clause_delimiters for ch in between)  # heads of one phrase only
        if len(found) == count and len({pos for pos, _ in ordered}) == count and not apart:
            return [alias for _, alias in ordered]
    return None


def _complete(part: str, model: str) -> str:
    """地均 with model 劳均产出率 → 地均产出率; 支出 with model 一般公共预算收入 → 一般公共预算支出."""
    if map_label(part) is not None or len(part) >= len(model):
        return part
    for candidate in (part + model[len(part) :], model[: len(model) - len(part)] + part):
        if map_label(candidate) is not None:
            return candidate
    return part


def split_compound(label: str, count: int) -> list[str] | None:
    """ "一般公共预算收入及支出" with two values → 一般公共预算收入, 一般公共预算支出."""
    for joiner in ("及", "和", "与", "、", "/"):
        parts = [p for p in label.split(joiner) if p]
        if len(parts) != count or count < 2:
            continue
        model = max(parts, key=len)
        out = [_complete(p, model) for p in parts]
        codes = [(map_label(p), breakdown_of(p)) for p in out]
        if all(code for code, _ in codes) and len(set(codes)) == count:
            return out
    parts = [p for p in label.split("、") if p]
    if count >= 2 and len(parts) == count and all(map_label(p) is None and len(p) >= 2 for p in parts):
        return parts  # 茶叶、蚕茧分别增长3%、4%: labels with no metric, in order
    return None


@lru_cache(maxsize=4096)
def shared_labels(label: str) -> tuple[str, ...]:
    """The metrics of a label that lists several (投资、出口): one label each,
    in order, when every part names a different metric; else ()."""
    joiners = cues().shared_value_joiners
    if not any(ch in label for ch in joiners):
        return ()
    parts = [label]
    for joiner in joiners:
        parts = [piece for part in parts for piece in part.split(joiner) if piece]
    if len(parts) < 2:
        return ()
    keys = [(map_label(p), breakdown_of(p)) for p in parts]
    if any(code is None for code, _ in keys) or len(set(keys)) != len(parts):
        return ()
    return tuple(parts)
