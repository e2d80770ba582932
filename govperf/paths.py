"""Expand what a user names on the command line into the files to import.

Files are taken as named; folders are walked recursively (symbolic links to folders are not
followed, so a link loop cannot trap the walk); anything else is a glob pattern
(``reports/**/*.txt``).  A name that matches nothing, or a folder with no importable file,
becomes a SourceError in the stream, so the caller reports it and goes on.
"""

from __future__ import annotations

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
            if isinstance(item, SourceError):
                yield item
                continue
            key = os.path.realpath(item)
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
        matches = sorted(glob.glob(str(path), recursive=True))
        if not matches:
            yield SourceError(name, "no file matches this pattern")
        for match in matches:
            yield from (_walk(Path(match)) if Path(match).is_dir() else [match])
    else:
        yield SourceError(name, "no such file or directory")


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
