"""Page texts flattened into numbered lines, and lines joined into paragraphs.

Every later parser works on these so the provenance (page_no, 1-based line_no within the page)
is attached once, here, and survives paragraph joining: a paragraph keeps its first line's place.

Headings and paragraph breaks come from what each source really carries: markup and blank
lines in text files; the line styles ingest/ and ocr/ measured (`PageText.lines`: bold font or
heavy strokes, a line pitch wider than the page's, an indent, a short line before) in PDF text
layers and OCR, which have neither markup nor blank lines. A Roman heading numeral OCR misread
("HI.", ".I.", "H.") is mended on its own line, before any joining.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass

from vanban.extract import vocab
from vanban.extract.markup import is_emphasised, strip_markup
from vanban.extract.owners import agency_phrase
from vanban.models.records import LineStyle, PageText


@dataclass(frozen=True, slots=True)
class Line:
    page_no: int
    line_no: int
    raw: str
    text: str  # markup stripped
    emphasised: bool
    ocr: bool = False  # the page was OCR'd (its tables may carry OCR/joining artefacts)
    # The page's geometry says a new paragraph starts here (text layers and OCR only).
    paragraph_break: bool = False
    styled: bool = False  # emphasised by a measured style (bold font, strokes), not markup


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
        raws = page.text.split("\n")
        styles = page.lines if len(page.lines) == len(raws) else (LineStyle(),) * len(raws)
        heading_place = True  # the page's first line, or the first after a break
        for i, (raw, style) in enumerate(zip(raws, styles, strict=True), start=1):
            if page.method == "ocr":
                raw = vocab.mend_ocr_row(vocab.mend_ocr_line(raw))  # cells are read from raw
            text = strip_markup(raw)
            if page.method == "ocr":
                text = vocab.mend_agency_words(text)
            styled = style.emphasised and "\t" not in raw
            if heading_place or style.paragraph_break or styled:
                if page.method == "ocr":
                    text = vocab.roman_stop_read_as_l(text)
                text = mend_heading_numeral(text, styled)
            out.append(Line(page.page_no, i, raw, text, is_emphasised(raw) or styled,
                            page.method == "ocr", style.paragraph_break, styled))
            # after a blank line, or after a table row: a table ends where a heading may stand
            heading_place = not text or "\t" in raw
    return mend_place_names(mend_comma_numerals(out))


# An item number whose full stop OCR read as a comma ("5, Đề nghị Ủy ban MTTQ huyện ...", n09
# dev on a second light damage seed: the item ran into the bullet above it and was lost): an
# OCR'd line opening with one or two digits, a comma and a capital, after a line that ended a
# sentence, when an earlier line opens with the number before it ("4.") or it is "1,".
_COMMA_NUMERAL = re.compile(r"^(\d{1,2}),\s+(?=[A-ZĐÀ-Ỹ])")


def mend_comma_numerals(lines: list[Line]) -> list[Line]:
    out: list[Line] = []
    prev = ""
    for ln in lines:
        m = _COMMA_NUMERAL.match(ln.text) if ln.ocr else None
        if m and (not prev or re.search(r"[.;:]\s*$", prev)):
            n = int(m.group(1))
            if n == 1 or any(x.text.startswith(f"{n - 1}.") for x in out):
                text = f"{n}. {ln.text[m.end():]}"
                raw = ln.raw.replace(m.group(0), f"{n}. ", 1)
                ln = dataclasses.replace(ln, text=text, raw=raw)
        out.append(ln)
        prev = ln.text or prev
    return out


def mend_place_names(lines: list[Line]) -> list[Line]:
    """OCR'd lines with a place name written as the rest of the document writes it
    (vocab.place_name_fixes: "xã Huổi mới" beside "xã Huổi Mí"; vocab.bracket_l_fixes: "Krê]"
    beside "Krêl")."""
    if not any(ln.ocr for ln in lines):
        return lines
    text = "\n".join(ln.text for ln in lines if ln.ocr)
    fixes = {**vocab.place_name_fixes(text), **vocab.bracket_l_fixes(text),
             **vocab.place_majority_fixes(text)}
    if not fixes:
        return lines
    return [dataclasses.replace(ln, raw=vocab.apply_place_fixes(ln.raw, fixes),
                                text=vocab.apply_place_fixes(ln.text, fixes)) if ln.ocr else ln
            for ln in lines]


# A Roman label whose full stop OCR lost ("II NHIỆM VỤ VÀ GIẢI PHÁP", n14 light scan).
_BARE_ROMAN = re.compile(r"^(\.?\s*[IVXLHl|]{1,5})\s+(?=\S)")


def mend_heading_numeral(text: str, emphasised: bool = False) -> str:
    """"HI. NHIỆM VỤ" -> "III. NHIỆM VỤ", ".I. MỤC ĐÍCH" -> "I. MỤC ĐÍCH", "II NHIỆM VỤ" ->
    "II. NHIỆM VỤ", on a line standing where a heading stands (first on its page, after a
    break, or emphasised).

    The numeral is mended when the rest reads as a heading: in capitals, or, on an emphasised
    line with its stop, opening with a capital. A label that already is a numeral is left alone.
    """
    r = vocab.romanish_heading(text)
    if r is None:
        bare = _BARE_ROMAN.match(text)
        if bare is None:
            return text
        dotted = f"{bare.group(1)}. {text[bare.end():]}"
        return mend_heading_numeral(dotted) if vocab.is_roman_heading_line(dotted) else text
    if not r[2]:
        return text
    label, numeral, rest = r
    if label == numeral and not text.startswith("."):
        return text
    if vocab.is_roman_heading_line(text) or (emphasised and rest[:1].isupper()):
        return f"{numeral}. {rest}"
    return text


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


def open_quote(text: str) -> bool:
    """Whether `text` leaves a quotation open ("... chuyên mục "Xanh - Sạch" wrapped before
    "- Đẹp" ..."): an odd number of straight quotes, or more “ than ”."""
    return text.count('"') % 2 == 1 or text.count("“") > text.count("”")


def _continues(prev: str, nxt: str, gap: bool, in_item: bool = False,
               quoting: bool = False) -> bool:
    """Whether `nxt` carries on the paragraph `prev` (a wrap or a page break inside a sentence).
    A dash opening a line inside an open quotation is the title's own dash wrapped there, not a
    bullet (n45 dev digital PDF: the task was cut in two, owner and deadline lost)."""
    if quoting and not gap and re.match(r"^[-–]\s", nxt):
        return True
    if not nxt or starts_item(nxt) or "\t" in nxt or _AGENCY_COLON.match(nxt):
        return False
    if vocab.is_roman_heading_line(nxt) or vocab.is_roman_heading_line(prev):
        return False  # a capitalised Roman heading (numeral maybe misread) stands alone
    first = nxt[0]
    if gap:
        # Across blank lines only a lower-case start proves the sentence runs on, or a number
        # after an unended line ("số điện thoại" + "0293.3871.562./.": an OCR'd page measured
        # a break before the wrapped phone number, and the closing lost its "./.", n58 scans).
        return (first.islower() or first == "(" or first.isdigit()) and not _TERMINAL.search(prev)
    ended = bool(re.search(r"[.!?]\s*$", prev))
    if not gap and first.isupper() and re.search(r":\s*$", prev):
        return False  # "1. Nhiệm vụ chung:" then its first line
    if in_item and ended and (_OPENER.match(nxt) or agency_phrase(nxt)):
        return False  # a closing "Đề nghị ..." / "Văn phòng X theo dõi ..." after the last bullet
    if (not ended and len(prev) <= 8 and len(prev.split()) <= 2 and first.isupper()
            and (_OPENER.match(nxt) or agency_phrase(nxt))):
        # "... chậm nhất ngày 15 tháng" + "là li" (OCR's remains of "12.") + "Chủ tịch UBND xã
        # yêu cầu ...": a wrapped line is never this short, so the short line ended its
        # paragraph, whose full stop OCR lost (n74 dev medium scan: the item ran into the
        # closing paragraph and both tasks were lost).
        return False
    if _topic_item(prev) and _opens_with_doer(nxt):
        return False  # "1. Quy hoạch vùng sản xuất" over "Phòng X chủ trì ...": a topic heading
    # A bullet runs until the next marker even across sentence ends; plain prose splits there.
    return in_item or not ended or first.islower()


# A numbered topic heading on its own line ("1. Quy hoạch vùng sản xuất", "4. Tín dụng") over
# a body that opens with its doer ("Phòng X chủ trì ...", "Giao Trung tâm Y ..."). A text file
# writes them on consecutive lines with no blank line, so the item ran on into its body and
# the body's doer was lost behind the topic (n55 text: owner None on two tasks). A wrapped
# line of a PDF is never this short, so a short unended item line is a heading.
_TOPIC_WORDS = 12


def _topic_item(prev: str) -> bool:
    return (starts_item(prev) and len(prev.split()) <= _TOPIC_WORDS
            and not re.search(r"[.:;,!?]\s*$", prev))


def _opens_with_doer(nxt: str) -> bool:
    """A line opening with a capitalised agency, or "Giao <agency>", that does something."""
    if not nxt[:1].isupper():
        return False
    body = re.sub(r"^Giao\s+(?:cho\s+)?", "", nxt)
    phrase = agency_phrase(body)
    return phrase is not None and len(body) > len(phrase) + 3


def _heading_runs_on(prev: Line, nxt: Line) -> bool:
    """A heading wrapped over two lines in a PDF or scan: both emphasised by their style, no
    break between them, the first not ended and the second no item of its own."""
    return (prev.styled and nxt.styled and not nxt.paragraph_break and not starts_item(nxt.text)
            and not _TERMINAL.search(prev.text) and "\t" not in nxt.raw)


def paragraphs(lines: Sequence[Line]) -> list[Paragraph]:
    """Join wrapped lines; headings (emphasised lines) stand alone, but for a styled heading
    wrapped onto a second line."""
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
    after_folio = False
    for ln in lines:
        if not ln.text:
            gap = True
            continue
        first_on_page = ln.page_no not in top_seen
        top_seen.add(ln.page_no)
        if first_on_page and ln.page_no > 1 and re.fullmatch(r"[-–\s]*\d{1,3}[-–\s]*", ln.text):
            after_folio = True
            continue  # the page number printed at the top of a continuation page
        in_item = bool(re.match(r"^[-–•+]", cur[0].text)) if cur else False
        # A measured break counts like a blank line, except where it measures nothing the
        # text keeps: the space under a dropped page number (seed 002 p.7), and a bullet's
        # later paragraphs, which belong to it until the next marker as in text files (seed
        # 004: "- Đẩy mạnh ..." then an indented "Phấn đấu ...").
        brk = ln.paragraph_break and not after_folio and not in_item
        after_folio = False
        quoting = bool(cur) and open_quote(" ".join(x.text for x in cur))
        if cur and "\t" in cur[-1].raw and "\t" not in ln.raw:
            flush()  # a line under a table row is no part of it (the rows are read as cells)
        if cur and ((not ln.emphasised and not cur[-1].emphasised and _continues(
            cur[-1].text, ln.text, gap or brk, in_item=in_item, quoting=quoting
        )) or _heading_runs_on(cur[-1], ln)):
            cur.append(ln)
        else:
            flush()
            cur.append(ln)
        gap = False
    flush()
    return out
