"""The documents of consecutive files, stored a batch at a time on one connection.

``BatchLoader`` queues the parsed documents of each file (a file is never split between
batches) and stores them with ``govperf.load.store.store_batch`` — one transaction per batch,
each document atomic — once the batch is full.  The batch starts at one document and doubles
after each batch stored without a failure, up to ``MAX_DOCUMENTS`` documents or ``MAX_ROWS``
rows; a failure brings it back to one.  So the first file of an import is stored (and visible)
on its own at once, a bad stretch of input is narrowed down document by document, and a long
import runs in batches of tens of documents.  A file's result is final, and given back to the
caller, once its batch is stored.

The loader keeps one connection for the import; after a connection is lost it takes a new one
for the next batch.  Ctrl-C while a batch is stored keeps the documents before the one in
flight (govperf.load.store); the files queued after that one are given back as not attempted.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

from sqlalchemy.engine import Connection, Engine

from govperf.db.engine import describe_error
from govperf.documents import ParsedDocument, Source
from govperf.errors import printable
from govperf.load.lookups import Lookups
from govperf.load.results import FileResult
from govperf.load.store import Pending, store_batch

MAX_DOCUMENTS = 64  # also keeps a batch's subtransactions (one per savepoint) within PostgreSQL's cache
MAX_ROWS = 20_000  # tasks and observations; bounds the memory a batch holds


class BatchLoader:
    """Store files' documents a batch at a time; ``add`` and ``finish`` give back the files done."""

    def __init__(self, engine: Engine, lookups: Lookups, replace: bool) -> None:
        self._engine = engine
        self._lookups = lookups
        self._replace = replace
        self._connection: Connection | None = None
        self._files: list[FileResult] = []
        self._pending: list[Pending] = []
        self._rows = 0
        self.size = 1  # documents in the next batch
        self.not_attempted = 0  # files queued behind a Ctrl-C, never tried

    def add(
        self, result: FileResult, source: Source | None, documents: Sequence[ParsedDocument]
    ) -> list[FileResult]:
        """Queue one file (a file that failed to parse has no documents); returns the files whose
        documents were stored by this call, in the order they were added."""
        self._files.append(result)
        if source is not None:
            for document in documents:
                self._pending.append(Pending(source, document, result))
                self._rows += len(document.tasks) + len(document.observations)
        if not self._pending or len(self._pending) >= self.size or self._rows >= MAX_ROWS:
            return self.store()  # (with nothing to store: the files that failed, at once)
        return []

    def store(self) -> list[FileResult]:
        """Store the queued documents now; returns the files done (on Ctrl-C: up to the file
        interrupted, which says so; the files after it are counted in ``not_attempted``)."""
        files, pending = self._files, self._pending
        self._files, self._pending, self._rows = [], [], 0
        if not pending:
            return files
        try:
            stored = store_batch(self._connect(), self._lookups, pending, self._replace)
        except KeyboardInterrupt:
            cut = next((i for i, f in enumerate(files) if f.interrupted), len(files) - 1)
            self.not_attempted += len(files) - cut - 1
            files[cut].interrupted = True
            return files[: cut + 1]
        except Exception as error:  # no connection
            reason = describe_error(error)
            for result in {id(item.result): item.result for item in pending}.values():
                result.error = f"{printable(result.path)}: could not be stored ({reason})"
                result.store_failed = True
            stored = False
        if stored:
            self.size = min(2 * self.size, MAX_DOCUMENTS)
        else:
            self.size = 1
            self._disconnect()
        return files

    def finish(self) -> list[FileResult]:
        """Store what is queued and let the connection go."""
        try:
            return self.store()
        finally:
            self._disconnect()

    def drop(self) -> None:
        """Forget what is queued (the import stops): those files count as not attempted."""
        self.not_attempted += len(self._files)
        self._files, self._pending, self._rows = [], [], 0
        self._disconnect()

    def _connect(self) -> Connection:
        if self._connection is None or self._connection.invalidated or self._connection.closed:
            self._disconnect()
            self._connection = self._engine.connect()
        return self._connection

    def _disconnect(self) -> None:
        if self._connection is not None:
            connection, self._connection = self._connection, None
            with contextlib.suppress(Exception):  # a connection already lost
                connection.close()
