"""Expand what a user names on the command line into the files to import.

Files are taken as named; folders are walked recursively; anything else is a glob pattern
(``reports/**/*.txt``).  Neither a folder walk nor ``**`` follows symbolic links to folders, so
a link loop (``sub/up -> ..``) cannot trap the walk or multiply the paths it yields.  A name
that matches nothing, a folder with no importable file, a broken or looping link, or a name or
subfolder the user may not read becomes a SourceError in the stream, so the caller reports it
and goes on.  Files of other types that a folder walk passes over (``.pdf``, ``.docx`` …) are
added to ``skipped`` when the caller gives a list, so it can count and name them.
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


def expand_inputs(inputs: Iterable[str], skipped: list[str] | None = None) -> Iterator[str | SourceError]:
    """Every file to import, in a stable order, each once; SourceError for names that fail.

    ``skipped`` (when given) receives the files of unsupported types found in folders.
    """
    seen: set[str] = set()
    for name in inputs:
        for item in _expand_one(name, [] if skipped is None else skipped):
            key = os.path.realpath(item.path if isinstance(item, SourceError) else item)
            if key not in seen:
                seen.add(key)
                yield item


def unreadable(error: OSError) -> str:
    """The reason of an OSError, without the path: ``cannot be read (Permission denied)``."""
    return f"cannot be read ({error.strerror or type(error).__name__})"


def _expand_one(name: str, skipped: list[str]) -> Iterator[str | SourceError]:
    path = Path(name).expanduser()
    try:
        is_dir, exists = path.is_dir(), path.exists()
    except OSError as error:  # e.g. a file in a folder the user may not enter
        yield SourceError(name, unreadable(error))
        return
    if is_dir:
        yield from _walk(path, skipped)
    elif exists:
        yield str(path)
    elif path.is_symlink():
        yield SourceError(name, "is a broken or looping symbolic link")
    elif GLOB_CHARACTERS & set(name):
        walk_errors: list[OSError] = []
        matches = sorted(_glob(str(path), walk_errors))
        yield from _folder_errors(walk_errors)
        if not matches and not walk_errors:
            yield SourceError(name, "no file matches this pattern")
        for match in matches:
            yield from (_walk(Path(match), skipped) if Path(match).is_dir() else [match])
    else:
        yield SourceError(name, "no such file or directory")


def _glob(pattern: str, errors: list[OSError]) -> Iterator[str]:
    """glob.glob, except that ``**`` walks real folders only (never a link to a folder); the
    folders a ``**`` walk cannot list go to ``errors``."""
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
        for root, dirs, files in os.walk(base, followlinks=False, onerror=errors.append):
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


def _walk(folder: Path, skipped: list[str]) -> Iterator[str | SourceError]:
    """The documents under ``folder``; a subfolder that cannot be listed is a SourceError, and
    files of other types (not hidden, not in a hidden folder) go to ``skipped``."""
    found = False
    errors: list[OSError] = []
    for root, dirs, files in os.walk(folder, followlinks=False, onerror=errors.append):
        yield from _folder_errors(errors)
        dirs.sort()
        hidden = any(part.startswith(".") for part in Path(root).relative_to(folder).parts)
        for file_name in sorted(files):
            candidate = Path(root) / file_name
            if file_name.startswith("."):
                continue
            if candidate.suffix.lower() not in DOCUMENT_SUFFIXES:
                if not hidden:
                    skipped.append(str(candidate))
                continue
            if candidate.is_symlink() and not candidate.exists():
                yield SourceError(str(candidate), "is a broken or looping symbolic link")
                continue
            found = True
            yield str(candidate)
    failed = list(_folder_errors(errors))
    yield from failed
    if not found and not any(error.path == str(folder) for error in failed):
        yield SourceError(str(folder), "folder holds no .txt or .html file to import")


def _folder_errors(errors: list[OSError]) -> Iterator[SourceError]:
    """SourceErrors for the folders os.walk could not list (and empties ``errors``)."""
    while errors:
        error = errors.pop(0)
        yield SourceError(str(error.filename), f"folder {unreadable(error)}")
