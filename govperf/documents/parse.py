"""``parse_source``: a Source → one ParsedDocument per report part it holds."""

from __future__ import annotations

from govperf.data.regions import NATIONAL, full_label
from govperf.data.vocab import GENRES
from govperf.documents import recognize
from govperf.documents.filename import region_in_name, year_in_name
from govperf.documents.genres import Part, YearFound, genre_spec
from govperf.documents.lines import PartText
from govperf.documents.model import ParsedDocument, Source
from govperf.documents.parts import PartSlice, split_parts
from govperf.documents.regionfind import find_region
from govperf.errors import ParseError
from govperf.extract.periods import label_dates

_OVERRIDE_HINT = "give it with --genre/--district"


def parse_source(
    source: Source, *, genre: str | None = None, district: str | None = None, year: int | None = None
) -> list[ParsedDocument]:
    """Recognise and parse every report in ``source``; ParseError when genre/district are unknown."""
    if genre is not None and genre not in GENRES:
        raise ParseError(source.path, f"unknown genre {genre!r} (one of {', '.join(GENRES)})")
    whole = PartText(source.text)
    file_title = _title(whole)
    parts = [_make_part(whole, piece, file_title) for piece in split_parts(whole)]
    genre_guess = _genre(source, parts, file_title, genre)
    district_code, warnings = (district, []) if district else _district(source, whole, file_title)
    years = _years(parts, genre_guess.code or "", year, source.path, national=district_code == NATIONAL)
    documents = [
        _parse_part(part, genre_guess, district_code, years[i], source) for i, part in enumerate(parts)
    ]
    for document in documents:
        document.warnings[:0] = warnings
    return documents


def _title(part: PartText) -> str:
    line = recognize.title_line(part)
    return line.text if line else ""


def _make_part(whole: PartText, piece: PartSlice, file_title: str) -> Part:
    text = whole.part(piece.start, piece.end)  # a slice of the file's one normalisation
    title = file_title if piece.marked or piece.number == 1 else (_title(text) or file_title)
    return Part(piece, text, title)


def _genre(source: Source, parts: list[Part], title: str, given: str | None) -> recognize.GenreGuess:
    if given:
        return recognize.GenreGuess(given, 1.0)
    guess = recognize.detect_genre(title, parts[0].text)
    if guess.code is None:
        raise ParseError(
            source.path, f"cannot tell the document's genre; {_OVERRIDE_HINT.replace('/--district', '')}"
        )
    return guess


def _district(source: Source, whole: PartText, title: str) -> tuple[str, list[str]]:
    finding = find_region(title, [line.text for line in whole.lines], whole.text)
    if finding.code is not None and not finding.candidates:
        return finding.code, finding.warnings
    named = region_in_name(source.path)  # the file's name: only when the text does not decide
    if finding.candidates and named in finding.candidates:
        why = "of those the text names, the one the file's name holds"
    elif not finding.candidates and named is not None:
        why = "from the file's name (the text names none)"
    elif finding.candidates:
        listed = ", ".join(full_label(code) for code in finding.candidates[:6])
        raise ParseError(
            source.path, f"the document names several regions: {listed}; give it with --district"
        )
    else:
        raise ParseError(source.path, "the document names no region; give it with --district")
    assert named is not None
    return named, [*finding.warnings, f"region {full_label(named)}: {why}"]


def _years(
    parts: list[Part], genre: str, given: int | None, source_path: str, *, national: bool = False
) -> list[YearFound]:
    """(year, year_source) per part: the given year, else the genre's year rule, else (when the
    rule finds no year in any part) the one year the file's name holds."""
    if given is not None:
        return [(given, "given")] * len(parts)
    found = genre_spec(genre).year_rule(parts, national)
    named = year_in_name(source_path) if all(year is None for year, _ in found) else None
    return [(named, "inferred")] * len(parts) if named is not None else found  # the file's name


def _parse_part(
    part: Part,
    genre: recognize.GenreGuess,
    district_code: str,
    year_found: YearFound,
    source: Source,
) -> ParsedDocument:
    year, year_source = year_found
    period = recognize.document_period(part.title, part.text)
    start, end = label_dates(year, period)
    document = ParsedDocument(
        part=part.slice.number,
        genre=genre.code or "",
        genre_confidence=genre.confidence,
        district_code=district_code,
        year=year,
        year_source=year_source,
        period_label=period,
        period_start=start,
        period_end=end,
        title=part.title,
        text=part.text.original,
        published_on=recognize.published_on(part.text),
        warnings=list(source.warnings),
        boilerplate_chars=part.text.boilerplate_chars,
    )
    _fill(document, part.text)
    if not document.observations and not document.tasks and document.text.strip():
        document.warnings.append(nothing_found(document))
    return document


def nothing_found(document: ParsedDocument) -> str:
    """The warning for a document whose non-empty text yields no observation and no task."""
    cut = f" ({document.boilerplate_chars:,} cut as web boilerplate)" if document.boilerplate_chars else ""
    return f"no observations or tasks found in {len(document.text):,} characters of text{cut}"


def _fill(document: ParsedDocument, text: PartText) -> None:
    """Tasks, category results, totals and observations: the genre's parse."""
    text.district = document.district_code  # 全市 / 全省 in the text are read from it
    genre_spec(document.genre).parse(document, text)
    if document.year is None:
        document.warnings.append("year unknown: give it with --year")
