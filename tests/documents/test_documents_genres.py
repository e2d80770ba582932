"""The genre registry: one module per genre of genres.yaml, one list for every layer."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from govperf.cli.imports import parse_command
from govperf.data import load_yaml
from govperf.data.vocab import GENRE_NAMES, GENRES
from govperf.documents import genres
from govperf.documents.genres import GenreError, genre_spec, specs
from govperf.documents.genres.common import plain_years
from govperf.documents.genres.gov_work_report import year_rule as report_years

# The contract (DESIGN.md §1): codes and names never change.
NAMES = [
    ("perf_self_report", "年度绩效管理工作自查报告", "Annual performance-management self-assessment"),
    ("perf_work_report", "年度绩效管理工作报告", "Annual performance-management work report"),
    ("key_task_progress_table", "重点任务进展情况表", "Key-task progress table"),
    ("perf_task_progress_table", "绩效任务进展情况汇总表", "Performance-task progress table"),
    ("gov_work_report", "政府工作报告", "Government work report"),
]
# The year rule of each genre: only a work report infers its year from cues and sessions.
YEAR_RULES = {
    "perf_self_report": plain_years,
    "perf_work_report": plain_years,
    "key_task_progress_table": plain_years,
    "perf_task_progress_table": plain_years,
    "gov_work_report": report_years,
}


@pytest.mark.parametrize(("code", "name", "name_en"), NAMES, ids=[code for code, _, _ in NAMES])
def test_each_genre_keeps_its_code_and_names(code: str, name: str, name_en: str) -> None:
    spec = genre_spec(code)
    assert (spec.code, spec.name, spec.name_en) == (code, name, name_en)
    assert (code, name, name_en) in GENRE_NAMES
    assert spec.year_rule is YEAR_RULES[code]


def test_the_registry_is_the_list_of_genres_yaml_with_one_module_each() -> None:
    blocks = list(load_yaml("genres.yaml")["genres"])
    modules = {path.stem for path in Path(genres.__file__).parent.glob("*.py")} - {"__init__", "common"}
    assert list(specs()) == blocks == list(GENRES)
    assert modules == set(blocks)
    assert len(GENRES) == len(NAMES)


def test_the_cli_offers_the_registered_genres() -> None:
    option = next(p for p in parse_command.params if p.name == "genre")
    assert isinstance(option.type, click.Choice)
    assert tuple(option.type.choices) == GENRES


@pytest.mark.parametrize("code", ["", "gov_report", "PERF_SELF_REPORT"])
def test_an_unknown_genre_is_a_one_line_error_naming_it(code: str) -> None:
    with pytest.raises(GenreError, match=rf"unknown genre '{code}' \(one of gov_work_report, ") as raised:
        genre_spec(code)
    assert "\n" not in str(raised.value)
