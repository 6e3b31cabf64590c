"""Where good text holds a person's name: real-word correction keeps its hands off there.

Real-word correction (`Decoder._real_word`) replaces a valid syllable by a same-skeleton rival
when the language model prefers the rival by more than the `vie` channel's odds and a margin.
In a person's name that preference is no evidence: "Hường" is as good a name as "Hương", only
rarer in our text; the blind run of 2026-12-06 changed "Hoàng Thị Thu Hường" in a signature
block. Names are runs of Title-case syllables; a run is taken for a person's name when
- a later syllable of it is a middle name that marks persons ("Thị", "Văn"), or
- a word that introduces a person stands right before it ("Đ/c", "ông", "bà", "đồng chí"), or
- it is all the words of its line (the signer's name under a signature block).
Place and organisation names are not guarded as a whole: the language model holds the
gazetteer's communes and districts, and there its preference is evidence ("Chỉ Lăng" -> "Chi
Lăng", "Trảng Bom"; "Ban Chí đạo" -> "Ban Chỉ đạo"). Measured on dev data
(docs/notes/restore2.md): guarding every Title-case run lost those fixes and no break went away.
Two narrower place rules use data/lexicon/places.txt (pre-2025 provinces, districts, communes,
from an installed gazetteer at build time; tools/train/places.py):
- a Title-case or upper-case run holding a known place's name spelt exactly so keeps it;
- a syllable outside the Vietnamese inventory whose rhyme only the gazetteer's minority-language
  names use ("Mơng" of "Chư Mơng", like "Pơng", "Đắk") is a name, not an OCR slip ("Mỏng").
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from functools import cache
from itertools import pairwise
from pathlib import Path

from vanban.restore.paths import LEXICON_DIR
from vanban.restore.syllables import (
    TONE_MARKS,
    canonical,
    full_inventory,
    skeleton,
    strip_tone,
    toneless_inventory,
)
from vanban.restore.tokens import Tok

MIDDLE = frozenset({"thị", "văn"})  # middle names of persons, never of places
CUES = frozenset({"đ/c", "ông", "bà", "anh", "chị", "chí"})  # "chí": of "đồng chí"


_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzăâđêôơư")
_TONES = frozenset(m for m in TONE_MARKS if m)
_VOWELS = frozenset("aeiouy")


def spelt_like_a_name(word: str) -> bool:
    """Whether an impossible syllable could be a name written so ("Nướch", "Hlơch": Vietnamese
    letters, one tone mark at most, no vowel letter twice in a row) rather than OCR debris
    ("Nguyiìn", "Phíiim", "Tuyfïin": two marks, a doubled vowel, a letter no Vietnamese
    spelling has), which stays open to the `vie` channel's slip reading."""
    nfd = unicodedata.normalize("NFD", word.lower())
    # a tone mark sits on a vowel ("ñ" is a tilde on a consonant: debris)
    toned = [
        unicodedata.normalize("NFD", c)[0]
        for c in unicodedata.normalize("NFC", nfd)
        if any(m in _TONES for m in unicodedata.normalize("NFD", c))
    ]
    if len(toned) > 1 or any(b not in _VOWELS for b in toned):
        return False
    letters = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in _TONES))
    if not all(c in _LETTERS for c in letters) or "ưo" in letters:  # "ươ" is always horned
        return False
    bare = skeleton(letters)
    return not any(a == b and a in _VOWELS for a, b in pairwise(bare))


def title_case(word: str) -> bool:
    """ "Hường", "Thị": a capital then only lower-case letters (one letter is no evidence)."""
    return len(word) > 1 and word[0].isupper() and word[1:].islower()


def upper_case(word: str) -> bool:
    """ "CHƯ", "MƠNG": two letters or more, all capitals."""
    return len(word) > 1 and word.isupper()


Run = tuple[int, int]  # [first, last) token indices
Runs = tuple[list[Run], list[Run]]  # Title-case runs, upper-case runs


