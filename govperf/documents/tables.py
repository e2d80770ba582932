"""The two table genres: 绩效任务进展情况汇总表 (pipe rows) and 重点任务进展情况表 (折子号 rows).

perf_task_progress_table — ``绩效任务 | 年度目标 | 进展 |`` rows.  A merged 绩效任务 cell was
flattened, so a continuation row carries only ``目标 | 进展 | |`` and belongs to the task above;
an HTML table (rowspan expanded) repeats the title instead: both give the same tasks.

key_task_progress_table — ``序号 市折子号 任务 进展`` rows flattened with single spaces.  Cells
contain spaces themselves, so the task/progress boundary is the first space that follows a
sentence end (。；！？), not simply the first space.  Task-column figures quote the city's
work report: targets of the city around the district (its municipality for a Beijing district).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from govperf.documents.lines import Line, PartText
from govperf.documents.model import ParsedObservation, ParsedTask
from govperf.documents.observe import observe
from govperf.documents.status import task_status
from govperf.extract import ExtractContext
from govperf.extract.scopes import scope_region

DEFAULT_ROLES = {"title": 0, "target": 1, "progress": 2}
_TARGET_HEAD = regex.compile(r"目标|要求|任务内容")
_PROGRESS_HEAD = regex.compile(r"进展|完成情况|落实情况|进度")
_TITLE_HEAD = regex.compile(r"绩效任务|任务名称|指标|考评内容|事项|项目")
_SEQ_HEAD = regex.compile(r"^序号$|^编号$")
_TITLE_JOINERS = regex.compile(r"[及和与、]")
_RULE_CELL = regex.compile(r"[-:=\s]*")
_VALUE_PIECE = regex.compile(r"\s*\d")
_KEY_HEADER = regex.compile(r"序号.{0,20}(折子|任务)")
_KEY_ROW = regex.compile(
    r"(?P<seq>\d{1,3})\s+(?P<ref>[0-9A-Za-z第\-—.()()]*\d[0-9A-Za-z\-—.()()]*项?)\s+(?P<rest>\S.*)"
)
_KEY_ROW_NO_REF = regex.compile(r"(?P<seq>\d{1,3})[\s.、]+(?P<rest>[^\d\s].*)")
_REF_HEAD = regex.compile(r"折子|文号|编号")
_REF_CELL = regex.compile(r"[0-9A-Za-z第\-—.()()]*\d[0-9A-Za-z\-—.()()]*项?")
# a cell naming who is responsible (县教育局, 区住建委, 市发展改革委): short, no figure, an organ's word last
_OWNER_CELL = regex.compile(r"[^\d,,。;;]{1,12}(?:局|委|办|中心|政府|院|队|站|所|会|部|司|处|室|社|联)")
_SENTENCE_END = "。;;!!??"
_CLOSERS = "”’」)) "
_HEADING_MAX = 24  # characters of a numbered paragraph's heading sentence


@dataclass(frozen=True)
class Cell:
    text: str
    start: int
    end: int


def pipe_cells(line: Line, separator: str = "|") -> list[Cell]:
    """The cells of a ``a | b | c |`` (or tab-separated) line, stripped, trailing empty cells dropped."""
    cells: list[Cell] = []
    pos = line.start
    for raw in line.text.split(separator):
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        cells.append(Cell(stripped, pos + lead, pos + lead + len(stripped)))
        pos += len(raw) + 1
    while cells and not cells[-1].text:
        cells.pop()
    return cells


def row_cells(line: Line) -> list[Cell] | None:
    """The cells of a pipe or tab row; None for a line that is not a row."""
    if "|" in line.text:
        return pipe_cells(line)
    if "\t" in line.text:
        return pipe_cells(line, "\t")
    return None


def _header_roles(cells: list[Cell]) -> dict[str, int] | None:
    roles: dict[str, int] = {}
    for index, cell in enumerate(cells):
        if _SEQ_HEAD.search(cell.text):
            roles.setdefault("seq", index)
        elif _PROGRESS_HEAD.search(cell.text) and len(cell.text) <= 16:
            roles.setdefault("progress", index)
        elif _TARGET_HEAD.search(cell.text) and len(cell.text) <= 12:
            roles.setdefault("target", index)
        elif _TITLE_HEAD.search(cell.text) and len(cell.text) <= 12:
            roles.setdefault("title", index)
    return roles if {"target", "progress"} <= roles.keys() else None


def parse_perf_table(part: PartText, year: int | None) -> tuple[list[ParsedTask], list[ParsedObservation]]:
    """One task per data row of a 绩效任务进展情况 pipe table, with its observations."""
    rows = [cells for cells in _pipe_rows(part) if not all(_RULE_CELL.fullmatch(cell.text) for cell in cells)]
    header = next((i for i, cells in enumerate(rows) if _header_roles(cells)), None)
    if header is not None:
        roles, body = _header_roles(rows[header]) or DEFAULT_ROLES, rows[header + 1 :]
    else:  # no header row: the first three-cell row starts a title | target | progress table
        first = next((i for i, cells in enumerate(rows) if sum(1 for c in cells if c.text) >= 3), len(rows))
        roles, body = DEFAULT_ROLES, rows[first:]
    tasks: list[ParsedTask] = []
    titles: list[str] = []  # normalised titles, for metric labels
    found: list[ParsedObservation] = []
    for cells in body:
        row = _row_cells(cells, roles, bool(tasks))
        if row is None:
            continue
        title = row[0].text if row[0] is not None else titles[-1]
        titles.append(title)
        target, progress = row[1], row[2]
        tasks.append(
            ParsedTask(
                seq_no=len(tasks) + 1,
                title=part.orig_text(row[0].start, row[0].end) if row[0] is not None else tasks[-1].title,
                target_text=part.orig_text(target.start, target.end) or None,
                progress_text=part.orig_text(progress.start, progress.end) or None,
                status=task_status(progress.text),
            )
        )
        found.extend(_target_observations(part, target, title, year, len(tasks) - 1))
        found.extend(
            observe(part, progress.start, progress.end, ExtractContext(year=year), task_index=len(tasks) - 1)
        )
    return tasks, found


def _pipe_rows(part: PartText) -> list[list[Cell]]:
    return [cells for line in part.content_lines if (cells := row_cells(line)) is not None]


def _row_cells(
    cells: list[Cell], roles: dict[str, int], has_previous: bool
) -> tuple[Cell | None, Cell, Cell] | None:
    """(title or None for a continuation row, target, progress); None for a non-data row."""
    width = max(roles.values()) + 1
    if sum(1 for cell in cells if cell.text) < 2:
        return None
    empty = Cell("", cells[-1].end, cells[-1].end)
    padded = cells + [empty] * (width - len(cells))
    title_index = roles.get("title", min(roles["target"], roles["progress"]) - 1)
    if len(cells) >= width and title_index >= 0 and padded[title_index].text:
        return padded[title_index], padded[roles["target"]], padded[roles["progress"]]
    if has_previous and len(cells) == width - 1:  # flattened merged cell: 目标 | 进展 | |
        shift = 1 if title_index < roles["target"] else 0
        return None, padded[roles["target"] - shift], padded[roles["progress"] - shift]
    if has_previous and len(cells) >= width and title_index >= 0:  # emptied merged cell: | 目标 | 进展 |
        return None, padded[roles["target"]], padded[roles["progress"]]
    return None


def title_parts(title: str) -> list[str]:
    """'一般公共预算收入及支出' → ['一般公共预算收入', '一般公共预算支出'] (shared stem restored)."""
    parts = [piece for piece in _TITLE_JOINERS.split(title) if piece]
    if len(parts) < 2:
        return [title]
    first = parts[0]
    return [first] + [
        first[: len(first) - len(piece)] + piece if len(piece) < len(first) else piece for piece in parts[1:]
    ]


def _target_observations(
    part: PartText, cell: Cell, title: str, year: int | None, task_index: int
) -> list[ParsedObservation]:
    """A target cell's observations; 'a/b' values pair with the title's parts in order."""
    pieces = cell.text.split("/")
    labels = title_parts(title)
    if len(pieces) == len(labels) > 1 and all(_VALUE_PIECE.match(piece) for piece in pieces):
        found: list[ParsedObservation] = []
        pos = cell.start
        for piece, label in zip(pieces, labels, strict=True):
            context = ExtractContext(year=year, kind="target", label=label)
            found.extend(observe(part, pos, pos + len(piece), context, task_index=task_index))
            pos += len(piece) + 1
        return found
    context = ExtractContext(year=year, kind="target", label=title)
    return observe(part, cell.start, cell.end, context, task_index=task_index)


def parse_key_table(part: PartText, year: int | None) -> tuple[list[ParsedTask], list[ParsedObservation]]:
    """One task per 序号 row: ref_code (市折子号, when the table has one), the city's requirement,
    the district's progress.  Cells are split by pipes, tabs, or single spaces."""
    tasks: list[ParsedTask] = []
    found: list[ParsedObservation] = []
    for _line, (seq, ref, task, progress) in key_table_rows(part):
        index = len(tasks)
        tasks.append(
            ParsedTask(
                seq_no=int(seq.text),
                ref_code=ref.text if ref is not None else None,
                title=part.orig_text(task.start, task.end),
                progress_text=part.orig_text(progress.start, progress.end) or None,
                status=task_status(progress.text),
            )
        )
        city = ExtractContext(year=year, kind="target", district_code=_city(part.district))
        found.extend(observe(part, task.start, task.end, city, task_index=index))
        found.extend(observe(part, progress.start, progress.end, ExtractContext(year=year), task_index=index))
    return tasks, found


