"""Public entry points: `assess` (cheap, spelling only) and `restore_text` (model-backed)."""

from __future__ import annotations

import bisect
import math
import re
import threading
import unicodedata

from rapidfuzz.distance import Levenshtein

from vanban.models.records import RestoredText, RestoreVerdict, TokenChoice
from vanban.restore.decode import Cand, Decoder, Mode
from vanban.restore.detect import MIN_WORDS, classify, describe, spelling_stats
from vanban.restore.model import Model, default_model, query_deletes
from vanban.restore.syllables import apply_case, bare_skeletons, canonical, skeleton
from vanban.restore.tokens import NUM, Tok, tokenize

_CODE_PART = re.compile(r"[^\W\d_]+")
D_BAR_MIN_LOGP = math.log(0.02)
_decoders: dict[int, Decoder] = {}
_lock = threading.Lock()


def assess(text: str) -> RestoreVerdict:
    """Whether `text` needs restoring; score is the share of valid marked syllables."""
    text = unicodedata.normalize("NFC", text)
    stats = spelling_stats(text)
    if stats.n_words < MIN_WORDS:
        return RestoreVerdict(False, stats.share(stats.marked_valid), f"only {stats.n_words} words")
    mode = classify(stats)
    return RestoreVerdict(mode != "correct", stats.share(stats.marked_valid), describe(stats, mode))


def decoder_for(model: Model) -> Decoder:
    with _lock:
        dec = _decoders.get(id(model))
        if dec is None or dec.m is not model:
            dec = Decoder(model)
            _decoders[id(model)] = dec
        return dec


def _fixed(dec: Decoder, text: str) -> tuple[Cand, ...]:
    return (Cand(text, dec.m.lm.id(text), 0.0, kept=True),)


def _misread_d_bar(model: Model, part: str) -> str | None:
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


def _mend_code(model: Model, code: str, garbled: bool = False) -> str:
    """Restore abbreviation parts inside codes: '2540/QD-TTg' -> '2540/QĐ-TTg'."""

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
            return _misread_d_bar(model, part) or part
        return part

    return _CODE_PART.sub(repl, code)


def _abbreviation(model: Model, core: str, mode: Mode) -> str | None:
    """The abbreviation `core` stands for, when it is one."""
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
        fix = _misread_d_bar(model, core)
        if fix is not None:
            return fix
    if (
        mode == "garbled"
        and len(sk) >= 3
        and any(c in "aeiouy" for c in sk)
        and near_bare(model, sk)
    ):
        return None  # an upper-case heading word the OCR mangled ("VIIT" for "VIỆT")
    return core


def near_bare(model: Model, sk: str) -> bool:
    """True when one edit turns skeleton `sk` into the skeleton of a known syllable."""
    for d in query_deletes(sk, 1):
        for k in model.deletes.get(d, ()):
            if Levenshtein.distance(sk, k, score_cutoff=1) <= 1:
                return True
    return False


def _caps_lines(text: str, toks: list[Tok]) -> tuple[list[int], set[int]]:
    """Line start offsets, and the line numbers whose words are mostly upper case (headings)."""
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    caps: dict[int, list[int]] = {}
    for t in toks:
        if t.kind == "word" and len(t.text) > 1:
            c = caps.setdefault(bisect.bisect_right(starts, t.start) - 1, [0, 0])
            c[0] += t.text.isupper()
            c[1] += 1
    return starts, {ln for ln, (up, n) in caps.items() if up * 2 > n}


def _ocr_case(tok: Tok, lines: tuple[list[int], set[int]]) -> str:
    """The case pattern to copy from a garbled token, judged against its line.

    OCR reads "Tổ" as "TO" inside ordinary lines, and "HỘI" as "Hil" inside headings.
    """
    text = tok.text
    if len(text) < 2:
        return text
    heading = bisect.bisect_right(lines[0], tok.start) - 1 in lines[1]
    if heading and (text.islower() or not text.istitle()):
        return text.upper()  # Title case inside a heading ("Số:") is meant; the rest is noise
    if not any(c.isupper() for c in text):
        return text
    if text.isupper():
        return text[:1] + text[1:].lower()
    return text


