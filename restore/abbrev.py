"""Abbreviations and codes: kept as written, mended when OCR or accent-less typing hurt them.

"BCD" -> "BCĐ", "2540/QD-TTg" -> "2540/QĐ-TTg", "D/c" -> "Đ/c" by skeleton; "BCP" -> "BCĐ" when
the letter standing in for Đ is one our OCR data often reads for it; "Đíc" -> "Đ/c" when the
OCR read a slash as a thin letter and the word is no Vietnamese syllable. Upper-case words that are
no abbreviation but one edit from a syllable are heading words for the decoder ("VIIT").
"""

from __future__ import annotations

import math
import re
from itertools import pairwise

from rapidfuzz.distance import Levenshtein

from vanban.restore.decode import Mode, reach
from vanban.restore.model import Model, query_deletes
from vanban.restore.syllables import bare_skeletons, canonical, full_inventory, skeleton
from vanban.restore.tokens import Tok

_CODE_PART = re.compile(r"[^\W\d_]+")
D_BAR_MIN_LOGP = math.log(0.02)
_ROMAN = re.compile(r"^[IVXLC]+$")
_ONSETS = frozenset({"ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr"})


def misread_d_bar(model: Model, part: str) -> str | None:
    """An abbreviation whose Đ the OCR read as another letter ("BCP" -> "BCĐ").

    Only Đ positions may differ, and only by a letter that stands for đ in at least 2% of our
    OCR data's readings of it; every other letter must match.
    """
    if len(part) < 2 or not part[:1].isupper():
        return None
    row = model.channel.sub.get("đ", {})
    for abbr in model.abbr_by_len.get(len(part), ()):
        ok = True
        for a, o in zip(abbr, part, strict=True):
            if a in "Đđ":
                if row.get(o.lower(), -99.0) < D_BAR_MIN_LOGP:
                    ok = False
                    break
            elif a.lower() != o.lower():
                ok = False
                break
        if ok:
            return abbr
    return None


LETTER_MIN_LOGP = math.log(0.001)


def misread_letter(model: Model, part: str) -> str | None:
    """A long abbreviation with one letter misread ("PINT" -> "PTNT").

    Only for 4 letters or more, all capitals, exactly one position different, and only by a
    letter our OCR data reads for the true one in at least 0.1% of its readings (I for T, not
    X for T); the first such lexicon entry wins. Shorter ones collide with words too often.
    """
    if len(part) < 4 or not part.isupper():
        return None
    for abbr in model.abbr_by_len_all.get(len(part), ()):
        diff = [(a, o) for a, o in zip(abbr, part, strict=True) if a != o]
        if len(diff) != 1:
            continue
        a, o = diff[0]
        if model.channel.sub.get(a.lower(), {}).get(o.lower(), -99.0) >= LETTER_MIN_LOGP:
            return abbr
    return None


_ROMAN_READ = re.compile(r"^I[Il|1]{1,2}$")


def misread_roman(core: str) -> str | None:
    """A section number ("II." opening a line) whose second I English OCR read as l, | or 1
    ("Il." -> "II."): the caller checks the place (a line's first token, before a full stop)."""
    return "I" * len(core) if _ROMAN_READ.match(core) and core != "I" * len(core) else None


# Letters a slash is read as: thin, upright strokes. "Đ/c" (đồng chí) comes back from Tesseract
# `vie` as "Đíc" in table cells (bench-ocr's t1 rendering, the held-out scans).
SLASH_LIKE = frozenset("íìỉlI1|")


def misread_slash(model: Model, core: str) -> str | None:
    """A slashed abbreviation ("Đ/c", "v/v") whose slash the OCR read as a thin letter.

    Only when the word is no Vietnamese syllable ("Đíc": no rhyme is -ic) and putting the slash
    back gives an abbreviation of the lexicon exactly.
    """
    if len(core) not in model.slash_lengths or canonical(core) in full_inventory():
        return None
    for i in range(1, len(core) - 1):
        if core[i] in SLASH_LIKE:
            fixed = core[:i] + "/" + core[i + 1 :]
            if fixed in model.abbr_set:
                return fixed
    return None


def mend_code(model: Model, code: str, garbled: bool = False) -> str:
    """Restore abbreviation parts inside codes: '2540/QD-TTg' -> '2540/QĐ-TTg'."""

    if code in model.abbr_set:  # "V/v" as the lexicon writes it: the skeleton map holds one
        return code  # spelling per skeleton ("v/v") and would change its case
    whole = model.abbr_by_skel.get(skeleton(code).lower())
    if whole is not None and not any(c.isdigit() for c in code):
        return whole[0].lower() + whole[1:] if code[:1].islower() else whole

    def repl(m: re.Match[str]) -> str:
        part = m.group()
        if part in model.abbr_set:
            return part
        fix = model.abbr_by_skel.get(skeleton(part).lower())
        if (
            fix is not None
            and skeleton(fix) == skeleton(part)
            and (part.isupper() or fix.lower() == part.lower() or len(part) == 1)
        ):
            return fix if not (len(part) == 1 and part.islower()) else fix.lower()
        if garbled:
            return misread_d_bar(model, part) or part
        return part

    return _CODE_PART.sub(repl, code)


