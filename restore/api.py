"""Public entry points: `assess` (cheap, spelling only) and `restore_text` (model-backed)."""

from __future__ import annotations

import gc
import threading
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from itertools import accumulate
from typing import NamedTuple

from vanban.models.records import RestoredText, RestoreVerdict, TokenChoice
from vanban.restore import cache
from vanban.restore import casing as _casing
from vanban.restore import names as _names
from vanban.restore.abbrev import abbreviation, mend_code, section_numbers
from vanban.restore.casing import caps_lines, in_heading, ocr_case, pair_case
from vanban.restore.decode import (
    Cand,
    Decoder,
    Mode,
    Posterior,
    garbled_word,
    lead_mark,
    mark_end,
    quarter_numerals,
    stray_quote,
)
from vanban.restore.detect import MIN_WORDS, classify, describe, spelling_stats
from vanban.restore.model import Model, default_model
from vanban.restore.names import cased_runs, name_starts, place_spellings
from vanban.restore.syllables import apply_case, canonical
from vanban.restore.tokens import NUM, Tok, opens_line, split_slashed, tokenize

_decoders: dict[int, Decoder] = {}
_LEAD_CHARS = ("[", "|", "{")  # decode.lead_mark's marks
_lock = threading.Lock()


def assess(text: str) -> RestoreVerdict:
    """Whether `text` needs restoring, and in which mode; score is the share of valid marked
    syllables. `restore_text(text, mode=assess(text).mode)` is what `restore_text(text)` does:
    the two can never disagree (v1's short-text rule made "Noi nhan" pass here and change there).
    """
    text = unicodedata.normalize("NFC", text)
    stats = spelling_stats(text)
    mode = classify(stats)
    reason = describe(stats, mode)
    if stats.n_words < MIN_WORDS:
        reason += " (few words: little evidence)"
    return RestoreVerdict(mode != "correct", stats.share(stats.marked_valid), reason, mode)


def decoder_for(model: Model) -> Decoder:
    with _lock:
        dec = _decoders.get(id(model))
        if dec is None or dec.m is not model:
            dec = Decoder(model)
            _decoders[id(model)] = dec
        return dec


def restore_text(text: str, model: Model | None = None, mode: Mode | None = None) -> RestoredText:
    """Give `text` its diacritics back; correct text comes back unchanged but for clear slips.

    The cyclic garbage collector is paused meanwhile (when it was on): a text makes tens of
    thousands of small tuples and no reference cycles, and the collections their allocation
    triggers cost several percent of the time for nothing.
    """
    with _gc_paused():
        return _restore_text(text, model, mode)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """The cyclic collector off while restoring (see `restore_text`), back on only if it was."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def restore_document(
    texts: Sequence[str], modes: Sequence[Mode | None], model: Model | None = None
) -> list[RestoredText]:
    """`restore_text` of each of a document's pages, with the whole document's confident
    readings as evidence (restore/cache.py) in accent-less and garbled pages: a commune or a
    person named on page 1 and again on page 3 is read with both pages' context. Pages of one
    mode pool their evidence; correct pages are restored as `restore_text` restores them."""
    with _gc_paused():
        return _restore_document(texts, modes, model)


def _restore_document(
    texts: Sequence[str], modes: Sequence[Mode | None], model: Model | None
) -> list[RestoredText]:
    model = model or default_model()
    dec = decoder_for(model)
    pages = [_prepare(text, model, dec, mode) for text, mode in zip(texts, modes, strict=True)]
    decoded: list[list[tuple[list[int], list[Posterior]]]] = [[] for _ in pages]
    for mode in {p.mode for p in pages}:
        mine = [k for k, p in enumerate(pages) if p.mode == mode]
        lattices = [[[c for _, c, _ in seg] for seg in pages[k].segments] for k in mine]
        flat = _decode_all(dec, [lat for page in lattices for lat in page], mode)
        if cache.RUN_VOTE and mode != "correct":
            base = list(accumulate((len(page) for page in lattices), initial=0))
            runs = [
                (key, [(base[n] + si, pi) for si, pi in spots])
                for n, k in enumerate(mine)
                for key, spots in pages[k].runs
            ]
            cache.vote(runs, [lat for page in lattices for lat in page], flat)
        pos = 0
        for k, page in zip(mine, lattices, strict=True):
            decoded[k] = flat[pos : pos + len(page)]
            pos += len(page)
    return [_render(p, model, d) for p, d in zip(pages, decoded, strict=True)]


def _restore_text(text: str, model: Model | None, mode: Mode | None) -> RestoredText:
    return _restore_document([text], [mode], model)[0]


Segment = list[tuple[Tok, tuple[Cand, ...], bool]]


class _Page(NamedTuple):
    """A text ready to decode: its tokens' candidates by segment, and what rendering needs."""

    text: str
    mode: Mode
    segments: list[Segment]
    openers: set[int]  # offsets of the tokens that open a line or a segment
    heads: set[int]  # offsets of the tokens on a heading line
    lines: tuple[list[int], set[int]]  # casing.caps_lines
    runs: list[tuple[tuple[str, ...], list[tuple[int, int]]]]  # cased runs: words, spots
    marks: dict[int, tuple[int, int]]  # word offset -> the span to replace, its misread marks
    # included (decode.MARK_DROP)


