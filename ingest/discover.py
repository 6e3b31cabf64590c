"""Expand the user's PATH arguments into a sorted, de-duplicated list of input files."""

from __future__ import annotations

import glob
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from vanban.errors import InputFileError, NoInputError, NoInputPathError, NotRegularFileError

SUPPORTED_SUFFIXES = frozenset(
    {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".txt", ".md"}
)


def _walk(folder: Path) -> Iterable[Path]:
    for p in sorted(folder.rglob("*")):
        # Hidden files and folders (editor backups, .git, our own .tmp files) are never inputs.
        if any(part.startswith(".") for part in p.relative_to(folder).parts):
            continue
        if _regular(p) is None and p.suffix.lower() in SUPPORTED_SUFFIXES and p.name != "README.md":
            yield p


def display_name(path: str | Path) -> str:
    """A printable name even when the bytes are not UTF-8 (undecodable bytes as \\xNN)."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


def _regular(p: Path) -> InputFileError | None:
    """None for a regular file; else the typed reason it must not be opened (a FIFO blocks)."""
    try:
        mode = os.stat(p).st_mode
    except OSError as exc:
        if os.path.islink(p):
            return NotRegularFileError(f"broken link or symlink loop ({exc.strerror})",
                                       display_name(p))
        return NoInputPathError("does not exist", display_name(p))
    if stat.S_ISREG(mode):
        return None
    kind = ("FIFO" if stat.S_ISFIFO(mode) else "socket" if stat.S_ISSOCK(mode)
            else "device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file")
    return NotRegularFileError(f"is a {kind}, not a file; not opened", display_name(p))


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """Compatible entry point: the found files only (see `discover_inputs` for problems)."""
    return discover_inputs(paths)[0]


def discover_inputs(
    paths: Iterable[str | Path],
) -> tuple[list[Path], list[tuple[Path, InputFileError]]]:
    """Files named explicitly are always taken (so a bad one is reported, not silently skipped);
    folders and globs contribute only files with a supported suffix. Every named path that
    cannot become an input (missing, FIFO, socket, device, symlink loop) comes back as a
    (path, typed error) problem the pipeline writes as a failures row."""
    paths = list(paths)
    found: dict[Path, None] = {}
    missing: list[str] = []
    problems: list[tuple[Path, InputFileError]] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for f in _walk(p):
                found.setdefault(f, None)
        elif p.exists() or p.is_symlink():
            err = _regular(p)
            if err is None:
                found.setdefault(p, None)
            else:
                problems.append((p, err))
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
                missing.append(display_name(raw))
        else:
            missing.append(display_name(raw))
            problems.append((p, NoInputPathError("does not exist", display_name(raw))))
    if not found:
        where = ", ".join(missing) if missing else ", ".join(display_name(p) for p in paths)
        raise NoInputError(f"no supported input files found in: {where}")
    return list(found), problems
