"""Split text into the tokens the restorer reasons about, keeping every character's offset.

Only word tokens are ever rewritten; numbers, dates, document numbers and punctuation pass
through untouched. The same split feeds the language-model trainer, so the model sees the
stream it will score: syllables, `<num>` for numbers and codes, segment breaks at clause
punctuation, table cells and list bullets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from vanban.restore.syllables import canonical

TokKind = Literal["word", "num", "code", "mixed"]

_CHUNK = re.compile(r"\S+")
_LEAD = re.compile(r"^[^\w]+")
_TRAIL = re.compile(r"[^\w]+$")
_LETTERS = re.compile(r"^[^\W\d_]+$")
_DIGITISH = re.compile(r"^[\d.,/:\-–]+$")
# OCR of a Vietnamese glyph sometimes yields a digit or a symbol inside a word ("s6" for "số").
_ODD = "&@$|¢£€?’'`^~*%#"
_MIXED = re.compile(rf"^(?=.*[^\W\d_])[\w{_ODD}]*[\d{_ODD}][\w{_ODD}]*$")
_BREAK_PUNCT = set('.;:!?()[]“”"…')
_MARKUP = re.compile(r"</?[bi]>|\*\*|\*|^#+\s*", re.MULTILINE)

NUM = "<num>"
BOS = "<s>"
EOS = "</s>"
UNK = "<unk>"


# Not frozen (but hashable as if it were, and never changed after tokenize): one is built per
# token of every page restored, and a frozen dataclass's __init__ (object.__setattr__ per
# field) took 3-4 times as long, about a tenth of restoring good text.
@dataclass(slots=True, unsafe_hash=True)
class Tok:
    kind: TokKind
    text: str  # the core, without edge punctuation
    start: int  # offset of the core in the text
    brk_before: bool  # a segment break falls before this token


def tokenize(text: str, cell_breaks: bool = True) -> list[Tok]:
    """Cores of whitespace chunks with their kinds; punctuation-only chunks become breaks."""
    toks: list[Tok] = []
    brk = True
    prev_end = 0
    # Light markup (<b>, **, # headings) is blanked out, keeping every other offset.
    text = _MARKUP.sub(lambda m: " " * len(m.group()), text)
    for m in _CHUNK.finditer(text):
        gap = text[prev_end : m.start()]
        if (cell_breaks and "\t" in gap) or "\n\n" in gap:
            brk = True
        prev_end = m.end()
        chunk = m.group()
        if chunk.isalpha():  # the common case: a bare word, no edge punctuation to split off
            lead_s = trail_s = ""
            core = chunk
        else:
            lead = _LEAD.match(chunk)
            lead_s = lead.group() if lead else ""
            rest = chunk[len(lead_s) :]
            trail = _TRAIL.search(rest)
            trail_s = trail.group() if trail else ""
            core = rest[: len(rest) - len(trail_s)]
        if lead_s and (not core or not _BREAK_PUNCT.isdisjoint(lead_s)):
            brk = True
        if core:
            start = m.start() + len(lead_s)
            if core.isalpha() or _LETTERS.match(core):
                kind: TokKind = "word"
            elif _DIGITISH.match(core):
                kind = "num"
            elif _MIXED.match(core) and len(core) <= 10:
                kind = "mixed"
            else:
                kind = "code"
            toks.append(Tok(kind, core, start, brk))
            brk = False
        if trail_s and not _BREAK_PUNCT.isdisjoint(trail_s):
            brk = True
    return toks


# Two words joined by a slash ("đồng/năm", "chí/xã") are one code to the tokenizer (and to the
# language model's training text), but English OCR garbles each word: in garbled text they are
# decoded as two words (`split_slashed`); a unit after the slash ("tấn/ha") stays as written.
_SLASHED = re.compile(r"^([^\W\d_]{2,})/([^\W\d_]{2,})$")
UNIT_WORDS = frozenset({"ha", "kg", "km", "cm", "mm", "ml", "m2", "m3"})


def split_slashed(toks: list[Tok]) -> list[Tok]:
    """`toks` with each code of two words of two or more letters joined by a slash split into
    two tokens; the slash between them stays in the text."""
    out: list[Tok] = []
    for t in toks:
        m = _SLASHED.match(t.text) if t.kind == "code" else None
        if m is None:
            out.append(t)
            continue
        a, b = m.groups()
        out.append(Tok("word", a, t.start, t.brk_before))
        kind: TokKind = "code" if b.lower() in UNIT_WORDS else "word"
        out.append(Tok(kind, b, t.start + len(a) + 1, False))
    return out


def opens_line(text: str, toks: list[Tok]) -> list[bool]:
    """Per token: whether it is the first word of a segment or of a line (its capital letter,
    if any, says nothing about the word: sentences, paragraphs and cells start capitalised)."""
    out = []
    prev_end = 0
    for t in toks:
        out.append(t.brk_before or "\n" in text[prev_end : t.start] or prev_end == 0)
        prev_end = t.start + len(t.text)
    return out


def strip_markup(text: str) -> str:
    return _MARKUP.sub("", text)


def lm_token(tok: Tok) -> str:
    """The language-model symbol of a token as it appears in clean text."""
    if tok.kind == "word":
        return canonical(tok.text)
    if any(ch.isdigit() for ch in tok.text):
        return NUM
    return tok.text.lower()


def lm_segments(text: str, cell_breaks: bool = True) -> Iterator[list[str]]:
    """Break-separated runs of LM symbols of a clean text, for training."""
    seg: list[str] = []
    for tok in tokenize(strip_markup(text), cell_breaks):
        if tok.brk_before and seg:
            yield seg
            seg = []
        seg.append(lm_token(tok))
    if seg:
        yield seg
