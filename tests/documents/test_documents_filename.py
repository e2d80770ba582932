"""A file's name as the last resort for its region and year (govperf.documents.filename)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from govperf.documents import ParsedDocument, parse_source, read_source
from govperf.documents.filename import region_in_name, year_in_name
from govperf.errors import ParseError

# (file name, region it gives, year it gives)
NAMES = [
    ("p_410000_2026.txt", "410000", 2026),
    ("corpus/p_000000_2025.txt", "000000", 2025),
    ("report.txt", None, None),
    ("20240115_notes.txt", None, None),  # a date, not a year or a code
    ("999999_2024.txt", None, 2024),  # no such region
    ("410000_vs_420000.txt", None, None),  # two regions: the name says nothing
    ("review-2024-2025.html", None, None),  # two years
    ("r15_somecounty_2026_gb18030.txt", None, 2026),
    ("x_1948.txt", None, None),  # before the first year read
    ("320583-2022.htm", "320583", 2022),
]


@pytest.mark.parametrize(("name", "region", "year"), NAMES, ids=[n for n, _, _ in NAMES])
def test_region_and_year_in_a_file_name(name: str, region: str | None, year: int | None) -> None:
    assert region_in_name(name) == region
    assert year_in_name(name) == year


# a progress notice in our own words that names neither its region nor its year
NAMELESS = (
    "重点工作上半年推进情况通报\n"
    "一、主要指标完成情况\n"
    "上半年,全市地区生产总值增长5.2%,规模以上工业增加值增长6.4%。\n"
    "二、重点任务推进情况\n"
    "1.推进老旧小区改造。已开工38个,完成年度任务的76%。\n"
)


def _parse_as(folder: Path, name: str, text: str) -> list[ParsedDocument]:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return parse_source(read_source(path))


def test_a_text_naming_no_region_takes_the_region_and_year_of_its_file_name(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="names no region"):
        _parse_as(tmp_path, "notice.txt", NAMELESS)
    (document,) = _parse_as(tmp_path, "p_421200_2021.txt", NAMELESS)
    assert (document.district_code, document.year, document.year_source) == ("421200", 2021, "inferred")
    assert any("file's name" in warning for warning in document.warnings)
    gdp = [p.observation for p in document.observations if p.observation.metric_code == "gdp"]
    assert [(o.value, o.year) for o in gdp] == [(Decimal("5.2"), 2021)]  # values of the file's year


def test_the_text_wins_over_the_file_name(tmp_path: Path) -> None:
    text = "海淀区2019年绩效管理工作自查报告\n" + NAMELESS.split("\n", 1)[1]
    (document,) = _parse_as(tmp_path, "p_421200_2021.txt", text)
    assert (document.district_code, document.year) == ("110108", 2019)
    assert not any("file's name" in warning for warning in document.warnings)


def test_the_file_name_picks_among_regions_of_one_short_name(tmp_path: Path) -> None:
    text = "朝阳区重点工作上半年推进情况\n" + NAMELESS.split("\n", 1)[1].replace("全市", "全区")
    with pytest.raises(ParseError, match="names several regions"):
        _parse_as(tmp_path, "notice.txt", text)
    (document,) = _parse_as(tmp_path, "p_220104_2024.txt", text)
    assert (document.district_code, document.year) == ("220104", 2024)
