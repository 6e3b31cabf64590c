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

    python -m tools.bench.scale [--max-pages 40] [--rss-pages 300] [--rows v2,batch,...]
                                [--rounds N]

`--rows` runs only some rows (their summary lines print when the rows they compare ran);
`--rounds N` runs them N times alternating and prints medians with each row's range and the
load average at its end: a single run of a row on a shared machine can meet a burst of load
the next row does not (docs/notes/perf3.md: a one-file/five-file gap that was such noise).
Every vanban row checks that it committed all the pages.

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
    pngs = render_pngs(pdf, folder, native)
    wall = cpu = 0.0
    for png in pngs:
        w, c = _timed(["tesseract", str(png), "-", "-l", "vie"])
        wall, cpu = wall + w, cpu + c
    return wall, cpu, len(pngs)


def render_pngs(pdf: Path, folder: Path, native: bool = False) -> list[Path]:
    """Each page as a grey PNG at 300 dpi or, `native`, at its scan's resolution."""
    doc = pdfium.PdfDocument(str(pdf))
    pngs = []
    for i in range(len(doc)):
        dpi = scan_dpi(doc[i]) if native else 300
        png = folder / f"{'n' if native else 'p'}{i:03d}.png"
        doc[i].render(scale=dpi / 72, grayscale=True).to_pil().save(png, dpi=(dpi, dpi))
        pngs.append(png)
    return pngs


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
PLAIN_ROW = "plain tesseract -l vie (program per page)"
ROWS = ("plain", "plain2", "plain-native", "ocrmypdf1", "v1", "v1-cli", "v2", "v2-native", "dask",
        "ocrmypdf2", "batch")


def vanban_pages(out: Path) -> int:
    """Pages the run committed: a row whose run skipped or failed a document would otherwise
    look cheap per page."""
    import pyarrow.parquet as pq

    if not (out / "pages").exists():
        return 0
    return int(pq.read_table(out / "pages", columns=["page_no"]).num_rows)


