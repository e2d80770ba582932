"""The loader's COPY column lists (govperf/load/rows.py) restate the models: they must agree, so a
column added to a table is either loaded or named here as one the loader leaves to its default."""

from __future__ import annotations

import pytest

from govperf.db import models
from govperf.load import rows

# table → (the loader's columns, the columns it leaves to the server: ids, defaults, unused)
CASES = {
    "documents": (rows.DOCUMENT_COLUMNS, {"id", "imported_at"}),
    "tasks": (rows.TASK_COLUMNS, {"span_start", "span_end"}),
    "category_results": (rows.CATEGORY_RESULT_COLUMNS, {"id", "snippet"}),
    "observations": (rows.OBSERVATION_COLUMNS, {"id"}),
}


@pytest.mark.parametrize("table", sorted(CASES))
def test_copy_columns_match_the_model(table: str) -> None:
    columns, left_to_server = CASES[table]
    [found] = [t for t in models.Base.metadata.tables.values() if t.name == table]  # any schema
    model = {column.name for column in found.columns}
    assert len(set(columns)) == len(columns), f"{table}: a column is listed twice"
    assert set(columns) - model == set(), f"{table}: the loader writes columns the model lacks"
    assert model - set(columns) == left_to_server, (
        f"{table}: model columns the loader neither writes nor skips"
    )
