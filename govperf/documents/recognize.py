"""Recognise what a document is: title, genre (with a confidence), district, period, date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import regex

from govperf.documents.data import genre_cues, genre_min_score
from govperf.documents.lines import Line, PartText
from govperf.extract import periods
from govperf.text.spaces import without_spaces

_TITLE_MIN = 4
_TITLE_LOOKAHEAD = 30
_DATE = regex.compile(
    r"(?:日期|时间|发布|成文)\D{0,6}((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"
)
_YEAR = regex.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
# a report without title, date or dated heading (a news excerpt): '2031年…主要预期目标' names the
# report's year; '2030年全市生产总值完成…' reviews the year before it (the latest such year + 1)
_TARGET_YEAR = regex.compile(r"(?<!\d)((?:19|20)\d{2})年[^。;\n]{0,24}?(?:主要预期目标|预期目标|主要目标)")
_REVIEW_YEAR = regex.compile(
    r"(?<!\d)((?:19|20)\d{2})年,?(?:[全我](?:国|省|区|市|州|县|旗|盟))[^。;\n]{0,16}?(?:完成|达到|实现|增长)"
)
_HEADING_WORDS = regex.compile(r"情况|汇总表|进展表|报告|总结|自查")
_HEADING_LOOKAHEAD = 4
_HEADING_MAX = 60


@dataclass(frozen=True)
class GenreGuess:
    code: str | None
    confidence: float


def title_line(part: PartText) -> Line | None:
    """The title: among the opening lines, the first short one a genre's title cue matches (a
    title below a table of contents or page cruft); else the first substantive (non-cruft, not a
    篇N marker) line."""
    first: Line | None = None
    for index, line in enumerate(part.content_lines):
        if len(line.text) < _TITLE_MIN or regex.fullmatch(r"篇\s*\S{1,3}|第\S{1,3}篇", line.text):
            continue
        first = first or line
        if index >= _TITLE_LOOKAHEAD:
            break
        compact = without_spaces(line.text)
        if len(compact) <= _HEADING_MAX and any(
            cue.pattern.search(compact) for cues in genre_cues() for cue in cues.title
        ):
            return line
    return first


def detect_genre(title: str, part: PartText) -> GenreGuess:
    """Score each genre's title and structure cues; the best above min_score wins."""
    body = "\n".join(line.text for line in part.content_lines)[:3000]
    compact_title = without_spaces(title)
    if len(compact_title) > _HEADING_MAX:  # a sentence, not a title: its words are the body's
        compact_title = ""
    scores: dict[str, float] = {}
    for cues in genre_cues():
        score = sum(cue.weight for cue in cues.title if cue.pattern.search(compact_title))
        score += sum(cue.weight for cue in cues.structure if cue.pattern.search(body))
        scores[cues.code] = score
    best = max(scores, key=lambda code: scores[code])
    if scores[best] < genre_min_score():
        return GenreGuess(None, 0.0)
    return GenreGuess(best, round(scores[best] / sum(scores.values()), 3))


def published_on(part: PartText) -> date | None:
    """The page's publication date (日期:2020-03-05, 发布时间:2020年03月05日 …)."""
    for line in part.lines[:15]:
        match = _DATE.search(line.text)
        if match:
            try:
                return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            except ValueError:
                continue
    return None


def title_year(title: str) -> int | None:
    """The year a title names; none from a long first line (a sentence, not a title)."""
    compact = without_spaces(title)
    match = _YEAR.search(compact) if len(compact) <= _HEADING_MAX else None
    return int(match.group(1)) if match else None


def title_period(title: str) -> str:
    """'H1', a month range such as '1-11月', or 'year' — from the title."""
    return periods.title_period(without_spaces(title)) or "year"


def document_period(title: str, part: PartText) -> str:
    """The title's period; else one named by a heading-like opening line (an HTML page whose
    <title> is shorter than the heading of its body: '…重点任务前三季度进展情况表')."""
    named = periods.title_period(without_spaces(title))
    if named:
        return named
    for index, line in enumerate(part.content_lines[:_HEADING_LOOKAHEAD]):
        text = without_spaces(line.text)
        if _heading_like(text, dated=index != 1):  # the 2nd line may end a title split in two
            named = periods.title_period(text)
            if named:
                return named
    return "year"


def _heading_like(text: str, *, dated: bool = True) -> bool:
    """A title-like line ('…2022年…重点任务前三季度进展情况表'), not a section heading."""
    return (
        len(text) <= _HEADING_MAX
        and bool(_HEADING_WORDS.search(text) and (_YEAR.search(text) or not dated))
        and not regex.search(r"[。,;:、]|^[((]?[一二三四五六七八九十\d]+[))、.]", text)
    )


def first_body_year(part: PartText) -> int | None:
    """The first year a document's opening lines name (for titles that name none)."""
    head = "\n".join(line.text for line in part.content_lines[:6])
    match = _YEAR.search(head)
    return int(match.group(1)) if match else None


def dated_statement_year(text: str) -> int | None:
    """A work report's year from its dated statements: the year its 主要预期目标 are set for, else
    the year after the latest one its review reports on."""
    target = _TARGET_YEAR.search(text)
    if target:
        return int(target.group(1))
    reviewed = [int(match.group(1)) for match in _REVIEW_YEAR.finditer(text)]
    return max(reviewed) + 1 if reviewed else None
