"""key_task_progress_table (重点任务进展情况表): a progress table of a work report's key tasks
(序号, 折子号, 任务, 进展), or a progress notice in prose (govperf.documents.progress)."""

from __future__ import annotations

from govperf.documents.genres.common import plain_years
from govperf.documents.lines import PartText
from govperf.documents.model import ParsedDocument
from govperf.documents.progress import KEY, parse_progress

year_rule = plain_years


def parse(document: ParsedDocument, text: PartText) -> None:
    document.tasks, document.observations, document.totals = parse_progress(
        text, KEY, document.year, document.period_label
    )
