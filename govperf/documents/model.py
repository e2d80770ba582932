"""Result types of document reading and recognition (public API: see govperf.documents)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from govperf.extract.types import Observation


@dataclass(frozen=True)
class Source:
    """A file read into text: the bytes, how they were decoded, and the decoded original text.

    ``text`` is what every span points into: the decoded file with CRLF folded to LF and a BOM
    removed; for HTML, the article text with table rows rendered as ``a | b | c |`` lines.
    """

    path: str
    name: str
    data: bytes = field(repr=False)
    sha256: str
    encoding: str
    text: str = field(repr=False)
    is_html: bool = False
    warnings: tuple[str, ...] = ()


@dataclass
class ParsedTask:
    """One task row: a table row, or a numbered item of a self-report's 高效率落实 section."""

    seq_no: int
    title: str
    ref_code: str | None = None
    category_code: str | None = None
    target_text: str | None = None
    progress_text: str | None = None
    status: str = "unknown"


@dataclass
class ParsedCategoryResult:
    """How many tasks of one category a report counts, and how many are done / lagging."""

    category_code: str
    tasks_total: int | None
    tasks_done: int | None
    tasks_lagging: int | None
    source: str  # 'summary' (the overview paragraph) or 'section' (the category's own section)


@dataclass
class ParsedObservation:
    """An extracted observation (spans into the part's text) and what it belongs to."""

    observation: Observation
    task_index: int | None = None
    category_code: str | None = None


@dataclass
class ParsedDocument:
    """One report (one part of a file), recognised and parsed, ready to load."""

    part: int
    genre: str
    genre_confidence: float
    district_code: str
    year: int | None
    year_source: str | None
    period_label: str
    period_start: date | None
    period_end: date | None
    title: str
    text: str
    published_on: date | None = None
    tasks: list[ParsedTask] = field(default_factory=list)
    category_results: list[ParsedCategoryResult] = field(default_factory=list)
    observations: list[ParsedObservation] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    boilerplate_chars: int = 0  # characters of ``text`` cut as web boilerplate (cruft.yaml)

    def to_dict(self, *, with_text: bool = False) -> dict[str, Any]:
        """JSON-ready dict (dates ISO, decimals as strings); the text only when asked."""
        out = {f.name: _jsonable(getattr(self, f.name)) for f in fields(self) if f.name != "text"}
        if with_text:
            out["text"] = self.text
        return out


def _jsonable(value: Any) -> Any:
    """Dataclasses, dates, decimals, lists and dicts → JSON-serialisable values."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    return value
