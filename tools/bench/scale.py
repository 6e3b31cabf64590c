"""Scale benchmark: what a scanned page costs, and how runs scale with workers and executors.

One run, the same scanned pages for every row (the bundled scan PDFs, ~40 pages):
- CPU seconds per page: plain `tesseract -l vie` (the program, once per page, at 300 dpi and
  at the scan's own resolution, which is what OCRmyPDF reads), OCRmyPDF
  (`--force-ocr -l vie --jobs 1`, when installed), vanban `--jobs 1` with each OCR engine;
- wall-clock pages/s: vanban local `--jobs 1`, local `--jobs 2`, Dask LocalCluster 2 workers,
  OCRmyPDF `--jobs 2`, and vanban `--jobs 2` on the same pages as one file per bundled scan (a
  batch, whose tail is its last document); the 1->2 speed-up, Dask relative to the local pool
  (throughput, and its extra CPU per page), vanban `--jobs 2` and vanban `--jobs 2
  --resolution native` (the speed mode) against OCRmyPDF `--jobs 2` (wall and CPU per page);
- with `--rss-pages N` (default 300; 0 skips): peak RSS per process over a run on an N-page
  scanned PDF, and the main/worker RSS after the first and the last 50 pages.

    python -m tools.bench.scale [--max-pages 40] [--rss-pages 300]

CPU is the rusage of the child processes (vanban's workers and Tesseract included), so it is
what the machine pays, not the wall time of a shared machine.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import TextIO

import psutil
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "OMP_THREAD_LIMIT": "1"}


def _children_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def _timed(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the command and everything it waited for)."""
    cpu0, t0 = _children_cpu(), time.perf_counter()
    subprocess.run(cmd, check=True, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0, _children_cpu() - cpu0


def build_input(folder: Path, max_pages: int, total: int | None = None) -> Path:
    """One PDF of the bundled scans' pages (first `max_pages`; repeated up to `total`)."""
    scans = sorted(p for d in ("data/samples/pdf", "data/bench")
                   for p in (ROOT / d).glob("*.pdf") if "scan" in p.name)
    out = pdfium.PdfDocument.new()
    n = 0
    want = total or max_pages
    while n < want:
        for path in scans:
            src = pdfium.PdfDocument(str(path))
            for i in range(len(src)):
                if n >= want or (total is None and n >= max_pages):
                    break
                out.import_pages(src, [i])
                n += 1
            src.close()
            if n >= want:
                break
    path = folder / f"scans_{n}.pdf"
    out.save(str(path))
    return path


def build_batch(folder: Path, pdf: Path) -> Path:
    """The pages of `pdf` (build_input's) as one PDF per bundled scan it came from, in a
    folder: a batch of documents of different sizes, whose tail (the last document's pages
    and finish job) the one-document rows do not show."""
    scans = sorted(p for d in ("data/samples/pdf", "data/bench")
                   for p in (ROOT / d).glob("*.pdf") if "scan" in p.name)
    total = len(pdfium.PdfDocument(str(pdf)))
    batch = folder / "batch"
    batch.mkdir(exist_ok=True)
    n = 0
    for path in scans:
        if n >= total:
            break
        src = pdfium.PdfDocument(str(path))
        take = min(len(src), total - n)
        out = pdfium.PdfDocument.new()
        out.import_pages(src, list(range(take)))
        out.save(str(batch / path.name))
        src.close()
        n += take
    return batch


def scan_dpi(page: pdfium.PdfPage, default: int = 300) -> int:
    """The resolution of the page's largest image (a scan's own), else `default`."""
    best = (0, default)
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]):
        meta = obj.get_metadata()
        best = max(best, (meta.width * meta.height, round(meta.horizontal_dpi) or default))
    return best[1]


