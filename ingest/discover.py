"""Expand the user's PATH arguments into a sorted, de-duplicated list of input files."""

from __future__ import annotations

import glob
from collections.abc import Iterable
from pathlib import Path

from vanban.errors import NoInputError

SUPPORTED_SUFFIXES = frozenset(
    {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".txt", ".md"}
)


def _walk(folder: Path) -> Iterable[Path]:
    for p in sorted(folder.rglob("*")):
        # Hidden files and folders (editor backups, .git, our own .tmp files) are never inputs.
        if any(part.startswith(".") for part in p.relative_to(folder).parts):
            continue
        if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES and p.name != "README.md":
            yield p


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """Files named explicitly are always taken (so a bad one is reported, not silently skipped);
    folders and globs contribute only files with a supported suffix."""
    found: dict[Path, None] = {}
    missing: list[str] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for f in _walk(p):
                found.setdefault(f, None)
        elif p.exists() or p.is_symlink():
            found.setdefault(p, None)
        elif any(ch in str(raw) for ch in "*?["):
            matches = sorted(glob.glob(str(raw), recursive=True))
            for m in matches:
                mp = Path(m)
                if mp.is_dir():
                    for f in _walk(mp):
                        found.setdefault(f, None)
                elif mp.suffix.lower() in SUPPORTED_SUFFIXES:
                    found.setdefault(mp, None)
            if not matches:
                missing.append(str(raw))
        else:
            missing.append(str(raw))
    if not found:
        where = ", ".join(missing) if missing else ", ".join(str(p) for p in paths)
        raise NoInputError(f"no supported input files found in: {where}")
    return list(found)