def _prepare(text: str, model: Model, dec: Decoder, mode: Mode | None) -> _Page:
    # Text layers of some PDFs are NFD; everything here (and the offsets returned) is NFC.
    text = unicodedata.normalize("NFC", text)
    toks = tokenize(text)
    if mode is None:
        mode = classify(spelling_stats(text, toks))
    garbled = mode == "garbled"
    if garbled:  # "ding/nam": two garbled words (tokens.split_slashed)
        toks = split_slashed(toks)
    lines = caps_lines(text, toks, model.abbr_set) if garbled else ([0], set())
    # Syllables of names keep their spelling in good text (issue 14: "Hường" is no slip).
    pairs = mode in _names.PLACE_PAIR_MODES and bool(_names.PLACE_PAIR_BONUS)
    runs = cased_runs(text, toks) if not garbled or pairs else None
    names = name_starts(text, toks, runs) if mode == "correct" else frozenset()
    places = place_spellings(text, toks, runs) if mode == "noaccent" else {}
    segments: list[Segment] = []
    seg: Segment = []
    # Words repeat: look each up once (per kind, text, whether it opens a line, whether its
    # line is a heading, whether it is part of a name).
    known: dict[tuple[str, str, bool, bool, bool], tuple[tuple[Cand, ...], bool]] = {}
    openers: set[int] = set()  # offsets of the tokens that open a line or a segment
    has_heads = bool(lines[1])
    heads: set[int] = set()  # offsets of the tokens on a heading line
    opening = opens_line(text, toks)
    marks: dict[int, tuple[int, int]] = {}
    sections = section_numbers(text, toks, opening) if garbled else {}
    if garbled:  # "quý TV/2024" -> "quý IV/2024" (decode.quarter_numerals)
        sections = quarter_numerals(text, toks) | sections  # a section number wins
    # line openers that open a Title-case run: their case is evidence (casing.RUN_OPENER_CASE)
    named = (
        {toks[k].start for k, _ in runs[0]}
        if runs is not None and mode in _casing.RUN_OPENER_CASE
        else set()
    )
    for tok, first in zip(toks, opening, strict=True):
        brk = tok.brk_before
        cut = None
        if garbled and seg and seg[-1][0].start + len(seg[-1][0].text) + 1 < tok.start:
            cut = mark_end(text, seg[-1][0], tok.start)  # (a gap of one space holds no mark)
        if cut is not None:
            brk = first = False  # "CH! TICH": a misread mark, no clause end
            if cut >= 0:  # and the rendering drops it after a decoded word (MARK_DROP)
                p = seg[-1][0]
                marks[p.start] = (marks.get(p.start, (p.start, 0))[0], cut)
        lead = None
        if garbled and text[tok.start - 1 : tok.start] in _LEAD_CHARS:  # cheap test first
            lead = lead_mark(text, seg[-1][0] if seg else None, tok)
        if lead is not None:  # "[ly ban": a misread mark, no bracket
            brk = brk and lead[1]
            first = first and (brk or not seg or "\n" in text[seg[-1][0].start : tok.start])
            marks[tok.start] = (lead[0], tok.start + len(tok.text))
        if first:
            openers.add(tok.start)
        if brk and seg:
            segments.append(seg)
            seg = []
        inner = not first or tok.start in named  # a line's first word is capitalised anyway
        heading = has_heads and in_heading(tok, lines)
        if heading:
            heads.add(tok.start)
        roman = sections.get(tok.start)
        if roman:  # a section number opening a line ("Il." for "II."): abbrev.section_numbers
            lm_tok = NUM if roman[-1].isdigit() else roman.lower()  # "IV/2024": as codes are
            seg.append((tok, (Cand(roman, dec.m.lm.id(lm_tok), 0.0, kept=True),), False))
            continue
        if places and tok.start in places:  # "xa Chi Lang": one known place's spelling
            s = places[tok.start]
            seg.append((tok, (Cand(s, dec.m.lm.id(s), 0.0),), True))
            continue
        name = tok.start in names
        key = (tok.kind, tok.text, inner, heading, name)
        got = known.get(key)
        if got is None:
            got = _token_candidates(dec, model, tok, mode, heading, name)
            if garbled and inner:  # "0" for "ở", "SJ" for "Sở": decode.seen_readings
                got = dec.fixed_readings(tok.kind, tok.text, got, heading, model.abbr_set)
            if inner and got[1]:
                got = (dec.cased(got[0], tok.text, mode), True)
            known[key] = got
        seg.append((tok, got[0], got[1]))
    if seg:
        segments.append(seg)
    if pairs and runs is not None:
        upper = _names.PLACE_PAIR_UPPER and mode == "noaccent"
        found = runs[0] + runs[1] if upper else runs[0]
        _place_pairs(segments, toks, found, _names.PLACE_PAIR_BONUS)
    if mode in _names.PLACE_SLOT_MODES and _names.PLACE_SLOT_WEIGHT and runs is not None:
        _place_slots(segments, _names.place_slots(text, toks, runs))
    if mode in _names.FAMILY_MODES and _names.FAMILY_BONUS and runs is not None:
        slots = _names.family_slots(toks, runs)
        _lexicon_bonus(segments, slots, _names.all_family_names(), _names.FAMILY_BONUS)
    if mode in _names.FAMILY_MODES and _names.GIVEN_BONUS and runs is not None:
        slots = _names.given_slots(toks, runs)
        _lexicon_bonus(segments, slots, _names.given_names(), _names.GIVEN_BONUS)
    if mode in _names.FAMILY_MODES and _names.MIDDLE_BONUS and runs is not None:
        slots = _names.middle_slots(toks, runs)
        _lexicon_bonus(segments, slots, _names.middle_names(), _names.MIDDLE_BONUS)

    spots: list[tuple[tuple[str, ...], list[tuple[int, int]]]] = []
    if cache.RUN_VOTE and mode != "correct" and runs is not None:
        firsts = list(accumulate((len(seg) for seg in segments), initial=0))
        for k, j in runs[0] + runs[1]:
            si = bisect_right(firsts, k) - 1
            words = tuple(t.text.lower() for t in toks[k:j])
            spots.append((words, [(si, i - firsts[si]) for i in range(k, j)]))
    return _Page(text, mode, segments, openers, heads, lines, spots, marks)


