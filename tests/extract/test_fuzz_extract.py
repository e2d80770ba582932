"""Property tests: extraction never raises, whatever the text, and what it returns is sane.

Two generators feed ``extract``: arbitrary Unicode, and corpus-like sentences (invented here, in
the style of the documents) mutated by inserting, deleting and replacing characters drawn from
digits, Chinese numerals, units, cue words and punctuation.  For every result: every span lies
inside the text, every value is finite, every code is one the database accepts.  A third test
mutates whole small documents and checks ``parse_source`` raises nothing but ParseError /
SourceError.  Each test counts the inputs it actually ran and asserts the count, so the figure
in docs/reliability.md (``FUZZ_INPUTS``) is what ran.
"""

from __future__ import annotations

import hashlib
import random
import sys
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govperf.documents import Source, parse_source
from govperf.errors import ParseError, SourceError
from govperf.extract import COMPARATORS, KINDS, MEASURES, ExtractContext, Observation, extract

pytestmark = pytest.mark.slow

ARBITRARY_INPUTS = 5_500
MUTATED_INPUTS = 3_900
DOCUMENT_INPUTS = 600
FUZZ_INPUTS = ARBITRARY_INPUTS + MUTATED_INPUTS + DOCUMENT_INPUTS  # 10,000

_FUZZ = settings(
    deadline=None,
    database=None,
    derandomize=False,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)


def fuzz(examples: int) -> settings:
    return settings(_FUZZ, max_examples=examples)


SENTENCES = [
    "到10月底,PM2.5累计浓度为38微克/立方米,同比下降4微克/立方米,全市排名第三。",
    "全区实现地区生产总值1250.3亿元,同比增长6.5%左右。",
    "区级一般公共预算收入完成45.6亿元,完成年度预算的103.2%。",
    "1-11月,社会消费品零售额达到321亿元,比上年同期增长8.1个百分点。",
    "城镇登记失业率控制在1.5%以内,城乡新增就业1.8万人。",
    "拆除违法建设640万平方米,腾退土地300公顷,新增绿化面积1,200亩。",
    "万元GDP能耗下降3.5%,万元GDP水耗下降3%,重污染天数比2015年减少12天。",
    "主要预期目标是:地区生产总值增长6-6.5%,居民人均可支配收入与经济增长同步。",
    "全年共承担绩效任务41项,已完成38项,3项进展滞后,完成率为92.7%。",
    "技术合同成交额突破一千二百亿元,地均产出率达到15.6亿元/平方公里。",
    "預計全年地區生產總值增長7%,區級財政收入完成二十億元。",
    "上半年,食品抽检合格率98.5%以上,药品抽验合格率不低于99%。",
    "棚户区改造完成1,350户,办理人大代表建议、政协委员提案共计215件。",
    "全市排名第3位,较去年提升两位;森林覆盖率达到44.6%。",
    "十三五时期,五年来累计完成投资约3000亿元,年均增长10.2%。",
]
# What a mutation inserts: the characters numbers, units and cues are made of, and some noise.
ALPHABET = list(
    "0123456789０１２３４５６７８９.,,、%%‰-~—至到一二三四五六七八九十百千万亿两零第"
    "元亿万吨公顷亩平方米千克微克立方人户件项天位个百分点年月日底季度上下半全"
    "同比增长下降减少提高以上以内左右约不超过低于预计目标力争控制在累计截至"
    "。;:()()《》“”\"'\n\t \u3000\u200b\u200f\ufeff\x00"
)
# Unicode scalar values: a lone surrogate (category Cs) is not text, and no decoder govperf uses
# (strict UTF-8, UTF-16, GB18030, Big5) can produce one, so a str read from a file never holds it.
CHARACTERS = st.characters(exclude_categories=["Cs"])


def mutate(base: list[str], seed: int) -> str:
    """One or two base sentences with up to 12 random insertions, deletions, replacements and
    duplications.  The edits come from ``random.Random(seed)``: one hypothesis draw per input
    keeps generation ~20x cheaper than drawing every edit, and the seed still reproduces it."""
    rng = random.Random(seed)
    text = "".join(rng.choices(base, k=rng.randint(1, 2)))
    for _ in range(rng.randint(0, 12)):
        at = rng.randint(0, len(text))
        piece = rng.choice((_alphabet_piece, _any_character))(rng)
        operation = rng.randrange(4)
        if operation == 0:
            text = text[:at] + piece + text[at:]
        elif operation == 1:
            text = text[:at] + text[at + rng.randint(1, 4) :]
        elif operation == 2:
            text = text[:at] + piece + text[at + 1 :]
        else:
            text = text[:at] + text[at : at + 8] + text[at:]
    return text


def _alphabet_piece(rng: random.Random) -> str:
    return "".join(rng.choices(ALPHABET, k=rng.randint(1, 4)))


def _any_character(rng: random.Random) -> str:
    code = rng.randrange(0x110000)
    return chr(code) if not 0xD800 <= code <= 0xDFFF else "\ufffd"


def mutated(base: list[str]) -> st.SearchStrategy[str]:
    return st.integers(0, 2**64).map(lambda seed: mutate(base, seed))


