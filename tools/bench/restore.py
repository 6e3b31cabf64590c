"""Benchmark of restore/ against pyvi's add_accents (`make bench-restore`); prints one table.

Held-out throughout: each clean sample document (split train) is scored with a model trained
without it (leave-one-document-out, tools/bench/loo.py); data/testdocs/heldout documents (dev)
and seed 003 (test) are never training text. Every row names its split and model; in-sample
figures (the shipped model on the sample documents) are printed once, above the table, beside
the LOO figures of the same inputs. Rows 4a-4d are each followed by the fix:break count of the
words restoring changed (tools/evaluate/realword.py: aligned to the clean text by skeleton).
Inputs: English-OCR garbled lines (data/bench/*.lines.garbled.txt, and our own render+OCR of
held-out documents), accent-stripped documents, already-correct text, `vie` OCR of scanned pages,
and seed 003 against its hand-made reading.

Rows 4a-4d (skipped with RESTORE_BENCH_VIE=0): scanned pages read two ways, plain Tesseract
`vie` (`tesseract -l vie`, which scatters table cells) and vanban's ocr/ (`ocr_page`, tables read
as cells, pages joined by `join_page_tables`), as bench/ocr.py does; CER of the page text
against the clean document (metrics.cer: markup removed, whitespace folded, whole-document
alignment), before and after restoring every page (the full model for the held-out documents,
rendered and "scanned" by bench/render.scanned_document; the leave-one-out model for the sample
scan-light PDFs), mean over documents. The OCR text is cached in build/restore_bench/ (pages
separated by form feeds); RESTORE_BENCH_JOBS (default 2) processes OCR the uncached pages, each
with single-threaded Tesseract; RESTORE_BENCH_DETAIL=1 prints per-document figures on stderr.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from tools.bench.loo import split_for
from tools.evaluate import realword
from tools.evaluate.metrics import cer, syllable_accuracy
from tools.train.render_ocr import garble_lines, wrap
from tools.train.train import TRAIN_SEEDS, build_model
from vanban.restore.api import decoder_for, restore_text
from vanban.restore.model import Model
from vanban.restore.paths import MODEL_FILE, PKG_ROOT, SEEDS_DIR
from vanban.restore.tokens import strip_markup

if TYPE_CHECKING:
    import numpy as np

    from vanban.models.records import PageText

BENCH = PKG_ROOT / "data" / "bench"
HELDOUT = PKG_ROOT / "data" / "testdocs" / "heldout"
SAMPLE_PDFS = PKG_ROOT / "data" / "samples" / "pdf"
GOLD_003 = PKG_ROOT / "tests" / "golden" / "restore" / "003_c50f75d93c9637d6.gold.txt"
CACHE = PKG_ROOT / "build" / "restore_bench"

Row = dict[str, str]


def strip_accents(text: str) -> str:
    nfd = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in nfd if not unicodedata.combining(c)))


def pyvi_restore(text: str) -> str:
    from pyvi import ViUtils

    out = []
    for line in text.split("\n"):
        try:
            out.append(ViUtils.add_accents(line) if line.strip() else line)
        except (KeyError, IndexError, ValueError):
            out.append(line)  # pyvi crashes on some garbled lines; keep them as they are
    return "\n".join(out)


def lines_shape(text: str) -> list[str]:
    """Clean text the way the sample line renderings are made: no markup, cells joined, wrapped."""
    out: list[str] = []
    for line in strip_markup(text).split("\n"):
        flat = " ".join(c.strip() for c in line.split("\t") if c.strip())
        if flat:
            out += wrap(flat, 85)
    return out


def cached(name: str, make: Callable[[], str]) -> str:
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / name
    if not path.exists():
        path.write_text(make(), "utf-8")
    return path.read_text("utf-8")


def _garbled_text(lines: list[str]) -> str:
    return "\n".join(garble_lines(lines))


def pdf_pages(pdf: Path) -> Iterator[np.ndarray]:
    """The PDF's pages as 8-bit greyscale images at 300 dpi."""
    import numpy as np
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    for i in range(len(doc)):
        yield np.asarray(doc[i].render(scale=300 / 72).to_pil().convert("L"))


