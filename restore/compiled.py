"""Glue between the decoder and the optional C extension `vanban.restore._speed`.

The extension holds the decoder's inner loops (Viterbi with the local posteriors along its path,
and candidate search plus channel scoring for garbled tokens). This module turns a Model into
the flat arrays the extension reads, once per model; segments go over as the decoder's own
lists of Cand tuples. Output is identical to the pure-Python reference in decode.py
(tests/restore/test_compiled.py); the extension only changes speed. Set VANBAN_PURE_PYTHON=1 to
run the reference instead.
"""

from __future__ import annotations

import importlib
import os
from array import array
from collections.abc import Sequence
from itertools import accumulate
from types import ModuleType
from typing import TYPE_CHECKING, Any

from vanban.restore.channel import START, Channel

if TYPE_CHECKING:
    from vanban.restore.decode import Cand, Posterior
    from vanban.restore.model import Model

def _load() -> ModuleType | None:
    try:
        return importlib.import_module("vanban.restore._speed")
    except ImportError:  # no C compiler when the package was installed: the reference runs
        return None


_speed = _load()

ABI = 4  # must match PyInit__speed's "ABI": a stale build is ignored, not trusted
MAX_OBS = 60  # longest observed token the C channel takes (its DP rows are fixed-size)
NO_CHAR = 255  # skeleton code of a character no skeleton holds: it matches nothing


def available() -> bool:
    return (
        _speed is not None
        and getattr(_speed, "ABI", None) == ABI
        and os.environ.get("VANBAN_PURE_PYTHON", "") != "1"
    )


def _doubles(values: Sequence[float]) -> bytes:
    return array("d", values).tobytes()


def _ints(values: Sequence[int]) -> bytes:
    return array("i", values).tobytes()


def _packed(d: dict[int, float]) -> tuple[bytes, bytes]:
    return array("q", d.keys()).tobytes(), array("d", d.values()).tobytes()


class Compiled:
    """The extension's view of one model: LM, speller and per-channel tables as capsules."""

    def __init__(self, model: Model, index: dict[str, int], lm_ids: list[int]) -> None:
        """`index` and `lm_ids`: each syllable's position in model.syllables and its LM id,
        as the Decoder holds them."""
        assert _speed is not None
        self.ext = _speed
        lm = model.lm
        self.lm = _speed.lm_new(
            len(lm.vocab),
            _doubles(lm.uni),
            *_packed(lm.bo2),
            *_packed(lm.bi),
            *_packed(lm.bo3),
            *_packed(lm.tri),
        )
        syls = model.syllables
        self.syllables = syls
        self.index = index
        by_skel = model.by_skel
        self.by_skel = by_skel  # garbled(): whether a query is itself a skeleton
        letters = sorted(set("".join(syls)))
        self.letters = letters  # code i + 1; code 0 is the word start
        self.code = {c: i + 1 for i, c in enumerate(letters)}
        skels = list(by_skel)
        sk_letters = sorted(set("".join(skels)))
        if len(letters) + 1 > 255 or len(sk_letters) >= NO_CHAR:
            raise ValueError("alphabet too large for the compiled decoder")
        self.sk_code = {c: i for i, c in enumerate(sk_letters)}
        self._sk_trans = _Codes({ord(c): i for c, i in self.sk_code.items()})
        sk_index = {k: i for i, k in enumerate(skels)}
        skel_of: list[int] = [0] * len(syls)
        top: list[int] = []
        for k, members in by_skel.items():
            for s in members:
                skel_of[self.index[s]] = sk_index[k]
            top += [self.index[s] for s in members[:12]]
        self.speller = _speed.speller_new(
            b"".join(bytes(self.code[c] for c in s) for s in syls),
            _ints(list(accumulate((len(s) for s in syls), initial=0))),
            _doubles([lm.uni[i] for i in lm_ids]),
            _ints(skel_of),
            b"".join(self._skel_bytes(k) for k in skels),
            _ints(list(accumulate((len(k) for k in skels), initial=0))),
            _ints(top),
            _ints(list(accumulate((min(len(m), 12) for m in by_skel.values()), initial=0))),
            *self._deletes(model.deletes, sk_index),
        )
        self._channels: dict[int, _ChannelTables] = {}

    def _deletes(
        self, deletes: dict[str, list[str]], sk_index: dict[str, int]
    ) -> tuple[bytes, bytes, bytes, bytes]:
        """Model.deletes packed: the strings, their offsets, their skeletons, their offsets."""
        keys = list(deletes)
        vals = [sk_index[k] for d in keys for k in deletes[d]]
        return (
            b"".join(self._skel_bytes(d) for d in keys),
            _ints(list(accumulate((len(d) for d in keys), initial=0))),
            _ints(vals),
            _ints(list(accumulate((len(deletes[d]) for d in keys), initial=0))),
        )

    def _skel_bytes(self, text: str) -> bytes:
        """Skeleton codes of `text`, NO_CHAR for a character no skeleton holds."""
        return text.translate(self._sk_trans).encode("latin-1")

    def tables(self, channel: Channel) -> _ChannelTables:
        got = self._channels.get(id(channel))
        if got is None or got.channel is not channel:
            got = self._channels[id(channel)] = _ChannelTables(self, channel)
        return got

    def garbled(
        self,
        channel: Channel,
        low: str,
        queries: list[str],
        prerank: int,
        max_cands: int,
        weight: float,
        beta: float,
    ) -> list[tuple[int, float]] | None:
        """(syllable index, weighted channel log-prob) best first; None: too long for C."""
        if len(low) > MAX_OBS:
            return None
        t = self.tables(channel)
        sub, ins = t.columns(low)
        ids, counts = t.tok_by_obs.get(low, (b"", b""))
        rev = channel.reverse.get(low)
        extra = _ints([self.index[s] for s in rev if s in self.index]) if rev else b""
        q = [self._skel_bytes(x) for x in queries]
        result: list[tuple[int, float]] = self.ext.garbled(
            self.speller,
            t.capsule,
            q[0],
            q[1] if len(q) > 1 else b"",
            extra,
            sub,
            ins,
            ids,
            counts,
            prerank,
            max_cands,
            weight,
            beta,
            any(x in self.by_skel for x in queries),
        )
        return result

    def decode(
        self,
        cands: list[tuple[Cand, ...]],
        correct: bool,
        bos: int,
        eos: int,
        beam: float,
        max_states: int,
        top_n: int,
    ) -> tuple[list[int], list[Posterior]]:
        got: tuple[list[int], list[Posterior]] = self.ext.decode_segment(
            self.lm, cands, correct, bos, eos, beam, max_states, top_n
        )
        return got


