"""Deadline parser: finds the deadline phrase of a task sentence and resolves it to a date.

Only phrases introduced by a deadline word ("trước", "chậm nhất", "trong tháng", "quý", ...)
count: a bare "ngày 21/3/2013" in "Quyết định số 498/QĐ-TTg ngày 21/3/2013" dates a cited
document, not the task. The first deadline phrase of the sentence wins, which is the one a
reader meets first and the one the sentence's main verb governs.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from vanban.extract import dates, vocab
from vanban.models.records import DeadlineKind

_LEAD_DATE = (
    r"(?:trước|chậm nhất(?:\s+(?:là|vào|đến))?|hạn chót(?:\s+là)?|đến(?:\s+hết)?|vào|trong|"
    r"thời (?:gian|hạn)(?:\s+(?:thực hiện|hoàn thành))?\s*:|"
    r"dự kiến(?:\s+(?:vào|trong))?)"
)
_LEAD_MONTH = (
    r"(?:(?:cuộc\s+)?họp\s+|dự kiến(?:\s+(?:vào|trong))?(?:\s+cuối)?\s+|"
    r"(?:trong|vào|trước|đến(?:\s+hết)?|thời (?:gian|hạn)(?:\s+(?:thực hiện|hoàn thành))?\s*:|"
    r"hết|cuối|chậm nhất(?:\s+(?:là|vào|đến))?)\s+)"
)
# "30/6/2024", "30.9.2024", "30/6"; dashes only with a four-digit year ("30-6-2024").
_NUM_DATE = (r"(?:(?P<d>\d{1,2})\s*[/.]\s*(?P<m>\d{1,2})(?:\s*[/.]\s*(?P<y>\d{2,4}))?"
             r"|(?P<d2>\d{1,2})-(?P<m2>\d{1,2})-(?P<y2>\d{4}))(?![\d/-])")
# The day and month may be written in words ("ngày mười lăm tháng 8", "ngày mồng năm tháng
# Tám", "ngày hai mươi tháng 9 năm 2025": issue 11, n123 dev gave no deadline); a month word
# "năm" right before a year is the word "year" ("tháng 8 năm 2025"), so it is no month there.
_MONTH_WORDS = r"(?!năm\s+\d)(?:giêng|chạp|" + dates.NUMBER_WORDS + r")"
_WORD_DATE = (r"(?:(?:mồng|mùng)\s+)?(?P<d>\d{1,2}|" + dates.NUMBER_WORDS + r")\s+tháng\s+"
              r"(?P<m>\d{1,2}|" + _MONTH_WORDS + r")(?:\s+năm\s+(?P<y>\d{4}))?")
# "tháng 10, 11", "tháng 11 và tháng 12 năm 2025": the period ends with the last month named
# (extract7 probe: "tháng 11 và tháng 12 năm 2025" was read as November).
_MONTHS = r"(?P<ms>\d{1,2}(?:\s*(?:,|và|-)\s*(?:tháng\s+)?\d{1,2})*)"
# A year cut short ("Tháng 10/202:") is read as no year (the document's year then).
_YEAR_TAIL = r"(?:\s*(?:/|năm)\s*(?:(?P<y>\d{4})|\d{1,3}(?![\d/])\W?))?"

_F = re.IGNORECASE
_RECURRING = [
    re.compile(
        r"(?:(?:trước|vào|chậm nhất|từ)\s+)?ngày\s+\d{1,2}\s+(?:hàng|hằng|mỗi)\s+(?:tháng|quý|năm)",
        _F,
    ),
    re.compile(
        r"(?:hàng|hằng)\s+(?:tháng|quý|năm)\s*\(\s*(?:vào|trước)\s+"
        r"(?:ngày\s+\d{1,2}|(?:cuối|đầu|giữa)\s+(?:tháng|quý|năm))\s*\)?",
        _F,
    ),
    # "trước ngày 31/12 hằng năm": a day and month without year, every year; also with the
    # month in words, "trước ngày 05 tháng 12 hằng năm" (issue 11, n91: read as one date).
    re.compile(
        r"(?:(?:trước|vào|chậm nhất|từ)\s+)?ngày\s+\d{1,2}\s*(?:/\s*|\s+tháng\s+)\d{1,2}"
        r"\s+(?:hàng|hằng|mỗi)\s+năm",
        _F,
    ),
    # "vào ngày Chủ nhật cuối cùng của tháng", "thứ Sáu đầu tiên hằng tháng": a weekday of
    # every month (n09 dev).
    # Also with the part of the day and the week: "vào sáng thứ Bảy tuần cuối mỗi tháng",
    # "chiều thứ Sáu hằng tuần" (n47 dev: deadline_kind None on every rendering).
    re.compile(
        r"(?:(?:vào|trước)\s+)?(?:(?:buổi\s+)?(?:sáng|chiều|tối)\s+)?(?:ngày\s+)?"
        r"(?:chủ\s+nhật|thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7]))\s+(?:tuần\s+)?"
        r"(?:(?:đầu tiên|cuối cùng|cuối|đầu)\s+(?:của\s+|trong\s+)?(?:mỗi\s+|hằng\s+|hàng\s+)?"
        r"|(?:mỗi|hằng|hàng)\s+)(?:tháng|quý|tuần)",
        _F,
    ),
    # The frequency first, then the named day: "hằng tuần vào sáng thứ Hai", "mỗi tháng vào
    # ngày thứ Sáu" (n82 dev: a weekly report day read as no deadline).
    re.compile(
        r"(?:hàng|hằng|mỗi)\s+(?:tuần|tháng)\s+(?:vào\s+)?(?:(?:buổi\s+)?(?:sáng|chiều|tối)\s+)?"
        r"(?:ngày\s+)?(?:chủ\s+nhật|thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7]))(?![\wÀ-ỹ])",
        _F,
    ),
    # "định kỳ 6 tháng báo cáo ...", "định kỳ hằng quý gửi báo cáo": a reporting obligation
    # every period (n09 dev). A bare frequency of other work ("kiểm tra ... định kỳ hằng
    # tháng") is no deadline.
    re.compile(
        r"định\s+kỳ\s+(?:(?:hằng|hàng|mỗi)\s+)?(?:\d+\s+)?(?:tháng|quý|năm)"
        r"(?=\s*,?\s*(?:một\s+lần\s+)?(?:báo\s+cáo|gửi\s+báo\s+cáo|tổng\s+hợp))",
        _F,
    ),
    # "trước ngày 20 tháng cuối quý": a day of every quarter's last month.
    re.compile(
        r"(?:(?:trước|vào|chậm nhất|từ)\s+)?ngày\s+\d{1,2}\s+(?:của\s+)?tháng\s+"
        r"(?:cuối|đầu|giữa)\s+(?:mỗi\s+|hằng\s+|hàng\s+)?(?:quý|năm)",
        _F,
    ),
]
_RANGE_DATE = re.compile(
    r"từ\s+(?:ngày\s+)?\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{2,4})?\s+(?:đến|tới)\s+(?:hết\s+)?"
    r"(?:ngày\s+)?" + _NUM_DATE,
    _F,
)
_RANGE_MONTH = re.compile(
    r"(?:từ\s+|(?:trong|vào|trước|đến hết|hết|cuối)\s+|^)"
    r"tháng\s+\d{1,2}(?:\s*/\s*\d{4})?\s*(?:đến|tới|-|–)\s*(?:hết\s+)?(?:tháng\s+)?"
    r"(?P<ms>\d{1,2})" + _YEAR_TAIL,
    _F,
)
# A time of day between the lead word and the date ("trước 16 giờ ngày 07/6/2024", "trước
# 16h30, ngày ..."): the day is the deadline, the hour is dropped (n17 dev: no deadline).
_CLOCK = r"(?:\s+\d{1,2}\s*(?:giờ|h)(?:\s*\d{2}(?:\s*phút)?)?\s*,?)?"
_DATE = re.compile(r"\b" + _LEAD_DATE + _CLOCK + r"\s+(?:ngày\s+)?" + _NUM_DATE, _F)
_WDATE = re.compile(r"\b" + _LEAD_DATE + _CLOCK + r"\s+(?:ngày\s+|(?=mồng|mùng))" + _WORD_DATE, _F)
_MONTH = re.compile(r"\b" + _LEAD_MONTH + r"tháng\s+" + _MONTHS + _YEAR_TAIL + r"(?![\d/])", _F)
_QUARTER = re.compile(
    r"(?:\b(?:trong|vào|trước|đến(?:\s+hết)?|hết|cuối|dự kiến(?:\s+(?:vào|trong))?)\s+)?"
    r"\bquý\s+(?:(?:" + vocab.QUARTER_TOKEN + r"|[1-4])\s*(?:-|–|,|và|đến)\s*(?:quý\s+)?)?"
    r"(?P<q>" + vocab.QUARTER_TOKEN + r"|[1-4])(?![\w|])" + _YEAR_TAIL,
    _F,
)
_HALF = re.compile(
    # "06 tháng" as offices write it too ("trong 06 tháng cuối năm 2024": was read as
    # "cuối năm 2024", kind year; probe)
    r"(?:\b(?:trong|vào|trước|hết)\s+)?\b0?6\s+tháng\s+(?P<part>đầu|cuối)\s+năm"
    r"(?:\s*/?\s*(?P<y>\d{4}))?",
    _F,
)
_YEAR = re.compile(
    # "trong năm 2025 - 2026" ends with the second year (extract7 probe)
    r"(?<!đến )\b(?:trong|cuối|hết|trước)\s+năm\s+(?:\d{4}\s*[-–]\s*)?(?P<y>\d{4})\b", _F
)


@dataclass(frozen=True, slots=True)
class Deadline:
    """A deadline as written and as resolved; `date` is None when invalid or recurring."""

    text: str
    kind: DeadlineKind
    date: dt.date | None
    valid: bool


def _year(raw: str | None, doc_year: int | None) -> int | None:
    if not raw:
        return doc_year
    written = dates.full_year(int(raw))
    if written is None and doc_year is not None and len(raw) == 4 and _one_digit_off(raw, doc_year):
        # "20/5/2924" in a 2024 plan: no such year; OCR misread one digit of the document's
        # year (n102 dev scans: the deadline was lost).
        return doc_year
    if (doc_year is not None and len(raw) < 4 and raw == str(doc_year)[: len(raw)]
            and (written is None or written < doc_year)):
        # "30/4/20" in a 2023 plan: a year cut short by the cell edge or OCR, not 2020.
        return doc_year
    return written


def _one_digit_off(raw: str, doc_year: int) -> bool:
    return sum(a != b for a, b in zip(raw, str(doc_year), strict=False)) == 1


def _last_month(ms: str) -> int:
    return int(re.findall(r"\d{1,2}", ms)[-1])


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _from_match(kind: str, m: re.Match[str], doc_year: int | None) -> Deadline:
    text = _clean(m.group(0))
    gd = m.groupdict()
    if gd.get("d2"):
        gd.update(d=gd["d2"], m=gd["m2"], y=gd["y2"])
    year = _year(gd.get("y"), doc_year)
    date: dt.date | None
    dk: DeadlineKind
    if kind == "recurring":
        return Deadline(text, "recurring", None, True)
    if kind == "date":
        dk = "date"
        day, month = dates.number_from_words(gd["d"]), dates.month_number(gd["m"])
        date = dates.safe_date(year, month, day) if day and month else None
    elif kind == "month":
        dk = "month"
        date = dates.month_end(year, _last_month(gd["ms"]))
    elif kind == "quarter":
        dk = "quarter"
        q = dates.quarter_number(gd["q"])
        date = dates.quarter_end(year, q) if q else None
    elif kind == "half_year":
        dk = "half_year"
        date = dates.month_end(year, 6 if gd["part"].lower() == "đầu" else 12)
    else:
        dk = "year"
        date = dates.year_end(year)
    return Deadline(text, dk, date, date is not None)


_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    *(("recurring", p) for p in _RECURRING),
    ("date", _RANGE_DATE),
    ("month", _RANGE_MONTH),
    ("date", _WDATE),
    ("date", _DATE),
    ("quarter", _QUARTER),
    ("half_year", _HALF),
    ("month", _MONTH),
    ("year", _YEAR),
]


# The period after the report it times, closing the clause ("..., báo cáo UBND huyện định kỳ 6
# tháng./."): a reporting duty every period, as "định kỳ 6 tháng báo cáo" (n102 dev: no
# deadline). Only with "báo cáo" earlier in the same clause: a bare frequency of other work
# ("kiểm tra định kỳ hằng tháng.") stays no deadline.
_PERIOD_AFTER_REPORT = re.compile(
    r"định\s+kỳ\s+(?:(?:hằng|hàng|mỗi)\s+)?(?:\d+\s+)?(?:tháng|quý|năm)"
    r"(?=\s*(?:\./\.|[.;])?\s*$|\s*[.;]\s)",
    _F,
)
_REPORT_IN_CLAUSE = re.compile(r"báo\s+cáo[^.;]*$", _F)


def find_deadlines(text: str, doc_year: int | None = None) -> list[tuple[int, Deadline]]:
    """Every deadline phrase with its offset, overlapping candidates resolved by pattern order."""
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, Deadline]] = []
    for m in _PERIOD_AFTER_REPORT.finditer(text):
        if _REPORT_IN_CLAUSE.search(text[: m.start()]):
            taken.append(m.span())
            found.append((m.start(), _from_match("recurring", m, doc_year)))
    for kind, pat in _PATTERNS:
        for m in pat.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            found.append((s, _from_match(kind, m, doc_year)))
    found.sort(key=lambda p: p[0])
    return found


def _qualifier(text: str, at: int, dl: Deadline, doc_year: int | None,
               current: bool = False) -> bool:
    """A date before the document's year right after a state ("đạt chuẩn trước năm 2016") or
    beside a phrase of the document's year or later (`current`: "theo kết quả điều tra cuối
    năm 2023, báo cáo ... trước ngày 20 tháng 6" in a 2024 plan names the period of what is
    meant, not the time limit), or a reference date ("kết quả tính đến ngày
    31/8/2023": as of, no time limit). Effect: issue 11 (blind run 2) cause 3, n37 dev took
    "cuối năm 2023" as the first action's deadline and split the reporting clause off."""
    return vocab.as_of(text[:at]) or (
        dl.date is not None and doc_year is not None and dl.date.year < doc_year
        and (current or vocab.qualifies_noun(text[:at])))


# "kỳ họp HĐND huyện cuối năm 2024", "hội nghị tổng kết cuối năm": a period that dates an
# event the work is for, when a time limit with a strong lead follows ("..., gửi trước ngày
# 20/11/2024"); it was taken as the deadline and split the item in two (probe).
_EVENT_BEFORE = re.compile(r"(?:ky hop|hoi nghi|hop|dot|so ket|tong ket|kiem tra|danh gia|"
                           r"ket qua|bao cao|hdnd \S+|ubnd \S+)\s*$")
_STRONG = re.compile(r"^(?:truoc|cham nhat|han)\b")


def _event_period(text: str, at: int, dl: Deadline, found: list[tuple[int, Deadline]]) -> bool:
    if not vocab.fold(dl.text).startswith("cuoi "):
        return False
    if not _EVENT_BEFORE.search(vocab.fold(text[:at]).rstrip()):
        return False
    return any(i > at and _STRONG.match(vocab.fold(d.text)) for i, d in found)


# A trailing clause that only completes the action (", hoàn thành trước ngày 15/11/2026.") sets
# the time limit of the whole action: a period written earlier in the same action qualifies its
# object ("điều tra hộ nghèo cuối năm 2026 tại 21 bản, hoàn thành trước ngày ..."), it is not a
# deadline and the clause is no task of its own (issue 11 cause 6; n125 dev took "cuối năm 2026"
# and split the clause off as an extra task on every rendering).
_COMPLETION_BEFORE = re.compile(r",\s*(?:và\s+)?(?:phải\s+)?(?:hoàn thành|hoàn tất|xong)\s*$", _F)


def _governed(text: str, at: int, dl: Deadline, found: list[tuple[int, Deadline]]) -> bool:
    """Whether a period phrase at `at` is overruled by a completion clause later in its action."""
    f = vocab.fold(dl.text)
    if dl.kind == "recurring" or (vocab.has_lead(dl.text) and not f.startswith("cuoi ")):
        # a time adverbial of a verb ("khởi công trong quý II/2024, hoàn thành trước ngày
        # 15/12/2024": two actions, n29 dev) keeps its own deadline; only a bare period or
        # "cuối năm ..." after a noun qualifies the object
        return False
    for i, d in found:
        if i <= at or not _STRONG.match(vocab.fold(d.text)):
            continue
        if re.search(r";|\.\s", text[at:i]):
            return False  # another action
        if _COMPLETION_BEFORE.search(text[:i]):
            return True
    return False


def _current(found: list[tuple[int, Deadline]], doc_year: int | None) -> bool:
    """Whether a phrase resolves to the document's year or later."""
    return doc_year is not None and any(
        d.date is not None and d.date.year >= doc_year for _, d in found)


def parse_deadline(text: str, doc_year: int | None = None) -> Deadline | None:
    """The deadline phrase of `text`, or None; never raises on any input.

    A past date right after a state ("các xã đạt chuẩn trước năm 2016") qualifies a noun and is
    skipped; of the rest, the first with a lead word ("báo cáo kết quả 6 tháng đầu năm ...
    trước ngày 15/7" -> 15/7), else the first (vocab.py holds the word lists)."""
    try:
        found = find_deadlines(text, doc_year)
    except (ValueError, OverflowError, IndexError):
        return None
    if not found:
        return None
    cur = _current(found, doc_year)
    free = [(i, d) for i, d in found if not _qualifier(text, i, d, doc_year, cur)
            and not _event_period(text, i, d, found) and not _governed(text, i, d, found)]
    if len(free) > 1:
        # A bare period ("6 tháng đầu năm") names what is reported; a phrase with a lead word
        # ("trước ngày 15/7") is the time limit. Among those the first wins: in a sentence of
        # several actions the first action's deadline is the item's (seeds 002, h4: dev).
        led = [(i, d) for i, d in free if vocab.has_lead(d.text)] or free
        return led[0][1]
    return free[0][1] if free else None


# A clause opens after ";", ",", "." or "và" ("... trước ngày 05/12/2025 và định kỳ 6 tháng báo
# cáo UBND huyện": n55, the periodic duty after "và" was lost on every rendering).
_CLAUSE_START = re.compile(r"(?:[;,.]|\svà)\s*$")
_ACTION_SEP = re.compile(r"\s*(?:;|,|\.(?=\s)|\s+và(?=\s))\s+")


def split_actions(text: str, doc_year: int | None = None) -> list[str]:
    """An item of several actions, each with its own time limit ("thẩm định ..., xong trước
    ngày 31/10; tham mưu ... trước ngày 20/11."), cut into one text per deadline (issue 11's
    convention: one task per deadline). Each part runs to the first separator (";", ",", ". ",
    "và") after its deadline phrase; the last takes the rest. Only phrases with a lead word
    count, and none that qualifies a noun or is an as-of date, so "báo cáo kết quả 6 tháng đầu
    năm trước ngày 10/6" stays one task, and so does a date in a bracketed aside. One
    deadline, or none: `[text]`."""
    try:
        found = find_deadlines(text, doc_year)
    except (ValueError, OverflowError, IndexError):
        return [text]
    cur = _current(found, doc_year)
    led = [(i, d) for i, d in found
           if vocab.has_lead(d.text) and not _qualifier(text, i, d, doc_year, cur)
           and not _event_period(text, i, d, found) and not _governed(text, i, d, found)
           and text.count("(", 0, i) <= text.count(")", 0, i)]  # not in an aside "(...)"
    # A reporting duty every period opening a clause after an action with its own deadline
    # ("..., hoàn thành trước ngày 05/02; định kỳ 6 tháng báo cáo kết quả về UBND huyện.") is a
    # task of its own with its recurring deadline (one task per deadline / per reporting duty).
    # Without a dated action before it ("triển khai nhiệm vụ; định kỳ báo cáo ...") the item
    # stays one task. Effect: n45 dev, the clause was lost on every rendering.
    led += [(i, d) for i, d in found
            if d.kind == "recurring" and led and led[0][0] < i and (i, d) not in led
            and _CLAUSE_START.search(text[:i])]
    led.sort(key=lambda p: p[0])
    if len(led) < 2:
        return [text]
    parts: list[str] = []
    start = 0
    for k, (at, dl) in enumerate(led[:-1]):
        if at < start:
            continue
        end = at + len(dl.text)
        nxt = led[k + 1][0]
        sep = _ACTION_SEP.search(text, end, nxt)
        if sep is None:
            continue  # two phrases of one action ("từ ... trong tháng 5, trước ngày ...")
        parts.append(text[start:sep.start()].strip())
        start = sep.end()
    parts.append(text[start:].strip())
    return [p for p in parts if p] if len(parts) > 1 else [text]
