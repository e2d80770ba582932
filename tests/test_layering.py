"""The package layout holds: imports flow one way, no cycles, few top-level modules, short modules.

Read from the source with ``ast`` (every import counts, lazy ones inside functions and
``TYPE_CHECKING`` blocks included), so a violation fails here before it hides behind a late import.
The layers, lowest first (docs/architecture.md draws them):

    data → text → extract → documents → db → load → query → cli

A package may import its own modules, the top-level ``govperf`` modules (``__init__`` for the
version, ``errors``) and the packages listed for it in ``ALLOWED`` — never one above it.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "govperf"

# Lowest first.  Each layer may import the layers named for it (not merely every lower one:
# the schema and the server never depend on parsing, queries never on loading).
ALLOWED: dict[str, frozenset[str]] = {
    "data": frozenset(),  # YAML tables, the one loader, shared vocabularies, units
    "text": frozenset({"data"}),  # normalisation (script.yaml)
    "extract": frozenset({"data", "text"}),
    "documents": frozenset({"data", "text", "extract"}),
    "db": frozenset({"data"}),  # server, engine, migrations, models, reference sync, views
    "load": frozenset({"data", "text", "extract", "documents", "db"}),
    "query": frozenset({"data", "db"}),
    "cli": frozenset({"data", "text", "extract", "documents", "db", "load", "query"}),
}
LAYERS = tuple(ALLOWED)
# Modules at govperf/'s top level and who may import them.
BASE = frozenset({"govperf", "govperf.errors"})  # anyone
ENTRY = "govperf.__main__"  # imports cli only
MAX_TOP_LEVEL_MODULES = 4
MAX_LINES = 400
# Modules still over MAX_LINES, with the reason; an entry that is no longer too long fails the
# test, so the list only shrinks.
TOO_LONG_FOR_NOW: dict[str, str] = {}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


SOURCES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imported_modules(name: str, path: Path) -> list[tuple[int, str]]:
    """(line, module) for every govperf module ``name`` imports, at any depth of its code."""
    return imports_in(name, path.read_text(encoding="utf-8"), is_package=path.name == "__init__.py")


def imports_in(name: str, source: str, *, is_package: bool = False) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the module's package upwards
                package = name.split(".") if is_package else name.split(".")[:-1]
                package = package[: len(package) - node.level + 1]
                base = ".".join([*package, base] if base else package)
            for alias in node.names:  # `from pkg import module` imports the module
                target = f"{base}.{alias.name}"
                found.append((node.lineno, target if target in SOURCES else base))
    found = list(dict.fromkeys(found))  # `from m import a, b` is one import of m
    return [(line, target) for line, target in found if target == "govperf" or target.startswith("govperf.")]


def layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in ALLOWED else None


def owning_module(module: str) -> str:
    """The source module an import names (``govperf.migrations`` and the like: the package)."""
    while module not in SOURCES and "." in module:
        module = module.rsplit(".", 1)[0]
    return module


GRAPH = {
    name: sorted({owning_module(target) for _line, target in imported_modules(name, path)} - {name})
    for name, path in SOURCES.items()
}


def layering_violations() -> list[str]:
    errors = []
    for name, path in SOURCES.items():
        errors += violations(name, str(path.relative_to(ROOT)), imported_modules(name, path))
    return errors


def violations(name: str, file: str, imports: list[tuple[int, str]]) -> list[str]:
    """One message per import of ``name`` (in ``file``) that runs against the layers."""
    errors = []
    own = layer(name)
    for line, imported in imports:
        target = owning_module(imported)
        where = f"{file}:{line}: {name} imports {target}"
        if target in BASE or target == name:
            continue
        if target == ENTRY or name in BASE:
            errors.append(f"{where} (the top-level modules import no package)")
        elif name == ENTRY:
            if layer(target) != "cli":
                errors.append(f"{where} (__main__ only calls the cli)")
        elif own is None or layer(target) is None:
            errors.append(f"{where} (a module outside the layers {', '.join(LAYERS)})")
        elif layer(target) != own and layer(target) not in ALLOWED[own]:
            allowed = ", ".join(sorted(ALLOWED[own])) or "no other package"
            errors.append(f"{where} (layer {own} may import only {allowed})")
    return errors


def import_cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """Every cycle of the module graph, found by a depth-first search (one per back edge)."""
    cycles: list[list[str]] = []
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(module: str) -> None:
        state[module] = "open"
        stack.append(module)
        for target in graph.get(module, ()):
            if state.get(target) == "open":
                cycles.append([*stack[stack.index(target) :], target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[module] = "done"

    for module in graph:
        if module not in state:
            visit(module)
    return cycles


def test_imports_follow_the_layers() -> None:
    errors = layering_violations()
    assert not errors, "imports against the layer order:\n" + "\n".join(errors)


def test_no_import_cycles() -> None:
    cycles = import_cycles(GRAPH)
    assert not cycles, "import cycles (lazy imports count):\n" + "\n".join(" → ".join(c) for c in cycles)


def test_package_dependencies_form_no_cycle() -> None:
    # ALLOWED itself must be a one-way order: each layer names only layers before it.
    for index, name in enumerate(LAYERS):
        assert ALLOWED[name] <= set(LAYERS[:index]), f"layer {name} may import a layer above it"


def test_few_modules_at_the_top_level() -> None:
    top = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_LEVEL_MODULES, f"modules at govperf/'s top level: {top} (a package owns each)"
    packages = {path.name for path in PACKAGE.iterdir() if (path / "__init__.py").exists()}
    assert packages == set(LAYERS), f"packages {sorted(packages)} differ from the layers {list(LAYERS)}"


@pytest.mark.parametrize("path", sorted(SOURCES.values()), ids=lambda p: str(p.relative_to(ROOT)))
def test_modules_are_short(path: Path) -> None:
    relative = str(path.relative_to(ROOT))
    lines = len(path.read_text(encoding="utf-8").splitlines())
    if relative in TOO_LONG_FOR_NOW:
        assert lines > MAX_LINES, f"{relative} has {lines} lines now: remove it from TOO_LONG_FOR_NOW"
        return
    assert lines <= MAX_LINES, f"{relative} has {lines} lines (at most {MAX_LINES}): split it by concern"


# The checker itself: (module, its source, the message expected, or None when allowed).
CHECKER_CASES = [
    ("govperf.db.models", "from govperf.extract.types import KINDS\n", "layer db may import only data"),
    ("govperf.db.engine", "def f():\n    from govperf.load import importer\n", "imports govperf.load"),
    ("govperf.load.store", "from ..query import analysis\n", "imports govperf.query"),
    (
        "govperf.query.export",
        "if TYPE_CHECKING:\n    import govperf.cli.group\n",
        "imports govperf.cli.group",
    ),
    ("govperf.errors", "from govperf.data import load_yaml\n", "the top-level modules import no package"),
    ("govperf.__main__", "from govperf.load import importer\n", "__main__ only calls the cli"),
    ("govperf.load.store", "from govperf.db import models\nfrom govperf import __version__\n", None),
    ("govperf.cli.group", "from . import imports\nfrom govperf.query import analysis\n", None),
]


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    CHECKER_CASES,
    ids=[c[1].strip().replace("\n", " ") for c in CHECKER_CASES],
)
def test_the_checker_names_the_offending_import(module: str, source: str, expected: str | None) -> None:
    errors = violations(module, "x.py", imports_in(module, source))
    if expected is None:
        assert errors == []
    else:
        assert len(errors) == 1 and expected in errors[0], errors


def test_the_checker_finds_a_cycle() -> None:
    graph = {"a": ["b"], "b": ["c"], "c": ["a", "d"], "d": []}
    assert import_cycles(graph) == [["a", "b", "c", "a"]]
    assert import_cycles({"a": ["b"], "b": ["c"], "c": []}) == []


def test_pyproject_lists_every_package() -> None:
    # an installed (non-editable) govperf ships only the packages listed in pyproject.toml
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"]
    )
    packages = {module_name(path) for path in PACKAGE.rglob("__init__.py")}
    assert packages <= listed, (
        f"add to [tool.setuptools] packages in pyproject.toml: {sorted(packages - listed)}"
    )


def test_every_command_is_added_to_the_group() -> None:
    # commands are added explicitly (govperf/cli/group.py COMMANDS): one defined but not added
    # would silently be missing from the CLI
    import importlib

    import click

    from govperf.cli import cli

    def tree(command: click.Command) -> list[click.Command]:
        if not isinstance(command, click.Group):
            return [command]
        ctx = click.Context(command)  # the top-level group loads its commands on demand
        children = [command.get_command(ctx, name) for name in command.list_commands(ctx)]
        return [command, *(c for child in children if child is not None for c in tree(child))]

    registered = {id(command) for command in tree(cli)}
    for name in SOURCES:
        if name.startswith("govperf.cli."):
            module = importlib.import_module(name)
            for attribute, value in vars(module).items():
                if isinstance(value, click.Command):
                    assert id(value) in registered, f"{name}.{attribute} is not added in govperf/cli/group.py"


PROJECT_TESTS = {
    "conftest.py",
    "analyst_data.py",
    "test_layering.py",
    "test_compose.py",
    "test_corpus_generator.py",
    "test_perf_baselines.py",
    "test_reference_doc.py",
}


def test_tests_mirror_the_packages() -> None:
    """A test of package ``govperf/X`` lives in ``tests/X/``; only project-wide tests stay on top."""
    tests = ROOT / "tests"
    packages = {p.name for p in (ROOT / "govperf").iterdir() if (p / "__init__.py").exists()}
    folders = {p.name for p in tests.iterdir() if p.is_dir() and p.name not in {"fixtures", "__pycache__"}}
    assert folders - packages == set(), "test folders that mirror no package"
    assert {p.name for p in tests.glob("*.py")} - PROJECT_TESTS == set(), "move these into tests/<package>/"
