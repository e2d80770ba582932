"""Progress tables of any column set, their columns named by the header words of
govperf/data/table_columns.yaml (序号 | 项目 | 责任单位 | 时间节点/年度目标 | 进展情况 | 完成率 …).

Rows are pipe or tab lines, or — a table saved one cell per line — runs of lines: a header of
short header words, then rows started by the next 序号 (or cut by wider gaps between lines, or
by the header's width).  A header may be split over several lines (a cell holding a line
break); a document may hold several tables, each under its own header.  Merged leading cells
(一级指标 | 二级指标 | 三级指标 of which a row repeats only the last) are aligned from the right.

The Beijing shapes (绩效任务 | 年度目标 | 进展 only; 序号 市折子号 任务 进展) are left to
govperf.documents.tables: ``parse_role_table`` returns None for them.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import regex

from govperf.documents.columns import column_role, header_roles
from govperf.documents.lines import Line, PartText
from govperf.documents.model import ParsedObservation, ParsedTask
from govperf.documents.observe import observe
from govperf.documents.status import task_status
from govperf.documents.tables import Cell, row_cells
from govperf.extract import ExtractContext

_PLAIN = {"seq", "title", "target", "progress"}
_RULE = regex.compile(r"[-:=\s|]*")
_NUMBER = regex.compile(r"\d+(?:\.\d+)?")
_SHARE_DONE = regex.compile(r"\s*(\d+(?:\.\d+)?)%")  # a progress cell that opens with a share done: '95%'
_SEQ = regex.compile(r"\d{1,3}")
_HAN = regex.compile(r"\p{Han}")
_FIGURE = regex.compile(
    r"(?P<bound>[≥≤><]=?|不低于|不少于|不超过|不高于|低于)?\s*(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>[^\d\s]{0,4})"
)
_UPPER = regex.compile(r"[≤<]=?|不超过|不高于|低于")
_STACK_MIN = 3  # header words in a row for a one-cell-per-line header


@dataclass
class _Table:
    roles: dict[str, list[int]]
    rows: list[list[Cell]]


def parse_role_table(
    part: PartText, year: int | None
) -> tuple[list[ParsedTask], list[ParsedObservation]] | None:
    """Tasks and observations of the part's progress tables; None when the part has none that
    this reader takes (no header of header words, or a Beijing shape)."""
    tables = _pipe_tables(part)
    if tables and _beijing_shape(tables[0].roles):
        return None
    tables = tables or _stacked_tables(part)
    if not tables:
        return None
    tasks: list[ParsedTask] = []
    found: list[ParsedObservation] = []
    for table in tables:
        _read_table(part, table, year, tasks, found)
    return tasks, found


def _beijing_shape(roles: dict[str, list[int]]) -> bool:
    if "ref" in roles:
        return True
    return (
        roles.keys() <= _PLAIN
        and all(len(indexes) == 1 for indexes in roles.values())
        and ({"target", "progress"} <= roles.keys())
    )


def _cell_texts(cells: list[Cell]) -> list[str]:
    return [cell.text for cell in cells]


def _all_header_words(cells: list[Cell]) -> bool:
    filled = [cell.text for cell in cells if cell.text]
    return bool(filled) and all(column_role(text) is not None for text in filled)


def _pipe_tables(part: PartText) -> list[_Table]:
    """Tables of pipe/tab rows: each header (possibly split over lines) starts a table."""
    rows = [cells for line in part.content_lines if (cells := row_cells(line)) is not None]
    rows = [cells for cells in rows if not all(_RULE.fullmatch(cell.text) for cell in cells)]
    if sum(1 for cells in rows if len(cells) >= 3) < 2:
        return []
    tables: list[_Table] = []
    i = 0
    while i < len(rows):
        header, j = _header_at(rows, i)
        if header is not None:
            tables.append(_Table(header, []))
            i = j
            continue
        if tables:
            tables[-1].rows.append(rows[i])
        i += 1
    return tables


def _header_at(rows: list[list[Cell]], i: int) -> tuple[dict[str, list[int]] | None, int]:
    """The header starting at row i (joined with following rows of header words) and the index
    of the row after it."""
    if not _all_header_words(rows[i]):
        return None, i
    if sum(1 for cell in rows[i] if cell.text) < 2:  # a caption cell (绩效指标) over the header row
        if i + 1 < len(rows) and _all_header_words(rows[i + 1]):
            return _header_at(rows, i + 1)
        return None, i
    cells = [cell for cell in rows[i] if cell.text]
    j = i + 1
    roles = header_roles(_cell_texts(cells))
    while j < len(rows) and _all_header_words(rows[j]) and len(cells) < 16:
        if not rows[j][0].text:  # a sub-header under the same columns ( | | (截至6月底) |)
            j += 1
            continue
        cells += [cell for cell in rows[j] if cell.text]
        j += 1
        roles = header_roles(_cell_texts(cells)) or roles
    return roles, j


def _stacked_tables(part: PartText) -> list[_Table]:
    """Tables saved one cell per line (a trailing ' |' of each cell is dropped)."""
    lines = [line for line in part.content_lines if len(line.text) <= 200]
    cells = [_line_cell(line) for line in lines]
    tables: list[_Table] = []
    i = 0
    while i < len(cells):
        j = i
        while j < len(cells) and cells[j].text and column_role(cells[j].text) is not None:
            j += 1
        roles = header_roles(_cell_texts(cells[i:j])) if j - i >= _STACK_MIN else None
        if roles is None:
            i = max(j, i + 1)
            continue
        end = j
        while end < len(cells) and not (
            cells[end].text and column_role(cells[end].text) and _header_follows(cells, end)
        ):
            end += 1
        tables.append(_Table(roles, _stack_rows(part, lines[j:end], cells[j:end], roles, j - i)))
        i = end
    return tables


def _header_follows(cells: list[Cell], i: int) -> bool:
    run = 0
    while i + run < len(cells) and cells[i + run].text and column_role(cells[i + run].text):
        run += 1
    return run >= _STACK_MIN and header_roles(_cell_texts(cells[i : i + run])) is not None


def _line_cell(line: Line) -> Cell:
    text = line.text
    stripped = text[:-1].rstrip() if text.endswith("|") else text
    return Cell(stripped, line.start, line.start + len(stripped))


def _stack_rows(
    part: PartText, lines: list[Line], cells: list[Cell], roles: dict[str, list[int]], width: int
) -> list[list[Cell]]:
    """Rows of a one-cell-per-line table: started by the next 序号, else cut at the wider gaps
    between lines, else every ``width`` cells."""
    if not cells:
        return []
    if roles.get("seq") == [0] and _SEQ.fullmatch(cells[0].text):
        rows: list[list[Cell]] = []
        expected = int(cells[0].text)
        for cell in cells:
            if _SEQ.fullmatch(cell.text) and int(cell.text) == expected:
                rows.append([])
                expected += 1
            rows[-1].append(cell)
        return rows
    gaps = [part.text.count("\n", a.end, b.start) for a, b in itertools.pairwise(lines)]
    if gaps and max(gaps) > min(gaps):
        rows = [[cells[0]]]
        for gap, cell in zip(gaps, cells[1:], strict=True):
            if gap > min(gaps):
                rows.append([])
            rows[-1].append(cell)
        return rows
    return [cells[k : k + width] for k in range(0, len(cells), width)]


def _read_table(
    part: PartText,
    table: _Table,
    year: int | None,
    tasks: list[ParsedTask],
    found: list[ParsedObservation],
) -> None:
    roles = table.roles
    titles = roles.get("title", [])
    lead = _leading_titles(roles)
    widest = max((len(row) for row in table.rows), default=0)
    for row in table.rows:
        if sum(1 for cell in row if cell.text) < 2:
            continue
        shift = min(widest - len(row), lead - 1) if lead >= 2 and len(row) < widest else 0
        cells = {index + shift: cell for index, cell in enumerate(row)}
        title_cell = next((cells[i] for i in reversed(titles) if i in cells and cells[i].text), None)
        target = _first(cells, roles.get("target", []))
        progress = _first(cells, roles.get("progress", []))
        title_cell = title_cell or target
        if title_cell is None or not _HAN.search(title_cell.text):
            continue  # no title, or a number where the title should be (a matrix, not a task table)
        if progress is None and not _outcome_cells(cells, roles):
            continue
        seq = _first(cells, roles.get("seq", []))
        index = len(tasks)
        title = title_cell.text
        tasks.append(
            ParsedTask(
                seq_no=int(seq.text) if seq is not None and seq.text.isdigit() else index + 1,
                title=part.orig_text(title_cell.start, title_cell.end),
                target_text=part.orig_text(target.start, target.end) if target is not None else None,
                progress_text=part.orig_text(progress.start, progress.end) if progress is not None else None,
                status=_status(cells, roles),
            )
        )
        if target is not None:
            context = ExtractContext(year=year, kind="target", label=title)
            found.extend(observe(part, target.start, target.end, context, task_index=index))
        for cell in _cells(cells, roles.get("progress", [])):
            context = ExtractContext(year=year, label=title)
            found.extend(observe(part, cell.start, cell.end, context, task_index=index))


def _leading_titles(roles: dict[str, list[int]]) -> int:
    """How many title columns open the row (一级指标 | 二级指标 | 三级指标)."""
    titles = set(roles.get("title", []))
    start = min(titles) if titles else 0
    count = 0
    while start + count in titles:
        count += 1
    return count


def _first(cells: dict[int, Cell], indexes: list[int]) -> Cell | None:
    return next(iter(_cells(cells, indexes)), None)


def _cells(cells: dict[int, Cell], indexes: list[int]) -> list[Cell]:
    return [cells[i] for i in indexes if i in cells and cells[i].text]


def _outcome_cells(cells: dict[int, Cell], roles: dict[str, list[int]]) -> list[Cell]:
    return _cells(cells, roles.get("status", []) + roles.get("rate", []))


def _status(cells: dict[int, Cell], roles: dict[str, list[int]]) -> str:
    """From the status words of a status column or of the progress columns (the last first:
    完成情况 after 进展情况), else the rate (≥ 100% done; a lower rate is work under way), else
    any word of work in the progress."""
    texts = [cell.text for cell in _cells(cells, roles.get("status", []))]
    texts += [cell.text for cell in reversed(_cells(cells, roles.get("progress", [])))]
    texts += [cell.text for cell in _cells(cells, roles.get("rate", []))]
    for text in texts:
        status = task_status(text, worded=True)
        if status != "unknown":
            return status
    for cell in _cells(cells, roles.get("rate", [])):
        number = _NUMBER.search(cell.text)
        if number:
            return "done" if float(number.group()) >= 100 else "on_track"
    target = _first(cells, roles.get("target", []))
    for cell in _cells(cells, roles.get("progress", [])) if target is None or "%" not in target.text else []:
        share = _SHARE_DONE.match(cell.text)  # 当前进度 | 95% |: a share of the work done, not a rate's value
        if share:
            return "done" if float(share.group(1)) >= 100 else "on_track"
    met = _meets_target(_first(cells, roles.get("target", [])), _first(cells, roles.get("progress", [])))
    if met:
        return "done"
    return next((status for text in texts if (status := task_status(text)) != "unknown"), "unknown")


def _meets_target(target: Cell | None, progress: Cell | None) -> bool:
    """A bare figure that reaches the bare target figure of its row, in the same unit
    (≥200 | 202; ≤4 | 4; 95% | 98%): the task is done."""
    if target is None or progress is None:
        return False
    wanted, got = _FIGURE.fullmatch(target.text), _FIGURE.fullmatch(progress.text)
    if not wanted or not got or got.group("bound") or wanted.group("unit") != got.group("unit"):
        return False
    goal, value = float(wanted.group("n")), float(got.group("n"))
    return value <= goal if _UPPER.fullmatch(wanted.group("bound") or "") else value >= goal
