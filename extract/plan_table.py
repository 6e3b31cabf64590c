"""Task tables of plans ("TT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian"): rows
become directive tasks. Told apart from schedules by the absence of a day column."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from vanban.extract import vocab
from vanban.extract.deadlines import Deadline, parse_deadline
from vanban.extract.lines import Line
from vanban.extract.markup import tidy
from vanban.extract.owners import separate_run_on, split_agencies, tidy_spacing
from vanban.extract.sections import BULLETS, parse_marker
from vanban.models.records import Task

_F = re.IGNORECASE


def read_plan_header(cells: Sequence[str]) -> dict[str, int] | None:
    roles: dict[str, int] = {}
    for i, raw in enumerate(cells):
        c = tidy(raw).upper()
        if not c or len(c) > 60:
            continue
        if vocab.header_starts(c, "NỘI DUNG", "NHIỆM VỤ", "CÔNG VIỆC", "TÊN NHIỆM VỤ"):
            roles.setdefault("content", i)
        elif vocab.header_has(c, "PHỐI HỢP"):
            roles.setdefault("collab", i)
        elif vocab.header_starts(c, "ĐƠN VỊ", "CƠ QUAN", "CHỦ TRÌ", "PHỤ TRÁCH") or (
                vocab.header_starts(c, "TRÁCH NHIỆM") and not vocab.header_has(c, "THỜI GIAN")):
            # "Trách nhiệm chủ trì" / "Trách nhiệm thực hiện" name the owner column as well
            # (n102 dev: every owner was None under that header).
            roles.setdefault("owner", i)
        elif vocab.header_starts(c, "THỜI GIAN", "THỜI HẠN", "TIẾN ĐỘ", "HẠN"):
            roles.setdefault("time", i)
        elif vocab.fold(c) in {"tt", "stt", "so tt"}:
            roles.setdefault("no", i)
        elif vocab.header_starts(c, "NGÀY", "THỨ"):
            return None  # a day column makes it a schedule
    if "content" not in roles or not ({"owner", "time"} & roles.keys()):
        return None
    return roles


def deadline_cell(cell: str, doc_year: int | None) -> Deadline | None:
    """A time cell holds the phrase without a lead word ("Tháng 7/2022", "30/6", "Quý III")."""
    c = tidy(cell)
    if not c or vocab.no_deadline_cell(c):
        return None
    if vocab.recurring_cell(c):
        return Deadline(c, "recurring", None, True)
    span = _span_end(c, doc_year)
    if span is not None:
        return span
    dl = _cell_phrase(c, doc_year)
    lm = _LABEL.match(c)
    if lm and c[lm.end():].strip() and (dl is None or dl.kind == "quarter"):
        # A labelled round ("Đợt 1: tháng 6/2024", "Quý II: trước 30/6/2024"): the label names
        # the round, the phrase after it is the limit; the text as written (issue 11, blind
        # run 2 cause 2).
        inner = _cell_phrase(c[lm.end():].strip(), doc_year)
        if inner:
            return Deadline(c, inner.kind, inner.date, inner.valid)
    return dl


# A span of two periods, each with its own year ("Quý IV/2025 - Quý I/2026", "Năm 2025 -
# 2026"): it ends with the second (extract7 probe: both read as the end of the first).
_SPAN = re.compile(r"^(?P<a>.+?\d{4})\s*(?:[-–]|đến)\s*(?P<b>(?:(?:quý|tháng|năm)\s+)?"
                   r"(?:[\dIVX][^-–]*?)?\d{4})$", _F)


def _span_end(c: str, doc_year: int | None) -> Deadline | None:
    m = _SPAN.match(c)
    if not m or _DAY.search(m.group("a")):
        return None  # day dates keep their own rules ("Từ 01/10/2025 đến 30/11/2025")
    first = _cell_phrase(m.group("a"), doc_year)
    b = m.group("b")
    if re.fullmatch(r"\d{4}", b) and first is not None and first.kind == "year":
        b = "năm " + b
    second = _cell_phrase(b[0].upper() + b[1:], doc_year)
    if first is None or second is None or second.date is None or first.date is None \
            or second.date <= first.date:
        return None
    return Deadline(c, second.kind, second.date, second.valid)


def _cell_phrase(c: str, doc_year: int | None) -> Deadline | None:
    dl = parse_deadline(c, doc_year)
    if dl:
        return dl
    for lead in ("trước ", "trong "):
        dl = parse_deadline(lead + c[0].lower() + c[1:], doc_year)
        if dl:
            return Deadline(c, dl.kind, dl.date, dl.valid)
    return None


_LABEL = re.compile(r"^[^:\d]{0,12}[\wÀ-ỹ]{1,4}\s*:\s*")


def collab_cell(cell: str) -> tuple[str, ...]:
    """Agencies of a "phối hợp" cell: ";" separates agencies and then a comma stays inside a
    name ("UBND xã Hoa Thành, Đô Thành"); without ";" commas and "và" split as in prose."""
    if not cell:
        return ()
    if ";" in cell:
        return tuple(x.strip(" ,.") for x in cell.split(";") if x.strip(" ,."))
    return split_agencies(cell)


# One "Đơn vị thực hiện" cell naming both roles: "X chủ trì, Y phối hợp", "X (chủ trì); Y (phối
# hợp)". X owns the row, Y collaborates (extract7 probe: the whole cell was the owner).
_ROLES_CELL = re.compile(
    r"^(?P<o>.+?)\s*(?:\(\s*chủ trì\s*\)|\bchủ trì)\s*[,;.]\s*(?P<c>.+?)\s*"
    r"(?:\(\s*phối hợp\s*\)|\bphối hợp)\s*\.?$", _F)
_CELL_BULLET = re.compile(r"(^|;\s*)[-–+•]\s+")


def owner_cell(cell: str) -> tuple[str | None, tuple[str, ...]]:
    """Owner of a chủ trì / thực hiện cell and the collaborators the cell itself names; bullets
    of a cell listing agencies one a line ("- Phòng A; - Phòng B") are dropped."""
    c = separate_run_on(tidy_spacing(_CELL_BULLET.sub(r"\1", cell))).strip()
    m = _ROLES_CELL.match(c)
    if m:
        return m.group("o").strip(" ,;"), collab_cell(m.group("c").strip(" ,;"))
    return c or None, ()


def parse_plan_table(lines: Sequence[Line], doc_year: int | None) -> list[Task]:
    tasks: list[Task] = []
    roles: dict[str, int] | None = None
    section: str | None = None
    heading: str | None = None  # label of the numbered heading the table sits under
    grouped = False  # the table has group rows ("I | Công tác chỉ đạo")
    last_roman = ""  # the previous Roman heading (a repeat of it is OCR's reading of the next)
    merged_owner: str | None = None  # the owner a merged chủ trì cell gives the rows under it
    span = _Span()  # rows above a merged cell's text (see _Span)
    dotted_rows = any(re.match(r"^\d+\.\d+", ln.raw.split("\t")[0].strip()) for ln in lines
                      if "\t" in ln.raw)
    before_cells = any(vocab.before_date_cell(c) for ln in lines if "\t" in ln.raw
                       for c in ln.raw.split("\t"))
    for ln in lines:
        if "\t" not in ln.raw:
            if ln.text and roles is not None and not ln.text[:1].isdigit():
                roles = None
            m = parse_marker(ln.text)
            if ln.text and m.style and m.style not in BULLETS:
                if m.style == "roman" and m.label == last_roman:
                    m = dataclasses.replace(m, label=vocab.next_roman(m.label) or m.label)
                heading = m.label
                if m.style == "roman":
                    last_roman = m.label
            continue
        cells = ln.raw.split("\t")
        hdr = read_plan_header(cells)
        if hdr is not None and roles == hdr and tasks and ln.page_no > tasks[-1].page_no:
            # The header printed again at the top of the next page continues the same table:
            # its group, its merged chủ trì cell and the carry-down go on (issue 11, n90
            # digital: an empty owner cell right after the page break lost the owner above).
            continue
        if hdr is not None:
            span.settle(tasks)
            roles = hdr
            section = heading
            grouped = False
            merged_owner = None
            continue
        if roles is None:
            continue

        def cell(role: str, cells: list[str] = cells, roles: dict[str, int] = roles) -> str:
            i = roles.get(role)
            return tidy(cells[i]) if i is not None and i < len(cells) else ""

        content = cell("content")
        if not content:
            continue
        no = cell("no")
        owner, role_collab = owner_cell(cell("owner"))
        time = cell("time")
        if not owner and not time:
            # A group row ("I | Công tác tuyên truyền") names a section, not a task.
            # "1" is OCR's "I" only where no row is numbered "1.1" (n31 dev: III.I for III.1)
            label = no if no.isdigit() and dotted_rows else vocab.roman_label(no)
            section = ".".join(x for x in (heading, label or content) if x)
            grouped = True
            merged_owner = None
            span.settle(tasks)
            continue
        first = len(tasks)  # this row's tasks are tasks[first:]
        filled = owner is not None
        if owner is None and "owner" in roles and merged_owner is not None:
            # An empty chủ trì cell under a filled one in the same group is a merged (rowspan)
            # cell: its text layer or OCR sits in the first row only (n97 dev: three rows
            # under one merged owner had no owner). A group row ends the merge.
            owner = merged_owner
        merged_owner = owner
        row_owner = owner
        for round_cell in rounds(time, doc_year):
            dl = deadline_cell(round_cell, doc_year) if round_cell else None
            if dl is None and ln.ocr and before_cells and vocab.lone_from_date(round_cell):
                # "Trước 15/12/2024" read "Từ 15/12/2024" (n16, n36 dev scans): a lone start
                # date in a table whose other time cells are "Trước <date>" is that limit.
                inner = deadline_cell("Trước " + round_cell.split(None, 1)[1], doc_year)
                if inner is not None:
                    dl = dataclasses.replace(inner, text=round_cell)
            tasks.append(
                Task(
                    kind="directive",
                    text=content,
                    page_no=ln.page_no,
                    line_no=ln.line_no,
                    owner=owner,
                    collaborators=role_collab + collab_cell(cell("collab")),
                    deadline=dl.date if dl else None,
                    deadline_text=dl.text if dl else None,
                    deadline_kind=dl.kind if dl else None,
                    deadline_valid=dl.valid if dl else None,
                    # Under group rows STT numbers rows through the whole table, so the row's
                    # place is its group; without groups the STT is the item's own number.
                    section=(section if grouped else ".".join(x for x in (heading, no) if x))
                    or None,
                )
            )
        if "owner" in roles:
            span.row(tasks, range(first, len(tasks)), filled, row_owner)
    span.settle(tasks)
    return tasks


class _Span:
    """A merged chủ trì cell prints its text in the middle of the rows it covers (vertically
    centred), so its first rows come out with an empty owner cell and the carry-down above
    only reaches the rows below the text. Rows with an empty owner cell at the top of a group
    (no owner above them to carry) wait here; when the row with the text comes and the empty
    rows under it are at least as many as those above it, less one (a centred text: above
    <= below + 1), they were the top of the same cell and take its owner. Otherwise (an owner
    cell that is really empty, a text at the top of its cell) they keep none."""

    def __init__(self) -> None:
        self.above: list[range] = []  # task indices of the waiting rows
        self.owner: str | None = None  # the text row's owner, once it came
        self.below = 0  # rows under the text row that took its owner by the carry

    def row(self, tasks: list[Task], idx: range, filled: bool, owner: str | None) -> None:
        if filled and self.above and self.owner is None:
            self.owner = owner  # the text row of the waiting rows' cell, perhaps
        elif filled:
            self.settle(tasks)
        elif owner is None:
            self.above.append(idx)
        elif self.owner is not None:
            self.below += 1

    def settle(self, tasks: list[Task]) -> None:
        """Give the waiting rows the text row's owner when the geometry says so; start over."""
        if self.above and self.owner and self.below >= 1 and len(self.above) <= self.below + 1:
            for idx in self.above:
                for i in idx:
                    tasks[i] = dataclasses.replace(tasks[i], owner=self.owner)
        self.above, self.owner, self.below = [], None, 0


