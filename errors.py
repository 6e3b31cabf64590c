"""Typed errors of vanban, one exception class per CLI exit code.

Per-file problems (a corrupt PDF, an encrypted one, a text file named .png ...) are
`InputFileError` subclasses: the batch catches them, writes a row in the `failures` table and
goes on, and the run as a whole ends with `ExitCode.SOME_FAILED`. Problems that make the whole
run impossible (bad arguments, no inputs, unwritable output, Tesseract missing) end the run with
their own exit code. Every error names the file (and page when known) so an archivist can find it.
"""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    """Process exit codes of the `vanban` command."""

    OK = 0
    SOME_FAILED = 1
    USAGE = 2
    NO_INPUT = 3
    OUTPUT = 4
    MISSING_DEPENDENCY = 5
    RESOURCES = 6  # the main process ran out of memory, threads or file descriptors
    INTERRUPTED = 130
    TERMINATED = 143  # SIGTERM, like a shell's 128 + 15


class VanbanError(Exception):
    """Base of all vanban errors; `exit_code` is what the CLI returns for it."""

    exit_code: ExitCode = ExitCode.SOME_FAILED

    def __init__(self, message: str, path: str | Path | None = None, page: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.page = page

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path + (f" (page {self.page})" if self.page is not None else "") + ": "
        return where + self.message

    def __reduce__(self) -> tuple[object, ...]:
        # Keep errors picklable across the worker-process boundary with their path and page.
        return (type(self), (self.message, self.path, self.page))


class UsageError(VanbanError):
    """The command line itself is wrong (unknown option, bad --jobs ...)."""

    exit_code = ExitCode.USAGE


class NoInputError(VanbanError):
    """None of the given paths names a supported input file."""

    exit_code = ExitCode.NO_INPUT


class OutputError(VanbanError):
    """The output folder cannot be created or written."""

    exit_code = ExitCode.OUTPUT


class MissingDependencyError(VanbanError):
    """An external program (Tesseract, its `vie` data) is not installed."""

    exit_code = ExitCode.MISSING_DEPENDENCY


class ResourceLimitError(VanbanError):
    """The process's resource limits are too small for a run to start (e.g. ulimit -v)."""

    exit_code = ExitCode.RESOURCES


class InputFileError(VanbanError):
    """One input file (or one of its pages) cannot be processed; the batch goes on."""

    exit_code = ExitCode.SOME_FAILED


class EmptyFileError(InputFileError):
    """The file has zero bytes."""


class UnreadableFileError(InputFileError):
    """The file cannot be opened (permissions, vanished, is a directory ...)."""


class UnsupportedFormatError(InputFileError):
    """The file's content is not a format vanban reads (e.g. text named .png)."""


class CorruptFileError(InputFileError):
    """The file claims a supported format but its content is truncated or damaged."""


class BlankRenderError(CorruptFileError):
    """A PDF page renders blank although its content draws something (a content stream that
    cannot be decoded, an image cut short or missing): a damaged page, not a blank one."""


class EncryptedFileError(InputFileError):
    """The PDF is password-protected."""


class ImageTooLargeError(InputFileError):
    """The image has absurd dimensions (decompression bomb) and is refused before decoding."""


class TextTooLargeError(InputFileError):
    """A text input too large for one document: refused before reading, so memory stays bounded."""


class NotVietnameseError(InputFileError):
    """The document's text is not Vietnamese, so the Vietnamese pipeline cannot apply."""


class OcrError(InputFileError):
    """Tesseract failed on a page (crash, time-out, out of memory)."""


class OcrTimeoutError(OcrError):
    """Tesseract ran past its per-call time budget and was killed."""


class OcrCrashError(OcrError):
    """Tesseract died from a signal (segfault, abort, out-of-memory kill)."""


class OcrImageTooLargeError(OcrError):
    """Tesseract refused the page image as too large."""


class OcrOutputError(OcrError):
    """Tesseract exited normally but its output is not the TSV it should print."""


class NoInputPathError(InputFileError):
    """A path named on the command line does not exist (a typo, an unmounted share)."""


class NotRegularFileError(InputFileError):
    """A FIFO, socket, device or symlink loop: never opened, since reading it could hang."""


class DocumentTimeoutError(InputFileError):
    """The document ran past its time budget (--doc-timeout); its unfinished work is dropped."""


class PageTimeoutError(OcrTimeoutError):
    """A page's job did not come back within its budget (--page-timeout) and was stopped."""


class UnreadablePageError(InputFileError):
    """A page with ink on it gave no text: flagged for a person, never a silent success."""


class NoTextError(InputFileError):
    """No page of the document gave any text (blank, unreadable or empty pages only)."""


class WorkerDiedError(InputFileError):
    """The worker process died while handling this file or page (crash, out of memory)."""


class WorkerOutOfMemoryError(WorkerDiedError):
    """The worker was killed by SIGKILL while on this file or page, alone: the signal of the
    kernel's OOM killer under a memory limit (a cgroup's, a container's), so most likely this
    job needs more memory than the limit leaves. The batch goes on without it."""


class CorrectionError(InputFileError):
    """An archivist's correction file cannot be used (no such page, a name that is not a page
    number, not UTF-8); it is a failures row naming the file, the document goes on without it."""


class StageError(InputFileError):
    """An unexpected exception inside a stage; wrapped so the batch records it and goes on."""
