"""Candidates per token and the trigram Viterbi decode of a segment.

Channel choice depends on what kind of text we hold (see detect.py):
- "garbled": the learned OCR channel, candidates from skeletons within a small edit distance;
- "noaccent": accent stripping is deterministic, so every syllable with the same skeleton is a
  candidate at equal channel cost and the language model alone decides;
- "correct": the observed syllable keeps nearly all the mass; a same-skeleton alternative must
  be far likelier under the language model to win (mends the odd wrong diacritic only).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from itertools import pairwise
from typing import Literal, NamedTuple

from rapidfuzz.distance import Levenshtein

from vanban.restore.channel import BETA, Channel
from vanban.restore.compiled import Compiled, available
from vanban.restore.lm import TrigramLM
from vanban.restore.model import Model, query_deletes
from vanban.restore.names import spelt_like_a_name
from vanban.restore.syllables import (
    apply_case,
    canonical,
    full_inventory,
    has_marks,
    skeleton,
)
from vanban.restore.tokens import BOS, EOS, NUM, UNK, Tok

Mode = Literal["garbled", "noaccent", "correct"]

KEEP_CORRECT = math.log(0.999)
SWAP_CORRECT = math.log(1e-7)
MAX_CANDS = 12
BEAM = 6.0
MAX_STATES = 16
KEEP_GARBLED = math.log(0.05)
CHANNEL_WEIGHT = 0.65  # OCR channel log-probs are over-confident; scaled as in speech decoding
PRERANK = 45  # 30 cut "cáo" for "cdo" once the corpus doubled (unigram pre-rank too tight)
NOACCENT_CANDS = 10
SEEN_BONUS = 1000.0  # pre-rank bonus of Channel.reverse syllables (same constant in _speed.c)
TOP_ALTS = 4  # candidates a Posterior lists (the chosen one and up to three alternatives)
CORRECT_ALTS = 4  # in good text only the commonest readings could ever overturn a syllable
NOACCENT_PRUNE = 7.0  # nats of unigram log-probability below the skeleton's commonest
# Real-word correction of good text (`Decoder._real_word`): nats a same-skeleton rival must
# beat the written syllable by beyond the `vie` channel's odds; None turns it off (the old
# rule: a valid syllable keeps probability 1 - 1e-7). Calibrated on dev and train data only
# (tools/evaluate/realword.py). Without the veto (Decoder.veto_attested): OCR of 11 dev
# documents 3.0 -> 35 fixes : 0 breaks, 4.0 -> 34 : 0; OCR of the 4 training samples with
# leave-one-out models 3.0 -> 64 : 6, 4.0 -> 61 : 4, every break "hàng tháng" -> "hằng tháng".
# With the veto: dev 35 : 0 and samples 61 : 0 at 3.0 (2.0: 35 : 0, 62 : 2); born-digital text
# 100.000 % unchanged at 3.0 (17,721 words; 99.994 % at 2.0).
REALWORD_MARGIN: float | None = 3.0
REALWORD_WEIGHT = 1.0  # scale of the `vie` channel's log-probabilities there
REALWORD_VETO = True  # keep a written syllable that makes an attested pair (veto_attested)
# A syllable of a name (restore/names.py: Title case beside Title case) in good text: the
# margin its rivals need instead of REALWORD_MARGIN; None: it keeps no rival at all (the
# language model's preference among names is no evidence: "Hường" -> "Hương", issue 14).
# Dev OCR (realword --name-margins 3 off): 98 fixes : 9 breaks without the guard, 98 : 7 with.
NAME_MARGIN: float | None = None
# Whether a marked but impossible syllable of a name in good text is still read as an OCR
# slip ("Hưòng"); False keeps it as written: minority-language names ("Bơ Nướch") are valid
# names outside our inventory. Dev OCR (tools/evaluate/realword.py, 50 documents, 100 texts):
# fixes 98 either way, breaks 7 -> 5; dev born-digital words changed 3 -> 2 of 34,243.
NAME_SLIPS = False
# Weight of the letter-case evidence (Model.case) in `noaccent` and `garbled` text; 0 turns it
# off. Tuned on dev documents only (tools/evaluate/lmdev.py, tools/evaluate/garbled_dev.py).
CASE_WEIGHT = 0.5
# Garbled tokens out of the skeleton search's reach ("ngfllli" for "người": three and more
# edits away) are searched again from the skeletons that learned multi-letter rewrites of the
# token reach ("ll" -> "uo"; `reach`, `learn_rewrites`). REACH_BELOW: the weighted channel
# score under which the first search's best reading counts as no reading (None: off, and
# abbrev.py keeps upper-case words beyond one edit as codes again, as before); REWRITE_MIN: how
# often a rewrite must have been seen in the channel's training pairs; REACH_DEPTH: rewrites
# applied at most; REACH_QUERIES: skeletons reached that are searched (the likeliest ones).
REACH_BELOW: float | None = -4.0
# A second look with a wider pre-rank (SECOND_PRERANK candidates; 0: off) for English-OCR
# tokens whose best reading scores under SECOND_BELOW (weighted channel log-prob).
SECOND_PRERANK = 90
SECOND_BELOW = -1.5
FIRST_L = True  # a far token "I" + lower case is also searched with an l first ("Ifling")
REWRITE_MIN = 20
# English OCR reads a few short words as digits ("ở" as "0", "lệ" as "10", "lò" as "16"):
# a number of at most DIGIT_LEN digits inside a line of garbled text that the OCR data saw
# come from syllables also competes with those, at their channel scores; the number itself
# costs DIGIT_KEEP (most such numbers are numbers: "tháng 10"), and the LM decides.
DIGIT_WORDS = True
DIGIT_LEN = 2
# The same for an upper-case word kept as an abbreviation that the lexicon lacks ("SJ" for
# "Sở", "CI" for "Cả"): kept at FIXED_KEEP nats against the syllables seen behind it.
FIXED_WORDS = True
# dev + h1-h4 fixes:breaks, FIXED_WORDS off -> on: FIXED_KEEP -1 10:4 ("NV" -> "về"), 1 10:2,
# 2 to 5 10:0
FIXED_KEEP = 3.0
# An upper-case word of 4 or more letters with a vowel that abbrev.py keeps as written (no
# skeleton within one edit, out of `reach`: "TOUCH" for "TỊCH", "HUYUIN") and the OCR data
# never saw is decoded as a garbled word, itself among its candidates (KEEP_GARBLED): the
# language model weighs "CHỦ TỊCH" against "CH TOUCH". Dev + h1-h4 8 fixes, 0 breaks;
# abbreviations abbrev.py mended ("PINT" -> "PTNT") are left out: with them 39 broke.
FAR_WORDS = True
_VOWEL = re.compile(r"[AEIOUY]")
DIGIT_KEEP = -1.0  # dev: 0 97.61, -1 97.63, -2 97.63 (ci); 14 fixed, none broken at -1 and -2
REACH_DEPTH = 2
REACH_QUERIES = 2


# A bracket, brace or bar between letters of garbled text ("t]ch", "s[n", "t(Jch" for "tịch",
# "sản") is a marked letter the English OCR misread, not a code: such a token is read as a word
# (`garbled_word`; the symbol is looked past as well as matched, see `_garbled`).
_MISREAD_MARK = re.compile(r"^[^\W\d_]+[\[\](){}|][^\W\d_]+$")
# So is a slash before a word's last letter after two or more ("nhi/p", "huyi/n" for "nhập",
# "huyện"); "D/c" (đồng chí) and "word/word" ("đồng/năm") are no such token.
SLASH_MARKS = True
_SLASH_MARK = re.compile(r"^[^\W\d_]{2,}/[^\W\d_]$")


# The same symbols, or "!", glued to a word's end with one space and a word after them on the
# line ("CH! TICH" for "CHỦ TỊCH", "si] dung" for "sử dụng") end no clause: the segment goes
# on, so the language model sees both words together (`misread_break`); so do "}", "?" and
# runs of them ("t])", "ti!)").
MARK_BREAKS = True
_MARK_GAP = re.compile(r"^[\]\[|!?{})]+ $")
# A ")" no "(" opened before it, glued to a word of two or more letters ("Kf) hofch" for "Kế
# hoạch", "chi) tri"), is one too (PAREN_MARKS); "a) Nội dung" is a list item.
PAREN_MARKS = True


def misread_break(text: str, prev: Tok, start: int) -> bool:
    """Whether the segment break between word `prev` and the word starting at `start` of
    garbled text comes only from a misread mark (MARK_BREAKS)."""
    end = prev.start + len(prev.text)
    gap = text[end:start]
    if len(gap) < 2 or not MARK_BREAKS or _MARK_GAP.match(gap) is None:  # most gaps: " "
        return False
    if not (text[end - 1 : end].isalpha() and text[start : start + 1].isalpha()):
        return False
    line = text.rfind("\n", 0, end) + 1
    if "]" in gap and text.rfind("[", line, end) > text.rfind("]", line, end):
        return False  # "[phụ lục] kèm": a real bracket
    if ")" not in gap:
        return True
    opened = text.rfind("(", 0, end) > text.rfind(")", 0, end)
    return PAREN_MARKS and len(prev.text) >= 2 and not opened  # a ")" no "(" opened before


# Whether the rendering drops such a mark where the decoder read the word before it as a
# syllable ("CHỦ! TỊCH" -> "CHỦ TỊCH", "thị] trấn" -> "thị trấn"); a word kept as written
# (a name, a foreign word) keeps its mark. No syllable score changes (the metric ignores
# punctuation); the text's character error rate does.
MARK_DROP = True


def mark_end(text: str, prev: Tok, start: int) -> int | None:
    """Where the misread mark after word `prev` ends when the segment break before `start`
    comes only from it (`misread_break`) and MARK_DROP is on: the rendering cuts up to
    there; None otherwise (the break, if any, stands)."""
    if not misread_break(text, prev, start):
        return None
    end = prev.start + len(prev.text)
    # a "!" before a capital, after a word not in upper case, may end a sentence ("Kết thúc!
    # Mời"): kept; brackets and bars are never punctuation between two words
    gap = text[end:start]
    real = ("!" in gap or "?" in gap) and text[start].isupper() and not prev.text.isupper()
    return start - 1 if MARK_DROP and not real else -1


# A quarter's Roman numeral after "quý" inside a line of garbled text ("quý IV/2024", "quý II
# năm"), read by English OCR as other strokes ("TV", "IH/2023", "11/2024", "Il", "[V/2024"):
# a quarter is I-IV, so each stroke-like letter is an I ("T", "l", "1", "|"), an "H" two of
# them, and a bracket right before the token an I or noise; the token takes the one quarter
# those readings allow (`quarter_numerals`). A valid numeral as written stays ("quý I" may be
# "quý II" misread, but nothing tells).
QUARTER_NUMERALS = True
_QUARTERS = ("I", "II", "III", "IV")
_STROKES = dict.fromkeys("Il1|!Tti", "I") | {"H": "II", "V": "V"}
_LEAD_MARKS = "[]|!"


def quarter_numeral(head: str, bracket: bool) -> str | None:
    """The quarter (I-IV) that the stroke-like `head` ("TV", "IH", "11") stands for, also
    reading a `bracket` before it as an I; None when none or several are possible, or when
    `head` is a quarter already."""
    if not head or head in _QUARTERS or any(c not in _STROKES for c in head):
        return None
    read = "".join(_STROKES[c] for c in head)
    got = {r for r in ((read, "I" + read) if bracket else (read,)) if r in _QUARTERS}
    return got.pop() if len(got) == 1 else None


def quarter_numerals(text: str, toks: list[Tok]) -> dict[int, str]:
    """Offset -> mended text of the tokens of garbled text that follow "quy" (any marks) and
    stand for a quarter's numeral, alone or before "/year" (QUARTER_NUMERALS), and of the
    "quy" before such a numeral or a valid one: "quý" in its case (the language model saw
    "quý IV" too seldom to restore it)."""
    out: dict[int, str] = {}
    if not QUARTER_NUMERALS:
        return out
    for prev, tok in pairwise(toks):
        if len(prev.text) != 3 or skeleton(prev.text.lower()) != "quy":
            continue
        gap = text[prev.start + len(prev.text) : tok.start]
        if gap.rstrip(_LEAD_MARKS).strip() or not gap[:1].isspace():  # a wrapped line too
            continue
        head, sep, tail = tok.text.partition("/")
        if sep and not (tail.isdigit() and len(tail) in (2, 4)):
            continue
        got = quarter_numeral(head, gap[-1] in _LEAD_MARKS)
        if got is not None:
            out[tok.start] = got + sep + tail
        if got is not None or head in _QUARTERS:  # and the word before is "quý" ("quy IV")
            out[prev.start] = apply_case(prev.text, "quý")
    return out


# Minority-language names of the Central Highlands glue a one- or two-letter prefix to a word
# with an apostrophe ("K'Bình", "Y'Ngọc"): in garbled text the prefix stays as written and
# the word after it is decoded alone (the whole token's skeleton search dropped the prefix:
# "K'Binh" -> "Bình"). A unit of area or volume ("m2", "km3") is no word.
# A lone capital letter of garbled text is a letter (an initial, "Phụ lục B", a column "T"),
# not a syllable the OCR cut short: kept as written. Dev + h1-h4, consonants: 7 fixes ("B" read
# "Bị", "T H" read "Từ Hồ"), 1 break ("K" for "Kế"); with the vowels too: 8 fixes, 3 breaks.
SINGLE_CAPITALS = "BCDGHKLMNPQRSTVX"
GLUED_PREFIX = True
_GLUED = re.compile(r"^([A-Z][a-z]?')([A-Za-z][a-z]+)$")
UNITS = True
_UNIT = re.compile(r"^[kcdh]?m[23]$")
# and so are a time of day ("8h", "7h30") and a number with a capital after it ("4G", "3A"):
# kept, and the language model sees the number it saw in training ("Lúc 8h30", not "Lực")
_CLOCK = re.compile(r"^\d{1,2}h(\d{2})?$")
_NUMBERED = re.compile(r"^[2-9]\d*[A-Z]$")  # a 0 or 1 may be a misread letter: "0Y" for "ỦY"


# A quote the English OCR put inside an abbreviation ("PT'NT" for "PTNT") is noise: the token
# is the lexicon's abbreviation (`stray_quote`); read as a word it became "Phát".
STRAY_QUOTES = True
_QUOTES = str.maketrans("", "", "'’`")


def stray_quote(token: str, abbrs: frozenset[str] | set[str]) -> str | None:
    """The abbreviation of `abbrs` that upper-case `token` is with its quotes dropped."""
    if not STRAY_QUOTES or not token.isupper() or token.isalpha():
        return None
    plain = token.translate(_QUOTES)
    return plain if plain != token and plain in abbrs else None


# A "[", "|" or "{" glued to a word's start with no "]" or "}" after it on the line ("[ly
# ban" for "Ủy ban", "[ip" for "ấp") is a marked first letter misread, no bracket (LEAD_MARKS):
# it breaks no segment, and the rendering drops it after the word is decoded (MARK_DROP).
# A "(" is left alone: most unclosed ones on garbled dev lines are real (10 of 13).
LEAD_MARKS = True
_LEAD_GAP = re.compile(r"(?:^|\s)([\[|{]+)$")


def lead_mark(text: str, prev: Tok | None, tok: Tok) -> tuple[int, bool] | None:
    """(where the rendering's replacement of word `tok` begins: its misread mark's start, or
    the word's with MARK_DROP off; whether the break before it stands: a TAB or an empty
    line); None when there is no such mark."""
    if not LEAD_MARKS or not tok.text[:1].isalpha():
        return None
    begin = max(0, tok.start - 12) if prev is None else prev.start + len(prev.text)
    gap = text[begin : tok.start]
    m = _LEAD_GAP.search(gap)
    if m is None:
        return None
    end = text.find("\n", tok.start)
    rest = text[tok.start : end if end >= 0 else len(text)]
    if "]" in rest or "}" in rest:
        return None
    before = gap[: m.start(1)]  # real punctuation or a cell or paragraph break still breaks
    stands = bool(before.strip()) or "\t" in before or "\n\n" in before
    return tok.start - len(m.group(1)) * MARK_DROP, stands


def garbled_word(token: str) -> bool:
    """Whether a token the tokenizer calls a code is, in garbled text, a misread word."""
    if SLASH_MARKS and _SLASH_MARK.match(token):
        return True
    return _MISREAD_MARK.match(token) is not None


class Cand(NamedTuple):  # a NamedTuple: thousands are made per page, and it is quick to build
    text: str  # lower-case output, or the observed token itself when kept
    lm_id: int
    channel: float  # log P(observed | text)
    kept: bool = False


Posterior = tuple[float, list[tuple[str, float]]]  # chosen's probability, likeliest candidates


class Decoder:
    """Per-model caches of candidate lists; one instance per model is shared by all calls.

    `compiled` picks the C extension (None: whenever it is built); both give the same output.
    """

    def __init__(self, model: Model, compiled: bool | None = None) -> None:
        self.m = model
        self.unk = model.lm.id(UNK)
        self._cache: dict[tuple[str, str], tuple[Cand, ...]] = {}
        self.valid = full_inventory() | set(model.syllables)  # + gazetteer names ("krông")
        uni = model.lm.uni
        self.prior = {s: uni[model.lm.id(s)] for s in model.syllables}
        # Unigram log-probability of a syllable that is only in the inventory, never in the
        # text the LM was trained on (the smoothing floor), or of an unknown token.
        bos = model.lm.id(BOS)
        self.unseen_uni = min(uni[i] for i in range(len(uni)) if i not in (self.unk, bos)) + 1e-6
        self.skel_of = {s: skeleton(s) for s in model.syllables}
        self.index = {s: i for i, s in enumerate(model.syllables)}
        self.syl_lm_ids = [model.lm.id(s) for s in model.syllables]
        self.bos, self.eos = model.lm.id(BOS), model.lm.id(EOS)
        use = available() if compiled is None else compiled
        use = use and model.lm.order == 3  # the C Viterbi tracks two words back only
        self.fast = Compiled(model, self.index, self.syl_lm_ids) if use else None

    def reach(self, query: str, channel: Channel) -> list[str]:
        return reach(self.m, query, channel)

    def candidates(self, obs: str, mode: Mode, name: bool = False) -> tuple[Cand, ...]:
        """Candidates of `obs`; `name`: it is a syllable of a name (restore/names.py), which
        in good text meets its real-word rivals only under NAME_MARGIN."""
        name = name and mode == "correct"
        key = (obs, "correct name" if name else mode)
        got = self._cache.get(key)
        if got is None:
            got = self._candidates(obs, mode, name)
            if len(self._cache) > 300_000:
                self._cache.clear()
            self._cache[key] = got
        return got

    def fixed_readings(
        self,
        kind: str,
        text: str,
        got: tuple[tuple[Cand, ...], bool],
        heading: bool,
        abbrs: frozenset[str] | set[str],
    ) -> tuple[tuple[Cand, ...], bool]:
        """`got` (a garbled token's candidates, restorable) with a fixed token's seen
        readings: a short number in a body line (DIGIT_WORDS) or an upper-case word no
        lexicon entry holds (FIXED_WORDS); as it was otherwise."""
        seen = None
        if kind == "num" and not heading:
            seen = self.digit_word(text)
        elif kind == "word" and not got[1] and FIXED_WORDS and text not in abbrs:
            seen = self.seen_readings(text, got[0][0]._replace(channel=FIXED_KEEP))
            far = FAR_WORDS and got[0][0].text == text and len(text) >= 4
            if seen is None and far and _VOWEL.search(text):
                seen = self.candidates(text, "garbled")  # "TOUCH" for "TỊCH": kept too
        return (seen, True) if seen else got

    def digit_word(self, text: str) -> tuple[Cand, ...] | None:
        """Readings of a short number in garbled text (DIGIT_WORDS), the number first; None
        when the OCR data never saw it stand for a syllable."""
        if not DIGIT_WORDS or len(text) > DIGIT_LEN:
            return None
        keep = Cand(text, self.m.lm.id(NUM), DIGIT_KEEP, kept=True)
        return self.seen_readings(text, keep)

    def seen_readings(self, text: str, keep: Cand) -> tuple[Cand, ...] | None:
        """`keep` (a fixed token's one reading) and the syllables the English OCR data saw
        come out as `text`, at their weighted channel scores; None when there are none."""
        key = (text, f"seen {keep.text} {keep.channel}")  # the keep cost is a tunable
        got = self._cache.get(key)
        if got is None:
            ch, lm = self.m.channel, self.m.lm
            low = text.lower()
            seen = [s for s in ch.reverse.get(low, ()) if s in self.index]
            got = (keep, *(Cand(s, lm.id(s), CHANNEL_WEIGHT * ch.logp(s, low)) for s in seen))
            self._cache[key] = got
        return got if len(got) > 1 else None

    def cased(self, cands: tuple[Cand, ...], obs: str, mode: Mode) -> tuple[Cand, ...]:
        """`cands` with the letter case of `obs` as evidence: log P(case | syllable) added.

        Only for a token inside a segment (the caller's business: a segment's first word is
        capitalised whatever it is) written in Title case or lower case (upper case is a
        heading or an abbreviation: no evidence). In accent-less and garbled text the case
        survives while the marks do not, and it tells names from words: "Phong", "Thanh",
        "Lâm" inside a line are names; "phòng", "thành", "làm" are not.
        """
        table = self.m.case
        if mode == "correct" or not table or not CASE_WEIGHT or len(obs) < 2:
            return cands
        if obs.islower():
            k = 1
        elif obs[0].isupper() and obs[1:].islower():
            k = 0
        else:
            return cands
        key = (obs, "cased " + mode)  # `cands` is what candidates(obs, mode) gave
        got = self._cache.get(key)
        if got is None:
            default = table[""]
            w = CASE_WEIGHT
            get = table.get
            make = tuple.__new__  # Cand's own constructor is a Python-level call: slower
            got = tuple(
                [
                    make(Cand, (t, i, ch + w * (default if kept else get(t, default))[k], kept))
                    for t, i, ch, kept in cands
                ]
            )
            self._cache[key] = got
        return got

    def _keep(self, low: str, lp: float) -> Cand:
        return Cand(low, self.m.lm.id(low), lp, kept=True)

    def _candidates(self, obs: str, mode: Mode, name: bool = False) -> tuple[Cand, ...]:
        m = self.m
        low = obs.lower()
        sk = skeleton(low)
        lm = m.lm
        if mode == "noaccent" and not has_marks(low):
            syls = m.by_skel.get(sk, [])
            if not syls:
                return (self._keep(low, 0.0),)
            # by_skel is sorted by unigram; far rarer readings would need an implausible context.
            floor = self.prior.get(syls[0], 0.0) - NOACCENT_PRUNE
            out = [Cand(s, lm.id(s), 0.0) for s in syls[:NOACCENT_CANDS] if self.prior[s] >= floor]
            return tuple(out)
        if mode != "garbled":
            canon = canonical(low)
            if mode == "correct" and has_marks(low) and canon not in self.valid:
                if name and not NAME_SLIPS and spelt_like_a_name(low):
                    return (self._keep(low, KEEP_CORRECT),)
                # A marked but impossible syllable in good text is an OCR slip ("nguòi"):
                # read it through the OCR channel; the token itself stays an option.
                got = self._garbled(low, sk, m.channel_vie or m.channel)
                return self._slips_only(obs, low, sk, got)
            syls = m.by_skel.get(sk, [])
            if mode == "correct" and m.channel_vie is not None and REALWORD_MARGIN is not None:
                margin = NAME_MARGIN if name else REALWORD_MARGIN
                if margin is None:  # a name: the syllable as written, no rival
                    return (Cand(canon, lm.id(canon), KEEP_CORRECT, kept=True),)
                return self._real_word(low, canon, syls[:CORRECT_ALTS], m.channel_vie, margin)
            out = [Cand(canon, lm.id(canon), KEEP_CORRECT, kept=True)]
            out += [Cand(s, lm.id(s), SWAP_CORRECT) for s in syls[:CORRECT_ALTS] if s != canon]
            return tuple(out)
        if UNITS and _UNIT.match(low):  # "m2", "km2": a unit, no garbled word
            return (self._keep(low, 0.0),)
        if UNITS and (_CLOCK.match(low) or _NUMBERED.match(obs)):  # "8h30", "4G", "3A"
            return (Cand(obs, lm.id(NUM), 0.0, kept=True),)  # a number to the LM, as in training
        if SINGLE_CAPITALS and len(obs) == 1 and obs.isupper() and obs in SINGLE_CAPITALS:
            return (self._keep(low, 0.0),)  # "Phụ lục B", initials "T H": a letter
        glued = _GLUED.match(obs) if GLUED_PREFIX else None
        if glued and skeleton(glued.group(2).lower()) in m.by_skel:
            # "K'Binh": the prefix stays, the word after it is decoded, in its own case (the
            # rendering copies the case of the token's first letter only)
            head, word = glued.group(1).lower(), glued.group(2)
            make = tuple.__new__
            return tuple(
                c if c.kept else make(Cand, (head + apply_case(word, c.text), *c[1:]))
                for c in self.candidates(word, mode)
            )
        # English OCR reads a word's first l as a capital I ("Ifling" for "lượng"): lower
        # case hides it, so such a token also tries an l where a far search is made
        first_l = obs[:1] == "I" and obs[1:2].islower()
        return self._garbled(low, sk, m.channel, far=True, first_l=first_l)

    def _slips_only(
        self, obs: str, low: str, sk: str, cands: tuple[Cand, ...]
    ) -> tuple[Cand, ...]:
        """Readings of an impossible syllable in good text that a `vie` OCR slip explains.

        A slip changes marks or drops a stray letter ("nguòi", "llà"); it does not add letters
        ("mẮ" is no "mặt", "Đc" no "Được"), and a capital glued to a valid lower-case word is
        two words run together ("Inăm" of "quý I năm"), which no one syllable mends: the token
        stays. Measured on the dev held-out scans' plain `vie` OCR (bench-restore row 4a): the
        three changes this drops each raised the CER, the one it loses ("š" -> "số") lowered it.
        """
        glued = len(obs) > 2 and obs[0].isupper() and obs[1:].islower()
        if glued and canonical(low[1:]) in self.valid:
            return tuple(c for c in cands if c.kept)
        n = len(sk)
        skel_of = self.skel_of
        return tuple(c for c in cands if c.kept or len(skel_of.get(c.text, c.text)) <= n)

    def _real_word(
        self, low: str, canon: str, syls: list[str], channel: Channel, margin: float
    ) -> tuple[Cand, ...]:
        """A valid syllable of good text ("Chiêu", "Tố") against its same-skeleton rivals.

        Tesseract `vie` misreads marks into other valid syllables (grave dropped, hook read as
        acute). Each rival s costs log P(observed | s) from the learned `vie` channel plus a
        fixed margin, the syllable as written log P(observed | observed): so a rival wins only
        where the language model prefers it by more than the channel's odds and the margin
        together. The margin is calibrated on dev documents only (tools/evaluate/realword.py).
        A syllable the language model never saw is left alone: against it any seen rival
        would look likely.
        """
        lm = self.m.lm
        canon_id = lm.id(canon)
        if lm.uni[canon_id] <= self.unseen_uni or REALWORD_MARGIN is None:
            keep = Cand(canon, canon_id, KEEP_CORRECT, kept=True)
            return (keep, *(Cand(s, lm.id(s), SWAP_CORRECT) for s in syls if s != canon))
        w = REALWORD_WEIGHT
        table = self.m.realword.get(low) if low == canon else None
        if table is None:  # a spelling the table lacks ("hoà"): align it now
            table = realword_scores(channel, canon, low, syls)
        keep = Cand(canon, canon_id, w * table[0][1], kept=True)
        rivals = (Cand(s, lm.id(s), w * lp - margin) for s, lp in table[1:])
        return (keep, *rivals)

    def _garbled(
        self, low: str, sk: str, channel: Channel, far: bool = False, first_l: bool = False
    ) -> tuple[Cand, ...]:
        """Candidates of a garbled token; `far`: English OCR text, where a token no reading
        explains well is searched again (`reach`); `first_l`: then also with its first
        letter an l."""
        # Symbols the OCR put inside a word ("n¢ghillp") are looked past as well as matched.
        bare = "".join(filter(str.isalpha, sk))
        queries = [sk, bare] if bare and bare != sk else [sk]
        got = self._search(low, queries, channel)
        if far and SECOND_PRERANK and got and got[0][1] < SECOND_BELOW:
            # a second, wider look only where the best reading is poor (issue 14: ~95 dev
            # tokens had the gold reading cut by the pre-rank; a wider one everywhere lost LOO)
            got = self._merge(got, self._search(low, queries, channel, SECOND_PRERANK))
        if far and REACH_BELOW is not None and (not got or got[0][1] < REACH_BELOW) and bare:
            more = self.reach(bare, channel)
            if first_l and FIRST_L and len(bare) > 1:
                lq = "l" + bare[1:]
                got = self._merge(got, self._search(low, [lq], channel))
                more += [k for k in self.reach(lq, channel) if k not in more]
            for i in range(0, len(more), 2):  # the C search takes two queries at a time
                got = self._merge(got, self._search(low, more[i : i + 2], channel))
        syls, ids = self.m.syllables, self.syl_lm_ids
        make = tuple.__new__  # Cand(...) is a Python-level call: slower
        out = [make(Cand, (syls[i], ids[i], ch, False)) for i, ch in got]
        canon = canonical(low)
        if not any(c.text == canon for c in out):
            out.append(self._keep(low, KEEP_GARBLED))
        return tuple(out)

    def _search(
        self, low: str, queries: list[str], channel: Channel, prerank: int = 0
    ) -> list[tuple[int, float]]:
        prerank = prerank or PRERANK
        got = None
        if self.fast is not None:
            got = self.fast.garbled(
                channel, low, queries, prerank, MAX_CANDS, CHANNEL_WEIGHT, BETA
            )
        if got is None:
            got = self._garbled_py(low, queries, channel, prerank)
        return got

    def _merge(
        self, a: list[tuple[int, float]], b: list[tuple[int, float]]
    ) -> list[tuple[int, float]]:
        """Two searches' readings as one: each syllable once, in `_garbled_py`'s final order
        (channel plus half the prior; ties: first search first), at most MAX_CANDS."""
        seen = {i for i, _ in a}
        both = a + [(i, ch) for i, ch in b if i not in seen]
        prior, syls = self.prior, self.m.syllables
        key = [-(ch + 0.5 * prior[syls[i]]) for i, ch in both]
        order = sorted(range(len(both)), key=lambda t: (key[t], t))
        return [both[t] for t in order[:MAX_CANDS]]

    def _garbled_py(
        self, low: str, queries: list[str], channel: Channel, prerank: int = 0
    ) -> list[tuple[int, float]]:
        """Reference of `_speed.garbled`: (syllable index, weighted channel log-prob), best first.

        Ties are broken by syllable index, then by pre-rank order: never by set order, which
        changes from run to run with Python's string hashing.
        """
        m = self.m
        skels: dict[str, int] = {}
        for q in queries:
            maxd = 1 if len(q) <= 2 else 2
            for d in query_deletes(q, maxd):
                for k in m.deletes.get(d, ()):
                    dist = Levenshtein.distance(q, k, score_cutoff=maxd)
                    if dist <= maxd and dist < skels.get(k, 99):
                        skels[k] = dist
        prior, skel_of, index = self.prior, self.skel_of, self.index
        seen = {s for s in channel.reverse.get(low, ()) if s in prior}
        pool = set(seen)
        if skels:
            dmin = min(skels.values())
            for k, dist in skels.items():
                if dist <= dmin + 1:
                    pool.update(m.by_skel[k][:12])
        # Cheap pre-ranking before the character-level channel: unigram plus skeleton distance;
        # the few syllables the OCR data saw produce this very token always pass ("dil" is how
        # "độ" came out, at skeleton distance 2, behind dozens of commoner syllables).
        ranked = sorted(
            pool,
            key=lambda s: (
                -(prior[s] - 4.0 * skels.get(skel_of[s], 2) + (SEEN_BONUS if s in seen else 0.0)),
                index[s],
            ),
        )[: prerank or PRERANK]
        logp = channel.logp
        scored = sorted(
            ((CHANNEL_WEIGHT * logp(s, low), s) for s in ranked),
            key=lambda t: -(t[0] + 0.5 * prior[t[1]]),
        )[:MAX_CANDS]
        return [(index[s], ch) for ch, s in scored]

    def decode(
        self, cands: list[tuple[Cand, ...]], correct: bool = False
    ) -> tuple[list[int], list[Posterior]]:
        """Best candidate index per position under channel + trigram LM, and the posteriors
        along that path.

        `correct` (good text): every position keeps its first candidate, the text as written,
        unless some other candidate is the likelier one even locally; only then the Viterbi.
        """
        if self.fast is not None:
            return self.fast.decode(
                cands, correct, self.bos, self.eos, BEAM, MAX_STATES, TOP_ALTS
            )
        if correct:
            path = [0] * len(cands)
            posts = self._posteriors_py(cands, path)
            if all(top[0][0] == c[0].text for (_, top), c in zip(posts, cands, strict=True)):
                return path, posts
        path = self._viterbi_py(cands)
        return path, self._posteriors_py(cands, path)

    def veto_attested(self, cands: list[tuple[Cand, ...]], path: list[int]) -> list[int]:
        """Undo a real-word change where the syllable as written forms, with a neighbour as
        written, a pair the LM's training text holds ("hàng tháng" stays: a spelling variant
        of "hằng tháng", not an OCR slip; "Buổi sang", "Tố công" were never written so).

        Only positions whose first candidate is the written, LM-seen syllable count (real-word
        candidates); OCR slips into valid syllables rarely land on an attested pair.
        """
        if not REALWORD_VETO:
            return path
        v = len(self.m.lm.vocab)
        bi = self.m.lm.bi
        filled = self.m.lm.filled  # pairs only a fill text (a dictionary) holds: not written
        out = list(path)
        for k, j in enumerate(path):
            if j == 0 or not cands[k][0].kept or cands[k][j].channel <= SWAP_CORRECT:
                continue
            w = cands[k][0].lm_id
            # Neighbours as written; a segment edge is no evidence (any syllable may end one).
            before = k > 0 and (key := cands[k - 1][0].lm_id * v + w) in bi and key not in filled
            after = k + 1 < len(cands) and (key := w * v + cands[k + 1][0].lm_id) in bi and (
                key not in filled
            )
            if before or after:
                out[k] = 0
        return out

    def _viterbi_py(self, cands: list[tuple[Cand, ...]]) -> list[int]:
        """Reference of `_speed.viterbi`. The LM query is inlined (see TrigramLM.logp4).

        A state is the candidate indices of the last n - 1 positions (two for the trigram,
        three for a 4-gram model); -1 stands for <s>.
        """
        lm = self.m.lm
        v = len(lm.vocab)
        vv = v * v
        tri, bo3, bi, bo2, uni = lm.tri, lm.bo3, lm.bi, lm.bo2, lm.uni
        quad, bo4 = lm.quad, lm.bo4
        four = lm.order == 4
        quad_base = 0
        w4 = 0.0
        bos = lm.id(BOS)
        hist = 3 if four else 2
        states: dict[tuple[int, ...], float] = {(-1,) * hist: 0.0}
        backs: list[dict[tuple[int, ...], int]] = []
        window: list[tuple[Cand, ...]] = [(), (), ()]  # candidates 3, 2 and 1 positions back
        for pos_cands in cands:
            new: dict[tuple[int, ...], float] = {}
            back: dict[tuple[int, ...], int] = {}
            pairs = [(c.lm_id, c.channel) for c in pos_cands]
            c3, c2, c1 = window
            for st, score in states.items():
                i2, i1 = st[-2], st[-1]
                a = c2[i2].lm_id if i2 >= 0 else bos
                b = c1[i1].lm_id if i1 >= 0 else bos
                tri_base = a * vv + b * v
                bi_base = b * v
                w3 = bo3.get(a * v + b, 0.0)
                w2 = w3 + bo2.get(b, 0.0)
                if four:
                    i3 = st[0]
                    z = c3[i3].lm_id if i3 >= 0 else bos
                    abc = (z * v + a) * v + b
                    quad_base = abc * v
                    w4 = bo4.get(abc, 0.0)
                for j, (cid, ch) in enumerate(pairs):
                    q = quad.get(quad_base + cid) if four else None
                    if q is None:
                        lp = tri.get(tri_base + cid)
                        if lp is None:
                            lp = bi.get(bi_base + cid)
                            lp = w2 + uni[cid] if lp is None else w3 + lp
                        if four:
                            lp = w4 + lp
                    else:
                        lp = q
                    s = score + ch + lp
                    k = (*st[1:], j)
                    old = new.get(k)
                    if old is None or s > old:
                        new[k] = s
                        back[k] = st[0]
            best = max(new.values())
            floor = best - BEAM
            if len(new) > MAX_STATES:
                kept = sorted(new.items(), key=lambda kv: -kv[1])[:MAX_STATES]
                new = {k: sc for k, sc in kept if sc > floor}
            else:
                new = {k: sc for k, sc in new.items() if sc > floor}
            states = new
            backs.append(back)
            window = [c2, c1, pos_cands]
        eos = lm.id(EOS)
        c3, c2, c1 = window
        final = {}
        for st, score in states.items():
            h = [bos] * (3 - hist) + [
                c[i].lm_id if i >= 0 else bos for c, i in zip((c3, c2, c1)[-hist:], st, strict=True)
            ]
            last_lp = lm.logp4(h[0], h[1], h[2], eos) if four else lm.logp(h[1], h[2], eos)
            final[st] = score + last_lp
        key = max(final, key=lambda k: final[k])
        path = [0] * len(cands)
        for pos in range(len(cands) - 1, -1, -1):
            path[pos] = key[-1]
            key = (backs[pos][key], *key[:-1])
        return path

    def _posteriors_py(self, cands: list[tuple[Cand, ...]], path: list[int]) -> list[Posterior]:
        """Per position: the chosen candidate's local probability and the TOP_ALTS likeliest
        (text, probability), best first (ties keep candidate order)."""
        return [
            (dist[j][1], sorted(dist, key=lambda t: -t[1])[:TOP_ALTS])
            for j, dist in zip(path, self._confidences_py(cands, path), strict=True)
        ]

    def _confidences_py(
        self, cands: list[tuple[Cand, ...]], path: list[int]
    ) -> list[list[tuple[str, float]]]:
        """Reference of `_speed.confidences`: per position, every candidate with its local
        posterior, in candidate order."""
        lm = self.m.lm
        lp = _scorer(lm)
        four = lm.order == 4
        lp4 = lm.logp4
        bos, eos = lm.id(BOS), lm.id(EOS)
        ids = [bos] * 3 + [cands[i][j].lm_id for i, j in enumerate(path)] + [eos] * 3
        out: list[list[tuple[str, float]]] = []
        last = len(cands) - 1
        exp = math.exp
        for i, pos_cands in enumerate(cands):
            if len(pos_cands) == 1:
                out.append([(pos_cands[0].text, 1.0)])
                continue
            a0, a, b = ids[i], ids[i + 1], ids[i + 2]
            n1, n2, n3 = ids[i + 4], ids[i + 5], ids[i + 6]
            scores = []
            for c in pos_cands:
                x = c.lm_id
                if four:  # every 4-gram holding x, up to the one ending in </s>
                    sc = c.channel + lp4(a0, a, b, x) + lp4(a, b, x, n1)
                    if i < last:
                        sc += lp4(b, x, n1, n2)
                    if i < last - 1:
                        sc += lp4(x, n1, n2, n3)
                else:
                    sc = c.channel + lp(a, b, x) + lp(b, x, n1)
                    if i < last:
                        sc += lp(x, n1, n2)
                scores.append(sc)
            top = max(scores)
            exps = [exp(sc - top) for sc in scores]
            z = sum(exps)
            out.append([(c.text, e / z) for c, e in zip(pos_cands, exps, strict=True)])
        return out


Rewrite = tuple[str, str, float]  # observed letters, skeleton letters, cost
_rewrites: dict[int, tuple[Channel, list[Rewrite], dict[str, list[Rewrite]]]] = {}


def rewrites(channel: Channel) -> list[Rewrite]:
    """`learn_rewrites` of `channel` (REWRITE_MIN), made when first needed, once per channel."""
    return _rewrite_tables(channel)[1]


def _rewrite_tables(channel: Channel) -> tuple[Channel, list[Rewrite], dict[str, list[Rewrite]]]:
    got = _rewrites.get(id(channel))
    if got is None or got[0] is not channel:
        rules = learn_rewrites(channel, REWRITE_MIN)
        by_first: dict[str, list[Rewrite]] = {}
        for r in rules:  # by first letter: a position only tries the rules that can match
            by_first.setdefault(r[0][0], []).append(r)
        got = _rewrites[id(channel)] = (channel, rules, by_first)
    return got


def reach(model: Model, query: str, channel: Channel | None = None) -> list[str]:
    """Skeletons of `model` that up to REACH_DEPTH learned rewrites of skeleton `query` make
    (`channel`'s, the model's English one by default), cheapest first (ties: text), at most
    REACH_QUERIES: where a garbled token three or more edits from any syllable came from."""
    if REACH_BELOW is None:  # off, for abbrev.py too
        return []
    by_first = _rewrite_tables(channel or model.channel)[2]
    by_skel = model.by_skel
    best: dict[str, float] = {}
    level = {query: 0.0}
    inf = math.inf
    for _ in range(REACH_DEPTH):
        nxt: dict[str, float] = {}
        for q, cost in level.items():
            for i, ch in enumerate(q):
                for src, dst, c in by_first.get(ch, ()):
                    if q.startswith(src, i):
                        v = q[:i] + dst + q[i + len(src) :]
                        vc = cost + c
                        if vc < nxt.get(v, inf):
                            nxt[v] = vc
        for v, vc in nxt.items():
            if v in by_skel and vc < best.get(v, math.inf):
                best[v] = vc
        level = nxt
    return sorted(best, key=lambda v: (best[v], v))[:REACH_QUERIES]


def learn_rewrites(channel: Channel, min_count: int) -> list[tuple[str, str, float]]:
    """Decoder.rewrites: the letter edits of the channel's whole-token pairs whose token lies
    two or more edits from the syllable's skeleton, seen at least `min_count` times; a rewrite
    must read letters (an insertion, "" -> "o", has nothing to match)."""
    counts: dict[tuple[str, str], int] = {}
    for s, row in channel.tok.items():
        sk = skeleton(s)
        for o, n in row.items():
            if not o.isalpha() or Levenshtein.distance(sk, o, score_cutoff=2) < 2:
                continue
            for op in Levenshtein.opcodes(o, sk):
                if op.tag != "equal" and op.src_end > op.src_start:
                    key = (o[op.src_start : op.src_end], sk[op.dest_start : op.dest_end])
                    counts[key] = counts.get(key, 0) + n
    return sorted(
        ((a, b, -math.log(n)) for (a, b), n in counts.items() if n >= min_count),
        key=lambda r: (r[2], r[0], r[1]),
    )


def realword_scores(
    channel: Channel, canon: str, written: str, syls: list[str]
) -> tuple[tuple[str, float], ...]:
    """log P(written | s) for the syllable itself, then each same-skeleton rival in `syls`."""
    rivals = tuple((s, channel.logp(s, written)) for s in syls if s != canon)
    return ((canon, channel.logp(canon, written)), *rivals)


def realword_table(model: Model) -> dict[str, tuple[tuple[str, float], ...]]:
    """`realword_scores` of every syllable the LM saw in text (Model.realword; train time)."""
    if model.channel_vie is None:
        return {}
    uni, lm = model.lm.uni, model.lm
    floor = min(uni[lm.id(s)] for s in model.syllables) + 1e-6
    return {
        s: realword_scores(model.channel_vie, s, s, model.by_skel[skeleton(s)][:CORRECT_ALTS])
        for s in model.syllables
        if uni[lm.id(s)] > floor
    }


def _scorer(lm: TrigramLM) -> Callable[[int, int, int], float]:
    """TrigramLM.logp as a closure over local dicts: the hot path of `confidences`."""
    v = len(lm.vocab)
    vv = v * v
    tri, bo3, bi, bo2, uni = lm.tri, lm.bo3, lm.bi, lm.bo2, lm.uni
    tri_get, bo3_get, bi_get, bo2_get = tri.get, bo3.get, bi.get, bo2.get

    def lp(a: int, b: int, c: int) -> float:
        t = tri_get(a * vv + b * v + c)
        if t is not None:
            return t
        p = bi_get(b * v + c)
        if p is not None:
            return bo3_get(a * v + b, 0.0) + p
        return bo3_get(a * v + b, 0.0) + bo2_get(b, 0.0) + uni[c]

    return lp