def cased_runs(text: str, toks: list[Tok]) -> Runs:
    """Runs of >= 2 Title-case words, and runs of >= 2 upper-case words, on one line with
    nothing but spaces between them (no punctuation, no table cell), in one pass over the
    tokens: the two kinds never share a word, and the callers want both (one kind at a time
    walked every token twice)."""
    title: list[Run] = []
    upper: list[Run] = []
    n = len(toks)
    k = 0
    while k < n:
        tok = toks[k]
        w = tok.text
        k += 1
        if tok.kind != "word" or len(w) < 2 or w.islower():  # most words: no run starts
            continue
        if w[0].isupper() and w[1:].islower():
            cased, out = title_case, title
        elif w.isupper():
            cased, out = upper_case, upper
        else:
            continue
        j = k
        while j < n and _joined(text, toks[j - 1], toks[j], cased):
            j += 1
        if j - k >= 1:
            out.append((k - 1, j))
        k = j
    return title, upper


def _runs(
    text: str, toks: list[Tok], cased: Callable[[str], bool] = title_case
) -> list[Run]:
    """[first, last) token indices of runs of >= 2 Title-case (or `cased`) words on one line,
    nothing but spaces between them (no punctuation, no table cell): the reference that
    `cased_runs` must equal (tests/restore/test_names.py)."""
    runs = []
    k = 0
    while k < len(toks):
        j = k + 1
        if toks[k].kind == "word" and cased(toks[k].text):
            while j < len(toks) and _joined(text, toks[j - 1], toks[j], cased):
                j += 1
        if j - k >= 2:
            runs.append((k, j))
        k = j
    return runs


def _joined(text: str, a: Tok, b: Tok, cased: Callable[[str], bool] = title_case) -> bool:
    """`b` goes on the name `a` is in: Title case, and only spaces between them (a comma ends
    a name: "Phạm Thị Sang, Phó ban")."""
    gap = text[a.start + len(a.text) : b.start]
    return (
        b.kind == "word"
        and cased(b.text)
        and not b.brk_before
        and (gap.isspace() and "\n" not in gap)
    )


def _alone_on_line(text: str, first: Tok, last: Tok) -> bool:
    start = text.rfind("\n", 0, first.start) + 1
    end = text.find("\n", last.start)
    end = len(text) if end < 0 else end
    before, after = text[start : first.start], text[last.start + len(last.text) : end]
    return not any(c.isalnum() for c in before + after)


def _family_first(run: list[Tok]) -> bool:
    """A run of 2-4 words opening with a family name ("Hoàng Thu Hường"), and no known place
    ("Hà Tĩnh" is none: "Hà" is no family name here, but the check keeps such runs out)."""
    if not 2 <= len(run) <= 4 or canonical(run[0].text) not in family_names():
        return False
    return " ".join(canonical(t.text) for t in run) not in known_places()


def name_starts(text: str, toks: list[Tok], runs: Runs | None = None) -> frozenset[int]:
    """Offsets of the word tokens of `text` taken for syllables of a person's name; `runs`:
    `cased_runs(text, toks)` when the caller has them already."""
    title, upper = cased_runs(text, toks) if runs is None else runs
    out: set[int] = set()
    for k, j in title:
        run = toks[k:j]
        middle = any(t.text.lower() in MIDDLE for t in run[1:])
        cue = k > 0 and toks[k - 1].text.lower() in CUES and not toks[k].brk_before
        family = FAMILY_FIRST and _family_first(run)
        if middle or cue or family or _alone_on_line(text, run[0], run[-1]):
            out.update(t.start for t in run)
        elif PLACES:
            out |= place_marks(run, toks[k - 1].text if k else "")
    # one given name alone after its cue, as a schedule's leaders cell writes it ("Đ/c Toản"):
    # a run of one word is no run above, and real-word correction made it "Toàn" (blind run of
    # 2026-12-06e, digital PDFs: 5 leader cells of one schedule)
    out.update(b.start for a, b in pairwise(toks) if a.text.lower() in CUES and _joined(text, a, b))
    for k, j in upper:
        run = toks[k:j]
        # "HOÀNG THỊ THU HƯỜNG" under a signature: a family name, then a middle name or the
        # line to itself (headings are upper case too, and there real-word correction works)
        middle = any(t.text.lower() in MIDDLE for t in run[1:])
        if (
            UPPER_PERSONS
            and _family_first(run)
            and (middle or _alone_on_line(text, run[0], run[-1]))
        ):
            out.update(t.start for t in run)
        elif PLACES:
            out |= place_marks(run, toks[k - 1].text if k else "")
    return frozenset(out)