def rounds(time: str, doc_year: int | None = None) -> list[str]:
    """A time cell of several rounds ("Đợt 1: trước 30/7/2024; Đợt 2: trước 30/11/2024") or of
    several deadlines ("Quý II: trước 30/6/2024; quý IV: trước 31/10/2024", "30/6/2024;
    31/10/2024", "30/6/2024 và 31/10/2024") is one task per deadline (issue 11); any other
    cell is one. A list of months or quarters ("Tháng 6, 7/2024", "Quý II/2025; quý III/2025")
    is one period: only labelled parts and day dates are separate deadlines."""
    parts = [p.strip() for p in re.split(r"\s*[;\n]\s*", time) if p.strip()]
    if len(parts) > 1 and all(_ROUND.match(p) or _dated_part(p, doc_year) for p in parts):
        return parts
    dates = [p.strip() for p in re.split(r"\s*(?:,|\bvà\b)\s*", time) if p.strip()]
    if len(dates) > 1 and all(_FULL_DATE.fullmatch(p) for p in dates):
        return dates
    return [time]


def _dated_part(part: str, doc_year: int | None) -> bool:
    """A labelled deadline or one with a day ("Quý II: trước 30/6/2024", "31/10/2024")."""
    return bool((_DAY.search(part) or _LABEL.match(part)) and deadline_cell(part, doc_year))


_DAY = re.compile(r"\d{1,2}\s*/\s*\d{1,2}(?![\d])|\bngày\s+\d", _F)
_FULL_DATE = re.compile(r"(?:(?:trước|chậm nhất|hạn)\s+)?(?:ngày\s+)?\d{1,2}/\d{1,2}/\d{2,4}", _F)


_ROUND = re.compile(r"^(?:đợt|lần|giai đoạn|gđ)\s*\w{1,4}\s*[:.)-]", _F)