def _next_reading(seg: Segment, path: list[int], k: int, openers: set[int]) -> str | None:
    """The chosen reading of the segment's token `k` when it is a word on the same line (the
    word after, for casing.pair_case); only asked for the few tokens pair_case weighs."""
    if k >= len(seg):
        return None
    tok, cands, restorable = seg[k]
    if not restorable or tok.start in openers:
        return None
    return cands[path[k]].text


def _render(
    page: _Page, model: Model, decoded: list[tuple[list[int], list[Posterior]]]
) -> RestoredText:
    """The restored text and its token choices from each segment's decoded path."""
    text, mode, segments, openers, heads, lines, _, marks = page
    garbled = mode == "garbled"
    pieces: list[str] = []
    pos = 0
    choices: list[TokenChoice] = []
    canon_of: dict[str, str] = {}  # canonical() and ocr_case() of repeated tokens, once
    case_of: dict[tuple[str, bool], str] = {}
    for seg, (path, posts) in zip(segments, decoded, strict=True):
        prev: str | None = None  # the reading before, inside the segment and the line
        for i, ((tok, pos_cands, restorable), j, (conf, top)) in enumerate(
            zip(seg, path, posts, strict=True)
        ):
            chosen_c = pos_cands[j]
            if tok.start in openers:
                prev = None
            if not restorable:
                new = chosen_c.text
            elif chosen_c.kept or (canon_of.get(tok.text) or _canon(canon_of, tok.text)) == (
                chosen_c.text
            ):
                new = tok.text
            else:
                pattern = tok.text
                if garbled:
                    hk = (tok.text, tok.start in heads)
                    seen = case_of.get(hk)
                    if seen is None:
                        seen = case_of[hk] = ocr_case(tok, lines, hk[1])
                    pattern = pair_case(
                        seen,
                        prev,
                        chosen_c.text,
                        model.case_pairs,
                        model.case,
                        _next_reading(seg, path, i + 1, openers),
                    )
                new = apply_case(pattern, chosen_c.text)
            prev = chosen_c.text if restorable else None
            cut = marks.get(tok.start) if marks and restorable and not chosen_c.kept else None
            if new != tok.text or cut is not None:  # cut: "CHỦ! TỊCH" -> "CHỦ TỊCH"
                pieces.append(text[pos : tok.start if cut is None else cut[0]])
                pieces.append(new)
                pos = tok.start + len(tok.text) if cut is None else cut[1]
            if not restorable and new != tok.text:
                choices.append(TokenChoice(tok.text, new, 1.0, (), tok.start))
            if restorable and len(pos_cands) == 1:  # what the lines below give, quicker
                choices.append(TokenChoice(tok.text, new, 1.0, (), tok.start))
            elif restorable:
                ct, case = chosen_c.text, tok.text
                others: list[tuple[str, float]] = []
                for t, p in top:  # a loop, not a comprehension: this runs once per token
                    if t != ct:
                        others.append((t, round(p, 4)))
                if len(others) > 3:
                    del others[3:]
                if not case.islower():  # else apply_case would hand each one back as it is
                    others = [(apply_case(case, t), p) for t, p in others]
                alts = tuple(others)
                choices.append(TokenChoice(tok.text, new, round(conf, 4), alts, tok.start))
    pieces.append(text[pos:])
    return RestoredText(original=text, text="".join(pieces), tokens=tuple(choices))


