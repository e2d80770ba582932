"""perf_task_progress_table (绩效任务进展情况汇总表): a progress table of performance tasks
(绩效任务 | 目标 | 进展), or a progress notice in prose (govperf.documents.progress)."""

from __future__ import annotations

from govperf.documents.genres.common import plain_years
from govperf.documents.lines import PartText
from govperf.documents.model import ParsedDocument
from govperf.documents.progress import PERF, parse_progress

year_rule = plain_years


def parse(document: ParsedDocument, text: PartText) -> None:
    document.tasks, document.observations, document.totals = parse_progress(
        text, PERF, document.year, document.period_label
    )