FAMILY_FILE = LEXICON_DIR / "family_names.txt"
FAMILY_FIRST = True  # a Title-case run opening with a family name is a person's name
UPPER_PERSONS = True  # so is an upper-case one with a middle name or a line of its own


MORE_FAMILY_FILE = LEXICON_DIR / "family_names_more.txt"


@cache
def family_names() -> frozenset[str]:
    """Canonical lower-case family names of data/lexicon/family_names.txt."""
    return _read_names(FAMILY_FILE)


@cache
def all_family_names() -> frozenset[str]:
    """family_names() and those of family_names_more.txt (also common words, or of the
    uplands): evidence in accent-less text only, never a guard (see that file)."""
    return family_names() | _read_names(MORE_FAMILY_FILE)


def _read_names(path: Path) -> frozenset[str]:
    if not path.exists():
        return frozenset()
    lines = path.read_text("utf-8").splitlines()
    return frozenset(
        canonical(ln.partition("\t")[0]) for ln in lines if ln.strip() and not ln.startswith("#")
    )


# Whether the place rules (known places, gazetteer-only rhymes) mark syllables too.
PLACES = True


PLACES_FILE = LEXICON_DIR / "places.txt"
_UNIT_WORDS = ("thành phố", "thị xã", "thị trấn", "tỉnh", "huyện", "quận", "xã", "phường")
MAX_PLACE = 5  # syllables of the longest name looked for
UNIT_ENDS = frozenset({"tỉnh", "huyện", "quận", "xã", "phường", "trấn", "phố"})  # "thị trấn"


@cache
def known_places() -> frozenset[str]:
    """Canonical lower-case names of data/lexicon/places.txt without their unit word
    ("chi lăng"); empty when the file is missing."""
    return frozenset(" ".join(words) for words in _gazetteer_names())


@cache
def _gazetteer_names() -> tuple[tuple[str, ...], ...]:
    """The canonical words of each name of data/lexicon/places.txt without its unit word
    ("chi", "lăng"), names of two words or more; empty when the file is missing."""
    if not PLACES_FILE.exists():
        return ()
    out = []
    for line in PLACES_FILE.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        place = line.partition("\t")[0]
        for unit in _UNIT_WORDS:
            if place.startswith(unit + " "):
                place = place[len(unit) + 1 :]
                break
        words = tuple(canonical(w) for w in place.split())
        if len(words) >= 2:
            out.append(words)
    return tuple(out)


def _rhyme(syllable: str) -> str:
    """The letters from the first vowel on ("ơng" of "mơng", "ắk" of "đắk"); "" without one."""
    for i, c in enumerate(syllable):
        if unicodedata.normalize("NFD", c)[0] in _VOWELS:  # "ơ" is o and a horn
            return syllable[i:]
    return ""


@cache
def foreign_rhymes() -> frozenset[str]:
    """Rhymes of the known places' syllables that no Vietnamese syllable has ("ơng", "ắk");
    not "ông" of "Krông" (the onset is what is foreign there: "Ngưới" stays a slip)."""
    inv = full_inventory()
    ours = {_rhyme(w) for w in toneless_inventory()}  # toneless: 2,500 syllables, not 17,500
    found = {_rhyme(w) for name in known_places() for w in name.split() if w not in inv}
    return frozenset(r for r in found if strip_tone(r)[0] not in ours and r.isalpha())


