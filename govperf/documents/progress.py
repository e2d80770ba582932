"""The two progress genres (key_task_progress_table, perf_task_progress_table) in any region's shape.

Order of reading: a table whose header words name its columns (govperf.documents.grid: any
column set, pipe or one cell per line); else the Beijing shapes (govperf.documents.tables);
else, or around a table without header, the prose of a progress notice
(govperf.documents.notice): its figures, and the counts it states as document totals.
"""

from __future__ import annotations

from govperf.documents.grid import parse_role_table
from govperf.documents.lines import PartText
from govperf.documents.model import ParsedObservation, ParsedTask
from govperf.documents.notice import notice_observations, notice_totals
from govperf.documents.tables import has_key_header, key_table_rows, parse_key_table, parse_perf_table

KEY = "key_task_progress_table"
PERF = "perf_task_progress_table"


def parse_progress(
    part: PartText, genre: str, year: int | None, period_label: str
) -> tuple[list[ParsedTask], list[ParsedObservation], dict[str, int]]:
    """(tasks, observations, totals) of a progress document of genre ``genre``."""
    period = None if period_label == "year" else period_label
    read = parse_role_table(part, year)
    if read is not None and read[0]:
        tasks, found = read
    elif genre == PERF:
        tasks, found = parse_perf_table(part, year)
    else:
        tasks, found = parse_key_table(part, year)
        if tasks and not has_key_header(part):  # numbered items in a notice: its prose too
            rows = {line.index for line, _ in key_table_rows(part)}
            found = found + notice_observations(part, year, period, skip_lines=rows)
    if not tasks:
        found = notice_observations(part, year, period)
    return tasks, found, notice_totals(part)
