"""scope_region: the region 全市 / 全省 / 全州 / 全国 names, seen from the document's region, is
always a division of the region table (never a code made from the document code's digits)."""

from __future__ import annotations

import pytest

from govperf.data.regions import by_code
from govperf.extract.scopes import scope_region

# (scope word, document region, region the scope names; None = the document's own region)
CASES = [
    ("市", "410102", "410100"),  # 中原区 → 郑州市
    ("省", "410102", "410000"),
    ("市", "320583", None),  # 昆山市, a county-level city: itself
    ("省", "320583", "320000"),
    ("市", "320500", None),  # 苏州市, a prefecture: itself
    ("省", "320500", "320000"),
    ("市", "110108", "110000"),  # 海淀区 → 北京市 (districts sit directly under a municipality)
    ("省", "110108", None),  # a municipality is no 省
    ("市", "500229", "500000"),  # 城口县 → 重庆市
    ("市", "429004", None),  # 仙桃市, administered directly by 湖北: itself, not an invented 429000
    ("省", "429004", "420000"),
    ("州", "429004", None),
    ("市", "469001", None),  # 五指山市 (海南): not 469000
    ("市", "419001", None),  # 济源市 (河南): not 419000
    ("市", "659001", None),  # 石河子市 (新疆): not 659000
    ("省", "659001", "650000"),
    ("市", "429021", None),  # 神农架林区, directly under 湖北: no prefecture above it
    ("省", "429021", "420000"),
    ("州", "532502", "532500"),  # 开远市 → 红河州
    ("州", "532500", None),  # 红河州 itself
    ("盟", "152522", "152500"),  # 阿巴嘎旗 → 锡林郭勒盟
    ("市", "152502", None),  # 锡林浩特市: itself
    ("省", "410000", None),  # a province: itself
    ("国", "410102", "000000"),
    ("市", "999999", None),  # a code that is no region: nothing invented
    ("市", None, None),
    ("410100", "410102", "410100"),  # a code already resolved is kept
]


@pytest.mark.parametrize(("scope", "document", "expected"), CASES, ids=[f"全{s}@{d}" for s, d, _ in CASES])
def test_scope_region(scope: str, document: str | None, expected: str | None) -> None:
    assert scope_region(scope, document) == expected


def test_every_scope_of_every_division_is_a_division() -> None:
    table = by_code()
    for code in table:
        for scope in ("市", "省", "州", "盟", "地区"):
            named = scope_region(scope, code)
            assert named is None or named in table, (scope, code, named)
