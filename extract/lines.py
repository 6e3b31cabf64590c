"""Page texts flattened into numbered lines, and lines joined into paragraphs.

Every later parser works on these so the provenance (page_no, 1-based line_no within the page)
is attached once, here, and survives paragraph joining: a paragraph keeps its first line's place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from vanban.extract import vocab
from vanban.extract.markup import is_emphasised, strip_markup
from vanban.extract.owners import agency_phrase
from vanban.models.records import PageText


@dataclass(frozen=True, slots=True)
class Line:
    page_no: int
    line_no: int
    raw: str
    text: str  # markup stripped
    emphasised: bool
    ocr: bool = False  # the page was OCR'd (its tables may carry OCR/joining artefacts)


@dataclass(frozen=True, slots=True)
class Paragraph:
    page_no: int
    line_no: int
    text: str
    emphasised: bool
    n_lines: int
    raw: str = ""  # first line with its markup, to tell a bold run-in heading from its body


def flatten(pages: Sequence[PageText]) -> list[Line]:
    out: list[Line] = []
    for page in pages:
        for i, raw in enumerate(page.text.split("\n"), start=1):
            out.append(Line(page.page_no, i, raw, strip_markup(raw), is_emphasised(raw),
                            page.method == "ocr"))
    return out


# What starts a new paragraph even without a blank line before it: bullets, enumerators,
# the "Nơi nhận" block. Hard-wrapped OCR text (seed 003) relies on this to keep items apart.
_ITEM_START = re.compile(
    r"^(?:[-–•+]\s|[-–•+](?=\S)|[IVXL]+[.)]\s|\d+(?:\.\d+)*[.)\-]\s|\d+\.\d+(?:\.\d+)*\s|"
    r"\(\d+\)|[a-zđ]\)\s|Nơi nhận)",
)
_TERMINAL = re.compile(r"[.:;!?]\s*$")


def starts_item(text: str) -> bool:
    return bool(_ITEM_START.match(text))


# "Sở Lao động - Thương binh và Xã hội: Chủ trì, ..." opens a paragraph even right under a
# wrapped heading in a text layer (no blank line, no bold to tell them apart).
_AGENCY_COLON = re.compile(
    r"^(?:Sở|Ủy ban|UBND|Ban|Văn phòng|Phòng|Các|Trung tâm|Đài|Báo|Hội|Công an|Cục|Chi cục|"
    r"Mặt trận|Huyện|Tỉnh|Xã)\b[^:.;]{0,80}:\s"
)


_OPENER = re.compile(r"^(?:Đề nghị|Giao|Yêu cầu)\s+\S")


def _continues(prev: str, nxt: str, gap: bool, in_item: bool = False) -> bool:
    """Whether `nxt` carries on the paragraph `prev` (a wrap or a page break inside a sentence)."""
    if not nxt or starts_item(nxt) or "\t" in nxt or _AGENCY_COLON.match(nxt):
        return False
    if vocab.is_roman_heading_line(nxt) or vocab.is_roman_heading_line(prev):
        return False  # a capitalised Roman heading (numeral maybe misread) stands alone
    first = nxt[0]
    if gap:
        # Across blank lines only a lower-case start proves the sentence runs on.
        return (first.islower() or first == "(") and not _TERMINAL.search(prev)
    ended = bool(re.search(r"[.!?]\s*$", prev))
    if not gap and first.isupper() and re.search(r":\s*$", prev):
        return False  # "1. Nhiệm vụ chung:" then its first line
    if in_item and ended and (_OPENER.match(nxt) or agency_phrase(nxt)):
        return False  # a closing "Đề nghị ..." / "Văn phòng X theo dõi ..." after the last bullet
    # A bullet runs until the next marker even across sentence ends; plain prose splits there.
    return in_item or not ended or first.islower()


def paragraphs(lines: Sequence[Line]) -> list[Paragraph]:
    """Join wrapped lines; headings (emphasised lines) always stand alone."""
    out: list[Paragraph] = []
    cur: list[Line] = []
    gap = False

    def flush() -> None:
        if cur:
            text = " ".join(x.text for x in cur)
            out.append(
                Paragraph(cur[0].page_no, cur[0].line_no, re.sub(r"\s+", " ", text).strip(),
                          cur[0].emphasised, len(cur), cur[0].raw)
            )
            cur.clear()

    top_seen: set[int] = set()
    for ln in lines:
        if not ln.text:
            gap = True
            continue
        first_on_page = ln.page_no not in top_seen
        top_seen.add(ln.page_no)
        if first_on_page and ln.page_no > 1 and re.fullmatch(r"[-–\s]*\d{1,3}[-–\s]*", ln.text):
            continue  # the page number printed at the top of a continuation page
        if cur and not ln.emphasised and not cur[-1].emphasised and _continues(
            cur[-1].text, ln.text, gap, in_item=bool(re.match(r"^[-–•+]", cur[0].text))
        ):
            cur.append(ln)
        else:
            flush()
            cur.append(ln)
        gap = False
    flush()
    return out
