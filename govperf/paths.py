"""Expand what a user names on the command line into the files to import.

Files are taken as named; folders are walked recursively; anything else is a glob pattern
(``reports/**/*.txt``).  Neither a folder walk nor ``**`` follows symbolic links to folders, so
a link loop (``sub/up -> ..``) cannot trap the walk or multiply the paths it yields.  A name
that matches nothing, a folder with no importable file, or a broken or looping link becomes a
SourceError in the stream, so the caller reports it and goes on.
"""

from __future__ import annotations

import fnmatch
import glob
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from govperf.errors import SourceError

# Files a folder walk picks up; a file named explicitly is always tried, whatever its suffix.
DOCUMENT_SUFFIXES = frozenset({".txt", ".text", ".htm", ".html", ".shtml", ".xhtml"})
GLOB_CHARACTERS = frozenset("*?[")


def expand_inputs(inputs: Iterable[str]) -> Iterator[str | SourceError]:
    """Every file to import, in a stable order, each once; SourceError for names that fail."""
    seen: set[str] = set()
    for name in inputs:
        for item in _expand_one(name):
            key = os.path.realpath(item.path if isinstance(item, SourceError) else item)
            if key not in seen:
                seen.add(key)
                yield item


def _expand_one(name: str) -> Iterator[str | SourceError]:
    path = Path(name).expanduser()
    if path.is_dir():
        yield from _walk(path)
    elif path.exists():
        yield str(path)
    elif path.is_symlink():
        yield SourceError(name, "is a broken or looping symbolic link")
    elif GLOB_CHARACTERS & set(name):
        matches = sorted(_glob(str(path)))
        if not matches:
            yield SourceError(name, "no file matches this pattern")
        for match in matches:
            yield from (_walk(Path(match)) if Path(match).is_dir() else [match])
    else:
        yield SourceError(name, "no such file or directory")


def _glob(pattern: str) -> Iterator[str]:
    """glob.glob, except that ``**`` walks real folders only (never a link to a folder)."""
    parts = Path(pattern).parts
    recursive_at = next((i for i, part in enumerate(parts) if part == "**"), None)
    if recursive_at is None:
        yield from glob.glob(pattern)
        return
    head = os.path.join(*parts[:recursive_at]) if recursive_at else os.curdir
    tail = parts[recursive_at:]
    for base in glob.glob(head) if GLOB_CHARACTERS & set(head) else [head]:
        if not os.path.isdir(base):
            continue
        if recursive_at and _match_recursive((), tail):  # a trailing ** matches the folder itself
            yield os.path.join(base, "")
        for root, dirs, files in os.walk(base, followlinks=False):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not os.path.islink(Path(root, d)))
            for name in sorted(dirs + files):
                candidate = os.path.join(root, name)
                relative = Path(os.path.relpath(candidate, base)).parts
                if _match_recursive(relative, tail):
                    yield candidate if recursive_at else os.path.relpath(candidate)


def _match_recursive(path: tuple[str, ...], pattern: tuple[str, ...]) -> bool:
    """Whether ``path`` components match ``pattern`` components, ``**`` standing for any number."""
    if not pattern:
        return not path
    if pattern[0] == "**":
        return any(_match_recursive(path[i:], pattern[1:]) for i in range(len(path) + 1))
    if not path or (path[0].startswith(".") and not pattern[0].startswith(".")):
        return False
    return fnmatch.fnmatchcase(path[0], pattern[0]) and _match_recursive(path[1:], pattern[1:])


def _walk(folder: Path) -> Iterator[str | SourceError]:
    found = False
    for root, dirs, files in os.walk(folder, followlinks=False, onerror=None):
        dirs.sort()
        for file_name in sorted(files):
            candidate = Path(root) / file_name
            if candidate.suffix.lower() in DOCUMENT_SUFFIXES and not file_name.startswith("."):
                if candidate.is_symlink() and not candidate.exists():
                    yield SourceError(str(candidate), "is a broken or looping symbolic link")
                    continue
                found = True
                yield str(candidate)
    if not found:
        yield SourceError(str(folder), "folder holds no .txt or .html file to import")
