"""Scoring extract/ output against hand-made gold annotations (shared by tests and benchmarks).

Predicted tasks are matched one-to-one with gold tasks of the same kind (text similarity, then
same date / session for schedule rows). Rows: precision, recall, F1. Fields: accuracy over the
matched pairs and an end-to-end F1 (a field counts only when its row matched and it is equal).
"""
from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from vanban.extract import extract_document
from vanban.models.records import Extraction, PageText, Task

ROOT = Path(__file__).resolve().parent.parent.parent
SEEDS = ROOT / "tests" / "golden" / "extract"
OWN = ROOT / "tests" / "extract" / "docs"
HELDOUT = ROOT / "data" / "testdocs" / "heldout"
NEW = ROOT / "data" / "testdocs" / "new"

SCHEDULE_FIELDS = ("date", "weekday", "session", "time", "text", "owner", "leaders", "location")
DIRECTIVE_FIELDS = ("owner", "deadline", "deadline_valid", "deadline_kind", "collaborators",
                    "section", "text")
META_FIELDS = ("doc_type", "doc_type_name", "number", "place", "issue_date", "issuer", "title",
               "signer", "signer_authority", "recipients")


def norm(v: Any) -> Any:
    """Compare values the way a reader would: NFC, folded spaces and case, edge punctuation off."""
    if v is None:
        return None
    if isinstance(v, (list, tuple)):
        return tuple(norm(x) for x in v)
    if isinstance(v, (dt.date,)):
        return v.isoformat()
    if isinstance(v, bool):
        return v
    s = unicodedata.normalize("NFC", str(v))
    s = " ".join(s.split()).casefold()
    s = re.sub(r"^[\s\-–•+.,;:]+|[\s.,;:]+$", "", s)
    return s or None


def norm_title(v: Any) -> Any:
    """A letter's title with or without its "V/v" lead reads the same. A schedule's "(Từ ngày
    ... đến ngày ...)" line is not part of the title (issue 11's convention, every gold follows
    it since 2026-12-06), so a title that keeps it is wrong."""
    s = norm(v)
    if not isinstance(s, str):
        return s
    return re.sub(r"^v\s*/\s*v\s*:?\s*", "", s) or None

# A weekday spelled out ("Thứ Hai", "Chủ nhật") is the same field value as its number ("Thứ 2",
# "CN"): golds differ in which they write (n01-n02 as written, n18-n32 normalised).
_SPELLED_WEEKDAY = {"thứ hai": "thứ 2", "thứ ba": "thứ 3", "thứ tư": "thứ 4", "thứ năm": "thứ 5",
                    "thứ sáu": "thứ 6", "thứ bảy": "thứ 7", "chủ nhật": "cn"}


def task_value(t: Task, name: str) -> Any:
    v = getattr(t, name, None)  # None for a field an older extract/ lacks (before/after runs)
    if name == "deadline_kind" and v == "none":
        return None
    out = norm(list(v) if isinstance(v, tuple) else v)
    return _SPELLED_WEEKDAY.get(out, out) if name == "weekday" else out


def gold_value(g: dict[str, Any], name: str) -> Any:
    out = norm(g.get(name))
    return _SPELLED_WEEKDAY.get(out, out) if name == "weekday" else out


def read_pages(path: Path) -> list[PageText]:
    text = path.read_text(encoding="utf-8")
    return [PageText(i, "plain_text", t) for i, t in enumerate(text.split("\f"), start=1)]


def upstream_pages(gold_path: Path) -> list[PageText] | None:
    """The seed as the pipeline would hand it over (text layer or restored text), if possible."""
    name = gold_path.stem
    pdf = ROOT / "data" / "samples" / "pdf" / f"{name}.digital.pdf"
    if pdf.is_file():
        import pypdfium2

        from vanban.ingest.pdf_text import pdf_layer_pages

        n = len(pypdfium2.PdfDocument(str(pdf)))
        layers = pdf_layer_pages(pdf, n)  # with their line styles, as the pipeline hands them
        return [PageText(i, "text_layer", lay.text if lay else "",
                         lines=lay.lines if lay else ()) for i, lay in enumerate(layers, start=1)]
    raw = ROOT / "data" / "samples" / "seeds" / f"{name}.txt"
    if raw.is_file():
        from vanban.restore import restore_text

        return [PageText(1, "plain_text", restore_text(raw.read_text(encoding="utf-8")).text)]
    return None


def resolve_source(gold_path: Path, src: str | None) -> Path | None:
    cands = []
    if src:
        cands += [ROOT / src, gold_path.parent / src, gold_path.parent / Path(src).name]
    cands += [gold_path.with_suffix(".txt")]
    return next((c for c in cands if c.is_file()), None)


