"""Column roles of progress tables, read from the header words of govperf/data/table_columns.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from govperf.documents.data import load_yaml
from govperf.text.spaces import without_spaces

ROLES = ("seq", "ref", "owner", "skip", "rate", "status", "progress", "target", "deadline", "title")
_OUTCOME = ("progress", "rate", "status")


@dataclass(frozen=True)
class _Role:
    role: str
    patterns: tuple[regex.Pattern[str], ...]


@cache
def _roles() -> tuple[_Role, ...]:
    table = load_yaml("table_columns.yaml")["roles"]
    return tuple(_Role(item["role"], tuple(regex.compile(p) for p in item["patterns"])) for item in table)


@cache
def _max_chars() -> int:
    return int(load_yaml("table_columns.yaml").get("max_header_chars", 16))


def column_role(header: str) -> str | None:
    """The role of a column whose header cell reads ``header``; None when it is no header word
    (a caption such as …完成情况表 / …通报 / …公示 is none)."""
    compact = without_spaces(header)
    if not compact or len(compact) > _max_chars() or regex.search(r"\d{3,}|[。;;]|[表报示]$", compact):
        return None
    return next((item.role for item in _roles() if any(p.search(compact) for p in item.patterns)), None)


def header_roles(cells: list[str]) -> dict[str, list[int]] | None:
    """role → column indexes of a header row; None when the row is not the header of a progress
    table (it needs a progress, rate or status column and a title or target column, and most of
    its non-empty cells must be header words)."""
    roles: dict[str, list[int]] = {}
    named = 0
    for index, cell in enumerate(cells):
        role = column_role(cell)
        if role is not None:
            roles.setdefault(role, []).append(index)
            named += 1
    filled = sum(1 for cell in cells if cell.strip())
    if not any(role in roles for role in _OUTCOME) or not ({"title", "target"} & roles.keys()):
        return None
    if named < 2 or named * 3 < filled * 2:
        return None
    if any(len(roles.get(role, [])) > 2 for role in ("target", "progress", "rate")):
        return None  # a matrix of column groups (目标 | 进度 | 完成比例 per measure), not one task a row
    return roles
