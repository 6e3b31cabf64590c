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

import functools
import itertools
import re
import unicodedata

from rapidfuzz.distance import Levenshtein

from vanban.models.aliases import well_formed

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
LETTER_NAME = "Công văn"
# Types read for metadata only: a decision's articles are legal provisions (members, effect,
# "Điều 4. ... chịu trách nhiệm thi hành"), no work items (data/testdocs/new gold: n10, n25
# have no tasks; 10 false tasks on dev text before).
NO_TASK_TYPES = frozenset({"quyet_dinh"})


def doc_type_code(name: str) -> str:
    """"KẾ HOẠCH" -> "ke_hoach", "Lịch công tác" -> "lich_cong_tac"."""
    return fold(name).replace(" ", "_")


def doc_type_name(line: str) -> str | None:
    """The type name a type line starts with (None if it names none), spelled right: a type
    line is in capitals, so its name is one of DOC_TYPE_NAMES, and OCR's "KÉ HOẠCH" or
    "QUYÉT ĐỊNH." is that name misread (dev scans). The line must be in capitals: a sentence
    that starts "Kế hoạch ..." is not a type line."""
    t = line.strip()
    if not t or t != t.upper():
        return None
    f = fold(t)
    for folded, name in _DOC_TYPE_FOLDED:
        if f == folded or f.startswith(folded + " "):
            return name
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


# A table's time cell "Trước 15/12/2024" as OCR reads it: "Từ 15/12/2024" (the "rư" and "ớc"
# lost), a start date with no end. Only where the same table writes "Trước <date>" in other
# cells (plan_table). Effect: n16 light and n36 light/medium dev scans, deadline None -> right.
_BEFORE_DATE = re.compile(r"^truoc\s+(?:ngay\s+)?\d{1,2}\s*/\s*\d{1,2}")
_LONE_FROM = re.compile(r"^tu\s+(?:ngay\s+)?\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{2,4})?$")


def before_date_cell(cell: str) -> bool:
    return bool(_BEFORE_DATE.match(fold_same(cell.strip())))


def lone_from_date(cell: str) -> bool:
    return bool(_LONE_FROM.match(fold_same(cell.strip())))


def recurring_cell(text: str) -> bool:
    """A time cell that names a period rather than a date: "Hằng quý", "Định kỳ hằng tháng"."""
    return bool(_RECURRING_CELL.match(fold(text)))


def fold_same(text: str) -> str:
    """Per-character fold that keeps the length (and punctuation), so a match found in the
    folded text cuts the original text at the same offsets. `text` should be NFC."""
    out = []
    for ch in text:
        base = unicodedata.normalize("NFD", ch)[0]
        out.append("d" if base in "đĐ" else base.lower() if len(base.lower()) == 1 else base)
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# Sessions of a schedule. Tesseract reads "Chiều:" as "Chiêu:"/"Chiếu:", "Buổi chiều" as "Buối
# chiêu", "Buổi sáng" as "Buổi sang": all fold to the same letters, so no table is needed.
# Effect (tests/extract/test_vocab.py, the issue's examples): each such marker was a task row
# and the rows after it kept the previous session; now it is a marker.
# "Tối" (evening) only as a marker of its own: folded it is also "tôi" and "tối đa", so it is not
# looked for inside other text (_SESSION_ANY).
_SESSION_WORD = r"(?P<s>sang|chieu|toi|ca\s+ngay)"
_SESSION_ALONE = re.compile(r"^(?:buoi\s+)?" + _SESSION_WORD + r"$")
_SESSION_INLINE = re.compile(
    r"^\s*(?:buoi\s+" + _SESSION_WORD.replace("?P<s>", "?P<a>") + r"\s*:?|"
    + _SESSION_WORD.replace("?P<s>", "?P<b>") + r"\s*:)\s*(?=\S)"
)
_SESSION_ANY = re.compile(r"(?<![a-z0-9])(?:buoi\s+)?(?P<s>sang|chieu|ca\s+ngay)(?![a-z0-9])")
SESSIONS = {"sang": "sang", "chieu": "chieu", "toi": "toi", "ca ngay": "ca_ngay"}


def _session(word: str) -> str:
    return SESSIONS[re.sub(r"\s+", " ", word)]


def session_marker(text: str) -> str | None:
    """"Buổi sáng", "Chiều:", "Buối chiêu", "Tối" alone in a cell -> sang / chieu / toi /
    ca_ngay."""
    m = _SESSION_ALONE.match(fold(text))
    return _session(m.group("s")) if m else None


def inline_session(text: str) -> tuple[str, str] | None:
    """"Buổi sáng: Họp ..." / "Chiêu: Dự ..." -> (session, the rest as written)."""
    m = _SESSION_INLINE.match(fold_same(text))
    if not m:
        return None
    return _session(m.group("a") or m.group("b")), text[m.end():].strip()


def find_session(text: str) -> tuple[str, int, int] | None:
    """A session word anywhere in a short cell ("Thứ 2 sáng"), with its offsets."""
    m = _SESSION_ANY.search(fold_same(text))
    return (_session(m.group("s")), m.start(), m.end()) if m else None


# ---------------------------------------------------------------------------------------------
# Weekdays of day cells: "Thứ 2".."Thứ 7" in digits or words, "CN"/"Chủ nhật", and the short
# "T2".."T7" of "02/10 (T2)" cells. "Thứ" read "Thú"/"Thư"/"Thử" folds to "thu"; a speck
# read as a letter after the digit ("Thứ 6G", own_d scan) is dropped.
# Offsets refer to the original text (same-length fold).
# In brackets after a date, OCR reads the "T" of "(T4)" as "1", "l" or "I" ("04/10 (14)", n20
# dev light scan: 3 rows lost their day).
# The same "T" opening a cell before its bracketed date, "T2 (03/11)", read as "1" or as "T1"
# ("12 (03/11)", "T14 (05/11)", "T15 (06/11)": n89 dev scans, 8 of 13 rows lost or took
# another day's date). A day number and a date in brackets beside it would contradict each
# other, so before "(dd/" such a token is the weekday (extscan3).
_WEEKDAY = re.compile(
    r"(?<![a-z])(?:thu\s*(?:(?P<n>[2-7])[a-z]?|(?P<w>hai|ba|tu|nam|sau|bay))|t[.\s]?\s?(?P<t>[2-7])|"
    r"(?P<cn>cn|chu\s*nhat))(?![a-z0-9])|(?<=\()t?[1li](?P<p>[2-7])(?=\))"
    r"|^t?[1li](?P<q>[2-7])(?=\s*\(\s*\d{1,2}\s*/)"
)
_WEEKDAY_WORDS = {"hai": "2", "ba": "3", "tu": "4", "nam": "5", "sau": "6", "bay": "7"}


def find_weekday(text: str) -> tuple[str, int, int] | None:
    """("Thứ 4", start, end) for "Thứ Tư", "Thú tư", "T4", "CN", "Chủ nhật"; else None."""
    m = _WEEKDAY.search(fold_same(text))
    if not m:
        return None
    if m.group("cn"):
        return "CN", m.start(), m.end()
    n = m.group("n") or m.group("t") or m.group("w") or m.group("p") or m.group("q")
    return f"Thứ {_WEEKDAY_WORDS.get(n, n)}", m.start(), m.end()


# A day cell's "dd/mm" as OCR misreads it: the slash read as a stroke ("27712" for "27/12": 7,
# 1, l, I, |) or lost ("2712"). A token of 3-5 such characters has several readings; which one
# is meant is for the table around it to say (the weekday written beside it, the dates of the
# rows before and after: extract/schedule.py). Effect on dev scans (bench-extract --forms,
# n43): the "27/12 (T6)" row read "27712 (16)" / "2712 (T6)" was a task row holding the date
# and lost its own task; schedule F1 and task 0.92 -> 1.000 on that document's scans.
_SLASH_MISREADS = "71lI|"
_DAY_TOKEN = re.compile(r"^[0-9lI|]{3,5}$")


def day_month_readings(token: str) -> tuple[tuple[int, int], ...]:
    """Every (day, month) a garbled "dd/mm" token can stand for; () when it is none."""
    if not _DAY_TOKEN.match(token) or not token[0].isdigit() or not token[-1].isdigit():
        return ()
    out: list[tuple[int, int]] = []

    def add(d: str, m: str) -> None:
        if 1 <= len(d) <= 2 and 1 <= len(m) <= 2 and d.isdigit() and m.isdigit():
            pair = (int(d), int(m))
            if 1 <= pair[0] <= 31 and 1 <= pair[1] <= 12 and pair not in out:
                out.append(pair)

    for i in range(1, len(token)):
        add(token[:i], token[i:])  # the slash lost
    for i in range(1, len(token) - 1):
        if token[i] in _SLASH_MISREADS:
            add(token[:i], token[i + 1:])  # the slash read as a stroke
    return tuple(out)


def date_like_cell(cell: str) -> bool:
    """A cell made of a date-like token and little else ("27712 (16)", "2712"): a day cell
    OCR garbled, never an activity."""
    f = fold(cell)
    digits = sum(ch.isdigit() for ch in f)
    return digits >= 3 and not re.search(r"[a-z]{3,}", f) and digits * 2 >= len(f.replace(" ", ""))


def weekday_cell(cell: str) -> str:
    """A cell of a separate THỨ column holds the weekday alone ("Hai", "Tư", "5", "CN"): it
    reads as "Thứ Hai" so the day cell parser knows it (a table with NGÀY | THỨ columns)."""
    f = fold(cell)
    if f in _WEEKDAY_WORDS or (len(f) == 1 and f in "234567"):
        return f"Thứ {cell.strip()}"
    return cell


# Symbols OCR leaves in a day cell from table rules and specks ("Thứ Tư |", "15€CN"): anything
# that is not a letter, a digit or date punctuation. Effect: such a cell was no day cell, so its
# rows kept the previous date (issue 11, cause 1).
_CELL_NOISE = re.compile(r"[^\w\s/.,()\-–:]|_")


# A table rule read as a character at a cell's edge ("Văn phòng Điều phối NTM |", n27 dev
# light scan): a unit, leader or location cell never ends or starts with one.
_EDGE_RULE = re.compile(r"^[\s|¦€]+|[\s|¦€]+$")


def strip_rule_specks(cell: str) -> str:
    return _EDGE_RULE.sub("", cell)


def drop_cell_noise(text: str) -> str:
    return re.sub(r"\s+", " ", _CELL_NOISE.sub(" ", text)).strip()


def only_filler(text: str) -> bool:
    """Nothing left but spaces, punctuation and the word "ngày" (what a parsed day cell may
    keep once its day, weekday and session are taken out)."""
    rest = re.sub(r"\bngay\b", " ", fold(text))
    return not rest.strip()


# ---------------------------------------------------------------------------------------------
# "Đ/c" (đồng chí) before a leader's name, as OCR reads it. Confusions seen in the issue's
# medium scans: "Đức", "Đíc" (the slash read as a letter), "Đ/e", "D/c", "Đlc", "Đ1c", "Đ/C".
# Only a two-word item "<prefix> <Name>" is rewritten: a person called Đức is written "Đ/c Đức".
# Effect: leaders "Đức Tâm" -> "Đ/c Tâm" (tests/extract/test_vocab.py).
_COMRADE_OCR = {"d c", "duc", "dic", "d e", "dlc", "d1c", "dc", "d l c", "d 1 c"}


def comrade(item: str) -> str:
    """"Đức Tâm" -> "Đ/c Tâm" when the first word is an OCR reading of "Đ/c".

    A full name after it counts too ("Đức Lường Văn Tiến" -> "Đ/c Lường Văn Tiến", n51 light
    scan): a capitalised "Đức" (or another reading) followed by two to four capitalised words
    is the prefix, since a person is written "Đ/c <full name>" and no one is surnamed "Đức".
    The OCR word must be capitalised there ("đức" in running text is a word of its own)."""
    words = item.split()
    if len(words) < 2:
        return item
    name = words[-1]
    head = " ".join(words[:-1])
    if not name[:1].isupper() or re.fullmatch(r"[Đđ]/c\.?", head):
        return item  # already spelled right (as written, whatever its case)
    if fold(head) in _COMRADE_OCR and len(head) <= 4:
        return f"Đ/c {name}"
    first, rest = words[0], words[1:]
    if (3 <= len(words) <= 5 and first[:1] in "ĐD" and len(first) <= 4
            and fold(first) in _COMRADE_OCR and all(w[:1].isupper() for w in rest)):
        return f"Đ/c {' '.join(rest)}"
    return item


# ---------------------------------------------------------------------------------------------
# Roman numerals of quarters ("quý II/2021") as OCR reads them: "I1", "1I", "Il", "H" (II),
# "HI"/"IH"/"Hl"/"IIl" (III), "lV"/"1V" (IV), "l" (I). Effect: "trong quý I1/2021" had no
# deadline; now 30/6/2021 (tests/extract/test_vocab.py). "quý II1/2024" (III) had none on
# 4 dev scan rows (n01, n07, n30).
# Generated: every run of one to three strokes read as "I", "l", "1" or "|" is that many
# (so "II1", seen on n07/n30 dev scans for "III", is 3); "H" is two strokes, "H" with one
# more stroke on either side three; a stroke before "V" is IV.
_STROKES = ("I", "l", "1", "|")
_ROMAN_OCR = {"".join(p): n for n in (1, 2, 3)
              for p in itertools.product(_STROKES, repeat=n)}
_ROMAN_OCR.update({"H": 2, **{f"{a}H": 3 for a in _STROKES},
                   **{f"H{a}": 3 for a in _STROKES}, **{f"{a}V": 4 for a in _STROKES}})
# "IIH" (n57 medium dev scan, "trong quý IIH/2025" for III): two strokes and an "H" in any
# order. Counted as strokes it would be four, but a quarter has no IIII: IV needs its V, so
# the only quarter it can be is III.
_ROMAN_OCR.update({"".join(p): 3 for a in _STROKES for b in _STROKES
                   for p in itertools.permutations((a, b, "H"))})
# Regex alternation of every quarter token (longest first), for the deadline patterns.
QUARTER_TOKEN = "|".join(sorted((re.escape(k) for k in _ROMAN_OCR), key=len, reverse=True))


def roman_value(token: str) -> int | None:
    """Quarter number of a Roman numeral (or its OCR reading) or of a digit 1-4."""
    t = token.strip()
    if t in ("1", "2", "3", "4"):  # not str.isdigit: "²" is a digit to it (hypothesis)
        return int(t)
    # A stroke read as a capital L ("quý L/2024" for "quý I", bench-scans t2 fax, helper
    # scans2): the deadline patterns match it case-blind, so the value must read it too.
    return _ROMAN_OCR.get(t) or _ROMAN_OCR.get(t.upper()) or _ROMAN_OCR.get(t.replace("L", "l"))


