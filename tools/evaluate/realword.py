"""Calibrate and measure real-word correction of good (`vie` OCR, born-digital) text.

Restoring `vie` OCR output may now replace a valid syllable with a same-skeleton rival
(decode.REALWORD_MARGIN). Two things are counted, on dev documents only (data/splits.toml):
- on `vie` OCR of dev documents rendered and "scanned" (bench/render.py), each OCR word is
  aligned to the clean document by its skeleton; a change is a *fix* when the word was wrong
  and is now right, a *break* when it was right and is now wrong (case-insensitive);
- on the clean dev documents themselves (born-digital text), the share of words left unchanged.
The margin is the smallest one (most fixes) with breaks <= fixes / 10 and >= 99.95 % of
born-digital words unchanged.

    python -m tools.evaluate.realword [--margins 0 1 2 3 4 6] [--jobs 1]
    python -m tools.evaluate.realword --name-margins 3 4 6 8   # + "off": names keep no rival

`--name-margins` keeps the shipped margin and sweeps decode.NAME_MARGIN, the margin a
syllable of a name (restore/names.py) needs; a value equal to the shipped margin is the
decoder without the name guard, "off" (None) is the guard as shipped (no rival at all).

OCR text is cached in build/restore_bench/ (shared with bench/restore.py).
"""

from __future__ import annotations

import argparse
import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from tools.evaluate import splits
from vanban.restore import api, decode, names
from vanban.restore.model import Model, default_model
from vanban.restore.syllables import skeleton

_WORD = re.compile(r"[^\W\d_]+")
CACHE = splits.ROOT / "build" / "restore_bench"
_SHIPPED = decode.REALWORD_MARGIN
_SHIPPED_WEIGHT = decode.REALWORD_WEIGHT
_SHIPPED_NAME = decode.NAME_MARGIN
# Dev documents with clean text, rendered and OCR'd for calibration; h* are the bench's
# held-out documents (same cache names as bench/restore.py: <stem>.scan<seed>).
DEV_GLOBS = (
    "data/testdocs/heldout/*.txt",
    "data/testdocs/new/*.txt",
    "data/testdocs/ocr/*.txt",
    "tests/extract/docs/*.txt",
)


def dev_documents() -> list[Path]:
    """Clean text files of dev documents (test ones are never read here)."""
    table = splits.load()
    out = []
    for g in DEV_GLOBS:
        for p in sorted(splits.ROOT.glob(g)):
            if splits.split_of(p, table) == "dev":
                out.append(p)
    return out


@dataclass
class Tally:
    fixes: int = 0
    breaks: int = 0
    other: int = 0  # changed, but wrong before and after
    wrong_marks: int = 0  # aligned words wrong only in their marks: what could be fixed
    words: int = 0  # aligned words

    def add(self, o: Tally) -> None:
        for k in vars(self):
            setattr(self, k, getattr(self, k) + getattr(o, k))


def _words(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in _WORD.finditer(unicodedata.normalize("NFC", text))]


def score_changes(before: str, after_by_start: dict[int, str], clean: str) -> Tally:
    """Fixes and breaks of the changes made to OCR text `before`, against the clean text."""
    hyp = _words(before)
    ref = [w for _, w in _words(clean)]
    a = [skeleton(w.lower()) for _, w in hyp]
    b = [skeleton(w.lower()) for w in ref]
    t = Tally()
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for i, j, n in sm.get_matching_blocks():
        for k in range(n):
            start, word = hyp[i + k]
            r = ref[j + k].lower()
            old = word.lower()
            new = after_by_start.get(start, word).lower()
            t.words += 1
            t.wrong_marks += old != r
            if new == old:
                continue
            if old != r and new == r:
                t.fixes += 1
            elif old == r:
                t.breaks += 1
            else:
                t.other += 1
    return t


def changes(text: str, model: Model) -> tuple[dict[int, str], int]:
    """Changed words of restoring `text` page by page ({start offset: new}), and words seen."""
    out: dict[int, str] = {}
    n = 0
    offset = 0
    for page in text.split("\f"):
        res = api.restore_text(page, model)
        n += len(res.tokens)
        for tok in res.tokens:
            if tok.changed:
                out[offset + tok.start] = tok.chosen
        offset += len(page) + 1
    return out, n


def set_margin(margin: float | None, weight: float | None = None) -> None:
    """Point the decoder at another margin (None: real-word correction off) and weight."""
    decode.REALWORD_MARGIN = margin
    if weight is not None:
        decode.REALWORD_WEIGHT = weight
    api._decoders.clear()


def set_name_margin(margin: float | None) -> None:
    """Point the decoder at another margin for syllables of names (None: no rival at all)."""
    decode.NAME_MARGIN = margin
    api._decoders.clear()


def switch(flag: str) -> Callable[[float | None], None]:
    """A setter turning restore/names.py's rule `flag` (PLACES, FAMILY_FIRST, UPPER_PERSONS)
    off (0) or on (1)."""
    from vanban.restore import names

    def setter(on: float | None) -> None:
        setattr(names, flag, bool(on))
        api._decoders.clear()

    return setter


