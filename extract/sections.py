"""Section tree: enumerator markers (I., 1., 2.1-, (1), a), -, +) and the path of headings.

Styles are ranked by nesting as the document uses them, not by a fixed table: a style already
open on the stack closes everything below it, a new style opens one level deeper. That copes
with documents that put "(1)" under "1." in one place and a second "II." inside "V." elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from vanban.extract import vocab

_MARKERS: list[tuple[str, re.Pattern[str]]] = [
    ("article", re.compile(r"^(?P<label>Điều\s+\d{1,2})\s*[.:]\s*(?P<rest>.*)$")),
    ("roman", re.compile(r"^(?P<label>[IVXL]+)\s*[.)]\s*(?P<rest>.*)$")),
    ("multi", re.compile(r"^(?P<label>\d{1,2}(?:\.\d{1,2})+)\s*[.)\-–]?\s+(?P<rest>.*)$")),
    ("arabic", re.compile(r"^(?P<label>\d{1,2})\s*[.)]\s*(?P<rest>\D.*)$")),
    ("paren", re.compile(r"^\((?P<label>\d{1,2})\)\s*(?P<rest>.*)$")),
    ("letter", re.compile(r"^(?P<label>[a-zđ])(?:\)\s*|\.\s+(?=[A-ZĐÀ-Ỹ]))(?P<rest>.*)$")),
    ("dash", re.compile(r"^(?P<label>[-–•])\s*(?P<rest>.*)$")),
    ("plus", re.compile(r"^(?P<label>\+)\s*(?P<rest>.*)$")),
]

BULLETS = frozenset({"dash", "plus"})


@dataclass(frozen=True, slots=True)
class Marker:
    style: str  # roman, multi<depth>, arabic, paren, letter, dash, plus, or "" for plain text
    label: str
    rest: str


def parse_marker(text: str) -> Marker:
    """The enumerator or bullet a paragraph opens with, and the text after it."""
    for style, pat in _MARKERS:
        m = pat.match(text)
        if m:
            label = m.group("label")
            if style == "multi":
                style = f"multi{label.count('.')}"
            if style == "paren":
                label = f"({label})"
            return Marker(style, label, m.group("rest").strip())
    return Marker("", "", text)


_LETTER_ITEM = re.compile(r"^([A-Z])\.\s")


def parse_markers(texts: list[str]) -> list[Marker]:
    """parse_marker over a run of paragraphs, reading a misread Roman heading ("H." for "II.",
    "lV." for "IV.") as the numeral it maps to.

    Only in a document that has used Roman headings before, and never for a single letter that
    continues a lettered list (an "H." after a "G." is item H). Documents renumber freely ("1."
    then "II." under "V." in seed 002), so the numeral is not required to follow the last one.
    """
    out: list[Marker] = []
    roman_seen = False
    letters: set[str] = set()  # upper-case letters seen opening a paragraph as "X."
    last_roman = ""
    for text in texts:
        m = parse_marker(text)
        if m.style == "roman":
            roman_seen = True
        elif m.style == "" and (b := vocab.bare_roman_heading(text)):
            m = Marker("roman", b[0], b[1])  # "II NHIỆM VỤ VÀ GIẢI PHÁP": OCR lost the dot
            roman_seen = True
        elif text.startswith(".") and (g := vocab.romanish_heading(text)):
            m = Marker("roman", g[1], g[2])  # ".I. MỤC ĐÍCH": a speck before the numeral
            roman_seen = True
        elif (roman_seen and (nxt := vocab.next_roman(last_roman))
              and (rest := vocab.stroke_roman_heading(text, nxt)) is not None):
            m = Marker("roman", nxt, rest)  # "(1. Nhiệm vụ" after "I.": the next numeral
        elif roman_seen and (g := vocab.romanish_heading(text)):
            # A numeral OCR misread ("H." for "II.", vocab.py), never a lettered list's item.
            label, fixed, rest = g
            lettered = len(label) == 1 and chr(ord(label) - 1) in letters
            if (fixed != label or text.startswith(".")) and not lettered:
                m = Marker("roman", fixed, rest)  # ".IV.": a speck before the numeral
        if m.style == "roman":
            if m.label == last_roman and (nxt := vocab.next_roman(m.label)):
                m = Marker("roman", nxt, m.rest)  # "II." twice in a row: the second is "III."
            last_roman = m.label
        if (lt := _LETTER_ITEM.match(text)) is not None:
            letters.add(lt.group(1))
        out.append(m)
    return out


@dataclass(slots=True)
class Frame:
    style: str
    label: str
    owner: str | None
    excluded: bool
    # partners a heading names with its owner ("2. Phòng X chủ trì, phối hợp với Y:")
    collaborators: tuple[str, ...] = ()


@dataclass(slots=True)
class SectionStack:
    """Open headings from the outermost in; bullets are frames too but never named in paths."""

    frames: list[Frame] = field(default_factory=list)

    def open(self, style: str, label: str, owner: str | None, excluded: bool) -> None:
        styles = [f.style for f in self.frames]
        if style in styles:
            del self.frames[styles.index(style):]
        self.frames.append(Frame(style, label, owner, excluded))

    def close_bullets(self) -> None:
        while self.frames and self.frames[-1].style in BULLETS:
            self.frames.pop()

    def path(self) -> str | None:
        labels = [f.label for f in self.frames if f.style not in BULLETS]
        return ".".join(labels) if labels else None

    def owner(self) -> str | None:
        for f in reversed(self.frames):
            if f.owner:
                return f.owner
        return None

    def collaborators(self) -> tuple[str, ...]:
        """The partners named by the heading whose owner owns what is inside."""
        for f in reversed(self.frames):
            if f.owner:
                return f.collaborators
        return ()

    def excluded(self) -> bool:
        return any(f.excluded for f in self.frames)

    def depth_of(self, style: str) -> int:
        """Depth a new item of `style` would get (used to see whether an item has children)."""
        styles = [f.style for f in self.frames]
        return styles.index(style) if style in styles else len(styles)
