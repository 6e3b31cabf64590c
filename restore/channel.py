"""Learned OCR channel P(observed token | syllable).

Two levels, both counted from our own rendered-and-OCR'd pairs (render_ocr.py):
- whole-token counts C(syllable -> observed), trusted when a syllable was seen often;
- a character edit model (substitute, delete, insert-after) for everything else, so an unseen
  garbling like "ứ" -> "ir" still gets a sensible probability.
The token estimate is the count estimate smoothed towards the edit model (Dirichlet prior).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz.distance import Levenshtein

from vanban.restore.syllables import skeleton, strip_tone

ALPHA = 30.0  # weight of the pooled (tone-free) row, then of the hand prior, per character
REVERSE_TOP = 8  # syllables kept per observed token in Channel.reverse
BETA = 200.0  # weight of the edit model against whole-token counts
# Training pairs come from aligning OCR'd lines with their gold, and a slipped alignment pairs
# a syllable with a neighbour's reading ("thị" -> "thanh", "xã" -> "thon"): counted, one such
# pair gave "Thanh" the reading "Thị" a channel probability of 0.2 % and made "Thị" a candidate
# of every "Thanh" (Channel.reverse). With `train(..., slips=True)` a whole-token pair seen at
# most SLIP_COUNT times whose letters the character edit model gives a log-probability below
# SLIP_EDIT is taken for such a slip: it is not counted as a whole token, nor in `reverse`. The
# character counts keep it: dropping it there too (and counting again) lost on garbled dev,
# 97.18 -> 97.05 % (it is the only evidence of some rare real garbles).
SLIP_EDIT = -16.0
SLIP_COUNT = 2
START = "^"


@dataclass
class Channel:
    sub: dict[str, dict[str, float]] = field(default_factory=dict)  # log P(o | s), o may be ""
    fam: dict[str, dict[str, float]] = field(default_factory=dict)  # same, pooled over tones
    base: dict[str, dict[str, float]] = field(default_factory=dict)  # pooled over all marks
    ins: dict[str, dict[str, float]] = field(default_factory=dict)  # log P(insert o | after s)
    no_ins: dict[str, float] = field(default_factory=dict)  # log P(no insertion | after s)
    tok: dict[str, dict[str, int]] = field(default_factory=dict)  # C(s -> o)
    tok_total: dict[str, int] = field(default_factory=dict)
    reverse: dict[str, list[str]] = field(default_factory=dict)  # o -> syllables seen making it
    _cache: dict[tuple[str, str], float] = field(default_factory=dict, repr=False)
    _subc: dict[tuple[str, str], float] = field(default_factory=dict, repr=False)
    _insc: dict[tuple[str, str], float] = field(default_factory=dict, repr=False)

    def sub_logp(self, s: str, o: str, first: int = 0) -> float:
        """log P(letter s read as o; "" = dropped), backing off letter -> toneless family ->
        bare letter -> hand prior (`first` skips levels: training smooths each level towards
        the ones below it).

        Each level missed adds its row's escape weight; the sum is taken innermost first, the
        order the trained model's values were computed in.
        """
        escapes: list[float] = []
        levels = ((self.sub, s), (self.fam, _family(s)), (self.base, skeleton(s)))
        lp = None
        for table, key in levels[first:]:
            row = table.get(key)
            if row is not None:
                lp = row.get(o)
                if lp is not None:
                    break
                escapes.append(row.get("\x00", 0.0))
        if lp is None:
            lp = _prior_sub_lp(s, o)
        for w in reversed(escapes):
            lp = w + lp
        return lp

    def ins_logp(self, after: str, o: str) -> float:
        """log P(o inserted after letter `after`; START: before the word)."""
        row = self.ins.get(after)
        if row is not None:
            lp = row.get(o)
            if lp is not None:
                return lp
            return row.get("\x00", math.log(1e-4))
        return math.log(1e-4)

    def edit_logp(self, s: str, o: str) -> float:
        """Best-alignment log P(o | s) under the character model (Viterbi over alignments)."""
        subc = self._subc
        insc = self._insc
        no_ins = self.no_ins
        m = len(o)
        neg = -1e9
        prev = [0.0] * (m + 1)
        for j in range(1, m + 1):  # insertions before the first character
            k = (START, o[j - 1])
            lp = insc.get(k)
            if lp is None:
                lp = insc[k] = self.ins_logp(*k)
            prev[j] = prev[j - 1] + lp
        prev_ctx = START
        for sc in s:
            stop = no_ins.get(prev_ctx, -0.05)
            kd = (sc, "")
            dl = subc.get(kd)
            if dl is None:
                dl = subc[kd] = self.sub_logp(sc, "")
            dl += stop
            cur = [neg] * (m + 1)
            cur[0] = prev[0] + dl
            for j in range(1, m + 1):
                oc = o[j - 1]
                k = (sc, oc)
                sl = subc.get(k)
                if sl is None:
                    sl = subc[k] = self.sub_logp(sc, oc)
                best = prev[j - 1] + stop + sl
                d = prev[j] + dl
                if d > best:
                    best = d
                il = insc.get(k)
                if il is None:
                    il = insc[k] = self.ins_logp(sc, oc)
                ins = cur[j - 1] + il
                if ins > best:
                    best = ins
                cur[j] = best
            prev = cur
            prev_ctx = sc
        return prev[m] + no_ins.get(prev_ctx, -0.05)

    def logp(self, s: str, o: str) -> float:
        """log P(observed o | syllable s), both lower case NFC."""
        key = (s, o)
        got = self._cache.get(key)
        if got is not None:
            return got
        edit = math.exp(self.edit_logp(s, o))
        n = self.tok_total.get(s, 0)
        c = self.tok.get(s, {}).get(o, 0) if n else 0
        p = (c + BETA * edit) / (n + BETA)
        lp = math.log(max(p, 1e-30))
        if len(self._cache) > 500_000:
            self._cache.clear()
        self._cache[key] = lp
        return lp

    def to_dict(self) -> dict[str, Any]:
        return {
            "sub": self.sub,
            "fam": self.fam,
            "base": self.base,
            "ins": self.ins,
            "no_ins": self.no_ins,
            "tok": self.tok,
            "tok_total": self.tok_total,
            "reverse": self.reverse,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Channel:
        return cls(
            sub=d["sub"],
            fam=d["fam"],
            base=d.get("base", {}),
            ins=d["ins"],
            no_ins=d["no_ins"],
            tok=d["tok"],
            tok_total=d["tok_total"],
            reverse=d["reverse"],
        )


def _slip(ch: Channel, s: str, o: str, n: int) -> bool:
    """Whether the pair (s, o) seen n times looks like a slipped line alignment (SLIP_EDIT)."""
    return n <= SLIP_COUNT and ch.edit_logp(s, o) < SLIP_EDIT


def _family(ch: str) -> str:
    """The letter without its tone mark: ự, ừ, ứ ... pool their confusions in ư's row."""
    return strip_tone(ch)[0] if ch.isalpha() else ch


