"""perf_self_report (年度绩效管理工作自查报告): narrative; the numbered items of its 高效率落实
section are tasks, and the figures under an item belong to it."""

from __future__ import annotations

from govperf.documents.genres.common import parse_narrative_into, plain_years
from govperf.documents.lines import PartText
from govperf.documents.model import ParsedDocument

year_rule = plain_years


def parse(document: ParsedDocument, text: PartText) -> None:
    parse_narrative_into(document, text, keep_tasks=True)
