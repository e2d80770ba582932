"""Errors meant for users: ``str(error)`` is one line that says what went wrong and where."""

from __future__ import annotations

import re


class GovperfError(Exception):
    """Base class of every error govperf reports to a user without a traceback."""


# Characters that would break a one-line message or act on the terminal: C0/C1 controls (newline,
# ESC …), line and paragraph separators, and bidi controls that can make a name read backwards.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with control, separator and bidi characters written as escapes (\\n, \\x1b, \\u202e)."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class SourceError(GovperfError):
    """A file cannot be read as a document (missing, binary, empty, undetectable encoding …).

    The message shows the path with control characters escaped (a file name may hold a newline
    or a terminal escape); ``path`` keeps it as it is.
    """

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{printable(path)}: {reason}")
        self.path = path
        self.reason = reason


class ParseError(SourceError):
    """A readable file whose genre, district or structure cannot be determined."""


class DatabaseError(GovperfError):
    """The database cannot be reached, migrated or written."""
