"""Text without its whitespace: how titles, headings and header cells are compared and searched
(政府 工作 报告 and 政府工作报告 are one title)."""

from __future__ import annotations

import regex

_SPACES = regex.compile(r"\s+")


def without_spaces(text: str) -> str:
    """``text`` with every run of whitespace removed (as regex, not re, reads whitespace)."""
    return _SPACES.sub("", text)
