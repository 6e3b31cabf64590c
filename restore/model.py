"""The trained restorer: language model, channel, syllable inventory, abbreviations.

One gzip'd pickle in data/models (built by `make models`); the candidate indexes are derived at
load time because they are quicker to rebuild than to read.
"""

from __future__ import annotations

import gzip
import io
import os
import pickle
import re
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

import numpy as np

from vanban.restore.channel import Channel
from vanban.restore.lm import TrigramLM
from vanban.restore.paths import LEXICON_DIR, MODEL_FILE
from vanban.restore.syllables import skeleton

FORMAT_VERSION = 1


@dataclass
class Model:
    lm: TrigramLM
    channel: Channel
    syllables: list[str]  # attested valid syllables, canonical lower case
    abbreviations: list[str]
    channel_vie: Channel | None = None  # Tesseract `vie` confusions, for mending good OCR text
    # log P(written | s) under channel_vie for each LM-seen syllable `written` and its
    # same-skeleton rivals s (the syllable itself first): computed once at training time, so
    # real-word correction costs no edit-model alignment per new word (decode._real_word).
    realword: dict[str, tuple[tuple[str, float], ...]] = field(default_factory=dict)
    # Letter case as evidence (decode.Decoder.cased): per syllable (log P(Title | s),
    # log P(lower | s)) of its word tokens not opening a segment in the training text, smoothed
    # towards the overall rate kept under "" ("Phong" inside a line is a name, "phòng" a word).
    case: dict[str, tuple[float, float]] = field(default_factory=dict)
    # "previous-syllable syllable" -> Title case (True) or lower case (False), for syllables
    # opening with a vowel marked above, whose case English OCR misreads ("Huyện ủy" read as
    # "Huyin Uy"): the case the training text gives them after that word, where it is clear.
    case_pairs: dict[str, bool] = field(default_factory=dict)
    by_skel: dict[str, list[str]] = field(default_factory=dict)
    deletes: dict[str, list[str]] = field(default_factory=dict)
    abbr_by_skel: dict[str, str] = field(default_factory=dict)
    abbr_set: frozenset[str] = frozenset()
    abbr_by_len: dict[int, list[str]] = field(default_factory=dict)
    abbr_by_len_all: dict[int, list[str]] = field(default_factory=dict)  # every entry
    slash_lengths: frozenset[int] = frozenset()  # lengths of abbreviations like "Đ/c", "v/v"

    def __post_init__(self) -> None:
        by: dict[str, list[str]] = defaultdict(list)
        for s in self.syllables:
            by[skeleton(s)].append(s)
        uni = self.lm.uni
        for v in by.values():
            v.sort(key=lambda s: -uni[self.lm.id(s)])
        self.by_skel = dict(by)
        dels: dict[str, set[str]] = defaultdict(set)
        for k in self.by_skel:
            for d in _deletes(k, 2):
                dels[d].add(k)
        self.deletes = {d: sorted(v) for d, v in dels.items()}
        self.abbr_set = frozenset(self.abbreviations)
        self.slash_lengths = frozenset(len(a) for a in self.abbreviations if "/" in a)
        self.abbr_by_skel = {}
        self.abbr_by_len = {}
        for a in self.abbreviations:
            if any(c in "Đđ" for c in a):
                self.abbr_by_len.setdefault(len(a), []).append(a)
        for a in self.abbreviations:
            self.abbr_by_skel.setdefault(skeleton(a).lower(), a)
        self.abbr_by_len_all = {}
        for a in self.abbreviations:
            self.abbr_by_len_all.setdefault(len(a), []).append(a)

    def save(self, path: Path = MODEL_FILE) -> None:
        arrays = self.lm.to_arrays()
        buf = io.BytesIO()
        np.savez(buf, **arrays)  # type: ignore[arg-type]
        payload = {
            "version": FORMAT_VERSION,
            "vocab": self.lm.vocab,
            "lm": buf.getvalue(),
            "channel": self.channel.to_dict(),
            "channel_vie": self.channel_vie.to_dict() if self.channel_vie else None,
            "realword": self.realword,
            "case": self.case,
            "case_pairs": self.case_pairs,
            "syllables": self.syllables,
            "abbreviations": self.abbreviations,
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with gzip.GzipFile(tmp, "wb", mtime=0) as fh:
            pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> Model:
        # The artefact is built by our own train.py into the package's data dir; it is trusted.
        with gzip.open(path, "rb") as fh:
            payload = pickle.load(fh)
        if payload.get("version") != FORMAT_VERSION:
            raise ValueError(
                f"{path}: model format {payload.get('version')}, want {FORMAT_VERSION}"
            )
        arrays = dict(np.load(io.BytesIO(payload["lm"])))
        lm = TrigramLM.from_arrays(payload["vocab"], arrays)
        return cls(
            lm=lm,
            channel=Channel.from_dict(payload["channel"]),
            channel_vie=Channel.from_dict(payload["channel_vie"])
            if payload.get("channel_vie")
            else None,
            syllables=payload["syllables"],
            abbreviations=payload["abbreviations"],
            realword=payload.get("realword") or {},
            case=payload.get("case") or {},
            case_pairs=payload.get("case_pairs") or {},
        )


def _deletes(word: str, depth: int) -> set[str]:
    out = {word}
    n = len(word)
    for k in range(1, min(depth, n) + 1):
        for idx in combinations(range(n), k):
            out.add("".join(ch for i, ch in enumerate(word) if i not in idx))
    return out


def query_deletes(word: str, depth: int) -> set[str]:
    return _deletes(word, depth)


def read_abbreviations(
    path: Path = LEXICON_DIR / "abbreviations.txt", exclude_seeds: frozenset[str] = frozenset()
) -> list[str]:
    """Lexicon entries (first TAB column); the second column says where each comes from.

    An entry taken only from seed documents in `exclude_seeds` ("seed 000 train") is dropped,
    so a leave-one-out model knows nothing that only the held-out document told us.
    """
    out = []
    for ln in path.read_text("utf-8").splitlines():
        if not ln.strip() or ln.startswith("#"):
            continue
        text, _, source = ln.partition("\t")
        seeds = set(re.findall(r"seed (\d{3})", source))
        if seeds and seeds <= exclude_seeds:
            continue
        out.append(text.strip())
    return out


_lock = threading.Lock()
_default: Model | None = None


MODEL_ENV = "VANBAN_RESTORE_MODEL"  # another model file, for benchmarks (leave-one-out)


def model_path() -> Path:
    """The model file `default_model` loads: `VANBAN_RESTORE_MODEL` when set, else the shipped
    one. The run key digests this file, so output made with another model is never reused."""
    return Path(os.environ.get(MODEL_ENV) or MODEL_FILE)


def default_model() -> Model:
    """The shipped model, loaded once per process.

    `VANBAN_RESTORE_MODEL` names another model file instead: the pipeline benchmark scores a
    training document with a model that never saw it, and worker processes inherit the setting.
    """
    global _default
    with _lock:
        if _default is None:
            path = model_path()
            if not path.exists():
                from vanban.errors import MissingDependencyError

                raise MissingDependencyError(
                    f"restore model {path} is missing: run `make models`"
                )
            _default = Model.load(path)
        return _default
