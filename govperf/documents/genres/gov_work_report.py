"""gov_work_report (政府工作报告): review of last year and targets for this one
(govperf.documents.govreport); its year is the year it is delivered, inferred from dated cues
and the 人大届次 of the other reports of the file when it is masked (20xx)."""

from __future__ import annotations

from collections.abc import Sequence

from govperf.documents import govreport, recognize
from govperf.documents.genres.common import Part, YearFound
from govperf.documents.lines import PartText
from govperf.documents.model import ParsedDocument


def parse(document: ParsedDocument, text: PartText) -> None:
    # a report on part of a year (上半年…计划执行情况, 1-9月): its review is of that same year
    review_year = document.year if document.period_label not in ("year", "") else None
    document.observations = govreport.observations(text, document.year, review_year)


def year_rule(parts: Sequence[Part], national: bool = False) -> list[YearFound]:
    """(a plan report) its later year > title > delivery date > (a national report) the national
    congress session > dated headings > dated statements > cues > 人大届次 sequence of the file's
    reports."""
    found = [_report_year(part, national) for part in parts]
    unknown = [i for i, (year, _) in enumerate(found) if year is None]
    if unknown:
        sessions = [govreport.session(part.text) for part in parts]
        filled = govreport.years_from_sessions(sessions, [year for year, _ in found])
        for i in unknown:
            if filled[i] is not None:
                found[i] = (filled[i], "inferred")
    return found


def _report_year(part: Part, national: bool) -> YearFound:
    stated = (
        govreport.plan_execution_year(part.title, part.text)
        or recognize.title_year(part.title)
        or govreport.delivery_date_year(part.text)
        or (govreport.national_session_year(part.text) if national else None)
        or govreport.heading_year(part.text)
        or recognize.dated_statement_year(part.text.text)
    )
    if stated:
        return stated, "stated"
    if not govreport.is_masked(part.text):
        return None, None
    inferred = govreport.infer_year(part.text)
    return (inferred, "inferred") if inferred else (None, None)
