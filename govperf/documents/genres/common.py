"""What the genre modules share: a part of a file as the year rules see it, the plain year rule
and the narrative parse (two genres read the same prose shape)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from govperf.documents import recognize
from govperf.documents.lines import PartText
from govperf.documents.model import ParsedDocument
from govperf.documents.narrative import parse_narrative
from govperf.documents.parts import PartSlice

# (year, year_source) of a part: year_source is one of vocab.YEAR_SOURCES, None when no year.
YearFound = tuple[int | None, str | None]


@dataclass
class Part:
    """One report of a file: where it lies, its text and its title."""

    slice: PartSlice
    text: PartText
    title: str


def plain_years(parts: Sequence[Part], national: bool = False) -> list[YearFound]:
    """Each part's year from its title, else the first year its body names ('stated')."""
    return [_plain_year(part) for part in parts]


def _plain_year(part: Part) -> YearFound:
    year = recognize.title_year(part.title) or recognize.first_body_year(part.text)
    return (year, "stated") if year else (None, None)


def parse_narrative_into(document: ParsedDocument, text: PartText, *, keep_tasks: bool) -> None:
    """Category results, totals, observations (and, ``keep_tasks``, the 高效率落实 tasks) of a
    narrative report; without tasks its figures belong to no task."""
    result = parse_narrative(text, document.year)
    document.category_results = result.categories
    document.totals = result.totals
    document.observations = result.observations
    document.warnings.extend(result.warnings)
    if keep_tasks:
        document.tasks = result.tasks
    else:
        for found in document.observations:
            found.task_index = None