def _pdf_page_list(pdf: Path) -> list[np.ndarray]:
    return list(pdf_pages(pdf))


def _ocr_page_both(image: np.ndarray, page_no: int) -> tuple[str, PageText]:
    """One page read by plain Tesseract `vie` and by vanban's ocr/ (as bench/ocr.py does)."""
    os.environ["OMP_THREAD_LIMIT"] = "1"
    from vanban.ocr import ocr_page, tesseract

    return tesseract.image_to_text(image, lang="vie").text, ocr_page(image, page_no, "vie")


def ocr_both(name: str, pages: Callable[[], list[np.ndarray]], jobs: int) -> tuple[str, str]:
    """(plain `vie` text, vanban ocr/ text) of a scanned document, pages split by form feeds.

    Cached in build/restore_bench/<name>.{plain,vanban}.txt; `pages` is only called on a miss.
    """
    plain_path, ours_path = CACHE / f"{name}.plain.txt", CACHE / f"{name}.vanban.txt"
    if not (plain_path.exists() and ours_path.exists()):
        from vanban.ocr import join_page_tables

        images = pages()
        if jobs <= 1:  # in this process: a forked worker can hang in OpenCV's thread pool
            results = [_ocr_page_both(im, i) for i, im in enumerate(images, 1)]
        else:
            with ProcessPoolExecutor(jobs) as pool:
                results = list(pool.map(_ocr_page_both, images, range(1, len(images) + 1)))
        CACHE.mkdir(parents=True, exist_ok=True)
        plain_path.write_text("\f".join(r[0] for r in results), "utf-8")
        ours = join_page_tables([r[1] for r in results])
        ours_path.write_text("\f".join(p.text for p in ours), "utf-8")
    return plain_path.read_text("utf-8"), ours_path.read_text("utf-8")


def restore_pages(text: str, model: Model) -> str:
    """Restore each form-feed separated page on its own, as the pipeline does."""
    return "\f".join(restore_text(page, model).text for page in text.split("\f"))


def pyvi_pages(text: str) -> str:
    return "\f".join(pyvi_restore(page) for page in text.split("\f"))


class CerMean:
    """Mean CER over documents of raw OCR text, pyvi's and our restoring of it."""

    def __init__(self, tag: str) -> None:
        self.tag = tag  # split and model, e.g. "dev, out-of-sample"
        self.n = 0
        self.pages = 0
        self.sums = {"raw": 0.0, "pyvi": 0.0, "ours": 0.0}
        self.tally = realword.Tally()
        self.worse: list[str] = []  # documents whose CER restoring raised
        self.lower = 0  # documents whose CER restoring lowered (the target: all of them)

    def add(self, label: str, clean: str, text: str, model: Model) -> None:
        scores = {
            "raw": cer(text, clean),
            "pyvi": cer(pyvi_pages(text), clean),
            "ours": cer(restore_pages(text, model), clean),
        }
        after, _ = realword.changes(text, model)
        doc = realword.score_changes(text, after, clean)
        self.tally.add(doc)
        if scores["ours"] > scores["raw"]:
            self.worse.append(label)
        self.lower += scores["ours"] < scores["raw"]
        self.n += 1
        self.pages += text.count("\f") + 1
        for k, v in scores.items():
            self.sums[k] += v
        if os.environ.get("RESTORE_BENCH_DETAIL") == "1":
            detail = ", ".join(f"{k} {100 * v:.2f}" for k, v in scores.items())
            fb = f"fixes:breaks {doc.fixes}:{doc.breaks}"
            print(f"{label}: CER % {detail}, {fb}", file=sys.stderr, flush=True)

    def row(self, label: str) -> tuple[str, ...]:
        def pct(k: str) -> str:
            return f"{100 * self.sums[k] / self.n:.2f}"

        docs = f"{label}: CER % ({self.n} docs, {self.pages} pages, mean)"
        return (docs, self.tag, "-", pct("raw"), pct("pyvi"), "-", pct("ours"), "-")

    def fix_break_row(self, label: str) -> tuple[str, ...]:
        """Words restore changed: fixed (wrong -> right) : broken (right -> wrong)."""
        t = self.tally
        ratio = f"{t.fixes / t.breaks:.1f}" if t.breaks else "inf"
        worse = f", up on {len(self.worse)}" if self.worse else ""
        down = f", CER lower on {self.lower}/{self.n}{worse}"
        return (f"{label}: fixes:breaks{down}", self.tag, str(t.words), "-", "-", "-",
                f"{t.fixes}:{t.breaks}", ratio)


