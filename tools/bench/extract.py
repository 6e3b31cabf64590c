"""Benchmark of extract/ against hand-made gold annotations.

    python -m tools.bench.extract

Seeds: tests/golden/extract/*.json; own test documents written after the parser:
tests/extract/docs/*.json; held-out: data/testdocs/heldout/*.json; new: data/testdocs/new/*.json
(all the same format). `--scans render,scan` scores own/heldout/new from their text rendered
and OCR'd (clean image; render.scan's photocopy damage) instead: tools/bench/scanned.py,
cached under build/bench-scans. Documents data/splits.toml puts in "test" (seed 003, the blind
new ones) are skipped: they are scored once, on purpose, never by a routine run.
`--forms` scores the new documents per form and per rendering (text, digital PDF, light
and medium scan read through the real pipeline; tools/bench/forms.py).
`--only seeds,own` limits the sets; `-v` lists every field disagreement. `--via upstream` reads
the seeds the way the pipeline does instead of from their text: the born-digital PDF text layer
(ingest) where data/samples/pdf has one, seed 003's garbled text through restore/.
Predicted tasks are matched one-to-one with gold tasks of the same kind (text similarity, then
same date / session for schedule rows). Rows: precision, recall, F1. Fields: accuracy over the
matched pairs and an end-to-end F1 (a field counts only when its row matched and it is equal).
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from tools.evaluate.gold import (
    DIRECTIVE_FIELDS,
    HELDOUT,
    META_FIELDS,
    NEW,
    OWN,
    SCHEDULE_FIELDS,
    SEEDS,
    Tally,
    prf,
    run_set,
)
from vanban.models.records import PageText


def rows_for(name: str, tallies: dict[str, Tally], meta_t: Tally) -> list[list[str]]:
    out: list[list[str]] = []
    fmt: Callable[[float], str] = lambda x: f"{x:.3f}"  # noqa: E731
    for kind, fields in (("schedule", SCHEDULE_FIELDS), ("directive", DIRECTIVE_FIELDS)):
        t = tallies[kind]
        if not t.gold and not t.pred:
            continue
        p, r, f = prf(t.matched, t.pred, t.gold)
        out.append([name, kind, "ROWS", str(t.pred), str(t.gold), str(t.matched), fmt(p), fmt(r),
                    fmt(f), "-"])
        for fl in fields:
            ok = t.field_ok.get(fl, 0)
            fp, fr, ff = prf(ok, t.pred, t.gold)
            acc = ok / t.matched if t.matched else 0.0
            out.append([name, kind, fl, "", "", str(ok), fmt(fp), fmt(fr), fmt(ff), fmt(acc)])
    for fl in META_FIELDS:
        ok = meta_t.field_ok.get(fl, 0)
        acc = ok / meta_t.matched if meta_t.matched else 0.0
        out.append([name, "meta", fl, "", str(meta_t.matched), str(ok), "", "", "", fmt(acc)])
    return out


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    verbose = "-v" in args
    if "--forms" in args:
        from tools.bench.forms import main as forms_main

        code: int = forms_main(args)
        return code
    sets = [("seeds", SEEDS), ("own", OWN), ("heldout", HELDOUT), ("new", NEW)]
    if "--only" in args:
        wanted = set(args[args.index("--only") + 1].split(","))
        sets = [s for s in sets if s[0] in wanted]
    table: list[list[str]] = []
    all_misses: list[str] = []
    upstream = "--via" in args and args[args.index("--via") + 1] == "upstream"
    if upstream:
        sets = [("seeds-upstream", SEEDS)]
    renderings: list[str | None] = [None]
    if "--scans" in args:
        # Dev documents rendered, "scanned" and OCR'd (tools/bench/scanned.py); seeds have
        # their own scan PDFs, measured by bench-ocr.
        renderings = [*args[args.index("--scans") + 1].split(",")]
        sets = [s for s in sets if s[0] != "seeds"]
    for rendering in renderings:
        render = None
        if rendering is not None:
            from tools.bench.scanned import scanned_pages

            def render(text: str, seed: int, v: str = rendering) -> list[PageText]:
                pages: list[PageText] = scanned_pages(text, v, seed)
                return pages
        for name, folder in sets:
            paths = list(folder.glob("*.json")) if folder.is_dir() else []
            if not paths:
                continue
            tallies, meta_t, misses, n = run_set(paths, upstream, render=render)
            label = f"{name}/{rendering}" if rendering else name
            table += rows_for(f"{label}({n})", tallies, meta_t)
            all_misses += [f"[{label}] {m}" for m in misses]
    head = ["set", "table", "field", "pred", "gold", "tp/ok", "P", "R", "F1", "acc(matched)"]
    widths = [max(len(r[i]) for r in [head, *table]) for i in range(len(head))]
    for r in [head, *table]:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)))
    if verbose:
        print()
        for m in all_misses:
            print(m)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
