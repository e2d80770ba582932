"""docs/reference.md, the project's own contract, is what scripts/gen_reference.py writes from the
data files and the views' comments: current, complete, and parsed right."""

from __future__ import annotations

import importlib.util
import re
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

from govperf.data import load_yaml, vocab

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "reference.md"


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_reference", ROOT / "scripts" / "gen_reference.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


gen = load_script()


@cache
def rendered() -> str:
    return str(gen.render())


def test_reference_is_current() -> None:
    assert DOC.read_text(encoding="utf-8") == rendered(), (
        "docs/reference.md is out of date: run python scripts/gen_reference.py"
    )


def sections(text: str) -> dict[str, str]:
    """'### name' heading → the text under it."""
    parts = re.split(r"^### (\S+)\n", text, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def view_columns() -> list[tuple[str, str]]:
    """(view, column) of every sql/ file, read from its COMMENT ON COLUMN statements."""
    found = []
    for path in sorted((ROOT / "sql").glob("v_*.sql")):
        found += re.findall(r"^COMMENT ON COLUMN (v_\w+)\.(\w+) IS", path.read_text(encoding="utf-8"), re.M)
    return found


@pytest.mark.parametrize("view, column", view_columns(), ids=lambda v: str(v))
def test_every_commented_view_column_is_documented(view: str, column: str) -> None:
    section = sections(rendered())[view]
    assert re.search(rf"^\| `{column}` \| (?!—)", section, re.M), (
        f"{view}.{column} has no row with its comment"
    )


def under(heading: str) -> str:
    """The text below the Markdown heading line ``heading`` down to the next heading."""
    text = rendered().split(f"\n{heading}\n", 1)[1]
    return re.split(r"^#", text, maxsplit=1, flags=re.M)[0]


CODES = [
    *(("## Genres", code) for code in vocab.GENRES),
    *(("### Measures", code) for code in vocab.MEASURES),
    *(("### Kinds", code) for code in vocab.KINDS),
    *(("### Comparators", code) for code in vocab.COMPARATORS),
    *(("### Breakdowns", code) for code in vocab.BREAKDOWNS),
    *(("### Task statuses", code) for code in vocab.TASK_STATUSES),
    *(("### Year sources", code) for code in vocab.YEAR_SOURCES),
]


@pytest.mark.parametrize("heading, code", CODES, ids=lambda v: str(v))
def test_every_code_has_a_row_with_its_meaning(heading: str, code: str) -> None:
    [row] = [line for line in under(heading).splitlines() if line.startswith(f"| `{code}` |")]
    cells = row.strip("|").split("|")
    assert len(cells) == 3 and all(cell.strip() for cell in cells), row


@pytest.mark.parametrize(
    "metric", [m["code"] for m in load_yaml("metrics.yaml")["metrics"]], ids=lambda v: str(v)
)
def test_every_metric_has_its_unit_and_aliases(metric: str) -> None:
    [spec] = [m for m in load_yaml("metrics.yaml")["metrics"] if m["code"] == metric]
    section = sections(rendered())[metric]
    assert f"({spec['unit']})" in section.splitlines()[1]
    assert f"- aliases: {'、'.join(spec['aliases'])}" in section


def test_a_code_without_a_meaning_stops_the_script() -> None:
    with pytest.raises(SystemExit, match="no meaning for kinds guess: add it to MEANINGS"):
        gen.codes("kinds", ("actual", "guess"))


SQL_CASES = {
    "quote doubled": (
        "CREATE VIEW v_x (a, b) AS SELECT 1, 2;\n"
        "COMMENT ON VIEW v_x IS 'X / the view''s rows';\n"
        "COMMENT ON COLUMN v_x.a IS 'A / it''s a';\n",
        ["a", "b"],
        "X / the view's rows",
        {"a": "A / it's a"},
    ),
    "columns over lines, comment of another view ignored": (
        "CREATE VIEW v_y (\n    one, two,\n    three\n) AS\nSELECT 1, 2, 3;\n"
        "COMMENT ON COLUMN v_y.three IS 'third; with a semicolon';\n"
        "COMMENT ON COLUMN v_other.one IS 'not ours';\n",
        ["one", "two", "three"],
        "",
        {"three": "third; with a semicolon"},
    ),
}


@pytest.mark.parametrize("case", list(SQL_CASES), ids=lambda v: str(v))
def test_view_files_are_parsed(tmp_path: Path, case: str) -> None:
    source, columns, view_comment, comments = SQL_CASES[case]
    path = tmp_path / "v.sql"
    path.write_text(source, encoding="utf-8")
    _name, found_columns, found_comment, found_comments = gen.parse_view(path)
    assert (found_columns, found_comment, found_comments) == (columns, view_comment, comments)


def test_the_check_option_fails_on_a_stale_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stale = tmp_path / "reference.md"
    stale.write_text("# an old reference\n", encoding="utf-8")
    monkeypatch.setattr(gen, "OUTPUT", stale)
    assert gen.main(["--check"]) == 1
    assert gen.main([]) == 0 and gen.main(["--check"]) == 0  # written, then current


def command_paths() -> list[list[str]]:
    """Every command and group of the CLI, as the words that name it (the group itself is [])."""
    import click

    from govperf.cli import cli

    found: list[list[str]] = []

    def walk(command: click.Command, path: list[str]) -> None:
        found.append(path)
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, [*path, name])

    walk(cli, [])
    return found


@pytest.mark.parametrize("path", command_paths(), ids=lambda p: " ".join(["govperf", *p]))
def test_help_points_to_our_own_documents_not_the_shared_folder(path: list[str]) -> None:
    from click.testing import CliRunner

    from govperf.cli import cli

    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "DESIGN.md" not in result.output and "../shared" not in result.output


USER_DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), ROOT / "benchmarks" / "README.md"]


@pytest.mark.parametrize("path", USER_DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_documents_point_to_the_reference_not_design_md(path: Path) -> None:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if "DESIGN" in line]
    assert lines == [], f"{path.name} points to DESIGN.md, which a clone does not have: use docs/reference.md"
