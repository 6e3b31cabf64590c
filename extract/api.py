"""Entry point of extract/: metadata plus schedule rows or directive tasks of one document.

A document with a schedule table (a header row naming a content column and a day column) yields
schedule rows only: its bullet lists are the office's focus list, not assignments. Anything else
is read as directives, from its numbered sections and from any task table it carries.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Sequence

from rapidfuzz.distance import Levenshtein

from vanban.extract import dates, vocab
from vanban.extract.deadlines import parse_deadline
from vanban.extract.directives import parse_directives
from vanban.extract.lines import Line, flatten, paragraphs
from vanban.extract.metadata import parse_metadata
from vanban.extract.owners import agency_phrase
from vanban.extract.plan_table import parse_plan_table
from vanban.extract.schedule import parse_schedule, rename_leaders
from vanban.extract.sections import parse_marker
from vanban.models.records import DocumentMeta, Extraction, PageText, Task

_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")


def document_year(meta: DocumentMeta, lines: Sequence[Line]) -> int | None:
    """Year that completes dates written without one: issue date, else the title's year, else
    the year the text mentions most."""
    if meta.issue_date:
        return meta.issue_date.year
    if meta.title:
        m = _YEAR.search(meta.title)
        if m:
            return int(m.group(1))
    counts = Counter(int(y) for ln in lines for y in _YEAR.findall(ln.text))
    return counts.most_common(1)[0][0] if counts else None


def mend_acronyms(lines: Sequence[Line], tasks: Sequence[Task]) -> list[Task]:
    """Owners, collaborators and locations with an acronym the document usually writes
    otherwise ("Phòng NN&PTNI" where "PTNT" is everywhere else) take the usual spelling. On
    OCR'd pages the task's own text does too ("Họp DBND huyện": n42 dev light scan), and a
    place name's capital I read as l is mended (vocab.mend_name_initial). An OCR'd document
    writing an acronym both with D and with Đ takes the Đ ("VPDP" -> "VPĐP",
    vocab.d_stroke_fixes)."""
    text = "\n".join(ln.text for ln in lines)
    ocr_pages = {ln.page_no for ln in lines if ln.ocr}
    fixes = {**vocab.acronym_fixes(text), **(vocab.d_stroke_fixes(text) if ocr_pages else {})}
    out = []
    for t in tasks:
        owner = vocab.apply_acronyms(t.owner, fixes) if t.owner else t.owner
        collab = tuple(vocab.apply_acronyms(c, fixes) for c in t.collaborators)
        loc = vocab.apply_acronyms(t.location, fixes) if t.location else t.location
        text = t.text
        if t.page_no in ocr_pages:
            text = vocab.mend_name_initial(vocab.apply_acronyms(text, fixes))
        if (owner, collab, loc, text) != (t.owner, t.collaborators, t.location, t.text):
            t = dataclasses.replace(t, owner=owner, collaborators=collab, location=loc,
                                    text=text)
        out.append(t)
    return out


def mend_deadline_years(lines: Sequence[Line], tasks: Sequence[Task],
                        year: int | None) -> list[Task]:
    """On OCR'd pages, a deadline year that is the document's year (or the next) with its
    digits misread ("trong quý IV năm 2028" in a 2023 notice) and that the document writes
    nowhere else (or, far from the document's year, only in deadlines) is that year
    (vocab.plausible_year); the row records the change in its warnings."""
    if year is None or not any(ln.ocr for ln in lines):
        return list(tasks)
    counts = Counter(int(y) for ln in lines for y in _YEAR.findall(ln.text))
    # how many deadlines write each year: a year the page writes only in deadlines, far from
    # the document's year, is a misreading even when two deadlines share it ("tháng 10 năm
    # 2028", "tháng 12 năm 2028" in a 2023 notice that writes 2023 six times, n06 dev medium)
    in_deadlines = Counter(t.deadline.year for t in tasks if t.deadline is not None
                           and t.deadline_text and str(t.deadline.year) in t.deadline_text)
    out = []
    for t in tasks:
        d = t.deadline
        # next year is a common deadline year ("quý I năm 2026" in an October 2025 notice, n99
        # dev scans: was mended to 2025), never taken for a misread digit
        if (d is not None and t.deadline_text and d.year not in (year, year + 1)
                and (counts[d.year] <= 1
                     or (counts[d.year] <= in_deadlines[d.year] and counts[year] > counts[d.year]
                         and not year <= d.year <= year + 2))
                and (new := vocab.plausible_year(d.year, year)) is not None
                and str(d.year) in t.deadline_text):
            mended = dates.safe_date(new, d.month, d.day)
            if mended is not None:
                t = dataclasses.replace(
                    t, deadline=mended,
                    deadline_text=re.sub(rf"{d.year}\d*", str(new), t.deadline_text, count=1),
                    warnings=(*t.warnings, f"deadline year {d.year} read as {new}: misread "
                              "digits of the document's year or the next, written nowhere else"
                              + (" but in deadlines" if counts[d.year] > 1 else "")))
        out.append(t)
    return out


def mend_impossible_deadlines(lines: Sequence[Line], tasks: Sequence[Task],
                              issue: dt.date | None, year: int | None) -> list[Task]:
    """On OCR'd pages, a deadline that names no possible date ("trong tháng 83/2024") is the
    one date that taking one digit out gives, not before the issue date and within two years
    of it (a digit OCR read in: vocab.one_digit_out); the row records the change. Two such
    dates, or none, change nothing."""
    if issue is None or not any(ln.ocr for ln in lines):
        return list(tasks)
    out = []
    for t in tasks:
        if t.deadline is None and not t.deadline_valid and t.deadline_text:
            found: dict[dt.date, str] = {}
            for cand in vocab.one_digit_out(t.deadline_text):
                d = parse_deadline(cand, year)
                if (d is not None and d.valid and d.date is not None
                        and issue <= d.date <= issue.replace(year=issue.year + 2, day=1)):
                    found.setdefault(d.date, cand)
            if len(found) == 1:
                (date, text), = found.items()
                t = dataclasses.replace(
                    t, deadline=date, deadline_valid=True, deadline_text=text,
                    warnings=(*t.warnings, f"deadline '{t.deadline_text}' read as '{text}': "
                              "one digit read in, the only possible date left"))
        out.append(t)
    return out


def report_tasks(lines: Sequence[Line], tasks: Sequence[Task],
                 wanted_heading: Callable[[str], bool] = vocab.is_report_work_heading,
                 ) -> list[Task]:
    """A report (BÁO CÁO) narrates results and assigns work only in its "nhiệm vụ, giải pháp"
    (or "phương hướng") part: the tasks inside the top-level sections with such a heading.
    A submission (TỜ TRÌNH) likewise, with its "Tổ chức thực hiện" heading."""
    heads: list[tuple[tuple[int, int], bool]] = []
    for style in ("roman", "arabic"):
        for ln in lines:
            m = parse_marker(ln.text)
            if m.style == style:
                heads.append(((ln.page_no, ln.line_no), wanted_heading(m.rest)))
        if heads:
            break  # the top level is Roman when the report has Roman headings
    spans = [(at, heads[k + 1][0] if k + 1 < len(heads) else (10**9, 0))
             for k, (at, wanted) in enumerate(heads) if wanted]
    return [t for t in tasks if any(a <= (t.page_no, t.line_no) < b for a, b in spans)]


_ADDRESSEE = re.compile(r"^Kính\s+gửi\s*:\s*(?P<a>[^;]{3,150}?)\s*[.;]?\s*$", re.IGNORECASE)


def addressee_owns(lines: Sequence[Line], tasks: Sequence[Task]) -> list[Task]:
    """A letter sent to one addressee ("Kính gửi: UBND các huyện, thị xã, thành phố.") asks
    that addressee: its items that name no doer are the addressee's. A list of addressees
    says nothing about which item is whose. Effect on dev (n32): 3 owners None -> right, on
    every rendering."""
    addressee = next((m.group("a") for ln in lines[:80]
                      if (m := _ADDRESSEE.match(ln.text))), None)
    if not addressee:
        return list(tasks)
    return [dataclasses.replace(t, owner=addressee)
            if t.owner is None or _names_the_addressee(t.owner, addressee) else t for t in tasks]


def _names_the_addressee(owner: str, addressee: str) -> bool:
    """The request's generic words for the addressee ("đề nghị UBND các xã thực hiện …" in a
    letter to "UBND các xã A, B, C"): the owner is the addressee's head and the addressee goes
    on with the names it leaves out, so the items are the named addressee's (blind run
    2026-12-06e: 4 owners cut to "UBND các xã" on every rendering)."""
    head, full = owner.casefold().strip(), addressee.casefold()
    return (len(head) >= 6 and full.startswith(head) and len(full) > len(head)
            and full[len(head)] == " " and addressee[len(head) + 1:][:1].isupper())


def extract_document(pages: Sequence[PageText]) -> Extraction:
    lines = flatten(pages)
    meta = mend_meta_names(lines, mend_meta_acronyms(lines, parse_metadata(lines)))
    year = document_year(meta, lines)
    schedule, warnings = parse_schedule(lines, meta.issue_date)
    if schedule:
        schedule = mend_short_names(lines, mend_acronyms(lines, schedule))
        return Extraction(meta=mend_recipients(lines, meta, schedule), tasks=tuple(schedule),
                          warnings=tuple(warnings))
    if meta.doc_type in vocab.NO_TASK_TYPES:
        return Extraction(meta=mend_recipients(lines, meta, ()), tasks=(),
                          warnings=tuple(warnings))
    tasks = parse_directives(paragraphs(lines), year)
    table_tasks = parse_plan_table(lines, year)
    if table_tasks:
        merged = sorted([*tasks, *table_tasks], key=lambda t: (t.page_no, t.line_no))
        tasks = merged
    if meta.doc_type == vocab.LETTER:
        tasks = addressee_owns(lines, tasks)
    if meta.doc_type == "bao_cao":
        tasks = report_tasks(lines, tasks)
    elif meta.doc_type == "to_trinh":
        tasks = report_tasks(lines, tasks, vocab.is_submission_task_heading)
    tasks = mend_acronyms(lines, mend_impossible_deadlines(
        lines, mend_deadline_years(lines, tasks, year), meta.issue_date, year))
    return Extraction(meta=mend_recipients(lines, meta, tasks), tasks=tuple(tasks),
                      warnings=tuple(warnings))


_AGENCY_AT = re.compile(r"\b(?:Sở|Phòng|Ban|Văn phòng|Trung tâm|Chi cục|Cục|Đài)\s+[A-ZĐÀ-Ỹ]")


def body_agencies(lines: Sequence[Line]) -> list[str]:
    """Agencies the document's sentences name ("liên hệ Phòng Kế hoạch - Tổng hợp"), read as
    the owner rules read a subject."""
    out: list[str] = []
    for ln in lines:
        for m in _AGENCY_AT.finditer(ln.text):
            ap = agency_phrase(ln.text[m.start():])
            if ap:
                out.append(ap)
    return out


def mend_recipients(lines: Sequence[Line], meta: DocumentMeta,
                    tasks: Sequence[Task]) -> DocumentMeta:
    """Recipient items OCR garbled, mended only from the document's own evidence (OCR'd
    pages only): the unit after "Lưu: VT," one edit from the abbreviation of an agency the
    document names ("TNMTT" with "Sở Tài nguyên và Môi trường" named: TNMT), and a "mục"
    numeral read as other strokes ("mục lư") as the Roman section holding most of the
    document's owned tasks (what "có tên tại mục II" points at), of a length within one of
    the token's. An office code with a glued speck ("CTL": vocab.mend_office_debris) and a
    "Lưu: VT, VE" for VP (vocab.mend_archive_vp) are mended from the closed set of codes;
    "có tên tại uc 2, đ" reads "mục" (vocab.mend_item_word) and a one-glyph member of a list
    of numbered sections is the one numbered section with owned tasks the list leaves out."""
    if not meta.recipients or not any(ln.ocr for ln in lines):
        return meta
    names = [*meta.recipients, *(t.owner for t in tasks if t.owner),
             *(c for t in tasks for c in t.collaborators), *body_agencies(lines)]
    known = {a for n in names for part in re.split(r"[,;]", n) for a in vocab.agency_initials(part)}
    # the units of the document's own number ("152/VPĐP-KHTH": n32 dev medium "KHỈTH")
    known |= {u for u in re.split(r"[/\-]", meta.number or "") if len(u) >= 2 and u.isupper()}
    counts: dict[str, int] = {}
    for t in tasks:
        rm = re.match(r"^([IVX]+|\d+)\b", t.section or "")
        if rm and t.owner:
            counts[rm.group(1)] = counts.get(rm.group(1), 0) + 1
    seen: dict[str, int] = {}
    for ln in lines:
        for tok in re.findall(r"(?<![\w&])[A-ZĐ]{2,}(?![\w&])", ln.text):
            seen[tok] = seen.get(tok, 0) + 1
    out = []
    for r in meta.recipients:
        r = vocab.split_glued_archive(vocab.mend_office_debris(r, seen), known)
        r = vocab.mend_office_before_office(r, seen)
        if r.startswith("Lưu: VT, "):
            units = [_drafting_unit(vocab.mend_archive_vp(vocab.mend_unit(u.strip(), known),
                                                          known), known, meta.number)
                     for u in r[len("Lưu: VT, "):].split(",")]
            r = "Lưu: VT, " + ", ".join(units)
        r = vocab.mend_item_word(r)
        holes, listed = vocab.garbled_list_members(r)
        # the numbered sections holding owned tasks that the list does not name: one per hole
        rest = sorted((k for k in counts if k.isdigit() and k not in listed), key=int)
        if holes and len(rest) == len(holes):
            for (a, b), k in reversed(list(zip(holes, rest, strict=True))):
                r = r[:a] + k + r[b:]
        g = vocab.garbled_item_numeral(r)
        if g is not None and counts:
            tok = g[2]
            # a Roman section for a token of strokes of about its length; a numbered section
            # for a token holding its digits ("52:" -> 2)
            fits = [k for k in counts if (k in tok if k.isdigit() else
                                          not any(c.isdigit() for c in tok)
                                          and abs(len(k) - len(tok)) <= 1)]
            if fits:
                best = max(fits, key=lambda k: counts[k])
                r = r[: g[0]] + best + r[g[1]:]
        out.append(r)
    rec = tuple(out)
    return meta if rec == meta.recipients else dataclasses.replace(meta, recipients=rec)


def _drafting_unit(unit: str, known: set[str], number: str | None) -> str:
    """The archive unit is the drafting unit, which the number ends with ("512/UBND-KT"): a
    short unknown token with its first letter and within two edits of it is that unit ("Lưu:
    VT, KEE" on n76 dev light scan)."""
    m = re.search(r"-([A-ZĐ]{2,6})\s*$", number or "")
    if not m or unit in known or not unit.isupper() or not 2 <= len(unit) <= 4:
        return unit
    code = m.group(1)
    if (unit != code and unit[0] == code[0] and len(unit) <= len(code) + 1
            and Levenshtein.distance(unit, code) <= 2):
        return code
    return unit


def mend_meta_acronyms(lines: Sequence[Line], meta: DocumentMeta) -> DocumentMeta:
    """Recipients with an acronym OCR misread ("Các thành viên BCĐĐ huyện", "Lưu: VT, VPĐE")
    take the spelling mend_acronyms gives task owners (dev light scans: n03, n18, n30)."""
    if not meta.recipients or not any(ln.ocr for ln in lines):
        return meta  # a text layer's spelling is the document's own ("BCD" in seed 002)
    text = "\n".join(ln.text for ln in lines)
    fixes = {**vocab.acronym_fixes(text), **vocab.d_stroke_fixes(text)}
    rec = tuple(vocab.apply_acronyms(r, fixes) for r in meta.recipients)
    return meta if rec == meta.recipients else dataclasses.replace(meta, recipients=rec)


def mend_meta_names(lines: Sequence[Line], meta: DocumentMeta) -> DocumentMeta:
    """Metadata words OCR misread, mended from the document's own evidence, OCR'd pages only
    (a text layer's spelling is the document's):
    - issuer, place, title: a word that is no syllable takes the document's spelling of that
      name (vocab.mend_odd_name_words: "UBND HUYỆN NẬÂM PẠC" beside "Nậm Pạc, ngày ...", n64
      dev medium; "ĐÁẢNG ỦY XÃ" under the issuer's "ĐẢNG ỦY XÃ", n86 light);
    - issuer, title: one or two words misread between two exact anchors take the phrase the
      body writes at least twice (vocab.mend_anchored_words; no dev case yet);
    - issuer: no speck full stop ("NGHỆ AN.", held-out h1), its fixed phrases spelled right
      (vocab.mend_issuer_phrases: "VĂN PHÒNG ĐIỂU PHI", held-out h1/h2), no unit word glued
      to a name (vocab.split_glued_unit_words: "TỈNHNINH BÌNH", n97 light);
    - title: no lone speck mark, year ranges with their dash (vocab.drop_lone_marks);
    - signer: the family name (vocab.mend_family_name)."""
    if not any(ln.ocr for ln in lines):
        return meta
    doc = "\n".join(ln.text for ln in lines)

    def mend(value: str | None) -> str | None:
        if not value:
            return value
        return vocab.mend_caps_words(
            vocab.mend_anchored_words(vocab.mend_odd_name_words(value, doc), doc), doc)

    issuer = (mend(vocab.mend_issuer_phrases(vocab.split_glued_unit_words(
        vocab.drop_issuer_dots(meta.issuer))))
              if meta.issuer else meta.issuer)
    place = vocab.mend_odd_name_words(meta.place, doc) if meta.place else meta.place
    title = mend(vocab.drop_lone_marks(meta.title)) if meta.title else meta.title
    signer = vocab.mend_family_name(meta.signer) if meta.signer else meta.signer
    if (issuer, place, title, signer) == (meta.issuer, meta.place, meta.title, meta.signer):
        return meta
    return dataclasses.replace(meta, issuer=issuer, place=place, title=title, signer=signer)


def mend_short_names(lines: Sequence[Line], tasks: Sequence[Task]) -> list[Task]:
    """On OCR'd pages, a leader written by given name alone takes the spelling of the one full
    name the document writes for it (vocab.short_name_fixes); the row records the change."""
    if not any(ln.ocr for ln in lines):
        return list(tasks)
    fix = vocab.short_name_fixes([ld for t in tasks for ld in t.leaders],
                                 "\n".join(ln.text for ln in lines))
    return rename_leaders(tasks, fix, "name spelling from the full name")