def place_marks(toks: list[Tok], before: str = "") -> set[int]:
    """Offsets of the syllables of `toks` (one run of capitalised words; `before`: the word
    before the run) that are a known place's name as written right after its unit word
    ("huyện Trảng Bom", "XÃ ..."; without one a name such as "Chí Đạo" is too often the OCR
    slip of a phrase: "BAN CHÍ ĐẠO"), or outside the inventory with a gazetteer-only rhyme."""
    words = [canonical(t.text) for t in toks]
    places, inv, rhymes = known_places(), full_inventory(), foreign_rhymes()
    out: set[int] = set()
    for i in range(len(words)):
        w = words[i]
        if w not in inv and _rhyme(w) in rhymes and spelt_like_a_name(w):
            out.add(toks[i].start)
        if (words[i - 1] if i else canonical(before)) not in UNIT_ENDS:
            continue
        for e in range(i + 2, min(len(words), i + MAX_PLACE) + 1):
            if " ".join(words[i:e]) in places:
                out.update(t.start for t in toks[i:e])
    return out


# Accent-less text: a run after a unit word ("xa Chi Lang") whose skeleton is exactly one
# known place's takes that place's spelling ("xã Chi Lăng").
PLACE_SPELLING = True


@cache
def _places_by_skeleton() -> dict[str, str | None]:
    """Skeleton of a known place -> its spelling; None when two places share the skeleton."""
    out: dict[str, str | None] = {}
    for name in known_places():
        sk = skeleton(name)
        out[sk] = name if out.get(sk, name) == name else None
    return out


def place_spellings(text: str, toks: list[Tok], runs: Runs | None = None) -> dict[int, str]:
    """{offset: canonical syllable} for the unmarked syllables of accent-less place names that
    follow their unit word and match one known place only; `runs` as for `name_starts`."""
    if not PLACE_SPELLING:
        return {}
    index = _places_by_skeleton()
    units = {skeleton(u) for u in UNIT_ENDS}
    out: dict[int, str] = {}
    for k, j in (cased_runs(text, toks) if runs is None else runs)[0]:
        before = toks[k - 1].text.lower() if k else ""
        if before not in units:
            continue
        run = toks[k:j]
        for e in range(min(len(run), MAX_PLACE), 1, -1):  # the longest name first
            words = [t.text.lower() for t in run[:e]]
            if any(skeleton(w) != w for w in words):
                continue
            place = index.get(" ".join(words))
            if place:
                out.update(zip((t.start for t in run[:e]), place.split(), strict=True))
                break
    return out


# Accent-less and garbled text: inside a Title-case run, a reading that forms with some
# reading of a neighbour in the run a pair of syllables that a known place name holds ("sơn
# hạ") gets PLACE_PAIR_BONUS nats on its channel score; 0 turns it off. Evidence, not a
# verdict: the LM still weighs it (the documents' villages and new communes are not all in
# the gazetteer).
# Accent-stripped dev (33,926 syllables; errors): 0 -> 370, 1.0 -> 98.94 %, 1.5 -> 352 (25
# fixed, 7 broken), 2.5 -> 98.96 %, 4.0 -> 98.97 %; train LOO (13,512): 247 errors at 0, 1.0
# and 1.5 (the same ones), 2.5 and 4.0 break two ("Đức Yên" -> "Dực Yên", "Báo An Giang").
PLACE_PAIR_BONUS = 1.5
# Garbled text too: garbled dev (26,493 syllables, dev model) ci / cs 97.169 / 96.222 ->
# 97.184 / 96.237; the training seeds' garbled lines with LOO models (13,513) 387 -> 384
# errors ci; bench-restore's held-out h1-h4 (3,468) 92 -> 93 (a far reading pulled in by a
# gazetteer pair: "Đ/c Thắng Phòng" -> "Hồng Phong"). ("noaccent",) leaves garbled text be.
PLACE_PAIR_MODES = ("noaccent", "garbled")
# Only runs right after a unit word: no dev error changes at 2.5 or 4.0 (the runs that gain
# follow "thôn", "ấp" or nothing), so off.
PLACE_PAIR_UNIT = False
# Upper-case runs too ("XA THONG NONG HA"), in accent-less text only: accent-stripped dev 352
# -> 349 errors, train LOO the same 247; in garbled text (upper-case headings the OCR mangles)
# garbled dev lost a syllable (97.184 -> 97.180 ci) and the seeds' garbled lines stayed at 384.
PLACE_PAIR_UPPER = True


