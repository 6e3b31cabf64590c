"""Content fingerprints: the sha256 of the bytes is the identity of a document."""

from __future__ import annotations

import hashlib
from pathlib import Path

_CHUNK = 1 << 20


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


def doc_id_for(sha256: str) -> str:
    """Stable document id: the first 16 hex digits of the content's sha256."""
    return sha256[:16]
