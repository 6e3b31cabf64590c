"""bench-layout: do the measured line styles agree with the documents' own headings and
paragraphs, and which of them help extract/? Dev documents of data/testdocs/new only.

    python -m tools.bench.layout [--renderings digital,scan-light,scan-medium] [--no-ablation]
                                 [--stroke [scan-light,scan-medium]]

Gold comes from each document's own text (the renderings are drawn from it, one source line =
one paragraph): every non-empty line outside a table starts a paragraph; a heading is a line in
bold markup or shaped as a section heading (a Roman, arabic or letter label, no closing
period or semicolon, at most 15 words). A rendered line is matched to the source line whose
opening it repeats (fuzzy, so OCR errors still match); a rendered line that opens no source
line is a wrapped continuation.

Table 1, agreement: for each signal alone and for the default combination (`all` rows:
vanban.layout.DEFAULT_SIGNALS, what the pipeline uses),
precision / recall / F1 of `paragraph_break` against gold paragraph starts and of
`emphasised` against gold headings, per rendering. `caps` and `numbered` are text-only
signals (a line in capitals; a heading-shaped label), measured for comparison.
`--stroke`: the OCR stroke-width signal against real bold (the dev renderings' scans have
none): the digital PDFs of documents with bold lines, damaged like the scans and OCR'd.
Table 2, ablation: bench-extract's ALL rows (schedule F1, directive F1, owner, deadline)
with no style signal, each signal alone, all, and all without the heading-numeral mending,
per rendering, in the same run (the `none` row is the anchor: extract/ without styles).
"""

from __future__ import annotations

import dataclasses
import json
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from tools.bench import forms, pdfpages
from tools.evaluate.gold import NEW, Tally, is_test_document, prf, score_doc
from vanban.extract import extract_document, lines
from vanban.extract.markup import is_emphasised, strip_markup
from vanban.layout import ALL_SIGNALS, DEFAULT_SIGNALS, decide
from vanban.models.records import LineStyle, PageText

ROOT = Path(__file__).resolve().parents[2]
_LABEL = re.compile(r"^(?:[IVX]+|\d+(?:\.\d+)*|[a-zđ])[.)]\s+\S")
_BREAK_SIGNALS = ("gap", "indent", "short")
_EMPH_SIGNALS = ("bold", "stroke", "height")


def dev_docs() -> list[tuple[Path, dict[str, Any]]]:
    table = forms.forms()
    out = []
    for gp in sorted(NEW.glob("*.json")):
        gold = json.loads(gp.read_text(encoding="utf-8"))
        gold.setdefault("doc", gp.stem)
        if is_test_document(gp, gold) or table.get(gp.stem, ("", ""))[1] == "test":
            continue  # never opened here
        out.append((gp, gold))
    return out


def source_lines(gp: Path) -> list[tuple[str, bool]]:
    """(text, is_heading) of each paragraph line of the document's source."""
    out = []
    for raw in gp.with_suffix(".txt").read_text(encoding="utf-8").split("\n"):
        text = strip_markup(raw)
        if not text or "\t" in raw:
            continue
        heading = is_emphasised(raw) or bool(
            _LABEL.match(text) and not re.search(r"[.;]\s*$", text) and len(text.split()) <= 15)
        out.append((text, heading))
    return out


def _key(s: str) -> str:
    return " ".join(s.split()).casefold()[:30]


def gold_marks(page_lines: Sequence[str], source: Sequence[tuple[str, bool]]
               ) -> list[tuple[bool, bool]]:
    """(starts a paragraph, is a heading) for each rendered line."""
    keys = [(_key(t), h) for t, h in source]
    out = []
    for text in page_lines:
        k = _key(text)
        if len(k) < 4:
            out.append((False, False))
            continue
        best, head = 0.0, False
        for sk, h in keys:
            n = min(len(k), len(sk))
            r = fuzz.ratio(k[:n], sk[:n]) if n >= 4 else 0.0
            if r > best:
                best, head = r, h
        out.append((best >= 85, best >= 85 and head))
    return out


def caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def agreement(rendering: str, docs: Sequence[tuple[Path, dict[str, Any]]]) -> list[list[str]]:
    names = [*_BREAK_SIGNALS, "all"]
    emph = [*_EMPH_SIGNALS, "caps", "numbered", "all"]
    tb = {n: [0, 0, 0] for n in names}  # tp, pred, gold
    te = {n: [0, 0, 0] for n in emph}
    measured = total = 0
    for gp, _ in docs:
        pdf = forms.PDFS / f"{gp.stem}.{rendering}.pdf"
        if not pdf.is_file():
            continue
        source = source_lines(gp)
        for page in pdfpages.pipeline_pages(pdf):
            texts = page.text.split("\n")
            total += sum(1 for t in texts if t.strip() and "\t" not in t)
            if not page.lines:
                continue
            raw = [LineStyle(bold=s.bold, stroke=s.stroke, height=s.height, gap=s.gap,
                             indent=s.indent, fill=s.fill, centred=s.centred)
                   for s in page.lines]
            marks = gold_marks(texts, source)
            per = {n: decide(raw, DEFAULT_SIGNALS if n == "all" else frozenset({n}))
                   for n in {*names, *_EMPH_SIGNALS}}
            for i, text in enumerate(texts):
                if raw[i].fill is None:  # a table row or an empty line: nothing measured
                    continue
                measured += 1
                start, head = marks[i]
                for n in names:
                    _tally(tb[n], per[n][i].paragraph_break, start and i > 0)
                for n in emph:
                    if n == "caps":
                        got = caps(text)
                    elif n == "numbered":
                        got = bool(_LABEL.match(text)) and not re.search(r"[.;]\s*$", text)
                    else:
                        got = per[n][i].emphasised
                    _tally(te[n], got, head)
    rows = [[rendering, f"break:{n}", *_prf(tb[n])] for n in names]
    rows += [[rendering, f"emph:{n}", *_prf(te[n])] for n in emph]
    rows.append([rendering, f"(lines measured {measured} of {total} text lines)", "", "", "", ""])
    return rows


def _tally(t: list[int], got: bool, want: bool) -> None:
    t[0] += got and want
    t[1] += got
    t[2] += want


def _prf(t: list[int]) -> list[str]:
    p, r, f = prf(*t)
    return [f"{t[0]}/{t[1]}/{t[2]}", f"{p:.3f}", f"{r:.3f}", f"{f:.3f}"]


def ablation(rendering: str, docs: Sequence[tuple[Path, dict[str, Any]]]) -> list[list[str]]:
    configs: list[tuple[str, frozenset[str], bool]] = [
        ("none", frozenset(), True),
        *[(s, frozenset({s}), True) for s in (*_EMPH_SIGNALS, *_BREAK_SIGNALS)],
        ("gap+indent", frozenset({"gap", "indent"}), True),
        ("all", ALL_SIGNALS, True),
        ("default (all but indent)", DEFAULT_SIGNALS, True),
        ("default, no numeral mending", DEFAULT_SIGNALS, False),
    ]
    rows = []
    mend: Callable[[str, bool], str] = lines.mend_heading_numeral
    for label, signals, mending in configs:
        pdfpages.SIGNALS = signals
        setattr(lines, "mend_heading_numeral",  # noqa: B010 (a bench-time switch)
                mend if mending else (lambda text, emphasised=False: text))
        tl = {"schedule": Tally(), "directive": Tally()}
        mt = Tally()
        for gp, gold in docs:
            pages: list[PageText] | None = forms.pages_for(gp, gold, rendering)
            if pages is None:
                continue
            score_doc(extract_document(pages), gold, tl, mt, [])
        s, d = tl["schedule"], tl["directive"]
        rows.append([rendering, label, f"{prf(s.matched, s.pred, s.gold)[2]:.3f}",
                     f"{d.matched}/{d.pred}/{d.gold}", f"{prf(d.matched, d.pred, d.gold)[2]:.3f}",
                     _acc(d, "owner"), _acc(d, "deadline"), _acc(mt, "title")])
    setattr(lines, "mend_heading_numeral", mend)  # noqa: B010
    pdfpages.SIGNALS = DEFAULT_SIGNALS
    return rows


def _acc(t: Tally, name: str) -> str:
    return f"{t.field_ok.get(name, 0) / t.matched:.3f}" if t.matched else "-"


