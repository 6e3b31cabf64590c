"""Decide a file's real format from its first bytes, not from its name."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from vanban.errors import EmptyFileError, UnsupportedFormatError

Format = Literal["pdf", "png", "jpeg", "tiff", "text"]

_IMAGE_SUFFIXES = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".tif": "tiff", ".tiff": "tiff"}


def sniff(path: Path, head: bytes) -> Format:
    """Return the format; raise when the content is empty or not something we read.

    A name that promises an image while the bytes are text (or vice versa) is an error, not a
    guess, so an archivist learns which file is mislabelled.
    """
    if not head:
        raise EmptyFileError("file is empty (0 bytes)", path)
    fmt: Format | None = None
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        fmt = "pdf"
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        fmt = "png"
    elif head.startswith(b"\xff\xd8\xff"):
        fmt = "jpeg"
    elif head.startswith((b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+")):
        fmt = "tiff"
    elif _looks_like_text(head):
        fmt = "text"
    suffix = path.suffix.lower()
    if fmt is None:
        raise UnsupportedFormatError(
            f"unrecognised content (first bytes {head[:8]!r}); expected PDF, PNG, JPEG, TIFF "
            "or UTF-8 text",
            path,
        )
    expected = _IMAGE_SUFFIXES.get(suffix) or ("pdf" if suffix == ".pdf" else None)
    if expected is not None and expected != fmt:
        what = "text" if fmt == "text" else fmt.upper()
        raise UnsupportedFormatError(
            f"named {suffix} but the content is {what}; rename or re-export the file", path
        )
    return fmt


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    for cut in range(0, 4):  # a multi-byte character may be split at the end of the sample
        try:
            head[: len(head) - cut].decode("utf-8")
            return True
        except UnicodeDecodeError:
            continue
    return False
