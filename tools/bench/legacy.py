"""Which is better for a PDF whose text layer came from an English-only OCR: restore that text,
or OCR the page image again with Tesseract `vie`? This benchmark decides the default of
`vanban run --legacy` and prints one table (seconds are wall-clock on this machine).

    python -m tools.bench.legacy [--pages N]

The restored rows of training seeds use a leave-one-out model (tools/bench/loo.py) and say so.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from tools.bench.loo import model_for
from tools.evaluate.metrics import cer, syllable_accuracy
from vanban import ocr, restore
from vanban.ingest import open_source, render_page

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "data" / "samples" / "seeds"
LEGACY = sorted({*ROOT.joinpath("data", "samples", "pdf").glob("*.legacy.pdf"),
                 *ROOT.joinpath("data", "bench").glob("*.legacy.pdf")})


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pages", type=int, default=0, help="first N pages per document (0: all)")
    args = ap.parse_args(argv)
    header = (f"{'document':<24} {'pages':>5} | {'method':<30} {'CER':>7} {'syll acc':>8} "
              f"{'s/page':>7}")
    print(header)
    print("-" * len(header))
    for pdf in LEGACY:
        name = pdf.name.split(".")[0]
        src = open_source(pdf)
        pages = src.pages[: args.pages] if args.pages else src.pages
        reference = (SEEDS / f"{name}.txt").read_text(encoding="utf-8")
        if args.pages:  # compare against the share of the document the pages cover
            reference = reference[: int(len(reference) * len(pages) / src.n_pages * 1.1)]
        layer = "\n".join(p.text or "" for p in pages)
        model, label = model_for(pdf)  # leave-one-out for a training seed (built untimed)
        t0 = time.perf_counter()
        restored = "\n".join(restore.restore_text(p.text or "", model).text for p in pages)
        t_restore = (time.perf_counter() - t0) / len(pages)
        t0 = time.perf_counter()
        ocr_text = "\n".join(
            ocr.ocr_page(render_page(pdf, "pdf", p.page_no - 1), p.page_no, "vie").text
            for p in pages
        )
        t_ocr = (time.perf_counter() - t0) / len(pages)
        for method, text, secs in (("legacy layer as is", layer, 0.0),
                                   (f"restored ({label})", restored, t_restore),
                                   ("OCR again with vie", ocr_text, t_ocr)):
            print(f"{name:<24} {len(pages):>5} | {method:<30} {cer(text, reference):>7.2%} "
                  f"{syllable_accuracy(text, reference):>8.2%} {secs:>7.2f}")


if __name__ == "__main__":
    main()
