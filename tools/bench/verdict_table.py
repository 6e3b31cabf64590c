"""The per-page table behind ocr/quality.py's verdict: every page bench-scans dumped
(`python -m tools.bench.scans --pages --dump DIR`, dev documents only), its CER, the verdict it
got, and every candidate signal, so a verdict rule is chosen by measurement.

    python -m tools.bench.verdict_table DIR [--csv OUT.csv] [--restore]

Signals beyond ocr/quality.Signals: confidence quantiles and shares below 50/70/80, the share
of alphabetic words that are real Vietnamese syllables (restore/'s generated inventory, not
only their shape), the share of text lines holding at least one, the share of words restore/
changes (`--restore`: slow), mean word length, character classes (letters, digits,
punctuation, other symbols), and the table signals. It then prints, for the verdict as it is
now (recomputed from the dumped signals with vanban.ocr.quality), how many pages over 5% / 8%
CER are "ok" and how many pages of the clean/light conditions are flagged.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

from vanban.ocr import quality
from vanban.restore.syllables import full_inventory

LIGHT = ("scan", "seal", "skewband", "frame", "seal+skewband", "rot90", "rot180",
         "scan-light", "scan-medium")
WORD_EDGE = quality.WORD_EDGE


def _features(rec: dict[str, Any], restore: bool) -> dict[str, Any]:
    read = [(str(w), float(c)) for w, c in rec["read"] or []]
    confs = np.array([c for _, c in read if c >= 0], dtype=np.float64)
    inv = full_inventory()
    alpha = [w.strip(WORD_EDGE) for w, _ in read]
    alpha = [w for w in alpha if w.isalpha()]
    real = sum(1 for w in alpha if unicodedata.normalize("NFC", w.lower()) in inv)
    text = rec["text"] or ""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    lines_real = sum(
        1 for ln in lines
        if any(unicodedata.normalize("NFC", w.strip(WORD_EDGE).lower()) in inv
               for w in ln.split()))
    chars = [ch for ch in text if not ch.isspace()]
    n = max(len(chars), 1)
    out: dict[str, Any] = {
        "condition": rec["condition"], "doc": rec["doc"], "seed": rec["seed"],
        "page": rec["page"], "cer": rec["cer"], "verdict": rec["verdict"].split("/")[-1],
        "words": len(read), "ink_px": rec["ink_px"],
    }
    for q in (5, 10, 20, 25, 50):
        out[f"conf_p{q}"] = float(np.percentile(confs, q)) if confs.size else 0.0
    out["conf_mean"] = float(confs.mean()) if confs.size else 0.0
    for bar in (50, 70, 80):
        out[f"share_lt{bar}"] = float((confs < bar).mean()) if confs.size else 1.0
    sig = rec["signals"] or {}
    out["syllables"] = sig.get("syllables", 0.0)
    out["chars_per_ink"] = sig.get("chars_per_ink", 0.0)
    out["orientation_sure"] = sig.get("orientation_sure", True)
    out["dict_share"] = real / len(alpha) if alpha else 0.0
    out["lines_dict"] = lines_real / len(lines) if lines else 0.0
    kept = [w for w in alpha if not _acronym(w)]
    out["dict_strict"] = (sum(1 for w in kept if unicodedata.normalize("NFC", w.lower()) in inv)
                          / len(kept)) if kept else 0.0
    tokens = [w.strip(WORD_EDGE) for w, _ in read]
    tokens = [w for w in tokens if any(ch.isalpha() for ch in w)]
    out["odd_words"] = (sum(1 for w in tokens if _odd(w)) / len(tokens)) if tokens else 0.0
    out["misspelt"] = quality.misspelt([w for w, _ in read])
    out["word_len"] = float(np.mean([len(w) for w in alpha])) if alpha else 0.0
    out["letters"] = sum(ch.isalpha() for ch in chars) / n
    out["digits"] = sum(ch.isdigit() for ch in chars) / n
    out["punct"] = sum(ch in WORD_EDGE for ch in chars) / n
    out["other"] = sum(not ch.isalnum() and ch not in WORD_EDGE for ch in chars) / n
    tab = rec["tables"] or {}
    for k in ("cells", "empty", "syllables", "ragged", "repeated", "merged", "two_dates"):
        out[f"t_{k}"] = tab.get(k, 0)
    if restore:
        from vanban.restore import restore_text
        r = restore_text(text)
        out["restore_changed"] = r.n_changed / max(len(r.tokens), 1)
    return out


_ROMAN = set("IVXLC")


def _acronym(w: str) -> bool:
    """Capitals that are no syllable even in shape (UBND, NVTH), or a roman numeral."""
    return w.isupper() and (set(w) <= _ROMAN or not quality.is_syllable(w))


def _odd(w: str) -> bool:
    """A word with a character inside it that no Vietnamese word or code holds there: a
    letter next to ':' '¬' '^' '*' and the like, or a digit inside lower-case letters."""
    inner = w[1:-1]
    if any(not ch.isalnum() and ch not in "/-." for ch in inner):
        return True
    return any(ch.isdigit() for ch in w) and sum(ch.islower() for ch in w) >= 2


def recomputed(rec: dict[str, Any], q: Any = quality) -> str:
    """The page's verdict under vanban.ocr.quality as it is now, from the dumped signals
    (as ocr/api.py combines the page's and its tables' verdicts)."""
    sig = rec["signals"]
    if sig is None:
        return str(rec["verdict"]).split("/")[-1]
    # the signals again from the words (a signal added since the dump is measured too)
    read = [(str(w), float(c)) for w, c in rec["read"] or []]
    v = str(q.verdict(q.signals(read, int(rec["ink_px"] or 0), sig["orientation_sure"])))
    if rec["tables"] is not None:
        t = str(q.table_verdict(q.TableSignals(**rec["tables"])))
        if v == "ok" and t != "ok":
            v = t
    return v


def load(folder: Path, restore: bool = False, base: Any = None) -> list[dict[str, Any]]:
    """The table's rows; with `base` (another version of ocr/quality.py, loaded by
    `_module`), a "base" column: the verdict under it (the before of a change)."""
    rows = []
    for f in sorted(folder.glob("*.json")):
        rec = json.loads(f.read_text(encoding="utf-8"))
        row = _features(rec, restore)
        row["now"] = recomputed(rec)
        if base is not None:
            row["base"] = recomputed(rec, base)
        rows.append(row)
    return rows


def counts(rows: Iterable[dict[str, Any]], key: str) -> str:
    rows = list(rows)
    over5 = [r for r in rows if r["cer"] > 0.05]
    over8 = [r for r in rows if r["cer"] > 0.08]
    light = [r for r in rows if r["condition"] in LIGHT]
    under3 = [r for r in rows if r["cer"] <= 0.03]
    return (f"{key}: pages {len(rows)}; CER>5% ok {sum(r[key] == 'ok' for r in over5)}/"
            f"{len(over5)}; CER>8% ok {sum(r[key] == 'ok' for r in over8)}/{len(over8)}; "
            f"light conditions flagged {sum(r[key] != 'ok' for r in light)}/{len(light)}; "
            f"CER<=3% flagged {sum(r[key] != 'ok' for r in under3)}/{len(under3)}; "
            f"unreadable {sum(r[key] == 'unreadable' for r in rows)}")


SIGNALS = ("conf_mean", "conf_p5", "conf_p10", "conf_p20", "conf_p25", "conf_p50",
           "share_lt50", "share_lt70", "share_lt80", "syllables", "chars_per_ink",
           "dict_share", "dict_strict", "lines_dict", "odd_words", "misspelt", "word_len",
           "letters", "digits", "punct", "other", "t_empty", "t_syllables",
           "restore_changed")


def _auc(pos: list[float], neg: list[float]) -> float:
    """Probability that a page over the CER bar measures higher than one under it."""
    if not pos or not neg:
        return float("nan")
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def separation(rows: list[dict[str, Any]], bar: float = 0.05, low: float = 0.03,
               min_words: int = 50) -> None:
    """Per signal: how well it tells pages over `bar` CER from pages at or under `low`
    (AUC, oriented so 1.0 = perfect whichever direction), and its range on light pages."""
    rows = [r for r in rows if r["words"] >= min_words]
    bad = [r for r in rows if r["cer"] > bar]
    good = [r for r in rows if 0 <= r["cer"] <= low]
    light = [r for r in rows if r["condition"] in LIGHT]
    print(f"signal            AUC(CER>{bar:.0%} vs <={low:.0%})  over-bar range    light range"
          f"   (pages >= {min_words} words: {len(bad)} over, {len(good)} under, "
          f"{len(light)} light)")
    for k in SIGNALS:
        if not rows or k not in rows[0]:
            continue
        auc = _auc([float(r[k]) for r in bad], [float(r[k]) for r in good])
        auc = max(auc, 1 - auc)
        lo_b = min((float(r[k]) for r in bad), default=float("nan"))
        hi_b = max((float(r[k]) for r in bad), default=float("nan"))
        lo_l = min((float(r[k]) for r in light), default=float("nan"))
        hi_l = max((float(r[k]) for r in light), default=float("nan"))
        print(f"{k:<17} {auc:6.3f}              {lo_b:7.3f}-{hi_b:<7.3f}  {lo_l:7.3f}-{hi_l:.3f}")


def _module(path: Path) -> Any:
    """An older ocr/quality.py (`git show REV:ocr/quality.py > FILE`) as a module."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("quality_base", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules["quality_base"] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("dump", type=Path)
    ap.add_argument("--csv", type=Path)
    ap.add_argument("--restore", action="store_true")
    ap.add_argument("--also", type=Path, nargs="*", default=[],
                    help="more dump folders (verdict_clean.py's) in the same table")
    ap.add_argument("--base", type=Path,
                    help="an older ocr/quality.py: its verdicts in a 'base' column")
    args = ap.parse_args(argv)
    base = _module(args.base) if args.base else None
    rows = load(args.dump, args.restore, base)
    for extra in args.also:
        rows += load(extra, args.restore, base)
    if args.csv and rows:
        with args.csv.open("w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
    if base is not None:
        print(counts(rows, "base"))
    print(counts(rows, "verdict"))
    print(counts(rows, "now"))
    separation(rows)


if __name__ == "__main__":
    main()
