"""The extraction pipeline: normalise, split into sentences, read every number in context."""

from __future__ import annotations

import itertools
from bisect import bisect_left
from dataclasses import replace

from govperf.extract.build import ObservationBuilder
from govperf.extract.cues import (
    comparator_after,
    comparator_word,
    find_progress,
    find_ranks,
    first_word,
    merge_comparators,
)
from govperf.extract.goals import goal_marks
from govperf.extract.item import Item, may_hold_items, sentences
from govperf.extract.labels import clean_label, names_only_rank_scope, parse_zone, region_of, strip_rank_scope
from govperf.extract.metrics import map_label, metric, split_compound, spread_over_items, urban_rural
from govperf.extract.numbers import scan_numbers
from govperf.extract.periods import Period, find_periods
from govperf.extract.resources import cues
from govperf.extract.types import ExtractContext, Observation
from govperf.extract.values import compatible
from govperf.text.normalize import NormalizedText, normalize


def extract(text: str, *, context: ExtractContext | None = None, offset: int = 0) -> list[Observation]:
    """Every observation in ``text``; spans are offsets into ``text`` itself, plus ``offset``
    (the position of ``text`` in a larger text, so callers need not shift each observation)."""
    return extract_normalized(normalize(text), context=context, offset=offset)


def extract_normalized(
    norm: NormalizedText, *, context: ExtractContext | None = None, offset: int = 0
) -> list[Observation]:
    """``extract`` of text already normalised (a slice of a document's one normalisation, never
    normalised again); spans are offsets into ``norm.original``, plus ``offset``."""
    ctx = context or ExtractContext()
    if ctx.label:
        ctx = replace(ctx, label=clean_label(normalize(ctx.label).text) or None)
    observations: list[Observation] = []
    last_label = ""
    for start, end in sentences(norm.text):
        if not may_hold_items(norm.text, start, end):
            continue  # no number, no rank: nothing to read, and no label to carry
        reader = SentenceReader(norm, start, end, ctx, last_label, shift=offset)
        if not reader.items:
            continue  # last_label would stay as it is
        observations.extend(reader.observations())
        last_label = reader.last_label or last_label
    return observations


def _item_start(item: Item) -> int:
    return item.start


