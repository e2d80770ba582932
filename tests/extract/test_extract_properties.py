"""Property tests: extract() never raises, spans point into the text at the number."""

from __future__ import annotations

import math
import re
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govperf.extract import ExtractContext, extract

PIECES = [
    "PM2.5",
    "累计浓度为",
    "同比下降",
    "增长",
    "下降",
    "左右",
    "以内",
    "控制在",
    "约",
    "亿元",
    "万人",
    "亩",
    "平方公里",
    "%",
    "个百分点",
    "全市排名第",
    "居全市首位",
    "预计",
    "目标",
    "截至11月底",
    "1-11月",
    ",",
    "。",
    ";",
    "、",
    "和",
    "分别",
    "城镇登记失业率",
    "新增绿化面积",
    "区级一般公共预算收入",
    "萬元GDP能耗",
    "區級",
    "億元",
    " ",
    "\n",
    "|",
    "第",
    "年",
    "月",
    "日",
    "〔2016〕",
    "号",
    "二",
    "十",
    "两",
    "万",
    "余",
    "-",
    "～",
    "－",
    "/",
    "(",
    ")",
    "１２",
    "３．５",
    "０",
    "的",
    "完成年度任务量的",
]
TEXT = st.lists(
    st.one_of(st.sampled_from(PIECES), st.decimals(0, 10**6, places=2).map(str), st.text(max_size=4)),
    max_size=40,
).map("".join)


def _check(text: str) -> None:
    for obs in extract(text, context=ExtractContext(year=2020)):
        assert 0 <= obs.span_start < obs.span_end <= len(text)
        assert math.isfinite(float(obs.value))
        assert obs.value_max is None or math.isfinite(float(obs.value_max))
        assert obs.snippet in text
        if obs.measure != "rank":
            covered = unicodedata.normalize("NFKC", text[obs.span_start : obs.span_end])
            assert re.match(r"[0-9０-９零〇一二两三四五六七八九十百千万亿]", covered), covered


@pytest.mark.slow
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_extract_on_composed_text_never_raises(text: str) -> None:
    _check(text)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_extract_on_arbitrary_text_never_raises(text: str) -> None:
    _check(text)


@given(st.decimals(min_value=0, max_value=10**7, places=3, allow_nan=False))
@settings(max_examples=200, deadline=None)
def test_a_written_value_reads_back(value: object) -> None:
    text = f"技术合同成交额{value}亿元"
    (obs,) = extract(text)
    assert obs.value == obs.raw_value == value
    assert text[obs.span_start : obs.span_end] == f"{value}亿元"