def key_table_rows(part: PartText) -> list[tuple[Line, tuple[Cell, Cell | None, Cell, Cell]]]:
    """(line, row) of each 序号 row, below the header when there is one."""
    header = next((line for line in part.content_lines if _KEY_HEADER.search(line.text)), None)
    has_ref = bool(_REF_HEAD.search(header.text)) if header is not None else None
    in_table = header is None  # headerless: every row-shaped line is a row
    rows = []
    for line in part.content_lines:
        if not in_table:
            in_table = line is header
            continue
        row = _key_row(line, has_ref)
        if row is not None:
            rows.append((line, row))
    return rows


def has_key_header(part: PartText) -> bool:
    return any(_KEY_HEADER.search(line.text) for line in part.content_lines)


def _city(district: str | None) -> str | None:
    """The city whose work report the requirement column quotes: the prefecture-level city (or
    municipality) around the district; None (the document's own) when the district is not known."""
    return scope_region("市", district) if district else None


def _key_row(line: Line, has_ref: bool | None) -> tuple[Cell, Cell | None, Cell, Cell] | None:
    """(序号, 市折子号 or None, task, progress) of a row; None for a line that is no row."""
    cells = row_cells(line)
    if cells is not None:
        cells = [cell for cell in cells if cell.text] if "|" not in line.text else cells
        if len(cells) < 3 or not cells[0].text.isdigit():
            return None
        if has_ref is None and len(cells) >= 4 and not _REF_CELL.fullmatch(cells[1].text):
            return _unheaded_row(cells)
        if has_ref is False or (has_ref is None and len(cells) == 3):
            empty = Cell("", cells[2].end, cells[2].end)
            return cells[0], None, cells[1], cells[2] if len(cells) > 2 else empty
        return (cells[0], cells[1], cells[2], cells[3]) if len(cells) >= 4 else None
    match = _KEY_ROW.fullmatch(line.text) if has_ref is not False else None
    if match is None and has_ref is not True:
        match = _KEY_ROW_NO_REF.fullmatch(line.text)
    if not match:
        return None
    base = line.start
    seq = Cell(match.group("seq"), base + match.start("seq"), base + match.end("seq"))
    ref = None
    if "ref" in match.groupdict():
        ref = Cell(match.group("ref"), base + match.start("ref"), base + match.end("ref"))
    rest_start = base + match.start("rest")
    rest = match.group("rest")
    split = _task_progress_boundary(rest)
    task_text = rest[:split].rstrip()
    progress_text = rest[split:].strip()
    task = Cell(task_text, rest_start, rest_start + len(task_text))
    progress_start = rest_start + len(rest) - len(progress_text)
    return seq, ref, task, Cell(progress_text, progress_start, progress_start + len(progress_text))


