"""政府工作报告: sections (review / tasks), the delivery year, and observations.

A work report is delivered early in year Y: its review (工作回顾) reports on Y-1 and its
tasks (主要任务 / 工作安排, 主要预期目标) set targets for Y.  A masked year ("20xx") is
inferred from dated cues (year_cues.yaml): a cue in the review names Y-1, one in the tasks
names Y; the cues vote and a tie or no cue leaves the year unknown.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

from govperf.documents.data import anniversary_cues, national_congress, session_pattern, year_cues
from govperf.documents.lines import Line, PartText
from govperf.documents.model import ParsedObservation
from govperf.documents.observe import observe
from govperf.extract import ExtractContext
from govperf.extract.goals import goal_marks
from govperf.extract.numerals import parse_count
from govperf.text.spaces import without_spaces

REVIEW, TASKS, OTHER, PLAN = "review", "tasks", "other", "plan"
_HEADING_MAX = 40
_TITLE_LINES = 30
_SESSION_HEAD = 3000  # the session line opens a report (or the news about it)
_REVIEW_HEAD = regex.compile(
    r"工作回顾|过去(?:一|五)年(?:的)?(?:工作)?回顾|(?:19|20)(?:\d\d|xx)年(?:的)?工作(?:总结|情况)$"
    r"|^\S{0,4}(?:过去一年|一年来)(?:的)?(?:主要)?(?:工作|成绩)"
)
_TASK_WORDS = regex.compile(
    r"主要任务|工作任务|工作安排|工作部署|重点工作|总体要求|工作建议|工作思路|主要目标|重点任务|预期目标"
)
_PLAN_WORDS = regex.compile(rf"{_TASK_WORDS.pattern}|主要工作")  # 主要工作 also heads a review
_YEARISH = regex.compile(r"(?:19|20)(?:\d\d|[xX×]{2})\s*年|今年|明年|新的一年|第[一二三四五六七八九十]部分")
_DONE_WORDS = regex.compile(r"完成情况|落实情况|回顾|成绩|成效|总结")
_PART_HEAD = regex.compile(r"^第[一二三四五六七八九十]部分")
_MASKED = regex.compile(r"(?:19|20)[xX×]{2}\s*年")
_HEAD_YEAR = regex.compile(r"((?:19|20)\d\d)\s*年")
_DELIVERY_DATE = regex.compile(
    r"((?:19|20)\d\d)\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*在.{0,30}(?:代表大会|会议)"
)
_TARGETS = regex.compile(r"(?:预期|主要)目标(?:是|为|[::])")
# '今年经济社会发展的主要预期目标是…', '2020年全区发展的预期目标为…': the plan part starts here
_PLAN_OPENER = regex.compile(
    r"^\S{0,6}?(?P<when>今年|明年|新的一年|(?:19|20)(?:\d\d|[xX×]{2})\s*年)[^。;;]{0,24}?预期目标"
)


@dataclass(frozen=True)
class YearGuess:
    year: int | None
    source: str | None  # 'stated' | 'inferred' | None


def sections(part: PartText, year: int | None = None) -> list[tuple[Line, str]]:
    """Every content line with the section it belongs to (``year``: the delivery year, if known)."""
    lines = part.content_lines
    has_review = any(_head_kind(line.text, year, False) == REVIEW for line in lines)
    current = OTHER if has_review else REVIEW
    seen_review = False
    out: list[tuple[Line, str]] = []
    for line in lines:
        kind = _head_kind(line.text, year, seen_review)
        if kind is None and _opens_plan(line.text, year):
            kind = TASKS
        if kind is not None:
            current = kind
            seen_review = seen_review or kind == REVIEW
        out.append((line, current))
    return out


def _head_kind(text: str, year: int | None, seen_review: bool) -> str | None:
    """REVIEW / TASKS / OTHER when ``text`` is a section heading, else None."""
    if len(text) > _HEADING_MAX:
        return None
    if _is_review_head(text):
        return REVIEW
    if plan_goal(text, year) is not None:
        return PLAN
    if _PLAN_WORDS.search(text) and _YEARISH.search(text) and not _DONE_WORDS.search(text):
        return _plan_or_review(text, year, seen_review)
    if _PART_HEAD.match(text):
        return OTHER
    return None


def _plan_or_review(text: str, year: int | None, seen_review: bool) -> str:
    """A dated 主要工作 heading: the delivery year's plan, or the year before's review."""
    named = _HEAD_YEAR.search(text)
    if named and year is not None:
        return REVIEW if int(named.group(1)) == year - 1 else TASKS
    if _TASK_WORDS.search(text) or not _MASKED.search(text):
        return TASKS
    return TASKS if seen_review else REVIEW  # '一、20xx年主要工作' before any review heading


def plan_goal(text: str, year: int | None) -> int | None:
    """The last year of a five-year plan still to come that ``text`` names (“十五五”期间要达到的目标
    in a report of 2026 → 2030), else None."""
    marks = goal_marks(text, year, plans_only=True) if year is not None and "五" in text else []
    return max((goal for _, goal in marks), default=None)


_THIS_YEAR = regex.compile(r"今年|(?:本|当)年度")
_SENTENCE_END = regex.compile(r"[。!?;:！？；：…][\p{Pe}\p{Pf}\"'”’)）]*$")
_NUMBERED = regex.compile(
    r"^(?:[(（]?[一二三四五六七八九十\d]{1,3}[)）、.．]|第[一二三四五六七八九十]+[部分章节])"
)
_NEEDS_MORE = regex.compile(r"(?:[,，、和与及的为至到达比较占是由从]|分别|增长|完成|实现|突破|超过)$")
_SHORT_LINE = 24


def _opens_plan(text: str, year: int | None) -> bool:
    """A 今年/明年/delivery-year …预期目标 paragraph: the plan part starts with it."""
    match = _PLAN_OPENER.search(text)
    if not match or not _TARGETS.search(text):
        return False
    named = _HEAD_YEAR.match(match.group("when"))
    return named is None or year is None or int(named.group(1)) == year


def _is_review_head(text: str) -> bool:
    return bool(_REVIEW_HEAD.search(text))


def _is_task_head(text: str) -> bool:
    """'二、2016年主要任务', '第二部分 今年工作安排' — not '三、2015年重点工作完成情况'."""
    return bool(_TASK_WORDS.search(text) and _YEARISH.search(text) and not _DONE_WORDS.search(text))


def is_masked(part: PartText) -> bool:
    return bool(_MASKED.search(part.text))


def delivery_date_year(part: PartText) -> int | None:
    """'——2016年1月6日在…人民代表大会…上' under the title → 2016."""
    for line in part.content_lines[:6]:
        match = _DELIVERY_DATE.search(line.text)
        if match:
            return int(match.group(1))
    return None


_EXECUTION = regex.compile(r"计划(?:的)?执行情况")


def plan_execution_year(title: str, part: PartText) -> int | None:
    """A plan report ('关于2030年…计划执行情况及2031年…计划草案的报告', the title may run on into the
    next line) is the report of its later year: it reviews the year before and plans this one."""
    compact = without_spaces(title)
    if not _EXECUTION.search(compact):
        return None
    lines = [line.text for line in part.content_lines[:_TITLE_LINES]]
    at = next((i for i, text in enumerate(lines) if without_spaces(text) == compact), None)
    if at is not None and at + 1 < len(lines) and len(lines[at + 1]) <= _HEADING_MAX:
        compact += lines[at + 1]  # the title's second line
    years = {int(y) for y in _HEAD_YEAR.findall(compact)}
    return max(years) if len(years) >= 2 else None


def heading_year(part: PartText) -> int | None:
    """Delivery year from a dated heading: '2015年工作回顾' → 2016, '2016年主要任务' → 2016;
    of two dated 主要工作 headings ('一、2019年主要工作', '二、2020年主要工作') the later one."""
    work_years: list[int] = []
    for line in part.content_lines:
        if len(line.text) > _HEADING_MAX:
            continue
        match = _HEAD_YEAR.search(line.text)
        if match and _is_review_head(line.text):
            return int(match.group(1)) + 1
        if match and _is_task_head(line.text):
            return int(match.group(1))
        if match and _PLAN_WORDS.search(line.text) and not _DONE_WORDS.search(line.text):
            work_years.append(int(match.group(1)))
    return max(work_years) if len(set(work_years)) >= 2 else None


def infer_year(part: PartText) -> int | None:
    """The delivery year voted by dated cues (review cue → +1); None on a tie or no cue."""
    votes: Counter[int] = Counter()
    for line, section in sections(part):
        if section == OTHER:
            continue
        for year in cue_years(line.text):
            votes[year + (1 if section == REVIEW else 0)] += 1
    ranked = votes.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def cue_years(text: str) -> list[int]:
    """The calendar years that the dated cues found in ``text`` name, one per cue."""
    years = [cue.year for cue in year_cues() for _ in cue.pattern.finditer(text)]
    for cue in anniversary_cues():
        for match in cue.pattern.finditer(text):
            count = parse_count(match.group("n"))
            if count:
                years.append(cue.base + count)
    return years


def session(part: PartText) -> tuple[int, int] | None:
    """(term, session) of the congress session a report's review refers to (十五届人大五次会议)."""
    for line, section in sections(part):
        if section != REVIEW:
            continue
        match = session_pattern().search(line.text)
        if match:
            term, number = parse_count(match.group("term")), parse_count(match.group("session"))
            if term and number:
                return term, number
    return None