def ocr_texts(jobs: int = 1, cached_only: bool = False) -> list[tuple[str, str, str]]:
    """(label, clean, OCR text) for every dev document, plain Tesseract and vanban's ocr/
    (`cached_only`: only the documents whose OCR is in the cache already)."""
    from tools.bench.render import scanned_document
    from tools.bench.restore import ocr_both

    out = []
    docs = dev_documents()
    heldout = sorted((splits.ROOT / "data/testdocs/heldout").glob("*.txt"))
    for p in docs:
        clean = p.read_text("utf-8")
        seed = heldout.index(p) + 1 if p in heldout else 50 + docs.index(p)
        if cached_only and not (CACHE / f"{p.stem}.scan{seed}.vanban.txt").exists():
            continue
        plain, ours = ocr_both(f"{p.stem}.scan{seed}", partial(scanned_document, clean, seed), jobs)
        out += [(f"{p.stem} plain", clean, plain), (f"{p.stem} vanban", clean, ours)]
    return out


def pair_texts(chunk: int = 40) -> list[tuple[str, str, str]]:
    """(label, gold, OCR) runs of `chunk` consecutive token pairs of ocr_pairs_vie.tsv.

    The pairs are line-ordered reads of rendered written-corpus text, so a run is a stretch of
    running text. Caveat: the LM trained on that corpus, so these figures are in sample for the
    LM (fixes come easier than on unseen text); the OCR'd dev documents are the calibration set.
    """
    path = splits.ROOT / "data" / "corpus" / "ocr_pairs_vie.tsv"
    pairs = [ln.split("\t") for ln in path.read_text("utf-8").splitlines() if "\t" in ln]
    out = []
    for i in range(0, len(pairs), chunk):
        run = pairs[i : i + chunk]
        out.append((f"pairs {i}", " ".join(g for g, _ in run), " ".join(o for _, o in run)))
    return out


def evaluate(
    margins: Iterable[float | None],
    docs: list[tuple[str, str, str]],
    model: Model,
    setter: Callable[[float | None], None] = set_margin,
) -> list[tuple[float | None, Tally, float]]:
    """Per margin: OCR tally over `docs`, and % of born-digital words unchanged (dev documents
    with `model`, training seeds each with its leave-one-out model). `setter` says which
    margin is swept (set_margin or set_name_margin)."""
    from tools.bench.loo import loo_model
    from tools.train.train import TRAIN_SEEDS

    clean_docs = [(p.read_text("utf-8"), model) for p in dev_documents()]
    for prefix in TRAIN_SEEDS:
        seed = next((splits.ROOT / "data/samples/seeds").glob(f"{prefix}_*.txt"))
        clean_docs.append((seed.read_text("utf-8"), loo_model(prefix)))
    rows = []
    for m in margins:
        setter(m)
        t = Tally()
        for _, clean, ocr in docs:
            after, _ = changes(ocr, model)
            t.add(score_changes(ocr, after, clean))
        changed = total = 0
        for clean, m_doc in clean_docs:
            res = api.restore_text(clean, m_doc)
            total += len(res.tokens)
            changed += sum(tok.changed for tok in res.tokens)
        rows.append((m, t, 100 * (1 - changed / max(total, 1))))
        print(f"margin {m}: born-digital words {total}, changed {changed}", flush=True)
    set_margin(_SHIPPED, _SHIPPED_WEIGHT)
    set_name_margin(_SHIPPED_NAME)
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--margins", type=float, nargs="*", default=[0, 1, 2, 3, 4, 5, 6, 8])
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--pairs", action="store_true", help="score ocr_pairs_vie.tsv runs instead")
    ap.add_argument(
        "--name-margins",
        nargs="*",
        help='sweep decode.NAME_MARGIN instead ("off": names keep no rival)',
    )
    ap.add_argument(
        "--switch",
        choices=["PLACES", "FAMILY_FIRST", "UPPER_PERSONS"],
        help="compare one of restore/names.py's rules off and on instead",
    )
    ap.add_argument("--cached-only", action="store_true", help="only documents OCR'd already")
    args = ap.parse_args(argv)
    docs = pair_texts() if args.pairs else ocr_texts(args.jobs, args.cached_only)
    model = default_model()
    print(f"dev documents: {len(dev_documents())}; OCR texts: {len(docs)}")
    print(
        "margin | fixes | breaks | other | fix:break | wrong-mark words | words "
        "| born-digital unchanged %"
    )
    if args.switch:
        shipped = getattr(names, args.switch)
        rows = evaluate([0, 1], docs, model, switch(args.switch))
        switch(args.switch)(shipped)
        print(f"(names.{args.switch} 0: off, 1: on)")
    elif args.name_margins is not None:
        sweep: list[float | None] = [None if v == "off" else float(v) for v in args.name_margins]
        rows = evaluate(sweep, docs, model, set_name_margin)
        print("(name margin; margin stays", _SHIPPED, ")")
    else:
        rows = evaluate([None, *args.margins], docs, model)
    for m, t, unchanged in rows:
        ratio = f"{t.fixes / t.breaks:.1f}" if t.breaks else "inf"
        print(
            f"{'off' if m is None else m:>6} | {t.fixes:>5} | {t.breaks:>6} | {t.other:>5} | "
            f"{ratio:>9} | {t.wrong_marks:>16} | {t.words:>5} | {unchanged:.3f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