# ---------------------------------------------------------------------------------------------
# Clock times of schedules: "7h30", "14h00", "8 giờ", "13 giờ 30", "7g30", "14:00", "8 giờ 30
# phút"; OCR's "gìờ"/"giở" fold to "gio". The hour decides the session (< 12 sang, else chieu).
_CLOCK = re.compile(
    r"(?<![0-9a-z])(?P<h>[01]?[0-9]|2[0-3])\s*(?:h|gio|g|:)\s*(?P<m>[0-5][0-9])?(?:\s*phut)?"
    r"(?![0-9a-z])"
)


def find_clock(text: str) -> tuple[str, int, int, int] | None:
    """(the time as written, hour, start, end) of the first clock time in `text`."""
    m = _CLOCK.search(fold_same(text))
    if not m:
        return None
    return text[m.start():m.end()].strip(), int(m.group("h")), m.start(), m.end()


def clock_session(hour: int) -> str:
    """Convention of issue 11: a time before 12:00 is the morning, 12:00 or later afternoon."""
    return "sang" if hour < 12 else "chieu"


# ---------------------------------------------------------------------------------------------
# The recipients list's fixed elements (Decree 30): the archive item "Lưu: VT, <unit>" (VT =
# văn thư) and "(b/c)" (để báo cáo). OCR reads "VT" as "VL", "VŨ", "VI", "VD" and drops the
# comma after it, "b/c" as "b/C", and a comma inside an item as ";". OCR'd pages only.
# Effect on the dev scans (bench-extract --forms, with the footer split): recipients
# 0.048 -> 0.714 (light), 0.143 -> 0.810 (medium).
_ARCHIVE = re.compile(r"^(?P<l>L[ưu]u\s*:\s*)(?P<v>V[^\W\d_])(?=[\s,.;]|$)[\s,]*(?P<rest>.*)$")
# "(b/c)" also as "(b/ )", "(hb/ )" (a speck before it, the "c" lost): n03, n29 dev scans.
# "(b/€)" with the "c" read as a euro sign (n80 medium dev scan).
# "(h/C)" with the "b" read as "h" (n71 medium dev scan), "(h/ )" with the "c" lost too (n91
# medium dev scan; extscan3): "h/" opens no other note of a recipient list.
# "(để b/ )" with "để" before it (n112 medium dev scan; extscan4).
_BC = re.compile(r"\(\s*(?P<de>để\s+)?(?:[a-z]?b\s*/\s*[c€]?|h\s*/\s*[c€]?)\s*\)", re.IGNORECASE)
# "Lưu: VTNN": the comma after VT lost, the unit glued to it (n03 dev light scan).
_ARCHIVE_GLUED = re.compile(r"^(?P<l>L[ưu]u\s*:\s*)VT(?P<u>[A-ZĐ]{2,5})(?=[\s,.;]|$)")
# "mục l1" for "mục II": a Roman numeral read as strokes I/l/1/| (n14, n16 dev scans); only a
# token mixing letters and digits, so "mục 11" stays.
_ITEM_ROMAN = re.compile(r"\b(?P<w>[Mm]ục\s+)(?P<n>[Il1|]{2,3})(?=[\s,;.]|$)")


# "Như trên" (the addressees above) as OCR reads it ("Nhu trẽn", "Nlư trên"): a short item one
# edit from it folded; "Như mục II" / "Như Điều 3" keep their reference. OCR pages only.
def _fixed_item(item: str) -> str:
    f = fold(item)
    if len(f) <= 10 and Levenshtein.distance(f, "nhu tren") <= 1:
        return "Như trên"
    m = re.match(r"^(\S{2,4})\s+(mục|Điều|điều)\s+(\S+)$", item)
    if m and m.group(1) != "Như" and Levenshtein.distance(fold(m.group(1)), "nhu") <= 1:
        return f"Như {m.group(2)} {m.group(3)}"
    return item


def mend_recipient(item: str) -> str:
    """A recipient item as OCR read it, with the list's fixed elements restored."""
    item = archive_item(item) or archive_item_specked(item) or item
    item = _fixed_item(item)
    item = mend_agency_words(item)  # an item wrapped over two lines: "thuộc UBND" + "xa;"
    item = mend_office_pair(item)
    item = _BC.sub(lambda m: "(để b/c)" if m.group("de") else "(b/c)", item)
    item = drop_trailing_specks(item)
    item = _ARCHIVE_GLUED.sub(lambda m: f"{m.group('l')}VT, {m.group('u')}", item)
    item = _ITEM_ROMAN.sub(lambda m: m.group("w") + "I" * len(m.group("n"))
                           if not m.group("n").isdigit() else m.group(0), item)
    # A full stop inside an item after a lower-case word, before a capitalised one, is a speck
    # ("Các ban, Văn phòng. Đảng ủy", n86 light and medium dev scans): an item is one noun
    # phrase; abbreviations keeping their dot ("TT. HĐND") are upper-case.
    item = re.sub(r"(?<=[a-zà-ỹđ]{2})\.(?=\s+[A-ZĐÀ-Ỹ])", "", item)
    # An item ends at its ";": one inside it, before a lower-case word, is a misread comma
    # ("CT; các PCT UBND huyện").
    item = re.sub(r";(?=\s+[a-zà-ỹđ])", ",", item)
    # ... and so is one after an item's opening abbreviation, before another ("CT; PCT UBND
    # huyện", n94 light dev scan; extscan3): a list of offices is one item. Not mid-item: "Phòng
    # Nông nghiệp và PTNT; UBND các xã" names two units.
    item = re.sub(r"^(?P<a>[A-ZĐ]{2,5});(?=\s+[A-ZĐ]{2,5}\b)", r"\g<a>,", item)
    m = _ARCHIVE.match(item)
    if m and m.group("v").upper() not in ARCHIVE_UNITS:
        rest = m.group("rest").strip()
        item = f"{m.group('l')}VT" + (f", {rest}" if rest else "")
    return item


# Units a "Lưu:" item may name by a two-letter abbreviation of its own: VT (văn thư) and VP
# (văn phòng, "Lưu: VP." in n52). Such a token is what the page says, not a misreading of VT,
# so the archive mending keeps it: mend only on evidence (n52 light and medium scans came back
# "Lưu: VT" for "Lưu: VP.").
ARCHIVE_UNITS = frozenset({"VT", "VP"})


# The archive item however OCR read its label ("LƯU: VÌ", "Luu; VT", "-LƯU: VL", "TTẦU;: VÌ,
# VELDIE,"): a short word, a colon, then the văn thư token (V and one or two letters). The
# label is only trusted near "Lưu" (one edit) unless the list's position vouches for the line
# (`lax`: the line right after the last item, where only the archive item can stand).
# Effect on dev scans (bench-extract --forms): n46 light "LƯU: VÌ", n48 light (the "Lưu:" line
# read "TTẦU;: VÌ, VELDIE," without its dash, so the list lost it), n33 medium "Lưu: VLE".
_ARCHIVE_ANY = re.compile(r"^[-–•+.]?\s*(?P<lab>[^\W\d_]{1,5})\s*(?P<sep>[:;,.]{0,3})\s*"
                          r"(?P<v>V[^\W\d_]{0,2})(?=[\s,.;]|$)[\s,.;]*(?P<rest>.*)$",
                          re.IGNORECASE)


def archive_item(text: str, lax: bool = False,
                 known: frozenset[str] = frozenset()) -> str | None:
    """"Lưu: VT[, unit]" for a line that is the recipients list's archive item as OCR read
    it; None otherwise. A three-letter V token is VT only with nothing after it and when the
    document does not write it as an acronym of its own (`known`)."""
    m = _ARCHIVE_ANY.match(text.strip().lstrip("“\"'‘`*"))
    if not m:
        return None
    lab, v, rest = fold(m.group("lab")), m.group("v"), m.group("rest").strip(" ,;.")
    if not (lax or Levenshtein.distance(lab, "luu") <= 1):
        return None
    if not m.group("sep") and Levenshtein.distance(lab, "luu") > 1:
        return None  # without its colon only a label near "Lưu" vouches ("“IUU VL, KHÍLH,")
    if len(v) == 3 and (rest or v.upper() in known or v.upper() in ACRONYM_LEXICON):
        return None
    unit = v.upper() if v.upper() in ARCHIVE_UNITS else "VT"
    # "Lưu VT." without a colon is how some offices write it (Party and union bodies, n81,
    # n83 dev); OCR read the colon on every dev scan that has one, so a label spelled right
    # with no separator after it is written as the page has it.
    label = "Lưu " if not m.group("sep") and m.group("lab") == "Lưu" else "Lưu: "
    return f"{label}{unit}" + (f", {_copies(rest)}" if rest else "")


# "VP(2b)": the unit and how many copies it keeps; OCR adds a letter inside ("VP(2Đb)", n80
# light and n84 medium dev scans). A bracket of digits, at most two other glyphs, then "b".
# The "b" itself read as another letter ("VPĐP (02Đ)", n112 light dev scan; extscan4): one
# letter after the count in an archive item's bracket is "bản" abbreviated.
_COPIES = re.compile(r"\((\d{1,2})(?:[^\d()\s]{1,2}b|[^\W\d_b])\)")


def _copies(rest: str) -> str:
    return _COPIES.sub(lambda m: f"({m.group(1)}b)", rest)


# "mục II" in "Các cơ quan, đơn vị có tên tại mục II" with its numeral read as other strokes
# ("lư", "lT", "Ïlĩ"): a token of 1-4 stroke-like glyphs that is no numeral. Which numeral it
# was is the document's to say (api.mend_recipients: the Roman section holding the most owned
# tasks). Effect on dev scans: n44 light "mục lư" and medium "mục lT", n14 medium "mục Ïlĩ".
# In the closed phrase "có tên tại mục X" the token after "mục" can only be a numeral, so any
# short token there is one, garbled ("mục lợi", "mục 52:": n16 medium, n06 light).
_ITEM_STROKES = re.compile(r"\b(?P<w>[Mm]ục\s+)(?P<n>[IlLiTtıïÏĩĨíÍìÌ1|!ưƯuU]{1,4})(?=[\s,;.]|$)")
_ITEM_IN_PHRASE = re.compile(r"\btại\s+(?P<w>mục\s+)(?P<n>[^\s,;.]{1,4})(?=[\s,;.]|$)",
                             re.IGNORECASE)


def garbled_item_numeral(item: str) -> tuple[int, int, str] | None:
    """(start, end, token) of a "mục" numeral OCR garbled in a recipient item: no Roman
    numeral and no plain number (a numeral as written is never changed)."""
    m = _ITEM_IN_PHRASE.search(item) or _ITEM_STROKES.search(item)
    if not m or m.group("n") in ROMAN_NUMERALS or re.fullmatch(r"\d{1,2}", m.group("n")):
        return None
    if m.group("n") in {"này", "trên", "sau", "dưới", "đó", "kia"}:
        return None  # "tại mục này": a reference in words, not a numeral
    return m.start("n"), m.end("n"), m.group("n")


# The word "mục" of the closed phrase "có tên tại mục X" read short ("tại uc 2, đ", n21 dev
# light scan): after "có tên tại", a word of two or three letters one edit from "muc" folded,
# before a numeral, is "mục".
_ITEM_WORD = re.compile(r"(?P<h>\bcó tên tại\s+)(?P<w>[^\W\d_]{2,3})(?=\s+[\dIVX])",
                        re.IGNORECASE)


def mend_item_word(item: str) -> str:
    def fix(m: re.Match[str]) -> str:
        w = fold(m.group("w"))
        return m.group("h") + ("mục" if w != "muc" and _one_edit(w, "muc") else m.group("w"))

    return _ITEM_WORD.sub(fix, item)


# A list of numbered sections after "mục" ("mục 2, đ": the 3 read as đ, n21 dev light scan):
# (start, end) of each list member that is one glyph and no numeral. Which section it was is
# the document's to say (api.mend_recipients).
_ITEM_LIST = re.compile(r"\bmục\s+\d{1,2}(?:\s*,\s*(?:\d{1,2}|[^\W\d_]))+(?=[\s;.]|$)")


def garbled_list_members(item: str) -> tuple[list[tuple[int, int]], set[str]]:
    """The garbled members' spans and the numerals the list writes right."""
    m = _ITEM_LIST.search(item)
    if not m:
        return [], set()
    holes = [(m.start() + x.start(1), m.start() + x.end(1))
             for x in re.finditer(r",\s*([^\W\d_])(?=\s*,|$)", m.group(0))]
    return holes, set(re.findall(r"\d+", m.group(0)))


# Office abbreviations written side by side in a recipient item ("CT, PCT UBND tỉnh"): OCR
# loses the comma between them ("CT PCT"). Effect: n31 dev light scan.
_OFFICES = ("CT", "PCT", "TT", "CVP", "PCVP", "GĐ", "PGĐ", "TP", "PTP")
_OFFICE_PAIR = re.compile(r"\b(?P<a>" + "|".join(_OFFICES) + r")\s+(?P<b>(?:các\s+)?(?:"
                          + "|".join(_OFFICES) + r"))\b")


def mend_office_pair(item: str) -> str:
    return _OFFICE_PAIR.sub(lambda m: f"{m.group('a')}, {m.group('b')}", item)


# An office code with OCR debris glued to it ("CTL; các PCT UBND huyện", n100 dev light scan: a
# speck after the T read as L): a capitals token that is no office code, no standard acronym
# and not written elsewhere in the document (`seen`: the document's token counts), and that
# one stroke letter (I, L: what a speck or rule reads as) removed makes exactly one office
# code, is that code. Codes of two letters only
# grow to three; a longer token is an acronym in its own right too often.
_CAPS_TOKEN = re.compile(r"(?<![\w&])[A-ZĐ]{3}(?![\w&])")


def mend_office_debris(item: str, seen: dict[str, int]) -> str:
    def fix(m: re.Match[str]) -> str:
        tok = m.group(0)
        if tok in _OFFICES or tok in ACRONYM_LEXICON or seen.get(tok, 0) > 1:
            return tok
        near = {tok[:i] + tok[i + 1:] for i in range(len(tok)) if tok[i] in "IL"} & set(_OFFICES)
        return near.pop() if len(near) == 1 else tok

    return _CAPS_TOKEN.sub(fix, item)


# The văn phòng unit of an archive item ("Lưu: VT, VP") with its P misread as a letter of the
# same top bowl or stem ("VE", n99 dev light and medium scans). Only these look-alikes: "VX"
# (văn xã) and other real units differ from VP by a letter of another shape.
_P_LOOKALIKES = frozenset("EFRBDĐ")


def mend_archive_vp(unit: str, known: set[str]) -> str:
    """"VP" for a two-letter unit V + a look-alike of P the document names nowhere (above)."""
    if (len(unit) == 2 and unit[0] == "V" and unit[1] in _P_LOOKALIKES
            and unit not in known):
        return "VP"
    return unit


