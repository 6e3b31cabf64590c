"""Aliases learned across documents: owner keys that name one agency though they differ.

`canon.owner_key` folds what can be decided from one phrase (case, accents, known
abbreviations, known programme qualifiers). What it cannot know is learned from the whole
dataset at the end of a run, from three kinds of evidence, each recorded as the reason of
the merge in the `agencies` table:

- word order: the same words after the first in another order ("Phòng Tài chính - Kế
  hoạch" / "Phòng Kế hoạch - Tài chính");

- acronym: one key writes as an upper-case acronym what another spells out, word for word
  around it ("Phòng KHNVGS" / "Phòng Kế hoạch nghiệp vụ giám sát"); an acronym that
  expands to two different keys is ambiguous and merges with neither;
- dropped qualifier: a run of words inside a name (never its first or last word, which name
  the body and its level) that several *different* names are seen both with and without
  ("Văn phòng Điều phối [X] tỉnh", "Ban Chỉ đạo [X] huyện"): a qualifier, not a name;
- OCR variant: keys a small edit distance apart on the folded form, one rare and the other
  at least three times as frequent, where the rare key's odd words occur in no other key and
  are not well-formed syllables (a slip of the scanner, not a word of another name: "Tân
  Hòa" never joins "Tân Hà"); digits never differ.

No name of any corpus is written here: every rule looks only at the keys, their as-written
variants and their counts.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from vanban.models.canon import fold_accents

# Words an acronym skips: "Nông nghiệp và Phát triển nông thôn" = "NN&PTNT" / "NNPTNT".
_CONNECTIVES = frozenset({"va"})
_ACRONYM = re.compile(r"^[A-ZĐ]{2,}$")
_DIGIT = re.compile(r"\d")
# A well-formed Vietnamese syllable, accents folded: onset, vowel nucleus, coda. An OCR slip
# usually breaks this shape ("truorng"); a word that keeps it ("hoa" beside "ha") may be
# another place or body, so it never counts as a slip.
_SYLLABLE = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    r"(?:uye|uya|oai|oay|oeo|uoi|uou|uay|uai|ieu|yeu|uoi|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi"
    r"|oo|ua|ue|ui|uo|uu|uy|ye|ya|a|e|i|o|u|y)"
    r"(?:ch|nh|ng|[cmnpt])?$")


def well_formed(folded: str) -> bool:
    """Whether a folded word (no accents, lower case) has a Vietnamese syllable's shape."""
    return bool(_SYLLABLE.match(folded))


LOPSIDED = 3  # the frequent key has at least this many times the rare key's tasks
MAX_RARE = 3  # a key with more tasks than this is a name in its own right, not a slip
MIN_LEN = 8  # shorter keys ("xa a", "so gtvt") are too close to each other by nature
MAX_QUALIFIER = 4  # words in a learned qualifier


@dataclass(frozen=True)
class Merge:
    """`key` is an alias of `head`, and why."""

    key: str
    head: str
    why: str


Edge = tuple[str, str, str]  # (alias, target, why)


def acronyms(variants: Mapping[str, Sequence[str]]) -> set[str]:
    """Folded tokens written as upper-case acronyms in some as-written variant."""
    found: set[str] = set()
    for names in variants.values():
        for name in names:
            for word in re.split(r"[^\wĐđ]+", name):
                if _ACRONYM.match(word):
                    found.add(fold_accents(word).lower())
    return found


def _initials(words: Sequence[str]) -> str:
    return "".join(w[0] for w in words if w not in _CONNECTIVES)


def expands(short: Sequence[str], full: Sequence[str], acros: set[str]) -> bool:
    """`short` is `full` with at least one run of words written as its acronym."""

    def match(i: int, j: int, used: bool) -> bool:
        if i == len(short):
            return j == len(full) and used
        if j < len(full) and short[i] == full[j] and match(i + 1, j + 1, used):
            return True
        if short[i] in acros:
            for k in range(2, len(full) - j + 1):
                run = full[j:j + k]
                if run[-1] in _CONNECTIVES:
                    continue
                if _initials(run) == short[i] and match(i + 1, j + k, True):
                    return True
        return False

    return short != full and match(0, 0, False)


def _interior_insert(short: Sequence[str], full: Sequence[str]) -> tuple[str, ...] | None:
    """The run of words `full` has inside `short` (not at either end), if that is all."""
    extra = len(full) - len(short)
    if not 1 <= extra <= MAX_QUALIFIER or len(short) < 2:
        return None
    for at in range(1, len(short)):
        if full[:at] == list(short[:at]) and full[at + extra:] == list(short[at:]):
            return tuple(full[at:at + extra])
    return None


def learn(counts: Mapping[str, int], variants: Mapping[str, Sequence[str]]) -> list[Merge]:
    """Merges among owner keys: {key: tasks}, {key: as-written names} -> alias -> head."""
    keys = sorted(counts)
    words = {k: k.split() for k in keys}
    edges = [*_reordered(keys, words), *_qualifiers(keys, words),
             *_ocr_variants(keys, words, counts)]
    # Acronyms last: an acronym that spells out as two keys already known to be one agency
    # ("Kinh tế - Hạ tầng" / "Kinh tế và Hạ tầng") is not ambiguous.
    edges += _acronyms(keys, words, acronyms(variants), _groups(edges), counts)
    return _resolve(edges, counts)


def _groups(edges: Sequence[Edge]) -> dict[str, str]:
    """{key: a representative of its group} over the edges so far."""
    parent: dict[str, str] = {}

    def find(k: str) -> str:
        while parent.get(k, k) != k:
            k = parent[k]
        return k

    for a, b, _ in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb
    return {k: find(k) for e in edges for k in e[:2]}


