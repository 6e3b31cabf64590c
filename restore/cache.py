"""Document-level evidence: what the decoder read with confidence elsewhere in the same text.

A name or a unit name repeats within a document ("xã An Khê Hạ" on every page of a plan),
and where one occurrence's context settles its reading, the others, whose context does not,
should read the same. The trigram cannot see that far, so after a first decode the confident
readings of the text are counted, and each position's candidates that were among them get a
bonus on their channel score (a cache component, in the spirit of cache language models).
Only segments where the bonus favours another candidate than the one chosen are decoded again.

Nothing here depends on the decoder's internals beyond its Cand tuples, so the C and the
Python decoder both take the adapted candidate lists as they are.
"""

from __future__ import annotations

from collections import Counter

from vanban.restore.decode import Cand

# Measured on dev only (tools/evaluate/lmdev.py, tools/evaluate/garbled_dev.py); 0 turns it off.
CACHE_WEIGHT = 3.0  # nats at most, for a candidate every other confident reading agreed on
CACHE_CONF = 0.5  # local posterior a reading needs to count as evidence
CACHE_UNIGRAM = False  # also count single syllables (not only pairs of neighbours)

Lattice = list[tuple[Cand, ...]]


def confident_counts(
    segments: list[Lattice], paths: list[list[int]], confs: list[list[float]]
) -> Counter[str]:
    """How often each pair of neighbouring syllables ("khê hạ"; keys "khê hạ") and, with
    CACHE_UNIGRAM, each syllable was chosen among several candidates with a local posterior of
    at least CACHE_CONF (for a pair: both of its syllables)."""
    out: Counter[str] = Counter()
    for seg, path, conf in zip(segments, paths, confs, strict=True):
        sure = [len(c) > 1 and p >= CACHE_CONF for c, p in zip(seg, conf, strict=True)]
        texts = [c[j].text for c, j in zip(seg, path, strict=True)]
        for k, ok in enumerate(sure):
            if not ok:
                continue
            if CACHE_UNIGRAM:
                out[texts[k]] += 1
            if k + 1 < len(seg) and (sure[k + 1] or len(seg[k + 1]) == 1):
                out[texts[k] + " " + texts[k + 1]] += 1
            if k > 0 and len(seg[k - 1]) == 1:
                out[texts[k - 1] + " " + texts[k]] += 1
    return out


def adapt(
    seg: Lattice, path: list[int], conf: list[float], counts: Counter[str], weight: float
) -> Lattice | None:
    """`seg` with each candidate's share of the document's confident readings that fit it
    (the pair it makes with each neighbour as chosen, and with CACHE_UNIGRAM the syllable
    itself) among its position's candidates, times `weight`, added to its channel score; None
    when no position's bonus favours a candidate other than the chosen one (decoding again
    would change nothing).

    A position's own confident reading is left out of its counts: evidence from elsewhere.
    """
    out: Lattice = []
    changes = False
    make = tuple.__new__
    texts = [c[j].text for c, j in zip(seg, path, strict=True)]
    last = len(seg) - 1
    for k, (cands, j, p) in enumerate(zip(seg, path, conf, strict=True)):
        if len(cands) == 1:
            out.append(cands)
            continue
        sure = p >= CACHE_CONF
        before = texts[k - 1] + " " if k > 0 else None
        after = " " + texts[k + 1] if k < last else None
        ns = []
        for i, c in enumerate(cands):
            n = 0
            if CACHE_UNIGRAM:
                n += counts.get(c.text, 0) - (sure and i == j)
            if before is not None:
                n += counts.get(before + c.text, 0)
            if after is not None:
                n += counts.get(c.text + after, 0)
            ns.append(n)
        if sure:  # the pairs this position itself counted
            ns[j] = max(ns[j] - (k > 0) - (k < last), 0)
        tot = sum(ns)
        if tot <= 0:
            out.append(cands)
            continue
        bonus = [weight * n / (tot + 1) for n in ns]
        if max(b for i, b in enumerate(bonus) if i != j) > bonus[j]:
            changes = True
        out.append(
            tuple(
                [
                    make(Cand, (c.text, c.lm_id, c.channel + b, c.kept))
                    for c, b in zip(cands, bonus, strict=True)
                ]
            )
        )
    return out if changes else None