# Agency names give their own abbreviations ("Phòng Tài nguyên và Môi trường" -> TNMT, "Văn
# phòng Điều phối" -> VPĐP): the unit after "Lưu: VT," is matched against those of the agencies
# the document names (recipients, owners). Effect: n45 dev light scan "TNMTT" -> "TNMT".
_NAME_HEADS = ("Sở", "Phòng", "Ban", "Văn phòng", "Trung tâm", "Chi cục", "Cục", "Bộ", "Ủy ban",
               "Hội", "Đài", "Báo", "Đoàn", "Công an", "Quỹ")
_STOP_WORDS = {"va", "huyen", "tinh", "xa", "thi", "thanh", "pho", "cac", "quan"}
# A preposition ends the name in a sentence ("Phòng X để được hướng dẫn"); matched as written
# (folded, "tại" would be "Tài" of "Tài nguyên").
_NAME_ENDS = {"để", "về", "tại", "theo", "trong", "với", "cho", "đến", "từ", "khi", "nếu", "được"}


def agency_initials(name: str) -> set[str]:
    """Abbreviations an agency name is written with: the initials of its words after the head
    (without "và" and the territory), with and without a two-word head."""
    name = tidy_spaces(name)
    out: set[str] = set()
    for head in sorted(_NAME_HEADS, key=len, reverse=True):
        if fold(name).startswith(fold(head) + " "):
            words = name[len(head):].replace("-", " ").split()
            init = ""
            for w in words:
                if fold(w) in _STOP_WORDS or w in _NAME_ENDS or not w[:1].isalpha():
                    if fold(w) == "va":
                        continue
                    break
                if w.isupper() and len(w) > 1:
                    break  # an acronym ends the spelled-out part ("Nông nghiệp và PTNT")
                init += w[0].upper()
            if len(init) >= 2:
                out.add(init)
                if " " in head:
                    out.add("".join(x[0].upper() for x in head.split()) + init)
            break
    return out


def tidy_spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def mend_unit(token: str, known: set[str]) -> str:
    """A unit abbreviation one edit from exactly one abbreviation the document's agencies
    give, and not one of them itself, is that abbreviation (Đ and D alike)."""
    if token in known or not token.isupper() or len(token) < 3:
        return token  # a two-letter unit ("TH", "NN") is one edit from too many others
    if token in ACRONYM_LEXICON:
        return token  # "VPĐP" is no misreading of "VPĐPNT" (n73 dev scans)
    near = {k for k in known if _one_edit(token.replace("Đ", "D"), k.replace("Đ", "D"))}
    if not near and len(token) >= 4:
        # Two edits for a longer token, when exactly one of the document's own abbreviations
        # is that close ("KHÍLH" with "152/VPĐP-KHTH" the number: n32 dev light scan).
        near = {k for k in known if len(k) >= 3 and Levenshtein.distance(
            fold(token).upper(), fold(k).upper()) <= 2}
    return near.pop() if len(near) == 1 else token


# ---------------------------------------------------------------------------------------------
# Closing paragraphs after the last item (issue 11, cause 7): "Yêu cầu các sở ... nghiêm túc
# thực hiện. Văn phòng X có trách nhiệm theo dõi ...", "Chủ tịch UBND huyện yêu cầu ... Giao
# Phòng Y theo dõi ...". The exhortation names who must act in general and is no task; the
# assignment that follows it is (owner X / Y, section None), even when it ends the document
# with "./.". Effect on dev text (data/testdocs/new): 5 missed closing tasks found (n03, n09,
# n16, n23, n30), none added elsewhere.
_EXHORT = re.compile(r"^(?:yeu cau|de nghi cac|(?:\S+ ){1,8}yeu cau )")
_ASSIGNS = re.compile(r"^giao |\b(?:co|chiu) trach nhiem\b")
_SENTENCE_END = re.compile(r"(?<=[.;])\s+(?=[A-ZĐÀ-Ỹ])")


# A request to carry the document out, with no work of its own ("X đề nghị UBND các huyện
# quan tâm, phối hợp thực hiện"): the closing formula even when OCR lost its "./." (n32 dev
# medium scan: it was a task).
_GENERIC_CLOSE = re.compile(r"\b(?:de nghi|yeu cau)\b.*\b(?:quan tam|phoi hop|chi dao|trien khai|"
                            r"nghiem tuc|to chuc)(?: (?:phoi hop|nghiem tuc|kip thoi|to chuc))?"
                            r" thuc hien(?: tot| nghiem tuc| co hieu qua)?$")


def is_exhortation(sentence: str) -> bool:
    """"Yêu cầu Thủ trưởng các cơ quan ... nghiêm túc triển khai", "Chủ tịch UBND huyện yêu
    cầu ...": who must act in general, no work item of its own."""
    return bool(_EXHORT.match(fold(sentence)))


def generic_close(text: str) -> bool:
    """One short request to carry the document out, with no work of its own."""
    f = fold(text)
    return len(sentences(text)) == 1 and len(f.split()) <= 30 and bool(_GENERIC_CLOSE.search(f))


def assigns_work(sentence: str) -> bool:
    """"Giao X theo dõi ...", "X có trách nhiệm theo dõi ...": an explicit assignment."""
    return bool(_ASSIGNS.search(fold(sentence)))


# A sentence that states where the money comes from ("Kinh phí thực hiện từ nguồn ngân sách
# ...", "Nguồn vốn: ..."): it assigns nothing; an agency-led sentence after it in the same
# paragraph still does (issue 11, blind run 2 cause 4).
_FUNDING = re.compile(r"^(?:nguon\s+)?(?:kinh phi|von|nguon von)\b")


def states_funding(sentence: str) -> bool:
    """"Kinh phí thực hiện từ nguồn ngân sách huyện ...": a funding statement, no task."""
    return bool(_FUNDING.match(fold(sentence.strip())))


def sentences(text: str) -> list[str]:
    """Sentences of a paragraph (a full stop or ";" before a capital); the closing "./."
    stays with the last one."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


# ---------------------------------------------------------------------------------------------
# Event descriptors under an item ("Địa điểm: Hội trường", "Thành phần: ...", "Hình thức: trực
# tuyến"): they describe the event above them and assign nothing. Effect: such lines were
# directive tasks owned by the enclosing heading's agency (issue 11, cause 7).
_DESCRIPTORS = ("dia diem", "thanh phan", "hinh thuc", "thoi gian", "thoi diem",
                "thanh phan tham du", "thanh phan moi", "chu tri", "doi tuong", "so luong",
                "quy mo")


# An item's fields written as bullets under it, in plans: "- Đơn vị chủ trì: X", "- Cơ quan
# phối hợp: Y", "- Thời gian hoàn thành: trước ngày 31/3/2025", "- Sản phẩm: ...". The field
# name folded -> its role; any other label makes the bullet no field.
_ITEM_FIELDS = (
    (("don vi chu tri", "co quan chu tri", "chu tri", "don vi thuc hien", "co quan thuc hien",
      "don vi chiu trach nhiem", "co quan chiu trach nhiem", "don vi chu tri thuc hien"), "owner"),
    (("don vi phoi hop", "co quan phoi hop", "phoi hop", "don vi phoi hop thuc hien"), "collab"),
    (("thoi gian", "thoi gian hoan thanh", "thoi gian thuc hien", "thoi han", "thoi han hoan thanh",
      "tien do", "tien do thuc hien"), "time"),
    (("san pham", "ket qua", "san pham du kien", "ket qua du kien", "kinh phi", "nguon kinh phi",
      "ghi chu"), "other"),
)


def item_field(text: str) -> tuple[str, str] | None:
    """(role, value) of a field bullet ("Đơn vị chủ trì: Phòng X." -> ("owner", "Phòng X")),
    else None."""
    head, sep, value = text.partition(":")
    if not sep or len(head) > 40 or not value.strip():
        return None
    f = fold(head.lstrip("-–•+ "))
    for names, role in _ITEM_FIELDS:
        if f in names:
            return role, value.strip().rstrip(".;")
    return None


def is_descriptor(text: str) -> bool:
    """"Địa điểm: ..." / "- Thành phần: ...": a label from the list, a colon, then its value."""
    head, sep, _ = text.partition(":")
    return bool(sep) and len(head) <= 30 and fold(head.lstrip("-–•+ ")) in _DESCRIPTORS


# Headings of the part of a report (BÁO CÁO) that assigns work: "nhiệm vụ, giải pháp",
# "phương hướng, nhiệm vụ", "nhiệm vụ trọng tâm". Effect: the narrative results of a report
# yielded false tasks (15 on one report, issue 11); only these sections are read now.
_REPORT_TASK_HEADS = ("nhiem vu", "giai phap", "phuong huong")


def is_report_task_heading(text: str) -> bool:
    f = fold(text)
    return any(w in f for w in _REPORT_TASK_HEADS)


# A submission (TỜ TRÌNH) asks its superior to approve ("kính trình ... phê duyệt"); only its
# proposed division of work ("Tổ chức thực hiện") assigns tasks. Effect on dev text: n11 and
# n26 gave 2 false tasks (the reasons and the request), n26's 3 tasks are kept.
_SUBMISSION_TASK_HEADS = ("to chuc thuc hien", "phan cong", "nhiem vu", "giai phap")


def is_submission_task_heading(text: str) -> bool:
    f = fold(text)
    return any(w in f for w in _SUBMISSION_TASK_HEADS)


# ---------------------------------------------------------------------------------------------
# Which date phrase of a sentence is the deadline. A phrase with a lead word beats a bare period
# that names what is reported ("báo cáo kết quả 6 tháng đầu năm về UBND trước ngày 15/7" ->
# 15/7), and a past date right after a state ("các xã đạt chuẩn trước năm 2016" in a 2021 plan)
# qualifies a noun, so it is no deadline. A "governed by the nearest completion verb" rule was
# tried and dropped: it cost 2 seed deadlines (002: multi-action items keep their first
# deadline). Effect: issue 11, cause 6 (tests/extract/test_deadlines.py); dev bench unchanged.
_QUALIFYING = ("dat chuan", "duoc cong nhan", "cong nhan", "da", "ban hanh")
_LEADS = ("truoc", "trong", "cham nhat", "han", "den", "vao", "thoi gian", "thoi han", "du kien",
          "het", "cuoi", "tu", "hop")


def qualifies_noun(before: str) -> bool:
    """Whether the words right before a date phrase are a state ("đạt chuẩn") it qualifies."""
    tail = " ".join(fold(before).split()[-3:])
    return any(tail == q or tail.endswith(" " + q) for q in _QUALIFYING)


def as_of(before: str) -> bool:
    """"... tính đến ngày 31/8/2023", "tính từ ...": the date a figure is counted to, not a
    time limit (n32 dev: the deadline was the as-of date, not "trước ngày 08/9/2023")."""
    words = unicodedata.normalize("NFC", before).lower().split()
    return bool(words) and words[-1] == "tính"  # not fold(): "tỉnh" (province) folds alike


def has_lead(phrase: str) -> bool:
    """"trước ngày 15/7", "trong quý II" have a lead word; "6 tháng đầu năm" has none."""
    f = fold(phrase)
    return any(f == w or f.startswith(w + " ") for w in _LEADS)


# ---------------------------------------------------------------------------------------------
# The "Số:" label of a document number as OCR reads it ("Sô:", "Sổ:", "Só:", "S6:", "S0:",
# "Số;"): folded "so", "s6", "s0" followed by ":" / ";" / ".". A number has a shape - digits
# and a symbol after "/" ("10/CTCT-BCĐNTM", "05-TB/BCĐ", "/KH-UBND" left blank) - and a body
# line starting "Số lượng ..." has none. Effect: issue 11 cause 8 (a body line became the
# number when the real "Số:" line was garbled); tests/extract/test_vocab.py.
_NUMBER_LABEL = re.compile(r"^\s*(?:so|s6|s0|s o)(?![a-z0-9])\s*[:;.]?\s*(?=\S)")
_NUMBER_SHAPE = re.compile(r"^\d{0,5}(?:-[A-ZĐ][\wĐ]*)?(?:/\d{2,4})?/[0-9A-ZĐ][\wĐ\-.&/]*$")


def number_after_label(line: str) -> str | None:
    """The document number of a "Số: ..." line (spaces out, trailing specks off), or None when
    the line has no such label or what follows has no number's shape."""
    m = _NUMBER_LABEL.match(fold_same(line))
    if not m or line[:1].upper() != line[:1] or len(line) < 3:
        return None
    rest = re.sub(r"\s+", "", line[m.end():]).rstrip("_.,;:'\"|-")
    # a speck read as a quote inside the number ("11/LCT-'VP": n28 dev light scan)
    rest = re.sub(r"(?<=[-/])['\"`‘’|]+|['\"`‘’|]+(?=[-/])", "", rest)
    if not _NUMBER_SHAPE.match(rest) or re.search(r"[a-zà-ỹđ]{3,}", rest):
        return None
    return rest


# ---------------------------------------------------------------------------------------------
# Repeated names read inconsistently within one document ("Tổ KH-NV" on 14 rows, "Tố KH-NV" on
# some): spellings with the same folded form are one name, written the way the document writes
# it most often. A tie changes nothing. Used for units only: applied to leaders it merged two
# real people of seed 001 ("Đ/c Dục" once, "Đ/c Dực" often; leaders 1.000 -> 0.993), since
# Vietnamese names may differ by a diacritic alone.
def majority_spellings(values: list[str]) -> dict[str, str]:
    """{variant: the majority spelling of its folded form} for every minority variant."""
    groups: dict[str, dict[str, int]] = {}
    for v in values:
        g = groups.setdefault(fold(v), {})
        g[v] = g.get(v, 0) + 1
    out: dict[str, str] = {}
    for spellings in groups.values():
        if len(spellings) < 2:
            continue
        ranked = sorted(spellings.items(), key=lambda kv: -kv[1])
        best, n_best = ranked[0]
        if n_best == ranked[1][1]:
            continue
        for v, _ in ranked[1:]:
            out[v] = best
    return out


# ---------------------------------------------------------------------------------------------
# People in a schedule cell: "Đ/c Hải", "đồng chí Phó Chủ tịch", "Chủ tịch UBND huyện", "Phó Bí
# thư". A "CHỦ TRÌ" column of such cells names who chairs (leaders), not a preparing unit.
_PERSON_LEADS = ("d c", "dong chi", "chu tich", "pho chu tich", "bi thu", "pho bi thu",
                 "giam doc", "pho giam doc", "truong phong", "pho truong phong", "chanh van phong",
                 "truong ban", "pho truong ban", "ct ", "pct ")


