"""One normalisation per file: parts and the spans given to extraction are slices of it.

A span is never normalised again on its own, so the file's script decides how every span is
read: a line of shared characters in a Traditional report is still read through tw2sp (社群 →
社区), which a span-by-span script check (no Traditional-only character in the line) skipped.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from govperf.documents import parse_source, read_source
from govperf.documents.lines import PartText

# Invented figures.  The opening is Traditional; each case adds one line.
OPENING = """東城區2019年政府工作報告

各位代表:現在,我代表區人民政府向大會報告工作,請予審議。
過去一年,全區經濟運行穩中有進,區級一般公共預算收入完成98.37億元,同比增長5.2%。
"""
CASES = [
    ("全区社群服务站覆盖率达到95%。", "社区服务站覆盖率"),  # no Traditional-only character
    ("全區社群服務站覆蓋率達到95%。", "社区服务站覆盖率"),
    ("全區資訊平台訪問量達到12萬次。", "信息平台访问量"),  # 資訊 → 信息, a Taiwan phrase
]


@pytest.mark.parametrize(("line", "label"), CASES, ids=[line for line, _ in CASES])
def test_a_line_is_read_in_the_script_of_its_file(tmp_path: Path, line: str, label: str) -> None:
    path = tmp_path / "report.txt"
    path.write_text(OPENING + line + "\n", encoding="utf-8")
    (document,) = parse_source(read_source(str(path)), district="110101")
    last = document.observations[-1].observation
    assert last.label == label
    assert document.text[last.span_start : last.span_end] in line


SPLIT = "篇1\n東城區2015年政府工作報告\n各位代表:\n篇2\n東城區2016年政府工作報告\n各位代表:\n"


@pytest.mark.parametrize(
    ("start", "end"), [(0, 25), (25, len(SPLIT)), (4, 18)], ids=["篇1", "篇2", "a title"]
)
def test_a_part_is_a_slice_of_the_files_normalisation(start: int, end: int) -> None:
    part = PartText(SPLIT).part(start, end)
    alone = PartText(SPLIT[start:end])
    assert part.original == SPLIT[start:end]
    assert (part.text, part.norm.starts, part.norm.ends) == (alone.text, alone.norm.starts, alone.norm.ends)
