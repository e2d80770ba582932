"""Which metric a label names: the one alias matcher of govperf.

The extractor maps each label it reads with the builtin aliases of metrics.yaml
(``builtin_matcher``, through govperf.extract.metrics); ``govperf alias add|apply`` and every
import once a user alias exists re-map stored labels with the aliases of the database
(builtin and user, govperf.db.aliases).  Both ask an ``AliasMatcher``, so a label maps to the
same metric whichever way it comes.  The rule:

- a label that is one of a metric's ``whole`` labels (经济 → gdp) names that metric, unless
  it is an alias itself;
- else, of the aliases the label contains, the longest wins, unless an exclusion phrase of its
  metric is in the label, or the words after it make the label name something else
  (``alias_tail_stop`` of cues.yaml: …等7类任务, …完成率);
- a tie of length goes to a user's alias, then to the alias written first in the label, then to
  the alias listed first (metrics.yaml's order; a user's aliases after the builtin ones).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from govperf.data import load_yaml


@dataclass(frozen=True)
class Alias:
    """An alias of a metric; ``user``: added by ``govperf alias add`` (wins a tie of length)."""

    text: str
    metric: str
    user: bool = False


@dataclass(frozen=True)
class Match:
    """The metric a label names, the alias that names it (None for a whole label) and where."""

    metric: str
    alias: str | None
    position: int


class AliasMatcher:
    """Maps labels to metric codes by a table of aliases (see the module docstring for the rule).

    The aliases are indexed by their first character, so a label is read once instead of being
    searched for every alias.
    """

    def __init__(
        self,
        aliases: Iterable[Alias],
        exclusions: Mapping[str, Iterable[str]],
        tail_stop: Iterable[str],
        whole: Mapping[str, str] | None = None,
    ) -> None:
        listed = list(aliases)
        # most specific (longest) first; ties keep the given order
        ranked = sorted(enumerate(listed), key=lambda pair: -len(pair[1].text))
        heads: dict[str, list[str]] = {}
        ranks: dict[str, list[tuple[int, Alias]]] = {}
        for rank, (_, alias) in enumerate(ranked):
            if not alias.text:
                continue
            if alias.text not in ranks:
                heads.setdefault(alias.text[:1], []).append(alias.text)
            ranks.setdefault(alias.text, []).append((rank, alias))
        self._heads = {k: tuple(v) for k, v in heads.items()}
        # any alias, anywhere: most labels hold none, and one search says so
        texts = sorted(ranks, key=len, reverse=True)
        self._any = re.compile("|".join(map(re.escape, texts))) if texts else None
        self._ranks = {k: tuple(v) for k, v in ranks.items()}
        self._exclusions = {code: tuple(words) for code, words in exclusions.items()}
        self._tail_stop = tuple(tail_stop)
        self._whole = dict(whole or {})

    def metric_of(self, label: str) -> str | None:
        """The metric code ``label`` names, or None."""
        found = self.match(label)
        return found.metric if found else None

    def match(self, label: str) -> Match | None:
        """The best alias of ``label`` (see the module docstring), or None."""
        if not label:
            return None
        whole = self._whole.get(label)
        if whole is not None and label not in self._ranks:  # an alias itself is matched as one
            return Match(whole, None, 0)
        if self._any is None or self._any.search(label) is None:
            return None  # no alias occurs in it
        first: dict[str, int] = {}  # alias → where it first occurs in the label
        for i, ch in enumerate(label):
            for text in self._heads.get(ch, ()):
                if text not in first and label.startswith(text, i):
                    first[text] = i
        if not first:
            return None
        found = sorted((rank, alias) for text in first for rank, alias in self._ranks[text])
        best: tuple[tuple[int, bool, int], Alias] | None = None
        for _, alias in found:  # longest first
            if best is not None and len(alias.text) < best[0][0]:
                break
            pos = first[alias.text]
            if self._excluded(label, alias.metric) or self._about_something_else(
                label[pos + len(alias.text) :]
            ):
                continue
            key = (len(alias.text), alias.user, -pos)
            if best is None or key > best[0]:
                best = (key, alias)
        if best is None:
            return None
        return Match(best[1].metric, best[1].text, -best[0][2])

    def _excluded(self, label: str, metric: str) -> bool:
        return any(word in label for word in self._exclusions.get(metric, ()))

    def _about_something_else(self, tail: str) -> bool:
        """True when the words after an alias make the label name something else (…等7类任务)."""
        return any(word in tail for word in self._tail_stop)


def tail_stop_words() -> tuple[str, ...]:
    """cues.yaml's ``alias_tail_stop``: words after an alias that make a label name something else."""
    return tuple(load_yaml("cues.yaml")["alias_tail_stop"])


def whole_labels() -> dict[str, str]:
    """Whole label → metric code (经济 → gdp): too general to match inside a longer label."""
    return {label: m["code"] for m in load_yaml("metrics.yaml")["metrics"] for label in m.get("whole") or ()}


def builtin_aliases() -> list[Alias]:
    """metrics.yaml's aliases, in its order."""
    return [
        Alias(text, m["code"])
        for m in load_yaml("metrics.yaml")["metrics"]
        for text in m.get("aliases") or ()
    ]


def builtin_exclusions() -> dict[str, tuple[str, ...]]:
    """Metric code → the phrases that keep a label off it (metrics.yaml's ``exclude``)."""
    return {m["code"]: tuple(m.get("exclude") or ()) for m in load_yaml("metrics.yaml")["metrics"]}


@cache
def builtin_matcher() -> AliasMatcher:
    """The matcher of metrics.yaml's aliases, exclusions and whole labels (the extractor's)."""
    return AliasMatcher(builtin_aliases(), builtin_exclusions(), tail_stop_words(), whole_labels())
