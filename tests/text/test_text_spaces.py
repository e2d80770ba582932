"""Text without its whitespace (govperf.text.spaces)."""

from __future__ import annotations

import pytest

from govperf.text.spaces import without_spaces

CASES = [
    ("政府 工作 报告", "政府工作报告"),
    ("2024年\n 上半年\t进展", "2024年上半年进展"),
    ("全角\u3000空格", "全角空格"),  # an ideographic space is whitespace too
    ("", ""),
    ("无空白", "无空白"),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] or "empty" for c in CASES])
def test_without_spaces(text: str, expected: str) -> None:
    assert without_spaces(text) == expected