_OFFICE_ABBR = re.compile(r"^(?:P?CT|P?BT|P?GĐ|P?GD|P?TP|P?TB|CVP|PCVP|UV|TV)(?:\s*UBND.*)?$")


def office_only(piece: str) -> bool:
    """"PCT", "Phó Chủ tịch", "TP": an office without a person's name."""
    p = piece.strip()
    return bool(_OFFICE_ABBR.match(p)) or fold(p) in {
        "chu tich", "pho chu tich", "bi thu", "pho bi thu", "giam doc", "pho giam doc",
        "truong phong", "pho truong phong", "truong ban", "pho truong ban"}


def names_a_person(cell: str) -> bool:
    """Whether a cell names people (a comrade or an office holder), not a unit."""
    f = fold(comrade(cell.strip())) + " "
    return any(f.startswith(w if w.endswith(" ") else w + " ") for w in _PERSON_LEADS)


# ---------------------------------------------------------------------------------------------
# Roman heading numerals as OCR reads them: "II." -> "H." / "Il.", "III." -> "HI.", "IV." ->
# "lV.", and a speck before it (".I."). Digits are left out: "11." is as likely an eleventh
# arabic item. Effect: OCR text has no blank lines or bold, so a heading whose numeral was
# misread was glued to the paragraph before it and its section's tasks fell under an excluded
# "Mục tiêu" heading (issue 11, cause 2); tests/extract/test_vocab.py.
_ROMANISH = re.compile(r"^\.?\s*(?P<label>[IVXLHl|]{1,5})\s*[.)]\s*(?P<rest>.*)$")
ROMAN_NUMERALS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def romanish_heading(text: str) -> tuple[str, str, str] | None:
    """(label as written, the numeral it stands for, the rest) of a line opening with a Roman
    numeral or its OCR reading; None when the label maps to no numeral."""
    m = _ROMANISH.match(text)
    if not m:
        return None
    label = m.group("label")
    fixed = label.replace("H", "II").replace("l", "I").replace("|", "I")
    if fixed not in ROMAN_NUMERALS:
        return None
    return label, fixed, m.group("rest").strip()


# The next Roman heading read as strokes that are not letters ("(1. Nhiệm vụ trọng tâm" for
# "II. Nhiệm vụ trọng tâm", dev h3 on a worn photocopy: the section stayed under "I. Đánh giá
# chung", excluded, and 15 of its 16 tasks were lost). Each of ( | l 1 H stands for a stroke of
# I; accepted only as the numeral the document's last Roman heading makes next (the caller
# passes it), with a capital after the stop, and never for digits alone ("11." is an item).
_I_STROKES = re.compile(r"^(?P<label>[(|lI1H]{2,4})\s*\.\s*(?P<rest>[A-ZĐÀ-Ỹ].*)$")


def stroke_roman_heading(text: str, expected: str) -> str | None:
    """The rest of a line opening with `expected` (a Roman numeral) written in I-like strokes
    (above); None otherwise."""
    m = _I_STROKES.match(text.strip())
    if m is None or m.group("label").isdigit():
        return None
    label = m.group("label").replace("H", "II")
    fixed = "".join("I" if c in "(|l1" else c for c in label)
    return m.group("rest") if fixed == expected else None


