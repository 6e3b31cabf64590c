"""The verdict's false-flag check: light and medium scans of dev documents must stay "ok".

Each page of the given scanned PDFs (data/samples/pdf, data/bench, build/testdocs) is read by
ocr/ as bench-scans reads its pages and dumped in the same JSON form (`--dump` of
tools/bench/scans.py; condition = the scan variant, CER -1: no page reference), so
tools/bench/verdict_table.py counts how many clean pages a verdict rule would flag.
Test documents (splits.toml) are refused.

    python -m tools.bench.verdict_clean OUT_DIR FILE.pdf [FILE.pdf ...] [--jobs 2]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from tools.bench.scans import _one_page
from tools.evaluate.splits import split_of
from vanban.ingest.render import render_scan

ROOT = Path(__file__).resolve().parents[2]


def _source_of(pdf: Path) -> Path | None:
    """The document file splits.toml lists for a rendered PDF (None when not found)."""
    stem = pdf.name.split(".")[0]
    for cand in (ROOT / "data/testdocs/new" / f"{stem}.txt",
                 ROOT / "data/samples/pdf" / pdf.name, ROOT / "data/bench" / pdf.name):
        if cand.exists():
            return cand
    return None


def _page(pdf: Path, page_no: int) -> dict[str, object]:
    image, _ = render_scan(pdf, "pdf", page_no - 1)
    r = _one_page(image, page_no, False, None)
    seen = r[6]
    sig, tab = seen.get("signals"), seen.get("tables")
    variant = pdf.name.split(".")[1]
    return {"condition": variant, "doc": pdf.name.split(".")[0], "seed": 0, "page": page_no,
            "cer": -1.0, "verdict": r[5], "ink_px": seen.get("ink_px"),
            "read": seen.get("read"),
            "signals": dataclasses.asdict(sig) if sig else None,
            "tables": dataclasses.asdict(tab) if tab else None,
            "text": r[3].text, "shown": ""}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out", type=Path)
    ap.add_argument("pdfs", type=Path, nargs="+")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    import pypdfium2 as pdfium

    jobs: list[tuple[Path, int]] = []
    for pdf in args.pdfs:
        src = _source_of(pdf)
        if src is None or split_of(src) == "test":
            raise SystemExit(f"{pdf.name}: not a known dev/train document, refused")
        jobs += [(pdf, i + 1) for i in range(len(pdfium.PdfDocument(str(pdf))))]
    args.out.mkdir(parents=True, exist_ok=True)
    with ProcessPoolExecutor(args.jobs) as pool:
        for rec in pool.map(_page, [j[0] for j in jobs], [j[1] for j in jobs]):
            name = f"{rec['condition']}_{rec['doc']}_p{rec['page']}.json"
            (args.out / name).write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
            print(f"{rec['condition']} {rec['doc']} p{rec['page']}: {rec['verdict']}",
                  flush=True)


if __name__ == "__main__":
    main()
