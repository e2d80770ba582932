"""Run the extraction engine on a piece of a part and re-base spans onto the part's text."""

from __future__ import annotations

from dataclasses import replace

from govperf.documents.lines import PartText
from govperf.documents.model import ParsedObservation
from govperf.extract import ExtractContext, extract_normalized


def observe(
    part: PartText,
    start: int,
    end: int,
    context: ExtractContext,
    *,
    task_index: int | None = None,
    category_code: str | None = None,
    join_lines: bool = False,
) -> list[ParsedObservation]:
    """Observations of the normalised span [start, end) of ``part``, spans into part.original.
    The span is a slice of the part's one normalisation, never normalised again.  ``join_lines``:
    the span is one sentence broken over lines; its line breaks are read as spaces (one character
    for one, so the spans stay exact)."""
    if end <= start:
        return []
    if not part.orig_text(start, end).strip():
        return []
    if part.district is not None and context.document_district is None:
        context = replace(context, document_district=part.district)
    offset, span = part.norm.sliced(start, end, lines_as_spaces=join_lines)
    return [
        ParsedObservation(observation, task_index, category_code)
        for observation in extract_normalized(span, context=context, offset=offset)
    ]