def restore_text(text: str, model: Model | None = None, mode: Mode | None = None) -> RestoredText:
    """Give `text` its diacritics back; correct text comes back unchanged but for clear slips."""
    # Text layers of some PDFs are NFD; everything here (and the offsets returned) is NFC.
    text = unicodedata.normalize("NFC", text)
    model = model or default_model()
    dec = decoder_for(model)
    toks = tokenize(text)
    if mode is None:
        mode = classify(spelling_stats(text, toks))
    caps_lines = _caps_lines(text, toks) if mode == "garbled" else ([0], set())
    segments: list[list[tuple[Tok, tuple[Cand, ...], bool]]] = []
    seg: list[tuple[Tok, tuple[Cand, ...], bool]] = []
    for tok in toks:
        if tok.brk_before and seg:
            segments.append(seg)
            seg = []
        seg.append(_token_candidates(dec, model, tok, mode))
    if seg:
        segments.append(seg)

    pieces: list[str] = []
    pos = 0
    choices: list[TokenChoice] = []
    for seg in segments:
        cands = [c for _, c, _ in seg]
        if mode == "correct":
            # Good text: keep every token unless some alternative wins even locally.
            path = [0] * len(cands)
            confs = dec.confidences(cands, path)
            if any(d[0][0] != c[0].text for d, c in zip(confs, cands, strict=True)):
                path = dec.viterbi(cands)
                confs = dec.confidences(cands, path)
        else:
            path = dec.viterbi(cands)
            confs = dec.confidences(cands, path)
        for (tok, pos_cands, restorable), j, dist in zip(seg, path, confs, strict=True):
            chosen_c = pos_cands[j]
            if not restorable:
                new = chosen_c.text
            elif chosen_c.kept or canonical(tok.text) == chosen_c.text:
                new = tok.text
            else:
                pattern = _ocr_case(tok, caps_lines) if mode == "garbled" else tok.text
                new = apply_case(pattern, chosen_c.text)
            if new != tok.text:
                pieces.append(text[pos : tok.start])
                pieces.append(new)
                pos = tok.start + len(tok.text)
            if not restorable and new != tok.text:
                choices.append(TokenChoice(tok.text, new, 1.0, (), tok.start))
            if restorable:
                conf = next((p for t, p in dist if t == chosen_c.text), 1.0)
                alts = tuple(
                    (apply_case(tok.text, t), round(p, 4))
                    for t, p in dist[:4]
                    if t != chosen_c.text
                )[:3]
                choices.append(TokenChoice(tok.text, new, round(conf, 4), alts, tok.start))
    pieces.append(text[pos:])
    return RestoredText(original=text, text="".join(pieces), tokens=tuple(choices))


def _token_candidates(
    dec: Decoder, model: Model, tok: Tok, mode: Mode
) -> tuple[Tok, tuple[Cand, ...], bool]:
    """(token, candidates, restorable): fixed tokens get one candidate carrying their output."""
    if tok.kind == "num":
        return tok, (Cand(tok.text, dec.m.lm.id(NUM), 0.0, kept=True),), False
    if tok.kind == "code" or (tok.kind == "mixed" and mode != "garbled"):
        out = _mend_code(model, tok.text, mode == "garbled") if mode != "correct" else tok.text
        lm_tok = NUM if any(c.isdigit() for c in out) else out.lower()
        return tok, (Cand(out, dec.m.lm.id(lm_tok), 0.0, kept=True),), False
    abbr = _abbreviation(model, tok.text, mode) if tok.kind == "word" else None
    if abbr is not None:
        return tok, (Cand(abbr, dec.m.lm.id(abbr.lower()), 0.0, kept=True),), False
    return tok, dec.candidates(tok.text, mode), True
