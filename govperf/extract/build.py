"""Building observations from the numbers a SentenceReader has read: kind, year, period, notes,
region and values (a mixin of govperf.extract.engine.SentenceReader)."""

from __future__ import annotations

from dataclasses import replace

from govperf.extract.cues import comparator_word, first_word
from govperf.extract.goals import goal_at
from govperf.extract.item import Item
from govperf.extract.labels import clean_label
from govperf.extract.metrics import about_part_of_region, breakdown_of, map_label, metric, shared_labels
from govperf.extract.periods import Period
from govperf.extract.resources import cues
from govperf.extract.scopes import scope_region
from govperf.extract.types import NOTE_CUMULATIVE, NOTE_RANK_OF_CHANGE, ExtractContext, Observation
from govperf.extract.values import observed_values, related, to_decimal
from govperf.text.normalize import NormalizedText


class ObservationBuilder:
    """Turns read items into observations; the reader provides the state declared here."""

    text: str
    ctx: ExtractContext
    norm: NormalizedText
    offset: int
    shift: int
    periods: list[Period]
    estimate_at: int | None
    estimate_until: int
    breakdown: bool
    multi_year_at: int | None
    goals: list[tuple[int, int]]
    past_year: int | None
    _snippet: str | None = None
    _head_end: int | None = -1  # end of the sentence's first target head: -1 not searched, None none
    _target_words: bool | None = None  # whether the sentence holds a target word: None not searched

    def clause_start(self, pos: int) -> int:
        raise NotImplementedError

    def clause_end(self, pos: int) -> int:
        raise NotImplementedError

    def _compatible(self, item: Item, code: str) -> bool:
        raise NotImplementedError

    def _estimate_scope(self) -> int:
        """Where the 预计 of this sentence stops: the sentence end when it opens the sentence
        (预计全年…; 20xx年预计…), else the end of its ;-separated part."""
        at = self.estimate_at
        if at is None:
            return -1
        head = clean_label(self.text[:at])
        if not head:
            return len(self.text)
        end = self.text.find(";", at)
        return end if end >= 0 else len(self.text)

    def _multi_year_at(self) -> int | None:
        """Where a phrase about several years (五年来, “十四五”时期) starts in the sentence."""
        quotes = '“”"'
        plain = self.text.replace("“", "").replace("”", "").replace('"', "")
        at = first_word(plain, cues().multi_year_pattern)
        if at is None or len(plain) == len(self.text):
            return at
        kept = 0
        for i, ch in enumerate(self.text):  # the position in the text, quotes counted
            if ch not in quotes:
                if kept == at:
                    return i
                kept += 1
        return None

    def _multi_year(self, item: Item) -> bool:
        """True for a number after a phrase about several years (预计2012年…X, 是2007年的2倍,
        五年累计…Y: Y only)."""
        return self.multi_year_at is not None and item.start > self.multi_year_at

    def _goal_year(self, item: Item) -> int | None:
        """The later year a goal is set for (到2030年, 十五五时期; a plan section), if any."""
        named = goal_at(self.goals, item.start) if self.goals else None
        if named is not None or self._multi_year(item):
            return named  # 过去五年…: a review of the plan before, even in a plan's section
        return self.ctx.plan_year

    def _kind(self, item: Item, goal_year: int | None) -> str:
        """``goal_year``: what _goal_year gives for ``item``."""
        if goal_year is not None and not item.gap:
            return "target"
        if self.estimate_at is not None and self.estimate_at < item.start < self.estimate_until:
            return "estimate"
        if item.kind == "target" or item.target_ref:
            return "target"
        if self.past_year is not None:
            return "actual"  # 2021年,…: figures of a year gone by
        if not item.progress and not item.gap:
            if self._target_word_in_clause(item):
                return "target"
            if self._target_head_before(item.start):
                return "target"
        return self.ctx.kind or "actual"

    def _target_word_in_clause(self, item: Item) -> bool:
        """A target word (力争, 目标 …; plain words) in the clause of ``item``: none when the
        sentence holds none, which is searched once."""
        if self._target_words is None:
            self._target_words = cues().target_words_pattern.search(self.text) is not None
        if not self._target_words:
            return False
        found = first_word(self.text, cues().target_words_pattern, item.clause_start, item.clause_end)
        return found is not None

    def _target_head_before(self, pos: int) -> bool:
        """A target head (目标是, 目标为 …) wholly before ``pos``: the sentence searched once; the
        search up to ``pos`` only when its first head ends after ``pos``."""
        if self._head_end == -1:
            m = cues().target_heads_pattern.search(self.text)
            self._head_end = m.end() if m else None
        if self._head_end is None:
            return False  # none in the sentence, so none before pos
        if self._head_end <= pos:
            return True
        return first_word(self.text, cues().target_heads_pattern, 0, pos) is not None

    def _period(self, item: Item) -> tuple[str | None, Period | None]:
        """The last period phrase before the number; 累计 inside 截至11月底 keeps 截至11月底.

        A target that a share or a comparison refers to (…预算支出120亿元的; 3%的年度目标)
        is the annual target: no period."""
        if item.target_ref or item.kind == "target":
            return None, None
        if not self.periods:
            return self.ctx.period_label, None
        before = [p for p in self.periods if p.start < item.start]
        if len(before) >= 2 and before[-1].label == "累计":
            before.pop()
        if before:
            return before[-1].label, before[-1]
        return self.ctx.period_label, None

    def _emit(self, item: Item, read: list[Item]) -> list[Observation]:
        if item.rank is not None and item.zone is not None and item.zone.all_items and not item.own:
            labels = list(dict.fromkeys(it.label for it in read if it.start < item.start and it.label))
            found = [self._observation(replace(item, label=label)) for label in labels or [item.label]]
            return [obs for obs in found if obs is not None]
        if item.measure in ("change_pct", "change_pp") and item.breakdown is None:
            shared = shared_labels(item.label)  # A、B增长4%: the change of each
            if shared:
                found = [self._observation(replace(item, label=label)) for label in shared]
                return [obs for obs in found if obs is not None]
        total = self._total(item, read)
        obs = self._observation(replace(item, metric=total) if total else item)
        return [obs] if obs is not None else []

    def _total(self, item: Item, read: list[Item]) -> str | None:
        """财政收入X亿元,其中一般公共预算收入Y亿元: the general word names the total of its parts."""
        total = cues().total_words.get(item.label)
        if total is None:
            return None
        code, parts = total
        named = (it for it in read if it.label != item.label and it.start > item.start)
        return code if any(map_label(it.label) in parts for it in named) else None

    def _notes(self, item: Item, goal_year: int | None) -> tuple[str, ...]:
        """Why a number, whatever its label, is not a value of a metric for this period
        (``goal_year``: what _goal_year gives for ``item``)."""
        found = []
        if item.gap:
            found.append("gap to a target or another region")
        if about_part_of_region(item.label):
            found.append("value of a part of the region")
        if item.zone is not None and item.zone.not_current:
            found.append("value of another period")
        if item.zone is not None and item.zone.yearly_average and goal_year is None:
            found.append("average over several years")
        if self.breakdown:
            found.append("part of a breakdown")
        if self._multi_year(item) and goal_year is None:
            found.append("several years")
        return tuple(found)

    def _observation(self, item: Item) -> Observation | None:
        goal_year = self._goal_year(item)
        notes = self._notes(item, goal_year)
        code = None if notes else item.metric or map_label(item.label)
        if code is not None and not self._compatible(item, code):
            if item.token is not None and related(item.token, metric(code).unit):
                notes = ("unit not convertible into the metric's unit",)
            else:
                code, notes = None, ("unit does not fit the metric",)
        if item.token is not None and not item.token.raw_unit and (code is None or not self._bare_ok(item)):
            return None
        value, value_max, raw_value, raw_unit, unit = observed_values(item, code, self.text)
        period_label, period = self._period(item)
        if code is not None:
            notes += remarks(item, period_label)
        kind = self._kind(item, goal_year)
        year = goal_year or self.past_year or self._named_year(kind, item.start)
        year = year or self.ctx.value_year or self.ctx.year
        start, end = self.norm.orig_span(self.offset + item.start, self.offset + item.end)
        dates = period.dates(year) if period else (None, None)
        decimal_value = to_decimal(value)
        label = item.label if item.label.endswith(item.rank_of) else item.label + item.rank_of
        value_max_decimal = to_decimal(value_max) if value_max is not None else None
        # positional, in the order of Observation's fields: one is built for every value of a
        # text, and keywords cost more than the rest of the call
        return Observation(
            label,
            code,  # metric_code
            item.measure,
            kind,
            item.comparator,
            decimal_value,  # value
            value_max_decimal,
            unit,
            decimal_value if raw_value is value else to_decimal(raw_value),  # raw_value: often the same
            raw_unit,
            start + self.shift,  # span_start
            end + self.shift,  # span_end
            self.snippet,
            period_label,
            dates[0],  # period_start
            dates[1],  # period_end
            self._region(item),  # district_code
            year,
            notes,
            item.breakdown or breakdown_of(item.label),
        )

    def _named_year(self, kind: str, pos: int) -> int | None:
        """A target after the document's own year (or 今年) in a text about the year before (a
        headline '2031年某省生产总值预期增长6%' over a review): a target of that year."""
        year = self.ctx.year
        if kind != "target" or not self.ctx.value_year or not year:
            return None
        head = self.text[:pos]
        return year if f"{year}年" in head or "今年" in head else None

    @property
    def snippet(self) -> str:
        """The original text of the sentence, stripped (one per sentence, shared by its values)."""
        if self._snippet is None:
            s_start, s_end = self.norm.orig_span(self.offset, self.offset + len(self.text))
            self._snippet = self.norm.original[s_start:s_end].strip()
        return self._snippet

    def _region(self, item: Item) -> str | None:
        """The region the value describes: one its label names (全市…), else the caller's."""
        if item.region is not None:
            named = scope_region(item.region, self.ctx.document_district)
            if named is not None and named != self.ctx.document_district:
                return named
        return self.ctx.district_code

    def _bare_ok(self, item: Item) -> bool:
        """A number with no unit counts only when nothing but a delimiter or 左右/以上 follows."""
        rest = self.text[item.end :].lstrip(" ")
        if not rest or rest[0] in cues().clause_delimiters:
            return True
        return comparator_word(rest) is not None


def remarks(item: Item, period_label: str | None) -> tuple[str, ...]:
    """Notes that keep the metric but say what the value is not: a rank of a change (增速居全省
    第三), a cumulative figure (累计…).  Comparisons of levels and annual figures leave them out."""
    found = []
    if item.rank_of:
        found.append(NOTE_RANK_OF_CHANGE)
    if period_label == "累计":
        found.append(NOTE_CUMULATIVE)
    return tuple(found)
