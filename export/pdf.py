"""Searchable PDFs (not yet implemented)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from vanban.export.bundle import DocBundle


def write_pdfs(out: Path | str, bundles: Sequence[DocBundle]) -> list[Path]:
    raise NotImplementedError