def after_unit(toks: list[Tok], k: int) -> bool:
    """Whether the word before token `k` is an accent-less or written unit word ("xa", "xã")."""
    return k > 0 and skeleton(toks[k - 1].text.lower()) in _UNIT_SKELETONS


_UNIT_SKELETONS = frozenset(skeleton(u) for u in UNIT_ENDS)


@cache
def place_pairs() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """Neighbouring syllables of the known places' names: what follows each syllable, and what
    precedes it ("chi" -> {"lăng", ...}; "lăng" -> {"chi", ...})."""
    after: dict[str, set[str]] = {}
    before: dict[str, set[str]] = {}
    for name in known_places():
        for a, b in pairwise(name.split()):
            after.setdefault(a, set()).add(b)
            before.setdefault(b, set()).add(a)
    return (
        {k: frozenset(v) for k, v in after.items()},
        {k: frozenset(v) for k, v in before.items()},
    )


def place_pair_support(run: list[list[str]]) -> list[list[bool]]:
    """Per position of a run of candidate readings, per reading: whether it forms a known
    place's pair with some reading of the position before or after it."""
    after, before = place_pairs()
    none: frozenset[str] = frozenset()
    out = []
    for k, cands in enumerate(run):
        ok: set[str] = set()
        for b in run[k - 1] if k else ():
            ok |= after.get(b, none)
        for a in run[k + 1] if k + 1 < len(run) else ():
            ok |= before.get(a, none)
        out.append([c in ok for c in cands])
    return out


# Accent-less text: the first word of a person's name ("Đ/c Dinh Quang Khai", "Nguyen Thi
# Hoa") is a family name, so there its readings that are family names (`all_family_names`)
# get FAMILY_BONUS nats on their channel score; 0 turns it off. Evidence, not a verdict.
# Accent-stripped dev (42,831 syllables): 542 errors at 0, 534 at 3.0 with family_names.txt
# (1.5: 539; 5.0: 533), 525 with family_names_more.txt too; train LOO (13,512) the same 247.
FAMILY_BONUS = 3.0
FAMILY_MODES: tuple[str, ...] = ("noaccent",)
_CUE_SKELETONS = frozenset(skeleton(c) for c in CUES)
_MIDDLE_SKELETONS = frozenset(skeleton(m) for m in MIDDLE)


def family_slots(toks: list[Tok], runs: Runs) -> list[int]:
    """Indices of the tokens that open a person's name as accent-less text shows one: a
    Title-case run of 3-4 words right after a person's cue ("D/c", "ong", "ba"), or a
    Title-case or upper-case run of 3-4 words whose second word is a middle name ("Thi",
    "Van"). Two-word runs are left out: after a cue they are as often a given name and an
    office ("Đ/c Thắng Phòng")."""
    out = []
    for k, j in runs[0]:
        if not 3 <= j - k <= 4:
            continue
        cue = k > 0 and skeleton(toks[k - 1].text.lower()) in _CUE_SKELETONS
        if cue or skeleton(toks[k + 1].text.lower()) in _MIDDLE_SKELETONS:
            out.append(k)
    for k, j in runs[1]:
        if 3 <= j - k <= 4 and skeleton(toks[k + 1].text.lower()) in _MIDDLE_SKELETONS:
            out.append(k)
    return out