def stroke_check(variant: str, docs: Sequence[tuple[Path, dict[str, Any]]]) -> list[str]:
    """OCR stroke width against real bold: each digital PDF's pages (bold headings and type
    line drawn in DejaVu Serif Bold) rasterised at 300 dpi, damaged as the `variant` scan is
    (testdocs.DAMAGE), OCR'd; an OCR line is gold-bold when the text-layer line it repeats is
    (nearly) all bold. Only documents with markup-bold lines, to keep the OCR short."""
    import cv2
    import numpy as np
    import pypdfium2

    from tools.bench import render, testdocs
    from vanban.ingest.pdf_text import pdf_layer_pages
    from vanban.layout import BOLD_SHARE
    from vanban.ocr import ocr_page

    tp = pred = gold = 0
    strokes: dict[bool, list[float]] = {True: [], False: []}
    # extract/ on the OCR text (not restored) with and without the stroke signal
    tallies = {on: ({"schedule": Tally(), "directive": Tally()}, Tally()) for on in (True, False)}
    for gp, gold_doc in docs:
        if not any(is_emphasised(r) for r in gp.with_suffix(".txt").read_text(
                encoding="utf-8").split("\n")):
            continue
        pdf = forms.PDFS / f"{gp.stem}.digital.pdf"
        doc = pypdfium2.PdfDocument(str(pdf))
        layers = pdf_layer_pages(pdf, len(doc))
        read: list[PageText] = []
        for i, layer in enumerate(layers):
            if layer is None:
                continue
            bold = [(_key(t), s.bold is not None and s.bold >= BOLD_SHARE)
                    for t, s in zip(layer.text.split("\n"), layer.lines, strict=False)]
            img = doc[i].render(scale=300 / 72, grayscale=True).to_numpy()
            gray = img if img.ndim == 2 else img[..., 0]
            seed = testdocs.seed_for(gp.stem, variant) * 100 + i
            damaged = render.scan(np.ascontiguousarray(gray), seed, **testdocs.DAMAGE[variant])
            up = cv2.resize(damaged, (gray.shape[1], gray.shape[0]),
                            interpolation=cv2.INTER_CUBIC)
            page = ocr_page(up, i + 1)
            read.append(page)
            for text, st in zip(page.text.split("\n"), page.lines, strict=False):
                k = _key(text)
                if st.stroke is None or len(k) < 4:
                    continue
                best, want = max(((fuzz.ratio(k, bk), b) for bk, b in bold),
                                 default=(0.0, False))
                if best < 80:
                    continue
                strokes[want].append(st.stroke)
                _counts = (st.emphasised and want, st.emphasised, want)
                tp, pred, gold = tp + _counts[0], pred + _counts[1], gold + _counts[2]
        for on in (True, False):
            signals = DEFAULT_SIGNALS if on else DEFAULT_SIGNALS - {"stroke"}
            pages = [dataclasses.replace(pg, lines=decide(pg.lines, signals)) for pg in read]
            score_doc(extract_document(pages), gold_doc, *tallies[on], [])
    p, r, f = prf(tp, pred, gold)

    def q(xs: list[float]) -> str:
        xs = sorted(xs)
        return (f"median {xs[len(xs) // 2]:.2f}, min {xs[0]:.2f}, max {xs[-1]:.2f} "
                f"({len(xs)} lines)") if xs else "-"
    return [f"{variant}: OCR emphasis vs text-layer bold: tp/pred/gold {tp}/{pred}/{gold} "
            f"P {p:.3f} R {r:.3f} F1 {f:.3f}",
            f"  stroke of bold lines: {q(strokes[True])}",
            f"  stroke of regular lines: {q(strokes[False])}",
            *(_extract_row(on, tl, mt) for on, (tl, mt) in tallies.items())]


def _extract_row(on: bool, tl: dict[str, Tally], mt: Tally) -> str:
    d, sc = tl["directive"], tl["schedule"]
    return (f"  extract/ on the raw OCR, stroke {'on ' if on else 'off'}: dir F1 "
            f"{prf(d.matched, d.pred, d.gold)[2]:.3f} ({d.matched}/{d.pred}/{d.gold}), owner "
            f"{_acc(d, 'owner')}, deadline {_acc(d, 'deadline')}, sched F1 "
            f"{prf(sc.matched, sc.pred, sc.gold)[2]:.3f}, title {_acc(mt, 'title')}")


def main(args: list[str]) -> int:
    rends = (args[args.index("--renderings") + 1].split(",") if "--renderings" in args
             else ["digital", "scan-light", "scan-medium"])
    # Only documents with every rendering drawn, so each row scores the same documents.
    docs = [(gp, g) for gp, g in dev_docs()
            if all((forms.PDFS / f"{gp.stem}.{r}.pdf").is_file() for r in rends)]
    print(f"bench-layout, {len(docs)} dev documents of data/testdocs/new")
    agree = [row for r in rends for row in agreement(r, docs)]
    forms._print(["rendering", "signal", "tp/pred/gold", "precision", "recall", "F1"], agree)
    if "--stroke" in args:  # OCRs pages: minutes, not cached
        print()
        variants = (args[args.index("--stroke") + 1].split(",")
                    if len(args) > args.index("--stroke") + 1
                    and not args[args.index("--stroke") + 1].startswith("-")
                    else ["scan-light", "scan-medium"])
        for variant in variants:
            for line in stroke_check(variant, docs):
                print(line)
    if "--no-ablation" not in args:
        abl = [row for r in rends for row in ablation(r, docs)]
        forms._print(["rendering", "signals", "sched F1", "dir tp/pred/gold", "dir F1", "owner",
                      "deadline", "title"], abl)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
