"""Freeze today's view files as the snapshot of a revision: ``python scripts/freeze_views.py REV``.

Copies ``sql/<view>.sql`` for every view of ``govperf.db.views.VIEWS`` into
``migrations/views/REV/`` and writes ``views.txt`` (their creation order).  Revision REV then
creates exactly these views, whatever ``sql/`` holds later (docs/database.md, "Changing a view").
Re-freezing is allowed only for the newest snapshot (the revision being written): an older one is
what released databases hold.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from govperf.db.views import ORDER_FILE, VIEWS  # noqa: E402

SQL = ROOT / "sql"
SNAPSHOTS = ROOT / "migrations" / "views"


def freeze(revision: str, sql: Path = SQL, snapshots: Path = SNAPSHOTS) -> Path:
    """Write the snapshot of ``revision``; return its folder."""
    if not revision or "/" in revision or revision.startswith("."):
        raise SystemExit(f"freeze_views: {revision!r} is not a revision id")
    missing = [name for name in VIEWS if not (sql / f"{name}.sql").is_file()]
    if missing:
        raise SystemExit(f"freeze_views: {sql} has no file for {', '.join(missing)}")
    existing = sorted(p.name for p in snapshots.iterdir() if p.is_dir()) if snapshots.is_dir() else []
    target = snapshots / revision
    if target.exists() and existing and existing[-1] != revision:
        raise SystemExit(
            f"freeze_views: {target} is not the newest snapshot ({existing[-1]} is): a released "
            "revision's views never change; write a new revision and freeze that"
        )
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in VIEWS:
        shutil.copyfile(sql / f"{name}.sql", target / f"{name}.sql")
    (target / ORDER_FILE).write_text("".join(f"{name}\n" for name in VIEWS), encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revision", help="id of the revision that creates these views (e.g. 0006)")
    target = freeze(parser.parse_args(argv).revision)
    print(f"froze {len(VIEWS)} views into {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