# Accent-less text: a person's given name (the last word of a name `family_slots` finds, or
# the one Title-case word right after a person's cue: "Đ/c Thao") gets GIVEN_BONUS nats on
# its readings that are given names (data/lexicon/given_names.txt); 0 turns it off.
# Accent-stripped dev (42,831 syllables): 525 errors at 0, 518 at 1.0 and 1.5 (7 fixed, none
# broken), 522 at 2.0; 3.0 broke given names the list lacks (train LOO 247 -> 256: "Oánh").
GIVEN_BONUS = 1.5
GIVEN_FILE = LEXICON_DIR / "given_names.txt"


@cache
def given_names() -> frozenset[str]:
    """Canonical lower-case given-name syllables of data/lexicon/given_names.txt."""
    return _read_names(GIVEN_FILE)


def given_slots(toks: list[Tok], runs: Runs) -> list[int]:
    """Indices of the tokens that are a person's given name in accent-less text: the last
    word of each name `family_slots` finds, and a Title-case word right after a person's cue
    that no other Title-case word joins ("D/c Thao" in a schedule's leaders cell)."""
    out = []
    for k, j in runs[0] + runs[1]:
        if not 3 <= j - k <= 4:
            continue
        cue = k > 0 and skeleton(toks[k - 1].text.lower()) in _CUE_SKELETONS
        if (cue and (k, j) in runs[0]) or skeleton(toks[k + 1].text.lower()) in _MIDDLE_SKELETONS:
            out.append(j - 1)
    # a word no run holds ("Bà Rịa" is a run: no cue there); adding the first word of a
    # two-word run after a cue changed no dev error
    in_runs = {i for k, j in runs[0] for i in range(k, j)}
    for k in range(1, len(toks)):
        tok = toks[k]
        if tok.kind != "word" or not title_case(tok.text) or tok.brk_before or k in in_runs:
            continue
        if skeleton(toks[k - 1].text.lower()) in _CUE_SKELETONS:
            out.append(k)
    return out


# Accent-less text: the middle words of a name `family_slots` finds ("Cam Ba Thuong") get
# MIDDLE_BONUS nats on their readings that are middle names (data/lexicon/middle_names.txt).
# Accent-stripped dev: 516 errors at 0, 514 at 1.5, 509 at 3.0 and 5.0 (two documents: "Cầm
# Bá Thưởng" x5, "Hoàng Thị Thúy Vân" x2); train LOO 247 at all.
MIDDLE_BONUS = 3.0
MIDDLE_FILE = LEXICON_DIR / "middle_names.txt"


@cache
def middle_names() -> frozenset[str]:
    """Canonical lower-case middle names of data/lexicon/middle_names.txt."""
    return _read_names(MIDDLE_FILE)


def middle_slots(toks: list[Tok], runs: Runs) -> list[int]:
    """Indices of the words between the family name and the given name of each name that
    `family_slots` finds."""
    ends = {k: j for k, j in runs[0] + runs[1]}
    return [i for k in family_slots(toks, runs) for i in range(k + 1, ends[k] - 1)]


# Accent-less text: a syllable of a place's name is read with the gazetteer's odds of that
# spelling at that place in a name (data/lexicon/places.txt, each unit counted: "Hạ" closes
# seven three-syllable names and "Hà" one; "Thành" is the second syllable of 113, "Thanh" of
# 49). Each reading of a run's word at position p (first, second, third or later) gets
# PLACE_SLOT_WEIGHT * log(count + 1) nats on its channel score; only where the gazetteer
# holds PLACE_SLOT_MIN names or more with that skeleton at that position and the readings'
# counts differ. Evidence, not a verdict: the LM still weighs it (many documents' villages
# are not in the gazetteer). Runs: Title-case ones right after a unit word, and (with
# PLACE_SLOT_ANY) those no person's cue or middle name marks. 0 turns it off.
# Accent-stripped dev (51,458 syllables; lmdev's model; errors): 641 at 0; runs right after a
# unit word: 628 at 0.5, 595 at 1.0, 586 at 1.5 and 2.0, 617 at 2.5, 632 at 3.0; PLACE_SLOT_MIN
# 2: 586, 10: 619. Any run a person's cue or middle name does not mark (PLACE_SLOT_ANY): 605
# at 1.0, 670 at 2.0 (train LOO 247 -> 250, 256). The unit word on the same line only, no
# "quận": 573 at 2.0; + a unit word inside the run and upper-case runs: 573 -> 560 at 2.0 (559
# at 1.5); + villages' words: 559. Train LOO (13,512): 247 at every setting but ANY.
PLACE_SLOT_WEIGHT = 2.0
PLACE_SLOT_MIN = 5
PLACE_SLOT_ANY = False
PLACE_SLOT_MODES: tuple[str, ...] = ("noaccent",)