def national_session_year(part: PartText) -> int | None:
    """The year of the national congress session a national report names first
    (第十三届全国人民代表大会第五次会议 → 2022); None for an unknown term."""
    pattern, terms = national_congress()
    match = pattern.search(part.text[:_SESSION_HEAD])
    if match is None:
        return None
    term, number = parse_count(match.group("term")), parse_count(match.group("session"))
    if not term or not number or term not in terms or not 1 <= number <= 5:
        return None
    return terms[term] + number - 1


def years_from_sessions(sessions: list[tuple[int, int] | None], years: list[int | None]) -> list[int | None]:
    """Fill unknown years of sibling parts from a dated part of the same congress term."""
    filled = list(years)
    for known_session, known_year in zip(sessions, years, strict=True):
        if known_session is None or known_year is None:
            continue
        for j, other in enumerate(sessions):
            if filled[j] is None and other is not None and other[0] == known_session[0]:
                filled[j] = known_year + other[1] - known_session[1]
    return filled


def observations(part: PartText, year: int | None, review_year: int | None = None) -> list[ParsedObservation]:
    """Review paragraphs describe year-1 (or ``review_year``: a report on part of a year reviews that
    year); 主要预期目标 and task paragraphs are year targets; the paragraphs of a five-year plan's
    section (“十五五”时期主要目标) are targets of its last year."""
    review = ExtractContext(year=year, value_year=review_year or (year - 1 if year else None))
    target = ExtractContext(year=year, kind="target")
    plan = target
    found: list[ParsedObservation] = []
    for first, last, section in joined(sections(part, year), year):
        text = part.text[first.start : last.end]
        start = first.start
        goal = plan_goal(text, year) if section == PLAN and len(text) <= _HEADING_MAX else None
        if goal is not None:
            plan = ExtractContext(year=year, kind="target", plan_year=goal)
        if section == PLAN:  # the plan's goals, except a paragraph about this year
            this_year = _THIS_YEAR.search(text) or (year and f"{year}年" in text)
            context = target if this_year else plan
        elif targets := _TARGETS.search(text):
            # a paragraph of the review that goes on into the targets ('2030年,全国生产总值增长5%…
            # 今年发展主要预期目标是:…'): its sentences before the targets' are the review's
            head = text.rfind("。", 0, targets.start()) + 1 if section == REVIEW else 0
            if head:
                found.extend(observe(part, start, start + head, review, join_lines=first is not last))
                start += head
            context = target
        elif section == REVIEW:
            context = review
        elif section == TASKS:
            context = target
        else:
            continue
        found.extend(observe(part, start, last.end, context, join_lines=first is not last))
    return _without_restated_targets(found)


