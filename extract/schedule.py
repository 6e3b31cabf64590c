"""Schedule parser: one Task per activity row of a monthly or weekly work-schedule table.

Rows arrive as TAB-separated lines (seed markup, PDF text layers and OCR'd grids alike). The
parser is a small state machine over rows: a day cell opens a day, a session marker sets the
session of the rows after it, anything else in the content column is an activity. It copes with
the quirks real tables show: markers in tags or inline, a day number and its weekday split over
two rows, markers placed just before their day row, rows that lost their leading TAB, blank
lines and page breaks inside the table, holiday rows in the wrong column.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from vanban.extract import dates, vocab
from vanban.extract.lines import Line
from vanban.extract.markup import tidy
from vanban.extract.owners import starts_with_verb
from vanban.models.records import Session, Task

_F = re.IGNORECASE
# "15/5", "15.5.2023", "15" and, without spaces, "15-5" / "15-5-2023" (not a range "15-20/5").
_DAYNUM = re.compile(
    r"(?<![\d/])(?P<d>\d{1,2})(?:\s*[/.]\s*(?P<m>\d{1,2})(?:\s*[/.]\s*(?P<y>\d{2,4}))?"
    r"|-(?P<m2>\d{1,2})(?:-(?P<y2>\d{4}))?(?![\d/]))?"
    r"(?![\d/])"
)
_DAY_RANGE = re.compile(r"(?<![\d/])(?P<d>\d{1,2})\s*(?:[-–,]|và|đến)\s*\d{1,2}\s*/\s*"
                        r"(?P<m>\d{1,2})(?:\s*/\s*(?P<y>\d{4}))?(?![\d/])")
# "29/8-03/9", "27/6 đến 01/7", "Từ 30/6 đến ngày 02/7/2025": a span across a month end; the
# rows take its first day (n111/n131 dev: the cell was no day and the row ran into the last).
_DATE_RANGE = re.compile(
    r"(?<![\d/])(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})(?:\s*/\s*(?P<y>\d{4}))?\s*"
    r"(?:[-–]|[,;](?=\s)|và|đến|tới)\s*(?:ngày\s+)?\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{4})?"
    r"(?![\d/])", _F)
# "22-23", "06-07", "14 đến 16", "15, 16", "15 và 16": days of the table's month (the work
# lasts or recurs over them; the row takes the first; a comma only with a space after it, as
# OCR reads the slash of "05/6" as a comma, "05,6"). Without "đến" a pair
# reads as "15-5" (day-month) unless its second number cannot be a month or a day word
# ("Ngày 06-07", "Từ 10-12") says it is a span.
_BARE_RANGE = re.compile(
    r"(?<![\d/])(?P<d>\d{1,2})\s*(?P<sep>[-–]|[,;](?=\s)|và|đến|tới)\s*(?:ngày\s+)?"
    r"(?P<e>\d{1,2})(?![\d/])", _F)
_SPAN_WORD = re.compile(r"^\s*(?:từ|ngày)\b", _F)
_FROM = re.compile(r"^\s*từ\s+(?=(?:ngày\s+)?\d)", _F)
_SECTION_HEAD = re.compile(r"^(?:[IVX]+|\d{1,2})[.)]\s+\S")
_ALL_DAY = re.compile(r"\(\s*cả\s+ngày\s*\)", _F)
_GLUED_DAY_MONTH = re.compile(r"[(\s,\-]*(?P<d>0[1-9]|[12]\d|3[01])(?P<m>0[1-9]|1[0-2])[)\s,.]*")
_HOLIDAY = re.compile(r"^nghỉ\s+(?:lễ|tết|bù)\b", _F)
_BULLET = re.compile(r"^[-–•+]\s*")
_END = re.compile(r"^(?:nơi nhận|noi nhan|kt\.|tm\.|k/t|người lập|ghi chú\s*:)", _F)
_MONTH_YEAR = re.compile(r"tháng\s+(?P<m>\d{1,2})\s*(?:/|năm)\s*(?P<y>\d{4})", _F)
_FROM_DATE = re.compile(
    r"từ\s+ngày\s+(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})(?:\s*/\s*(?P<y>\d{4}))?", _F
)
_ANY_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")

WEEKDAY_NAMES = ("Thứ 2", "Thứ 3", "Thứ 4", "Thứ 5", "Thứ 6", "Thứ 7", "CN")


@dataclass(frozen=True, slots=True)
class Columns:
    day: int = 0
    content: int = 1
    owner: int | None = 2
    leaders: int | None = 3
    location: int | None = None
    session: int | None = None
    day2: int | None = None
    notes: int | None = None  # GHI CHÚ
    chair_as_owner: bool = False  # a bare CHỦ TRÌ column taken as the unit (may be people)


def read_header(cells: Sequence[str]) -> Columns | None:
    """Column roles from a header row; None when the row is not a schedule header."""
    roles: dict[str, int] = {}
    chair_as_owner = False
    for i, raw in enumerate(cells):
        c = tidy(raw).upper()
        if not c or len(c) > 60:
            continue
        if vocab.header_starts(c, "NỘI DUNG", "CÔNG VIỆC"):
            roles.setdefault("content", i)
        elif vocab.header_has(c, "CHUẨN BỊ") and not vocab.header_starts(c, "LÃNH ĐẠO"):
            # whoever "prepares" is the unit, however the header starts ("THÀNH PHẦN CHUẨN
            # BỊ", blind test n02: read as leaders, so units and leaders swapped)
            roles.setdefault("owner", i)
        elif vocab.header_starts(c, "LÃNH ĐẠO", "NGƯỜI CHỦ TRÌ"):
            roles.setdefault("leaders", i)
        elif vocab.header_starts(c, "THÀNH PHẦN", "THAM DỰ"):
            roles.setdefault("attendees", i)  # the leaders unless a column names who chairs
        elif vocab.fold(c) == vocab.fold("CHỦ TRÌ"):
            roles.setdefault("chair", i)  # people or unit: decided below
        elif vocab.header_starts(c, "CHỦ TRÌ", "ĐƠN VỊ", "CHUẨN BỊ", "BỘ PHẬN", "PHỤ TRÁCH",
                                 "CƠ QUAN"):
            roles.setdefault("owner", i)
        elif vocab.header_starts(c, "ĐỊA ĐIỂM"):
            roles.setdefault("location", i)
        elif vocab.header_starts(c, "NGÀY", "THỨ"):
            if "day" in roles:
                roles.setdefault("day2", i)  # "THỨ | NGÀY" in two columns
            else:
                roles["day"] = i
        elif vocab.header_starts(c, "BUỔI", "THỜI GIAN", "GIỜ"):
            roles.setdefault("session", i)
        elif vocab.header_starts(c, "GHI CHÚ"):
            roles.setdefault("notes", i)
    if "chair" in roles:
        # A bare "CHỦ TRÌ" column names who chairs: the leaders when another column already
        # names the preparing unit ("CHỦ TRÌ | ĐƠN VỊ CHUẨN BỊ", n04/n28: "Đ/c Hải"), else
        # the unit itself.
        chair = roles.pop("chair")
        chair_as_owner = "owner" not in roles
        roles.setdefault("leaders" if "owner" in roles else "owner", chair)
    if "attendees" in roles:
        # who attends ("THÀNH PHẦN") names the leaders only when no column says who chairs:
        # "CHỦ TRÌ | THÀNH PHẦN, ĐỊA ĐIỂM | ĐƠN VỊ CHUẨN BỊ" (an invented Party schedule: the
        # meeting rooms were read as its leaders and the chairs were lost)
        roles.setdefault("leaders", roles.pop("attendees"))
    if "day" not in roles and roles.get("session") == 0:
        roles["day"] = roles.pop("session")  # "THỜI GIAN" first: day and session in one cell
    if "day" not in roles or len(roles) < 2:
        return None  # no day column: a plan's task table, not a schedule
    if "content" not in roles:
        return None
    return Columns(
        day=roles.get("day", 0),
        day2=roles.get("day2"),
        content=roles["content"],
        owner=roles.get("owner"),
        leaders=roles.get("leaders"),
        location=roles.get("location"),
        session=roles.get("session"),
        notes=roles.get("notes"),
        chair_as_owner=chair_as_owner,
    )


@dataclass(frozen=True, slots=True)
class DayCell:
    day: int | None
    month: int | None
    year: int | None
    weekday: str | None
    session: Session | None = None
    time: str | None = None  # a clock time in the cell, as written
    # Other (day, month) readings of a garbled "dd/mm" ("2712": 27/12, 2/12, 27/2); day and
    # month hold the first until the table around the cell chooses (resolve_reading).
    readings: tuple[tuple[int, int], ...] = ()




def clock_session(text: str) -> Session | None:
    """"7h30" is a morning, "14 giờ" an afternoon."""
    m = vocab.find_clock(text)
    return _as_session(vocab.clock_session(m[1])) if m else None


def parse_day_cell(cell: str) -> DayCell | None:
    """"06 Thứ 6", "Thứ 2 (09/12)", "22 CN", "26", "Thứ 4": None if the cell holds anything
    else (so a task text that starts with a number is never read as a day)."""
    c = vocab.drop_cell_noise(tidy(cell))
    if not c:
        return None
    session: Session | None = None
    sm = vocab.find_session(c)
    if sm:
        session = _as_session(sm[0])
        c = (c[: sm[1]] + " " + c[sm[2]:]).strip()
    wd: str | None = None
    wm = vocab.find_weekday(c)  # before the clock: "Thứ 6G" is a weekday, not 6 o'clock
    if wm:
        wd = wm[0]
        c = (c[: wm[1]] + " " + c[wm[2]:]).strip()
    time: str | None = None
    cm = vocab.find_clock(c)
    if cm:
        time = cm[0]
        session = session or _as_session(vocab.clock_session(cm[1]))
        c = (c[: cm[2]] + " " + c[cm[3]:]).strip()
    day = month = year = None
    if wd and (w2 := vocab.find_weekday(c)):
        c = (c[: w2[1]] + " " + c[w2[2]:]).strip()  # "Thứ Bảy, Chủ nhật": the first day opens
    c = _first_day_of_span(c)
    rng = _DAY_RANGE.search(c)
    if rng:
        # "17-18/5", "17 và 18/5": a cell spanning days; its rows take the first day.
        c = (c[: rng.start()] + f" {rng.group('d')}/{rng.group('m')}"
             + (f"/{rng.group('y')}" if rng.group("y") else "") + " " + c[rng.end():]).strip()
    c = re.sub(r"\(\s*\)", " ", c).strip()  # the brackets a weekday "(T6)" leaves
    readings = vocab.day_month_readings(c.strip(" .,-")) if wd else ()
    if len(readings) > 1 or (readings and not _DAYNUM.fullmatch(c.strip(" .,-"))):
        # "27712 (16)", "2712 (T6)": a dd/mm whose slash OCR misread or lost, vouched for by
        # its weekday. The readings go to the table (resolve_reading), which knows the
        # neighbouring dates; without a weekday only the table may take it (garbled_day).
        return DayCell(readings[0][0], readings[0][1], None, wd, session, time, readings)
    glued = _GLUED_DAY_MONTH.fullmatch(c) if wd else None
    dm = None if glued else _DAYNUM.search(c)
    if glued:
        # "Thứ Hai 2712", "(0601)": OCR lost the slash of dd/mm; a weekday vouches for a day.
        day, month = int(glued.group("d")), int(glued.group("m"))
        c = ""
    if dm:
        day = int(dm.group("d"))
        mo, yr = dm.group("m") or dm.group("m2"), dm.group("y") or dm.group("y2")
        month = int(mo) if mo else None
        year = dates.full_year(int(yr)) if yr else None
        c = (c[: dm.start()] + " " + c[dm.end():]).strip()
    if day is not None and month is not None and re.fullmatch(r"\(\s*\w{1,3}\s*\)?", c):
        c = ""  # "27/12 (TÓ)": a weekday OCR could not read beside a full dd/mm
    if not vocab.only_filler(c):
        return None
    if day is None and wd is None and session is None:
        return None
    if day is not None and not 1 <= day <= 31:
        # "Thứ 6 (51/12)": a digit OCR confuses, vouched for by the weekday (own_a render)
        alt = vocab.confused_day_readings(day, month) if wd and month else ()
        if not alt:
            return None
        return DayCell(alt[0][0], alt[0][1], year, wd, session, time, alt)
    return DayCell(day, month, year, wd, session, time)


def session_marker(text: str) -> Session | None:
    return _as_session(vocab.session_marker(text))


def _as_session(word: str | None) -> Session | None:
    if word == "sang":
        return "sang"
    if word == "chieu":
        return "chieu"
    if word == "toi":
        return "toi"
    if word == "ca_ngay":
        return "ca_ngay"
    return None


def normalise_unit(unit: str) -> str | None:
    """"Phòng KHN VG S" -> "Phòng KHNVGS": an acronym OCR or typing broke into capital pieces."""
    u = vocab.strip_rule_specks(tidy(unit)).strip(" ,;.")
    if not u:
        return None
    toks = u.split(" ")
    caps = 0
    for t in reversed(toks):
        if t.isalpha() and t.isupper():
            caps += 1
        else:
            break
    tail = toks[len(toks) - caps:]
    if caps >= 2 and len(toks) > caps and any(len(t) <= 2 for t in tail):
        toks = [*toks[: len(toks) - caps], "".join(tail)]
    return " ".join(toks)


def split_leaders(cell: str) -> tuple[str, ...]:
    """People of a leaders cell, split at commas; an office written after a name ("Đ/c Thảo,
    PCT") stays with that name rather than becoming a leader of its own."""
    cell = vocab.strip_rule_specks(tidy(cell))
    out: list[str] = []
    for p in (x.strip(" .;") for x in cell.split(",")):
        if not p:
            continue
        if out and vocab.office_only(p) and vocab.fold(out[-1]).startswith(("d c ", "dong chi ")):
            out[-1] = f"{out[-1]}, {p}"
        else:
            out.append(vocab.comrade(vocab.drop_comrade_dash(p)))
    return tuple(out)


def clean_text(cell: str) -> str:
    return _BULLET.sub("", tidy(cell)).strip()


def weekday_name(d: dt.date) -> str:
    return WEEKDAY_NAMES[d.weekday()]


def _first_day_of_span(c: str) -> str:
    """A day cell spanning days, cut to its first day: "Từ 27/6 đến 01/7" -> "27/6", "Ngày
    22-23" -> "Ngày 22", "Từ 14 đến 16/8" -> "14 đến 16/8" (the dd-dd/mm form is _DAY_RANGE's).
    The span's later days only say how long the work lasts."""
    span_word = _SPAN_WORD.match(c) is not None
    c = _FROM.sub("", c)
    dr = _DATE_RANGE.search(c)
    if dr:
        first = f"{dr.group('d')}/{dr.group('m')}" + (f"/{dr.group('y')}" if dr.group("y") else "")
        return (c[: dr.start()] + " " + first + " " + c[dr.end():]).strip()
    if _DAY_RANGE.search(c):
        return c
    br = _BARE_RANGE.search(c)
    if br:
        d, e = int(br.group("d")), int(br.group("e"))
        dash = br.group("sep") in "-–"
        if d < e <= 31 and (not dash or e > 12 or span_word):
            return (c[: br.start()] + " " + br.group("d") + " " + c[br.end():]).strip()
    return c


def schedule_period(lines: Sequence[Line], header_idx: int, fallback: dt.date | None) -> tuple[
    int | None, int | None
]:
    """Month and year the table's day numbers belong to: the nearest "tháng 12/2019" or
    "từ ngày 02/12/2019" above the table, else the title; the issue date only as a last resort."""
    for k in range(header_idx - 1, -1, -1):
        t = lines[k].text
        fm = _FROM_DATE.search(t)
        if fm:
            y = fm.group("y") or _first_year(t)
            return int(fm.group("m")), int(y) if y else (fallback.year if fallback else None)
        mm = _MONTH_YEAR.search(t)
        if mm:
            return int(mm.group("m")), int(mm.group("y"))
    if fallback:
        return fallback.month, fallback.year
    return None, None


def _first_year(text: str) -> str | None:
    m = _ANY_YEAR.search(text)
    return m.group(0) if m else None


@dataclass(slots=True)
class _State:
    month: int | None
    year: int | None
    day: int | None = None
    date: dt.date | None = None
    weekday: str | None = None
    session: Session | None = None
    carry: Session | None = None
    pending_weekday: str | None = None  # "Thứ Năm" written on the row above its day number
    time: str | None = None  # clock time of the current row, as written
    seen: dict[tuple[int | None, int], dt.date] = field(default_factory=dict)  # days opened
    warnings: list[str] = field(default_factory=list)


def find_header(lines: Sequence[Line]) -> tuple[int, Columns] | None:
    for i, ln in enumerate(lines):
        if "\t" in ln.raw:
            cols = read_header(ln.raw.split("\t"))
            if cols is not None:
                return i, cols
    return None


def _cell(cells: Sequence[str], idx: int | None) -> str:
    if idx is None or idx >= len(cells):
        return ""
    return cells[idx]


def _open_day(st: _State, dc: DayCell, ln: Line, page_top: bool = False) -> None:
    if dc.day is None:
        if dc.weekday and st.weekday is None:
            st.weekday = dc.weekday
            _check_weekday(st, ln)
        elif dc.weekday and dc.weekday != st.weekday:
            # A new weekday before its day number: the next day row opens that day.
            st.pending_weekday = dc.weekday
        return
    month = dc.month or st.month
    year = dc.year or st.year
    before = st.date
    again = st.seen.get((month, dc.day)) if page_top and dc.year is None else None
    if again is not None and dc.month is not None:
        # "30/12" repeated at the top of the page after "01/01": that day again, not a day of
        # the next year (its year is the one it had when first opened).
        month, year = again.month, again.year
    elif (dc.month is None and st.day is not None and month is not None and dc.day < st.day - 7
            and not _repeated_day(st, dc, month, year, page_top)):
        # The table ran into the next month (weekly schedules crossing a month end).
        month = month % 12 + 1
        if month == 1 and year is not None:
            year += 1
    if (again is None and dc.month and dc.year is None and st.month and year is not None
            and dc.month < st.month - 6):
        year += 1  # "02/01" after December rows: the table crossed into the next year
    st.month, st.year = month, year
    st.day = dc.day
    st.date = dates.safe_date(year, month, dc.day) if month else None
    if st.date is not None:
        st.seen.setdefault((month, dc.day), st.date)
    if st.date is None:
        st.warnings.append(f"p{ln.page_no} l{ln.line_no}: day {dc.day} has no valid date")
    same_day = st.date is not None and st.date == before
    # The same day again (a row repeated at a page top, n28 dev scan) keeps its weekday.
    st.weekday = dc.weekday or st.pending_weekday or (st.weekday if same_day else None)
    st.pending_weekday = None
    if st.date is None or st.date != before or st.carry is not None:
        st.session = st.carry  # a new day starts without a session (unless one was carried)
    st.carry = None
    _check_weekday(st, ln)


def resolve_reading(st: _State, dc: DayCell, next_date: dt.date | None) -> DayCell | None:
    """The reading of a garbled day cell ("2712 (T6)": 27/12, 2/12 or 27/2) that the table
    makes consistent: its date has the weekday written beside it, falls in the table's month
    or the next, after the day already open and not after the next row's date. Each test a
    reading passes counts; the weekday counts double (it checks the date itself). None when no
    reading is consistent and the cell has no weekday to vouch for a day."""
    best: tuple[int, tuple[int, int]] | None = None
    for d, m in dc.readings:
        year = st.year
        if year is not None and st.month is not None and m < st.month - 6:
            year += 1  # "02/01" after December rows
        date = dates.safe_date(year, m, d) if year is not None else None
        score = 0
        if date is not None and dc.weekday:
            score += 2 if weekday_name(date) == dc.weekday else -2
        if st.month is not None:
            score += 1 if m in (st.month, st.month % 12 + 1) else -1
        if date is not None and st.date is not None:
            score += 1 if date >= st.date else -1
        if date is not None and next_date is not None:
            score += 1 if date <= next_date else -1
        if best is None or score > best[0]:
            best = (score, (d, m))
    if best is None or (best[0] <= 0 and not dc.weekday):
        return None
    d, m = best[1]
    return dataclasses.replace(dc, day=d, month=m, readings=())


def garbled_day(cell: str) -> DayCell | None:
    """A day-column cell that is a bare garbled "dd/mm" ("27712"), as an unresolved DayCell:
    parse_day_cell refuses it (without a weekday it may be anything), the table may still
    read it when a reading fits between its neighbours' dates (resolve_reading)."""
    readings = vocab.day_month_readings(vocab.drop_cell_noise(tidy(cell)).strip(" .,-()"))
    return DayCell(readings[0][0], readings[0][1], None, None, readings=readings) if readings \
        else None


_LEAD_DIGITS = re.compile(r"^\s*(?P<t>\d{3,6})(?![\d/.])(?P<rest>.*)$")


def table_month_day(cell: str, month: int | None) -> DayCell | None:
    """A day cell whose "dd/mm" OCR garbled past every reading of the slash ("27190 (T6)" for
    "27/10 (T6)": the 1 of the month read 9, on an invented programme's medium scan, so the
    row kept the day before): its first one or two digits are the day, in the table's month
    or the next, unresolved (readings) so that the weekday beside it and the neighbours'
    dates decide (resolve_reading), as for any garbled cell."""
    m = _LEAD_DIGITS.match(vocab.drop_cell_noise(tidy(cell)))
    if m is None or month is None:
        return None
    tok = m.group("t")
    days = dict.fromkeys(int(x) for x in (tok[:2], tok[:1]) if 1 <= int(x) <= 31)
    readings = tuple((d, mo) for d in days for mo in (month, month % 12 + 1))
    if not readings:
        return None
    wm = vocab.find_weekday(m.group("rest"))
    return DayCell(readings[0][0], readings[0][1], None, wm[0] if wm else None,
                   readings=readings)


def _next_date(rows: Sequence[Line], k: int, cols: Columns, st: _State) -> dt.date | None:
    """The date of the next row below `k` whose day cell reads cleanly (the neighbour that
    bounds a garbled cell's reading)."""
    for ln in rows[k + 1: k + 12]:
        if "\t" not in ln.raw:
            continue
        dc = parse_day_cell(tidy(_cell(ln.raw.split("\t"), cols.day)))
        if dc is None or dc.day is None or dc.readings:
            continue
        month, year = dc.month or st.month, dc.year or st.year
        if year is not None and month is not None and st.month is not None and month < st.month - 6:
            year += 1
        return dates.safe_date(year, month, dc.day) if month else None
    return None


def _repeated_day(st: _State, dc: DayCell, month: int, year: int | None, page_top: bool) -> bool:
    """A day number going backwards that repeats a day of this month rather than starting the
    next month: the day cell a continuation page repeats above its first rows (seen on the
    rendered dev scans: "14" again at the top of a page after "22"). The weekday decides
    when the cell has one; else only a page's first row is taken for a repeat."""
    if dc.day is None or (month, dc.day) not in st.seen:
        return False
    if dc.weekday:
        same = dates.safe_date(year, month, dc.day)
        return same is not None and weekday_name(same) == dc.weekday
    return page_top


def _check_weekday(st: _State, ln: Line) -> None:
    if st.date and st.weekday and weekday_name(st.date) != st.weekday:
        st.warnings.append(
            f"p{ln.page_no} l{ln.line_no}: {st.date.isoformat()} is {weekday_name(st.date)}, "
            f"table says {st.weekday}"
        )


def _next_day_cell(rows: Sequence[Line], k: int, cols: Columns) -> tuple[int, DayCell] | None:
    """The next row's day cell when it is a date without a weekday (the second half of a day
    written over two rows), with its index."""
    for j in range(k + 1, len(rows)):
        ln = rows[j]
        if not ln.text:
            continue
        cells = ln.raw.split("\t")
        if read_header(cells) is not None:
            continue  # the header repeated on the next page splits "Thứ Năm" from "02/3" (n13)
        cell = tidy(_cell(cells, cols.day))
        dc = parse_day_cell(cell)
        if dc is None and vocab.date_like_cell(cell):
            dc = garbled_day(cell)  # "0973" under "Thứ Ba": the caller resolves it
        if dc is not None and dc.day is not None and dc.weekday is None:
            return j, dc
        return None
    return None


def _weekday_opens_next(st: _State, dc: DayCell, nxt: DayCell) -> bool:
    """Whether a weekday-only row starts the day whose date is on the next row, rather than
    completing the day already open ("26 | Buổi sáng" then "Thứ 4 | ..."). The calendar decides
    when it can; else a weekday after a day that already has one starts the next day."""
    month = nxt.month or st.month
    year = nxt.year or st.year
    nd = dates.safe_date(year, month, nxt.day) if month and nxt.day else None
    if nd is not None and weekday_name(nd) == dc.weekday:
        return not (st.date is not None and weekday_name(st.date) == dc.weekday)
    return st.day is None or st.weekday is not None


def _next_is_day(rows: Sequence[Line], k: int, cols: Columns) -> bool:
    for ln in rows[k + 1:]:
        if not ln.text:
            continue
        cells = ln.raw.split("\t")
        dc = parse_day_cell(_cell(cells, cols.day))
        return dc is not None and dc.day is not None
    return False


def _closing_prose_start(rows: Sequence[Line]) -> int:
    """Index of the prose that closes a schedule below its table ("Văn phòng X có trách
    nhiệm thông báo lịch ..."): the tab-less lines after the last table row, up to "Nơi nhận"
    or the end, when they make a sentence (8+ words, a full stop) - a row that only lost its
    TABs is followed by other rows. len(rows) when there is none. Effect on dev: n12's
    closing sentence was 1 false row from text and digital PDF, 3 from the scans."""
    last_tab = max((k for k, ln in enumerate(rows) if "\t" in ln.raw), default=-1)
    if last_tab < 0:
        return len(rows)
    end = next((k for k in range(last_tab + 1, len(rows)) if _END.match(rows[k].text)),
               len(rows))
    prose = " ".join(ln.text for ln in rows[last_tab + 1:end] if ln.text)
    if len(prose.split()) >= 8 and prose.rstrip().endswith((".", "./.")):
        return last_tab + 1
    return len(rows)


def parse_schedule(
    lines: Sequence[Line], issue_date: dt.date | None = None
) -> tuple[list[Task], list[str]]:
    """Schedule rows of the first table with a "NỘI DUNG" header; ([], []) when none."""
    found = find_header(lines)
    if found is None:
        return [], []
    hi, cols = found
    month, year = schedule_period(lines, hi, issue_date)
    st = _State(month, year)
    if month is None:
        st.warnings.append("schedule month/year not found")
    tasks: list[Task] = []
    rows = list(lines[hi + 1:])
    prose_from = _closing_prose_start(rows)
    # Rows of text layers and typed text are never "carried over" (drop_page_top_repeats): a
    # PDF page may well start with the same activity again (seed 000, p8: the next session).
    width = max(cols.day, cols.day2 or 0, cols.content, cols.owner or 0, cols.leaders or 0,
                cols.location or 0, cols.session or 0) + 1
    header_cells = len(lines[hi].raw.split("\t"))
    tab_seen_on: set[int] = set()  # pages where a table row has already appeared
    merged_into_previous: set[int] = set()  # date rows already joined to the weekday row above
    day_rows: set[tuple[int, int]] = set()  # (page, line) of rows whose day cell has a number
    typed_rows: set[tuple[int, int]] = set()  # rows of pages that were not OCR'd
    paused = False  # after "Nơi nhận": a text layer may still emit table rows below it
    for k, ln in enumerate(rows):
        if not ln.text:
            continue
        if paused and "\t" not in ln.raw:
            continue
        if k >= prose_from:
            continue  # the schedule's closing paragraph, below its last row
        paused = False
        page_top = "\t" in ln.raw and ln.page_no not in tab_seen_on
        if "\t" in ln.raw:
            tab_seen_on.add(ln.page_no)
        elif ln.page_no not in tab_seen_on and re.fullmatch(r"[-–\s]*\d{1,3}[-–\s]*", ln.text):
            continue  # the page number printed at the top of a continuation page
        if "\t" not in ln.raw and (_END.match(ln.text) or vocab.recipients_label(ln.text)):
            paused = True
            continue
        if "\t" not in ln.raw and (ln.emphasised or _SECTION_HEAD.match(ln.text)):
            if _torn_row_at_page_end(rows, k):
                continue
            break
        cells = ln.raw.split("\t")
        if read_header(cells) is not None:
            continue  # header repeated on a new page
        st.time = None
        if not ln.ocr:
            typed_rows.add((ln.page_no, ln.line_no))
        first = tidy(_cell(cells, cols.day))
        if cols.day2 is not None:
            first = f"{first} {vocab.weekday_cell(tidy(_cell(cells, cols.day2)))}".strip()
        dc = parse_day_cell(first) if first else None
        if dc is None and first and vocab.date_like_cell(first):
            dc = garbled_day(first) or table_month_day(first, st.month)
        if dc is not None and dc.readings:
            dc = resolve_reading(st, dc, _next_date(rows, k, cols, st))
            if dc is None:
                st.warnings.append(f"p{ln.page_no} l{ln.line_no}: day cell {first!r} unread")
        if first and dc is None and _undated_row(first, cells, header_cells, ln.ocr, cols):
            # "Trong tháng | Tiếp nhận hồ sơ ... | Đ/c X | Phòng Y": a row of the month with no
            # day of its own, not a row that lost its leading TAB
            st.date, st.weekday, st.session, st.pending_weekday = None, None, None, None
        elif first and dc is None and cols.day == 0 and not vocab.date_like_cell(first):
            # The row lost its leading TAB: its first cell is content (or a marker).
            cells = ["", *cells]
        if k in merged_into_previous:
            dc = None if dc is None or dc.session is None else DayCell(
                None, None, None, None, dc.session)
        elif dc is not None and dc.day is None and dc.weekday:
            nxt = _next_day_cell(rows, k, cols)
            if nxt is not None and nxt[1].readings:
                # a garbled date row under its weekday row: the weekday checks the reading
                got = resolve_reading(st, dataclasses.replace(nxt[1], weekday=dc.weekday),
                                      _next_date(rows, nxt[0], cols, st))
                nxt = (nxt[0], dataclasses.replace(got, weekday=None)) if got else None
            if nxt is not None and _weekday_opens_next(st, dc, nxt[1]):
                # "Thứ Hai" on one row, "27/02" on the next: one day, opened here so this
                # row's tasks get it too (and the date row does not reset the session).
                j, ndc = nxt
                dc = DayCell(ndc.day, ndc.month, ndc.year, dc.weekday, dc.session)
                merged_into_previous.add(j)
        if dc is not None:
            st.time = dc.time
            if dc.day is not None:
                day_rows.add((ln.page_no, ln.line_no))
            _open_day(st, dc, ln, page_top)
            if dc.session:
                if st.pending_weekday:
                    st.carry = dc.session
                else:
                    st.session = dc.session
        if cols.session is not None:
            sc = tidy(_cell(cells, cols.session))
            sm = session_marker(sc) or clock_session(sc)
            if sm:
                st.session = sm
            ck = vocab.find_clock(sc)
            if ck:
                st.time = ck[0]
        content = tidy(_cell(cells, cols.content))
        cells_rest = [tidy(c) for c in cells[:width]]
        holiday = next((c for c in cells_rest if _HOLIDAY.match(c)), None)
        if holiday and not (content and not _HOLIDAY.match(content)):
            tasks.append(_task(ln, st, holiday, None, (), None))
            continue
        if not content:
            continue
        marker = session_marker(content)
        if marker:
            if st.pending_weekday or (dc is None and _next_is_day(rows, k, cols)):
                st.carry = marker
            else:
                st.session = marker
            continue
        if ln.ocr and vocab.garbled_label(content):  # "4 Thứ B": a misread label, no task
            continue
        im = vocab.inline_session(content)
        if im:
            st.session = _as_session(im[0])
            content = im[1]
        lead = vocab.find_clock(content)
        if lead and lead[2] == 0 and not st.time:
            # "7h30: Kiểm tra ..." - a clock time opening the content sets this row's session.
            st.time = lead[0]
            st.session = _as_session(vocab.clock_session(lead[1]))
        text = clean_text(content)
        if not text:
            continue
        owner = normalise_unit(_cell(cells, cols.owner))
        leaders = split_leaders(_cell(cells, cols.leaders))
        location = vocab.strip_rule_specks(tidy(_cell(cells, cols.location))) or None
        note = tidy(_cell(cells, cols.notes)) if cols.notes is not None else ""
        task = _task(ln, st, text, owner, leaders, location)
        if note:
            # A GHI CHÚ "Cả ngày" is the row's session, also over a BUỔI cell "Sáng": that
            # cell says when the work starts, the note that it takes the whole day (n52).
            all_day = vocab.fold(note) == "ca ngay"
            task = dataclasses.replace(task, notes=(*task.notes, note),
                                       session="ca_ngay" if all_day else task.session)
        tasks.append(task)
        later = _trailing_marker(cells_rest, cols) if ln.ocr else None
        if later:
            st.session = later  # the rows after this one (the marker row OCR merged into it)
    tasks = chairs_are_leaders(tasks) if cols.chair_as_owner else tasks
    return unify_leaders(unify_names(drop_page_top_repeats(tasks, day_rows, typed_rows))), (
        st.warnings)


def _undated_row(first: str, cells: Sequence[str], header_cells: int, ocr: bool,
                 cols: Columns) -> bool:
    """A row whose day cell names no day: a phrase that says so (vocab.undated_day_cell), or,
    in typed text (which keeps every TAB), a short wordy cell that is no action, on a row as
    wide as the header whose content cell holds a longer activity. A row that lost its leading
    TAB has its activity first and a short unit next ("Kiểm tra cơ sở | Phòng KHNVGS"). OCR
    may drop a row's leading TAB, so there only the phrase counts."""
    if vocab.undated_day_cell(first):
        return True
    content = tidy(_cell(cells, cols.content))
    return (not ocr and cols.day == 0 and len(cells) >= header_cells
            and len(content.split()) > len(first.split()) + 2 and len(first.split()) <= 6
            and not re.search(r"\d", first) and session_marker(first) is None
            and not starts_with_verb(first))


def _torn_row_at_page_end(rows: Sequence[Line], k: int) -> bool:
    """Whether the styled line `rows[k]` is a piece of a table row torn at the foot of an
    OCR'd page rather than a heading after the table: no table row and no footer below it on
    its page, and the next page opens with table rows (a row drawn across the page break was
    read as loose words, one of them heavy: an invented Party schedule's medium scan lost the
    whole second page's rows). A numbered heading ("II. ...") still ends the table."""
    ln = rows[k]  # pieces of a torn row are a few words each; a paragraph's sentence is not
    if not ln.ocr or _SECTION_HEAD.match(ln.text):
        return False
    for later in rows[k + 1:]:
        if not later.text:
            continue
        if later.page_no == ln.page_no:
            if ("\t" in later.raw or _END.match(later.text) or vocab.recipients_label(later.text)
                    or (len(later.text.split()) >= 6 and later.text.rstrip().endswith((".", ":")))):
                return False  # a row, the footer or a sentence: the heading is a real one
            continue
        if re.fullmatch(r"[-–\s]*\d{1,3}[-–\s]*", later.text):
            continue  # the page number printed at the top of the next page
        return "\t" in later.raw
    return False


def _trailing_marker(cells: Sequence[str], cols: Columns) -> Session | None:
    """A session marker standing alone in a cell that is neither the content, the session nor
    the day column of a task row: OCR read the marker's own row into this one ("Dự Hội nghị
    ... | Buổi chiều:", held-out h1 render and scan: the next row kept "sáng"). It opens the
    session of the rows after this one; the row itself keeps the session it had."""
    skip = {cols.content, cols.session, cols.day, cols.day2}
    return next((m for i, c in enumerate(cells) if i not in skip and c
                 and (m := session_marker(c))), None)


def chairs_are_leaders(tasks: list[Task]) -> list[Task]:
    """A bare "CHỦ TRÌ" column read as the unit (no unit column beside it) whose cells mostly
    name people ("Đ/c Hải", "Chủ tịch UBND huyện") names who chairs: those are the leaders,
    and the row has no preparing unit (issue 11's convention for CHỦ TRÌ / LÃNH ĐẠO)."""
    owned = [t for t in tasks if t.owner]
    people = [t for t in owned if vocab.names_a_person(t.owner or "")]
    if not owned or len(people) * 2 <= len(owned):
        return tasks
    return [dataclasses.replace(t, owner=None, leaders=split_leaders(t.owner))
            if t.owner and vocab.names_a_person(t.owner) else t for t in tasks]


def drop_page_top_repeats(tasks: list[Task], day_rows: set[tuple[int, int]],
                          typed_rows: set[tuple[int, int]] | None = None) -> list[Task]:
    """A row at the top of an OCR'd page (first three lines) repeating, word for word, one of
    the last rows of the page before (or a row already repeated at an earlier page top) is
    carried over - seen on the rendered dev scans with multi-page tables - unless it opens a
    day of its own with another date ("Chủ nhật 02/01 | Nghỉ Tết" after "Thứ Bảy 01/01 | Nghỉ
    Tết"; `day_rows`). Rows of pages that were not OCR'd (`typed_rows`) are always kept: a
    PDF page may well start with the same activity again (seed 000, p8: the next session)."""
    typed_rows = typed_rows or set()
    out: list[Task] = []
    tops: dict[str, Task] = {}
    for t in tasks:
        key = vocab.fold(t.text)
        if t.page_no > 1 and t.line_no <= 3 and (t.page_no, t.line_no) not in typed_rows:
            before = {vocab.fold(x.text): x for x in
                      [x for x in out if x.page_no == t.page_no - 1][-3:]}
            orig = before.get(key) or tops.get(key)
            own_day = (t.page_no, t.line_no) in day_rows
            if orig is not None and (not own_day or orig.date == t.date):
                tops[key] = orig
                continue
        out.append(t)
    return out


def unify_names(tasks: list[Task]) -> list[Task]:
    """Units written one way on most rows and another (an OCR misreading) on a few take the
    majority spelling; the row records the change in its warnings. Not leaders: two people's
    names may differ by a diacritic alone (vocab.majority_spellings)."""
    fix = vocab.majority_spellings([t.owner for t in tasks if t.owner])
    if not fix:
        return tasks
    out = []
    for t in tasks:
        if t.owner in fix:
            t = dataclasses.replace(t, owner=fix[t.owner], warnings=(
                *t.warnings, f"unit spelling unified: {t.owner!r} -> {fix[t.owner]!r}"))
        out.append(t)
    return out


def unify_leaders(tasks: list[Task]) -> list[Task]:
    """A person's full name read with a wrong diacritic on a few rows ("Đ/c Câm Thị Nga" beside
    "Đ/c Cầm Thị Nga") takes the spelling that starts with a family name
    (vocab.person_spellings: full names, the family name alone), and a name read with no vowel
    ("Đ/c H'Bn") the document's one spelling of it with its vowels (vocab.vowelless_name_fixes);
    the row records the change in its warnings."""
    names = [ld for t in tasks for ld in t.leaders]
    fix = {**vocab.vowelless_name_fixes(names), **vocab.given_name_spellings(names),
           **vocab.person_spellings(names)}
    if not fix:
        return tasks
    return rename_leaders(tasks, fix, "name spelling unified")


def rename_leaders(tasks: Sequence[Task], fix: dict[str, str], why: str) -> list[Task]:
    """Each leader `fix` names takes its new spelling; a row that changes records `why` with
    the old and new leaders in its warnings, so a reviewer sees every mended name."""
    out = []
    for t in tasks:
        new = tuple(fix.get(ld, ld) for ld in t.leaders)
        if new != t.leaders:
            t = dataclasses.replace(t, leaders=new, warnings=(
                *t.warnings, f"{why}: {t.leaders!r} -> {new!r}"))
        out.append(t)
    return out


def _task(
    ln: Line,
    st: _State,
    text: str,
    owner: str | None,
    leaders: tuple[str, ...],
    location: str | None,
) -> Task:
    session: Session | None = "ca_ngay" if _ALL_DAY.search(text) else st.session
    notes = tuple(m.group(0) for m in re.finditer(r"\([^()]{2,40}\)", text))
    return Task(
        kind="schedule",
        text=text,
        page_no=ln.page_no,
        line_no=ln.line_no,
        owner=owner,
        leaders=leaders,
        date=st.date,
        weekday=st.weekday,
        session=session,
        time=st.time,
        location=location,
        notes=notes,
    )
