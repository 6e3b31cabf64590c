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

import math
from collections import Counter

from vanban.restore.decode import Cand, Posterior

# Measured on dev only (tools/evaluate/lmdev.py, tools/evaluate/garbled_dev.py); 0 turns it off.
CACHE_WEIGHT = 3.0  # nats at most, for a candidate every other confident reading agreed on
CACHE_CONF = 0.5  # local posterior a reading needs to count as evidence
CACHE_UNIGRAM = False  # also count single syllables (not only pairs of neighbours)

Lattice = list[tuple[Cand, ...]]


def confident_counts(
    segments: list[Lattice], paths: list[list[int]], posts: list[list[Posterior]]
) -> Counter[str]:
    """How often each pair of neighbouring syllables was read ("khê hạ") where it counts as
    evidence (`_pair_counts`), and with CACHE_UNIGRAM each syllable read among several
    candidates with a local posterior of at least CACHE_CONF."""
    out: Counter[str] = Counter()
    conf = CACHE_CONF
    for seg, path, post in zip(segments, paths, posts, strict=True):
        prev = ""
        prev_kind = 0  # 0: none or unsure, 1: one candidate, 2: sure
        for cands, j, (p, _) in zip(seg, path, post, strict=True):
            t = cands[j].text
            kind = 1 if len(cands) == 1 else 2 if p >= conf else 0
            if kind and prev_kind and (kind == 2 or prev_kind == 2):
                out[prev + " " + t] += 1
            if kind == 2 and CACHE_UNIGRAM:
                out[t] += 1
            prev, prev_kind = t, kind
    return out


def adapt(
    seg: Lattice, path: list[int], posts: list[Posterior], counts: Counter[str], weight: float
) -> Lattice | None:
    """`seg` with each candidate's share of the document's confident readings that fit it
    (the pair it makes with each neighbour as chosen, and with CACHE_UNIGRAM the syllable
    itself) among its position's candidates, times `weight`, added to its channel score; None
    when no position's bonus could overturn its choice even locally (decoding again would
    change nothing), which spares the second decode of most segments.

    A position's own confident reading is left out of its counts: evidence from elsewhere.
    A position whose reading is surer than `weight` nats against all others together keeps
    its candidates as they are: no bonus could overturn it.
    """
    sure_enough = 1.0 / (1.0 + math.exp(-weight))
    conf = CACHE_CONF
    last = len(seg) - 1
    bonuses: dict[int, list[float]] = {}
    changes = False
    for k, (p, top) in enumerate(posts):
        if p >= sure_enough:
            continue
        cands = seg[k]
        if len(cands) == 1:
            continue
        j = path[k]
        sure = p >= conf
        before = after = None
        own = 0  # the pairs this position itself counted (confident_counts' rule)
        if k > 0:
            c0, p0 = seg[k - 1], posts[k - 1][0]
            before = c0[path[k - 1]].text + " "
            own += sure and (len(c0) == 1 or p0 >= conf)
        if k < last:
            c1, p1 = seg[k + 1], posts[k + 1][0]
            after = " " + c1[path[k + 1]].text
            own += sure and (len(c1) == 1 or p1 >= conf)
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
        ns[j] = max(ns[j] - own, 0)
        tot = sum(ns)
        if tot <= 0:
            continue
        bonus = bonuses[k] = [weight * n / (tot + 1) for n in ns]
        if not changes:
            # local odds of the chosen reading against each other one; candidates outside
            # the listed likeliest are at most as likely as the last listed
            probs = dict(top)
            floor = min(probs.values())
            changes = any(
                b - bonus[j] > math.log(p / max(probs.get(c.text, floor), 1e-300))
                for i, (c, b) in enumerate(zip(cands, bonus, strict=True))
                if i != j and b > bonus[j]
            )
    if not changes:
        return None
    make = tuple.__new__
    out = list(seg)
    for k, bonus in bonuses.items():
        out[k] = tuple(
            [
                make(Cand, (c.text, c.lm_id, c.channel + b, c.kept))
                for c, b in zip(seg[k], bonus, strict=True)
            ]
        )
    return out


# A name written several times in a document ("xã Hàm Tân Tây", "Đ/c Cầm Bá Thưởng") is read
# the same way everywhere: among the readings its occurrences got, the one with the largest
# summed confidence (mean posterior of its syllables) wins where every syllable of it is a
# candidate, when it holds VOTE_SHARE of the summed confidence at least. Measured on dev
# (runs of Title-case and upper-case words; dev model; errors / accuracy):
# - accent-stripped dev (42,831 syllables): off 518; share 0 518 (6 fixed, 6 broken); 0.6 516;
#   0.7 519. Train LOO (13,512): 247 in all.
# - garbled dev (26,493): off 97.184 / 97.033 ci / cs; share 0 97.203 / 97.052; 0.6
#   97.199 / 97.048; 0.7 97.188 / 97.037. The seeds' garbled lines, LOO: 384 in all.
RUN_VOTE = True
VOTE_SHARE = 0.6

Spot = tuple[int, int]  # (lattice, position) of one syllable of a run


def vote(
    runs: list[tuple[tuple[str, ...], list[Spot]]],
    lattices: list[Lattice],
    decoded: list[tuple[list[int], list[Posterior]]],
) -> None:
    """Make the occurrences of each run (same words as written, `runs`' keys) read alike, in
    place: the reading with the largest summed mean confidence over its occurrences wins."""
    groups: dict[tuple[str, ...], list[list[Spot]]] = {}
    for key, spots in runs:
        groups.setdefault(key, []).append(spots)
    for occs in groups.values():
        if len(occs) < 2:
            continue
        reads = [
            tuple(lattices[li][pi][decoded[li][0][pi]].text for li, pi in spots) for spots in occs
        ]
        if len(set(reads)) < 2:
            continue
        score: dict[tuple[str, ...], float] = {}
        for spots, r in zip(occs, reads, strict=True):
            conf = sum(decoded[li][1][pi][0] for li, pi in spots) / len(spots)
            score[r] = score.get(r, 0.0) + conf
        best = max(score, key=lambda r: score[r])
        if score[best] < VOTE_SHARE * sum(score.values()):
            continue
        for spots, r in zip(occs, reads, strict=True):
            if r == best:
                continue
            idx = []
            for (li, pi), t in zip(spots, best, strict=True):
                found = [i for i, c in enumerate(lattices[li][pi]) if c.text == t]
                if not found:
                    break
                idx.append(found[0])
            else:
                for (li, pi), i, t in zip(spots, idx, best, strict=True):
                    decoded[li][0][pi] = i
                    _, top = decoded[li][1][pi]
                    decoded[li][1][pi] = (dict(top).get(t, 0.0), top)
