"""What a run depends on and what it did: the run key, the skip before parsing, the manifest.

A rerun must redo a document whenever its output would differ, and only then: the run key
digests the file's sha256 with everything else the rows depend on (--lang, --legacy,
--no-restore-ocr, the restore model's bytes, the vanban version). Hashing costs milliseconds
per file while opening a born-digital PDF costs 0.5-1.3 s, so the skip is decided from the hash
in the main process before any job is submitted. `OUT/manifest.json` records the run (version,
options, model sha256, start/end, counts, cwd) so a dataset can be audited later.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import sys
import uuid
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from vanban import __version__
from vanban.ingest.discover import display_name
from vanban.ingest.fingerprint import doc_id_for, sha256_file
from vanban.models.records import DocumentRecord
from vanban.models.schema import SCHEMA_VERSION
from vanban.pipeline.state import RunOptions, RunSummary
from vanban.store import Store

MANIFEST = "manifest.json"


def model_sha256() -> str:
    """sha256 of the restore model this run's workers load (names and bytes): the shipped
    artefacts folder, or the file `VANBAN_RESTORE_MODEL` names instead. A retrained or swapped
    model changes it, so its output is never taken for another model's."""
    # Imported here: restore/'s package pulls in its decoder, which the main process never runs.
    from vanban.restore.model import model_path
    from vanban.restore.paths import MODEL_FILE, MODELS_DIR

    loaded = model_path()
    if loaded.resolve() == MODEL_FILE.resolve():
        return _files_sha256(tuple(sorted(p for p in MODELS_DIR.glob("*") if p.is_file())))
    return _files_sha256((loaded,))


@cache
def _digest(paths: tuple[Path, ...], stamps: tuple[tuple[int, int], ...]) -> str:
    h = hashlib.sha256()
    for path in paths:
        h.update(path.name.encode() + b"\0" + sha256_file(path).encode())
    return h.hexdigest()


def _files_sha256(paths: tuple[Path, ...]) -> str:
    """Digest of `paths`, hashed once per (size, mtime) of each: runs in one process (tests,
    notebooks) that swap the model see the new one."""
    stamps = []
    for path in paths:
        try:
            st = path.stat()
        except OSError:
            stamps.append((-1, -1))  # a missing model: default_model names it when loading
            continue
        stamps.append((st.st_size, st.st_mtime_ns))
    if any(s == (-1, -1) for s in stamps):
        return hashlib.sha256(b"missing\0" + "\0".join(map(str, paths)).encode()).hexdigest()
    return _digest(paths, tuple(stamps))


def output_options(options: RunOptions) -> dict[str, Any]:
    """The options that change the rows (jobs, executor, timeouts do not)."""
    return {"lang": options.lang, "legacy": options.legacy, "restore_ocr": options.restore_ocr,
            "pages": options.pages,
            # only when not the default, so the default run's keys stay as they were
            **({"resolution": options.resolution} if options.resolution != "300" else {})}


def run_key(sha256: str, options: RunOptions) -> str:
    blob = json.dumps({"sha256": sha256, **output_options(options), "model": model_sha256(),
                       "vanban": __version__, "schema": SCHEMA_VERSION}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def presort(inputs: Sequence[Path], store: Store, options: RunOptions,
            skip: Callable[[Path, str], None],
            redo: Callable[[str], bool] = lambda doc_id: False,
            ) -> tuple[list[Path], dict[Path, str]]:
    """(inputs still to process, {path: sha256}) -- done ones are reported through `skip`.

    A file that cannot be hashed stays in the list: opening it gives its typed failure row.
    `redo(doc_id)` keeps a done document in the list (an archivist corrected one of its pages).
    """
    todo: list[Path] = []
    hashes: dict[Path, str] = {}
    for path in inputs:
        try:
            sha = sha256_file(path)
        except OSError:
            todo.append(path)
            continue
        hashes[path] = sha
        doc_id = doc_id_for(sha)
        if not options.force and store.is_done(doc_id, run_key(sha, options)) and not redo(doc_id):
            skip(path, sha)
        else:
            todo.append(path)
    return todo, hashes


def plan(paths: Sequence[str | Path], options: RunOptions) -> list[tuple[str, str, str]]:
    """--dry-run: (path, "process" | "skip" | "fail", why) per input; writes nothing."""
    from vanban.ingest.discover import discover_inputs

    inputs, problems = discover_inputs(paths)
    rows = [(display_name(p), "fail", f"{type(e).__name__}: {e.message}") for p, e in problems]
    store = Store(options.out, create=False)
    for path in inputs:
        try:
            sha = sha256_file(path)
        except OSError as exc:
            rows.append((display_name(path), "fail", f"cannot read: {exc.strerror or exc}"))
            continue
        doc_id = doc_id_for(sha)
        if options.force:
            why = "--force"
        elif store.is_done(doc_id, run_key(sha, options)):
            rows.append((display_name(path), "skip", f"done with these options ({doc_id})"))
            continue
        elif store.is_done(doc_id):
            why = "done with other options, model or version: redo"
        else:
            why = "not in OUT yet (new, partial or failed before)"
        rows.append((display_name(path), "process", why))
    return rows


def stamp(document: DocumentRecord, status: str, options: RunOptions,
          path: Path) -> DocumentRecord:
    """The row as committed: status, run key, absolute source path beside the given one."""
    return dataclasses.replace(
        document, status=status, run_key=run_key(document.sha256, options),
        page_selection=options.pages,
        given_path=display_name(path), source_path=display_name(path.absolute()))


def manifest(options: RunOptions, summary: RunSummary | None, started: dt.datetime,
             ended: dt.datetime | None, paths: Sequence[str | Path],
             tables: dict[str, int] | None = None) -> dict[str, Any]:
    counts = None if summary is None else {
        k: v for k, v in dataclasses.asdict(summary).items() if k != "messages"}
    return {
        "vanban_version": __version__,
        "schema_version": SCHEMA_VERSION,
        "status": "running" if ended is None else "finished",
        "started": started.isoformat(timespec="seconds"),
        "ended": ended.isoformat(timespec="seconds") if ended else None,
        "cwd": os.getcwd(),
        "argv": sys.argv,
        "paths": [display_name(p) for p in paths],
        "options": {**output_options(options), "jobs": options.jobs, "force": options.force,
                    "executor": options.executor, "page_timeout": options.page_timeout,
                    "doc_timeout": options.doc_timeout, "plugins": list(options.plugins)},
        "model_sha256": model_sha256(),
        "python": sys.version.split()[0],
        "counts": counts,
        "tables": tables,
    }


def write_manifest(out: Path, data: dict[str, Any]) -> None:
    """Atomically: a reader sees the previous manifest or this one, never half of one."""
    dest = out / MANIFEST
    tmp = out / f".{MANIFEST}.{uuid.uuid4().hex[:8]}.tmp"
    with tmp.open("w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=2)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, dest)


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def start(options: RunOptions, paths: Sequence[str | Path]) -> dt.datetime:
    """Record the run as running (a manifest that stays so: the run was killed)."""
    started = now()
    write_manifest(options.out, manifest(options, None, started, None, paths))
    return started


def finish(options: RunOptions, summary: RunSummary, started: dt.datetime,
           paths: Sequence[str | Path]) -> None:
    """Derived columns, agencies and compaction (vanban.compact), then the final manifest."""
    from vanban.compact import finalize

    tables = finalize(options.out, compact=options.compact)
    write_manifest(options.out, manifest(options, summary, started, now(), paths, tables))