def _prior_sub_lp(s: str, o: str) -> float:
    if s == o:
        return math.log(0.6)
    if o == "":
        return math.log(0.01)
    if skeleton(s) == skeleton(o):
        return math.log(0.3 / 6)
    return math.log(0.09 / 60)


def _align(s: str, o: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Character substitutions (s_char, o_char or "") and insertions (after s_char, o_char)."""
    subs: list[tuple[str, str]] = []
    inss: list[tuple[str, str]] = []
    i = j = 0
    for op in Levenshtein.editops(s, o):
        while i < op.src_pos and j < op.dest_pos:
            subs.append((s[i], o[j]))
            i += 1
            j += 1
        if op.tag == "replace":
            subs.append((s[i], o[j]))
            i += 1
            j += 1
        elif op.tag == "delete":
            subs.append((s[i], ""))
            i += 1
        else:
            inss.append((s[i - 1] if i > 0 else START, o[j]))
            j += 1
    while i < len(s) and j < len(o):
        subs.append((s[i], o[j]))
        i += 1
        j += 1
    return subs, inss


def train(pairs: Iterable[tuple[str, str]], slips: bool = False) -> Channel:
    """Count whole-token and character confusions from (gold syllable, observed) pairs;
    `slips`: leave out of the whole-token counts the pairs that look like slipped line
    alignments (SLIP_EDIT)."""
    sub_c: dict[str, Counter[str]] = defaultdict(Counter)
    ins_c: dict[str, Counter[str]] = defaultdict(Counter)
    ctx_c: Counter[str] = Counter()
    tok: dict[str, Counter[str]] = defaultdict(Counter)
    for gold, obs in pairs:
        s, o = gold.lower(), obs.lower()
        tok[s][o] += 1
        subs, inss = _align(s, o)
        for a, b in subs:
            sub_c[a][b] += 1
        for a, b in inss:
            ins_c[a][b] += 1
        ctx_c[START] += 1
        for c in s:
            ctx_c[c] += 1
    ch = Channel()
    # Three levels of pooling, each smoothed towards the next: the letter (ặ), its toneless
    # family (ă), its bare letter (a: a, ă, â and all their tones), then the hand prior.
    base_c: dict[str, Counter[str]] = defaultdict(Counter)
    fam_c: dict[str, Counter[str]] = defaultdict(Counter)
    for a, row in sub_c.items():
        base_c[skeleton(a)].update(row)
        fam_c[_family(a)].update(row)
    for f, row in base_c.items():
        total = sum(row.values())
        out = {
            b: math.log((n + ALPHA * math.exp(_prior_sub_lp(f, b))) / (total + ALPHA))
            for b, n in row.items()
        }
        out["\x00"] = math.log(ALPHA / (total + ALPHA))
        ch.base[f] = out
    for f, row in fam_c.items():
        total = sum(row.values())
        out = {
            b: math.log((n + ALPHA * math.exp(ch.sub_logp(f, b, first=2))) / (total + ALPHA))
            for b, n in row.items()
        }
        out["\x00"] = math.log(ALPHA / (total + ALPHA))
        ch.fam[f] = out
    for a, row in sub_c.items():
        total = sum(row.values())
        out = {}
        for b, n in row.items():
            out[b] = math.log((n + ALPHA * math.exp(ch.sub_logp(a, b, first=1))) / (total + ALPHA))
        out["\x00"] = math.log(ALPHA / (total + ALPHA))
        ch.sub[a] = out
    for a, n_ctx in ctx_c.items():
        row = ins_c.get(a, Counter())
        n_ins = sum(row.values())
        denom = n_ctx + n_ins + 1.0
        ch.no_ins[a] = math.log((n_ctx + 0.5) / denom)
        ins_row = {b: math.log((k + 0.01) / denom) for b, k in row.items()}
        ins_row["\x00"] = math.log(0.01 / denom)
        ch.ins[a] = ins_row
    for s, row in tok.items():
        kept = {o: n for o, n in row.items() if not (slips and _slip(ch, s, o, n))}
        ch.tok[s] = kept
        ch.tok_total[s] = sum(kept.values())
    rev: dict[str, Counter[str]] = defaultdict(Counter)
    for s, kept in ch.tok.items():
        for o, n in kept.items():
            rev[o][s] += n
    ch.reverse = {o: [s for s, _ in row.most_common(REVERSE_TOP)] for o, row in rev.items()}
    return ch