def vie_rows(full: Model, loo: dict[str, Model]) -> list[tuple[str, ...]]:
    """Rows 4a-4d: `vie` OCR of scanned pages, plain and vanban's, before and after restoring."""
    from tools.bench.render import scanned_document

    jobs = int(os.environ.get("RESTORE_BENCH_JOBS", "2"))
    out_tag, loo_tag = "dev, out-of-sample", "train, LOO"
    plain_h, ours_h = CerMean(out_tag), CerMean(out_tag)
    plain_s, ours_s = CerMean(loo_tag), CerMean(loo_tag)
    for seed, doc in enumerate(sorted(HELDOUT.glob("*.txt")), start=1):
        clean = doc.read_text("utf-8")
        plain, ours = ocr_both(
            f"{doc.stem}.scan{seed}", partial(scanned_document, clean, seed), jobs
        )
        plain_h.add(f"{doc.stem} plain", clean, plain, full)
        ours_h.add(f"{doc.stem} vanban", clean, ours, full)
    for prefix, model in loo.items():
        pdfs = sorted(p for d in (BENCH, SAMPLE_PDFS) for p in d.glob(f"{prefix}_*.scan-light.pdf"))
        if not pdfs:
            continue
        name = pdfs[0].name.split(".")[0]
        clean = (SEEDS_DIR / f"{name}.txt").read_text("utf-8")
        plain, ours = ocr_both(f"{name}.scan-light", partial(_pdf_page_list, pdfs[0]), jobs)
        plain_s.add(f"{name} plain", clean, plain, model)
        ours_s.add(f"{name} vanban", clean, ours, model)
    rows = []
    for label, acc in (
        ("4a. plain vie OCR, held-out scans", plain_h),
        ("4b. vanban OCR, held-out scans", ours_h),
        ("4c. plain vie OCR, sample scan-light", plain_s),
        ("4d. vanban OCR, sample scan-light", ours_s),
    ):
        if acc.n:
            rows.append(acc.row(label))
            rows.append(acc.fix_break_row("    " + label.split(".")[0]))
    return rows


class Acc:
    """Accumulates syllable-weighted accuracies over several documents."""

    def __init__(self) -> None:
        self.n = 0
        self.sums: dict[str, float] = {}

    def add(self, ref: str, **hyps: str) -> None:
        from tools.evaluate.metrics import syllables

        n = len(syllables(ref))
        self.n += n
        for k, h in hyps.items():
            for cs in (False, True):
                key = f"{k}_{'cs' if cs else 'ci'}"
                self.sums[key] = self.sums.get(key, 0.0) + n * syllable_accuracy(h, ref, cs)

    def get(self, key: str, digits: int = 2) -> str:
        if not self.n or key not in self.sums:
            return "-"
        return f"{100 * self.sums[key] / self.n:.{digits}f}"


