"""OCR benchmark: plain Tesseract `vie` and vanban's ocr/ on the same scanned pages, one table.

For the light and medium scans of every sample document: character error rate and syllable
accuracy of the document text against the clean seed text (aligned over the whole document),
seconds per page, and for the schedules the schedule-row F1 and per-field accuracy of rows
extracted from the scan against the rows extracted from the clean text.

    python -m tools.bench.ocr [--only 000,002] [--variants scan-medium] [--jobs 2] [--pages 2]
                              [--resolution 300|native]

The composed documents in data/testdocs/ocr/ (rendered and "scanned" by bench/render.py, not
by the tool that made the samples) are measured too, so the figures are not tuned to the
sample renderings (`--testdocs only` measures just those). The "+restore" rows of training
seeds restore with a leave-one-out model (tools/bench/loo.py); the label column says which.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from tools.bench.loo import model_for
from tools.bench.render import scanned_document
from tools.evaluate.gold import Tally, prf, score_doc
from tools.evaluate.metrics import cer, syllable_accuracy
from vanban.extract import extract_document
from vanban.ingest import open_source
from vanban.ingest.render import read_scale, render_scan
from vanban.models.records import PageText, Task
from vanban.ocr import join_page_tables, ocr_page, tesseract
from vanban.restore import restore_text

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "data" / "samples" / "seeds"
TESTDOCS = ROOT / "data" / "testdocs" / "ocr"
FIELDS = ("date", "session", "text", "owner", "leaders")


def _scans(only: set[str], variants: set[str]) -> list[Path]:
    found = [*ROOT.joinpath("data", "samples", "pdf").glob("*.pdf"),
             *ROOT.joinpath("data", "bench").glob("*.pdf")]
    return sorted(p for p in found if p.name[:3] in only and p.name.split(".")[1] in variants)


def _one_page(source: Path | np.ndarray, page_no: int,
              scan_dpi: float | None = None) -> tuple[int, str, float, PageText, float]:
    """Plain Tesseract and ocr/ on one page; `scan_dpi` (`--resolution native`): ocr/ reads
    the page's text at its scan's resolution, a PDF page's own, an image's `scan_dpi`."""
    os.environ["OMP_THREAD_LIMIT"] = "1"
    if isinstance(source, np.ndarray):
        image = source
    else:
        image, own = render_scan(source, "pdf", page_no - 1, measure=scan_dpi is not None)
        scan_dpi = own if scan_dpi is not None else None
    t0 = time.perf_counter()
    plain = tesseract.image_to_text(image, lang="vie").text
    t_plain = time.perf_counter() - t0
    t0 = time.perf_counter()
    ours = ocr_page(image, page_no, "vie", read_scale=read_scale(scan_dpi, True))
    t_ours = time.perf_counter() - t0
    return page_no, plain, t_plain, ours, t_ours


def _gold_from(tasks: tuple[Task, ...], name: str) -> dict[str, Any]:
    rows = []
    for t in tasks:
        if t.kind != "schedule":
            continue
        d = dataclasses.asdict(t)
        d["date"] = t.date.isoformat() if t.date else None
        rows.append(d)
    return {"doc": name, "tasks": rows, "meta": {}}


def _schedule_scores(pages: list[PageText], clean: str, name: str) -> tuple[str, dict[str, str]]:
    gold = _gold_from(extract_document([PageText(1, "plain_text", clean)]).tasks, name)
    if not gold["tasks"]:
        return "-", {}
    tallies = {"schedule": Tally(), "directive": Tally()}
    score_doc(extract_document(pages), gold, tallies, Tally(), [])
    t = tallies["schedule"]
    f1 = prf(t.matched, t.pred, t.gold)[2]
    fields = {f: f"{t.field_ok.get(f, 0) / t.matched:.3f}" if t.matched else "0.000"
              for f in FIELDS}
    return f"{f1:.3f}", fields


def _documents(args: argparse.Namespace) -> list[tuple[str, str, str, list[Any]]]:
    """(name, variant, clean text, page sources) for every measured document."""
    docs: list[tuple[str, str, str, list[Any]]] = []
    if args.testdocs != "only":
        for pdf in _scans(set(args.only.split(",")), set(args.variants.split(","))):
            name, variant = pdf.name.split(".")[0], pdf.name.split(".")[1]
            n = open_source(pdf).n_pages
            n = min(n, args.pages) if args.pages else n
            docs.append((name, variant, (SEEDS / f"{name}.txt").read_text(encoding="utf-8"),
                         [pdf] * n))
    if args.testdocs != "no":
        for seed, path in enumerate(sorted(TESTDOCS.glob("*.txt")), start=1):
            clean = path.read_text(encoding="utf-8")
            pages: list[Any] = list(scanned_document(clean, seed))
            pages = pages[: args.pages] if args.pages else pages
            docs.append((path.stem, "rendered", clean, pages))
    return docs


def _doc_path(name: str) -> Path:
    """The document file a benchmark name stands for, to find its split."""
    seed = SEEDS / f"{name}.txt"
    return seed if seed.exists() else TESTDOCS / f"{name}.txt"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--only", default="000,001,002,004")
    ap.add_argument("--variants", default="scan-light,scan-medium")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--pages", type=int, default=0, help="first N pages per document (0: all)")
    ap.add_argument("--testdocs", choices=("yes", "no", "only"), default="yes")
    ap.add_argument("--resolution", choices=("300", "native"), default="300",
                    help="as `vanban run --resolution`: native reads text at the scan's own "
                         "dpi (a PDF page's image; 200 for the rendered testdocs' scans)")
    args = ap.parse_args(argv)
    head = (f"{'document':<22} {'variant':<12} {'engine':<8} {'split, model':<19} {'CER':>7} "
            f"{'syll':>7} {'s/page':>6} {'sched F1':>8} " + " ".join(f"{f:>7}" for f in FIELDS))
    print(head)
    print("-" * len(head))
    totals = {"plain": 0.0, "vanban": 0.0, "+restore": 0.0}
    n_pages = 0
    with ProcessPoolExecutor(args.jobs) as pool:
        for name, variant, clean, sources in _documents(args):
            n = len(sources)
            # the rendered testdocs are JPEG at 200 dpi (render.scan); a PDF says its own
            dpi = (None if args.resolution == "300"
                   else 200.0 if variant == "rendered" else 0.0)
            results = sorted(pool.map(_one_page, sources, range(1, n + 1), [dpi] * n),
                             key=lambda r: r[0])
            n_pages += n
            plain_pages = [PageText(r[0], "ocr", r[1]) for r in results]
            ours_pages = join_page_tables([r[3] for r in results])
            model, label = model_for(_doc_path(name))  # LOO for a training seed (built untimed)
            t0 = time.perf_counter()
            restored = [dataclasses.replace(p, text=restore_text(p.text, model).text)
                        for p in ours_pages]
            t_restore = time.perf_counter() - t0
            t_ours = sum(r[4] for r in results)
            # "+restore" is what `vanban run` does by default (restore/ over vie output).
            for engine, pages, secs in (("plain", plain_pages, sum(r[2] for r in results)),
                                        ("vanban", ours_pages, t_ours),
                                        ("+restore", restored, t_ours + t_restore)):
                totals[engine] += secs
                text = "\n".join(p.text for p in pages)
                f1, fields = _schedule_scores(pages, clean, name)
                print(f"{name:<22} {variant:<12} {engine:<8} {label:<19} {cer(text, clean):>7.2%} "
                      f"{syllable_accuracy(text, clean):>7.2%} {secs / n:>6.2f} {f1:>8} "
                      + " ".join(f"{fields.get(f, '-'):>7}" for f in FIELDS), flush=True)
    print(f"\n{n_pages} pages; mean s/page plain {totals['plain'] / max(n_pages, 1):.2f}, "
          f"vanban {totals['vanban'] / max(n_pages, 1):.2f} "
          f"(x{totals['vanban'] / max(totals['plain'], 1e-9):.2f}), with restore "
          f"{totals['+restore'] / max(n_pages, 1):.2f} "
          f"(x{totals['+restore'] / max(totals['plain'], 1e-9):.2f}); "
          "single-threaded Tesseract, pages in parallel")


if __name__ == "__main__":
    main()
