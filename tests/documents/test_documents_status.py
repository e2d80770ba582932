"""The one count parser of the narrative reports: counts of tasks and the status words around them."""

from __future__ import annotations

import pytest
import regex

from govperf.documents.status import COUNT, count_status, counts_in_context, sentences

STATUS = [
    ("项任务已完成", "done"),
    ("项全面落实", "done"),
    ("项考核达标", "done"),
    ("项任务基本完成", None),  # partly done is not done
    ("项进度滞后", "lagging"),
    ("项未能按期完成", "lagging"),  # lagging wins over 完成
    ("项任务正在推进", None),
]


@pytest.mark.parametrize(("words", "status"), STATUS, ids=[words for words, _ in STATUS])
def test_the_words_around_a_count_give_its_status(words: str, status: str | None) -> None:
    assert count_status(words) == status


ITEM = regex.compile(rf"({COUNT})\s*项")
# The words of a count run from the end of the count before it to the start of the one after.
COUNTS = [
    ("共24项任务,已完成22项,2项滞后", [(24, "共24项任务"), (22, "已完成22项"), (2, "2项滞后")]),
    ("40项任务中39项已完成", [(40, "40项任务中"), (39, "任务中39项已完成")]),
    ("三项任务均已完成", [(3, "三项任务均已完成")]),
    ("高质量发展方面十二项", []),  # after a category name: skipped
]


@pytest.mark.parametrize(("text", "expected"), COUNTS, ids=[text for text, _ in COUNTS])
def test_each_count_comes_with_the_words_of_its_segment(text: str, expected: list[tuple[int, str]]) -> None:
    assert counts_in_context(text, ITEM, skip=lambda before: "方面" in before) == expected


SENTENCES = [
    ("共55项。已完成44项!滞后11项?", ["共55项。", "已完成44项!", "滞后11项?", ""]),
    ("共55项,已完成44项", ["共55项,已完成44项"]),
    ("", [""]),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCES, ids=[text or "(empty)" for text, _ in SENTENCES])
def test_sentences_keep_the_mark_that_ends_them(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected
