"""The correction path: an archivist's corrected text of a page replaces what vanban read.

Layout (`vanban.store.correction_path`): `OUT/corrections/<doc_id>/<page_no>.txt`, UTF-8, the
page's whole text as it should be (tables as TAB-separated rows, like `pages.text`), or the
same layout under `vanban run --corrections DIR`. The files are read by the main process when
a document has been opened (`attach`), before its pages fan out, because OUT (and the
corrections folder) need only be reachable from there: workers, even Dask workers on other
machines, get the texts inside the picklable `DocState`.

A corrected page is not OCR'd again when an earlier run committed its reading: that reading
stays in `pages.raw_text`; restore/ never runs over the correction (the archivist's text is
final). A plain rerun redoes a committed document when a correction file is newer than its
commit, or a corrected page's file is gone or says something else (`pending`); its other
pages then keep their committed output (`KeptPage`), so correcting one page of a long scan
costs no OCR.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import unicodedata
from collections.abc import Collection
from pathlib import Path

from vanban.errors import CorrectionError
from vanban.models.records import (
    BBox,
    Failure,
    KeptPage,
    OcrWord,
    PageCorrection,
    PageRecord,
    PageText,
    WordRecord,
)
from vanban.models.schema import failures_table
from vanban.models.words import words_for_page
from vanban.pipeline.failures import failure_from
from vanban.pipeline.state import DocState, Pages, PageState, Prepared
from vanban.store import CORRECTIONS, Store, correction_path

# A page of text is a few kB; anything far larger is a wrong file, refused before reading.
MAX_CORRECTION_BYTES = 2 << 20
_NAME = re.compile(r"(\d+)\.txt")


def folder(out: Path, given: Path | None) -> Path:
    """The corrections folder of a run: `--corrections DIR`, else OUT/corrections."""
    return given if given is not None else out / CORRECTIONS


def _files(root: Path, doc_id: str) -> list[Path]:
    """The document's correction files; editors' hidden and backup files are not corrections.

    Raises OSError when the folder exists but cannot be listed (permissions).
    """
    where = root / doc_id
    if not where.is_dir():
        return []
    return sorted(p for p in where.iterdir()
                  if not p.name.startswith(".") and not p.name.endswith("~") and not p.is_dir())


def _page_no(path: Path) -> int | None:
    m = _NAME.fullmatch(path.name)
    return int(m.group(1)) if m else None


def read_text(path: Path) -> str:
    """The file's text as the page's text: NFC, newlines unified, the editor's final newline
    dropped (line numbers are the provenance of every task, so they must not shift)."""
    size = path.stat().st_size
    if size > MAX_CORRECTION_BYTES:
        raise ValueError(f"{size} bytes, more than a page ({MAX_CORRECTION_BYTES} at most)")
    text = path.read_bytes().decode("utf-8-sig")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text).rstrip("\n")


def load(root: Path, doc_id: str, n_pages: int, source: Path
         ) -> tuple[dict[int, tuple[Path, str]], list[CorrectionError]]:
    """{page_no: (file, text)} for the document, and one error per file that cannot be used."""
    found: dict[int, tuple[Path, str]] = {}
    problems: list[CorrectionError] = []
    try:
        files = _files(root, doc_id)
    except OSError as exc:
        return found, [CorrectionError(f"correction folder {root / doc_id} cannot be read "
                                       f"({exc.strerror or exc}); its files are ignored", source)]
    for path in files:
        page_no = _page_no(path)
        if page_no is None:
            problems.append(CorrectionError(
                f"correction file {path}: the name is not a page number (expected "
                f"{correction_path(root, doc_id, 1)} for page 1); file ignored", source))
            continue
        if not 1 <= page_no <= n_pages:
            problems.append(CorrectionError(
                f"correction file {path} is for page {page_no}, but the document has "
                f"{n_pages} page(s); file ignored", source, page_no))
            continue
        try:
            found[page_no] = (path, read_text(path))
        except UnicodeDecodeError as exc:
            problems.append(CorrectionError(
                f"correction file {path} is not UTF-8 text (byte {exc.start}); file ignored",
                source, page_no))
        except (OSError, ValueError) as exc:
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            problems.append(CorrectionError(
                f"correction file {path} cannot be read ({why}); file ignored", source, page_no))
    return found, problems


def _committed_pages(store: Store, doc_id: str) -> list[dict[str, object]]:
    return store.doc_rows("pages", doc_id, ["page_no", "method", "raw_text", "text",
                                            "ocr_confidence", "corrected", "restored",
                                            "decision"])




def _boxed_words(store: Store, doc_id: str, pages: set[int]) -> dict[int, tuple[OcrWord, ...]]:
    """The committed output words that have a box, per page, as OCR words to match against."""
    cols = ["page_no", "line_no", "text", "x0", "y0", "x1", "y1", "ocr_confidence"]
    rows = store.doc_rows("words", doc_id, cols)
    out: dict[int, list[OcrWord]] = {}
    for r in rows:
        if r["page_no"] in pages and r["x0"] is not None:
            conf = r["ocr_confidence"]
            out.setdefault(r["page_no"], []).append(OcrWord(
                text=r["text"], bbox=BBox(r["x0"], r["y0"], r["x1"], r["y1"]),
                conf=float(conf) if conf is not None else -1.0, line_no=r["line_no"]))
    return {k: tuple(v) for k, v in out.items()}


def pending(root: Path, store: Store, doc_id: str) -> bool:
    """A committed document must be redone for its corrections: a file is newer than the
    commit, a corrected page's file is gone, or a file's text is not the committed text.

    Anything unreadable counts as pending: the redo turns it into a failures row."""
    try:
        return _pending(root, store, doc_id)
    except OSError:
        return True


def _pending(root: Path, store: Store, doc_id: str) -> bool:
    files = _files(root, doc_id)
    committed_at = store.committed_at(doc_id) if files else None
    if committed_at is not None and any(f.stat().st_mtime_ns > committed_at for f in files):
        return True
    if not files:  # the common case, kept cheap: was any page corrected at the commit?
        return doc_id in store.corrected_doc_ids()
    rows = _committed_pages(store, doc_id)
    corrected = {int(r["page_no"]): str(r["text"]) for r in rows  # type: ignore[call-overload]
                 if r.get("corrected")}
    now: dict[int, Path] = {n: f for f in files if (n := _page_no(f)) is not None}
    if set(corrected) - set(now):
        return True
    for page_no, path in now.items():
        try:
            if corrected.get(page_no) != read_text(path):
                return True
        except (OSError, ValueError):  # unreadable: redo, so it becomes a failures row
            return True
    return False


def attach(prepared: Prepared, root: Path, store: Store, reuse: bool = False
           ) -> tuple[Prepared, list[CorrectionError]]:
    """The document with its corrections read (main process, before its pages fan out).

    `reuse`: the document is committed and redone only because its corrections changed, so
    every page without a correction keeps its committed output (no OCR, no restore again).
    """
    src = prepared.source
    found, problems = load(root, src.doc_id, src.n_pages, src.path)
    if not found and not reuse:
        return prepared, problems
    earlier = {int(r["page_no"]): r for r in _committed_pages(store, src.doc_id)}  # type: ignore[call-overload]
    sizes = _page_sizes(store, src.doc_id)
    readings = {n: _reading(n, row, sizes.get(n)) for n, row in earlier.items()}
    boxed = _boxed_words(store, src.doc_id, set(found))
    records = tuple(PageCorrection(n, str(path), text, readings.get(n), boxed.get(n, ()))
                    for n, (path, text) in sorted(found.items()))
    kept = _kept_pages(store, src.doc_id, earlier, set(found)) if reuse else {}
    doc = dataclasses.replace(prepared.doc, corrections=records)
    doc, pages = take_corrections(doc, prepared.pages)
    pages = tuple(_keep(p, kept.get(p.page_no), readings.get(p.page_no)) for p in pages)
    return Prepared(doc, pages), problems


def _page_sizes(store: Store, doc_id: str) -> dict[int, tuple[int, int]]:
    """Each committed page's image size (words.page_width/page_height), where known."""
    rows = store.doc_rows("words", doc_id, ["page_no", "page_width", "page_height"])
    return {int(r["page_no"]): (int(r["page_width"]), int(r["page_height"]))
            for r in rows if r["page_width"] is not None and r["page_height"] is not None}


def _reading(page_no: int, row: dict[str, object], size: tuple[int, int] | None = None
             ) -> PageText | None:
    """A committed page's reading before restore (`raw_text`), as the page's reading."""
    if row.get("method") not in ("ocr", "text_layer", "plain_text"):
        return None
    conf = row.get("ocr_confidence")
    return PageText(page_no=page_no, method=row["method"],  # type: ignore[arg-type]
                    text=str(row.get("raw_text") or ""),
                    ocr_confidence=float(conf) if conf is not None else None,  # type: ignore[arg-type]
                    size=size)


def _kept_pages(store: Store, doc_id: str, rows: dict[int, dict[str, object]],
                corrected_now: set[int]) -> dict[int, KeptPage]:
    """Committed output of the pages that were not corrected then and are not now."""
    words = store.doc_rows("words", doc_id)
    by_page: dict[int, list[WordRecord]] = {}
    for w in words:
        box = (BBox(w["x0"], w["y0"], w["x1"], w["y1"]) if w.get("x0") is not None else None)
        by_page.setdefault(w["page_no"], []).append(WordRecord(
            doc_id=doc_id, page_no=w["page_no"], line_no=w["line_no"], word_no=w["word_no"],
            text=w["text"], raw_text=w["raw_text"], bbox=box, page_width=w.get("page_width"),
            page_height=w.get("page_height"), ocr_confidence=w.get("ocr_confidence"),
            restore_confidence=w.get("restore_confidence"),
            alternatives=tuple(w.get("alternatives") or ()), changed=bool(w.get("changed")),
            cell_row=w.get("cell_row"), cell_col=w.get("cell_col")))
    return {n: KeptPage(text=str(r.get("text") or ""), restored=bool(r.get("restored")),
                        decision=str(r.get("decision") or ""),
                        words=tuple(by_page.get(n, ())))
            for n, r in rows.items()
            if n not in corrected_now and not r.get("corrected") and "decision" in r}


