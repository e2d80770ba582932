"""Read a file into a ``Source``: bytes, detected encoding, decoded original text.

Encodings are detected, never assumed: a BOM (UTF-8, UTF-16) wins; then strict UTF-8; then
charset-normalizer's best guess, accepted only when the decoded text reads as Chinese or
ASCII prose.  GB2312/GBK guesses decode as GB18030, their superset.  CRLF and lone CR become
LF.  A file cut inside its last multibyte character is decoded up to that character, with a
warning.  A file that one encoding clearly fits but for a few bad byte sequences (a flipped or
dropped byte: at most 0.5% of the bytes, and the text still reads as prose) is decoded with
U+FFFD in their place and a warning naming their byte offsets; random bytes are still refused.
A stray NUL byte in text is kept (the importer stores it as U+FFFD); more than one in a
thousand bytes means a binary file.  Anything that cannot be read as a text document raises
``SourceError`` whose message is one line saying why.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import re
import threading
from pathlib import Path

from lxml import etree

from govperf.documents.html import HtmlTooDeep, html_to_text, looks_like_html
from govperf.documents.model import Source
from govperf.errors import SourceError

MAX_BYTES = 20 * 1024 * 1024
# Parsing holds a few hundred bytes per character of text (spans, lines, observations), so the
# text a document yields is bounded too: 1,000,000 characters is 25 times the longest report
# seen (a 20 MB HTML page is fine if its article is of ordinary length).
MAX_TEXT_CHARS = 1_000_000

# Magic numbers of binary formats people mistake for documents.
_MAGIC = (
    (b"%PDF", "a PDF file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a zip archive (docx/xlsx?)"),
    (b"\xd0\xcf\x11\xe0", "an OLE document (doc/xls?)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7z archive"),
)
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_CHINESE_CODECS = {"gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "hz": "hz"}
_BIG5_CODECS = {"big5": "big5hkscs", "big5hkscs": "big5hkscs", "cp950": "cp950"}
# At most this share of the bytes (or _MAX_BAD_FEW sequences) may be undecodable in a file that
# an encoding "clearly fits"; the warning names the first _SHOWN_OFFSETS of them.
_MAX_BAD_SHARE = 0.005
_MAX_BAD_FEW = 4
_SHOWN_OFFSETS = 5
_LENIENT_CODECS = ("utf-8", "gb18030", "big5hkscs")
_READABLE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u2000-\u206f\s!-~\u00a0-\u00ff]")


def read_source(path: str | Path) -> Source:
    """Read ``path`` (a .txt or saved .html page) into a Source; SourceError when impossible."""
    file = Path(path)
    data = _read_bytes(file)
    _refuse_binary(file, data)
    text, encoding, warnings = _decode(file, data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise SourceError(str(file), "the file holds only whitespace, no text")
    is_html = looks_like_html(text, file.suffix)
    if is_html:
        text = _article_text(file, text)
    if len(text) > MAX_TEXT_CHARS:
        raise SourceError(
            str(file), f"holds {len(text):,} characters of text, over the {MAX_TEXT_CHARS:,} limit"
        )
    return Source(
        path=str(file),
        name=file.name,
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        text=text,
        is_html=is_html,
        warnings=tuple(warnings),
    )


def symlink_problem(path: Path) -> str:
    """Why a path that does not resolve cannot be read: a link loop, a broken link, or absent."""
    if not path.is_symlink():
        return "no such file"
    try:
        os.stat(path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "is a symbolic link loop (the links point at each other)"
    return "is a broken symbolic link (its target does not exist)"


def _read_bytes(file: Path) -> bytes:
    if not file.exists():
        raise SourceError(str(file), symlink_problem(file))
    if file.is_dir():
        raise SourceError(str(file), "is a directory, not a file")
    if not file.is_file():
        raise SourceError(str(file), "is not a regular file (a device, pipe or socket)")
    size = file.stat().st_size
    if size > MAX_BYTES:
        raise SourceError(str(file), f"file is {_size(size)}, over the {_size(MAX_BYTES)} limit")
    try:
        with file.open("rb") as stream:  # never more than the limit, even if the file grows
            data = stream.read(MAX_BYTES + 1)
    except OSError as error:
        raise SourceError(str(file), f"cannot be read ({error.strerror or error})") from error
    if len(data) > MAX_BYTES:
        raise SourceError(str(file), f"file is over the {_size(MAX_BYTES)} limit")
    if not data:
        raise SourceError(str(file), "the file is empty")
    return data


def _size(count: int) -> str:
    return f"{count / 1024 / 1024:.1f} MB" if count >= 1024 * 1024 else f"{count} bytes"


def _refuse_binary(file: Path, data: bytes) -> None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise SourceError(str(file), f"is {what}, not a text document")
    head = data[:65536]
    if head.count(b"\x00") > max(2, len(head) // 1000) and not head.startswith(_UTF16_BOMS):
        raise SourceError(str(file), "is binary (contains NUL bytes), not a text document")


def _decode(file: Path, data: bytes) -> tuple[str, str, list[str]]:
    """(text, encoding name, warnings) — or SourceError when no encoding reads it."""
    if data.startswith(codecs.BOM_UTF8):
        return _decode_with(file, data[3:], "utf-8", "utf-8-sig", base=3)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_with(file, data, "utf-16", "utf-16")
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as error:
        if _truncated_at_end(data, error, "utf-8"):
            return _decode_with(file, data, "utf-8", "utf-8")
    guess = _guess_encoding(data)
    if guess is not None:
        return _decode_with(file, data, guess, guess)
    fits = [found for codec in _LENIENT_CODECS if (found := _lenient(data, codec)) is not None]
    if not fits:
        raise SourceError(str(file), "cannot detect the text encoding (not UTF-8, GB18030/GBK or Big5)")
    text, codec, bad = min(fits, key=lambda found: sum(end - start for start, end in found[2]))
    return text, codec, [_bad_bytes_warning(codec, bad)]


def _decode_with(
    file: Path, data: bytes, codec: str, name: str, *, base: int = 0
) -> tuple[str, str, list[str]]:
    """Decode strictly; a multibyte character cut off at the very end is dropped with a warning,
    a few bad sequences are replaced with a warning (see the module docstring)."""
    try:
        return data.decode(codec), name, []
    except UnicodeDecodeError as error:
        if not _truncated_at_end(data, error, codec):
            found = _lenient(data, codec)
            if found is not None:
                return found[0], name, [_bad_bytes_warning(name, found[2], base)]
            raise SourceError(
                str(file), f"is not valid {name}: undecodable bytes at offset {base + error.start}"
            ) from error
        text = data[: error.start].decode(codec)
        return (
            text,
            name,
            [f"truncated multibyte character at the end ({len(data) - error.start} bytes dropped)"],
        )


def _truncated_at_end(data: bytes, error: UnicodeDecodeError, codec: str) -> bool:
    """True when the only decoding error is an incomplete character in the last 3 bytes."""
    if len(data) - error.start > 3 or error.start == 0:
        return False
    try:
        data[: error.start].decode(codec)
    except UnicodeDecodeError:
        return False
    return True


_recorded = threading.local()


def _record_bad(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: note the bad sequence's [start, end) and put U+FFFD in its place."""
    assert isinstance(error, UnicodeDecodeError)
    bad: list[tuple[int, int]] = _recorded.spans
    bad.append((error.start, error.end))
    if len(bad) > _recorded.limit:
        raise error
    return "\ufffd", error.end