def plain_tesseract(pdf: Path, folder: Path, native: bool = False) -> tuple[float, float, int]:
    """`tesseract -l vie` on each page rendered grey at 300 dpi (vanban's OCR resolution) or,
    `native`, at the resolution of the page's scan, which is what OCRmyPDF reads (it
    rasterises at the images' own resolution: 200 dpi for the bundled scans, 0.44x the
    pixels)."""
    doc = pdfium.PdfDocument(str(pdf))
    pngs = []
    for i in range(len(doc)):
        dpi = scan_dpi(doc[i]) if native else 300
        png = folder / f"{'n' if native else 'p'}{i:03d}.png"
        doc[i].render(scale=dpi / 72, grayscale=True).to_pil().save(png, dpi=(dpi, dpi))
        pngs.append(png)
    wall = cpu = 0.0
    for png in pngs:
        w, c = _timed(["tesseract", str(png), "-", "-l", "vie"])
        wall, cpu = wall + w, cpu + c
    return wall, cpu, len(pngs)


def plain_tesseract_2(folder: Path) -> tuple[float, float]:
    """The same PNGs through `tesseract`, two programs at a time: the machine's own 1 -> 2
    scaling (shared caches and memory bandwidth), the ceiling for vanban's."""
    pngs = sorted(folder.glob("p*.png"))
    cpu0, t0 = _children_cpu(), time.perf_counter()
    running: list[subprocess.Popen[bytes]] = []
    for png in pngs:
        while len(running) >= 2:
            running.pop(0).wait()
        running.append(subprocess.Popen(["tesseract", str(png), "-", "-l", "vie"], env=ENV,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    for proc in running:
        proc.wait()
    return time.perf_counter() - t0, _children_cpu() - cpu0


def vanban(pdf: Path, out: Path, *extra: str) -> tuple[float, float]:
    shutil.rmtree(out, ignore_errors=True)
    return _timed([sys.executable, "-m", "vanban", "run", str(pdf), "-o", str(out), "--plain",
                   *extra])


def ocrmypdf(pdf: Path, out: Path, jobs: int) -> tuple[float, float] | None:
    if shutil.which("ocrmypdf") is None:
        return None
    return _timed(["ocrmypdf", "--force-ocr", "-l", "vie", "--jobs", str(jobs), "--output-type",
                   "pdf", str(pdf), str(out)])


def rss_run(pdf: Path, out: Path, n_pages: int) -> list[str]:
    """Run vanban on `pdf` and sample the RSS of its processes; report peaks and drift."""
    shutil.rmtree(out, ignore_errors=True)
    # The log goes to a file: a pipe nobody reads fills up on a long run and stalls it.
    log = (out.parent / "rss.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "vanban", "run", str(pdf), "-o", str(out),
                             "--plain", "--jobs", "2", "--doc-timeout", "0"], env=ENV,
                            stdout=subprocess.DEVNULL, stderr=log)
    peaks: dict[str, int] = {}
    samples: list[tuple[int, int, int]] = []  # (OCR pages done, main rss, max worker rss)
    main_cpu = [0.0]  # the main process's own CPU seconds (it shares the cores with workers)
    stop = threading.Event()
    done_re = re.compile(r"(\d+) of \d+ OCR pages done")

    spool = out / ".vanban-tmp"

    def pages_done(fh: TextIO, last: int) -> int:
        """Pages back from OCR: the spooled page files (one per page until the document is
        committed), or the run's own progress lines (at most one per 30 s; runs that do not
        spool); a committed document ("OK" line) counts as all pages."""
        text = fh.read()
        if "] OK " in text or last >= n_pages:
            return n_pages
        found = done_re.findall(text)
        spooled = sum(1 for _ in spool.rglob("*.pkl")) if spool.is_dir() else 0
        return max(last, spooled, int(found[-1]) if found else 0)

    def sample() -> None:
        main = psutil.Process(proc.pid)
        done = 0
        with (out.parent / "rss.log").open(errors="replace") as fh:
            while not stop.is_set():
                try:
                    m = main.memory_info().rss
                    t = main.cpu_times()
                    main_cpu[0] = t.user + t.system
                    kids = [c.memory_info().rss for c in main.children(recursive=True)]
                except psutil.Error:
                    break
                done = pages_done(fh, done)
                peaks["main"] = max(peaks.get("main", 0), m)
                peaks["worker"] = max([peaks.get("worker", 0), *kids])
                samples.append((done, m, max(kids, default=0)))
                time.sleep(0.5)

    t0, cpu0 = time.perf_counter(), _children_cpu()
    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    proc.wait()
    stop.set()
    thread.join()
    wall, cpu = time.perf_counter() - t0, _children_cpu() - cpu0
    log.close()
    if proc.returncode not in (0, 1):  # 1: some pages failed, still a measured run
        tail = (out.parent / "rss.log").read_text(errors="replace")[-2000:]
        raise SystemExit(f"vanban exited with {proc.returncode}:\n{tail}")
    mib = 1 << 20
    lines = [f"{n_pages}-page scan, --jobs 2: {wall:.0f} s, CPU {cpu:.0f} s of which the main "
             f"process >= {main_cpu[0]:.1f} s (last sample); peak RSS main "
             f"{peaks.get('main', 0) / mib:.0f} MiB, largest worker "
             f"{peaks.get('worker', 0) / mib:.0f} MiB (target < 1024 MiB)"]

    def peak(rows: list[tuple[int, int, int]], col: int) -> str:
        return f"{max(r[col] for r in rows) / mib:.0f}" if rows else "-"

    # By the run's own page count: while the first 50 pages came back, the last 50, and
    # after all were back (the finish job, the commit, compaction).
    first = [r for r in samples if 0 < r[0] <= 50]
    last = [r for r in samples if n_pages - 50 <= r[0] < n_pages]
    after = [r for r in samples if r[0] >= n_pages]
    lines.append(f"RSS MiB (main / largest worker): pages 1-50 {peak(first, 1)} / "
                 f"{peak(first, 2)}; last 50 pages {peak(last, 1)} / {peak(last, 2)}; after the "
                 f"last page (finish, commit, compaction) {peak(after, 1)} / {peak(after, 2)}")
    return lines


# the speed mode: text outside tables read at the scans' own 200 dpi (docs/ocr.md)
NATIVE_ROW = "vanban --jobs 2 --resolution native"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--max-pages", type=int, default=40)
    ap.add_argument("--rss-pages", type=int, default=300)
    ap.add_argument("--rss-only", action="store_true", help="only the RSS run")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="vanban-scale-") as tmp:
        folder = Path(tmp)
        if args.rss_only:
            big = build_input(folder, args.max_pages, total=args.rss_pages)
            for line in rss_run(big, folder / "rss", args.rss_pages):
                print(line)
            return
        pdf = build_input(folder, args.max_pages)
        n = len(pdfium.PdfDocument(str(pdf)))
        rows: list[tuple[str, float, float]] = []  # (what, wall, cpu)
        w, c, _ = plain_tesseract(pdf, folder)
        rows.append(("plain tesseract -l vie (program per page)", w, c))
        rows.append(("plain tesseract -l vie, 2 programs at a time", *plain_tesseract_2(folder)))
        w, c, _ = plain_tesseract(pdf, folder, native=True)
        rows.append(("plain tesseract -l vie at the scans' own resolution", w, c))
        got = ocrmypdf(pdf, folder / "o1.pdf", 1)
        if got:
            rows.append(("OCRmyPDF --force-ocr --jobs 1", *got))
        rows.append(("vanban --jobs 1 (engine api)", *vanban(pdf, folder / "v1", "--jobs", "1")))
        rows.append(("vanban --jobs 1 (engine cli)",
                     *vanban(pdf, folder / "v1c", "--jobs", "1", "--ocr-engine", "cli")))
        rows.append(("vanban --jobs 2", *vanban(pdf, folder / "v2", "--jobs", "2")))
        rows.append((NATIVE_ROW, *vanban(pdf, folder / "v2n", "--jobs", "2",
                                         "--resolution", "native")))
        rows.append(("vanban dask LocalCluster 2 workers",
                     *vanban(pdf, folder / "vd", "--jobs", "2", "--executor", "dask")))
        got = ocrmypdf(pdf, folder / "o2.pdf", 2)
        if got:
            rows.append(("OCRmyPDF --force-ocr --jobs 2", *got))
        batch = build_batch(folder, pdf)
        rows.append((f"vanban --jobs 2, the same pages as {len(list(batch.glob('*.pdf')))} "
                     "files", *vanban(batch, folder / "vb", "--jobs", "2")))
        print(f"\n{n} scanned pages (bundled scans), 300 dpi, OMP_THREAD_LIMIT=1\n")
        print("| run | wall s | pages/s | CPU s/page | CPU vs plain tesseract |")
        print("| --- | --- | --- | --- | --- |")
        base = rows[0][2] / n
        for what, wall, cpu in rows:
            print(f"| {what} | {wall:.1f} | {n / wall:.3f} | {cpu / n:.2f} | "
                  f"{cpu / n / base:.2f}x |")
        by = {what: wall for what, wall, _ in rows}
        one, two = by["vanban --jobs 1 (engine api)"], by["vanban --jobs 2"]
        dask = by["vanban dask LocalCluster 2 workers"]
        ceiling = by["plain tesseract -l vie (program per page)"] / by[
            "plain tesseract -l vie, 2 programs at a time"]
        print(f"\n1 -> 2 workers speed-up: {one / two:.2f}x (target >= 1.8x; plain tesseract "
              f"on this machine, 1 -> 2 programs: {ceiling:.2f}x); Dask throughput relative to "
              f"the local pool: {two / dask:.2f} (target >= 0.90)")
        per_page = {what: c / n for what, _, c in rows}
        extra = per_page["vanban dask LocalCluster 2 workers"] - per_page["vanban --jobs 2"]
        print(f"Dask CPU over the local pool: {extra:+.2f} s/page")
        print(f"the same pages as {len(list(batch.glob('*.pdf')))} files, --jobs 2: wall "
              f"{by[rows[-1][0]] / two:.2f}x the one-file run's (the batch's tail)")
        ocr2 = "OCRmyPDF --force-ocr --jobs 2"
        if ocr2 in by:
            print(f"vanban --jobs 2 wall / OCRmyPDF --jobs 2 wall: "
                  f"{two / by[ocr2]:.2f} (target < 1); CPU s/page "
                  f"{per_page['vanban --jobs 2']:.2f} vs {per_page[ocr2]:.2f} (ratio "
                  f"{per_page['vanban --jobs 2'] / per_page[ocr2]:.2f}, target < 1)")
            print(f"{NATIVE_ROW} wall / OCRmyPDF --jobs 2 wall: {by[NATIVE_ROW] / by[ocr2]:.2f} "
                  f"(target < 1); CPU s/page {per_page[NATIVE_ROW]:.2f} vs {per_page[ocr2]:.2f} "
                  f"(ratio {per_page[NATIVE_ROW] / per_page[ocr2]:.2f}, target < 1); against "
                  f"vanban --jobs 2 (300 dpi): CPU "
                  f"{per_page[NATIVE_ROW] / per_page['vanban --jobs 2']:.2f}x")
            native = per_page["plain tesseract -l vie at the scans' own resolution"]
            print(f"plain tesseract at the scans' own resolution / at 300 dpi: CPU "
                  f"{native / base:.2f}x; OCRmyPDF --jobs 1 / plain tesseract at the scans' own "
                  f"resolution: {per_page.get('OCRmyPDF --force-ocr --jobs 1', 0) / native:.2f}x")
        else:
            print("OCRmyPDF not installed: its rows are missing (pip install ocrmypdf; "
                  "apt-get install ghostscript)")
        if args.rss_pages:
            big = build_input(folder, args.max_pages, total=args.rss_pages)
            print()
            for line in rss_run(big, folder / "rss", args.rss_pages):
                print(line)


if __name__ == "__main__":
    main()
