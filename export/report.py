"""HTML QA report (not yet implemented)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from vanban.export.bundle import DocBundle


def write_report(out: Path | str, bundles: Sequence[DocBundle],
                 failures: Sequence[dict[str, Any]]) -> Path:
    raise NotImplementedError