codecs.register_error("govperf-record", _record_bad)


def _lenient(data: bytes, codec: str) -> tuple[str, str, list[tuple[int, int]]] | None:
    """(text, codec, bad [start, end) byte spans) when ``codec`` clearly fits ``data`` but for a
    few bad sequences (a cut last character counts as one); None when it does not."""
    limit = max(_MAX_BAD_FEW, int(len(data) * _MAX_BAD_SHARE))
    _recorded.spans, _recorded.limit = [], limit
    try:
        text = data.decode(codec, errors="govperf-record")
    except UnicodeDecodeError:
        return None
    bad: list[tuple[int, int]] = _recorded.spans
    if not bad or sum(end - start for start, end in bad) > limit:
        return None
    if not _reads_as_prose_text(text.replace("\ufffd", "")):
        return None
    if codec == "utf-8" and sum(1 for ch in text if ord(ch) > 0x7F) < 10 * len(bad):
        return None  # mostly ASCII with a few high bytes: nothing shows the file is UTF-8
    return text, codec, bad


def _bad_bytes_warning(codec: str, bad: list[tuple[int, int]], base: int = 0) -> str:
    """The warning naming how many sequences were replaced and (the first of) their file offsets."""
    shown = ", ".join(str(base + start) for start, _ in bad[:_SHOWN_OFFSETS])
    more = f" (first {_SHOWN_OFFSETS} shown)" if len(bad) > _SHOWN_OFFSETS else ""
    count = f"{len(bad)} undecodable byte sequence{'s' if len(bad) > 1 else ''}"
    return f"{count} replaced with U+FFFD (read as {codec}) at byte offsets {shown}{more}"


def _guess_encoding(data: bytes) -> str | None:
    """charset-normalizer's best Chinese-capable guess whose text reads as prose, else None."""
    from charset_normalizer import from_bytes

    candidates = [match.encoding.lower() for match in from_bytes(data[:200_000])]
    for name in [*candidates, "gb18030", "big5hkscs"]:
        codec = _CHINESE_CODECS.get(name) or _BIG5_CODECS.get(name) or _other_codec(name)
        if codec and _reads_as_prose(data, codec):
            return codec
    return None


def _other_codec(name: str) -> str | None:
    """Non-Chinese encodings are accepted only for pure-ASCII-like text (utf_8 variants)."""
    return "utf-8" if name.replace("_", "-") in ("utf-8", "ascii") else None


def _reads_as_prose(data: bytes, codec: str) -> bool:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as error:
        if not _truncated_at_end(data, error, codec):
            return False
        text = data[: error.start].decode(codec)
    return _reads_as_prose_text(text)


def _reads_as_prose_text(text: str) -> bool:
    sample = text[:20_000]
    if not sample.strip():
        return False
    readable = sum(1 for ch in sample if _READABLE.match(ch))
    return readable / len(sample) >= 0.97


def _article_text(file: Path, markup: str) -> str:
    try:
        text = html_to_text(markup)
    except HtmlTooDeep as error:
        raise SourceError(str(file), str(error)) from error
    except (etree.ParserError, ValueError) as error:
        raise SourceError(str(file), f"HTML cannot be parsed ({error})") from error
    if not text.strip():
        raise SourceError(str(file), "HTML page has no article text")
    return text
