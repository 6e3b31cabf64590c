"""Quick dev-only check of a restore model's language model: accent-stripped accuracy on every
dev document (split "dev" in data/splits.toml, none of them training text), plus an error-class
tally. Stripping accents is deterministic, so this measures the LM alone; it is the cheap loop
for LM and training-text changes (seconds, no OCR). Test documents are never read.

Run: python -m tools.evaluate.lmdev [--classes] [--loo] [--show N]
`--loo` also scores the training seeds' accent-stripped text with leave-one-out models.
`--show N` prints N errors of lower-case words (the LM's real-word choices) with four gold
syllables either side, dev documents only: what decides them, longer context or more text.
`--classes` tallies each error twice: by what the LM knew of the gold syllable, and by where
it stands (a name after a unit word or a person's title, another Title-case or upper-case
word, or a lower-case word: a real-word choice of the LM).
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from tools.evaluate.metrics import syllables
from tools.evaluate.splits import documents, split_of
from vanban.restore.api import restore_text
from vanban.restore.model import Model
from vanban.restore.syllables import canonical, skeleton


def dev_texts() -> list[Path]:
    """Clean .txt of every dev document (test documents are filtered out by their split)."""
    out = [p for p in documents("dev") if p.suffix == ".txt"]
    assert all(split_of(p) == "dev" for p in out)
    return out


def strip_accents(text: str) -> str:
    from tools.bench.restore import strip_accents as strip

    out: str = strip(text)
    return out


def score(
    model: Model,
    paths: list[Path],
    classes: Counter[str] | None = None,
    contexts: Counter[str] | None = None,
    shown: list[str] | None = None,
) -> tuple[int, int]:
    """(right, total) case-insensitive syllables of accent-stripped `paths` restored; errors
    tallied into `classes` (_error_class) and `contexts` (_context_class) when given, and
    lower-case ones appended to `shown` with their context ("... [gold>read] ...")."""
    right = total = 0
    for p in paths:
        clean = p.read_text("utf-8")
        hyp = restore_text(strip_accents(clean), model, mode="noaccent").text
        ref_s, hyp_s = syllables(clean, False), syllables(hyp, False)
        cased = syllables(clean, True)
        total += len(ref_s)
        ops = Levenshtein.opcodes(hyp_s, ref_s)
        for op in ops:
            if op.tag == "equal":
                right += op.dest_end - op.dest_start
            else:
                for i in range(op.dest_start, op.dest_end):
                    if classes is not None:
                        classes[_error_class(model, ref_s[i])] += 1
                    where = _context_class(ref_s[i - 1] if i else "", cased[i])
                    if contexts is not None:
                        contexts[where] += 1
                    if shown is not None and where.startswith("lower"):
                        read = " ".join(hyp_s[op.src_start : op.src_end])
                        shown.append(
                            f"{p.stem[:16]:16} {' '.join(cased[max(0, i - 4) : i])} "
                            f"[{cased[i]}>{read}] {' '.join(cased[i + 1 : i + 5])}"
                        )
    return right, total


def _error_class(model: Model, gold: str) -> str:
    g = canonical(gold)
    if model.lm.ids.get(g) is None:
        return "gold not in LM vocab"
    rivals = model.by_skel.get(skeleton(g), [])
    if g not in rivals:
        return "gold not a candidate"
    uni = model.lm.uni
    seen_floor = min(uni)
    return "gold rarer than top (LM context lost)" if rivals[0] != g else "gold is top unigram" + (
        "" if uni[model.lm.id(g)] > seen_floor else " (unseen)"
    )


UNIT_WORDS = frozenset(
    {"tỉnh", "thành", "phố", "huyện", "quận", "thị", "xã", "trấn", "phường", "thôn", "xóm"}
    | {"ấp", "bản", "buôn", "làng", "tổ", "khu"}
)
PERSON_TITLES = frozenset({"ông", "bà", "đ/c", "chí", "anh", "chị"})  # "chí" of "đồng chí"


def _context_class(before: str, gold: str) -> str:
    """Where an error stands: `before` is the gold syllable before it (lower case), `gold`
    the gold syllable as written."""
    if gold[:1].isupper() and before in UNIT_WORDS:
        return "name after a unit word"
    if gold[:1].isupper() and before in PERSON_TITLES:
        return "name after a person's title"
    if len(gold) > 1 and gold.isupper():
        return "upper-case word (heading, name, abbreviation)"
    if gold[:1].isupper():
        return "other Title-case word (names mid-run, line starts)"
    return "lower-case word (real-word choice)"


def main(argv: list[str] | None = None) -> int:
    from tools.train import train

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--classes", action="store_true")
    ap.add_argument("--loo", action="store_true")
    ap.add_argument("--show", type=int, default=0, metavar="N")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    model = train.build_model(realword=False)
    print(f"model built in {time.perf_counter() - t0:.1f}s, {len(model.lm.tri)} trigrams")
    classes: Counter[str] = Counter()
    contexts: Counter[str] = Counter()
    want = args.classes
    shown: list[str] = []
    r, n = score(
        model, dev_texts(), classes if want else None, contexts if want else None, shown
    )
    print(f"dev accent-stripped: {n} syllables, ci accuracy {100 * r / n:.2f}")
    for k, v in classes.most_common() + contexts.most_common():
        print(f"  {v:5d} {k}")
    if args.show:
        step = max(len(shown) // args.show, 1)  # spread over the documents, not the first few
        print(f"lower-case errors ({len(shown)}), every {step}th:")
        for line in shown[::step][: args.show]:
            print("  " + line)
    if args.loo:
        rr = nn = 0
        for prefix in train.TRAIN_SEEDS:
            m = train.build_model(exclude=[prefix], realword=False)
            paths = [p for p in (train.SEEDS_DIR).glob(f"{prefix}_*.txt")]
            a, b = score(m, paths)
            rr, nn = rr + a, nn + b
        print(f"train LOO accent-stripped: {nn} syllables, ci accuracy {100 * rr / nn:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
