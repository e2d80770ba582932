"""Building blocks: observations, text cells that remember where their evidence is, numbers."""

from __future__ import annotations

import functools
import hashlib
import pathlib
import random
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import yaml

DATA = pathlib.Path(__file__).resolve().parent / "data"
REPO = pathlib.Path(__file__).resolve().parents[2]

CN_DIGITS = "零一二三四五六七八九"
FULLWIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")


@dataclass
class Obs:
    """One ground-truth observation; start/end locate its evidence inside its cell's text."""

    metric_code: str
    measure: str
    kind: str
    value: Fraction
    unit: str
    comparator: str = "eq"
    period_label: str = ""
    value_max: Fraction | None = None
    district_code: str | None = None
    year_offset: int = 0
    alt_kinds: tuple[str, ...] = ()
    start: int = 0
    end: int = 0


@dataclass
class Cell:
    """A paragraph or table cell, built piece by piece; each piece may carry observations."""

    pieces: list[str] = field(default_factory=list)
    obs: list[Obs] = field(default_factory=list)
    length: int = 0

    def add(self, text: str, *obs: Obs) -> Cell:
        for o in obs:
            o.start, o.end = self.length, self.length + len(text)
        self.pieces.append(text)
        self.obs.extend(obs)
        self.length += len(text)
        return self

    def extend(self, other: Cell) -> Cell:
        for o in other.obs:
            o.start += self.length
            o.end += self.length
        self.pieces.extend(other.pieces)
        self.obs.extend(other.obs)
        self.length += other.length
        return self

    @property
    def text(self) -> str:
        return "".join(self.pieces)


def cell(text: str = "") -> Cell:
    return Cell().add(text) if text else Cell()


@dataclass
class Block:
    """kind: title | meta | heading | p | pipe_table | space_table | cruft.

    A table's rows are lists of cells; in a pipe_table a row whose first cell is None continues
    the 绩效任务 of the row above (a merged cell)."""

    kind: str
    rows: list[list[Cell | None]]

    @staticmethod
    def para(kind: str, c: Cell | str) -> Block:
        return Block(kind, [[c if isinstance(c, Cell) else cell(c)]])

    def cells(self) -> list[Cell]:
        return [c for row in self.rows for c in row if c is not None]


@dataclass
class Part:
    """One document (篇) of a file, with what a correct import must yield for it."""

    genre: str
    district_code: str
    year: int | None
    year_source: str | None
    period: str
    blocks: list[Block] = field(default_factory=list)
    category_results: list[dict[str, Any]] = field(default_factory=list)
    tasks: list[dict[str, Any]] = field(default_factory=list)
    task_count: int | None = None
    totals: dict[str, int] | None = None
    masked: bool = False


def derive_rng(*key: object) -> random.Random:
    """A random generator that depends only on the key (never on Python's hash seed)."""
    digest = hashlib.blake2b(repr(key).encode(), digest_size=8).digest()
    return random.Random(int.from_bytes(digest, "big"))


def unit_float(*key: object) -> float:
    digest = hashlib.blake2b(repr(key).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


@functools.cache
def load_yaml(name: str) -> Any:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


@functools.cache
def districts() -> list[tuple[str, str, str]]:
    """(code, name, short) of the 16 Beijing districts, from govperf/data/regions.yaml."""
    regions = yaml.safe_load((REPO / "govperf/data/regions.yaml").read_text(encoding="utf-8"))["regions"]
    return [
        (r["code"], r["name"], r["short"])
        for r in regions
        if r["level"] == "county" and r["code"].startswith("1101") and r.get("official", True)
    ]


def cn_number(n: int) -> str:
    """Chinese numeral for 0 ≤ n < 100 (二十三, 十六, 两 only where asked by cn_count)."""
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else CN_DIGITS[tens]
    return head + "十" + (CN_DIGITS[ones] if ones else "")


def cn_count(n: int) -> str:
    """A small count as written before a measure word: 两项, 三项; larger counts in digits."""
    if n == 2:
        return "两"
    return cn_number(n) if 0 < n < 10 else str(n)


def fmt_number(value: Fraction, dec: int, rng: random.Random, fancy: bool = True) -> str:
    """Render a number with `dec` decimals; now and then with thousands separators or full-width."""
    text = f"{float(value):.{dec}f}" if dec else str(round(value))
    if dec and "." in text and rng.random() < 0.3:
        text = text.rstrip("0").rstrip(".")  # 2.50 → 2.5, as often written
    if not fancy:
        return text
    roll = rng.random()
    if roll < 0.015 and value >= 10000 and dec == 0:
        text = f"{round(value):,}"
    elif roll < 0.025:
        text = text.translate(FULLWIDTH)
    return text


def parse_number(text: str) -> Fraction:
    """The exact value of a number rendered by fmt_number."""
    plain = text.translate(
        {ord(f): ord(a) for a, f in zip("0123456789.", "０１２３４５６７８９．", strict=True)}
    )
    return Fraction(plain.replace(",", ""))
