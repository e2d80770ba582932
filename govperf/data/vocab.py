"""The codes the parser, the schema and the queries share (DESIGN.md names them; never rename).

The database's CHECK constraints (govperf.db.models), the extractor's results
(govperf.extract.types), the documents' results (govperf.documents.model) and the CLI's choices
all take them from here, so the schema does not depend on the parser.
"""

from __future__ import annotations

# Genre codes with their Chinese and English names (DESIGN.md §1).
GENRE_NAMES = (
    ("perf_self_report", "年度绩效管理工作自查报告", "Annual performance-management self-assessment"),
    ("perf_work_report", "年度绩效管理工作报告", "Annual performance-management work report"),
    ("key_task_progress_table", "重点任务进展情况表", "Key-task progress table"),
    ("perf_task_progress_table", "绩效任务进展情况汇总表", "Performance-task progress table"),
    ("gov_work_report", "政府工作报告", "Government work report"),
)
GENRES = tuple(code for code, _name, _name_en in GENRE_NAMES)

MEASURES = ("level", "change_pct", "change_abs", "change_pp", "rank", "progress_pct")
# measures whose value is in the metric's own unit (the others are %, 个百分点, 位)
UNIT_MEASURES = ("level", "change_abs")
KINDS = ("actual", "estimate", "target")
COMPARATORS = ("eq", "approx", "max", "min")
TASK_STATUSES = ("done", "on_track", "lagging", "unknown")
YEAR_SOURCES = ("stated", "inferred", "given")
# The part of a region an observation covers (observations.breakdown, added with the region layer).
BREAKDOWNS = ("total", "urban", "rural")
