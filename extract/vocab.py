"""The normalised-text layer of extract/: closed vocabularies matched without diacritics, and
every table of OCR confusions that extract/ knows about.

Tesseract `vie` returns valid but wrong syllables for a handful of closed-vocabulary words
("Chiêu:" for "Chiều:", "Buổi sang" for "Buổi sáng", "Đức" for "Đ/c", "I1" for "II"). Matching
those words by exact spelling turns markers into task rows, so every other module of extract/
asks this one (`session_marker`, `weekday_number`, `is_comrade`, `roman_value`, ...) and never
spells a glyph confusion itself. Matching works on the *folded* form: NFC -> no diacritics ->
"đ" as "d" -> lower case -> runs of non-alphanumerics as one space. Folding alone absorbs every
confusion that only changes a diacritic (Chiêu/Chiều/Chiếu, sang/sáng, Buối/Buổi); the tables
below hold the confusions that change a letter, each with the effect measured when it was added.
"""

from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """Diacritic-free, lower-case, punctuation-as-space form used for every vocabulary match."""
    s = unicodedata.normalize("NFD", text)
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    s = s.replace("đ", "d").replace("Đ", "D").lower()
    return _NON_ALNUM.sub(" ", s).strip()


# ---------------------------------------------------------------------------------------------
# Document types (Decree 30/2020 type names). The code is the folded name with "_" for spaces:
# a stable key for grouping that does not depend on how the type line was typed or OCR'd.
# Longest names first so "CHƯƠNG TRÌNH CÔNG TÁC" wins over "CHƯƠNG TRÌNH".
DOC_TYPE_NAMES = (
    "CHƯƠNG TRÌNH CÔNG TÁC", "LỊCH CÔNG TÁC", "LỊCH LÀM VIỆC", "KẾ HOẠCH", "THÔNG BÁO",
    "CHỈ THỊ", "QUYẾT ĐỊNH", "BÁO CÁO", "TỜ TRÌNH", "CÔNG VĂN", "NGHỊ QUYẾT", "HƯỚNG DẪN",
    "ĐỀ ÁN", "CHƯƠNG TRÌNH", "KẾT LUẬN", "BIÊN BẢN", "CÔNG ĐIỆN", "QUY CHẾ", "QUY ĐỊNH",
    "PHƯƠNG ÁN", "DỰ ÁN", "GIẤY MỜI",
)
_DOC_TYPE_FOLDED = sorted(((fold(n), n) for n in DOC_TYPE_NAMES), key=lambda x: -len(x[0]))
LETTER = "cong_van"  # a letter: no type line, a "V/v" (về việc) summary line instead


def doc_type_code(name: str) -> str:
    """"KẾ HOẠCH" -> "ke_hoach", "Lịch công tác" -> "lich_cong_tac"."""
    return fold(name).replace(" ", "_")


def doc_type_name(line: str) -> str | None:
    """The type name a type line starts with, as written in the line (None if it names none).
    The line must be in capitals: a sentence that starts "Kế hoạch ..." is not a type line."""
    t = line.strip()
    if not t or t != t.upper():
        return None
    f = fold(t)
    for folded, _ in _DOC_TYPE_FOLDED:
        if f == folded or f.startswith(folded + " "):
            n_words = len(folded.split())
            return " ".join(t.split()[:n_words])
    return None


# "V/v", "V/v:", "V/V", "v/v" and the OCR reading "V/y" open a letter's summary line.
# Effect: without it a letter (công văn) has no type and no title (issue 11, cause 8).
_VV = re.compile(r"^\s*[Vv]\s*/\s*[vVyY]\s*[:.]?\s*(?P<rest>\S.*)$")


def subject_line(line: str) -> str | None:
    """The summary after "V/v" on a letter's subject line, or None."""
    m = _VV.match(line)
    return m.group("rest").strip() if m else None


# ---------------------------------------------------------------------------------------------
# Time cells of assignment tables that are no deadline ("Thường xuyên", "Liên tục") or a
# recurring one ("Hằng quý", "Hàng tháng", "Định kỳ 6 tháng"). Folding makes "hằng"/"hàng" one
# word. Effect (n01, dev): "Hằng quý" recurring instead of no deadline (deadline_kind 10/12 ->
# 11/12 matched rows); "Thường xuyên" no longer copied into deadline_text.
_NO_DEADLINE = ("thuong xuyen", "lien tuc", "hang ngay", "khi co yeu cau", "theo yeu cau")
_RECURRING_CELL = re.compile(r"^(?:hang|moi|dinh ky)\b.{0,20}\b(?:ngay|tuan|thang|quy|nam)\b")


def no_deadline_cell(text: str) -> bool:
    """A time cell that means "no deadline": ongoing work."""
    f = fold(text)
    return any(f == w or f.startswith(w + " ") for w in _NO_DEADLINE)


def recurring_cell(text: str) -> bool:
    """A time cell that names a period rather than a date: "Hằng quý", "Định kỳ hằng tháng"."""
    return bool(_RECURRING_CELL.match(fold(text)))