def _place_pairs(
    segments: list[list[tuple[Tok, tuple[Cand, ...], bool]]],
    toks: list[Tok],
    runs: list[tuple[int, int]],  # of capitalised words (names.cased_runs)
    weight: float,
) -> None:
    """Inside each run, `weight` nats more channel score for the readings that form
    a known place's pair of syllables with a neighbour's reading (names.place_pair_support)."""
    if not runs:
        return
    firsts = list(accumulate((len(seg) for seg in segments), initial=0))
    make = tuple.__new__
    for k, j in runs:
        if _names.PLACE_PAIR_UNIT and not _names.after_unit(toks, k):
            continue
        # every token has its entry, in order, and a run never spans segments
        si = bisect_right(firsts, k) - 1
        spots = [(si, i - firsts[si]) for i in range(k, j)]
        entries = [segments[si][pi] for si, pi in spots]
        support = _names.place_pair_support([[c.text for c in e[1]] for e in entries])
        for (si, pi), (tok, cands, ok), sup in zip(spots, entries, support, strict=True):
            if not ok or len(cands) < 2 or not any(sup) or all(sup):
                continue
            new = tuple(
                [
                    make(Cand, (c.text, c.lm_id, c.channel + weight, c.kept)) if s else c
                    for c, s in zip(cands, sup, strict=True)
                ]
            )
            segments[si][pi] = (tok, new, ok)


