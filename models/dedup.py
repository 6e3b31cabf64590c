"""One document, many readings: link renderings and re-scans, pick the best reading of each.

An archive holds the same letter as a born-digital PDF, a scan and a re-scan; each is a file
with its own sha256 and doc_id, and counting tasks over all of them counts the letter several
times. Readings are linked when their text fingerprints (64-bit simhash over accent-folded word
3-grams) are near-equal, which survives OCR noise, unless their metadata contradicts it (two
different numbers or issue dates: monthly schedules share much wording). Each cluster gets a
`document_key`; its best reading (text layer > OCR with the highest confidence) is flagged.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence, Sized
from dataclasses import dataclass

import numpy as np

from vanban.models.canon import fold_accents, owner_key

# Hamming distance (of 64 bits) under which two fingerprints are one document. On the samples:
# born-digital PDF vs its scans 0 bits, seed text (with markup) vs its PDF 8, different
# documents 21-37 (two months' schedules 21); docs/notes/analyst.md.
NEAR_BITS = 10
_WORD = re.compile(r"\w+")


def fingerprint(text: str) -> str:
    """64-bit simhash of the accent-folded, lower-cased word 3-grams, as 16 hex digits."""
    return fingerprint_parts((text,))


def fingerprint_parts(texts: Iterable[str]) -> str:
    """`fingerprint("\n".join(texts))`, read part by part (a long document's pages) with
    memory bounded by a batch of 3-grams: a simhash is a sum over the 3-gram occurrences, and
    no word spans the newline between parts (issue 15: the words of a 50 MB text input, held
    at once, took the run past 1 GiB)."""
    weights = np.zeros(64, dtype=np.int64)
    last: list[str] = []  # the last two words, for the 3-grams across a part boundary
    n_words = 0
    batch: list[str] = []
    for text in texts:
        words = [*last, *_WORD.findall(fold_accents(text).lower())]
        n_words += len(words) - len(last)
        batch.extend(" ".join(words[i:i + 3]) for i in range(len(words) - 2))
        last = words[-2:]
        if len(batch) >= _GRAM_BATCH:
            weights += _weights(batch)
            batch = []
    if 0 < n_words < 3:  # one short "gram" of the words there are
        batch = [" ".join(last[-n_words:])]
    if batch:
        weights += _weights(batch)
    if not n_words:
        return f"{0:016x}"
    value = sum(1 << int(b) for b in np.flatnonzero(weights > 0))
    return f"{value:016x}"


_GRAM_BATCH = 100_000


def _weights(grams: list[str]) -> np.ndarray:
    """Each bit's sum of +1 (bit set) / -1 over the grams' 64-bit hashes."""
    counts = Counter(grams)
    hashes = np.array([int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "big")
                       for g in counts], dtype=np.uint64)
    bits = (hashes[:, None] >> np.arange(64, dtype=np.uint64)) & np.uint64(1)
    return np.asarray(np.array(list(counts.values()), dtype=np.int64)
                      @ (2 * bits.astype(np.int64) - 1))


def distance(a: str, b: str) -> int:
    return (int(a, 16) ^ int(b, 16)).bit_count()


def reading_score(methods: Sequence[str], confidences: Sequence[float | None],
                  status: str) -> float:
    """0-100: a text layer or plain text is exact (100), an OCR'd page its mean confidence."""
    scores = [100.0 if m != "ocr" else float(c or 0.0) for m, c in zip(methods, confidences,
                                                                           strict=True)]
    score = sum(scores) / len(scores) if scores else 0.0
    return score - 50.0 if status != "complete" else score


@dataclass(frozen=True, slots=True)
class Reading:
    doc_id: str
    fingerprint: str
    number: str | None
    issue_date: str | None
    issuer: str | None
    score: float
    n_warnings: int = 0


def _conflict(a: Reading, b: Reading) -> bool:
    """Metadata read on both sides that differs: different documents whatever the text says."""
    return bool((a.number and b.number and _norm_number(a.number) != _norm_number(b.number))
                or (a.issue_date and b.issue_date and a.issue_date != b.issue_date))


def _triple(r: Reading) -> tuple[str, str, str]:
    return (_norm_number(r.number or ""), r.issue_date or "", owner_key(r.issuer) or "")


def _norm_number(number: str) -> str:
    return fold_accents(number).upper().replace(" ", "")


def link(readings: Sequence[Reading]) -> dict[str, tuple[str, bool]]:
    """{doc_id: (document_key, is_best_reading)} for every reading.

    Pairs are only compared within buckets, so the cost stays near-linear: readings sharing
    one of four 16-bit bands of their fingerprint (every pair within 3 bits shares one), or
    the same issue date; then linked within NEAR_BITS (2 x NEAR_BITS when number, date and
    issuer all agree) unless their metadata contradicts.
    """
    parent = {r.doc_id: r.doc_id for r in readings}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    buckets: dict[tuple[object, ...], list[Reading]] = {}
    for r in readings:
        value = int(r.fingerprint, 16)
        for band in range(4):
            buckets.setdefault(("band", band, value >> (16 * band) & 0xFFFF), []).append(r)
        if r.issue_date:
            buckets.setdefault(("date", r.issue_date), []).append(r)
    for group in buckets.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if find(a.doc_id) == find(b.doc_id):
                    continue
                same_meta = bool(a.number and a.issue_date and a.issuer) and _triple(a) == \
                    _triple(b)
                limit = 2 * NEAR_BITS if same_meta else NEAR_BITS
                if distance(a.fingerprint, b.fingerprint) <= limit and not _conflict(a, b):
                    parent[find(a.doc_id)] = find(b.doc_id)
    clusters: dict[str, list[Reading]] = {}
    for r in readings:
        clusters.setdefault(find(r.doc_id), []).append(r)
    out: dict[str, tuple[str, bool]] = {}
    for members in clusters.values():
        key = _cluster_key(members)
        best = min(members, key=lambda r: (-r.score, r.n_warnings, r.doc_id))
        for r in members:
            out[r.doc_id] = (key, r.doc_id == best.doc_id)
    return out


def _cluster_key(members: Sequence[Reading]) -> str:
    """From the metadata the readings agree on most (stable when another rendering arrives);
    from the smallest doc_id when no reading has number, date and issuer."""
    triples = Counter(_triple(r) for r in members if r.number and r.issue_date and r.issuer)
    seed = "|".join(triples.most_common(1)[0][0]) if triples else min(r.doc_id for r in members)
    return hashlib.sha1(seed.encode()).hexdigest()[:16]


def readings_from(documents: Mapping[str, Sequence[object]],
                  fingerprints: Mapping[str, str], scores: Mapping[str, float]) -> list[Reading]:
    """Readings from the documents table's columns (as Python lists)."""
    out = []
    for i, doc_id in enumerate(documents["doc_id"]):
        d = str(doc_id)
        if d not in fingerprints:
            continue
        date = documents["issue_date"][i]
        warnings = documents["warnings"][i]
        out.append(Reading(
            doc_id=d, fingerprint=fingerprints[d],
            number=_opt(documents["number"][i]), issue_date=str(date) if date else None,
            issuer=_opt(documents["issuer"][i]), score=scores.get(d, 0.0),
            n_warnings=len(warnings) if isinstance(warnings, Sized) else 0))
    return out


def _opt(value: object) -> str | None:
    return str(value) if value else None
