"""Bad input to ``govperf import``: every unreadable file is one line naming the file and the
reason, nothing of it reaches the database, and the good file of the same batch still loads.

Each case runs a batch of two names through the real CLI on the test database: a good report
(``good.txt``, a copy of the Haidian fixture) and the bad one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import text
from sqlalchemy.engine import URL, Engine

from govperf.cli import cli
from govperf.db.config import libpq_url

FIXTURES = Path(__file__).parents[1] / "fixtures" / "documents"
GOOD = FIXTURES / "haidian_2019_self_report.txt"
GOOD_TEXT = GOOD.read_text(encoding="utf-8")
TABLES = ("documents", "tasks", "category_results", "observations")


def run_import(db_url: URL, *args: str) -> Result:
    argv = ["--database-url", libpq_url(db_url, show_password=True), "import", "--silent", *args]
    return CliRunner().invoke(cli, argv)


def error_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {table: conn.scalar(text(f"SELECT count(*) FROM {table}")) or 0 for table in TABLES}


def source_names(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.scalars(text("SELECT source_name FROM v_documents ORDER BY source_name")))


def good_only_counts(engine: Engine, tmp_path: Path, db_url: URL) -> dict[str, int]:
    """Row counts after importing the good file alone (then the database is emptied again)."""
    folder = tmp_path / "alone"
    folder.mkdir()
    shutil.copy(GOOD, folder / "good.txt")
    assert run_import(db_url, str(folder / "good.txt")).exit_code == 0
    expected = counts(engine)
    with engine.begin() as conn:
        conn.execute(text("TRUNCATE documents CASCADE"))
    return expected


def _gb18030_cut(cut: int, character: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / "cut.txt"
        path.write_bytes(GOOD_TEXT.encode("gb18030") + character.encode("gb18030")[:cut])
        return path

    return make


def _file(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return make


def _big_file(folder: Path) -> Path:
    path = folder / "huge.txt"
    line = ("全区一般公共预算收入完成445亿元,同比增长3.5%。" * 8 + "\n").encode()
    block = line * (1024 * 1024 // len(line) + 1)
    with path.open("wb") as out:
        for _ in range(50):
            out.write(block)
    return path


def _empty_folder(folder: Path) -> Path:
    path = folder / "scans"
    path.mkdir()
    (path / "scan.pdf").write_bytes(b"%PDF-1.4\n")
    (path / "notes.docx").write_bytes(b"PK\x03\x04")
    (path / ".hidden.txt").write_text("海淀区", encoding="utf-8")
    return path


def _link_loop(folder: Path) -> Path:
    (folder / "loop_a.txt").symlink_to(folder / "loop_b.txt")
    (folder / "loop_b.txt").symlink_to(folder / "loop_a.txt")
    return folder / "loop_a.txt"


NO_ARTICLE = b"<html><head><title>x</title><script>var a = '\xe6\xb5\xb7\xe6\xb7\x80';</script></head>"
NO_ARTICLE += b"<body><nav><a href='/'>home</a></nav><div class='footer'></div></body></html>"
NOT_A_REPORT = "海淀区今日天气\n今天海淀区天气晴朗,最高气温25度,市民纷纷前往公园散步。\n".encode()
NO_DISTRICT = (
    "关于2019年度区政府绩效管理工作自查情况的报告\n\n2019年,我区认真落实绩效管理工作要求,"
    "全年地区生产总值增长6.5%,一般公共预算收入完成45亿元。\n一、高质量发展方面\n共承担任务12项,已全部完成。\n"
).encode()

# (id, make the bad input in a folder → the name to pass, words the error must contain)
BAD_INPUTS: list[tuple[str, Callable[[Path], Path], str]] = [
    ("empty", _file("empty.txt", b""), "the file is empty"),
    ("whitespace", _file("blank.txt", " \n\t\r\n\u3000\n".encode()), "only whitespace"),
    ("pdf", _file("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>"), "PDF"),
    ("png-named-txt", _file("report.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"), "PNG"),
    ("zip", _file("report.docx", b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00"), "zip archive"),
    ("nul-binary", _file("data.txt", bytes(range(256)) * 64), "binary"),
    ("undetectable-encoding", _file("noise.txt", bytes(range(0x80, 0x100)) * 16), "cannot detect the text"),
    ("html-no-article", _file("page.html", NO_ARTICLE), "no article text"),
    (
        "genre-unknown",
        _file("weather.txt", NOT_A_REPORT),
        "cannot tell the document's genre; give it with --genre",
    ),
    ("district-unknown", _file("nodistrict.txt", NO_DISTRICT), "names no region; give it with --district"),
    ("missing", lambda folder: folder / "absent.txt", "no such file or directory"),
    ("folder-without-documents", _empty_folder, "folder holds no .txt or .html file"),
    ("symlink-loop", _link_loop, "broken or looping symbolic link"),
    ("glob-matching-nothing", lambda folder: folder / "*.nothing", "no file matches this pattern"),
]


def test_each_bad_input_is_one_line_and_the_rest_of_the_batch_loads(
    db_url: URL, db_engine: Engine, tmp_path: Path
) -> None:
    """One database for every case (a clone per case would cost a second each): the good file is
    the same bytes every time, so the counts after each batch must equal those of the good file."""
    expected = good_only_counts(db_engine, tmp_path, db_url)
    for case, make, reason in BAD_INPUTS:
        folder = tmp_path / case
        folder.mkdir()
        shutil.copy(GOOD, folder / "good.txt")
        bad = make(folder)

        result = run_import(db_url, str(folder / "good.txt"), str(bad))

        assert result.exit_code == 1, case
        assert "Traceback" not in result.output + result.stderr, case
        lines = error_lines(result)
        assert len(lines) == 1, (case, lines)
        assert lines[0].startswith(f"error: {bad}: "), (case, lines)  # names the file as given
        assert reason in lines[0], (case, lines)
        assert counts(db_engine) == expected, case  # the good file, whole; nothing of the bad one
        assert source_names(db_engine) == ["good.txt"], case


def test_a_fifo_or_device_is_refused_without_blocking(db_url: URL, db_engine: Engine, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # reading it would block forever
    result = run_import(db_url, str(fifo), "/dev/zero", str(GOOD))
    assert result.exit_code == 1
    assert [line.split(": ", 2)[2] for line in error_lines(result)] == [
        "is not a regular file (a device, pipe or socket)"
    ] * 2
    assert source_names(db_engine) == [GOOD.name]


@pytest.mark.parametrize(("cut", "character"), [(1, "报"), (3, "\U00020000")], ids=["2-byte", "4-byte"])
def test_truncated_gb18030_loads_up_to_the_last_whole_character_with_a_warning(
    db_url: URL, db_engine: Engine, tmp_path: Path, cut: int, character: str
) -> None:
    """Half a character at the end is a cut-off download, not an unreadable file: the text up to
    it is imported, and the document records what was dropped."""
    path = _gb18030_cut(cut, character)(tmp_path)
    result = run_import(db_url, str(path))
    assert result.exit_code == 0, result.stderr
    with db_engine.connect() as conn:
        encoding, original, warnings = conn.execute(
            text("SELECT encoding, original_text, warnings FROM documents")
        ).one()
    assert encoding == "gb18030"
    assert original == GOOD_TEXT
    assert any(f"({cut} bytes dropped)" in w for w in warnings)


def test_genre_and_district_given_on_the_command_line_let_the_file_load(
    db_url: URL, db_engine: Engine, tmp_path: Path
) -> None:
    weather = _file("weather.txt", NOT_A_REPORT)(tmp_path)
    nodistrict = _file("nodistrict.txt", NO_DISTRICT)(tmp_path)
    assert run_import(db_url, str(weather), "--genre", "perf_work_report").exit_code == 0
    assert run_import(db_url, str(nodistrict), "--district", "西城区").exit_code == 0
    with db_engine.connect() as conn:
        rows = conn.execute(
            text("SELECT source_name, genre, district_code FROM v_documents ORDER BY 1")
        ).all()
    assert [tuple(row) for row in rows] == [
        ("nodistrict.txt", "perf_self_report", "110102"),
        ("weather.txt", "perf_work_report", "110108"),
    ]


def test_recursive_glob_does_not_follow_a_link_loop(db_url: URL, db_engine: Engine, tmp_path: Path) -> None:
    """``sub/a -> ..`` and ``sub/b -> ..``: following them, ``**`` would see 2**40 paths."""
    (tmp_path / "sub").mkdir()
    shutil.copy(GOOD, tmp_path / "sub" / "good.txt")
    for name in ("a", "b", "c"):
        (tmp_path / "sub" / name).symlink_to(tmp_path)
    result = run_import(db_url, f"{tmp_path}/**/*.txt", f"{tmp_path}/**")
    assert result.exit_code == 0, result.stderr
    assert source_names(db_engine) == ["good.txt"]


def test_a_recursive_glob_names_looping_file_links_as_such(
    db_url: URL, db_engine: Engine, tmp_path: Path
) -> None:
    """``**/*.txt`` matching ``a.txt -> b.txt -> a.txt``: each is a link loop, not 'no such file'."""
    (tmp_path / "sub").mkdir()
    shutil.copy(GOOD, tmp_path / "sub" / "good.txt")
    (tmp_path / "sub" / "loop_a.txt").symlink_to("loop_b.txt")
    (tmp_path / "sub" / "loop_b.txt").symlink_to("loop_a.txt")
    result = run_import(db_url, f"{tmp_path}/**/*.txt")
    assert result.exit_code == 1
    assert error_lines(result) == [
        f"error: {tmp_path}/sub/{name}: is a symbolic link loop (the links point at each other)"
        for name in ("loop_a.txt", "loop_b.txt")
    ]
    assert source_names(db_engine) == ["good.txt"]


