"""A part's text as normalised lines, each able to point back into the original text.

Parsing works on ``normalize(original).text``; every span found there is mapped back with
``NormalizedText.orig_span`` before it is stored.  Web boilerplate (cruft.yaml) stays in the
stored text but is never given to extraction: a boilerplate *phrase* is cut out of its line
(``content_lines`` holds the pieces around it), and a line with nothing else is *cruft* as a whole.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property

import regex

from govperf.documents.data import boilerplate_patterns, cruft_patterns
from govperf.text.normalize import NormalizedText, normalize


@dataclass(frozen=True)
class Line:
    """One stripped line of the normalised text: [start, end) offsets into it."""

    index: int
    text: str
    start: int
    end: int
    cruft: bool


_SUBSTANCE = regex.compile(r"[\p{Han}\p{L}\p{N}]")


def content_pieces(text: str) -> list[tuple[int, int]]:
    """[start, end) of the pieces of a (normalised, stripped) line that are not boilerplate.

    Boilerplate phrases are cut out; each piece left around them is stripped and kept only when
    it holds a letter, digit or Han character.  A line without a phrase is one piece, as it is;
    a line matching a ``line`` pattern has none.
    """
    if any(pattern.search(text) for pattern in cruft_patterns()):
        return []
    cuts = sorted(
        match.span()
        for pattern in boilerplate_patterns()
        for match in pattern.finditer(text)
        if match.group()
    )
    if not cuts:
        return [(0, len(text))]  # untouched, whatever it holds (a table's lone '|' row stays)
    pieces: list[tuple[int, int]] = []
    pos = 0
    for start, end in cuts:  # overlapping phrases cut as one
        if start > pos:
            pieces.append((pos, start))
        pos = max(pos, end)
    pieces.append((pos, len(text)))
    out: list[tuple[int, int]] = []
    for start, end in pieces:
        piece = text[start:end]
        if _SUBSTANCE.search(piece):
            lead = len(piece) - len(piece.lstrip())
            out.append((start + lead, start + len(piece.rstrip())))
    return out


def is_cruft(text: str) -> bool:
    """True when the (normalised, stripped) line is nothing but web-page boilerplate."""
    return not content_pieces(text)


class PartText:
    """Original text of one part, its normalised form and its lines."""

    def __init__(
        self, original: str, district: str | None = None, *, norm: NormalizedText | None = None
    ) -> None:
        self.original = original
        self.norm: NormalizedText = norm if norm is not None else normalize(original)
        self._pieces: dict[int, list[tuple[int, int]]] = {}  # line index → its content pieces
        self.district = district  # the region the part is about, once known (全市 is read from it)

    def part(self, start: int, end: int) -> PartText:
        """The part of this text at original offsets [start, end), a slice of this text's one
        normalisation (never normalised again): its offsets are the part's own."""
        first = bisect_left(self.norm.starts, start)
        last = bisect_left(self.norm.starts, end, lo=first)
        norm = NormalizedText(
            original=self.original[start:end],
            text=self.norm.text[first:last],
            starts=tuple(i - start for i in self.norm.starts[first:last]),
            ends=tuple(i - start for i in self.norm.ends[first:last]),
        )
        return PartText(norm.original, self.district, norm=norm)

    @property
    def text(self) -> str:
        return self.norm.text

    @cached_property
    def lines(self) -> tuple[Line, ...]:
        out: list[Line] = []
        pos = 0
        for raw in self.norm.text.split("\n"):
            stripped = raw.strip()
            if stripped:
                start = pos + (len(raw) - len(raw.lstrip()))
                pieces = content_pieces(stripped)
                self._pieces[len(out)] = pieces
                out.append(Line(len(out), stripped, start, start + len(stripped), not pieces))
            pos += len(raw) + 1
        return tuple(out)

    @cached_property
    def content_lines(self) -> tuple[Line, ...]:
        """Lines that are not cruft, with boilerplate phrases cut out.

        A line is split where a phrase is cut from its middle: every piece is a ``Line`` (with
        its line's index) whose text is exactly ``text[start:end]``, so spans stay exact.
        """
        out: list[Line] = []
        for line in self.lines:
            if line.cruft:
                continue
            pieces = self._pieces[line.index]
            if pieces == [(0, len(line.text))]:
                out.append(line)
                continue
            for start, end in pieces:
                out.append(
                    Line(line.index, line.text[start:end], line.start + start, line.start + end, False)
                )
        return tuple(out)

    @cached_property
    def boilerplate_chars(self) -> int:
        """Characters of the original text that are boilerplate (whole cruft lines and phrases cut
        from content lines, with the spaces around them): text extraction never sees."""
        kept = sum(self._orig_len(line) for line in self.content_lines)
        return sum(self._orig_len(line) for line in self.lines) - kept

    def _orig_len(self, line: Line) -> int:
        start, end = self.orig_span(line.start, line.end)
        return end - start

    def orig_span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of the normalised span [start, end)."""
        return self.norm.orig_span(start, end)

    def original_of(self, start: int, end: int) -> tuple[int, str]:
        """(original start offset, original text) of the normalised span [start, end)."""
        lo, hi = self.orig_span(start, end)
        return lo, self.original[lo:hi]

    def orig_text(self, start: int, end: int) -> str:
        """The original text behind the normalised span [start, end)."""
        return self.original_of(start, end)[1]
