"""What an import did: per document (``PartResult``), per file (``FileResult``), per run
(``ImportReport``), and the options it ran with (``ImportOptions``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from govperf.data.regions import by_code
from govperf.documents import ParsedDocument
from govperf.documents.parse import nothing_found


@dataclass(frozen=True)
class ImportOptions:
    """What the user told ``govperf import`` beyond the paths."""

    genre: str | None = None
    district: str | None = None
    year: int | None = None
    replace: bool = False
    dry_run: bool = False


@dataclass
class PartResult:
    """What happened to one document (one part of a file)."""

    part: int
    genre: str
    district_code: str
    year: int | None
    tasks: int
    observations: int
    status: str  # imported | replaced | unchanged | parsed (dry run)
    boilerplate_chars: int = 0  # characters cut as web boilerplate
    warning: str | None = None  # set when non-empty text gave no observation and no task
    district_name: str = ""  # the region's name (海淀区), for the summary beside the code


@dataclass
class FileResult:
    """What happened to one file: its parts, or the one-line reason it failed."""

    path: str
    parts: list[PartResult] = field(default_factory=list)
    error: str | None = None
    # Storing failed on the database side (not a bad file): the importer checks the server is
    # still reachable before it goes on.
    store_failed: bool = False
    interrupted: bool = False  # Ctrl-C arrived while this file was read or stored

    @property
    def status(self) -> str:
        if self.interrupted:
            return "interrupted"
        if self.error is not None:
            return "failed"
        statuses = {p.status for p in self.parts}
        return statuses.pop() if len(statuses) == 1 else "mixed"


@dataclass
class ImportReport:
    files: list[FileResult] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # files of unsupported types in folders
    interrupted: bool = False  # stopped by Ctrl-C
    connection_lost: bool = False  # stopped: the database could no longer be reached
    not_attempted: int = 0  # files left when the import stopped

    @property
    def failed(self) -> list[FileResult]:
        return [f for f in self.files if f.error is not None]

    @property
    def stopped(self) -> bool:
        return self.interrupted or self.connection_lost

    def stored(self) -> tuple[int, int]:
        """(documents, files) written by this run: parts imported or replaced."""
        counts = [sum(p.status in ("imported", "replaced") for p in f.parts) for f in self.files]
        return sum(counts), sum(1 for c in counts if c)


def summarize(document: ParsedDocument, status: str) -> PartResult:
    return PartResult(
        part=document.part,
        genre=document.genre,
        district_code=document.district_code,
        year=document.year,
        tasks=len(document.tasks),
        observations=len(document.observations),
        status=status,
        boilerplate_chars=document.boilerplate_chars,
        warning=None if document.observations or document.tasks else nothing_found(document),
        district_name=region.name if (region := by_code().get(document.district_code)) else "",
    )