def _capitals(rest: str) -> bool:
    letters = [c for c in rest if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def is_roman_heading_line(text: str) -> bool:
    """A Roman-numbered heading line (misread numeral allowed) whose words are in capitals, as
    headings are ("HI. NHIỆM VỤ VÀ GIẢI PHÁP"): it never joins a neighbouring paragraph."""
    r = romanish_heading(text)
    if r is None or not r[2]:
        return bare_roman_heading(text) is not None
    return _capitals(r[2])


# A Roman heading whose dot OCR lost ("II NHIỆM VỤ VÀ GIẢI PHÁP"): the numeral (misreads
# allowed), a space, then a heading in capitals. Effect: n14 dev light scan, the heading was
# read as text under "I. MỤC ĐÍCH, YÊU CẦU" (excluded) and all 9 tasks of its section were lost.
_ROMAN_BARE = re.compile(r"^\.?\s*(?P<label>[IVXLHl|]{1,5})\s+(?P<rest>[A-ZĐÀ-Ỹ].*)$")


def bare_roman_heading(text: str) -> tuple[str, str] | None:
    """(numeral, rest) of a capitals heading whose numeral lost its dot, else None."""
    m = _ROMAN_BARE.match(text.strip())
    if not m or not _capitals(m.group("rest")):
        return None
    fixed = m.group("label").replace("H", "II").replace("l", "I").replace("|", "I")
    return (fixed, m.group("rest").strip()) if fixed in ROMAN_NUMERALS else None


def roman_label(label: str) -> str:
    """A group row's Roman label as OCR reads it ("|", "H", "IH") mended to the numeral; any
    other label unchanged."""
    r = romanish_heading(label.strip() + ".")
    if r is not None:
        return r[1]
    fixed = {"IH": "III", "HI": "III", "1": "I"}.get(label.strip())
    return fixed or label


# ---------------------------------------------------------------------------------------------
# Headings whose items are not tasks (aims, requirements, targets, results, funding, legal
# bases). Folded, so OCR's "MỤC TIỂU" is "Mục tiêu". Effect (n01, dev, rendered): the target
# paragraph under "II. MỤC TIỂU" was a false task.
_EXCLUDED_HEADS = ("muc dich", "yeu cau", "muc tieu", "chi tieu", "ket qua dat duoc", "tinh hinh",
                   "danh gia chung", "kinh phi", "nguon von", "can cu")


# A heading that also names the work ("MỤC TIÊU, NHIỆM VỤ VÀ GIẢI PHÁP") is not excluded: its
# "Mục tiêu" sub-heading is, on its own, and its "Nhiệm vụ" part holds tasks.
_WORK_WORDS = re.compile(r"\b(?:nhiem vu|giai phap|phan cong|to chuc thuc hien)\b")


def excluded_heading(head: str) -> bool:
    f = fold(head)
    return any(f == h or f.startswith(h + " ") for h in _EXCLUDED_HEADS) and not (
        _WORK_WORDS.search(f) and not f.startswith(("kinh phi", "nguon von", "can cu")))


# ---------------------------------------------------------------------------------------------
# Acronyms of agency names misread once in a while ("PTNT" as "PINT"/"PTNI", "NTM" as
# "NTIM"/"NIM", "VPĐP" as "VPDP"): an all-capitals token one edit away from a token the same
# document writes at least three times as often is that token. Both must have three letters or
# more (two-letter codes like KH/KT are distinct words). Effect: see docs/notes/extract.md
# (dev scans, owner accuracy).
_ACRONYM = re.compile(r"(?<![\w&-])[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ0-9&]{2,}(?![\w&])")


def _extra_strokes(tok: str, acronym: str) -> bool:
    """`tok` is `acronym` with two vertical strokes OCR added inside it ("NTITM" for NTM: a
    rule or a serif read as I/T; n02, n19 dev scans' units)."""
    if len(tok) != len(acronym) + 2:
        return False
    for i in range(1, len(tok) - 1):
        for j in range(i + 1, len(tok) - 1):
            if (tok[i] in "ITL1" and tok[j] in "ITL1"
                    and tok[:i] + tok[i + 1:j] + tok[j + 1:] == acronym):
                return True
    return False


def _one_edit(a: str, b: str) -> bool:
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _ampersand_only(a: str, b: str) -> bool:
    """"TNMT" / "TN&MT": two spellings a writer uses, not an OCR misreading."""
    return a.replace("&", "") == b.replace("&", "")


def acronym_fixes(text: str) -> dict[str, str]:
    """{misread acronym: the document's usual spelling} from all the text of one document."""
    counts: dict[str, int] = {}
    for m in _ACRONYM.finditer(text):
        tok = m.group(0)
        if tok.isupper():
            counts[tok] = counts.get(tok, 0) + 1
    out: dict[str, str] = {}
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    for tok, n in counts.items():
        for cand, n_cand in ranked:
            if n_cand < 3 * n:
                break
            if tok in ACRONYM_LEXICON and cand not in ACRONYM_LEXICON:
                continue  # a standard acronym is never "mended" into a misreading of it
            if ((_one_edit(tok, cand) or _stuttered(tok, cand))
                    and not _ampersand_only(tok, cand)):
                out[tok] = cand
                break
        if tok not in out and tok not in ACRONYM_LEXICON:
            # Đ read as D counts as no edit: "VPDE" is one edit from VPĐP (n18 dev scan).
            near = [a for a in ACRONYM_LEXICON
                    if (_one_edit(tok.replace("Đ", "D"), a.replace("Đ", "D"))
                        or _extra_strokes(tok, a) or _stuttered(tok, a))
                    and not _ampersand_only(tok, a)]
            # A token written 3+ times is the document's own unless the document also writes
            # the standard form ("NTIM" on 3 rows of a table, "NTM" elsewhere: n27 dev scan).
            if len(near) == 1 and (n < 3 or counts.get(near[0], 0) > 0):
                out[tok] = near[0]
    return out


# The programme's standard acronyms (Nông thôn mới documents). A rare token one edit away from
# exactly one of them, that the document does not write 3+ times itself, is OCR's misreading
# ("NITM", "NIM" for NTM; "PINT" for PTNT; "BCĐĐ" for BCĐ; "VPĐE" for VPĐP), even when the
# document writes the acronym too seldom for the majority rule above. Effect on dev scans:
# schedule preparer light 0.909 -> 0.982, medium 0.931 -> 1.000 (bench-extract --forms).
ACRONYM_LEXICON = ("NTM", "PTNT", "UBND", "HĐND", "MTTQ", "OCOP", "BCĐ", "VPĐP", "CTMTQG",
                   "MTQG", "NN&PTNT", "KH&ĐT", "LĐTB&XH", "TN&MT", "VH&TT",
                   # the programme's works are let by the "Ban QLDA ĐTXD" of a district or
                   # province ("Ban QLDA ĐIXD huyện", n02 dev light scan; seed 004 writes ĐTXD)
                   "QLDA", "ĐTXD")


# A place name after its head word ("xã Ia Blang", "làng Ia Mơr") opens with a capital; OCR
# reads the capital I of the Central Highlands' "Ia" names as a lower-case l ("xã la Blang").
# A lower-case l-word of two letters right after a place head and before a capitalised word is
# that I. OCR'd pages only. Effect: n13 dev scans, 3 schedule rows' text (light and medium).
_NAME_L = re.compile(r"\b(?P<h>[xX]ã|[tT]hôn|[lL]àng|[bB]uôn|[bB]ản|[ấẤ]p|[pP]hường)\s+l"
                     r"(?P<r>[a-z])(?=\s+[A-ZĐÀ-Ỹ])")


def mend_name_initial(text: str) -> str:
    return _NAME_L.sub(lambda m: f"{m.group('h')} I{m.group('r')}", text)


def apply_acronyms(value: str, fixes: dict[str, str]) -> str:
    if not fixes:
        return value
    return _ACRONYM.sub(lambda m: fixes.get(m.group(0), m.group(0)), value)


def header_starts(cell: str, *names: str) -> bool:
    """Whether a table header cell starts with one of `names`, compared folded: OCR drops
    diacritics of capitals ("LANH ĐẠO DỰ" for "LÃNH ĐẠO DỰ", own_d scan: its leaders column
    was lost)."""
    got = fold(cell).split()
    for name in names:
        want = fold(name).split()
        if len(got) < len(want):
            continue
        if all(_near(g, w) for g, w in zip(got, want, strict=False)):
            return True
        if _near_phrase(" ".join(got[:len(want)]), " ".join(want)):
            return True
    return False


def _near_phrase(got: str, want: str) -> bool:
    """A header name of two or more words read with one letter lost, added or wrong in a
    short word ("NI DUNG" for "NỘI DUNG": a worn photocopy of dev h1, whose header row then
    named no content column and the whole schedule was lost). The short words stay exact
    alone (`_near`), but inside a phrase of seven letters or more one edit cannot turn one
    column's name into another's (NỘI DUNG / NƠI NHẬN / NGÀY THỨ differ by more)."""
    return " " in want and len(want) >= 7 and Levenshtein.distance(got, want) <= 1


def _near(got: str, want: str) -> bool:
    """A header word read with one letter too many, too few or wrong ("DƯUNG" for "DUNG",
    h1 render: the whole schedule was lost) still names its column; words under four letters
    must match exactly (NỘI, NƠI, NGÀY are too close to each other)."""
    return got == want or (len(want) >= 4 and Levenshtein.distance(got, want) <= 1)


def header_has(cell: str, name: str) -> bool:
    return f" {fold(name)} " in f" {fold(cell)} "


def next_roman(label: str) -> str | None:
    """"II" -> "III". A top-level Roman numeral repeated right after itself ("II." then "II.")
    is OCR's reading of the next one (n01 scan: "III." read "II.")."""
    if label in ROMAN_NUMERALS[:-1]:
        return ROMAN_NUMERALS[ROMAN_NUMERALS.index(label) + 1]
    return None


# ---------------------------------------------------------------------------------------------
# The period a schedule covers, under its title: "(Từ ngày 18/3/2024 đến ngày 24/3/2024)", as
# OCR reads it too ("(Tù ngày ..."). Issue 11's convention: the title does not include it (the
# dates are in the rows). Matched folded, so accents OCR dropped or changed still match.
_PERIOD = re.compile(r"^\(?\s*tu\s+(?:ngay\s+)?\d.*\bden\b.*\d\s*\)?$")
_PERIOD_TAIL = re.compile(r"\s*\(\s*[Tt][^\W\d]{1,2}\s+ng[^\W\d]{1,3}\s+\d[^()]*\)?\s*$")


def period_line(text: str) -> bool:
    """Whether a line is only the period a schedule covers ("(Từ ngày ... đến ngày ...)")."""
    t = text.strip()
    return t[:1] in "(Tt" and bool(_PERIOD.match(fold(t)))


def strip_period(title: str) -> str:
    """A title without a period glued to its end on the same line."""
    m = _PERIOD_TAIL.search(title)
    return title[: m.start()].rstrip() if m and period_line(m.group(0)) else title


# ---------------------------------------------------------------------------------------------
# Digits Tesseract confuses inside a year on a scan ("2023" read "2028" or "2025"). A deadline
# year one such digit away from the document's year, written nowhere else in the document, is
# the document's year misread. Effect: dev light/medium scans, 3 deadlines (n03, n21, n23) were
# dated two to five years late; born-digital text is never touched (api.mend_deadline_years).
_YEAR_DIGIT_CONFUSIONS = frozenset({("3", "8"), ("3", "5"), ("6", "8"), ("0", "8"), ("5", "6")})


def misread_year(written: int, doc_year: int) -> bool:
    """Whether `written` is `doc_year` with one digit OCR confuses ("2028" for "2023")."""
    a, b = str(written), str(doc_year)
    if len(a) != len(b) or a == b:
        return False
    diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(diff) == 1 and (diff[0] in _YEAR_DIGIT_CONFUSIONS
                               or diff[0][::-1] in _YEAR_DIGIT_CONFUSIONS)


# ---------------------------------------------------------------------------------------------
# The footer's "Nơi nhận:" label as OCR reads it ("Nơi nhân:", "Noi nhan", "Nới nhận"): the end
# of the body and the start of the recipients list, matched folded.
_RECIPIENTS_LABEL = re.compile(r"^noi\s*nha[nm](?![a-z])")


def recipients_label(text: str) -> bool:
    """Also a label OCR damaged beyond the variants above ("Nợi nbậu:", "Nai nhận:"): a short
    line ending with its colon, two edits from "noi nhan" at most."""
    if _RECIPIENTS_LABEL.match(fold(text[:20])):
        return True
    t = text.strip()
    return (t.endswith(":") and len(t) <= 14
            and Levenshtein.distance(fold(t).replace(" ", ""), "noinhan") <= 2)


def recipients_block_start(texts: list[str]) -> int | None:
    """Index of the first item of a recipients list whose "Nơi nhận:" line is lost: the
    archive item ("- Lưu: VT, ...") among the last lines, and the run of "- ...;" items right
    above it. None when there is no archive item (then nothing is guessed)."""
    lo = max(0, len(texts) - 40)
    for k in range(len(texts) - 1, lo - 1, -1):
        t = texts[k].strip()
        if t[:1] in "-–+•" and archive_item(t[1:].strip()) is not None:
            j = k
            while j - 1 >= lo and texts[j - 1].strip()[:1] in "-–+•" and texts[
                    j - 1].rstrip().endswith(";") and len(texts[j - 1]) <= 120:
                j -= 1
            return j if j < k else None  # the archive item alone proves nothing
    return None


# ---------------------------------------------------------------------------------------------
# Agency words OCR reads with a wrong diacritic: "chỉ nhánh" / "chỉ hội" / "chỉ bộ" for "chi
# nhánh" / "chi hội" / "chi bộ" (a branch, a union branch, a Party cell), and "UBND xa" for
# "UBND xã". The second word is read right and fixes the word: "chỉ" ("only", "to point") is
# never followed by these nouns in an administrative text, and a body acronym is followed by
# its territory, never by "xa" ("far"). OCR'd lines only (a text layer's spelling is the
# document's). Effect on dev scans (bench-extract --forms): n55 owner "... chỉ nhánh huyện"
# (light, medium), n79 light and n81 medium recipients "Các chỉ bộ/chỉ hội ...", n83 light
# recipients "... thuộc UBND xa".
_CHI_UNIT = re.compile(r"\b([Cc])h[ìíỉĩị](?=\s+(?:nhánh|hội|bộ|đoàn|cục)\b)")
_BODY_XA = re.compile(r"\b(UBND|HĐND|MTTQ|Đảng ủy|Đảng uỷ)\s+xa\b")


# Three more fixed phrases whose first word OCR reads as another real syllable (dev t2 on a
# fax at damage seed 771314: "Vàn phòng Điều phối ... theo dõi" lost its owner, "đình kỳ hằng
# quý báo cáo" its recurring task, "Trong quy L," its quarter): "V?n phòng" with any vowel
# mark is "Văn phòng" (no other word stands before "phòng" as an office), "đình kỳ" is
# "định kỳ" (a communal house has no "kỳ"), and "quy" before a quarter's Roman numeral is
# "quý" (a rule, "quy", is never numbered so). The second word must be read right.
_VAN_PHONG = re.compile(r"\b([Vv])[aàáảãạâầấẩẫậăằắẳẵặ]n(?=\s+phòng\b)"
                        r"|\b(V)[AÀÁẢÃẠÂẦẤẨẪẬĂẰẮẲẴẶ]N(?=\s+PHÒNG\b)")
_DINH_KY = re.compile(r"\b([Đđ])ình(?=\s+kỳ\b)")
_QUY_NUMERAL = re.compile(r"\b([Qq])uy(?=\s+(?:I{1,3}|IV|L)(?![\w]))")


def mend_agency_words(text: str) -> str:
    """An OCR'd line with the agency words of the lexicon above spelled right."""
    text = _CHI_UNIT.sub(lambda m: m.group(1) + "hi", text)
    text = _VAN_PHONG.sub(lambda m: m.group(1) + "ăn" if m.group(1) else m.group(2) + "ĂN", text)
    text = _DINH_KY.sub(lambda m: m.group(1) + "ịnh", text)
    text = _QUY_NUMERAL.sub(lambda m: m.group(1) + "uý", text)
    return _BODY_XA.sub(lambda m: m.group(1) + " xã", text)


# ---------------------------------------------------------------------------------------------
# Family names (the first word of a Vietnamese full name), including those of the northern
# and highland ethnic minorities that the seeds lack. A closed list: it only breaks a tie
# between two spellings of one name in one document (OCR drops a grave accent: "Câm" for
# "Cầm", "Sâm" for "Sầm"; or adds a dot: "Định" for "Đinh").
FAMILY_NAMES = frozenset({
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Đoàn", "Lương", "Lưu", "Mai", "Cao", "Tạ", "Tô",
    "Hà", "Lâm", "Quách", "Thái", "Triệu", "Trương", "Chu", "Châu", "Đàm", "Đào", "Kiều", "Khúc",
    "Lò", "Lường", "Cầm", "Sầm", "Vàng", "Giàng", "Thào", "Sùng", "Lầu", "Mùa", "Hầu", "Sình",
    "Nông", "Ma", "Bế", "Hứa", "La", "Lục", "Mạc", "Quan", "Tòng", "Lừu", "Rơ", "Ksor", "Nay",
    "Siu", "Thạch", "Kim", "Sơn", "Danh", "Tăng", "Từ", "Phùng", "Tống", "Âu", "Khổng", "Doãn",
    "Lại", "Vương", "Nghiêm", "Ông", "Giáp", "Hán", "Lã", "Lạc", "Mẫn", "Phí", "Thân", "Tôn",
    "Ninh", "Diệp", "Hạng", "Vi", "Lỳ", "Tẩn", "Chảo", "Bàn", "Lù", "Khà", "Tráng", "Điểu",
})
_COMRADE_LEAD = re.compile(r"^(?:Đ/c|đ/c|Đồng chí|đồng chí)\s+")


def _respelled(names: list[str], best: dict[str, str]) -> dict[str, str]:
    """{leader as written: the same with its person's name respelled by `best`}, the "Đ/c"
    (or similar) lead kept as written."""
    out: dict[str, str] = {}
    for n in names:
        m = _COMRADE_LEAD.match(n.strip())
        person = n.strip()[m.end():] if m else n.strip()
        if person in best:
            out[n] = (n.strip()[: m.end()] if m else "") + best[person]
    return out


def person_spellings(names: list[str]) -> dict[str, str]:
    """{variant: spelling} for people's full names (three words or more after "Đ/c") written
    two ways in one document that differ in the family name alone, when exactly one way
    starts with a family name: "Câm Thị Nga" -> "Cầm Thị Nga" whatever the counts (the tie
    of n51 and n86 light scans). Given names are left alone: "Nguyễn Văn Hải" and "Nguyễn
    Văn Hài" may be two people, and short names ("Đ/c Tâm", "Đ/c Tầm") always stay."""
    groups: dict[str, set[str]] = {}
    for n in names:
        person = _COMRADE_LEAD.sub("", n.strip())
        if len(person.split()) >= 3:
            groups.setdefault(fold(person), set()).add(person)
    best: dict[str, str] = {}
    for spellings in groups.values():
        known = [p for p in spellings if p.split()[0] in FAMILY_NAMES]
        if len(spellings) < 2 or len(known) != 1:
            continue
        rest = known[0].split(" ", 1)[1]
        for p in spellings:
            if p != known[0] and p.split(" ", 1)[1] == rest:
                best[p] = known[0]
    return _respelled(names, best)


# ---------------------------------------------------------------------------------------------
# extscan block (issue 11, dev scans after the blind run of n59-n68).
# A closing bracket with no opening one in its cell, right after a word: a table rule or speck
# OCR read as ")" ("Phòng Nông nghiệp và PTNT); Phòng Tài chính - Kế hoạch", n59 dev light and
# medium scans: the owner kept it). Only before a list separator (";" or ","): at a cell's end
# it may close a bracket opened on the line above, in a cell OCR read over two lines ("lệ)",
# n62 medium). An enumerator ("a)", "2)") is one character before it and stays; a bracket
# opened in the cell is closed by it and stays. OCR'd lines only.
_STRAY_CLOSER = re.compile(r"(?<=[^\W\d_]{2})\)(?=\s*[;,])")


def drop_stray_closers(cell: str) -> str:
    """`cell` without the ")" that close nothing (see above)."""
    if ")" not in cell:
        return cell
    out: list[str] = []
    depth = 0
    last = 0
    for m in re.finditer(r"[()]", cell):
        if m.group(0) == "(":
            depth += 1
        elif depth:
            depth -= 1
        elif _STRAY_CLOSER.match(cell, m.start()):
            out.append(cell[last:m.start()])
            last = m.end()
    out.append(cell[last:])
    return "".join(out)


# Two agencies in one table cell with the separator between them lost: "Phòng Nông nghiệp và
# PTNL Văn phòng Điều phối NTIM huyện" (n62 dev medium scan; OCR read "PTNT," as "PTNL"), so
# the owner ran them together. An acronym right before the head of a new agency name (Văn
# phòng, Phòng, Sở, Trung tâm, Chi cục + a capitalised word) ends the first agency; no dev,
# held-out or seed text writes an acronym there without a separator (an office before "UBND",
# "PCT UBND huyện", is another matter: UBND is not among the heads).
_JOINED_AGENCY = re.compile(r"(?<![\w&])(?P<a>[A-ZĐ][A-ZĐ&]{1,7})\s+(?=(?:Văn phòng|Phòng|Sở|"
                            r"Trung tâm|Chi cục)\s+[A-ZĐÀ-Ỹ])")


# The weekday digit 6 read as a G ("Thứ G- 05/8", own_d render): no weekday is written with a
# letter after "Thứ" but for the spelled-out names (Hai, Ba, Tư, Năm, Sáu, Bảy), none of them
# "G", so the day cell was no day cell and its row ("Nghỉ bù") went to the day before.
_WEEKDAY_G = re.compile(r"\b(Thứ|THỨ)\s*G(?=[\s\-–,.(]|$)")


def mend_ocr_row(raw: str) -> str:
    """An OCR'd line with each of its table cells (tab-separated) mended as above."""
    if "\t" not in raw:
        return raw
    cells = [_JOINED_AGENCY.sub(r"\g<a>, ", drop_stray_closers(c)) for c in raw.split("\t")]
    cells[0] = _WEEKDAY_G.sub(r"\1 6", cells[0])  # the day column comes first
    return "\t".join(cells)


# A word of a name OCR garbled into no syllable at all ("UBND HUYỆN NẬÂM PẠC" for NẬM PẠC,
# n64 dev medium scan; "XÃ IA KRÊUL" for IA KRÊL, n81): the document writes the same name
# elsewhere (the place-date line, the body), so the word is mended from there, never from a
# list. A word is odd when it carries two tone marks or two hats (circumflex, breve; horns are
# not counted: "ươ" has two), or its folded form has no syllable's shape, and the document writes it
# nowhere but in the value being mended. It takes the one capitalised word of the document
# one edit away (accents count) that stands beside one of its neighbours there. A well-formed
# word is never changed: "Tân Hả" beside "Tân Hà" may be another commune; nor is a word with
# no vowel (an acronym: "PTNT" beside a misread "PINT" elsewhere would take the misreading).
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_HATS = frozenset("\u0302\u0306")
_NAME_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def odd_word(word: str) -> bool:
    """Whether `word` cannot be a Vietnamese syllable as written (see above)."""
    if not any(c in "aeiouy" for c in fold(word)):
        return False  # an acronym ("PTNT", "HĐND"), not a syllable OCR garbled
    nfd = unicodedata.normalize("NFD", word.casefold())
    if sum(c in _TONE_MARKS for c in nfd) > 1 or sum(c in _HATS for c in nfd) > 1:
        return True
    return not well_formed(fold(word))


def _cf(word: str) -> str:
    return unicodedata.normalize("NFC", word).casefold()


@functools.lru_cache(maxsize=4)
def _doc_words(document: str) -> tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]]:
    """The words of each line of one document, as written and case-folded (computed once per
    document: the metadata mends call it for several fields)."""
    raw = tuple(tuple(m.group(0) for m in _NAME_WORD.finditer(ln)) for ln in document.split("\n"))
    return raw, tuple(tuple(_cf(w) for w in ln) for ln in raw)


def mend_odd_name_words(value: str, document: str) -> str:
    """`value` (a field read from `document`) with its odd name words (see above) written
    the way the rest of the document writes them."""
    words = list(_NAME_WORD.finditer(value))
    if not words:
        return value
    lines, folded = _doc_words(document)
    counts: dict[str, int] = {}
    for toks in folded:
        for t in toks:
            counts[t] = counts.get(t, 0) + 1
    own = [_cf(m.group(0)) for m in words]
    out = value
    for i in reversed(range(len(words))):
        w, cw = words[i].group(0), own[i]
        if not odd_word(w) or counts.get(cw, 0) > own.count(cw):
            continue  # a well-formed word, or one the document writes elsewhere too
        near = {own[k] for k in (i - 1, i + 1) if 0 <= k < len(own)}
        found: dict[str, str] = {}
        for raw, toks in zip(lines, folded, strict=True):
            for j, cc in enumerate(toks):
                # never one Roman numeral for another ("quý II" -> "quý I", n78 dev scans)
                if (raw[j][:1].isupper() and cc != cw and _one_edit(cc, cw)
                        and not _numeral_pair(cc, cw)
                        and ((j and toks[j - 1] in near)
                             or (j + 1 < len(toks) and toks[j + 1] in near))):
                    found.setdefault(cc, raw[j])
        if len(found) == 1:
            c = next(iter(found.values()))
            out = out[: words[i].start()] + (c.upper() if w.isupper() else c) + out[words[i].end():]
    return out


# A place name OCR (or a real-word correction after it) read with a lower-case word in it:
# "các xã Huổi mới, Pá Đông" where the document writes "xã Huổi Mí" (n59 dev light scan: the
# owner, the task text and the location of one row). Right after a place head the name's words
# are all capitalised, so a capitalised word there followed by a lower-case one, where the
# document also writes that capitalised word after a place head followed by a capitalised word
# one edit away (folded), is that name: the one such spelling the document writes.
_PLACE_HEAD = r"(?:xã|thôn|bản|ấp|làng|buôn|xóm|phường|huyện|tỉnh|thị trấn|thị xã)"
_PLACE_PAIR = re.compile(r"(?<![^\W\d_])" + _PLACE_HEAD + r"\s+(?P<a>[A-ZĐÀ-Ỹ][^\W\d_]*)\s+"
                         r"(?P<b>[^\W\d_]+)(?![^\W\d_])", re.IGNORECASE)