def joined(lines: list[tuple[Line, str]], year: int | None = None) -> list[tuple[Line, Line, str]]:
    """(first, last, section) of each run of lines that is one sentence broken by hard line breaks
    ('…分别达到' / '37462元和…'): a line that does not end a sentence runs on into the next line of
    the same section, unless either is a heading."""
    runs: list[tuple[Line, Line, str]] = []
    for line, section in lines:
        if runs:
            first, last, current = runs[-1]
            if (
                current == section
                and line.index == last.index + 1
                and not _SENTENCE_END.search(last.text)
                and not _is_heading(last.text, year)
                and not _is_heading(line.text, year)
                and _runs_on(last.text, line.text)
            ):
                runs[-1] = (first, line, section)
                continue
        runs.append((line, line, section))
    return runs


def _is_heading(text: str, year: int | None) -> bool:
    """A numbered line (一、 (二) 3. 第一部分) or a section heading."""
    return bool(_NUMBERED.match(text)) or _head_kind(text, year, False) is not None


def _runs_on(text: str, following: str) -> bool:
    """Whether a line not ending a sentence goes on into ``following``: it is longer than a
    heading, or it stops on a word that needs what follows (达到, 和, 的), or ``following``
    starts with a figure."""
    return len(text) > _SHORT_LINE or bool(_NEEDS_MORE.search(text)) or following[:1].isdigit()


def _without_restated_targets(found: list[ParsedObservation]) -> list[ParsedObservation]:
    """A target stated again (经济增长预期目标为5%左右, 主要考虑是…, after the list of targets) is
    the same target: the first statement is kept."""
    seen: set[tuple[object, ...]] = set()
    kept: list[ParsedObservation] = []
    for item in found:
        o = item.observation
        key = (o.metric_code, o.measure, o.value, o.value_max, o.year, o.breakdown, o.district_code)
        if o.kind == "target" and o.metric_code is not None:
            if key in seen:
                continue
            seen.add(key)
        kept.append(item)
    return kept
