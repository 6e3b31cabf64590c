"""bench-extract per form and per rendering, on the new documents (data/testdocs/new).

    python -m tools.bench.extract --forms [--renderings text,digital,scan-light,scan-medium]
                                          [--split dev|test] [-v]

For each document of the chosen split (dev by default; `--split test` is the lead's one blind
run, never a routine one) and each rendering: `text` is the document's own text, the other
three are build/testdocs/NAME.<rendering>.pdf (`make testdocs`) read through the real pipeline
(tools/bench/pdfpages.py, cached). Rows are grouped by split.tsv's form column, plus an `ALL`
row per rendering (the anchor: `text` is measured in the same run as the scans).
Schedule: row F1 and accuracy over matched rows of date, session, task (text), preparer
(owner cell) and leaders. Directive: row F1 and owner, deadline, deadline_valid accuracy.
Metadata: accuracy per field.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tools.evaluate.gold import (
    META_FIELDS,
    NEW,
    Tally,
    is_test_document,
    match,
    prf,
    read_pages,
    resolve_source,
    score_doc,
)
from vanban.extract import extract_document
from vanban.models.records import Extraction, PageText

ROOT = Path(__file__).resolve().parents[2]
PDFS = ROOT / "build" / "testdocs"
RENDERINGS = ("text", "digital", "scan-light", "scan-medium")
SCHED = (("date", "date"), ("session", "session"), ("task", "text"), ("preparer", "owner"),
         ("leaders", "leaders"))
DIREC = (("owner", "owner"), ("deadline", "deadline"), ("valid", "deadline_valid"))


def forms() -> dict[str, tuple[str, str]]:
    """name -> (form, split) from split.tsv."""
    out: dict[str, tuple[str, str]] = {}
    for line in (NEW / "split.tsv").read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) >= 4:
            out[cells[0]] = (cells[1], cells[3])
    return out


def pages_for(gp: Path, gold: dict[str, Any], rendering: str) -> list[PageText] | None:
    if rendering == "text":
        source = gold.get("source")
        src = resolve_source(gp, source if isinstance(source, str) else None)
        return read_pages(src) if src else None
    pdf = PDFS / f"{gp.stem}.{rendering}.pdf"
    if not pdf.is_file():
        return None
    from tools.bench.pdfpages import pipeline_pages

    pages: list[PageText] = pipeline_pages(pdf)
    return pages


def _unmatched(ex: Extraction, gold: dict[str, Any]) -> list[str]:
    """Rows only one side has (-v): extra predictions and missed gold rows."""
    out: list[str] = []
    for kind in ("schedule", "directive"):
        pred = [t for t in ex.tasks if t.kind == kind]
        rows = gold.get("tasks") or []
        gl = [g for g in rows if isinstance(g, dict) and g.get("kind") == kind]
        pairs = match(pred, gl, kind)
        mp = {id(p) for p, _ in pairs}
        mg = {id(g) for _, g in pairs}
        out += [f"{gold['doc']} {kind} EXTRA: {t.text[:90]!r} (owner {t.owner!r}, section "
                f"{t.section!r})" for t in pred if id(t) not in mp]
        out += [f"{gold['doc']} {kind} MISSED: {str(g.get('text'))[:90]!r}" for g in gl
                if id(g) not in mg]
    return out


def _f(x: float) -> str:
    return f"{x:.3f}"


def main(args: list[str]) -> int:
    split = args[args.index("--split") + 1] if "--split" in args else "dev"
    rends = (args[args.index("--renderings") + 1].split(",") if "--renderings" in args
             else list(RENDERINGS))
    verbose = "-v" in args
    # --only n33,n34: name prefixes, so one blind set is scored while a newer one stays unseen
    only = [p for p in args[args.index("--only") + 1].split(",") if p] if "--only" in args else []
    table = forms()
    groups: dict[tuple[str, str], tuple[dict[str, Tally], Tally, list[int]]] = {}
    misses: list[str] = []
    for rendering in rends:
        for gp in sorted(NEW.glob("*.json")):
            gold = json.loads(gp.read_text(encoding="utf-8"))
            gold.setdefault("doc", gp.stem)
            is_test = is_test_document(gp, gold) or table.get(gp.stem, ("", ""))[1] == "test"
            if is_test != (split == "test"):
                continue
            if only and not any(gp.stem.startswith(p) for p in only):
                continue
            pages = pages_for(gp, gold, rendering)
            if pages is None:
                misses.append(f"[{rendering}] {gp.stem}: no source (make testdocs?)")
                continue
            ex = extract_document(pages)
            form = table.get(gp.stem, ("?", ""))[0]
            for key in ((form, rendering), ("ALL", rendering)):
                tl, mt, n = groups.setdefault(
                    key, ({"schedule": Tally(), "directive": Tally()}, Tally(), [0]))
                doc_misses: list[str] = []
                score_doc(ex, gold, tl, mt, doc_misses)
                n[0] += 1
                if key[0] == "ALL":
                    misses += [f"[{rendering}] {m}" for m in doc_misses]
                    misses += [f"[{rendering}] {m}" for m in _unmatched(ex, gold)]
    order = sorted(groups, key=lambda k: (k[0] == "ALL", k[0], rends.index(k[1])))
    sched_rows: list[list[str]] = []
    dir_rows: list[list[str]] = []
    meta_rows: list[list[str]] = []
    for form, rendering in order:
        tl, mt, n = groups[(form, rendering)]
        label = [form, rendering, str(n[0])]
        for kind, fields, out in (("schedule", SCHED, sched_rows), ("directive", DIREC, dir_rows)):
            t = tl[kind]
            if not t.gold and not t.pred:
                continue
            f1 = prf(t.matched, t.pred, t.gold)[2]
            accs = [_f(t.field_ok.get(fl, 0) / t.matched) if t.matched else "-"
                    for _, fl in fields]
            out.append([*label, f"{t.matched}/{t.pred}/{t.gold}", _f(f1), *accs])
        meta_rows.append([*label, *(_f(mt.field_ok.get(fl, 0) / mt.matched) if mt.matched
                                    else "-" for fl in META_FIELDS)])
    print(f"bench-extract per form and rendering, split={split}")
    _print(["form", "rendering", "docs", "tp/pred/gold", "sched F1", *(a for a, _ in SCHED)],
           sched_rows)
    _print(["form", "rendering", "docs", "tp/pred/gold", "dir F1", *(a for a, _ in DIREC)],
           dir_rows)
    _print(["form", "rendering", "docs", *META_FIELDS], meta_rows)
    missing = [m for m in misses if m.endswith("no source (make testdocs?)")]
    if missing:  # a figure over fewer documents than the split holds must say so
        print(f"\nWARNING: {len(missing)} document renderings missing (make testdocs?)")
    if verbose:
        for m in misses:
            print(m)
    return 0


def _print(head: list[str], rows: list[list[str]]) -> None:
    print()
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    for r in [head, *rows]:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