def place_name_fixes(text: str) -> dict[str, str]:
    """{"Huổi mới": "Huổi Mí"}: place names of `text` (one document) with a lower-case word
    the document writes capitalised there (see above)."""
    named: dict[str, set[str]] = {}
    loose: set[tuple[str, str]] = set()
    for m in _PLACE_PAIR.finditer(text):
        a, b = m.group("a"), m.group("b")
        if not a[:1].isupper():
            continue
        if b[:1].isupper():
            named.setdefault(a, set()).add(b)
        elif b.islower():
            loose.add((a, b))
    out: dict[str, str] = {}
    for a, b in loose:
        near = {c for c in named.get(a, ()) if fold(c) == fold(b) or _one_edit(fold(c), fold(b))}
        if len(near) == 1:
            out[f"{a} {b}"] = f"{a} {near.pop()}"
    return out


def apply_place_fixes(text: str, fixes: dict[str, str]) -> str:
    for bad, good in fixes.items():
        text = re.sub(r"(?<![^\W\d_])" + re.escape(bad) + r"(?![^\W\d_])", good, text)
    return text


# A leader's name word OCR read with no vowel in its last syllable ("Đ/c H'Bn" for "Đ/c H'Bri":
# r+i merged into n; n13 dev light and medium scans, 2 rows each): no name is written without
# a vowel, so it is the one other spelling of the document's leaders that differs from it in
# that word alone, by at most two letters. A name with its vowels is never touched here (two
# people may differ by a diacritic or a letter: "Dục" / "Dực", seed 001).
_VOWELS = frozenset("aeiouy")


def _vowelless(word: str) -> bool:
    last = fold(word).split(" ")[-1] if fold(word) else ""
    return len(last) >= 2 and not any(c in _VOWELS for c in last)


def vowelless_name_fixes(names: list[str]) -> dict[str, str]:
    """{"Đ/c H'Bn": "Đ/c H'Bri"} for the leaders of one document (see above)."""
    spellings = sorted(set(names))
    out: dict[str, str] = {}
    for n in spellings:
        words = n.split()
        odd = [i for i, w in enumerate(words) if _vowelless(w)]
        if len(odd) != 1:
            continue
        i = odd[0]
        near = {m for m in spellings if m != n and len(m.split()) == len(words)
                and all(a == b for k, (a, b) in enumerate(zip(m.split(), words, strict=True))
                        if k != i)
                and not _vowelless(m.split()[i])
                and Levenshtein.distance(m.split()[i].casefold(), words[i].casefold()) <= 2}
        if len(near) == 1:
            out[n] = near.pop()
    return out


# The signer's family name read with a wrong diacritic ("Đỉnh Thị Hoài" for "Đinh Thị Hoài", n27
# dev medium scan; the name is written once, so no other spelling in the document tells): a
# first word that is no family name, while exactly one family name folds the same, is that
# family name. Real family names that fold alike ("Lù", "Lữ", "Lư") leave the word as read.
_MORE_FAMILY_NAMES = frozenset({"Mã", "Lữ", "Lư", "Đồng", "Đậu", "Cù", "Cấn", "Bạch", "Khuất",
                                "Khương", "Ngụy", "Mông", "Ôn", "Quản", "Trình", "Ung"})


def mend_family_name(name: str) -> str:
    """`name` with its first word spelled as the one family name it folds to (see above)."""
    first, _, rest = name.partition(" ")
    if not rest or first in FAMILY_NAMES or first in _MORE_FAMILY_NAMES:
        return name
    same = [f for f in FAMILY_NAMES | _MORE_FAMILY_NAMES if fold(f) == fold(first)]
    return f"{same[0]} {rest}" if len(same) == 1 else name


# A mark standing alone between two words of an OCR'd title ("LỊCH CÔNG TÁC TUẦN :" over "CỦA
# THƯỜNG TRỰC HUYỆN ỦY", n34 dev medium scan): a speck. Vietnamese sets ":" ";" "," "." against
# the word before them, so a lone one inside the title is not the writer's.
_LONE_MARK = re.compile(r"\s+[:;,.](?=\s+\S)")


# A year range whose dash OCR lost ("giai đoạn 2021 2025", n50 dev light scan): two years side
# by side, the second later, are a range; the title writes it "2021 - 2025".
_BARE_YEAR_RANGE = re.compile(r"\b(?P<a>(?:19|20)\d{2}) (?P<b>(?:19|20)\d{2})\b")


def drop_lone_marks(title: str) -> str:
    title = _LONE_MARK.sub("", title)
    return _BARE_YEAR_RANGE.sub(lambda m: f"{m.group('a')} - {m.group('b')}"
                                if m.group("a") < m.group("b") else m.group(0), title)


# A final "l" OCR read as "]" ("xã Ia Krê]", n13 dev medium scan; "chi nhánh Ia Krê]", n81): a
# word ending in "]" on a line that opens no "[" is the word with its "l" when the document
# writes that word elsewhere.
_BRACKET_L = re.compile(r"(?<![^\W\d_])(?P<w>[^\W\d_]+)\](?![^\W\d_\[])")


def bracket_l_fixes(text: str) -> dict[str, str]:
    """{"Krê]": "Krêl"} for one document's text (see above)."""
    words = set(re.findall(r"[^\W\d_]+", text))
    out: dict[str, str] = {}
    for line in text.split("\n"):
        if "[" in line:
            continue
        for m in _BRACKET_L.finditer(line):
            if m.group("w") + "l" in words:
                out[m.group(0)] = m.group("w") + "l"
    return out


# A leader written by given name alone ("Đ/c Toàn") whom the document also names in full
# (a row's "Đ/c Nguyễn Văn Toản", the body's "đồng chí ...", the signer): OCR or a real-word
# correction changed the tone of the short form, and the full name, written with its family
# name, is the better reading. Only when every full name of the document ending in that folded
# given name is spelled one way, and never the short form's way: two people who share a folded
# given name ("Dục" / "Dực", seed 001) keep theirs.
_FULL_NAME = re.compile(r"(?<![^\W\d_])(?P<f>[A-ZĐÀ-Ỹ][^\W\d_]*)(?: +[A-ZĐÀ-Ỹ][^\W\d_]*){1,3}"
                        r"(?![^\W\d_])")


_OFFICE_WORDS = frozenset({"Phó", "Chủ", "Trưởng", "Bí", "Giám", "Chánh", "Ủy", "Uỷ", "Tổng",
                           "Thư", "Huyện", "Tỉnh", "Xã", "UBND", "HĐND", "Đảng"})


def short_name_fixes(names: list[str], document: str) -> dict[str, str]:
    """{"Đ/c Toàn": "Đ/c Toản"} for one document's leaders (see above)."""
    given: dict[str, set[str]] = {}
    for m in _FULL_NAME.finditer(document):
        words = m.group(0).split()
        if words[0] not in FAMILY_NAMES or len(words) < 3:
            continue
        # "Nguyễn Văn Toản Phó Chủ tịch ...": an office word after the name is no given name
        last = 2 if len(words) == 3 or words[3] in _OFFICE_WORDS else 3
        given.setdefault(fold(words[last]), set()).add(words[last])
    out: dict[str, str] = {}
    for n in set(names):
        lead = _COMRADE_LEAD.match(n.strip())
        rest = n.strip()[lead.end():] if lead else ""
        if not lead or len(rest.split()) != 1:
            continue
        spelled = given.get(fold(rest), set())
        if len(spelled) == 1 and rest not in spelled:
            out[n] = n.strip()[: lead.end()] + next(iter(spelled))
    return out


# Capitals OCR misreads into other syllables ("VĂN PHÒNG ĐIỂU PHI NÔNG THÔN MỚI" for ĐIỀU PHỐI,
# held-out h1/h2 renders and scans): the words stay well-formed, so the odd-word rule above
# cannot tell. The document's body writes the same phrase ("Văn phòng Điều phối nông thôn
# mới"): one or two words of the value, between two words that match the document exactly on
# both sides, each one edit from the words the document writes there (accents count), take
# the document's spelling when the document writes it that way at least twice and never the
# value's way. The anchors on both sides make it a phrase, not a look-alike word: "UBND XÃ
# TÂN HẢ" has no right anchor and stays.
def _numeral_pair(a: str, b: str) -> bool:
    """Two Roman numerals ("i", "ii"): one edit apart, but a different number, never a
    misspelling (n92 dev scans: the title's "quý I năm 2023" became "quý II" because the body
    twice writes "quý II năm 2023"; extscan3)."""
    return a.upper() in ROMAN_NUMERALS and b.upper() in ROMAN_NUMERALS


def mend_anchored_words(value: str, document: str) -> str:
    """`value` with one- or two-word misreadings between exact anchors written as the
    document writes that phrase (see above)."""
    vals = list(_NAME_WORD.finditer(value))
    own = [_cf(m.group(0)) for m in vals]
    lines, folded = _doc_words(document)
    at: dict[str, list[tuple[int, int]]] = {}  # folded word -> (line, index): anchors only
    wanted = set(own)
    for li, toks in enumerate(folded):
        for j, t in enumerate(toks):
            if t in wanted:
                at.setdefault(t, []).append((li, j))
    out = value
    i = 1
    edits: list[tuple[int, int, str]] = []
    while i < len(vals) - 1:
        done = False
        for k in (1, 2):
            if i + k >= len(vals):
                break
            left, right, run = own[i - 1], own[i + k], own[i:i + k]
            if not all(any(c in "aeiouy" for c in fold(w)) for w in run):
                continue  # acronyms are the acronym rule's business
            seen: dict[tuple[str, ...], int] = {}
            raw_of: dict[tuple[str, ...], tuple[str, ...]] = {}
            mine = 0
            for li, j in at.get(left, ()):
                raw, toks = lines[li], folded[li]
                if j + k + 1 >= len(toks) or toks[j + k + 1] != right:
                    continue
                got = tuple(toks[j + 1:j + 1 + k])
                if list(got) == run:
                    mine += 1
                elif all(a == b or (_one_edit(a, b) and not _numeral_pair(a, b))
                         for a, b in zip(got, run, strict=True)):
                    seen[got] = seen.get(got, 0) + 1
                    raw_of[got] = raw[j + 1:j + 1 + k]
            if mine <= 1 and len(seen) == 1 and next(iter(seen.values())) >= 2:
                got = next(iter(seen))
                for off, w in enumerate(raw_of[got]):
                    m = vals[i + off]
                    edits.append((m.start(), m.end(),
                                  w.upper() if m.group(0).isupper() else w))
                i += k
                done = True
                break
        if not done:
            i += 1
    for a, b, w in reversed(edits):
        out = out[:a] + w + out[b:]
    return out


# A full stop OCR set after an issuer word ("UBND TỈNH NGHỆ AN." over "VĂN PHÒNG ...", held-out h1
# render and scan): an issuer line ends without punctuation; only an abbreviation keeps its dot
# ("TP.", "TX.", "TT.": no vowel).
_ISSUER_DOT = re.compile(r"(?<=[^\W\d_])\.(?=\s|$)")


def drop_issuer_dots(issuer: str) -> str:
    def keep(m: re.Match[str]) -> str:
        word = re.findall(r"[^\W\d_]+$", issuer[: m.start()])
        return "." if not word or not any(c in "aeiouy" for c in fold(word[0])) else ""

    return _ISSUER_DOT.sub(keep, issuer).strip()


# Two header words OCR joined ("ỦY BAN NHÂN DÂN TỈNHNINH" over "BÌNH", n97 dev light scan): a
# token of capitals that is no syllable but opens with an administrative unit word whose
# remainder is one is the unit word and a name. A real syllable ("XANH", "TỈNH") never splits,
# so only what OCR glued is cut; the unit words are the closed set a header names a level by.
_UNIT_WORDS = ("TỈNH", "HUYỆN", "QUẬN", "XÃ", "PHƯỜNG", "THỊ", "THÀNH")
_GLUE_WORDS = ("VÀ", "CỦA")


def split_glued_unit_words(text: str) -> str:
    """`text` with each capitals token glued from a unit word and a name cut in two (above)."""
    def cut(m: re.Match[str]) -> str:
        tok = m.group(0)
        if not tok.isupper() or well_formed(fold(tok)):
            return tok
        for u in _UNIT_WORDS:
            rest = tok[len(u):]
            if tok.startswith(u) and len(rest) >= 2 and well_formed(fold(rest)):
                return f"{u} {rest}"
        for w in _GLUE_WORDS:
            # "VĂN PHÒNG HĐND VÀUBND" (n78 dev light scan): "và" glued to a standard acronym
            if tok.startswith(w) and tok[len(w):] in ACRONYM_LEXICON:
                return f"{w} {tok[len(w):]}"
        return tok

    return re.sub(r"\b[^\W\d_]{4,}\b", cut, text)


