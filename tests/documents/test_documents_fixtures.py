"""Whole-document golden tests: each fixture under tests/fixtures/documents/ parses to its
``<file>.expected.json`` (or ``<stem>.expected.json``): genre, district, year, year_source,
period, parts, task count and prefixes, category results, totals.  Observation values are
left to the extraction engine's own tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from govperf.documents import ParsedDocument, parse_source, read_source

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "documents"
DOCUMENTS = sorted(path for path in FIXTURES.iterdir() if path.suffix in (".txt", ".html", ".htm"))


def _expected(path: Path) -> dict[str, Any]:
    for candidate in (path.with_name(path.name + ".expected.json"), path.with_suffix(".expected.json")):
        if candidate.exists():
            loaded: dict[str, Any] = json.loads(candidate.read_text(encoding="utf-8"))
            return loaded
    raise AssertionError(f"no golden JSON for {path.name}")


def test_every_fixture_has_a_golden_file() -> None:
    assert len(DOCUMENTS) >= 7
    for path in DOCUMENTS:
        _expected(path)


@pytest.mark.parametrize("path", DOCUMENTS, ids=[path.name for path in DOCUMENTS])
def test_fixture_parses_to_its_golden_json(path: Path) -> None:
    expected = _expected(path)
    source = read_source(path)
    if "encoding" in expected:
        assert source.encoding == expected["encoding"]
    if "is_html" in expected:
        assert source.is_html == expected["is_html"]
    documents = parse_source(source)
    assert [doc.part for doc in documents] == [part["part"] for part in expected["parts"]]
    for document, part in zip(documents, expected["parts"], strict=True):
        _check_document(document, part)


def _check_document(document: ParsedDocument, expected: dict[str, Any]) -> None:
    got = document.to_dict()
    for key in ("genre", "district_code", "year", "year_source", "title", "published_on"):
        if key in expected:
            assert got[key] == expected[key], key
    for key in ("period_start", "period_end"):
        if key in expected:
            assert got[key] == expected[key], key
    assert document.period_label == expected["period"]
    assert 0 < document.genre_confidence <= 1
    assert len(document.tasks) == expected["task_count"]
    results = [
        {key: result[key] for key in ("category_code", "tasks_total", "tasks_done", "tasks_lagging")}
        for result in got["category_results"]
    ]
    assert results == expected["category_results"]
    assert document.totals == expected.get("totals", {})
    for task, want in zip(got["tasks"], expected.get("tasks", []), strict=True):
        _check_task(task, want)
    for text in expected.get("text_contains", []):
        assert text in document.text
    for fragment in expected.get("warnings_contain", []):
        assert any(fragment in warning for warning in document.warnings), document.warnings


def _check_task(task: dict[str, Any], want: dict[str, Any]) -> None:
    assert task["seq_no"] == want["seq_no"]
    for key, field in (
        ("title_prefix", "title"),
        ("target_prefix", "target_text"),
        ("progress_prefix", "progress_text"),
    ):
        if key in want:
            assert (task[field] or "").startswith(want[key]), (field, task[field])
    for key in ("ref_code", "status"):
        if key in want:
            assert task[key] == want[key], key


def test_html_and_flattened_text_give_the_same_tasks() -> None:
    html = parse_source(read_source(FIXTURES / "shijingshan_2019_h1_perf_tasks.html"))[0]
    text = parse_source(read_source(FIXTURES / "shijingshan_2019_h1_perf_tasks.txt"))[0]
    assert [(t.title, t.target_text, t.progress_text) for t in html.tasks] == [
        (t.title, t.target_text, t.progress_text) for t in text.tasks
    ]


@pytest.mark.parametrize("path", DOCUMENTS, ids=[path.name for path in DOCUMENTS])
def test_observation_spans_point_into_the_part_text(path: Path) -> None:
    for document in parse_source(read_source(path)):
        for item in document.observations:
            observation = item.observation
            assert 0 <= observation.span_start < observation.span_end <= len(document.text)
            assert item.task_index is None or 0 <= item.task_index < len(document.tasks)


@pytest.mark.parametrize("path", DOCUMENTS, ids=[path.name for path in DOCUMENTS])
def test_to_dict_round_trips_through_json(path: Path) -> None:
    for document in parse_source(read_source(path)):
        as_dict = document.to_dict(with_text=True)
        assert json.loads(json.dumps(as_dict, ensure_ascii=False)) == as_dict
        assert as_dict["text"] == document.text and "text" not in document.to_dict()
        assert [len(as_dict[k]) for k in ("tasks", "observations")] == [
            len(document.tasks),
            len(document.observations),
        ]
        assert as_dict["period_end"] == (document.period_end and document.period_end.isoformat())


@pytest.mark.parametrize("genre", ["perf_work_report", "perf_self_report"])
def test_every_task_index_points_at_a_task_of_its_document(genre: str) -> None:
    """A self-report read as a work report (which keeps no tasks) must not keep figures tied to tasks."""
    path = FIXTURES / "haidian_2019_self_report.txt"
    for document in parse_source(read_source(path), genre=genre):
        indexes = {found.task_index for found in document.observations} - {None}
        assert indexes <= set(range(len(document.tasks)))
        if genre == "perf_self_report":
            assert indexes, "the self-report's task figures should be tied to its tasks"
