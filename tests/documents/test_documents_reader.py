"""read_source: encodings detected, HTML reduced to its article, every unreadable file refused
with a one-line SourceError naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from govperf.documents import read_source
from govperf.documents import reader as reader_module
from govperf.errors import SourceError

SAMPLE = "海淀区2019年度绩效管理工作报告\n全区一般公共预算收入完成445亿元,同比增长3.5%。\n"


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("encoding", "data", "name"),
    [
        ("utf-8", SAMPLE.encode("utf-8"), "plain utf-8"),
        ("utf-8-sig", b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"), "utf-8 with BOM"),
        ("gb18030", SAMPLE.encode("gb18030"), "gb18030"),
        ("gb18030", SAMPLE.encode("gbk"), "gbk (read as its superset)"),
        ("utf-16", SAMPLE.encode("utf-16"), "utf-16 with BOM"),
    ],
    ids=lambda value: value if isinstance(value, str) and " " in value else None,
)
def test_encodings_are_detected(tmp_path: Path, encoding: str, data: bytes, name: str) -> None:
    source = read_source(_write(tmp_path, "doc.txt", data))
    assert source.encoding == encoding, name
    assert source.text == SAMPLE
    assert len(source.sha256) == 64 and source.data == data


def test_crlf_and_lone_cr_become_lf(tmp_path: Path) -> None:
    data = "第一行\r\n第二行\r第三行\n".encode()
    assert read_source(_write(tmp_path, "doc.txt", data)).text == "第一行\n第二行\n第三行\n"


def test_truncated_multibyte_character_at_end_is_dropped_with_a_warning(tmp_path: Path) -> None:
    data = SAMPLE.encode("utf-8") + "报".encode()[:2]
    source = read_source(_write(tmp_path, "doc.txt", data))
    assert source.text == SAMPLE
    assert any("truncated" in warning for warning in source.warnings)


REFUSED = [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b" \n\t\r\n  \n", "only whitespace"),
    ("scan.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    ("report.docx", b"PK\x03\x04\x14\x00\x06\x00", "zip"),
    ("nul.txt", b"abc\x00def\x00" * 20, "NUL bytes"),
    ("noise.txt", bytes(range(0x80, 0x100)) * 8, "encoding"),
    ("empty.html", b"<html><body><nav>home</nav><script>var a=1;</script></body></html>", "no article text"),
]


@pytest.mark.parametrize(("name", "data", "reason"), REFUSED, ids=[case[0] for case in REFUSED])
def test_unreadable_files_raise_a_one_line_source_error(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    path = _write(tmp_path, name, data)
    with pytest.raises(SourceError) as caught:
        read_source(path)
    message = str(caught.value)
    assert reason in message and name in message and "\n" not in message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file"):
        read_source(tmp_path / "absent.txt")


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="directory"):
        read_source(tmp_path)


def test_oversized_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader_module, "MAX_BYTES", 1024)
    path = _write(tmp_path, "big.txt", SAMPLE.encode() * 100)
    with pytest.raises(SourceError, match=r"file is \d+ bytes, over the 1024 bytes limit"):
        read_source(path)


def test_a_text_too_long_to_parse_is_refused_however_small_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reader_module, "MAX_TEXT_CHARS", 500)
    path = _write(tmp_path, "long.txt", SAMPLE.encode() * 40)
    with pytest.raises(SourceError, match=r"holds [\d,]+ characters of text, over the 500 limit"):
        read_source(path)


HTML_PAGE = """<!DOCTYPE html><html><head><meta charset="gb2312"><title>标题_北京市丰台区人民政府</title>
<script>var x = "脚本";</script></head><body>
<div id="nav"><a>首页</a><a>机构</a></div>
<div class="content"><h1>丰台区2019年度绩效管理工作报告</h1>
<p>一、总体情况</p><p>全年地区生产总值增长6%左右。</p>
<table><tr><th>任务</th><th>目标</th><th>进展</th></tr>
<tr><td rowspan="2">生态环境</td><td colspan="1">新增绿地50公顷</td><td>已完成</td></tr>
<tr><td>拆违20万平方米</td><td>正在推进</td></tr></table></div>
<div class="footer">主办:北京市丰台区人民政府 政府网站标识码:1101060001</div>
</body></html>"""


def test_html_article_text_tables_and_footer(tmp_path: Path) -> None:
    source = read_source(_write(tmp_path, "page.html", HTML_PAGE.encode("gb18030")))
    assert source.is_html and source.encoding == "gb18030"
    lines = source.text.splitlines()
    assert lines[0] == "丰台区2019年度绩效管理工作报告"
    assert "全年地区生产总值增长6%左右。" in lines
    assert "生态环境 | 新增绿地50公顷 | 已完成 |" in lines
    assert "生态环境 | 拆违20万平方米 | 正在推进 |" in lines
    assert "首页" not in source.text and "脚本" not in source.text
    assert lines[-1].startswith("主办:北京市丰台区人民政府")


def test_html_without_known_container_uses_the_densest_block(tmp_path: Path) -> None:
    page = (
        "<html><body><div><a>链接一</a> <a>链接二</a></div><div><div>"
        + "".join(f"<p>第{i}段,全区新增就业{i}千人,各项工作稳步推进。</p>" for i in range(1, 6))
        + "</div></div><div>版权所有</div></body></html>"
    )
    source = read_source(_write(tmp_path, "page.htm", page.encode()))
    assert source.text.splitlines()[0] == "第1段,全区新增就业1千人,各项工作稳步推进。"
    assert "链接一" not in source.text


# A few bad bytes in a file one encoding clearly fits: decoded with U+FFFD and a warning naming
# the byte offsets; too many bad bytes, or random bytes, are still refused.
PROSE = (
    "海淀区2019年度绩效管理工作报告\n全区一般公共预算收入完成445亿元,同比增长3.5%。各项工作稳步推进。\n" * 40
)
TRADITIONAL = (
    "海澱區2019年度績效管理工作報告\n全區一般公共預算收入完成445億元,同比增長3.5%。各項工作穩步推進。\n" * 40
)
HALF = PROSE[: len(PROSE) // 2]
HALF_TRADITIONAL = TRADITIONAL[: len(TRADITIONAL) // 2]


def _insert(text: str, head: str, encoding: str, bad: bytes, prefix: bytes = b"") -> bytes:
    """``text`` encoded, with ``bad`` inserted after ``head`` (a prefix of it)."""
    data = text.encode(encoding)
    cut = len(head.encode(encoding))
    return prefix + data[:cut] + bad + data[cut:]


def _drop_byte(text: str, head: str) -> bytes:
    """UTF-8 ``text`` with the last byte of the character after ``head`` dropped."""
    data = text.encode()
    at = len(head.encode()) + 2
    return data[:at] + data[at + 1 :]


# (id, bytes, encoding read, text expected, byte offsets named in the warning)
DAMAGED = [
    (
        "gb18030 with 4 bytes 0xFF in the middle",
        _insert(PROSE, HALF, "gb18030", b"\xff" * 4),
        "gb18030",
        HALF + "\ufffd" * 4 + PROSE[len(HALF) :],
        [len(HALF.encode("gb18030")) + i for i in range(4)],
    ),
    (
        "utf-8 with a byte of one character dropped",
        _drop_byte(PROSE, HALF),
        "utf-8",
        HALF + "\ufffd" + PROSE[len(HALF) + 1 :],
        [len(HALF.encode())],
    ),
    (
        "utf-8 with a BOM and 2 stray bytes (offsets count the BOM)",
        _insert(PROSE, HALF, "utf-8", b"\x80\xff", prefix=b"\xef\xbb\xbf"),
        "utf-8-sig",
        HALF + "\ufffd\ufffd" + PROSE[len(HALF) :],
        [3 + len(HALF.encode()), 4 + len(HALF.encode())],
    ),
    (
        "big5 with 2 bytes 0xFF in the middle",
        _insert(TRADITIONAL, HALF_TRADITIONAL, "big5hkscs", b"\xff\xff"),
        "big5hkscs",
        HALF_TRADITIONAL + "\ufffd\ufffd" + TRADITIONAL[len(HALF_TRADITIONAL) :],
        [len(HALF_TRADITIONAL.encode("big5hkscs")) + i for i in range(2)],
    ),
    (
        "gb18030 with 7 bad bytes: the first 5 offsets named",
        _insert(PROSE, HALF, "gb18030", b"\xff" * 7),
        "gb18030",
        HALF + "\ufffd" * 7 + PROSE[len(HALF) :],
        [len(HALF.encode("gb18030")) + i for i in range(7)],
    ),
]


@pytest.mark.parametrize(
    ("name", "data", "encoding", "expected", "offsets"), DAMAGED, ids=[case[0] for case in DAMAGED]
)
def test_a_few_bad_bytes_are_replaced_with_a_warning_naming_their_offsets(
    tmp_path: Path, name: str, data: bytes, encoding: str, expected: str, offsets: list[int]
) -> None:
    source = read_source(_write(tmp_path, "damaged.txt", data))
    assert source.encoding == encoding
    assert source.text == expected
    shown = ", ".join(str(offset) for offset in offsets[:5])
    count = f"{len(offsets)} undecodable byte sequence{'s' if len(offsets) > 1 else ''}"
    more = " (first 5 shown)" if len(offsets) > 5 else ""
    assert source.warnings == (
        f"{count} replaced with U+FFFD (read as {encoding}) at byte offsets {shown}{more}",
    )


def _spoiled(text: str, encoding: str, every: int) -> bytes:
    """``text`` encoded with every ``every``-th byte set to 0xFF."""
    data = bytearray(text.encode(encoding))
    data[::every] = b"\xff" * len(data[::every])
    return bytes(data)


NOT_TEXT = [
    ("random bytes without NUL", bytes((i * 7919 + 13) % 255 + 1 for i in range(20_000))),
    ("gb18030 with 1 byte in 50 spoiled", _spoiled(PROSE, "gb18030", 50)),
    ("utf-8 with 1 byte in 50 spoiled", _spoiled(PROSE, "utf-8", 50)),
]


@pytest.mark.parametrize(("name", "data"), NOT_TEXT, ids=[case[0] for case in NOT_TEXT])
def test_too_many_bad_bytes_are_still_refused(tmp_path: Path, name: str, data: bytes) -> None:
    with pytest.raises(SourceError, match="cannot detect the text encoding"):
        read_source(_write(tmp_path, "noise.txt", data))


def _nested(depth: int) -> bytes:
    article = "<p>海淀区2019年度绩效管理工作报告</p><p>全区一般公共预算收入完成445亿元,同比增长3.5%。</p>"
    return f"<html><body>{'<div>' * depth}{article}{'</div>' * depth}</body></html>".encode()


@pytest.mark.parametrize("depth", [255, 300, 2000], ids=lambda depth: f"{depth} divs deep")
def test_html_nested_up_to_2000_levels_is_read(tmp_path: Path, depth: int) -> None:
    source = read_source(_write(tmp_path, "deep.html", _nested(depth)))
    assert source.text == "海淀区2019年度绩效管理工作报告\n全区一般公共预算收入完成445亿元,同比增长3.5%。\n"


@pytest.mark.parametrize("depth", [2100, 10_000], ids=lambda depth: f"{depth} divs deep")
def test_html_nested_deeper_than_the_parser_goes_says_so(tmp_path: Path, depth: int) -> None:
    with pytest.raises(
        SourceError, match=r"^.*deep\.html: HTML nested deeper than 2048 levels \(at line 1, column"
    ):
        read_source(_write(tmp_path, "deep.html", _nested(depth)))


def _loop(folder: Path) -> Path:
    (folder / "a.txt").symlink_to("b.txt")
    (folder / "b.txt").symlink_to("a.txt")
    return folder / "a.txt"


def _broken(folder: Path) -> Path:
    (folder / "a.txt").symlink_to("gone.txt")
    return folder / "a.txt"


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (_loop, "is a symbolic link loop (the links point at each other)"),
        (_broken, "is a broken symbolic link (its target does not exist)"),
        (lambda folder: folder / "absent.txt", "no such file"),
    ],
    ids=["link loop", "broken link", "no file"],
)
def test_a_name_that_does_not_resolve_says_why(tmp_path: Path, make: object, reason: str) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    with pytest.raises(SourceError) as caught:
        read_source(path)
    assert str(caught.value) == f"{path}: {reason}"
