"""Syllable trigram language model, interpolated Kneser-Ney, stored in back-off form.

Back-off form (seen n-grams hold their interpolated log-probability, contexts hold the weight
of the lower order) makes a query three dict look-ups at most, which is what keeps the
decoder fast. Keys are packed integers (a*V*V + b*V + c) rather than tuples: smaller and
quicker to hash.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from vanban.restore.tokens import BOS, EOS, UNK

DISCOUNT = 0.9  # chosen by leave-one-document-out on the sample documents (0.6-0.9 tried)
UNK_LOGP = math.log(1e-7)


@dataclass
class TrigramLM:
    vocab: list[str]
    ids: dict[str, int]
    uni: list[float]
    bi: dict[int, float]
    bo2: dict[int, float]
    tri: dict[int, float]
    bo3: dict[int, float]

    @property
    def size(self) -> int:
        return len(self.vocab)

    def id(self, token: str) -> int:
        return self.ids.get(token, self.ids[UNK])

    def logp(self, a: int, b: int, c: int) -> float:
        v = len(self.vocab)
        bc = b * v + c
        t = self.tri.get(a * v * v + bc)
        if t is not None:
            return t
        s = self.bo3.get(a * v + b, 0.0)
        p = self.bi.get(bc)
        if p is not None:
            return s + p
        return s + self.bo2.get(b, 0.0) + self.uni[c]

    def to_arrays(self) -> dict[str, np.ndarray]:
        def pack(d: dict[int, float]) -> tuple[np.ndarray, np.ndarray]:
            keys = np.fromiter(d.keys(), dtype=np.int64, count=len(d))
            vals = np.fromiter(d.values(), dtype=np.float32, count=len(d))
            order = np.argsort(keys)
            return keys[order], vals[order]

        out: dict[str, np.ndarray] = {"uni": np.asarray(self.uni, dtype=np.float32)}
        for name in ("bi", "bo2", "tri", "bo3"):
            k, v = pack(getattr(self, name))
            out[f"{name}_k"], out[f"{name}_v"] = k, v
        return out

    @classmethod
    def from_arrays(cls, vocab: list[str], arrays: dict[str, np.ndarray]) -> TrigramLM:
        def unpack(name: str) -> dict[int, float]:
            return dict(
                zip(arrays[f"{name}_k"].tolist(), arrays[f"{name}_v"].tolist(), strict=True)
            )

        return cls(
            vocab=vocab,
            ids={w: i for i, w in enumerate(vocab)},
            uni=arrays["uni"].tolist(),
            bi=unpack("bi"),
            bo2=unpack("bo2"),
            tri=unpack("tri"),
            bo3=unpack("bo3"),
        )


def train(
    segments: Iterable[list[str]], min_count: int = 1, extra_vocab: Iterable[str] = ()
) -> TrigramLM:
    """Interpolated Kneser-Ney trigram over segments padded with <s> <s> ... </s>."""
    seqs = [[BOS, BOS, *s, EOS] for s in segments if s]
    counts = Counter(w for s in seqs for w in s)
    kept = sorted(w for w, c in counts.items() if c >= min_count and w not in (BOS, EOS, UNK))
    extra = sorted(set(extra_vocab) - set(kept) - {BOS, EOS, UNK})
    vocab = [BOS, EOS, UNK, *kept, *extra]
    ids = {w: i for i, w in enumerate(vocab)}
    unk = ids[UNK]
    v = len(vocab)
    tri_c: Counter[tuple[int, int, int]] = Counter()
    for s in seqs:
        x = [ids.get(w, unk) for w in s]
        for i in range(2, len(x)):
            tri_c[(x[i - 2], x[i - 1], x[i])] += 1

    # Highest order: raw counts. Lower orders: continuation counts (distinct left contexts).
    ctx2: Counter[tuple[int, int]] = Counter()
    fan2: Counter[tuple[int, int]] = Counter()
    bi_cont: Counter[tuple[int, int]] = Counter()
    for (a, b, c), n in tri_c.items():
        ctx2[(a, b)] += n
        fan2[(a, b)] += 1
        bi_cont[(b, c)] += 1
    ctx1: Counter[int] = Counter()
    fan1: Counter[int] = Counter()
    uni_cont: Counter[int] = Counter()
    for (b, c), n in bi_cont.items():
        ctx1[b] += n
        fan1[b] += 1
        uni_cont[c] += 1
    total_uni = sum(uni_cont.values())
    lam = 0.01
    uni_p = [(1 - lam) * uni_cont.get(i, 0) / total_uni + lam / v for i in range(v)]
    uni_p[ids[BOS]] = uni_p[unk] = 0.0
    z = sum(uni_p)
    uni_p = [p / z for p in uni_p]
    uni_p[ids[BOS]] = uni_p[unk] = 1e-9
    uni = [math.log(p) for p in uni_p]
    uni[unk] = UNK_LOGP

    p2: dict[tuple[int, int], float] = {}
    for (b, c), n in bi_cont.items():
        gamma = DISCOUNT * fan1[b] / ctx1[b]
        p2[(b, c)] = max(n - DISCOUNT, 0) / ctx1[b] + gamma * uni_p[c]
    bo2 = {b: math.log(DISCOUNT * fan1[b] / ctx1[b]) for b in ctx1}

    def p2_of(b: int, c: int) -> float:
        p = p2.get((b, c))
        if p is not None:
            return p
        return math.exp(bo2.get(b, 0.0)) * uni_p[c]

    tri: dict[int, float] = {}
    for (a, b, c), n in tri_c.items():
        gamma = DISCOUNT * fan2[(a, b)] / ctx2[(a, b)]
        tri[a * v * v + b * v + c] = math.log(
            max(n - DISCOUNT, 0) / ctx2[(a, b)] + gamma * p2_of(b, c)
        )
    bo3 = {a * v + b: math.log(DISCOUNT * fan2[(a, b)] / n) for (a, b), n in ctx2.items()}
    bi = {b * v + c: math.log(p) for (b, c), p in p2.items()}
    return TrigramLM(vocab=vocab, ids=ids, uni=uni, bi=bi, bo2=bo2, tri=tri, bo3=bo3)


def unigram_counts(segments: Iterable[list[str]]) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for s in segments:
        for w in s:
            out[w] += 1
    return dict(out)
