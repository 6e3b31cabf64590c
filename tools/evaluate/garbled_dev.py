"""English-OCR garbled versions of dev documents, for tuning the garbled decoder on dev text
that bench-restore does not score (its row 1b is data/testdocs/heldout, h1-h4, kept untouched
as the reported held-out figure). Test documents are never read (split filter).

Made by the same render + light noise + Tesseract `eng` reading as bench-restore
(render_ocr.garble_lines), cached in build/restore_dev/<stem>.garbled.txt beside the gold lines.

Run: python -m tools.evaluate.garbled_dev [--score] [--fresh] [--classes] [--loo] [--cached-only]
`--fresh` trains a model first (as `make models` would, without the real-word table) and
scores and tallies with it instead of the shipped one: training changes show only so.
`--classes` tallies every error of the tuning set by cause (see `error_classes`); `--loo` also
scores bench-restore's row 1a (the training seeds' garbled sample lines, leave-one-out models).
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from rapidfuzz.distance import Levenshtein

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


def loo_samples() -> tuple[float, float, int]:
    """(ci, cs %, syllables) of bench-restore's row 1a: each training seed's garbled sample
    lines restored by a model trained without that seed (tools/bench/loo.py)."""
    from tools.bench.restore import BENCH
    from tools.train.train import TRAIN_SEEDS, build_model
    from vanban.restore.api import restore_text
    from vanban.restore.paths import SEEDS_DIR

    n = 0
    ci = cs = 0.0
    for prefix in TRAIN_SEEDS:
        name = next(SEEDS_DIR.glob(f"{prefix}_*.txt")).stem
        gl = BENCH / f"{name}.lines.garbled.txt"
        if not gl.exists():
            continue
        model = build_model(exclude=[prefix], realword=False)
        gold = (BENCH / f"{name}.lines.gold.txt").read_text("utf-8")
        hyp = restore_text(gl.read_text("utf-8"), model, mode="garbled").text
        k = len(syllables(gold))
        n += k
        ci += k * syllable_accuracy(hyp, gold, False)
        cs += k * syllable_accuracy(hyp, gold, True)
    return 100 * ci / n, 100 * cs / n, n


def error_classes(
    model: object = None, cached_only: bool = False, examples: int = 0
) -> tuple[Counter[str], dict[str, list[str]]]:
    """Every wrong syllable of the tuning set by cause, line by line.

    Where a line's garbled tokens match its gold syllables one to one, each error is:
    - "case only": right letters, wrong case (a heading read as Title case, a name lower case);
    - "fixed token": the token was a number, code or abbreviation, never decoded;
    - "not a candidate": the gold syllable was not among the token's candidates (channel and
      candidate generation);
    - "model, LM chose" / "model, channel chose": gold was a candidate, the decoder took
      another; the first where gold had the better channel score (the language model
      overruled it), the second where the channel already preferred the wrong one.
    Lines whose token count differs from the gold's ("segmentation": glued or split tokens)
    count their unmatched gold syllables as one class.
    """
    from vanban.restore.api import _token_candidates, decoder_for, restore_text
    from vanban.restore.model import default_model
    from vanban.restore.syllables import canonical
    from vanban.restore.tokens import tokenize

    m = model or default_model()
    dec = decoder_for(m)  # type: ignore[arg-type]
    tally: Counter[str] = Counter()
    shown: dict[str, list[str]] = {}

    def note(kind: str, what: str) -> None:
        tally[kind] += 1
        if len(shown.setdefault(kind, [])) < examples:
            shown[kind].append(what)

    for src, gold in pairs(cached_only):
        hyp = restore_text(src, m, mode="garbled").text  # type: ignore[arg-type]
        for g_line, o_line, h_line in zip(
            gold.split("\n"), src.split("\n"), hyp.split("\n"), strict=True
        ):
            g, o, h = syllables(g_line), syllables(o_line), syllables(h_line)
            if len(g) != len(o) or len(h) != len(o):
                ops = Levenshtein.opcodes([x.lower() for x in h], [x.lower() for x in g])
                for op in ops:
                    if op.tag != "equal":
                        for i in range(op.dest_start, op.dest_end):
                            note("segmentation (token count differs)", f"{o_line!r} -> {g[i]}")
                continue
            for gs, os_, hs in zip(g, o, h, strict=True):
                if gs == hs:
                    continue
                what = f"{os_} -> {hs} (gold {gs})"
                if gs.lower() == hs.lower():
                    note("case only", what)
                    continue
                toks = tokenize(os_)
                if len(toks) != 1:
                    note("token holds punctuation (several tokens)", what)
                    continue
                cands, restorable = _token_candidates(dec, m, toks[0], "garbled")  # type: ignore[arg-type]
                if not restorable:
                    note("fixed token (number, code, abbreviation)", what)
                    continue
                texts = {c.text: c.channel for c in cands}
                gl, hl = canonical(gs.lower()), canonical(hs.lower())
                if gl not in texts:
                    note("not a candidate", what)
                elif texts[gl] > texts.get(hl, -1e9):
                    note("model, LM chose", what)
                else:
                    note("model, channel chose", what)
    return tally, shown


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--score", action="store_true", help="score the shipped model too")
    ap.add_argument(
        "--fresh", action="store_true", help="score a model trained now (train.build_model)"
    )
    ap.add_argument("--cached-only", action="store_true", help="only documents cached already")
    ap.add_argument("--classes", action="store_true", help="tally the errors by cause")
    ap.add_argument("--examples", type=int, default=0, help="with --classes: examples per class")
    ap.add_argument("--loo", action="store_true", help="bench row 1a: sample lines, LOO models")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    got = pairs(args.cached_only)
    print(f"{len(got)} garbled dev documents ready in {time.perf_counter() - t0:.0f}s")
    model = None
    if args.fresh:  # a model trained now: what `make models` would ship with this code
        from tools.train import train

        model = train.build_model(realword=False)
    if args.score or args.fresh:
        ci, cs, n = score(model, args.cached_only)
        print(f"garbled dev (tuning set): {n} syllables, ci {ci:.2f}, cs {cs:.2f}")
    if args.classes:
        tally, shown = error_classes(model, args.cached_only, args.examples)
        print(f"errors by cause ({sum(tally.values())}):")
        for k, v in tally.most_common():
            print(f"  {v:5d} {k}")
            for ex in shown.get(k, []):
                print(f"          {ex}")
    if args.loo:
        ci, cs, n = loo_samples()
        print(f"garbled sample lines, LOO (bench 1a): {n} syllables, ci {ci:.2f}, cs {cs:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