def abbreviation(model: Model, core: str, mode: Mode, heading: bool = False) -> str | None:
    """The abbreviation `core` stands for, when it is one. `heading`: the token stands on an
    upper-case line of garbled text, where the OCR drops marked vowels ("CH" for "CHỦ")."""
    fixed = misread_slash(model, core)
    if fixed is not None:
        return fixed
    if core.islower() and core not in model.abbr_set:
        return None  # no upper-case letter: not an abbreviation in any mode (quick exit)
    if mode == "correct":
        letters = [c for c in core if c.isalpha()]
        is_caps = len(letters) > 1 and all(c.isupper() for c in letters)
        if core in model.abbr_set or (is_caps and skeleton(core).lower() not in bare_skeletons()):
            return core  # in good text an unknown upper-case token is taken as written
        return None
    if core in model.abbr_set:
        return core if skeleton(core).lower() not in bare_skeletons() else None
    letters = [c for c in core if c.isalpha()]
    if len(letters) < 2 or not all(c.isupper() for c in letters):
        return None
    sk = skeleton(core).lower()
    if sk in bare_skeletons():
        return None
    fix = model.abbr_by_skel.get(sk)
    if fix is not None:
        return fix
    if mode == "garbled":
        fix = misread_d_bar(model, core) or misread_letter(model, core)
        if fix is not None:
            return fix
    if (
        mode == "garbled"
        and len(sk) >= 3
        and any(c in "aeiouy" for c in sk)
        and (near_bare(model, sk) or bool(reach(model, sk)))  # "QUYIUT": decode.reach
    ):
        return None  # an upper-case heading word the OCR mangled ("VIIT" for "VIỆT")
    if (
        mode == "garbled"
        and len(sk) == 2
        and (sk[1] in "aeiouy" or (heading and sk in _ONSETS))
        and not _ROMAN.match(core)
    ):
        # Two capitals ending in a vowel, no lexicon entry: English OCR reads a marked lower-
        # case vowel as a capital ("KO" for "Kế"), and in a heading drops it after an onset
        # ("CH" for "CHỦ"; "XD", "NV" are no onset: abbreviations); the decoder weighs it
        # (keeping it too).
        return None
    return core


def near_bare(model: Model, sk: str) -> bool:
    """True when one edit turns skeleton `sk` into the skeleton of a known syllable."""
    for d in query_deletes(sk, 1):
        for k in model.deletes.get(d, ()):
            if Levenshtein.distance(sk, k, score_cutoff=1) <= 1:
                return True
    return False


# Section numbers: English OCR reads "II." and "III." at a line's start as "Il.", "If.", "IW.",
# "IIL." (the strokes of a numeral run together or split); a numeral it reads as another
# valid one ("II." for "III.") only shows against the numbering before it.
SECTION_SEQUENCE = True
_ROMAN_VALUES = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
_STROKES = frozenset("Il|1[]L")
# A stroke first: "VI" opening a line is as often "Về" ("VI ville tang cling": Về việc ...)
_ROMAN_LIKE = re.compile(r"^[I|\[][IVXlLfWH|\[\]1]{0,3}$")


def section_numbers(text: str, toks: list[Tok], firsts: list[bool]) -> dict[int, str]:
    """Offset -> Roman section number, for the garbled line-opening words that stand for one.

    Numbering is read in order: a word that opens a line and looks like strokes ("Il", "If",
    "IW") is the number after the last one read when its length is within one letter of it,
    and a valid numeral equal to the last ("II" after "II.") is the next one when that is one
    letter longer. Before any number is read, only `misread_roman`'s "Il." -> "II." holds.
    A valid numeral not next in line is a new numbering ("I." after "III."): kept.
    """
    out: dict[int, str] = {}
    last = 0
    for tok, first in zip(toks, firsts, strict=True):
        w = tok.text
        if not first or tok.kind != "word" or not _ROMAN_LIKE.match(w):
            continue
        if text[text.rfind("\n", 0, tok.start) + 1 : tok.start].strip():
            continue  # first after a full stop ("II. Il ..."), not the line's first
        after = text[tok.start + len(w) : tok.start + len(w) + 1]
        if not SECTION_SEQUENCE:  # as before: only "Il." -> "II."
            if after == "." and (fixed := misread_roman(w)) is not None:
                out[tok.start] = fixed
            continue
        if after not in (".", " ", "\t", ""):
            continue
        value = _ROMAN_VALUES.index(w) if w in _ROMAN_VALUES else -1
        if value < 0 and len(w) <= 3 and _STROKES.issuperset(w):
            value = len(w)  # "Ill", "IIL", "I[L": three strokes are III
        nxt = _ROMAN_VALUES[last + 1] if 0 < last < len(_ROMAN_VALUES) - 1 else None
        if value > 0:
            if nxt is not None and value == last and len(nxt) == len(w) + 1:
                value = last + 1  # "II" after "II.": a stroke lost
            out[tok.start] = _ROMAN_VALUES[value]
            last = value
        elif nxt is not None and abs(len(nxt) - len(w)) <= 1:
            out[tok.start] = nxt
            last += 1
        elif after == "." and (fixed := misread_roman(w)) is not None:
            out[tok.start] = fixed
            last = len(fixed)
    if SECTION_LETTERS:
        out.update(section_letters(text, toks, firsts))
    return out


SECTION_LETTERS = True


def section_letters(text: str, toks: list[Tok], firsts: list[bool]) -> dict[int, str]:
    """Offset -> letter, for lone capitals opening lines in alphabetical order ("A NHIỆM VỤ
    CHUNG" ... "B NHIỆM VỤ THEO TIÊU CHÍ"): parts of a document, not syllables the OCR cut
    short ("B" read as "Bị"). A letter counts only where the letter before it opened an
    earlier line, or the letter after it a later one."""
    found = [
        (t.start, t.text)
        for t, first in zip(toks, firsts, strict=True)
        if first
        and t.kind == "word"
        and len(t.text) == 1
        and "A" <= t.text <= "H"
        and not text[text.rfind("\n", 0, t.start) + 1 : t.start].strip()  # the line's first
    ]
    out: dict[int, str] = {}
    for (a, x), (b, y) in pairwise(found):
        if ord(y) == ord(x) + 1:
            out[a], out[b] = x, y
    return out