def run_row(key: str, pdf: Path, batch: Path, folder: Path, n: int
            ) -> tuple[str, float, float] | None:
    """Run one row of the table; (what, wall, CPU seconds), None when its program is missing."""
    def ours(what: str, src: Path, *extra: str) -> tuple[str, float, float]:
        out = folder / f"out-{key}"
        wall, cpu = vanban(src, out, *extra)
        got = vanban_pages(out)
        if got != n:
            raise SystemExit(f"{what}: {got} pages committed, not {n}: the row would not be "
                             "the same work")
        return what, wall, cpu

    if key == "plain":
        w, c, _ = plain_tesseract(pdf, folder)
        return PLAIN_ROW, w, c
    if key == "plain2":
        if not any(folder.glob("p*.png")):
            render_pngs(pdf, folder)
        return ("plain tesseract -l vie, 2 programs at a time", *plain_tesseract_2(folder))
    if key == "plain-native":
        w, c, _ = plain_tesseract(pdf, folder, native=True)
        return "plain tesseract -l vie at the scans' own resolution", w, c
    if key in ("ocrmypdf1", "ocrmypdf2"):
        jobs = 1 if key == "ocrmypdf1" else 2
        got = ocrmypdf(pdf, folder / f"{key}.pdf", jobs)
        return (f"OCRmyPDF --force-ocr --jobs {jobs}", *got) if got else None
    if key == "v1":
        return ours("vanban --jobs 1 (engine api)", pdf, "--jobs", "1")
    if key == "v1-cli":
        return ours("vanban --jobs 1 (engine cli)", pdf, "--jobs", "1", "--ocr-engine", "cli")
    if key == "v2":
        return ours("vanban --jobs 2", pdf, "--jobs", "2")
    if key == "v2-native":
        return ours(NATIVE_ROW, pdf, "--jobs", "2", "--resolution", "native")
    if key == "dask":
        return ours("vanban dask LocalCluster 2 workers", pdf, "--jobs", "2", "--executor", "dask")
    if key == "batch":
        return ours(f"vanban --jobs 2, the same pages as {len(list(batch.glob('*.pdf')))} files",
                    batch, "--jobs", "2")
    raise SystemExit(f"unknown row {key!r} (rows: {', '.join(ROWS)})")


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--max-pages", type=int, default=40)
    ap.add_argument("--rss-pages", type=int, default=300)
    ap.add_argument("--rss-only", action="store_true", help="only the RSS run")
    ap.add_argument("--rows", default=",".join(ROWS),
                    help=f"comma-separated rows to run (default all: {','.join(ROWS)})")
    ap.add_argument("--rounds", type=int, default=1,
                    help="run the rows this many times, alternating (round-robin), and print "
                         "each row's median and range: on a shared machine one run of a row "
                         "can meet a burst of load the next row does not")
    args = ap.parse_args()
    keys = [k.strip() for k in args.rows.split(",") if k.strip()]
    for key in keys:
        if key not in ROWS:
            raise SystemExit(f"unknown row {key!r} (rows: {', '.join(ROWS)})")
    with tempfile.TemporaryDirectory(prefix="vanban-scale-") as tmp:
        folder = Path(tmp)
        if args.rss_only:
            big = build_input(folder, args.max_pages, total=args.rss_pages)
            for line in rss_run(big, folder / "rss", args.rss_pages):
                print(line)
            return
        pdf = build_input(folder, args.max_pages)
        n = len(pdfium.PdfDocument(str(pdf)))
        batch = build_batch(folder, pdf)
        runs: dict[str, list[tuple[float, float, float]]] = {}  # what -> (wall, cpu, load)
        order: list[str] = []
        for _ in range(max(1, args.rounds)):
            for key in keys:
                got = run_row(key, pdf, batch, folder, n)
                if got is None:
                    continue
                what, wall, cpu = got
                if what not in runs:
                    order.append(what)
                runs.setdefault(what, []).append((wall, cpu, os.getloadavg()[0]))
        rows = [(what, _median([r[0] for r in runs[what]]), _median([r[1] for r in runs[what]]))
                for what in order]
        print(f"\n{n} scanned pages (bundled scans), 300 dpi, OMP_THREAD_LIMIT=1"
              + (f", {args.rounds} rounds alternating: medians" if args.rounds > 1 else "")
              + "\n")
        print("| run | wall s | pages/s | CPU s/page | CPU vs plain tesseract | CPU s/page range "
              "| load at end |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        per_page = {what: c / n for what, _, c in rows}
        base = per_page.get(PLAIN_ROW)
        for what, wall, cpu in rows:
            spread = [r[1] / n for r in runs[what]]
            versus = f"{cpu / n / base:.2f}x" if base else "-"
            print(f"| {what} | {wall:.1f} | {n / wall:.3f} | {cpu / n:.2f} | {versus} | "
                  f"{min(spread):.2f}-{max(spread):.2f} | "
                  f"{max(r[2] for r in runs[what]):.1f} |")
        by = {what: wall for what, wall, _ in rows}
        print()
        for line in ratio_lines(by, per_page, n, len(list(batch.glob("*.pdf")))):
            print(line)
        if args.rss_pages and "v2" in keys:
            big = build_input(folder, args.max_pages, total=args.rss_pages)
            print()
            for line in rss_run(big, folder / "rss", args.rss_pages):
                print(line)


def ratio_lines(by: dict[str, float], per_page: dict[str, float], n: int,
                n_files: int) -> list[str]:
    """The summary lines whose rows ran."""
    lines = []
    one, two = by.get("vanban --jobs 1 (engine api)"), by.get("vanban --jobs 2")
    dask = by.get("vanban dask LocalCluster 2 workers")
    plain2 = by.get("plain tesseract -l vie, 2 programs at a time")
    if one and two:
        ceiling = (f"; plain tesseract on this machine, 1 -> 2 programs: "
                   f"{by[PLAIN_ROW] / plain2:.2f}x" if plain2 and PLAIN_ROW in by else "")
        lines.append(f"1 -> 2 workers speed-up: {one / two:.2f}x (target >= 1.8x{ceiling})")
    if two and dask:
        extra = per_page["vanban dask LocalCluster 2 workers"] - per_page["vanban --jobs 2"]
        lines.append(f"Dask throughput relative to the local pool: {two / dask:.2f} (target >= "
                     f"0.90); Dask CPU over the local pool: {extra:+.2f} s/page")
    batch_row = f"vanban --jobs 2, the same pages as {n_files} files"
    if two and batch_row in by:
        lines.append(f"the same pages as {n_files} files, --jobs 2: wall "
                     f"{by[batch_row] / two:.2f}x the one-file run's (the batch's tail), CPU "
                     f"{per_page[batch_row] / per_page['vanban --jobs 2']:.2f}x")
    ocr2 = "OCRmyPDF --force-ocr --jobs 2"
    if ocr2 not in by:
        if shutil.which("ocrmypdf") is None:
            lines.append("OCRmyPDF not installed: its rows are missing (pip install ocrmypdf; "
                         "apt-get install ghostscript)")
        return lines
    for what in ("vanban --jobs 2", NATIVE_ROW, batch_row):
        if what in by:
            lines.append(f"{what} wall / OCRmyPDF --jobs 2 wall: {by[what] / by[ocr2]:.2f} "
                         f"(target < 1); CPU s/page {per_page[what]:.2f} vs {per_page[ocr2]:.2f} "
                         f"(ratio {per_page[what] / per_page[ocr2]:.2f}, target < 1)")
    if two and NATIVE_ROW in by:
        lines.append(f"{NATIVE_ROW} against vanban --jobs 2 (300 dpi): CPU "
                     f"{per_page[NATIVE_ROW] / per_page['vanban --jobs 2']:.2f}x")
    native = per_page.get("plain tesseract -l vie at the scans' own resolution")
    if native and PLAIN_ROW in per_page:
        lines.append(f"plain tesseract at the scans' own resolution / at 300 dpi: CPU "
                     f"{native / per_page[PLAIN_ROW]:.2f}x; OCRmyPDF --jobs 1 / plain tesseract "
                     f"at the scans' own resolution: "
                     f"{per_page.get('OCRmyPDF --force-ocr --jobs 1', 0) / native:.2f}x")
    return lines


if __name__ == "__main__":
    main()
