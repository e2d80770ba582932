"""The codes the parser, the schema and the queries share (DESIGN.md names them; never rename).

The database's CHECK constraints (govperf.db.models), the extractor's results
(govperf.extract.types), the documents' results (govperf.documents.model) and the CLI's choices
all take them from here, so the schema does not depend on the parser.  The genres are read from
genres.yaml (one block per genre, with its names and recognition cues).
"""

from __future__ import annotations

from govperf.data import load_yaml


def _genre_names() -> tuple[tuple[str, str, str], ...]:
    """(code, name, name_en) of each block of genres.yaml, in its order: the one list of genres."""
    blocks = load_yaml("genres.yaml")["genres"]
    return tuple((str(code), str(block["name"]), str(block["name_en"])) for code, block in blocks.items())


# Genre codes with their Chinese and English names (DESIGN.md §1), from genres.yaml.
GENRE_NAMES = _genre_names()
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
