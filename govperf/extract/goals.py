"""Goals of a later year: 到2030年…, “十五五”时期…年均增长 (targets of the year they name)."""

from __future__ import annotations

from govperf.extract.resources import cues, plan_years


def goal_marks(text: str, year: int | None, *, plans_only: bool = False) -> list[tuple[int, int]]:
    """(position after the phrase, goal year) of every phrase of ``text`` (normalised) naming a
    year after ``year`` (到2030年) or a five-year plan still to come or just begun (十五五时期 in
    a text of 2026 → 2030), in order.  A past plan (十四五时期 in 2026) is a review: no mark.
    ``plans_only``: only the phrases naming a five-year plan."""
    if year is None:
        return []
    marks: list[tuple[int, int]] = []
    for pattern in cues().goal_year_patterns:
        for m in pattern.finditer(text):
            groups = m.groupdict()
            if plans_only and not groups.get("plan"):
                continue
            goal = _goal_year(groups, year)
            if goal is not None:
                marks.append((m.end(), goal))
    return sorted(marks)


def _goal_year(groups: dict[str, str | None], year: int) -> int | None:
    named = groups.get("y")
    if named:
        return int(named) if int(named) > year else None
    plan = plan_years().get(groups.get("plan") or "")
    if plan is None:
        return None
    first, last = plan
    return last if last > year and first >= year - 1 else None


def goal_at(marks: list[tuple[int, int]], pos: int) -> int | None:
    """The goal year of the last mark before ``pos``, if any."""
    found = None
    for at, goal in marks:
        if at > pos:
            break
        found = goal
    return found