def _lexicon_bonus(
    segments: list[list[tuple[Tok, tuple[Cand, ...], bool]]],
    slots: list[int],
    family: frozenset[str],
    weight: float,
) -> None:
    """`weight` nats more channel score for the readings in `family` (family names, given
    names) of the tokens at `slots` (names.family_slots, names.given_slots), where some
    reading is in it and some is not."""
    if not slots:
        return
    firsts = list(accumulate((len(seg) for seg in segments), initial=0))
    make = tuple.__new__
    for k in slots:
        si = bisect_right(firsts, k) - 1
        pi = k - firsts[si]
        tok, cands, ok = segments[si][pi]
        sup = [c.text in family for c in cands]
        if not ok or not any(sup) or all(sup):
            continue
        new = tuple(
            [
                make(Cand, (c.text, c.lm_id, c.channel + weight, c.kept)) if s else c
                for c, s in zip(cands, sup, strict=True)
            ]
        )
        segments[si][pi] = (tok, new, ok)


def _place_slots(
    segments: list[list[tuple[Tok, tuple[Cand, ...], bool]]], slots: list[tuple[int, int]]
) -> None:
    """The gazetteer's odds of each reading at its place in a place's name, added to the
    channel score of the tokens at `slots` (names.place_slots, names.place_slot_bonus)."""
    if not slots:
        return
    firsts = list(accumulate((len(seg) for seg in segments), initial=0))
    make = tuple.__new__
    for k, pos in slots:
        si = bisect_right(firsts, k) - 1
        pi = k - firsts[si]
        tok, cands, ok = segments[si][pi]
        bonus = _names.place_slot_bonus(pos, [c.text for c in cands]) if ok else None
        if bonus is None:
            continue
        new = tuple(
            [
                make(Cand, (c.text, c.lm_id, c.channel + b, c.kept))
                for c, b in zip(cands, bonus, strict=True)
            ]
        )
        segments[si][pi] = (tok, new, ok)


def _canon(memo: dict[str, str], word: str) -> str:
    got = memo[word] = canonical(word)
    return got


def _decode_all(
    dec: Decoder, lattices: list[list[tuple[Cand, ...]]], mode: Mode
) -> list[tuple[list[int], list[Posterior]]]:
    """Each segment's path and posteriors; in accent-less and garbled text a second pass with
    the document's own confident readings as evidence (restore/cache.py) where it may matter."""
    out = []
    for lat in lattices:
        path, posts = dec.decode(lat, correct=mode == "correct")
        if mode == "correct":
            path = dec.veto_attested(lat, path)
        out.append((path, posts))
    weight = cache.CACHE_WEIGHT
    if mode == "correct" or not weight:
        return out
    counts = cache.confident_counts(lattices, [p for p, _ in out], [p for _, p in out])
    for k, (lat, (path, posts)) in enumerate(zip(lattices, out, strict=True)):
        again = cache.adapt(lat, path, posts, counts, weight)
        if again is not None:
            out[k] = dec.decode(again)
    return out


def _token_candidates(
    dec: Decoder, model: Model, tok: Tok, mode: Mode, heading: bool = False, name: bool = False
) -> tuple[tuple[Cand, ...], bool]:
    """(candidates, restorable): fixed tokens get one candidate carrying their output.

    Depends on the token's kind and text only (not its position), so one look-up serves every
    occurrence in a text.
    """
    if tok.kind == "num":
        return (Cand(tok.text, dec.m.lm.id(NUM), 0.0, kept=True),), False
    if tok.kind == "mixed" and tok.text in model.abbr_set:  # "T2" (thứ Hai), not an OCR slip
        return (Cand(tok.text, dec.m.lm.id(NUM), 0.0, kept=True),), False
    if mode == "garbled" and (plain := stray_quote(tok.text, model.abbr_set)):  # "PT'NT"
        return (Cand(plain, dec.m.lm.id(plain.lower()), 0.0, kept=True),), False
    if (tok.kind == "code" and not (mode == "garbled" and garbled_word(tok.text))) or (
        tok.kind == "mixed" and mode != "garbled"
    ):
        out = mend_code(model, tok.text, mode == "garbled") if mode != "correct" else tok.text
        lm_tok = NUM if any(c.isdigit() for c in out) else out.lower()
        return (Cand(out, dec.m.lm.id(lm_tok), 0.0, kept=True),), False
    abbr = abbreviation(model, tok.text, mode, heading) if tok.kind == "word" else None
    if abbr is not None:
        return (Cand(abbr, dec.m.lm.id(abbr.lower()), 0.0, kept=True),), False
    return dec.candidates(tok.text, mode, name), True
