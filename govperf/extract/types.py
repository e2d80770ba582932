"""Result types of the extraction engine (public API: see govperf.extract)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

# Notes that keep the metric but say what a value is not.  Each opens with a short machine code
# and a colon; the views (sql/v_metric_series.sql) test the code (split_part(note, ':', 1)),
# never the words after it.
NOTE_RANK_OF_CHANGE = "rank_of_change: the rank of a change (增速…第三), not of the level"
NOTE_CUMULATIVE = "cumulative: a 累计 figure, not the figure of one year"
NOTES_OUT_OF_SERIES = ("rank_of_change", "cumulative")  # codes v_metric_series leaves out


@dataclass(frozen=True)
class ExtractContext:
    """What the caller knows about the text being extracted.

    year:          the year the text reports on (gives period dates; None when unknown)
    kind:          default kind for observations with no cue of their own ('actual' when None);
                   callers pass 'target' for a 年度目标 cell or a 主要预期目标 paragraph
    district_code: region the values describe when it is not the document's (None = document's)
    period_label:  period inherited from the document (e.g. 上半年) when the text names none
    value_year:    year the values refer to, when not the document's (a work report's review)
    label:         metric phrase to use for a number whose clause names none (a table cell
                   whose metric is named only by its row title, e.g. 地区生产总值 | 增长6.5%左右)
    document_district: region the document is about: 全市 / 全省 / 全州 in the text are read
                   from it (全市 in a district of 苏州 is 苏州; see govperf.extract.scopes)
    plan_year:     the text states the goals of a five-year plan ending this year (a work
                   report's 十五五 section): its values are targets of that year, and average
                   annual changes (年均增长) are values, not a review of several years
    """

    year: int | None = None
    kind: str | None = None
    district_code: str | None = None
    period_label: str | None = None
    value_year: int | None = None
    label: str | None = None
    plan_year: int | None = None
    document_district: str | None = None


@dataclass(frozen=True, slots=True)
class Observation:
    """One number that measures something, as DESIGN.md §2 defines it.

    Spans are offsets into the text given to ``extract`` (the original, not normalised, text)
    and cover the number with its unit; ``snippet`` is the original sentence around it.
    ``breakdown``: the population the value is about: 'total', 'urban' (城镇居民), 'rural' (农村居民).
    """

    label: str
    metric_code: str | None
    measure: str
    kind: str
    comparator: str
    value: Decimal
    value_max: Decimal | None
    unit: str
    raw_value: Decimal
    raw_unit: str
    span_start: int
    span_end: int
    snippet: str
    period_label: str | None = None
    period_start: date | None = None
    period_end: date | None = None
    district_code: str | None = None
    year: int | None = None
    notes: tuple[str, ...] = field(default=())
    breakdown: str = "total"
