"""Documents: read a file (encoding, HTML) and recognise and parse the reports it holds.

from govperf.documents import read_source, parse_source
for document in parse_source(read_source("report.txt")):
    print(document.genre, document.district_code, document.year, len(document.tasks))
"""

from __future__ import annotations

from govperf.data.vocab import GENRES, TASK_STATUSES
from govperf.documents.model import (
    ParsedCategoryResult,
    ParsedDocument,
    ParsedObservation,
    ParsedTask,
    Source,
)
from govperf.documents.parse import parse_source
from govperf.documents.reader import MAX_BYTES, read_source

__all__ = [
    "GENRES",
    "MAX_BYTES",
    "TASK_STATUSES",
    "ParsedCategoryResult",
    "ParsedDocument",
    "ParsedObservation",
    "ParsedTask",
    "Source",
    "parse_source",
    "read_source",
]