@cache
def place_slot_counts() -> tuple[dict[str, int], ...]:
    """Per position in a place's name (first, second, third or later): how many of the
    gazetteer's units hold each canonical syllable there, and (key "\\t" + skeleton) how many
    hold any syllable of that skeleton there."""
    out: tuple[dict[str, int], ...] = ({}, {}, {})
    for words in _gazetteer_names():
        for i, w in enumerate(words):
            table = out[min(i, 2)]
            table[w] = table.get(w, 0) + 1
            sk = "\t" + skeleton(w)
            table[sk] = table.get(sk, 0) + 1
    return out


def place_slot_bonus(position: int, readings: list[str]) -> list[float] | None:
    """Nats per reading of a place name's word at `position` (0-based; see PLACE_SLOT_WEIGHT),
    or None where the gazetteer says nothing that tells the readings apart.

    Counts by position, not by whole names: constraining a run to the known places whose
    whole name its skeleton matches ("Phu Dien" -> "Phú Diễn"), each weighed by its units,
    lost on dev (560 -> 565 / 563 / 562 errors at 1 / 2 / 3 nats per log count): the
    documents' communes are often not the gazetteer's, and a real name of the same skeleton
    then wins."""
    if not readings:
        return None
    table = place_slot_counts()[min(position, 2)]
    if table.get("\t" + skeleton(readings[0]), 0) < PLACE_SLOT_MIN:
        return None
    counts = [table.get(r, 0) for r in readings]
    if min(counts) == max(counts):
        return None
    w = PLACE_SLOT_WEIGHT
    return [w * math.log(c + 1) for c in counts]


# Unit words a place's name follows in place_slots: UNIT_ENDS without "quận" (its accent-less
# "quan" is mostly "cơ quan": "cơ quan Thứ Năm"), "phố" and "trấn" (in a heading "PHO" is as
# often "PHÓ": "TRƯỞNG PHÒNG PHÓ TRƯỞNG PHÒNG"), plus villages' words with PLACE_SLOT_VILLAGES.
PLACE_SLOT_UNITS = frozenset(skeleton(u) for u in UNIT_ENDS - {"quận", "phố", "trấn"})
PLACE_SLOT_VILLAGES = False
PLACE_SLOT_UPPER = True  # upper-case runs too ("UBND HUYEN LE SON")
PLACE_SLOT_INNER = True  # a unit word inside a run opens a place ("UBND Xa Na Cu")
_VILLAGE_SKELETONS = frozenset(skeleton(u) for u in ("thôn", "ấp", "bản", "xóm", "buôn", "làng"))


# A run that opens its line and is followed by "ngày" is the place of a document's date line
# ("Le Son, ngay 28 thang 3 nam 2024"): its words are a place's too. Accent-stripped dev:
# 560 -> 558 errors (fixes "Gò Công Thượng", "Phú Lâm Đông"; breaks "Đồng Hới", "Phù Vân");
# train LOO 247 either way.
PLACE_SLOT_DATED = True
_DAY = skeleton("ngày")