CONTEXTS = st.builds(
    ExtractContext,
    year=st.one_of(st.none(), st.integers(1949, 2100)),
    kind=st.sampled_from([None, *KINDS]),
    label=st.one_of(st.none(), st.sampled_from(["一般公共预算收入", "PM2.5", "完成率", ""])),
)


def check(text: str, observations: list[Observation]) -> None:
    for obs in observations:
        assert 0 <= obs.span_start < obs.span_end <= len(text), (obs.span_start, obs.span_end, len(text))
        for value in (obs.value, obs.raw_value, obs.value_max):
            assert value is None or (isinstance(value, Decimal) and value.is_finite()), value
        assert obs.measure in MEASURES and obs.kind in KINDS and obs.comparator in COMPARATORS
        assert isinstance(obs.label, str) and isinstance(obs.snippet, str)


def test_extract_never_raises_on_arbitrary_unicode() -> None:
    ran = 0

    @fuzz(ARBITRARY_INPUTS)
    @given(text=st.text(CHARACTERS, max_size=120), context=st.one_of(st.none(), CONTEXTS))
    def run(text: str, context: ExtractContext | None) -> None:
        nonlocal ran
        ran += 1
        check(text, extract(text, context=context))

    run()
    assert ran >= ARBITRARY_INPUTS


def test_extract_never_raises_on_mutated_corpus_like_text() -> None:
    ran = 0
    found = 0

    @fuzz(MUTATED_INPUTS)
    @given(text=mutated(SENTENCES), context=st.one_of(st.none(), CONTEXTS))
    def run(text: str, context: ExtractContext | None) -> None:
        nonlocal ran, found
        ran += 1
        observations = extract(text, context=context)
        found += len(observations)
        check(text, observations)

    run()
    assert ran >= MUTATED_INPUTS
    assert found > MUTATED_INPUTS  # the mutations keep most numbers readable: this is not noise


DOCUMENTS = [
    "海淀区2019年度绩效管理工作自查报告\n一、高质量发展方面\n共承担任务12项,已完成11项,1项滞后。\n"
    + SENTENCES[1]
    + "\n二、高效率落实方面\n"
    + SENTENCES[8]
    + "\n主办:北京市海淀区人民政府",
    "通州区涉及2021年市政府工作报告重点任务进展情况表\n序号 市折子号 任务 目前进展情况\n"
    "1 2021-01 拆除违法建设640万平方米 已完成300万平方米\n2 2021-02 新增绿化面积300公顷 正在推进\n",
    "西城区2017年上半年市政府绩效任务进展情况汇总表\n绩效任务 | 年度目标 | 上半年进展情况 |\n"
    "生态环境 | PM2.5年均浓度控制在45微克/立方米以内 | 累计浓度为41微克/立方米 |\n"
    "| 新增绿地50公顷 | 已完成30公顷 | |\n",
    "篇1\n2016年東城區政府工作報告\n" + SENTENCES[7] + "\n篇2\n20xx年政府工作報告\n" + SENTENCES[10],
]


def test_parse_source_raises_only_parse_or_source_errors_on_mutated_documents() -> None:
    ran = 0
    outcomes = {"parsed": 0, "refused": 0}

    @fuzz(DOCUMENT_INPUTS)
    @given(text=mutated(DOCUMENTS), give_genre=st.booleans())
    def run(text: str, give_genre: bool) -> None:
        nonlocal ran
        ran += 1
        data = text.encode("utf-8", "surrogatepass")
        source = Source(
            path="fuzz.txt", name="fuzz.txt", data=data, sha256=hashlib.sha256(data).hexdigest(),
            encoding="utf-8", text=text,
        )  # fmt: skip
        try:
            documents = parse_source(source, genre="perf_work_report" if give_genre else None)
        except (ParseError, SourceError) as error:
            assert "\n" not in str(error)
            outcomes["refused"] += 1
            return
        outcomes["parsed"] += 1
        for document in documents:
            for parsed in document.observations:
                check(document.text, [parsed.observation])
            assert all(
                p.task_index is None or 0 <= p.task_index < len(document.tasks) for p in document.observations
            )

    run()
    assert ran >= DOCUMENT_INPUTS
    assert outcomes["parsed"] > DOCUMENT_INPUTS // 4  # the mutations reach the parsers, not only the refusals


LONG_SENTENCE_CLAUSES = 400


# Over-long sentences are read in pieces (cues.yaml max_sentence_chars), so the work of one
# "sentence" of many clauses (a page without 。) grows about linearly.  Work is counted as Python
# function calls (deterministic, whatever the machine's load), not timed: 4x the clauses must
# cost at most half of the 16x a quadratic cost would give.
def test_extract_work_grows_about_linearly_with_the_clauses_of_one_sentence() -> None:
    def calls(clauses: int) -> int:
        text = "增长3.5%," * clauses
        extract(text[:8])  # warm the caches (tables, compiled patterns) outside the count
        count = 0

        def profile(_frame: object, event: str, _arg: object) -> None:
            nonlocal count
            if event in ("call", "c_call"):
                count += 1

        sys.setprofile(profile)
        try:
            extract(text)
        finally:
            sys.setprofile(None)
        return count

    small, large = calls(LONG_SENTENCE_CLAUSES // 4), calls(LONG_SENTENCE_CLAUSES)
    assert large < 8 * small, (small, large)
