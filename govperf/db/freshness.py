"""Is a database already at govperf's newest revision with its packaged reference data?

The cheap check every command makes before using the embedded database: one connection and
one query, without Alembic (whose import and revision scan cost more than the query it guards)
and without SQLAlchemy's ORM.  The newest revision is read from the revision files' own
``revision`` / ``down_revision`` lines; ``migrate.head()`` (Alembic's answer) must agree, which a
test checks.  When the answer is "no" or anything goes wrong, the caller takes the full path
(``migrate.bring_up_to_date``), so this check can only save time, never skip a needed migration.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govperf.data.vocab import GENRE_NAMES
from govperf.db.schema import SEARCH_PATH_OPTION  # since 0006 the bookkeeping tables are private

if TYPE_CHECKING:
    import psycopg
    from sqlalchemy.engine import URL

# The data files reference.sync reads; the fingerprint covers them, the genre names and the code
# of govperf/db/reference.py (a change of how rows are written is a change of the data).
DATA_FILES = ("regions", "plans", "categories", "metrics")
REGION_TABLE = "regions_gbt2260.csv"  # every GB/T 2260 division (govperf.data.regions)
REFERENCE_MODULE = Path(__file__).with_name("reference.py")
_REVISION = re.compile(r"^(down_revision|revision)\b[^=]*=\s*(None|\"[^\"]*\"|'[^']*')", re.MULTILINE)
_STATE = (
    "SELECT (SELECT version_num FROM alembic_version LIMIT 1),"
    " (SELECT fingerprint FROM reference_version LIMIT 1)"
)


@cache
def fingerprint() -> str:
    """sha256 of what ``reference.sync`` writes: the data files, the genre names and its code."""
    digest = hashlib.sha256()
    data = resources.files("govperf.data")
    for name in DATA_FILES:
        digest.update(f"\0{name}\0".encode())
        digest.update(data.joinpath(f"{name}.yaml").read_bytes())
    digest.update(data.joinpath(REGION_TABLE).read_bytes())
    digest.update(repr(GENRE_NAMES).encode())
    digest.update(REFERENCE_MODULE.read_bytes())
    return digest.hexdigest()


@cache
def packaged_head() -> str | None:
    """The newest revision in govperf's revision files (None when they do not form one line)."""
    versions = Path(str(resources.files("govperf.migrations"))) / "versions"
    revisions: dict[str, str | None] = {}
    for path in versions.glob("*.py"):
        found = dict((key, value) for key, value in _REVISION.findall(path.read_text(encoding="utf-8")))
        if "revision" in found:
            down = found.get("down_revision", "None")
            revisions[found["revision"].strip("\"'")] = None if down == "None" else down.strip("\"'")
    heads = set(revisions) - {down for down in revisions.values() if down is not None}
    return heads.pop() if len(heads) == 1 else None


def is_up_to_date(url: URL) -> bool:
    """Whether the database at ``url`` is at the packaged head with the packaged reference data.

    False (take the full path) when it is not, and when it cannot tell: a missing table, a
    server that does not answer, a branched revision history.
    """
    import psycopg

    libpq = url.set(drivername="postgresql").render_as_string(hide_password=False)
    try:
        with psycopg.connect(libpq, autocommit=True, connect_timeout=10, options=SEARCH_PATH_OPTION) as conn:
            return connection_is_up_to_date(conn)
    except psycopg.Error:
        return False


def connection_is_up_to_date(conn: psycopg.Connection[Any]) -> bool:
    """``is_up_to_date`` on an open psycopg connection (with govperf's search_path)."""
    head = packaged_head()
    if head is None:
        return False
    row = conn.execute(_STATE).fetchone()
    return row is not None and row[0] == head and row[1] == fingerprint()
