"""Errors meant for users: ``str(error)`` is one line that says what went wrong and where."""

from __future__ import annotations


class GovperfError(Exception):
    """Base class of every error govperf reports to a user without a traceback."""


class SourceError(GovperfError):
    """A file cannot be read as a document (missing, binary, empty, undetectable encoding …)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class ParseError(SourceError):
    """A readable file whose genre, district or structure cannot be determined."""


class DatabaseError(GovperfError):
    """The database cannot be reached, migrated or written."""
