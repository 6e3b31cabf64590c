"""Metadata parser: Decree 30/2020 (and Circular 01/2011) header and footer fields.

Header: issuer block (left column, above the number), national motto (ignored), number,
place-date, type name and title. Footer: "Nơi nhận" list and the signature block (authority
prefix KT./TM./TL./Q./TUQ. and the signer's name). Incoming-mail stamps ("CÔNG VĂN ĐẾN Số: ...")
are recognised and skipped so their numbers never become the document's number.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from vanban.extract import dates, vocab
from vanban.extract.lines import Line
from vanban.extract.markup import tidy
from vanban.models.records import DocumentMeta

_F = re.IGNORECASE
_MOTTO = re.compile(
    r"^(?:CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM|"
    r"Độc lập\s*-\s*Tự do\s*-\s*Hạnh phúc|ĐẢNG CỘNG SẢN VIỆT NAM)",
    _F,
)
_STAMP_HEAD = re.compile(r"^(?:CÔNG VĂN ĐẾN|ĐẾN\b|VĂN BẢN ĐẾN)", _F)
_NUMBER = re.compile(r"^Số\s*:?\s*(?P<n>\S.*?)\s*$", _F)
_PLACE_DATE_EXACT = re.compile(
    r"^(?P<place>[^\d,]{2,40}?),\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+"
    r"(?P<y>\d{4})",
    _F,
)
# The same line as OCR may read it, matched on the folded text (same offsets): accents lost or
# wrong ("ngay 02 thang 10 nam 2023", "ngàỵ"), the comma lost ("An ngày ..."), or the date in
# digits ("ngày 2/10/2023"). The place must then be capitalised words.
_PLACE_DATE_FOLDED = re.compile(
    r"^(?P<place>[^\d,]{2,40}?)(?:,\s*|\s+)ngay\s+(?P<d>\d{1,2})\s*"
    r"(?:thang\s+(?P<m>\d{1,2})\s+nam\s+|[/.-]\s*(?P<m2>\d{1,2})\s*[/.-]\s*)(?P<y>\d{4})"
)


@dataclass(frozen=True, slots=True)
class _PlaceDateMatch:
    place: str
    d: str
    m: str
    y: str

    def group(self, name: str) -> str:
        return str(getattr(self, name))


class _PlaceDate:
    """"Place, ngày d tháng m năm y", exactly or as OCR reads it (see above)."""

    @staticmethod
    def match(t: str) -> _PlaceDateMatch | None:
        m = _PLACE_DATE_EXACT.match(t)
        if m:
            return _PlaceDateMatch(m.group("place"), m.group("d"), m.group("m"), m.group("y"))
        f = _PLACE_DATE_FOLDED.match(vocab.fold_same(t))
        if not f:
            return None
        place = t[f.start("place"):f.end("place")].strip()
        if not place or not all(w[:1].isupper() for w in place.split()):
            return None
        return _PlaceDateMatch(place, f.group("d"), f.group("m") or f.group("m2"), f.group("y"))


_PLACE_DATE = _PlaceDate()
_INTRO = re.compile(
    r"^(?:Ngày\s+\d|Căn cứ|Thực hiện|Để\s|Trên cơ sở|Theo\s|Sau khi|Nhằm|Kính gửi|Hôm nay|"
    r"Vào hồi|Tiếp theo)"
)
_AUTHORITY = re.compile(
    # the dot as OCR may read it: ".", ",", ":" or lost
    r"(?:^|\s|:)(?P<a>K\s*/\s*T|K[TI1l]|T\s*/\s*M|TM|T\s*/\s*L|TL|TUQ|Q)\s*[.,:]?\s*"
    r"(?P<w>[^\W\d_]+)"
)
_AUTH_NORMAL = {"KT": "KT.", "KI": "KT.", "K1": "KT.", "KL": "KT.", "TM": "TM.", "TL": "TL.",
                "TUQ": "TUQ.", "Q": "Q."}
_TITLE_WORDS = re.compile(
    r"\b(?:TRƯỞNG|PHÓ|CHỦ TỊCH|GIÁM ĐỐC|BÍ THƯ|UBND|ỦY BAN|UỶ BAN|BAN|Phó|Chủ|Trưởng|ủy viên|"
    r"Giám|tỉnh|huyện|CHÁNH|VĂN PHÒNG)\b"
)


def _authority(text: str) -> str | None:
    m = _AUTHORITY.search(text)
    # The office after the prefix is written in capitals ("KT. TRƯỞNG BAN", "TM.ỦY BAN").
    if not m or not m.group("w").isupper() or len(m.group("w")) < 2:
        return None
    key = re.sub(r"[\s/]", "", m.group("a")).upper()
    return _AUTH_NORMAL.get(key)


def _is_person_name(text: str) -> bool:
    """"Đặng Ngọc Sơn", "Lê Văn Nung": 2-5 capitalised words, no title words, no punctuation."""
    words = text.split()
    if not 2 <= len(words) <= 5 or _TITLE_WORDS.search(text):
        return False
    return all(w[:1].isupper() and (len(w) == 1 or w[1:].islower()) and w.isalpha() for w in words)


def _doc_type(text: str) -> str | None:
    """The type name a capitalised type line opens with, as written."""
    return vocab.doc_type_name(text)


def _stamp_lines(lines: Sequence[Line]) -> set[int]:
    """Indices of an incoming-mail stamp: the line naming it and up to three after it."""
    out: set[int] = set()
    for i, ln in enumerate(lines):
        if _STAMP_HEAD.match(ln.text):
            out.add(i)
            for k in (i - 1, i - 2):  # the receiving office's name above the stamp
                if k < 0 or not lines[k].text or lines[k].text != lines[k].text.upper():
                    break
                if _doc_type(lines[k].text) or _PLACE_DATE.match(lines[k].text):
                    break
                out.add(k)
            for k in range(i + 1, min(i + 4, len(lines))):
                if re.match(r"^(?:Số|Ngày|Chuyển|Lưu)\b", lines[k].text, _F):
                    out.add(k)
    return out


# The right header column's fixed phrases, folded (vocab.fold_same keeps offsets, so OCR's
# "CỘNG HOÀ" / lost diacritics match too). They start a column of their own.
_MOTTO_FOLDED = re.compile(
    r"\b(?:cong\s+hoa\s+xa\s+hoi\s+chu\s+nghia\s+viet\s+nam|dang\s+cong\s+san\s+viet\s+nam|"
    r"doc\s+lap\s*[-–]\s*tu\s+do\s*[-–]\s*hanh\s+phuc)\b"
)
_DATE_AFTER_PLACE = re.compile(r",\s*ngày\s+\d{1,2}\s+tháng\s", _F)


# A short word opening a place name with its capital I read as a lower-case l ("la Krêl" for
# "Ia Krêl", "la Grai"): a place name is capitalised, so the l is an I.
_OCR_CAPITAL_I = re.compile(r"^l(?=[a-zà-ỹ]{1,2}$)")


def _place_name(place: str) -> str:
    """The place as written, with an OCR'd l for a capital I mended when every other word
    is capitalised."""
    words = place.split()
    if len(words) > 1 and _OCR_CAPITAL_I.match(words[0]) and all(
            w[:1].isupper() for w in words[1:]):
        return "I" + place[1:]
    return place


def _place_date_start(t: str) -> int | None:
    """Where a place-date begins inside a line: the place is up to five capitalised, not
    all-capital words right before ", ngày" ("Kiên Giang"; an issuer's "TRÌNH MTQG" or a
    summary's lower-case words before it stay on the left). "TP." counts as a word."""
    m = _DATE_AFTER_PLACE.search(t)
    if not m:
        return None
    words = t[: m.start()].split(" ")
    k = len(words)
    while k > 0 and len(words) - k < 5:
        w = words[k - 1]
        if k == 1 and _OCR_CAPITAL_I.match(w) and len(words) > 1:
            k -= 1  # "la Krêl, ngày ...": the place's "Ia" with its I read as l (n81 scans)
            break
        if not (w[:1].isupper() and w.rstrip(".").isalpha()
                and (len(w.rstrip(".")) == 1 or not w.rstrip(".").isupper() or w.endswith("."))):
            break
        k -= 1
    if k == len(words):
        return None
    return len(" ".join(words[:k])) + (1 if k else 0)


def split_header_columns(lines: Sequence[Line]) -> list[Line]:
    """The header's two columns as separate lines. A PDF text layer or OCR reads the left
    column (issuer, number) and the right one (national motto, place-date) across one line
    ("UBND HUYỆN X CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 47/KH-BCĐ Yên Thành, ngày 08
    tháng 3 năm 2023"). The right column's content is fixed (the motto, "Độc lập - Tự do -
    Hạnh phúc", a place-date), so a line is cut where one of them begins after other text.
    Only lines above the type line are touched."""
    out: list[Line] = []
    typed = False
    for ln in lines:
        if typed or len(out) > 40 or not ln.text:
            out.append(ln)
            continue
        if _doc_type(ln.text) and not _MOTTO_FOLDED.search(vocab.fold_same(ln.text)):
            typed = True
            out.append(ln)
            continue
        out.extend(_split_line(ln))
    return out


def _split_line(ln: Line) -> list[Line]:
    t = ln.text
    cuts = [m.start() for m in _MOTTO_FOLDED.finditer(vocab.fold_same(t)) if m.start() > 0]
    pd = _place_date_start(t)
    if pd and t[:pd].strip():
        cuts.append(pd)
    if not cuts:
        return [ln]
    bounds = [0, *sorted(set(cuts)), len(t)]
    parts = [t[a:b].strip() for a, b in itertools.pairwise(bounds)]
    return [Line(ln.page_no, ln.line_no, p, p, ln.emphasised, ln.ocr) for p in parts if p]


def parse_metadata(lines: Sequence[Line]) -> DocumentMeta:
    lines = split_header_columns(lines)
    if any(ln.ocr for ln in lines) and not any(vocab.recipients_label(ln.text) for ln in lines):
        # OCR lost the "Nơi nhận:" line: the list is found from its archive item and the
        # label put back above its first item.
        first = vocab.recipients_block_start([ln.text for ln in lines])
        if first is not None and first > 0:
            at = lines[first]
            label = Line(at.page_no, at.line_no, "Nơi nhận:", "Nơi nhận:", False, True)
            lines = [*lines[:first], label, *lines[first:]]
    stamp = _stamp_lines(lines)
    n = len(lines)
    head_end = next((i for i, ln in enumerate(lines) if vocab.recipients_label(ln.text)), n)

    issuer_idx = _issuer_block(lines, stamp)
    type_idx: int | None = None
    doc_type: str | None = None
    for i in range(min(head_end, 80)):
        if i in stamp or i in issuer_idx:
            continue
        dtp = _doc_type(lines[i].text)
        if dtp:
            type_idx, doc_type = i, dtp
            break

    number = None
    place = None
    issue_date: dt.date | None = None
    for i in range(min(head_end, 80)):
        if i in stamp:
            continue
        t = lines[i].text
        if number is None:
            # OCR variants of "Số:" accepted; only text with a number's shape (vocab.py).
            number = vocab.number_after_label(t)
        pm = _PLACE_DATE.match(t)
        if pm and issue_date is None:
            place = _place_name(pm.group("place").strip())
            issue_date = dates.safe_date(int(pm.group("y")), int(pm.group("m")), int(pm.group("d")))

    if issue_date is None:
        place, issue_date = _wrapped_place_date(lines, stamp, min(head_end, 80))

    issuer = " ".join(lines[i].text for i in issuer_idx) or None
    if place and issuer and any(ln.ocr for ln in lines[:head_end]):
        document = "\n".join(ln.text for ln in lines)
        place = vocab.place_as_issuer(place, issuer, document)
        issuer = vocab.issuer_as_place(issuer, place, document)
    title = _title(lines, stamp, type_idx)
    doc_type_name = doc_type
    code = vocab.doc_type_code(doc_type) if doc_type else None
    if code is None or code == vocab.LETTER:
        subject = _letter_subject(lines, stamp, head_end)
        if subject:
            # A letter has no type line; its "V/v" line is its summary (Decree 30, công văn).
            code, title = vocab.LETTER, subject
            # Its type is written nowhere; the name is the form's own ("Công văn", the
            # convention of data/testdocs/new's gold), so a filter on the name finds letters.
            doc_type_name = doc_type_name or vocab.LETTER_NAME
    recipients, authority, signer = _footer(lines, head_end)
    if number and doc_type_name and any(ln.ocr for ln in lines[:head_end]):
        number = vocab.mend_number_symbol(number, doc_type_name)
    return DocumentMeta(
        doc_type=code,
        doc_type_name=doc_type_name,
        number=number,
        place=place,
        issue_date=issue_date,
        issuer=issuer,
        title=title,
        signer=signer,
        signer_authority=authority,
        recipients=recipients,
    )


# "Đồng Lương Thượng, ngày 08 tháng 12 năm" with its year wrapped onto a line of its own: a long
# place name in the right header column (n76 dev, digital and scans, where the layout put the
# lone "2025" after the left column's "V/v" and "Kính gửi" lines).
_PLACE_DATE_NO_YEAR = re.compile(
    r"^(?P<place>[^\d,]{2,40}?),\s*ngay\s+(?P<d>\d{1,2})\s+thang\s+(?P<m>\d{1,2})\s+nam\s*$")
_LONE_YEAR = re.compile(r"^\s*(?P<y>(?:19|20)\d\d)\s*\.?\s*$")


def _wrapped_place_date(lines: Sequence[Line], stamp: set[int],
                        end: int) -> tuple[str | None, dt.date | None]:
    """Place and date of a date line whose year went to a later line: the first line holding
    only a year, within the next 20 lines (the header), completes it."""
    for i in range(end):
        if i in stamp:
            continue
        t = lines[i].text.strip()
        f = _PLACE_DATE_NO_YEAR.match(vocab.fold_same(t))
        if not f:
            continue
        place = t[f.start("place"):f.end("place")].strip()
        if not place or not all(w[:1].isupper() for w in place.split()):
            continue
        for k in range(i + 1, min(end, i + 21)):
            y = _LONE_YEAR.match(lines[k].text)
            if y:
                day = dates.safe_date(int(y.group("y")), int(f.group("m")), int(f.group("d")))
                return _place_name(place), day
        return None, None
    return None, None


def _wraps_on(prev: Sequence[str], t: str) -> bool:
    """Whether `t` carries on the summary lines `prev` (no blank line tells, in a text layer or
    OCR): it starts lower-case, or the line before it was nearly full (a name wrapped over:
    "... của Ban Chỉ đạo" + "Trung ương"). A capital after a short line opens a paragraph."""
    if t[:1].islower() or t[:1] == "(" or not prev:
        return True
    if len(prev) == 1:
        return len(prev[0]) >= 45  # a full line (A4, 13 pt: 60-75 characters)
    return len(prev[-1]) >= 0.8 * max(len(p) for p in prev)


def _letter_subject(lines: Sequence[Line], stamp: set[int], head_end: int) -> str | None:
    """The "V/v ..." summary of a letter with its wrapped lines (they start lower-case)."""
    for i in range(min(head_end, 40)):
        if i in stamp:
            continue
        rest = vocab.subject_line(lines[i].text)
        if rest is None:
            continue
        parts = [rest]
        for ln in lines[i + 1:i + 5]:
            t = ln.text
            if t and (_PLACE_DATE.match(t) or _MOTTO_FOLDED.match(vocab.fold_same(t))):
                continue  # the right column, read between the summary's lines
            if not t or not _wraps_on(parts, t) or _INTRO.match(t):
                break
            parts.append(t)
        return tidy(" ".join(parts)) or None
    return None


def _issuer_block(lines: Sequence[Line], stamp: set[int]) -> list[int]:
    """The capitalised block at the very top, before the motto, number or place-date; not an
    issuer when it opens with a type name (a plan that starts "KẾ HOẠCH")."""
    block: list[int] = []
    for i in range(min(len(lines), 20)):
        if i in stamp:
            continue
        t = lines[i].text
        if not t:
            if block:
                break
            continue
        if _MOTTO_FOLDED.match(vocab.fold_same(t)) and block:
            continue  # the right column read between two issuer lines (text layer, OCR)
        if block and _PLACE_DATE.match(t) and _issuer_goes_on(lines, i + 1, stamp):
            # "BAN CHỈ ĐẠO CÁC CHƯƠNG | Trà Phong, ngày ..." then "TRÌNH MỤC TIÊU QUỐC GIA":
            # the right column's place-date between two issuer lines (n05 dev scans).
            continue
        if _MOTTO.match(t) or _NUMBER.match(t) or _PLACE_DATE.match(t) or t != t.upper():
            break
        if _doc_type(t) and (not block or t.strip() == _doc_type(t)):
            break
        block.append(i)
    return block


def _issuer_goes_on(lines: Sequence[Line], at: int, stamp: set[int]) -> bool:
    """Whether the next line carries on an issuer block: capitals, no number, motto or type."""
    nxt = next((lines[j].text for j in range(at, min(len(lines), at + 3))
                if j not in stamp and lines[j].text), "")
    return bool(nxt) and nxt == nxt.upper() and any(c.isalpha() for c in nxt) and not (
        _MOTTO.match(nxt) or _NUMBER.match(nxt) or _doc_type(nxt)
        or _MOTTO_FOLDED.match(vocab.fold_same(nxt)))


_SCHEDULE_TYPES = frozenset({"lich_cong_tac", "lich_lam_viec", "chuong_trinh_cong_tac"})


def _caps_wrap(prev: str, t: str) -> bool:
    """A capitals title line wrapped onto a short capitals line ("... UBND HUYỆN MINH" +
    "TRẠCH"): OCR's geometry calls the centred short line a new paragraph, but a preamble
    under a title is not written in capitals (n69 dev light scan lost its last word)."""
    letters = [c for c in prev + t if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(t.split()) <= 3


def _title(lines: Sequence[Line], stamp: set[int], type_idx: int | None) -> str | None:
    """The type line when it carries more than the type name, then the summary lines under it
    (headings, or the first paragraph when the type line stands alone)."""
    if type_idx is None:
        return None
    parts: list[str] = []
    t0 = lines[type_idx].text
    dtp = _doc_type(t0) or ""
    # A schedule's or programme's type line is its title's head even when it stands alone
    # ("CHƯƠNG TRÌNH CÔNG TÁC" over "THÁNG 12 NĂM 2024 CỦA ..."), as when it runs on one line;
    # other types' titles are the summary under the type name.
    if (vocab.fold(t0) != vocab.fold(dtp)  # more than the type name (however OCR spelled it)
            or vocab.doc_type_code(dtp) in _SCHEDULE_TYPES):
        parts.append(t0.strip())
    para: list[str] = []
    gap = False
    for i in range(type_idx + 1, min(len(lines), type_idx + 20)):
        if i in stamp:
            continue
        ln = lines[i]
        if not ln.text:
            gap = True
            if para:
                break  # one summary paragraph (or heading) under the type line
            continue
        if vocab.period_line(ln.text):
            continue  # "(Từ ngày 18/3 đến ngày 24/3/2024)": the period covered, not the title
        if re.match(r"^(?:[IVX]+|\d+)[.)]\s", ln.text) or _NUMBER.match(ln.text) or "\t" in ln.raw:
            break  # a numbered heading, a number line, or a table row (OCR: no blank before it)
        if (parts or para) and _INTRO.match(ln.text):
            break  # text layers have no blank line between the title and the opening sentence
        if para and not gap and not _wraps_on(para, ln.text):
            break  # a text layer's next paragraph, with no blank line before it
        if (para and ln.paragraph_break and not ln.emphasised and ln.text[:1].isupper()
                and not _caps_wrap(para[-1], ln.text)):
            # The page's geometry opens a paragraph here: the preamble under the summary
            # (n57 digital: "Thời gian qua, ..." under a two-line title ran into it).
            break
        if (para and ln.text == ln.text.upper() and any(c.isalpha() for c in ln.text)
                and any(c.islower() for c in " ".join(para))):
            break  # a capitals line under a written summary: a decision's authority line
        if ln.emphasised or not parts or not gap:
            # Lines right under the type line, headings, or the first paragraph when the type
            # line stands alone make up the title.
            para.append(ln.text)
        else:
            break
    if para:
        parts.append(" ".join(para))
    return vocab.strip_period(tidy(" ".join(parts))) or None


def _signature_line(t: str) -> bool:
    """A line of the signature block: an authority ("KT. CHỦ TỊCH"), an office in capitals
    ("PHÓ CHỦ TỊCH") or the signer's name."""
    return bool(t) and not t.startswith(("-", "–", "•", "+")) and (
        _authority(t) is not None or (t == t.upper() and not t.rstrip().endswith((";", ".")))
        or _is_person_name(t))


# An office of the signature block at the end of a line, in capitals: "PHÓ CHỦ TỊCH", "CHỦ TỊCH
# UBND HUYỆN", "TRƯỞNG BAN", "GIÁM ĐỐC", "CHÁNH VĂN PHÒNG" (with "UBND"/unit words after it).
_GLUED_OFFICE = re.compile(
    r"\s(?:PHÓ\s+)?(?:CHỦ TỊCH|TRƯỞNG BAN|GIÁM ĐỐC|BÍ THƯ|CHÁNH VĂN PHÒNG|TRƯỞNG PHÒNG)"
    r"(?:\s+[A-ZĐÀ-Ỹ]+)*\s*$")


# A lone unit code after an item's separator ("- Lưu: VI; VP" on an invented invitation's light
# scan: the comma read ";", so "VP" looked like a line of the signature column and the archive
# item lost its unit). The signature column's lines are an office in words, an authority with
# its office, or a name; never one short code.
_LONE_CODE = re.compile(r"^[A-ZĐ]{2,6}\.?$")


def _split_footer_columns(lines: Sequence[Line]) -> list[Line]:
    """Recipients (left) and the signature block (right) read across one line: "- TT Huyện
    ủy (b/c); CHÁNH VĂN PHÒNG", "- Các cơ quan ...; Nguyễn Thị Thu Hằng". A recipient item
    ends at its ";" or "."; what follows on the line, when it is a signature line, is its own
    line. A name after a "," is split off only when the block has no name line of its own:
    a list of places wraps at a comma too ("- UBND các xã An Long Tây, Tân Định" + "Bắc, ...",
    n68 dev digital PDF, whose signer "Huỳnh Văn Tấn" stands on its own line)."""
    named = any(_is_person_name(ln.text) for ln in lines)
    out: list[Line] = []
    for ln in lines:
        cut = None
        if ln.text[:1] in "-–•+":
            for m in re.finditer(r"[;.,]\s+(?=\S)", ln.text):
                rest = ln.text[m.end():]
                # After "," only a whole name: "- Các cơ quan ... tại mục 2, Đoàn Văn Lực"
                # (the item goes on, "3;", on the next line; n21 dev text layer).
                if _LONE_CODE.match(rest):
                    continue  # "- Lưu: VI; VP": a unit of the list, no signature line
                if (not named and _is_person_name(rest) if m.group(0)[0] == ","
                        else _signature_line(rest)):
                    cut = m
                    break
        office = _GLUED_OFFICE.search(ln.text) if ln.text[:1] in "-–•+" else None
        head = ln.text[: office.start()] if office else ""
        if cut is None and office and head != head.upper():
            # "- Ban Chỉ đạo các CTMTQG thành phố CHỦ TỊCH UBND HUYỆN" + "(b/c);": the right
            # column's office, in capitals, read into a wrapped item that has no ";" yet (n73
            # dev digital PDF).
            parts = (ln.text[: office.start()].rstrip(), ln.text[office.start():].strip())
            out += [Line(ln.page_no, ln.line_no, g, g, ln.emphasised, ln.ocr) for g in parts]
        elif cut is not None:
            parts = (ln.text[: cut.start() + 1], ln.text[cut.end():])
            out += [Line(ln.page_no, ln.line_no, g, g, ln.emphasised, ln.ocr) for g in parts]
        else:
            out.append(ln)
    return out


# An item's dash OCR read as another speck ("ˆ Ủy ban MTTQ Việt Nam xã;", n70 dev on a second
# medium damage seed: the list stopped before it): one or two specks, a space, a capital.
_DASH_SPECK = re.compile(r"^[ˆ^~*·°>»›_=¬'`\"]{1,2}\s+(?=[A-ZĐÀ-Ỹ])")


def _footer(lines: Sequence[Line], rec_idx: int) -> tuple[tuple[str, ...], str | None, str | None]:
    recipients: list[str] = []
    authority: str | None = None
    signer: str | None = None
    last_end = last_raw = ""
    last_at = (0, 0)  # line of the last recipient item
    if rec_idx < len(lines):
        authority = _authority(lines[rec_idx].text[len("Nơi nhận"):])
        lines = [*lines[: rec_idx + 1], *_split_footer_columns(lines[rec_idx + 1:])]
        done = False
        after_item = False  # the line before was a recipient item
        for ln in lines[rec_idx + 1:]:
            t = _DASH_SPECK.sub("- ", ln.text) if ln.ocr else ln.text
            if (recipients and after_item and not done and not t.startswith(("-", "–"))
                    and (arch := vocab.archive_item(t, lax=True)
                         or vocab.archive_item_specked(t, lax=True))):
                # The archive item whose dash OCR lost and whose label it garbled ("TTẦU;:
                # VÌ, VELDIE,"): right after the last item only it can stand there.
                recipients.append(arch)
                done = True
                continue
            after_item = False
            if recipients and _signature_line(t):
                if (ln.page_no, ln.line_no) != last_at:
                    # no wrapped item continues across the signature block, except after a
                    # name split off its own line ("- ... tại mục 2, Đoàn Văn Lực" + "3;") or
                    # an office split off an item that wraps on ("(b/c);")
                    last_end = ";"
                continue  # the signature column read between two recipients (text layer)
            m = re.match(r"^[-–•+]\s*(.+)$", t)
            if m and done:
                break  # nothing follows "Lưu: ..." in the list
            if m:
                last_end = t.rstrip()[-1:]
                last_at = (ln.page_no, ln.line_no)
                last_raw = m.group(1).strip()
                item = re.sub(r"[,;.\s]+$", "", m.group(1)).strip()
                done = vocab.fold(item).startswith("luu")  # "Lưu: VT" closes the list
                if re.search(r";\s*\d$", item):  # a page number run into the list
                    item = re.sub(r"\s*[,;.]\s*\d{0,2}$", "", item)
                if item:
                    recipients.append(item)
                    after_item = True
            elif (t and recipients and last_end not in {";", "."} and not _authority(t)
                  and (t != t.upper() or t.rstrip()[-1:] in {";", "."})):
                # A wrapped item: "- Trưởng, Phó BCĐ NTM, ĐTVM, GNBV," + "OCOP tỉnh (để báo cáo);"
                join = vocab.wrap_joiner(last_raw, t) if ln.ocr else " "
                last_raw = f"{last_raw}{join}{t.strip()}"
                recipients[-1] = re.sub(r"[,;.\s]+$", "", last_raw)
                last_end = t[-1:]
                after_item = True
            elif (t and recipients and last_end == ";" and t.rstrip().endswith(";")
                  and t[:1].isupper() and t != t.upper() and not _authority(t)):
                # "Ủy ban MTTQ Việt Nam xã;" between two items: its dash lost on a scan (n70
                # dev scans: the list stopped after three items)
                last_end = ";"
                last_at = (ln.page_no, ln.line_no)
                last_raw = t.strip()
                recipients.append(re.sub(r"[,;.\s]+$", "", last_raw))
                after_item = True
            elif t and recipients:
                break
    if any(ln.ocr for ln in lines[rec_idx:]):
        recipients = [vocab.mend_recipient(r) for r in recipients]
        if recipients and (arch := vocab.last_archive_item(recipients[-1])):
            recipients[-1] = arch  # "- 0U: Vĩ." closing the list: its archive item
    tail_start = rec_idx if rec_idx < len(lines) else max(0, len(lines) - 25)
    for ln in lines[tail_start:]:
        t = ln.text
        if not t or t.startswith(("-", "–")):
            continue
        a = _authority(t)
        if a:
            authority = a  # "TM. ỦY BAN ... / KT. CHỦ TỊCH": the line nearest the signer wins
        if _is_person_name(t):
            signer = t
    return tuple(recipients), authority, signer