def _unheaded_row(cells: list[Cell]) -> tuple[Cell, None, Cell, Cell]:
    """A row without header whose second cell is no 折子号 (1 | task | 县教育局 | progress | 按时序推进):
    the task, then the cells after it but the owner's as the progress (a status word cell included)."""
    rest = [cell for cell in cells[2:] if cell.text and not _OWNER_CELL.fullmatch(cell.text)]
    if not rest:
        return cells[0], None, cells[1], Cell("", cells[1].end, cells[1].end)
    return cells[0], None, cells[1], Cell(" ".join(c.text for c in rest), rest[0].start, rest[-1].end)


def _task_progress_boundary(rest: str) -> int:
    """Index in ``rest`` where the progress cell starts (len(rest) when there is none)."""
    spaces = [i for i, char in enumerate(rest) if char in " \t"]
    for i in spaces:
        before = rest[:i].rstrip(_CLOSERS)
        if before and before[-1] in _SENTENCE_END:
            return i + 1
    for i in spaces:  # no sentence end: a space between two Chinese clauses
        if (
            i >= 8
            and regex.match(r"\p{Han}", rest[i - 1])
            and regex.match(r"\p{Han}", rest[i + 1 : i + 2] or "x")
        ):
            return i + 1
    if spaces:
        return spaces[0] + 1
    # '经济平稳运行。全县…' (a numbered paragraph of a notice): a short heading, then its progress
    end = next((i for i, char in enumerate(rest[:_HEADING_MAX]) if char in _SENTENCE_END), None)
    return end + 1 if end is not None and len(rest) > 3 * (end + 1) else len(rest)
