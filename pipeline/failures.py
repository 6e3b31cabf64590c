"""Turning an exception into a `failures` row: typed, with a digest that groups equal causes."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import traceback
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from vanban.errors import StageError, VanbanError
from vanban.ingest.discover import display_name
from vanban.models.records import Failure


def traceback_digest(exc: BaseException) -> str:
    """Digest of where the error came from (file, function per frame): the same bug hitting
    many files gives the same digest, so analysts can group failures by cause."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = "|".join(f"{Path(f.filename).name}:{f.name}" for f in frames)
    return hashlib.sha1(f"{type(exc).__name__}|{where}".encode()).hexdigest()[:12]


_OOM_WORDS = ("insufficient memory", "failed to allocate", "out of memory")


def out_of_memory(exc: BaseException) -> bool:
    """MemoryError, or a C library's own allocation failure (OpenCV raises cv2.error
    "Insufficient memory ... Failed to allocate"), which was an untyped StageError row."""
    if isinstance(exc, MemoryError):
        return True
    text = str(exc).lower()
    return any(w in text for w in _OOM_WORDS)


def failure_from(exc: BaseException, path: Path, stage: str, sha256: str | None = None,
                 page_no: int | None = None) -> Failure:
    if isinstance(exc, VanbanError):
        message = exc.message
        page_no = exc.page if exc.page is not None else page_no
        error_type = type(exc).__name__
    elif out_of_memory(exc):
        message, error_type = f"out of memory ({exc})", "OutOfMemory"
    else:
        message = f"unexpected {type(exc).__name__}: {exc}"
        error_type = StageError.__name__
    return Failure(
        source_path=display_name(os.path.abspath(path)), given_path=display_name(path),
        stage=stage, error_type=error_type, message=message,
        traceback_digest=traceback_digest(exc), time=dt.datetime.now(dt.UTC),
        page_no=page_no, sha256=sha256,
    )


def path_key(path: Path) -> str:
    """Failure-part key for a file whose content could not be read (no sha256)."""
    # fsencode: a name that is not UTF-8 still hashes; abspath: a symlink loop still has one.
    return "path-" + hashlib.sha1(os.fsencode(os.path.abspath(path))).hexdigest()[:16]


Status = Literal["complete", "partial", "failed"]


def document_status(page_texts: Iterable[str], n_page_failures: int) -> Status:
    """`documents.status` of a document that reached its commit.

    complete: no failure row. partial: failure rows, but some page gave text. failed: failure
    rows and no text at all (every read page failed, the rest blank): such a document used to
    be saved `partial` with empty pages (issue 15), counted as a document in the summary. Both
    partial and failed are retried by a plain rerun (only complete ones are skipped).
    """
    if not n_page_failures:
        return "complete"
    if any(any(c.isalnum() for c in text) for text in page_texts):
        return "partial"
    return "failed"
