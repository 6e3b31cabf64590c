"""English-OCR garbled versions of dev documents, for tuning the garbled decoder on dev text
that bench-restore does not score (its row 1b is data/testdocs/heldout, h1-h4, kept untouched
as the reported held-out figure). Test documents are never read (split filter).

Made by the same render + light noise + Tesseract `eng` reading as bench-restore
(render_ocr.garble_lines), cached in build/restore_dev/<stem>.garbled.txt beside the gold lines.

Run: python -m tools.evaluate.garbled_dev [--score]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from tools.evaluate.lmdev import dev_texts
from tools.evaluate.metrics import syllable_accuracy, syllables
from vanban.restore.paths import PKG_ROOT

CACHE = PKG_ROOT / "build" / "restore_dev"


def tuning_docs() -> list[Path]:
    """Dev documents other than bench-restore's held-out four."""
    return [p for p in dev_texts() if "testdocs/heldout" not in p.as_posix()]


def pairs(cached_only: bool = False) -> list[tuple[str, str]]:
    """(garbled text, gold lines) per tuning document; OCRs the ones not cached yet (or, with
    `cached_only`, leaves them out)."""
    from tools.bench.restore import lines_shape
    from tools.train.render_ocr import garble_lines

    CACHE.mkdir(parents=True, exist_ok=True)
    out = []
    for p in tuning_docs():
        gold = "\n".join(lines_shape(p.read_text("utf-8")))
        path = CACHE / f"{p.stem}.garbled.txt"
        if not path.exists() and cached_only:
            continue
        if not path.exists():
            path.write_text("\n".join(garble_lines(gold.split("\n"))), "utf-8")
        out.append((path.read_text("utf-8"), gold))
    return out


def score(model: object = None, cached_only: bool = False) -> tuple[float, float, int]:
    """(ci, cs accuracy %, syllables) of the garbled tuning documents restored by `model`."""
    from vanban.restore.api import restore_text

    n = 0
    ci = cs = 0.0
    for src, gold in pairs(cached_only):
        hyp = restore_text(src, model, mode="garbled").text  # type: ignore[arg-type]
        k = len(syllables(gold))
        n += k
        ci += k * syllable_accuracy(hyp, gold, False)
        cs += k * syllable_accuracy(hyp, gold, True)
    return 100 * ci / n, 100 * cs / n, n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--score", action="store_true", help="score the shipped model too")
    ap.add_argument(
        "--fresh", action="store_true", help="score a model trained now (train.build_model)"
    )
    ap.add_argument("--cached-only", action="store_true", help="only documents cached already")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    got = pairs(args.cached_only)
    print(f"{len(got)} garbled dev documents ready in {time.perf_counter() - t0:.0f}s")
    if args.score or args.fresh:
        model = None
        if args.fresh:
            from tools.train import train

            model = train.build_model(realword=False)
        ci, cs, n = score(model, args.cached_only)
        print(f"garbled dev (tuning set): {n} syllables, ci {ci:.2f}, cs {cs:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
