"""Export benchmark: searchable-PDF fidelity and report/PDF cost, up to a 300-page document.

1. Runs `vanban run` on sample renderings (default: 002 scan-medium, 000 scan-light for a
   table page, 004 legacy for a garbled English layer), writes the PDFs and scores their
   text layer: CER of `pdftotext -raw` and of `pdftotext` (physical layout) against
   `pages.text` (whitespace collapsed), per document, whether pikepdf's PDF/A validator
   approves the file as PDF/A-2b, and the pages OCR turned (rotation) or deskewed.
2. Scale: the first document's pages and rows are repeated into a ~300-page document (same
   doc_id scheme, a 300-page source PDF made with pikepdf), then times `vanban report` (cold:
   images rendered; warm: reused) and `--pdf`, against the anchor `pdftoppm -scale-to 1000
   -jpeg` over the same 300 pages (rendering alone, what any report must pay at least).

    python -m tools.bench.export [--inputs a.pdf,b.pdf] [--pages 300]
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import tempfile
import time
from pathlib import Path

import pikepdf
import pikepdf.pdfa
import pyarrow as pa
import pyarrow.compute as pc
from rapidfuzz.distance import Levenshtein

from vanban.cli import main
from vanban.store import read_table, write_atomic

ROOT = Path(__file__).resolve().parents[2]
DEFAULT = ("data/samples/pdf/002_52c1c6f4e0330401.scan-medium.pdf",
           "data/samples/pdf/000_875b24bd7a71e664.scan-light.pdf",
           "data/samples/pdf/004_c56b6b1e6115d9aa.legacy.pdf")


def _norm(text: str) -> str:
    return " ".join(text.split())


def _pdftotext(pdf: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, "-enc", "UTF-8", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def fidelity(out: Path) -> list[tuple[str, int, float, float, str, int]]:
    docs = read_table(out, "documents").to_pylist()
    pages = read_table(out, "pages").to_pylist()
    rows = []
    for d in docs:
        mine = [p for p in pages if p["doc_id"] == d["doc_id"] and p["method"] == "ocr"]
        ref = _norm(" ".join(p["text"] for p in mine))
        pdf = out / "pdf" / f"{d['doc_id']}.pdf"
        got = {mode: _norm(_pdftotext(pdf, *mode)) for mode in (("-raw",), ())}
        pdfa = pikepdf.pdfa.validate_written(pdf, "2b")
        turned = sum(1 for p in mine if p["rotation"] or p["deskew"])
        rows.append((Path(d["source_path"]).name, len(mine),
                     Levenshtein.distance(ref, got[("-raw",)]) / max(1, len(ref)),
                     Levenshtein.distance(ref, got[()]) / max(1, len(ref)),
                     "yes" if pdfa.passed else f"no ({pdfa.findings[0].rule})", turned))
    return rows


def scale_out(out: Path, big: Path, n_pages: int) -> tuple[Path, int]:
    """A copy of OUT's first document repeated to about `n_pages` pages."""
    doc = read_table(out, "documents").slice(0, 1)
    src = ROOT / str(doc.column("source_path")[0])
    pdf = pikepdf.open(src)
    k = len(pdf.pages)
    reps = max(1, n_pages // k)
    big_pdf = pikepdf.new()
    for _ in range(reps):
        big_pdf.pages.extend(pdf.pages)
    path = big.parent / "big.pdf"
    big_pdf.save(path)
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    doc_id = sha[:16]
    old = doc.column("doc_id")[0].as_py()
    big.mkdir(parents=True)

    def repeat(name: str) -> pa.Table:
        t = read_table(out, name)
        t = t.filter(pc.equal(t.column("doc_id"), old))
        parts = []
        for r in range(reps):
            part = t.set_column(t.schema.get_field_index("doc_id"), "doc_id",
                                pa.array([doc_id] * t.num_rows, pa.string()))
            if "page_no" in t.column_names:
                part = part.set_column(part.schema.get_field_index("page_no"), "page_no",
                                       pc.add(part.column("page_no"), r * k).cast(pa.int32()))
            if name == "tasks":
                ids = [f"{doc_id}-{r * t.num_rows + i:04d}" for i in range(t.num_rows)]
                part = part.set_column(part.schema.get_field_index("task_id"), "task_id",
                                       pa.array(ids, pa.string()))
            parts.append(part)
        return pa.concat_tables(parts)

    for name in ("pages", "tasks", "words"):
        (big / name).mkdir()
        write_atomic(repeat(name), big / name / f"{doc_id}.parquet")
    d = doc.to_pylist()[0]
    d.update(doc_id=doc_id, sha256=sha, source_path=str(path), n_pages=reps * k)
    (big / "documents").mkdir()
    write_atomic(pa.Table.from_pylist([d], schema=doc.schema),
                 big / "documents" / f"{doc_id}.parquet")
    return path, reps * k


def _timed(argv: list[str]) -> float:
    t = time.perf_counter()
    assert main(argv) == 0, argv
    return time.perf_counter() - t


def main_bench() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--inputs", default=",".join(DEFAULT))
    ap.add_argument("--pages", type=int, default=300)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        inputs = [str(ROOT / p) for p in args.inputs.split(",")]
        t_run = time.perf_counter()
        main(["run", *inputs, "-o", str(out), "--plain"])
        t_run = time.perf_counter() - t_run
        t_pdf = _timed(["export", str(out), "--pdf"])
        print(f"\nrun {t_run:.1f} s; PDFs of {len(inputs)} documents {t_pdf:.1f} s\n")
        print("| document | OCR pages | turned/deskewed | CER pdftotext -raw "
              "| CER pdftotext (layout) | PDF/A-2b |")
        print("| --- | --- | --- | --- | --- | --- |")
        for name, n, raw, lay, pdfa, turned in fidelity(out):
            print(f"| {name} | {n} | {turned} | {100 * raw:.3f}% | {100 * lay:.3f}% | {pdfa} |")
        big = Path(tmp) / "big"
        src, n = scale_out(out, big, args.pages)
        t_anchor = time.perf_counter()
        subprocess.run(["pdftoppm", "-scale-to", "1000", "-jpeg", str(src),
                        str(Path(tmp) / "ppm")], check=True)
        t_anchor = time.perf_counter() - t_anchor
        cold = _timed(["report", str(big)])
        warm = _timed(["report", str(big)])
        t_big_pdf = _timed(["export", str(big), "--pdf"])
        html = next((big / "report").glob("*.html"), None)
        sizes = sorted(p.stat().st_size for p in (big / "report").glob("*.html"))
        print(f"\n{n}-page document ({html.parent if html else ''}):\n")
        print("| step | seconds | per page |")
        print("| --- | --- | --- |")
        for label, t in (("anchor: pdftoppm -scale-to 1000 -jpeg", t_anchor),
                         ("vanban report, cold (renders images)", cold),
                         ("vanban report, warm (images reused)", warm),
                         ("vanban export --pdf", t_big_pdf)):
            print(f"| {label} | {t:.1f} | {1000 * t / n:.0f} ms |")
        print(f"\nlargest report page {sizes[-1] / 1e6:.1f} MB; "
              f"PDF {max(p.stat().st_size for p in (big / 'pdf').glob('*.pdf')) / 1e6:.1f} MB")


if __name__ == "__main__":
    main_bench()
