"""perf_work_report (年度绩效管理工作报告 / 工作总结): narrative; it keeps no tasks, so its
figures belong to no task."""

from __future__ import annotations

from govperf.documents.genres.common import parse_narrative_into, plain_years
from govperf.documents.lines import PartText
from govperf.documents.model import ParsedDocument

year_rule = plain_years


def parse(document: ParsedDocument, text: PartText) -> None:
    parse_narrative_into(document, text, keep_tasks=False)
