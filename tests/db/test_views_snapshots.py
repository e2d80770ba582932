"""Each revision carries the views it creates (migrations/views/<revision>/, frozen by
scripts/freeze_views.py), never today's sql/: the newest snapshot is sql/, every snapshot folder
belongs to a revision and lists its files, no revision reads sql/ or today's reference data, and
the freeze script copies sql/ and refuses to rewrite a released snapshot."""

from __future__ import annotations

import fnmatch
import importlib.util
import re
import tomllib
from pathlib import Path
from types import ModuleType

import pytest
from alembic.script import ScriptDirectory

from govperf.db import migrate, views
from govperf.db.views import ORDER_FILE, VIEWS

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOTS = ROOT / "migrations" / "views"
REVISIONS = sorted((ROOT / "migrations" / "versions").glob("[0-9]*.py"))
FOLDERS = sorted(p for p in SNAPSHOTS.iterdir() if p.is_dir())


def revisions_newest_first() -> list[str]:
    return [r.revision for r in ScriptDirectory.from_config(migrate.alembic_config()).walk_revisions()]


def newest_snapshot() -> str:
    return next(rev for rev in revisions_newest_first() if (SNAPSHOTS / rev).is_dir())


def test_newest_snapshot_is_todays_sql() -> None:
    revision = newest_snapshot()
    frozen = dict(views.snapshot(revision))
    today = {name: views.view_sql(name) for name in VIEWS}
    differ = sorted(name for name in {*frozen, *today} if frozen.get(name) != today.get(name))
    assert differ == [], (
        f"sql/ differs from the views frozen for revision {revision} ({', '.join(differ)}): run "
        "`python scripts/freeze_views.py NEW_REVISION` and write revision NEW_REVISION with "
        f"views.replace_snapshot(bind, '{revision}', revision) (docs/database.md, 'Changing a view')"
    )
    assert [name for name, _ in views.snapshot(revision)] == list(VIEWS)


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_snapshot_folder_belongs_to_a_revision_and_lists_its_files(folder: Path) -> None:
    assert folder.name in migrate.known_revisions()
    order = (folder / ORDER_FILE).read_text(encoding="utf-8").split()
    assert sorted(order) == sorted(p.stem for p in folder.glob("*.sql"))
    for name in order:
        assert re.search(rf"^CREATE VIEW {name} \(", (folder / f"{name}.sql").read_text(), re.M), name


TODAYS = re.compile(r"\b(create_views|replace_views|view_sql|reference\.\w+|govperf\.sql)\b|import reference")


@pytest.mark.parametrize("path", REVISIONS, ids=[p.name for p in REVISIONS])
def test_revision_uses_no_view_or_reference_data_of_today(path: Path) -> None:
    found = [m.group(0) for m in TODAYS.finditer(path.read_text(encoding="utf-8"))]
    assert found == [], f"{path.name} reads today's sql/ or reference data: use views.replace_snapshot"


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("freeze_views", ROOT / "scripts" / "freeze_views.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FREEZE_CASES = [
    # (snapshot folders already there, revision to freeze, error expected or None)
    ((), "0001", None),
    (("0001",), "0002", None),
    (("0001", "0002"), "0002", None),  # re-freezing the revision being written
    (("0001", "0002"), "0001", "not the newest snapshot"),
    ((), "../0001", "not a revision id"),
]


@pytest.mark.parametrize(
    ("existing", "revision", "error"),
    FREEZE_CASES,
    ids=[f"{'+'.join(e) or 'none'}->{r}" for e, r, _ in FREEZE_CASES],
)
def test_freeze_script_copies_sql_and_refuses_a_released_snapshot(
    tmp_path: Path, existing: tuple[str, ...], revision: str, error: str | None
) -> None:
    script = load_script()
    sql, snapshots = tmp_path / "sql", tmp_path / "views"
    sql.mkdir()
    for name in VIEWS:
        (sql / f"{name}.sql").write_text(f"CREATE VIEW {name} (x) AS SELECT 1;\n", encoding="utf-8")
    for old in existing:
        (snapshots / old).mkdir(parents=True)
        (snapshots / old / "stale.sql").write_text("-- old\n", encoding="utf-8")
    if error:
        with pytest.raises(SystemExit, match=error):
            script.freeze(revision, sql, snapshots)
        return
    folder = script.freeze(revision, sql, snapshots)
    assert (folder / ORDER_FILE).read_text().split() == list(VIEWS)
    assert sorted(p.name for p in folder.glob("*.sql")) == sorted(f"{n}.sql" for n in VIEWS)
    assert all((folder / f"{n}.sql").read_bytes() == (sql / f"{n}.sql").read_bytes() for n in VIEWS)


def test_every_snapshot_file_ships_in_the_wheel() -> None:
    """pyproject's package-data for govperf.migrations (= migrations/) covers every snapshot file."""
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"][
        "govperf.migrations"
    ]
    files = [p.relative_to(ROOT / "migrations") for p in SNAPSHOTS.rglob("*") if p.is_file()]
    assert len(files) >= 9
    assert [str(f) for f in files if not any(fnmatch.fnmatch(str(f), p) for p in patterns)] == []