def _reordered(keys: Sequence[str], words: Mapping[str, list[str]]) -> list[Edge]:
    """The same words in another order: "Tài chính - Kế hoạch" / "Kế hoạch - Tài chính",
    an enumeration of districts in another order. The first word (the body) stays put."""
    by_bag: dict[tuple[str, tuple[str, ...]], list[str]] = defaultdict(list)
    for k in keys:
        if len(words[k]) >= 3:
            by_bag[(words[k][0], tuple(sorted(words[k][1:])))].append(k)
    edges = []
    for same in by_bag.values():
        for k in same[1:]:
            edges.append((k, same[0], "the same words in another order"))
    return edges


def _qualifiers(keys: Sequence[str], words: Mapping[str, list[str]]) -> list[Edge]:
    """Runs of words seen inserted inside several different names."""
    by_len: dict[int, list[str]] = defaultdict(list)
    for k in keys:
        by_len[len(words[k])].append(k)
    inserts: dict[tuple[str, ...], list[tuple[str, str]]] = defaultdict(list)
    for short in keys:
        for extra in range(1, MAX_QUALIFIER + 1):
            for full in by_len.get(len(words[short]) + extra, []):
                run = _interior_insert(words[short], words[full])
                if run is not None:
                    inserts[run].append((short, full))
    edges = []
    for run, pairs in sorted(inserts.items()):
        if len({s for s, _ in pairs}) < 2:
            continue
        what = "connective" if set(run) <= _CONNECTIVES else "qualifier"
        for short, full in pairs:
            edges.append((full, short, f"{what} '{' '.join(run)}' left out: seen inside "
                                       f"{len(pairs)} names with and without it"))
    return edges


def _ocr_variants(keys: Sequence[str], words: Mapping[str, list[str]],
                  counts: Mapping[str, int]) -> list[Edge]:
    """A rare key close to a frequent one, its odd words found nowhere else."""
    token_keys: Counter[str] = Counter(w for k in keys for w in set(words[k]))
    edges = []
    for rare in keys:
        if counts[rare] > MAX_RARE or len(rare) < MIN_LEN:
            continue
        best: tuple[int, str] | None = None
        limit = max(1, len(rare) // 12)
        for other in keys:
            if other == rare or counts[other] < LOPSIDED * counts[rare]:
                continue
            if abs(len(other) - len(rare)) > limit:
                continue
            d = Levenshtein.distance(rare, other, score_cutoff=limit)
            if d > limit:
                continue
            odd = [w for w in words[rare] if w not in words[other]]
            if any(_DIGIT.search(w) for w in odd + [w for w in words[other]
                                                    if w not in words[rare]]):
                continue
            if any(token_keys[w] > 1 or _SYLLABLE.match(w) for w in odd):
                continue  # a word of other names, or a word at all: maybe another body
            if best is None or (d, -counts[other]) < (best[0], -counts[best[1]]):
                best = (d, other)
        if best is not None:
            d, other = best
            edges.append((rare, other, f"OCR variant of '{other}': edit distance {d}, "
                                       f"{counts[rare]} vs {counts[other]} tasks"))
    return edges


def _acronyms(keys: Sequence[str], words: Mapping[str, list[str]], acros: set[str],
              group: Mapping[str, str], counts: Mapping[str, int]) -> list[Edge]:
    """Keys that write as an acronym what one agency's key spells out."""
    # Candidates share the first word, or the acronym starts with its initial.
    by_first: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        by_first[words[k][0]].append(k)
        by_first[words[k][0][0]].append(k)
    edges = []
    for k in keys:
        if not any(w in acros for w in words[k]):
            continue
        first = words[k][0]
        pool = by_first[first] if first not in acros else by_first[first[0]]
        targets = sorted({t for t in pool if t != k and expands(words[k], words[t], acros)})
        if not targets or len({group.get(t, t) for t in targets}) > 1:
            continue  # none, or ambiguous: spells out as two different agencies
        target = max(targets, key=lambda t: (counts[t], t))
        edges.append((k, target, f"acronym: '{k}' spells out as '{target}'"))
    return edges


def _resolve(edges: Sequence[Edge], counts: Mapping[str, int]) -> list[Merge]:
    """Union the edges; each group's head is a spelled-out key (not an acronym) with the most
    tasks, then the longest; each alias keeps the reason of its own edge."""
    parent: dict[str, str] = {}

    def find(k: str) -> str:
        while parent.get(k, k) != k:
            k = parent[k]
        return k

    why: dict[str, str] = {}
    for alias, target, reason in edges:
        a, b = find(alias), find(target)
        if a != b:
            parent[a] = b
        why.setdefault(alias, reason)
    groups: dict[str, list[str]] = defaultdict(list)
    for k in {k for e in edges for k in e[:2]}:
        groups[find(k)].append(k)
    spelled = {k for e in edges if e[2].startswith("acronym") for k in (e[1],)}
    short = {k for e in edges if e[2].startswith("acronym") for k in (e[0],)}
    merges = []
    for members in groups.values():
        head = min(members, key=lambda k: (k in short and k not in spelled,
                                           -counts.get(k, 0), -len(k), k))
        for k in sorted(members):
            if k != head:
                merges.append(Merge(k, head, why.get(k) or _reverse(k, edges)))
    return sorted(merges, key=lambda m: m.key)


def _reverse(key: str, edges: Sequence[Edge]) -> str:
    """The reason of an edge that points at `key` (it became an alias as the group's
    head went to a more frequent key)."""
    return next(r for a, t, r in edges if t == key)
