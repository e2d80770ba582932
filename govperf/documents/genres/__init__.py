"""The genre registry: ``{code: GenreSpec}``, one module per genre.

A genre is one block of ``govperf/data/genres.yaml`` (its code, names and recognition cues; the
order of GENRES) and the module of this package named by its code, which defines

    parse(document, text)         fills the document's tasks, category results, totals and
                                  observations from the part's text
    year_rule(parts, national)    (year, year_source) of each part of a file (``common``
                                  holds the plain rule most genres use)

``genre_spec(code)`` imports the module on first use; ``specs()`` is the whole registry, in the
order of genres.yaml.  A block without a module, or a module without ``parse``/``year_rule``,
is a ``GenreError`` naming the genre.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from govperf.data.vocab import GENRE_NAMES, GENRES
from govperf.documents.genres.common import Part, YearFound
from govperf.documents.lines import PartText
from govperf.documents.model import ParsedDocument

Parse = Callable[[ParsedDocument, PartText], None]
YearRule = Callable[[Sequence[Part], bool], list[YearFound]]

__all__ = [
    "GENRES",
    "GenreError",
    "GenreSpec",
    "Parse",
    "Part",
    "YearFound",
    "YearRule",
    "genre_spec",
    "specs",
]


class GenreError(LookupError):
    """A genre of genres.yaml that has no (complete) module here, or a code that is no genre."""


@dataclass(frozen=True)
class GenreSpec:
    code: str
    name: str  # Chinese name (DESIGN.md §1)
    name_en: str
    parse: Parse
    year_rule: YearRule


@cache
def genre_spec(code: str) -> GenreSpec:
    """The registered genre ``code``; GenreError when genres.yaml has no such block or its
    module is missing or incomplete."""
    names = {c: (name, name_en) for c, name, name_en in GENRE_NAMES}
    if code not in names:
        raise GenreError(f"unknown genre {code!r} (one of {', '.join(GENRES)})")
    try:
        module = importlib.import_module(f"{__name__}.{code}")
    except ModuleNotFoundError as error:
        if error.name != f"{__name__}.{code}":
            raise
        raise GenreError(
            f"genre {code!r} of genres.yaml has no module govperf/documents/genres/{code}.py"
        ) from None
    parse, year_rule = getattr(module, "parse", None), getattr(module, "year_rule", None)
    if not callable(parse) or not callable(year_rule):
        raise GenreError(f"the module of genre {code!r} must define parse() and year_rule()")
    name, name_en = names[code]
    return GenreSpec(code, name, name_en, parse, year_rule)


def specs() -> dict[str, GenreSpec]:
    """Every genre, in the order of genres.yaml."""
    return {code: genre_spec(code) for code in GENRES}