def _keep(page: PageState, kept: KeptPage | None, reading: PageText | None) -> PageState:
    if kept is None or reading is None or page.correction is not None or page.failed:
        return page
    return page.log("correct", "", kept=kept, reading=reading, route=reading.method,
                    text=kept.text)


def kept_record(record: PageRecord, page: PageState) -> PageRecord:
    """A kept page's row is its committed row (same restored flag and decision)."""
    if page.kept is None:
        return record
    return dataclasses.replace(record, restored=page.kept.restored,
                               decision=page.kept.decision)


ORPHAN_KEY = "corrections-"  # failure parts of correction folders that name no document


def orphan_failures(root: Path, store: Store, seen: Collection[str]) -> list[Failure]:
    """A correction folder whose name is no document of OUT (a mistyped doc_id) would be
    ignored in silence: it is a failures row instead, until the folder is renamed or removed.

    Run at the end of a run; `seen` are the doc_ids this run opened.
    """
    try:
        names = sorted(p.name for p in root.iterdir()
                       if p.is_dir() and not p.name.startswith(".")) if root.is_dir() else []
    except OSError:  # unreadable: each document's own check reports it
        names = []
    bad = [n for n in names if n not in seen and not store.committed(n)]
    for part in (store.out / "failures").glob(f"{ORPHAN_KEY}*.parquet"):
        if part.name[len(ORPHAN_KEY):-len(".parquet")] not in bad:
            part.unlink(missing_ok=True)  # fixed since: the row goes
    out = []
    for name in bad:
        err = CorrectionError(
            f"correction folder {root / name} names no document: no input of this run and "
            "no committed document has that doc_id (documents.doc_id, the first 16 hex "
            "digits of the file's sha256); its files are ignored", root / name)
        failure = failure_from(err, root / name, "correct")
        store.write_failure(ORPHAN_KEY + name, failures_table([failure]))
        out.append(failure)
    return out


def corrected_words(doc_id: str, page: PageState) -> list[WordRecord]:
    """The words of a corrected page's text; those the archivist left as they were keep their
    box and OCR confidence (aligned as a diff against the earlier output's boxed words, since
    an edit may add or drop any number of words), new or changed words have none."""
    assert page.correction is not None
    records = words_for_page(doc_id, PageText(page_no=page.page_no, method="plain_text",
                                              text=page.text))
    boxes = page.correction.words or (page.reading.words if page.reading else ())
    if not boxes or not records:
        return records
    known = page.reading.size if page.reading is not None else None
    width, height = known or (max(w.bbox.x1 for w in boxes), max(w.bbox.y1 for w in boxes))
    match = difflib.SequenceMatcher(a=[r.text for r in records], b=[w.text for w in boxes],
                                    autojunk=False)
    for block in match.get_matching_blocks():
        for k in range(block.size):
            w = boxes[block.b + k]
            records[block.a + k] = dataclasses.replace(
                records[block.a + k], bbox=w.bbox, page_width=width, page_height=height,
                ocr_confidence=w.conf if w.conf >= 0 else None)
    return records


# --------------------------------------------------------------------------- stages


def take_corrections(doc: DocState, pages: Pages) -> tuple[DocState, Pages]:
    """Each corrected page carries its correction; one whose earlier reading is known keeps
    that reading (its `raw_text`) instead of being OCR'd again."""
    by_page = {c.page_no: c for c in doc.corrections}
    return doc, tuple(_take(p, by_page.get(p.page_no)) for p in pages)


def _take(page: PageState, c: PageCorrection | None) -> PageState:
    if c is None:
        return page
    if page.route == "ocr" and c.earlier is not None:
        return page.log("correct", "OCR skipped: the page has a correction; the earlier "
                        "reading is kept as raw_text", correction=c, reading=c.earlier,
                        route=c.earlier.method, failed=None)
    return page.log("correct", "", correction=c)


def apply_corrections(doc: DocState, pages: Pages) -> tuple[DocState, Pages]:
    """The corrected text becomes the page's text; restore/ skips it (the archivist's text
    is final) and the reading stays as raw_text."""
    return doc, tuple(
        p.log("correct", f"corrected by hand (file {p.correction.file})",
              text=p.correction.text, restored=None)
        if p.correction is not None else p for p in pages)


def mark_corrected_tasks(doc: DocState, pages: Pages) -> tuple[DocState, Pages]:
    """Tasks read from a corrected page say so (`tasks.corrected`)."""
    corrected = {p.page_no for p in pages if p.correction is not None}
    if not corrected or doc.extraction is None:
        return doc, pages
    tasks = tuple(dataclasses.replace(t, corrected=True) if t.page_no in corrected else t
                  for t in doc.extraction.tasks)
    return dataclasses.replace(doc, extraction=dataclasses.replace(doc.extraction,
                                                                   tasks=tasks)), pages
