"""Where good text holds a proper name: real-word correction keeps its hands off there.

Real-word correction (`Decoder._real_word`) replaces a valid syllable by a same-skeleton rival
when the language model prefers the rival by more than the `vie` channel's odds and a margin.
In a person's or a place's name that preference is no evidence: "Hường" is as good a name as
"Hương", only rarer in our text; the blind run of 2026-12-06 changed "Hoàng Thị Thu Hường" in
a signature block. Names are written in Title case, syllable after syllable, while the words
real-word correction mends ("Buổi chiêu", "Tố công tác", "BAN CHÍ ĐẠO") stand next to lower
case words or inside upper-case headings. So a Title-case syllable with a Title-case
neighbour (the next or previous word on its line, inside its segment) is taken for part of a
name. Organisation names in Title case ("Ban Chỉ đạo", "Ủy ban Nhân dân") are caught as
well; they lose their real-word fixes, which the dev figures in docs/notes and on
`decode.NAME_MARGIN` show to be rare.
"""

from __future__ import annotations

from vanban.restore.tokens import Tok


def title_case(word: str) -> bool:
    """"Hường", "Thị": a capital then only lower-case letters (one letter is no evidence)."""
    return len(word) > 1 and word[0].isupper() and word[1:].islower()


def name_starts(text: str, toks: list[Tok]) -> frozenset[int]:
    """Offsets of the word tokens of `text` that are taken for syllables of a name: Title
    case, with a Title-case word token right before or after on the same line, no segment
    break (clause punctuation, a table cell) in between."""
    titled = [t.kind == "word" and title_case(t.text) for t in toks]
    out: set[int] = set()
    for k in range(len(toks) - 1):
        a, b = toks[k], toks[k + 1]
        if not (titled[k] and titled[k + 1]) or b.brk_before:
            continue
        if "\n" in text[a.start + len(a.text) : b.start]:
            continue
        out.add(a.start)
        out.add(b.start)
    return frozenset(out)