class _Codes(dict[int, int]):
    """str.translate table: a character it lacks becomes NO_CHAR (str.translate would keep it)."""

    def __missing__(self, key: int) -> int:
        return NO_CHAR


class _ChannelTables:
    """Per-channel arrays: letter deletion and no-insertion costs, token counts, and columns of
    substitution/insertion costs per observed character, made when a character is first seen."""

    def __init__(self, owner: Compiled, channel: Channel) -> None:
        self.channel = channel
        self.letters = owner.letters
        assert _speed is not None
        dele = [0.0] + [channel.sub_logp(c, "") for c in self.letters]
        noins = [channel.no_ins.get(c, -0.05) for c in [START, *self.letters]]
        total = [float(channel.tok_total.get(s, 0)) for s in owner.syllables]
        self.capsule: Any = _speed.channel_new(_doubles(dele), _doubles(noins), _doubles(total))
        by_obs: dict[str, dict[int, float]] = {}
        for s, row in channel.tok.items():
            i = owner.index.get(s)
            if i is None:
                continue
            for o, n in row.items():
                by_obs.setdefault(o, {})[i] = float(n)
        # observed token -> (syllable indices, their counts), packed for the extension
        self.tok_by_obs = {
            o: (_ints(list(row)), _doubles(list(row.values()))) for o, row in by_obs.items()
        }
        self._cols: dict[str, tuple[bytes, bytes]] = {}

    def columns(self, obs: str) -> tuple[bytes, bytes]:
        subs, inss = [], []
        for oc in obs:
            col = self._cols.get(oc)
            if col is None:
                ch = self.channel
                sub = [0.0] + [ch.sub_logp(c, oc) for c in self.letters]
                ins = [ch.ins_logp(START, oc)] + [ch.ins_logp(c, oc) for c in self.letters]
                col = self._cols[oc] = (_doubles(sub), _doubles(ins))
            subs.append(col[0])
            inss.append(col[1])
        return b"".join(subs), b"".join(inss)