# The fixed phrases of issuer names. OCR reads capitals' diacritics worst, into other syllables
# that are still well-formed ("VĂN PHÒNG ĐIỂU PHI", "ĐIÊU PHI" for ĐIỀU PHỐI: held-out h1 and h2
# scans, whose bodies never write the phrase again). A run of capitals of an OCR'd issuer that
# matches one of these phrases in at least two words, exactly, and whose one or two other words
# are each one folded edit (or only accents) from the phrase's word there and no word of the
# vocabulary themselves, is that phrase. The two exact words anchor it: a place name that only
# looks like two fixed words ("PHONG HẢI ĐÔNG" beside "HỘI ĐỒNG", n80) stays as read.
ISSUER_PHRASES = ("ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN", "VĂN PHÒNG ĐIỀU PHỐI", "BAN CHỈ ĐẠO",
                  "CÁC CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA", "MẶT TRẬN TỔ QUỐC", "NÔNG THÔN MỚI",
                  "BAN THƯỜNG TRỰC", "BAN THƯỜNG VỤ", "HỘI NÔNG DÂN", "BAN QUẢN LÝ DỰ ÁN",
                  "ĐẦU TƯ XÂY DỰNG", "NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN",
                  "NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "TÀI NGUYÊN VÀ MÔI TRƯỜNG")
_ISSUER_WORDS = frozenset(w for p in ISSUER_PHRASES for w in p.split(" "))


def mend_issuer_phrases(issuer: str) -> str:
    """An OCR'd issuer with its fixed phrases spelled as the vocabulary above."""
    words = issuer.split(" ")
    for phrase in (p.split(" ") for p in ISSUER_PHRASES):
        n = len(phrase)
        for i in range(len(words) - n + 1):
            win = words[i:i + n]
            if not all(w.isalpha() and w.isupper() for w in win):
                continue  # a mark inside the run ("MỚI,") ends the name there
            off = [k for k in range(n) if win[k] != phrase[k]]
            if not off or len(off) > 2 or n - len(off) < 2:
                continue
            if all(win[k] not in _ISSUER_WORDS and (fold(win[k]) == fold(phrase[k])
                                                     or _one_edit(fold(win[k]), fold(phrase[k])))
                   for k in off):
                words[i:i + n] = phrase
    return " ".join(words)


# Đ read as D inside an acronym ("Phòng họp VPDP" on rows where the same scan reads "VPĐP"
# elsewhere, held-out h1 render and scan): OCR drops the stroke far more often than it adds one,
# and a writer spells an acronym one way, so in an OCR'd document that writes both, the form
# with Đ is the writer's. A document that only ever writes the D form keeps it ("BCD", seed 002).
def d_stroke_fixes(text: str) -> dict[str, str]:
    """{"VPDP": "VPĐP"} for one OCR'd document's text (see above)."""
    toks = {m.group(0) for m in _ACRONYM.finditer(text) if m.group(0).isupper()}
    out: dict[str, str] = {}
    for t in toks:
        if "D" not in t:
            continue
        stroked = [s for s in toks if s != t and len(s) == len(t) and all(
            a == b or (a == "D" and b == "Đ") for a, b in zip(t, s, strict=True))]
        if len(stroked) == 1:
            out[t] = stroked[0]
    return out


# A day number OCR read with a digit it confuses ("Thứ 6 (51/12)" for 31/12, own_a render):
# out of range, so the cell was no day cell and the day's rows went to the day before. With a
# weekday beside it, each one-digit change by the confusions of years above (_YEAR_DIGIT_
# CONFUSIONS) that gives a day of the month is a reading; the table picks the one its weekday
# and neighbours fit (schedule.resolve_reading).
def confused_day_readings(day: int, month: int) -> tuple[tuple[int, int], ...]:
    """Readings (day, month) of an impossible day number (see above)."""
    digits = str(day)
    out: list[tuple[int, int]] = []
    for i, c in enumerate(digits):
        for a, b in _YEAR_DIGIT_CONFUSIONS:
            for x, y in ((a, b), (b, a)):
                if c == x:
                    d = int(digits[:i] + y + digits[i + 1:])
                    if 1 <= d <= 31 and (d, month) not in out:
                        out.append((d, month))
    return tuple(out)


# ---------------------------------------------------------------------------------------------
# A day or session label OCR garbled past the markers above ("4 Thứ B" for "04 Thứ 6", "Buổi
# vh:ieu." for "Buổi chiều:", worn photocopy t1 + skew): nothing of the closed vocabulary
# matches, so the cell became a task row (schedule-row F1 0.929 there). A short cell whose
# folded text, once a leading day number or speck token (<= 2 characters) is set aside, is a
# few edits from a weekday or session label is such a label, not work. The edits allowed grow
# with the label (a quarter of its length less one), so "toi" / "cn" / "sang" must match exactly
# (they do above; "Tăng", "Song" are words) and no two-syllable task comes near.
_LABELS = ("buoi sang", "buoi chieu", "buoi toi", "ca ngay", "chu nhat", "sang", "chieu",
           *(f"thu {n}" for n in range(2, 8)), *(f"thu {w}" for w in _WEEKDAY_WORDS))
_LABEL_MAX = max(len(x) for x in _LABELS) + 3


def garbled_label(text: str) -> bool:
    """A cell that is a misread weekday or session label ("4 Thứ B", "Buổi vh:ieu.")."""
    folded = fold(text)
    if not folded or len(folded) > _LABEL_MAX:
        return False
    tokens = folded.split()
    tries = [folded]
    if len(tokens) > 1 and len(tokens[0]) <= 2:
        tries.append(" ".join(tokens[1:]))
    return any(Levenshtein.distance(t, label, score_cutoff=(len(label) - 1) // 4)
               <= (len(label) - 1) // 4 for t in tries for label in _LABELS)


# ---------------------------------------------------------------------------------------------
# extract10 block (issue 11, pseudo-blind run of n103-n108 and probes).
# A report's results heading that names the work it reports on ("KẾT QUẢ THỰC HIỆN NHIỆM VỤ 6
# THÁNG ĐẦU NĂM", "TÌNH HÌNH THỰC HIỆN NHIỆM VỤ"): "nhiệm vụ" there is the object of the
# results, not the section of tasks, so its narrative gave false tasks (probe). A heading that
# goes on with the coming work ("... VÀ PHƯƠNG HƯỚNG, NHIỆM VỤ ...") still holds tasks.
_RESULTS_HEAD = re.compile(r"^(?:ket qua|tinh hinh|danh gia|thuc trang|so ket|tong ket)\b")


def is_report_work_heading(text: str) -> bool:
    """is_report_task_heading, except a results heading whose "nhiệm vụ" is what it reports."""
    f = fold(text).strip()
    if _RESULTS_HEAD.match(f):
        _, sep, rest = f.partition(" va ")
        return bool(sep) and is_report_task_heading(rest)
    return is_report_task_heading(text)


# ---------------------------------------------------------------------------------------------
# extscan2 block (issue 11, the whole dev split re-OCR'd before the blind run of n87-n96).
# A symbol no word is written with, between two capitals of one token ("HT%X" for "HTX", n02
# dev light scan; a speck on the paper read as a glyph): it is dropped. Only between capitals
# (an acronym), and only symbols that never sit inside a word: "&" (NN&PTNT), "/" (V/v), "-"
# (KH-UBND), "." (TP.HCM) and "'" (H'Bri) are written there. OCR'd lines only.
_WORD_SPECK = re.compile(r"(?<=[A-ZĐ])[%#*~^¢£§°@¤¬]+(?=[A-ZĐ])")


def drop_word_specks(text: str) -> str:
    """`text` without the specks read inside an acronym (above)."""
    return _WORD_SPECK.sub("", text)


# The archive item with its dash read as other specks and a stroke of "Lưu" as a digit (">°1UU:
# VÌ, VLDE." on an invented report's light scan: the list lost its last item). Up to three
# specks before the label are dropped and a 1 or | in the label is the l it looks like; the
# label must then still be "Lưu" within one edit (archive_item), so no other line qualifies.
_ARCHIVE_SPECKS = re.compile(r"^[>°*~_=»›<«'`\"“”‘’„|\-–•+.,]{1,3}\s*(?=\S)")
_LABEL_STROKE = re.compile(r"^([1|!])(?=[uUưƯ]{1,2}\s*[:;,.]?)")


def archive_item_specked(text: str, lax: bool = False,
                         known: frozenset[str] = frozenset()) -> str | None:
    """archive_item for a line whose dash OCR read as specks (above); None otherwise."""
    t = _LABEL_STROKE.sub("l", _ARCHIVE_SPECKS.sub("", text.strip(), count=1), count=1)
    if t == text.strip():
        return None
    return archive_item(t, lax=lax, known=known)


# A leader's full name written one way on most rows and with another tone on the given name on
# a few ("Đ/c Trần Thị Bích Vân" three times, "... Bích Vần" once: an invented programme's
# light and medium scans). person_spellings leaves given names alone, since two people may
# differ there alone; here the spelling must also be the one whose given name is a given name
# at all (data/lexicon/given_names.txt) while the other's is not, and be written more often
# than all the others together. Full names only (three words or more): "Đ/c Dục" beside "Đ/c
# Dực" (seed 001, both real) stays.
@functools.cache
def _given_names() -> frozenset[str]:
    from vanban.models.canon import LEXICON_DIR

    path = LEXICON_DIR / "given_names.txt"
    if not path.is_file():
        return frozenset()
    rows = path.read_text(encoding="utf-8").splitlines()
    return frozenset(_cf(r.split("\t")[0].strip()) for r in rows
                     if r.strip() and not r.startswith("#"))


def given_name_spellings(names: list[str]) -> dict[str, str]:
    """{leader as written: leader with the document's given-name spelling} (above)."""
    counts: dict[str, int] = {}
    for n in names:
        person = _COMRADE_LEAD.sub("", n.strip())
        if len(person.split()) >= 3:
            counts[person] = counts.get(person, 0) + 1
    groups: dict[tuple[str, str], list[str]] = {}
    for p in counts:
        head, _, given = p.rpartition(" ")
        groups.setdefault((head, fold(given)), []).append(p)
    lexicon = _given_names()
    best: dict[str, str] = {}
    for spellings in groups.values():
        if len(spellings) < 2:
            continue
        real = [p for p in spellings if _cf(p.rsplit(" ", 1)[1]) in lexicon]
        if len(real) != 1:
            continue
        others = sum(counts[p] for p in spellings if p != real[0])
        if counts[real[0]] > others:
            best.update({p: real[0] for p in spellings if p != real[0]})
    return _respelled(names, best)


# Two more glyph slips of an OCR'd line, each impossible in written Vietnamese (an invented
# programme's light and medium scans): a comma read as "j" glued to an office code ("CTj các
# PCT UBND huyện": no word or code ends in j), and a word's last vowel, marked, read in
# capitals after lower-case letters ("công tác vỆ sinh"; fix_case in ocr/ does this on worn
# copies' cells only). A lower-case word of at most three letters before it, nothing after.
_J_COMMA = re.compile(r"(?<![\w&])([A-ZĐ]{2,6})j(?=\s)")
_CAPITAL_TAIL = re.compile(r"(?<![\w])([a-zđà-ỹ]{1,3})([À-ỸĐ])(?![\w])")


def mend_ocr_line(text: str) -> str:
    """An OCR'd line with the slips above and drop_word_specks' mended."""
    text = _J_COMMA.sub(r"\1,", drop_word_specks(text))
    return _CAPITAL_TAIL.sub(lambda m: m.group(1) + m.group(2).lower()
                             if m.group(1).islower() and m.group(2).isupper()
                             and unicodedata.normalize(
                                 "NFD", m.group(2))[1:] else m.group(0),
                             text)


# The archive item's "VT" read as other letters and glued to the unit after it ("Lưu:
# VLŨVPĐP" on an invented plan's light scan): a token after "Lưu:" that is one to three
# letters opening with V, then exactly a unit the document names (`known`: its agencies'
# initials and its number's units) or a standard one, is "VT, <unit>".
_GLUED_ARCHIVE = re.compile(r"^(?P<l>L[ưu]u\s*:?\s*)(?P<t>V[^\W\d_]{2,9})$")


# The same with the comma lost but the space kept ("Lưu: VLDŨ VP", n70 dev medium scan).
# Or the comma read as an underscore ("Lưu: VLF_VP", n111 medium dev scan; extscan4).
_SPACED_ARCHIVE = re.compile(r"^(?P<l>L[ưu]u\s*:?\s*)(?P<t>V[^\W\d_]{1,3})[\s_]+"
                             r"(?P<u>[A-ZĐ]{2,6})$")


def split_glued_archive(item: str, known: set[str]) -> str:
    """The archive item with its VT and unit apart (above); else the item as it was."""
    units = known | ARCHIVE_UNITS | set(ACRONYM_LEXICON)
    sp = _SPACED_ARCHIVE.match(item)
    if sp and sp.group("u") in units and sp.group("t") not in units - {"VT"}:
        return f"Lưu: VT, {sp.group('u')}"
    m = _GLUED_ARCHIVE.match(item)
    if not m:
        return item
    tok = m.group("t")
    if tok in units:
        return item  # "Lưu: VPĐP": a unit of its own, no VT glued to it
    for i in (1, 2, 3):
        head, unit = tok[:i], tok[i:]
        if (len(unit) >= 2 and unit in units and unit.isupper()
                and (head == "VT" or head not in units)):
            return f"Lưu: VT, {unit}"
    return item


# The list's last item with its "Lưu" label garbled past one edit ("- 0U: Vĩ." for "- Lưu:
# VT.", n04 dev on a second medium-scan damage seed): the last item, its label a short token
# (a digit allowed: what strokes read as), a colon, then the văn thư token. Its place, last
# before the signature, is what vouches (archive_item's `lax`); only the last item is read so.
# Its label may hold a speck read as a comma or stop ("-1,UU: VU KT", n115 light dev scan).
_LAST_ARCHIVE = re.compile(r"^(?P<lab>[^\W_](?:[^\W_]|[,.'’]){0,5})\s*[:;]\s*"
                           r"(?P<rest>V[^\W\d_]{0,2}(?=[\s,.;]|$).*)$")


def last_archive_item(item: str) -> str | None:
    """"Lưu: VT[, unit]" for a last recipient item that is the archive item garbled (above)."""
    m = _LAST_ARCHIVE.match(item.strip())
    if not m or fold(m.group("lab")) == "luu":
        return None
    return archive_item(f"Lưu: {m.group('rest')}", lax=True)


# A capitals word of a title or issuer read with another accent ("THƯỜNG TRỤC UBND" for
# "THƯỜNG TRỰC", n52 dev on a second medium-scan damage seed) while the document writes the
# word after the same word in lower case, with the other accent ("giao ban Thường trực UBND
# xã"): a common word (written in lower case, so no name: "xã Tân Hà" beside a title's "TÂN
# HẢ" may be another commune) that the value's spelling never appears as elsewhere. Words
# with a vowel only (acronyms are the acronym rules' business). The field's own line is left
# out of the evidence by the count: the value's spelling must occur in the document no more
# often than in the value.
def mend_caps_words(value: str, document: str) -> str:
    """`value` (capitals words) with a word read with a wrong accent written as the document
    writes it after the same word (above)."""
    vals = list(_NAME_WORD.finditer(value))
    raw_lines, folded = _doc_words(document)
    counts: dict[str, int] = {}
    for toks in folded:
        for t in toks:
            counts[t] = counts.get(t, 0) + 1
    own: dict[str, int] = {}
    for m in vals:
        own[_cf(m.group(0))] = own.get(_cf(m.group(0)), 0) + 1
    edits: list[tuple[int, int, str]] = []
    for i in range(1, len(vals)):
        w = vals[i].group(0)
        if not w.isupper() or not any(c in "aeiouy" for c in fold(w)):
            continue
        cw, left = _cf(w), _cf(vals[i - 1].group(0))
        if counts.get(cw, 0) > own[cw]:
            continue  # the document writes this spelling elsewhere too
        found: set[str] = set()
        for raw, toks in zip(raw_lines, folded, strict=True):
            for j in range(1, len(toks)):
                if (toks[j - 1] == left and toks[j] != cw and fold(toks[j]) == fold(cw)
                        and raw[j].islower()):
                    found.add(toks[j])
        if len(found) == 1:
            edits.append((vals[i].start(), vals[i].end(), found.pop().upper()))
    for a, b, new in reversed(edits):
        value = value[:a] + new + value[b:]
    return value


# A place name read with another accent on one of its words where the document writes it
# again ("xã Phước Hưng Đồng" once beside "xã Phước Hưng Đông" twice, n28 dev on a second light
# damage seed): the capitalised words after a place head, grouped by their folded form; a
# spelling written at least twice and more often than all the others together is the name.
# A tie changes nothing ("Tà Xi Lần" once, "Tà Xi Lìn" once: no evidence which is right).
_PLACE_NAME = re.compile(r"(?<![^\W\d_])" + _PLACE_HEAD +
                         r"\s+(?P<n>[A-ZĐÀ-Ỹ][^\W\d_']*(?:\s+[A-ZĐÀ-Ỹ][^\W\d_']*){1,3})")


def place_majority_fixes(text: str) -> dict[str, str]:
    """{"Phước Hưng Đồng": "Phước Hưng Đông"} for one document's place names (above)."""
    counts: dict[str, int] = {}
    for m in _PLACE_NAME.finditer(text):
        words = m.group("n").split()
        for k in range(2, len(words) + 1):  # "Phước Hưng Đông" within "... Đông Tây"
            name = " ".join(words[:k])
            counts[name] = counts.get(name, 0) + 1
    groups: dict[str, list[str]] = {}
    for name in counts:
        groups.setdefault(fold(name), []).append(name)
    out: dict[str, str] = {}
    for names in groups.values():
        if len(names) < 2:
            continue
        best = max(names, key=lambda n: counts[n])
        rest = sum(counts[n] for n in names if n != best)
        if counts[best] >= 2 and counts[best] > rest:
            out.update({n: best for n in names if n != best})
    return out


# A Roman heading numeral whose full stop OCR read as an L ("IIIL KINH PHÍ", n102 dev on a
# second medium damage seed: the Kinh phí section ran into the table row above and its "Giao
# ..." task was lost): a numeral followed by one L, a space and capitals is that numeral.
_STOP_AS_L = re.compile(r"^(?P<n>[IVX]{1,4})[Ll]\s+(?=[A-ZĐÀ-Ỹ]{2})")


def roman_stop_read_as_l(text: str) -> str:
    m = _STOP_AS_L.match(text)
    if m and m.group("n") in ROMAN_NUMERALS and m.group("n") + "L" not in ROMAN_NUMERALS:
        return f"{m.group('n')}. {text[m.end():]}"
    return text


# ---------------------------------------------------------------------------------------------
# extscan3 block (issue 11, scan errors of the blind run of n87-n96).
# A speck read as a dash after "Đ/c" ("đ/c - Chủ tịch Ủy ban MTTQ Việt Nam xã", n87 medium dev
# scan): "Đ/c" is followed by a name or an office, never by a dash.
_COMRADE_DASH = re.compile(r"^(?P<c>[Đđ]/[cC]\.?)\s*[-–—]\s*(?=\S)")


def drop_comrade_dash(item: str) -> str:
    return _COMRADE_DASH.sub(lambda m: m.group("c") + " ", item)


# The place of the place-date line is most often the issuing unit's own name ("XÃ ĐINH LẠC
# THƯỢNG" over "Đinh Lạc Thượng, ngày ..."). When the two differ only in their marks, OCR
# misread one of them; the header's capitals are upright and larger than the italic place-date
# line, so they are taken unless the document writes the place's spelling more often (n89
# medium dev scan: "Đỉnh Lạc Thượng" beside the issuer's "ĐINH LẠC THƯỢNG"; extscan3).
def place_as_issuer(place: str, issuer: str, document: str) -> str:
    pw = place.split()
    iw = [w.strip("*.,;:") for w in issuer.split()]
    iw = [w for w in iw if w]
    if len(pw) < 2 or len(iw) < len(pw):
        return place
    tail = iw[-len(pw):]
    if any(fold(a) != fold(b) for a, b in zip(pw, tail, strict=True)):
        return place
    spelled = " ".join(w[:1] + w[1:].lower() for w in tail)
    if spelled == place or not all(w.isupper() for w in tail):
        return place
    doc = document.casefold()
    if doc.count(place.casefold()) > doc.count(spelled.casefold()):
        return place
    return spelled


# ---------------------------------------------------------------------------------------------
# extract12's block. A programme's day cell that names no day: the work falls somewhere in the
# month or waits for a date ("Trong tháng", "Cả tháng", "Thời gian báo sau", "Chưa xác định",
# "Dự kiến", "Hằng tuần"). Effect: such a row was read as a row that lost its leading TAB, its
# cells shifted one column (the day cell became the text, the text the unit) and the row took
# the day above (n131, n132 dev); now its date is None.
_UNDATED_DAY = re.compile(
    r"\b(?:trong thang|ca thang|suot thang|bao sau|thong bao sau|chua xac dinh|chua an dinh|"
    r"du kien|hang tuan|hang thang|hang ngay|dinh ky|theo lich|theo ke hoach|thuong xuyen|"
    r"dau thang|giua thang|cuoi thang|tuan dau|tuan cuoi)\b")


def undated_day_cell(cell: str) -> bool:
    """A short day cell, with no digit, that says the row has no day of its own: the phrase
    with at most two other words ("Dự kiến trong tháng", "Thời gian báo sau"), so that an
    activity OCR moved into the day column ("Họp giao ban định kỳ") is not taken for one."""
    f = fold(cell).strip(" .,;:-")
    if not 0 < len(f.split()) <= 6 or re.search(r"\d", f) or not _UNDATED_DAY.search(f):
        return False
    return len(_UNDATED_DAY.sub(" ", f).split()) <= 2


# The label of an item's field line in any of its wordings, beyond the closed list of
# _ITEM_FIELDS: "Thời hạn thực hiện", "Thời gian thực hiện và hoàn thành" (time); "Cơ quan chủ
# trì thực hiện", "Cơ quan, đơn vị thực hiện", "Đơn vị phụ trách", "Bộ phận thực hiện", "Người
# thực hiện", "Đơn vị chủ trì, phối hợp" (owner, the value may name partners too); "Đơn vị phối
# hợp thực hiện" (partners). A label names who or when, so it opens with a time word or a
# doer noun; "Nội dung thực hiện", "Hình thức thực hiện" name neither. Effect: on the dev set
# none (the closed list covered it); written for wordings the next documents may use.
_FIELD_TIME = re.compile(r"^(?:thoi gian|thoi han|tien do|han hoan thanh|moc thoi gian)\b")
_FIELD_DOER = re.compile(r"^(?:don vi|co quan|bo phan|nguoi|ca nhan|chu tri|trach nhiem|"
                         r"phu trach|to chuc)\b")
_FIELD_ROLE = re.compile(r"\b(?:chu tri|thuc hien|phu trach|chiu trach nhiem|trach nhiem)\b")


def item_field_role(label: str) -> str | None:
    """"time", "owner", "collab" for a field label (folded or not), else None."""
    f = fold(label.strip("-–•+ ")).strip()
    if not f or len(f.split()) > 7:
        return None
    if _FIELD_TIME.match(f):
        return "time"
    if not _FIELD_DOER.match(f):
        return None
    if "phoi hop" in f and "chu tri" not in f:
        return "collab"
    return "owner" if _FIELD_ROLE.search(f) else None

# extscan4 block (issue 11, scan errors of the blind run of n109-n118).
# A deadline year far from the document's own is mended only to a year of the document's range
# (its year, or the next: a plan or report issued in December sets next year's work), and only
# when one reading explains the digits: one OCR-confusable digit swapped ("2028" for "2023" in a
# 2022 report, n116 light and medium dev scans), else, for a year past any plan's horizon,
# one digit lost and one read in, three kept in order ("15/12/2026./." read "15/12/2067.", n113
# light dev scan). Two candidates, or none, change nothing.
def _keeps_three(written: str, year: str) -> bool:
    """One digit of `year` lost and one read in: the two share all but one digit, in order."""
    return len(written) == len(year) and any(
        written[:i] + written[i + 1:] == year[:j] + year[j + 1:]
        for i in range(len(written)) for j in range(len(year)) if i != j)


def plausible_year(written: int, doc_year: int) -> int | None:
    """The year of the document's range (`doc_year`, `doc_year + 1`) that `written` is an OCR
    misreading of, or None."""
    rng = (doc_year, doc_year + 1)
    if written in rng:
        return None
    # next year only for a year past it: "2026" in a 2024 plan may be real (year + 2)
    swapped = [y for y in rng if misread_year(written, y)
               and (y == doc_year or written > doc_year + 2)]
    if swapped:
        return swapped[0] if len(swapped) == 1 else None
    if abs(written - doc_year) <= _NEAR_YEARS:
        return None  # "2022" in a 2023 plan keeps "202" of "2023": a near year may be real
    kept = [y for y in rng if _keeps_three(str(written), str(y))]
    return kept[0] if len(kept) == 1 else None


# How far from the document's year a deadline year must be before the lost-and-read-in-digit
# reading is tried: past any plan's horizon ("tầm nhìn đến năm 2050" in the 2020s), so a real
# "trước năm 2050" in a 2025 plan (2050 keeps "205" of 2025) stays.
_NEAR_YEARS = 30


# The number's symbol opens with the initials of the type name (Decree 30: "37/LLV-UBND" for a
# LỊCH LÀM VIỆC, "12/KH-UBND" for a KẾ HOẠCH). OCR reads a stroke letter of it as another one
# ("37/LIV-UBND", n110 light and medium dev scans): a symbol of the initials' length that
# differs from them by one stroke look-alike (I, L, l, 1, |, T) is those initials. OCR'd pages
# only (metadata.parse_metadata).
_STROKE_LOOKALIKES = frozenset("ILl1|T")


def _type_initials(type_name: str) -> str:
    return "".join(w[0] for w in fold(type_name).upper().split())


def mend_number_symbol(number: str, type_name: str) -> str:
    """`number` with its type symbol (after the first "/") read as the type's initials."""
    m = re.match(r"^(?P<a>[^/]*/)(?P<s>[^\W\d_]{2,5})(?=[-/]|$)", number)
    want = _type_initials(type_name)
    if not m or len(want) < 2 or m.group("s") == want or len(m.group("s")) != len(want):
        return number
    if _stroke_swap(m.group("s"), want):
        return m.group("a") + want + number[m.end():]
    return number


def _stroke_swap(a: str, b: str) -> bool:
    """Same length, one letter apart, both letters stroke look-alikes."""
    diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(diff) == 1 and diff[0][0] in _STROKE_LOOKALIKES and diff[0][1] in _STROKE_LOOKALIKES


# An office code whose stroke letter OCR misread, before a second office ("CL; các PCT UBND
# thành phố" for "CT, các PCT", n115 light dev scan): a capitals token opening the item, no
# office code or standard acronym and not written elsewhere in the document (`seen`), of an
# office code's length and one stroke look-alike from exactly one of them. Only before another
# office code, where the closed list of offices is what stands ("CT, các PCT").
_OFFICE_BEFORE_OFFICE = re.compile(r"^(?P<a>[A-ZĐ]{2,4})(?=[,;]?\s+(?:các\s+)?(?:"
                                   + "|".join(_OFFICES) + r")\b)")


def mend_office_before_office(item: str, seen: dict[str, int]) -> str:
    m = _OFFICE_BEFORE_OFFICE.match(item)
    if not m:
        return item
    tok = m.group("a")
    if tok in _OFFICES or tok in ACRONYM_LEXICON or seen.get(tok, 0) > 1:
        return item
    near = [o for o in _OFFICES if len(o) == len(tok) and _stroke_swap(o, tok)]
    return near[0] + item[m.end():] if len(near) == 1 else item


# A list of unit codes wrapped at a comma that OCR lost at the line's end ("Các phòng:
# NN&PTNT, KT&HT" + "TC-KH, TN&MT;", n114 light dev scan): when the line ends with a code that
# follows a comma and the next line opens with a code followed by its own comma, the two are
# members of the list, not one name.
_LAST_LISTED_CODE = re.compile(r",\s*[A-ZĐ][A-ZĐ&\-]{1,9}$")
_FIRST_LISTED_CODE = re.compile(r"^[A-ZĐ][A-ZĐ&\-]{1,9}[,;]")


def wrap_joiner(before: str, after: str) -> str:
    """What joins a wrapped recipient item's two lines: ", " between two listed codes."""
    if _LAST_LISTED_CODE.search(before.rstrip()) and _FIRST_LISTED_CODE.match(after.strip()):
        return ", "
    return " "


# Specks OCR reads at the end of a recipient item after its separator ("Phòng Tài chính - Kế
# hoạch, _", n118 medium dev scan): a mark no item ends with.
_TRAILING_SPECKS = re.compile(r"[,;.\s]*[_~^`|¬]+[,;.\s]*$")


def drop_trailing_specks(item: str) -> str:
    return _TRAILING_SPECKS.sub("", item)


def _stuttered(tok: str, acronym: str) -> bool:
    """`tok` is `acronym` with one of its letters read two or more times over ("HĐĐĐND" for
    HĐND, n116 medium dev scan: a stroke letter's edge read again)."""
    if len(tok) <= len(acronym) + 1:
        return False  # one extra letter is one edit, the rule above's business
    return re.sub(r"(.)\1+", r"\1", tok) == re.sub(r"(.)\1+", r"\1", acronym) and any(
        len(run.group(0)) > 2 for run in re.finditer(r"(.)\1+", tok))


# A number of a deadline with one digit OCR read in ("trong tháng 83/2024" for "8/2024", n105
# light dev scan; "năm 20283" for "2023", n116): the readings with one digit of a run taken
# out, for the caller to keep those that resolve to a date the document can mean.
def one_digit_out(text: str) -> list[str]:
    out: list[str] = []
    for m in re.finditer(r"\d{2,5}", text):
        for i in range(m.start(), m.end()):
            cand = text[:i] + text[i + 1:]
            if cand not in out:
                out.append(cand)
    return out


# The converse of place_as_issuer: the issuer's trailing name read with other marks ("HUYỆN
# VĂN KHẾ" over "Văn Khê, ngày ...", n107 light dev scan) while the document writes the place's
# spelling more often than the issuer's (the body's "UBND huyện Văn Khê"): the issuer takes it,
# in capitals.
def issuer_as_place(issuer: str, place: str, document: str) -> str:
    pw = place.split()
    iw = issuer.split()
    if len(pw) < 2 or len(iw) < len(pw):
        return issuer
    tail = iw[-len(pw):]
    if not all(w.isupper() for w in tail) or [fold(w) for w in tail] != [fold(w) for w in pw]:
        return issuer
    spelled = " ".join(tail)
    if spelled == place.upper():
        return issuer
    doc = document.casefold()
    if doc.count(place.casefold()) <= doc.count(spelled.casefold()):
        return issuer
    return " ".join([*iw[:-len(pw)], place.upper()])