def main() -> int:
    rows: list[tuple[str, ...]] = []
    speed_inputs: list[tuple[str, str, Model]] = []

    def timed(kind: str, text: str, model: Model) -> str:
        speed_inputs.append((kind, text, model))  # timed at the end, see _speeds
        return restore_text(text, model).text

    t0 = time.perf_counter()
    full = Model.load(MODEL_FILE)
    load_s = time.perf_counter() - t0
    loo = {p: build_model(exclude=[p]) for p in TRAIN_SEEDS}

    garb, garb_h, noacc, correct_unchanged = Acc(), Acc(), Acc(), Acc()
    ins_garb, ins_noacc = Acc(), Acc()  # the same sample inputs, shipped model vs LOO
    for prefix, model in loo.items():
        name = next(SEEDS_DIR.glob(f"{prefix}_*.txt")).stem
        clean = (SEEDS_DIR / f"{name}.txt").read_text("utf-8")
        assert split_for(SEEDS_DIR / f"{name}.txt") == "train"
        gl = BENCH / f"{name}.lines.garbled.txt"
        if gl.exists():
            src = gl.read_text("utf-8")
            gold = (BENCH / f"{name}.lines.gold.txt").read_text("utf-8")
            ours = timed("garbled", src, model)
            garb.add(gold, raw=src, pyvi=pyvi_restore(src), ours=ours)
            ins_garb.add(gold, ins=restore_text(src, full).text, loo=ours)
        na = BENCH / f"{name}.noaccent.txt"
        src = na.read_text("utf-8") if na.exists() else strip_accents(clean)
        ours = timed("noaccent", src, model)
        noacc.add(clean, raw=src, pyvi=pyvi_restore(src), ours=ours)
        ins_noacc.add(clean, ins=restore_text(src, full).text, loo=ours)
        correct_unchanged.add(clean, pyvi=pyvi_restore(clean), ours=timed("correct", clean, model))
    for doc in sorted(HELDOUT.glob("*.txt")):
        assert split_for(doc) == "dev"  # never trained on; test documents are not scored here
        clean = doc.read_text("utf-8")
        gold_lines = lines_shape(clean)
        src = cached(f"{doc.stem}.garbled.txt", partial(_garbled_text, gold_lines))
        gold = "\n".join(gold_lines)
        garb_h.add(gold, raw=src, pyvi=pyvi_restore(src), ours=timed("garbled", src, full))
        src = strip_accents(clean)
        noacc.add(clean, raw=src, pyvi=pyvi_restore(src), ours=timed("noaccent", src, full))
        correct_unchanged.add(clean, pyvi=pyvi_restore(clean), ours=timed("correct", clean, full))

    _print_in_sample(ins_garb, ins_noacc)
    hdr = ("input", "split, model", "syllables", "raw ci", "pyvi ci", "pyvi cs", "ours ci",
           "ours cs")
    for label, tag, acc in (
        ("1a. garbled lines, samples", "train, LOO", garb),
        ("1b. garbled lines, held-out docs", "dev, out-of-sample", garb_h),
        ("2. accent-stripped (samples + held-out)", "train LOO + dev", noacc),
        ("3. correct text: % unchanged", "train LOO + dev", correct_unchanged),
    ):
        d = 3 if acc is correct_unchanged else 2
        rows.append(
            (
                label,
                tag,
                str(acc.n),
                acc.get("raw_ci", d),
                acc.get("pyvi_ci", d),
                acc.get("pyvi_cs", d),
                acc.get("ours_ci", d),
                acc.get("ours_cs", d),
            )
        )

    if os.environ.get("RESTORE_BENCH_VIE", "1") == "1":
        rows += vie_rows(full, loo)

    if GOLD_003.exists():
        src = (SEEDS_DIR / "003_c50f75d93c9637d6.txt").read_text("utf-8")
        gold = GOLD_003.read_text("utf-8")
        a = Acc()
        a.add(gold, raw=src, pyvi=pyvi_restore(src), ours=timed("garbled", src, full))
        rows.append(
            (
                "5. seed 003 vs hand reading",
                "test, out-of-sample",
                str(a.n),
                a.get("raw_ci"),
                a.get("pyvi_ci"),
                a.get("pyvi_cs"),
                a.get("ours_ci"),
                a.get("ours_cs"),
            )
        )

    fast = _speeds(speed_inputs, pure=False, repeats=5)
    slow = _speeds(speed_inputs, pure=True, repeats=1)
    labels = [(f"speed, {kind} text: syllables/s (1 core)", nd) for kind, nd in fast.items()]
    labels += [(f"  same, pure-Python decoder: {kind}", nd) for kind, nd in slow.items()]
    for label, (n, dt) in labels:
        rows.append((label, "-", str(n), "-", "-", "-", f"{n / dt:.0f}" if dt else "-", "-"))
    rows.append(("model load time, s", "-", "-", "-", "-", "-", f"{load_s:.2f}", "-"))
    rows.append(
        ("peak RSS, load + restore 003, MB", "-", "-", "-", "-", "-", f"{_peak_mb():.0f}", "-")
    )
    size = f"{MODEL_FILE.stat().st_size / 1e6:.2f}"
    rows.append(("model file size, MB", "-", "-", "-", "-", "-", size, "-"))

    widths = [max(len(r[i]) for r in [hdr, *rows]) for i in range(len(hdr))]
    print(" | ".join(h.ljust(w) for h, w in zip(hdr, widths, strict=True)))
    print("-+-".join("-" * w for w in widths))
    for r in rows:
        print(" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)))
    return 0


def _print_in_sample(garb: Acc, noacc: Acc) -> None:
    """The one place in-sample figures are shown: beside leave-one-out on the same inputs."""
    print("in-sample (shipped model, saw these documents) vs leave-one-out, same inputs:")
    for label, acc in (("garbled lines, samples", garb), ("accent-stripped samples", noacc)):
        print(
            f"  {label}: {acc.n} syllables, ci accuracy in-sample {acc.get('ins_ci')} vs "
            f"LOO {acc.get('loo_ci')}; error rate x{_err_ratio(acc):.1f} out of sample"
        )
    print()


def _err_ratio(acc: Acc) -> float:
    ins, loo = float(acc.get("ins_ci")), float(acc.get("loo_ci"))
    return (100 - loo) / max(100 - ins, 1e-9)


def _speeds(
    inputs: list[tuple[str, str, Model]], pure: bool, repeats: int
) -> dict[str, tuple[int, float]]:
    """Per kind of text: syllables, and seconds of this process's CPU time ("one core") to
    restore them, each document with cold caches (it pays for its own candidate lists) and
    timed `repeats` times, keeping its fastest run: the machine is shared, and other work
    only ever adds time. `pure` runs the pure-Python decoder instead of the C extension."""
    from vanban.restore import api

    saved = os.environ.get("VANBAN_PURE_PYTHON")
    os.environ["VANBAN_PURE_PYTHON"] = "1" if pure else "0"
    api._decoders.clear()
    out: dict[str, tuple[int, float]] = {}
    try:
        for kind, text, model in inputs:
            best = float("inf")
            for _ in range(repeats):
                decoder_for(model)._cache.clear()
                model.channel._cache.clear()
                if model.channel_vie is not None:
                    model.channel_vie._cache.clear()
                t = time.process_time()
                restore_text(text, model)
                best = min(best, time.process_time() - t)
            n, dt = out.get(kind, (0, 0.0))
            out[kind] = (n + len(text.split()), dt + best)
    finally:
        if saved is None:
            del os.environ["VANBAN_PURE_PYTHON"]
        else:
            os.environ["VANBAN_PURE_PYTHON"] = saved
        api._decoders.clear()
    return out


def _peak_mb() -> float:
    """Peak resident memory of a fresh process that loads the model and restores seed 003.

    VmHWM, not ru_maxrss: the latter survives exec and would report this (bigger) process.
    """
    code = (
        "from vanban.restore import restore_text;"
        "from pathlib import Path;"
        f"restore_text(Path({str(next(SEEDS_DIR.glob('003_*.txt')))!r}).read_text('utf-8'));"
        "print(next(ln.split()[1] for ln in open('/proc/self/status') if ln.startswith('VmHWM')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(out.stdout.strip()) / 1024


if __name__ == "__main__":
    raise SystemExit(main())
