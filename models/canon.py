"""Canonical entities: one key per agency and one spelling per leader, however it was written.

Analysts group tasks by owner; the same office appears as "UBND tỉnh", "Ủy ban nhân dân tỉnh",
"Uỷ ban nhân dân Tỉnh" and with OCR slips in its accents. `owner_key` folds all of that
(abbreviations expanded from data/lexicon/agency_aliases.tsv, programme qualifiers dropped per
data/lexicon/agency_qualifiers.txt, case, accents, spacing and punctuation folded), while
`owner_norm` is a readable form that keeps the writer's words. Keys are accent-folded because OCR
damages accents far more often than letters, and two agencies never differ by accents alone.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path

LEXICON_DIR = Path(__file__).resolve().parent.parent / "data" / "lexicon"

_SPACE = re.compile(r"\s+")
_EDGE_PUNCT = " \t.,;:-–—•*+()[]\"'“”"
_COMRADE = re.compile(r"^(?:đ|Đ)\s*/\s*(?:c|C)\b\.?\s*:?\s*")
_COMRADE_WORD = re.compile(r"^(?:đồng chí|Đồng chí|ĐỒNG CHÍ)\s+")


@cache
def aliases() -> tuple[tuple[re.Pattern[str], str], ...]:
    """(whole-word pattern, expansion), longest abbreviation first."""
    pairs: list[tuple[str, str]] = []
    for line in (LEXICON_DIR / "agency_aliases.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        short, _, full = line.partition("\t")
        pairs.append((unicodedata.normalize("NFC", short.strip()),
                      unicodedata.normalize("NFC", full.strip())))
    pairs.sort(key=lambda p: len(p[0]), reverse=True)
    return tuple((re.compile(r"(?<![\w&])" + re.escape(s) + r"(?![\w&])"), f) for s, f in pairs)


@cache
def qualifiers() -> tuple[str, ...]:
    path = LEXICON_DIR / "agency_qualifiers.txt"
    # One phrase a line, then a TAB and where it comes from (the lexicon test checks it).
    rows = [ln.partition("\t")[0].strip() for ln in path.read_text(encoding="utf-8").splitlines()]
    return tuple(sorted((fold_accents(r.lower()) for r in rows if r and not r.startswith("#")),
                        key=len, reverse=True))


def fold_accents(text: str) -> str:
    """Strip Vietnamese marks (đ -> d): the part of a name OCR most often damages."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def tidy(text: str) -> str:
    """NFC, one space between words, no stray edge punctuation."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip(_EDGE_PUNCT)


def expand(text: str) -> str:
    """Abbreviations and old-style spellings replaced by their full modern form."""
    for pattern, full in aliases():
        text = pattern.sub(full, text)
    return text


def owner_key(name: str | None) -> str | None:
    """Canonical key of an agency phrase: equal keys = the same body, however written."""
    if name is None or not tidy(name):
        return None
    text = fold_accents(expand(tidy(name))).lower()
    text = re.sub(r"[^\w]+", " ", text)
    text = f" {_SPACE.sub(' ', text).strip()} "
    for q in qualifiers():
        text = text.replace(f" {q} ", " ")
    return _SPACE.sub(" ", text).strip() or None


def owner_norm(name: str | None) -> str | None:
    """Readable normal form: the writer's words, tidied, first letter capitalised."""
    if name is None:
        return None
    text = _respell(tidy(name))
    return text[:1].upper() + text[1:] if text else None


_SPELLING = re.compile(r"(?<!\w)(?:Uỷ|uỷ|hoà|Hoà)(?!\w)")
_RESPELL = {"Uỷ": "Ủy", "uỷ": "ủy", "hoà": "hòa", "Hoà": "Hòa"}


def _respell(text: str) -> str:
    return _SPELLING.sub(lambda m: _RESPELL[m.group(0)], text)


def leader_norm(name: str) -> str:
    """"đ/c Long", "Đ/C  Long", "đồng chí Long" -> "Đ/c Long"; other titles kept, capitalised."""
    text = tidy(name)
    m = _COMRADE.match(text) or _COMRADE_WORD.match(text)
    if m:
        rest = text[m.end():]
        return "Đ/c " + rest[:1].upper() + rest[1:] if rest else "Đ/c"
    return text[:1].upper() + text[1:] if text else text


def leaders_norm(names: Sequence[str]) -> list[str]:
    """Normalised, in order, without the duplicates normalising reveals."""
    out: list[str] = []
    for n in names:
        v = leader_norm(n)
        if v and v not in out:
            out.append(v)
    return out


def preferred_names(pairs: Iterable[tuple[str, str]]) -> dict[str, tuple[str, list[str]]]:
    """{key: (preferred name, variants seen)} from (key, normalised name) pairs.

    Preferred: the most frequent spelling; ties go to the one with accents on (more marks
    read = less OCR damage), then to the longer (abbreviations written out).
    """
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for key, name in pairs:
        seen[key][name] += 1

    def rank(item: tuple[str, int]) -> tuple[int, int, int, str]:
        name, count = item
        marks = len(unicodedata.normalize("NFD", name)) - len(name)
        return (-count, -marks, -len(name), name)

    return {k: (sorted(c.items(), key=rank)[0][0], sorted(c)) for k, c in seen.items()}


def agency_rows(owners: Sequence[tuple[str | None, str | None, str, str | None, bool]],
                merges: Mapping[str, tuple[str, str]] | None = None) -> list[dict[str, object]]:
    """Rows of the `agencies` table from (owner_key, owner_norm, doc_id, document_key, best).

    Counts both ways: every reading (n_tasks) and each document once (n_tasks_best), so a
    document read from three renderings does not triple its agencies' workload.
    `merges` {owner_key: (agency_key, why)} (vanban.models.aliases) groups keys that name one
    agency: each row keeps its own counts and variants, and says which agency it belongs to.
    """
    merges = merges or {}
    names = preferred_names((k, n) for k, n, _, _, _ in owners if k and n)
    n_tasks: Counter[str] = Counter()
    n_best: Counter[str] = Counter()
    docs: dict[str, set[str]] = defaultdict(set)
    for key, _, doc_id, document_key, best in owners:
        if not key:
            continue
        n_tasks[key] += 1
        n_best[key] += 1 if best else 0
        docs[key].add(document_key or doc_id)
    rows: list[dict[str, object]] = []
    for k in sorted(n_tasks):
        head, why = merges.get(k, (k, None))
        rows.append({"owner_key": k, "name": names[k][0], "variants": names[k][1],
                     "n_tasks": n_tasks[k], "n_documents": len(docs[k]),
                     "n_tasks_best": n_best[k], "agency_key": head,
                     "agency_name": names[head][0] if head in names else names[k][0],
                     "merged_because": why})
    return rows