@dataclass
class Tally:
    pred: int = 0
    gold: int = 0
    matched: int = 0
    field_ok: dict[str, int] = field(default_factory=dict)

    def add_field(self, name: str, ok: bool) -> None:
        self.field_ok[name] = self.field_ok.get(name, 0) + int(ok)


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else (1.0 if not n_pred else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def match(
    pred: list[Task], gold: list[dict[str, Any]], kind: str
) -> list[tuple[Task, dict[str, Any]]]:
    """Greedy one-to-one matching on text similarity (>= 60), ties broken by date and session,
    then by closeness of position so repeated texts pair in document order."""
    cands: list[tuple[float, int, int]] = []
    for i, p in enumerate(pred):
        pt = norm(p.text) or ""
        for j, g in enumerate(gold):
            gt = norm(g.get("text")) or ""
            sim = fuzz.ratio(pt, gt)
            if sim < 60:
                continue
            score = sim
            if kind == "schedule":
                score += 50 * (task_value(p, "date") == gold_value(g, "date"))
                score += 10 * (task_value(p, "session") == gold_value(g, "session"))
            score -= abs(i / max(len(pred), 1) - j / max(len(gold), 1)) * 20
            cands.append((score, i, j))
    cands.sort(reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs: list[tuple[Task, dict[str, Any]]] = []
    for _, i, j in cands:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        pairs.append((pred[i], gold[j]))
    return pairs


def score_doc(ex: Extraction, gold: dict[str, Any], tallies: dict[str, Tally],
              meta_t: Tally, misses: list[str]) -> None:
    for kind, fields in (("schedule", SCHEDULE_FIELDS), ("directive", DIRECTIVE_FIELDS)):
        pred = [t for t in ex.tasks if t.kind == kind]
        gl = [g for g in gold.get("tasks", []) if g.get("kind") == kind]
        tl = tallies[kind]
        tl.pred += len(pred)
        tl.gold += len(gl)
        pairs = match(pred, gl, kind)
        tl.matched += len(pairs)
        for p, g in pairs:
            for f in fields:
                ok = task_value(p, f) == gold_value(g, f)
                tl.add_field(f, ok)
                if not ok and f in ("owner", "deadline", "date", "session", "leaders"):
                    misses.append(f"{gold['doc']} {kind} {f}: got {task_value(p, f)!r} "
                                  f"want {gold_value(g, f)!r} | {str(g.get('text'))[:60]}")
    gm = gold.get("meta", {})
    meta_t.matched += 1
    for f in META_FIELDS:
        nf = norm_title if f == "title" else norm
        ok = nf(getattr(ex.meta, f, None) if f != "recipients" else list(ex.meta.recipients)) == nf(
            gm.get(f) if f != "recipients" else (gm.get(f) or [])
        )
        meta_t.add_field(f, ok)
        if not ok:
            misses.append(f"{gold['doc']} meta {f}: got {getattr(ex.meta, f, None)!r} "
                          f"want {gm.get(f)!r}")


def is_test_document(gold_path: Path, gold: dict[str, Any]) -> bool:
    """Whether data/splits.toml puts the document in the blind "test" split (scored once, on
    purpose, never by a routine benchmark run). Matched on the document's name too, since a
    gold may quote its text from elsewhere (seed 003's restored text under tests/golden)."""
    import fnmatch

    from tools.evaluate.splits import load

    names = {gold_path.stem, str(gold.get("doc") or "")}
    src = resolve_source(gold_path, gold.get("source"))
    if src is not None:
        names.add(src.name)
    globs = [g for g, s in load().items() if s == "test"]
    return any(fnmatch.fnmatchcase(n, Path(g).name) for g in globs for n in names if n)


def run_set(
    paths: Iterable[Path], upstream: bool = False, include_test: bool = False,
    render: Callable[[str, int], list[PageText]] | None = None,
) -> tuple[dict[str, Tally], Tally, list[str], int]:
    """Score every gold of `paths` (blind test documents skipped unless `include_test`).
    `render(text, seed)` turns a source text into the pages to extract from (a scan + OCR in
    bench-extract --scans); by default the text itself is the page."""
    tallies = {"schedule": Tally(), "directive": Tally()}
    meta_t = Tally()
    misses: list[str] = []
    n = 0
    for gp in sorted(paths):
        gold = json.loads(gp.read_text(encoding="utf-8"))
        gold.setdefault("doc", gp.stem)
        if not include_test and is_test_document(gp, gold):
            continue
        src = resolve_source(gp, gold.get("source"))
        pages = upstream_pages(gp) if upstream else (read_pages(src) if src else None)
        if render is not None and src is not None:
            pages = render(src.read_text(encoding="utf-8"), n + 1)
        if pages is None:
            misses.append(f"{gp.name}: source not found")
            continue
        n += 1
        score_doc(extract_document(pages), gold, tallies, meta_t, misses)
    return tallies, meta_t, misses, n


