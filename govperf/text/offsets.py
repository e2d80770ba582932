"""Offset maps of a normalisation that are the identity except around a few characters.

NFKC widens a few characters (Ⅱ → II, ㎡ → m2, … → ...) and drops invisible ones; the rest of a
text maps to itself shifted.  ``Piecewise`` holds such a map as its pieces (each either the
identity shifted, or one original offset repeated for the characters one original character
became) instead of one int per character: building it costs one step per changed character, and
a lookup is one bisection.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from typing import overload


class Piecewise(Sequence[int]):
    """``value[j] = bases[k] + (j - breaks[k] if steps[k] else 0)`` for the piece ``k`` holding
    ``j``; ``breaks`` ascending, starting at 0."""

    __slots__ = ("_bases", "_breaks", "_size", "_steps")

    def __init__(self, size: int, breaks: list[int], bases: list[int], steps: list[bool]) -> None:
        self._size, self._breaks, self._bases, self._steps = size, breaks, bases, steps

    def __len__(self) -> int:
        return self._size

    def _at(self, index: int) -> int:
        k = bisect_right(self._breaks, index) - 1
        return self._bases[k] + (index - self._breaks[k] if self._steps[k] else 0)

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[int, ...]: ...

    def __getitem__(self, index: int | slice) -> int | tuple[int, ...]:
        if type(index) is int and 0 <= index < self._size:  # the usual lookup, first
            k = bisect_right(self._breaks, index) - 1
            return self._bases[k] + (index - self._breaks[k] if self._steps[k] else 0)
        if isinstance(index, slice):
            start, stop, step = index.indices(self._size)
            if step == 1:
                return self._run(start, stop)
            return tuple(self._at(j) for j in range(start, stop, step))
        if index < 0:
            index += self._size
        if not 0 <= index < self._size:
            raise IndexError("offset map index out of range")
        return self._at(index)

    def _run(self, start: int, stop: int) -> tuple[int, ...]:
        """``self[start:stop]``, piece by piece (a range or a repeat each, not a bisection each)."""
        out: list[int] = []
        k = bisect_right(self._breaks, start) - 1 if start < stop else len(self._breaks)
        while k < len(self._breaks) and start < stop:
            end = min(stop, self._breaks[k + 1] if k + 1 < len(self._breaks) else self._size)
            base, at = self._bases[k], self._breaks[k]
            if self._steps[k]:
                out.extend(range(base + start - at, base + end - at))
            else:
                out.extend([base] * (end - start))
            start, k = end, k + 1
        return tuple(out)

    def __iter__(self) -> Iterator[int]:
        return iter(self._run(0, self._size))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(other) == self._size and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))


def widened(size: int, original_size: int, changed: Sequence[tuple[int, int]], shift: int) -> Piecewise:
    """The map of a text of ``size`` characters made from one of ``original_size`` where each
    ``(i, width)`` of ``changed`` (ascending ``i``) became ``width`` characters and every other
    character stayed one: each character's original offset, plus ``shift`` (0 for the starts,
    1 for the ends)."""
    breaks: list[int] = []
    bases: list[int] = []
    steps: list[bool] = []
    pos = out = 0  # the next original offset, its place in the text
    for i, width in changed:
        if i > pos:
            breaks.append(out)
            bases.append(pos + shift)
            steps.append(True)
            out += i - pos
        if width:
            breaks.append(out)
            bases.append(i + shift)
            steps.append(False)
            out += width
        pos = i + 1
    if pos < original_size or not breaks:
        breaks.append(out)
        bases.append(pos + shift)
        steps.append(True)
    assert out + original_size - pos == size, "offset map does not cover the text"
    return Piecewise(size, breaks, bases, steps)