def _dated(text: str, toks: list[Tok], k: int, j: int) -> bool:
    """Whether the run toks[k:j] opens its line and the word after it on that line is "ngày"."""
    if j >= len(toks) or skeleton(toks[j].text.lower()) != _DAY:
        return False
    line_start = text.rfind("\n", 0, toks[k].start) + 1
    end = toks[j - 1].start + len(toks[j - 1].text)
    return not text[line_start : toks[k].start].strip() and "\n" not in text[end : toks[j].start]


# A list of places after one plural unit word ("các xã Nà Cù, Đông Lạc và Kim Bình"): a run
# that follows a place run of the same line with only a comma (or "và") between is a place
# too, its positions counted from its own first word (runs end at the comma, so without this
# only the first name of a list had the gazetteer's odds). The unit word must be plural
# ("các", "những" or a number before it): after a single "xã Hữu Lân", "và Phòng Tài nguyên"
# is the next body, not a commune (2 of the 10 breaks on dev before the plural was asked).
PLACE_SLOT_LISTS = True
_LIST_GAP = re.compile(r" *, *(?:(?i:và|va) +)?| +(?i:và|va) +")
_PLURALS = frozenset(skeleton(w) for w in ("các", "những"))


def _plural_unit(toks: list[Tok], k: int) -> bool:
    """Whether the unit word before the run at toks[k] is plural ("các xã", "03 xã")."""
    if k < 2 or toks[k - 1].brk_before:
        return False
    before = toks[k - 2]
    return before.kind == "num" or skeleton(before.text.lower()) in _PLURALS


def _listed(text: str, toks: list[Tok], k: int, prev_end: int) -> bool:
    """Whether the run opening at toks[k] continues a list whose last place ended at
    character offset `prev_end` (only a comma or "và" between, on the same line)."""
    return prev_end >= 0 and bool(_LIST_GAP.fullmatch(text, prev_end, toks[k].start))


def place_slots(text: str, toks: list[Tok], runs: Runs) -> list[tuple[int, int]]:
    """(token index, position in the name) of the words of the capitalised runs read as
    places: right after a unit word on the same line with only spaces between ("xa An Khe
    Ha"; a unit word closing a table cell says nothing of the next cell), or after a unit word
    inside the run ("Xa Luong Son Ha", "UBND HUYEN LE SON"; upper-case runs with
    PLACE_SLOT_UPPER), or (PLACE_SLOT_ANY) any Title-case run no person's cue precedes and
    whose second word is no middle name."""
    units = PLACE_SLOT_UNITS | (_VILLAGE_SKELETONS if PLACE_SLOT_VILLAGES else frozenset())
    out = []
    upper = runs[1] if PLACE_SLOT_UPPER else []
    last_end = -1  # character offset where the last place run ended
    for k, j in sorted(runs[0] + upper) if PLACE_SLOT_LISTS else runs[0] + upper:
        prev = toks[k - 1] if k else None
        unit = (
            prev is not None
            and skeleton(prev.text.lower()) in units
            and not toks[k].brk_before
            and text[prev.start + len(prev.text) : toks[k].start] == " "
        )
        end = toks[j - 1].start + len(toks[j - 1].text)
        listed = PLACE_SLOT_LISTS and _listed(text, toks, k, last_end)
        if unit or listed or (PLACE_SLOT_DATED and _dated(text, toks, k, j)):
            out += [(i, i - k) for i in range(k, j)]
            if unit and PLACE_SLOT_LISTS:
                last_end = end if _plural_unit(toks, k) else -1
            elif listed:
                last_end = end
            continue
        inner = [i for i in range(k, j - 1) if skeleton(toks[i].text.lower()) in units]
        if inner and PLACE_SLOT_INNER:
            out += [(i, i - inner[-1] - 1) for i in range(inner[-1] + 1, j)]
            continue
        if not PLACE_SLOT_ANY or (k, j) in upper:
            continue
        if prev is not None and skeleton(prev.text.lower()) in _CUE_SKELETONS:
            continue
        if skeleton(toks[k + 1].text.lower()) in _MIDDLE_SKELETONS:
            continue
        out += [(i, i - k) for i in range(k, j)]
    return out