class SentenceReader(ObservationBuilder):
    """Reads the numbers of one sentence, left to right, carrying labels between clauses."""

    def __init__(
        self,
        norm: NormalizedText,
        start: int,
        end: int,
        ctx: ExtractContext,
        previous_label: str = "",
        *,
        shift: int = 0,
    ) -> None:
        self.norm, self.offset, self.ctx, self.shift = norm, start, ctx, shift
        self.previous_label = previous_label  # last label of the sentence before
        self.last_label = ""
        self.text = norm.text[start:end]
        self.periods: list[Period] = []
        self.items = self._items()
        self.starts = [it.start for it in self.items]  # sorted: bisect instead of scans
        # what the sentence says about all its numbers; nothing to say when it has none
        self.cuts: list[int] = []  # clause delimiters
        self.estimate_at: int | None = None
        self.estimate_until = -1
        self.breakdown = False
        self.multi_year_at: int | None = None
        self.goals: list[tuple[int, int]] = []
        self.past_year: int | None = None
        if self.items:
            self._read_sentence(ctx)

    def _read_sentence(self, ctx: ExtractContext) -> None:
        self.cuts = [m.start() for m in cues().clause_split.finditer(self.text)]
        self.estimate_at = first_word(self.text, cues().estimate_pattern)
        self.estimate_until = self._estimate_scope()
        self.breakdown = bool(cues().breakdown_pattern.match(self.text))
        self.multi_year_at = self._multi_year_at()
        self.goals = goal_marks(self.text, ctx.year)
        head = cues().past_year_head.match(self.text)
        self.past_year = (
            int(head.group("y")) if head and ctx.year and int(head.group("y")) < ctx.year else None
        )

    # -- finding the numbers -------------------------------------------------------------
    def _items(self) -> list[Item]:
        ranks = find_ranks(self.text)
        tokens = scan_numbers(self.text)
        if not ranks and not tokens:
            return []  # no periods needed either
        self.periods = find_periods(self.text)
        items = [Item(r.start, r.end, rank=r) for r in ranks]
        spans = [(p.start, p.end) for p in self.periods] + [(r.phrase_start, r.end) for r in ranks]
        if not spans:
            items.extend(Item(token.start, token.end, token=token) for token in tokens)
        for token in tokens if spans else ():
            if not any(a <= token.start < b for a, b in spans):  # not inside a period or rank phrase
                items.append(Item(token.start, token.end, token=token))
        if ranks:
            items.sort(key=_item_start)
        return items

    def clause_start(self, pos: int) -> int:
        at = bisect_left(self.cuts, pos)  # the delimiters before pos: cuts[:at]
        return self.cuts[at - 1] + 1 if at else 0

    def clause_end(self, pos: int) -> int:
        at = bisect_left(self.cuts, pos)
        return self.cuts[at] if at < len(self.cuts) else len(self.text)

    # -- reading each number ---------------------------------------------------------------
    def observations(self) -> list[Observation]:
        previous: Item | None = None
        read: list[Item] = []
        for item in self.items:
            self._read(item, previous, read)
            read.append(item)
            previous = item
        self._spread_lists(read)
        self._mark_progress_bases(read)
        self.last_label = next((it.label for it in reversed(read) if it.label), "")
        out: list[Observation] = []
        for item in read:
            out.extend(self._emit(item, read))
        return out

    def _read(self, item: Item, previous: Item | None, read: list[Item]) -> None:
        """Read one number: its zone (text before it), label, measure and comparator."""
        item.clause_start, item.clause_end = self.clause_start(item.start), self.clause_end(item.end)
        zone_start = item.clause_start  # or where the number before stopped reading, if later
        if previous is not None:
            zone_start = max(zone_start, previous.next_zone_start)
        zone_end = item.rank.phrase_start if item.rank else item.start
        zone_text = self.text[zone_start:zone_end] if zone_end >= zone_start else ""
        if item.rank is not None:
            zone_text = strip_rank_scope(zone_text)  # 增速|全省|排名第五: the scope says where
        item.zone = parse_zone(zone_text)
        item.own = item.zone.label
        if item.rank is not None and names_only_rank_scope(item.own):
            item.own = ""  # 在全市排名第三: the rank of the metric named before it
        item.region = region_of(zone_text) if item.own else (read[-1].region if read else None)
        item.next_zone_start = item.end
        after = self.text[item.end : item.clause_end]
        written_after = comparator_after(after) if item.token is not None else None
        if written_after is not None:  # 6%左右|和8%左右
            stripped = after.lstrip(" ")
            word = comparator_word(stripped)
            assert word is not None  # comparator_after found one
            item.next_zone_start = item.end + len(after) - len(stripped) + len(word)
        self._mark_targets(item, after)
        self._mark_progress(item, zone_start)
        self._resolve_label(item, read)
        if item.rank is not None:  # 增速居全省第三, 增量位居全市第一: the rank of the change
            item.rank_of = item.zone.change_word
        self._measure(item, previous)
        self._comparator(item, written_after)

    def _mark_targets(self, item: Item, after: str) -> None:
        """Gaps to a target or to another region's figure; a target the clause refers to."""
        zone = item.zone
        assert zone is not None
        item.gap = zone.target_gap or zone.compared
        if zone.compared:
            item.own = ""  # 增速高于全市平均水平1.2个百分点: the gap of the metric before
        item.target_ref = zone.target_ref_before and cues().target_ref.match(after) is not None

    def _mark_progress(self, item: Item, zone_start: int) -> None:
        """完成年度任务量的35.76%: a share of the annual target; its metric phrase is inside."""
        if item.token is None or item.token.raw_unit != "%":
            return
        clause_start = item.clause_start
        progress = find_progress(self.text[clause_start : item.start])
        if progress is None:
            return
        item.progress = True
        inner = progress.inner if not any(ch.isdigit() for ch in progress.inner) else ""
        before = self.text[zone_start : clause_start + progress.start]
        item.own = clean_label(before + inner)

    def _topics(self, item: Item) -> list[str]:
        """Clauses of the sentence before ``item`` that hold no number (X方面, 加大…力度),
        nearest first, cleaned."""
        parts: list[str] = []
        pos = 0
        limit = item.clause_start
        while pos < limit:
            end = self.clause_end(pos)
            at = bisect_left(self.starts, pos)
            if at == len(self.starts) or self.starts[at] >= end:
                parts.append(clean_label(self.text[pos:end]))
            pos = end + 1
        return [p for p in reversed(parts) if p]

    def _after_label(self, item: Item) -> str:
        """What a number at the head of its clause counts: 28件|市级建议提案|会办办理.

        The phrase runs to the next number or the end of the clause and stops at 及 / 和 / 、.
        """
        end = item.clause_end
        at = bisect_left(self.starts, item.end)
        if at < len(self.starts):
            end = min(end, self.starts[at])
        text = self.text[item.end : end]
        joiner = cues().after_label_joiner.search(text)
        if joiner:
            text = text[: joiner.start()]
        stripped = text.lstrip(" ")
        word = comparator_word(stripped)
        if word is not None:
            stripped = stripped[len(word) :]
        if stripped.startswith("的") or cues().target_ref.match(stripped):
            return ""
        label = clean_label(stripped)
        if label:
            item.next_zone_start = item.end + len(text)
        return label

    def _fits(self, item: Item, label: str) -> bool:
        code = map_label(label)
        return code is not None and self._compatible(item, code)

    def _compatible(self, item: Item, code: str) -> bool:
        if item.rank is not None or item.progress or item.token is None:
            return True
        if item.token.raw_unit in ("%", "个百分点", "百分点") and item.measure != "level":
            return True
        return compatible(item.token, metric(code).unit)

    def _resolve_label(self, item: Item, read: list[Item]) -> None:
        """The label of the number's own clause; else what the sentence or caller supplies."""
        own = item.own
        carry = read[-1].label if read else ""
        if item.target_ref:
            item.label = carry
            return
        if self._strong(own):
            item.label = own
            return
        counted = self._after_label(item) if item.token is not None else ""
        if counted and (not own or self._fits(item, counted)):
            item.label, item.counted = counted, True
            return
        if not own and (self._strong(carry) or (read and read[-1].counted)):
            item.label = carry  # 共整治150条背街小巷,2000户: the clause before names what follows
            return
        completed = self._completed(own, carry)
        if completed and self._fits(item, completed):
            item.label = completed  # 粮食播种面积…、产量…: 产量 of the 粮食 named before
            return
        topics = self._topics(item)
        mapped = next((it.label for it in reversed(read) if map_label(it.label)), "")
        if own and not item.progress and item.rank is None:
            # a share after a figure (60天(占66.7%)) is of that figure, not of the caller's label
            candidates = [*topics, "" if own.startswith("占") else self.ctx.label or ""]
        else:
            before = self.previous_label if not read else ""
            candidates = [carry, mapped, *topics, before, self.ctx.label or ""]
        for candidate in candidates:
            if candidate and self._fits(item, candidate):
                item.label = candidate
                return
        item.label = own or next((c for c in candidates if c), "")

    @staticmethod
    def _completed(own: str, carry: str) -> str:
        """A short label completed by the head of the label before it (粮食播种面积 + 产量 →
        粮食产量), when that names a metric and the short label alone does not."""
        if not own or not carry or len(own) > 3 or map_label(own) is not None:
            return ""
        for size in range(1, len(carry)):
            candidate = carry[:size] + own
            if map_label(candidate) is not None:
                return candidate
        return ""

    @staticmethod
    def _strong(label: str) -> bool:
        """A label that names something by itself (not 拆除, 销账, 用水)."""
        return bool(label) and (len(label) >= 3 or map_label(label) is not None)

    def _measure(self, item: Item, previous: Item | None) -> None:
        zone = item.zone
        assert zone is not None
        token = item.token
        if item.rank is not None:
            item.measure = "rank"
        elif item.progress:
            item.measure = "progress_pct"
        elif item.target_ref and previous is not None:
            item.measure, item.sign = previous.measure, previous.sign
        elif token is not None and token.unit is not None and token.unit.dimension == "points":
            item.measure = "change_pp"
        elif zone.change and not zone.to_level:
            item.measure = "change_pct" if token is not None and token.raw_unit == "%" else "change_abs"
        if item.measure in ("change_pct", "change_abs", "change_pp") and not item.target_ref:
            item.sign = self._sign(zone.change, item.label)

    def _sign(self, change: str | None, label: str) -> int:
        if change == "negative":
            return -1
        if change == "better":
            code = map_label(label)
            return -1 if code and metric(code).better == "lower" else 1
        return 1

    def _comparator(self, item: Item, written_after: str | None) -> None:
        """``written_after``: the comparator of the word right after the number (左右), if any."""
        if item.rank is not None or item.target_ref:
            return
        zone = item.zone
        assert zone is not None and item.token is not None
        open_ended = "min" if item.token.open_ended else None
        item.comparator = merge_comparators(written_after, zone.comparator, open_ended)

    # -- lists of values -------------------------------------------------------------------
    def _spread_lists(self, read: list[Item]) -> None:
        """分别 lists and 收入/支出 pairs: give each value its own label.  A second list of as
        many values right after (分别达到X元和Y元,增长a%和b%) takes the same labels, in order."""
        i = 0
        spread: list[Item] = []  # the last list given labels, and the label it was written with
        joint = ""
        while i < len(read):
            group = [read[i]]
            j = i + 1
            while j < len(read) and self._continues_list(read[j - 1], read[j]):
                group.append(read[j])
                j += 1
            # 城乡…X元、Y元: two values of one unit after an urban/rural label, urban then rural
            units = {it.token.raw_unit if it.token else None for it in group} if len(group) == 2 else set()
            pair = len(units) == 1 and None not in units and urban_rural(group[0].label)
            respectively = bool(group[0].zone and group[0].zone.respectively) or pair
            if len(group) >= 2 and (respectively or self._slashed(group)):
                joint = group[0].label
                before = self.text[: group[0].start]
                labels = None
                if not urban_rural(joint):  # 城乡居民…: one metric, urban then rural
                    labels = split_compound(joint, len(group)) or spread_over_items(joint, before, len(group))
                for it, label in zip(group, labels or [], strict=False):
                    it.label = label
                if labels is None and len(group) == 2 and urban_rural(group[0].label):
                    group[0].breakdown, group[1].breakdown = "urban", "rural"  # 城乡居民…分别
                self._same_measure(group)
                spread = group
            elif (
                len(group) == len(spread) >= 2
                and not group[0].own
                and group[0].label in (joint, spread[-1].label)
            ):
                for it, model in zip(group, spread, strict=True):
                    it.label, it.breakdown = model.label, model.breakdown
                self._same_measure(group)
            i = j

    def _same_measure(self, group: list[Item]) -> None:
        """The values after the first of a list are measured as the first (增长6%和8%)."""
        head = group[0].zone
        for it in group[1:]:
            it.rank_of = it.rank_of or group[0].rank_of
            if head is not None and it.zone is not None and head.yearly_average and not it.zone.label:
                it.zone = replace(it.zone, yearly_average=True)  # 年均增长5%、6%: both averages
            if it.measure == "level" and group[0].measure != "level":
                it.measure = group[0].measure
                zone = group[0].zone
                it.sign = self._sign(zone.change if zone else None, it.label)

    def _continues_list(self, before: Item, item: Item) -> bool:
        if item.own or (item.token is None) != (before.token is None):
            return False  # numbers with numbers, ranks with ranks (分别居全市第二、第三位)
        between = self.text[before.next_zone_start : item.start].strip(" ")
        return between in ("/", "和", "、", "及", "与")

    def _slashed(self, group: list[Item]) -> bool:
        return all(self.text[a.end : b.start].strip(" ") == "/" for a, b in itertools.pairwise(group))

    def _mark_progress_bases(self, read: list[Item]) -> None:
        """完成…预算支出120亿元的104.5%: the 120 is the target the share is taken of."""
        for before, item in itertools.pairwise(read):
            if item.progress and self.text[before.end : item.start].strip(" ") == "的":
                before.kind = "target"
                item.label = before.label