def test_a_folder_walk_reports_each_bad_file_and_loads_the_rest(
    db_url: URL, db_engine: Engine, tmp_path: Path
) -> None:
    folder = tmp_path / "downloads"
    (folder / "deeper").mkdir(parents=True)
    shutil.copy(GOOD, folder / "deeper" / "good.txt")
    for name, make, _reason in BAD_INPUTS:
        if name not in ("missing", "glob-matching-nothing", "folder-without-documents"):
            (folder / name).mkdir()
            make(folder / name)
    (folder / "up").symlink_to(folder)
    result = run_import(db_url, str(folder))
    assert result.exit_code == 1
    errors = error_lines(result)
    assert len(errors) == 10  # 8 bad files and 2 looping links; a walk skips .pdf and .docx
    assert all(line.startswith(f"error: {folder}/") for line in errors)
    assert source_names(db_engine) == ["good.txt"]


# Peak RSS of this process image, before and after the command: VmHWM (ru_maxrss would include
# the forked pytest parent's pages, which Linux carries over exec).
RSS_PROBE = """
import sys


def peak_kb():
    with open("/proc/self/status") as status:
        return int(next(line.split()[1] for line in status if line.startswith("VmHWM:")))


from govperf.cli import main
import govperf.documents, govperf.load.importer
start = peak_kb()
sys.argv = ["govperf", *sys.argv[1:]]
try:
    main()
except SystemExit as exit:
    code = exit.code
print("rss_kb", start, peak_kb(), file=sys.stderr)
sys.exit(code)
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads VmHWM from Linux /proc")
def test_a_50_mb_file_is_refused_without_reading_it_into_memory(
    db_url: URL, db_engine: Engine, tmp_path: Path
) -> None:
    huge = _big_file(tmp_path)
    assert huge.stat().st_size > 50 * 1024 * 1024
    env = {**os.environ, "GOVPERF_DATABASE_URL": libpq_url(db_url, show_password=True)}
    done = subprocess.run(
        [sys.executable, "-c", RSS_PROBE, "import", "--silent", str(huge), str(GOOD)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert f"error: {huge}: file is 50.0 MB, over the 20.0 MB limit" in done.stderr
    start_kb, peak_kb = map(int, done.stderr.split("rss_kb ")[1].split()[:2])
    grew_mb = (peak_kb - start_kb) / 1024
    assert grew_mb < 40, f"peak RSS grew by {grew_mb:.0f} MB"  # reading the file alone is 50 MB
    assert done.stderr.count("error:") == 1
    assert source_names(db_engine) == [GOOD.name]


def test_a_file_name_with_a_newline_or_terminal_escape_is_still_one_escaped_line(
    db_url: URL, db_engine: Engine, tmp_path: Path
) -> None:
    bad = tmp_path / "evil\nname\x1b[2J\u202etxt.exe.txt"
    bad.write_bytes(b"")
    result = run_import(db_url, str(bad), str(GOOD))
    assert result.exit_code == 1
    [line] = error_lines(result)
    assert line == f"error: {tmp_path}/evil\\nname\\x1b[2J\\u202etxt.exe.txt: the file is empty"
    assert "\x1b" not in result.stderr
    assert source_names(db_engine) == [GOOD.name]


GLOBS = ["**/*.txt", "a/**/*.txt", "a/**", "a/**/b/*.html", "*/*.txt", "a/*/**/*.txt", "**", "a/**/c*"]


@pytest.mark.parametrize("pattern", GLOBS)
def test_recursive_glob_matches_like_glob_where_there_are_no_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pattern: str
) -> None:
    """paths._glob walks ``**`` itself (to stay out of link loops); without links it must find
    what glob.glob finds, relative and absolute."""
    import glob

    from govperf.load.paths import _glob

    for name in (
        "top.txt",
        "a/one.txt",
        "a/b/two.html",
        "a/b/c/three.txt",
        "a/.hidden/x.txt",
        "a/c.md",
        "d/e.txt",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert sorted(_glob(pattern, [])) == sorted(glob.glob(pattern, recursive=True))
    absolute = f"{tmp_path}/{pattern}"
    assert sorted(_glob(absolute, [])) == sorted(glob.glob(absolute, recursive=True))
