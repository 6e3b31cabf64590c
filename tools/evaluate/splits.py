"""Read data/splits.toml: which documents a model may train on, tune on, or only be scored on.

Kept in one file so every benchmark and threshold test declares its split against the same list.
"""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path
from typing import Literal

Split = Literal["train", "dev", "test", "meta"]
ROOT = Path(__file__).resolve().parents[2]
SPLITS_FILE = ROOT / "data" / "splits.toml"
DOC_DIRS = ("data", "tests/extract/docs")


def load(path: Path = SPLITS_FILE) -> dict[str, Split]:
    """Glob -> split, in file order."""
    with path.open("rb") as f:
        table: dict[str, Split] = tomllib.load(f)["split"]
    bad = {g: s for g, s in table.items() if s not in ("train", "dev", "test", "meta")}
    if bad:
        raise ValueError(f"unknown split names in {path}: {bad}")
    return table


def matches(rel: str, table: dict[str, Split] | None = None) -> list[str]:
    """Globs of the table matching repository-relative path `rel`."""
    return [g for g in (table or load()) if fnmatch.fnmatchcase(rel, g)]


def split_of(path: str | Path, table: dict[str, Split] | None = None) -> Split:
    """Split of one document; raises KeyError when it is not listed (exactly once)."""
    p = Path(path)
    rel = (p.resolve().relative_to(ROOT) if p.is_absolute() else p).as_posix()
    table = table or load()
    hits = matches(rel, table)
    if len(hits) != 1:
        raise KeyError(f"{rel}: listed {len(hits)} times in {SPLITS_FILE.name} ({hits})")
    return table[hits[0]]


def documents(split: Split, table: dict[str, Split] | None = None) -> list[Path]:
    """Every file of the project's document folders in `split`."""
    table = table or load()
    return [p for p in all_files() if split_of(p, table) == split]


def all_files() -> list[Path]:
    """Every file under the document folders (absolute paths)."""
    out: list[Path] = []
    for d in DOC_DIRS:
        out.extend(p for p in sorted((ROOT / d).rglob("*")) if p.is_file())
    return out
