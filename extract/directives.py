"""Directive parser: one Task per assigned item of a conclusion notice, plan or programme.

Walks the paragraphs of the body with a `SectionStack`: numbered items open sections (their
agency becomes the owner of what they contain), bullets and plain paragraphs become tasks when
they assign work. Items under "Mục đích / Yêu cầu / Mục tiêu" sections, dossier lists ("+ Báo
cáo của UBND huyện ...") and unowned prose are not tasks.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from vanban.extract import vocab
from vanban.extract.deadlines import parse_deadline, split_actions
from vanban.extract.lines import Paragraph
from vanban.extract.markup import strip_markup
from vanban.extract.owners import (
    Attribution,
    agency_phrase,
    attribute,
    collaborators,
    heading_owner,
    is_agency_start,
    joint_subject,
    starts_with_verb,
)
from vanban.extract.plan_table import collab_cell, deadline_cell, owner_cell
from vanban.extract.sections import (
    BULLETS,
    Marker,
    SectionStack,
    parse_marker,
    parse_markers,
)
from vanban.models.records import Task

_END = re.compile(r"^(?:Nơi nhận|Noi nhan|Trên đây|TM\.|KT\.|K/T)", re.IGNORECASE)
_DOSSIER = re.compile(
    r"^(?:Báo cáo|BC|Công văn|Tờ trình|Biên bản|Danh sách|Giấy chứng nhận|Giấy|Văn bản|"
    r"Quyết định|Các Báo cáo|Các báo cáo|Hồ sơ|Phiếu|Bản đồ|Bảng)\b"
)
# A bold run-in heading: the item's head is emphasised on its own, the body follows plain.
_RUN_IN = re.compile(r"^(?:#+\s*)?(?:\*\*|<b>)[^*<]{1,200}?:\s*(?:\*\*|</b>)\s*\S")
_FOR = re.compile(r"^Đối với\s+", re.IGNORECASE)
# An explicit assignment sentence inside prose of an excluded section ("Kinh phí ... . Giao
# Phòng Tài chính chủ trì ..."): the section is no task list, but that sentence is a task.
_ASSIGN_SENTENCE = re.compile(r"(?:^|(?<=[.;])\s+)(?P<s>Giao\s+(?:cho\s+)?[A-ZĐÀ-Ỹ].*)$")
_VERB_AFTER = re.compile(r"\s*[^\W\d]")  # a word, not a bracket or a date, after the doer
_HEADING_STYLES = ("article", "roman", "arabic", "paren", "letter")


def _is_heading_style(style: str) -> bool:
    return style in _HEADING_STYLES or style.startswith("multi")


def _split_head(rest: str) -> tuple[str, str]:
    """A numbered item's heading and, after its first colon, the body text (maybe empty)."""
    i = rest.find(":")
    if 0 < i <= 160:
        body = rest[i + 1:].strip()
        if body.endswith(":") and _PLURAL_HEAD.match(rest[:i].strip()) and ":" not in body[:-1]:
            # "Các đơn vị: Trung tâm A, Chi cục B:" names its members, and the items below
            # belong to all of them (extract7 probe: owner cut to "Các đơn vị").
            return rest.strip()[:-1].strip(), ""
        return rest[:i].strip(), body
    return rest.strip(), ""


def _agency_line(p: Paragraph, rest: str) -> tuple[str, str] | None:
    """(head, body) of an item whose first line is only an agency and whose next line starts
    the work ("2. Phòng Tài chính - Kế hoạch" / "Tham mưu bố trí kinh phí ..."): the lines were
    joined into one paragraph and the owner ran on into "... Kế hoạch Tham mưu" (extract7
    probe). The body is the task; the agency owns it as a heading."""
    if p.n_lines < 2 or not p.raw:
        return None
    first = parse_marker(p.raw.strip()).rest.strip()
    if not first or not rest.startswith(first):
        return None
    body = rest[len(first):].strip()
    head = first.strip(" .:")
    # the next line opens the work with a verb; a wrapped name ("... và Sở" / "Khoa học và
    # Công nghệ:") goes on with a name word
    if not body[:1].isupper() or _FOR.match(head) or not starts_with_verb(body):
        return None
    owner = heading_owner(head)
    named = re.sub(r"\s*\([^()]*\)$", "", head.removeprefix("Đề nghị ").removeprefix("Giao "))
    if owner is None or owner != named.strip():
        return None
    return head, body


def _excluded_heading(head: str) -> bool:
    """vocab.excluded_heading, except an item opening with the verb "Yêu cầu" and an agency
    ("5. Yêu cầu UBND xã Tân Lập khẩn trương khắc phục ..., hoàn thành trong quý I/2026."): a
    request, not the "Yêu cầu" (requirements) heading (extract7 probe: the task was lost)."""
    m = re.match(r"(?:Yêu cầu|yêu cầu)\s+(?:cho\s+)?", head.strip())
    if m and is_agency_start(head.strip()[m.end():]):
        dl = parse_deadline(head)
        bare = head.replace(dl.text, "") if dl else head
        # "Yêu cầu Thủ trưởng các cơ quan ... triển khai thực hiện (trước ngày ...)" is still
        # the exhortation to carry the document out
        return vocab.generic_close(re.sub(r"[\s.,;]+$", "", re.sub(r"\s+", " ", bare)))
    return vocab.excluded_heading(head)


_PLURAL_HEAD = re.compile(r"^(?:\S+\s+){0,4}?(?:Các|các|Những|những)\s+\S+(?:\s+\S+)?$")


# "1. Trách nhiệm của Phòng X", "2. Nhiệm vụ của UBND các xã": the agency whose duties the
# items below list (probe: no owner)
_DUTIES_OF = re.compile(r"^(?:Trách nhiệm|Nhiệm vụ)\s+(?:của|cho)\s+(?=\S)", re.IGNORECASE)


def _heading_owner(head: str) -> str | None:
    m = _FOR.match(head)
    if m:
        rest = head[m.end():].strip(" .:")
        return rest or None
    d = _DUTIES_OF.match(head.strip())
    if d:
        rest = head.strip()[d.end():]
        named = heading_owner(rest[:1].upper() + rest[1:])
        return rest[: len(named)] if named else None
    return heading_owner(head)


def _is_intro(text: str, owner: str) -> bool:
    """An intro bullet that only names the agency (and maybe "chỉ đạo"): at most three words
    once the agency, the lead "Giao/Đề nghị" and bracketed asides are taken out."""
    rest = re.sub(r"\([^)]*\)", " ", text)
    rest = rest.replace(owner, " ", 1)
    rest = re.sub(r"^\s*(?:Giao cho|Giao|Đề nghị|Yêu cầu)\b", " ", rest.strip())
    return len(re.findall(r"[\wÀ-ỹ]+", rest)) <= 3


def body_start(paras: Sequence[Paragraph]) -> int:
    for i, p in enumerate(paras):
        m = parse_marker(p.text)
        if _is_heading_style(m.style) and m.style != "letter":
            return i
    return len(paras)


_ASKS = re.compile(r"(?:^|\s)(?:đề nghị|Đề nghị|yêu cầu|Yêu cầu|giao|Giao)\s+(?:cho\s+)?")


def lead_owner(paras: Sequence[Paragraph], start: int) -> str | None:
    """The agency an intro right before the items asks to act ("Sở X đề nghị UBND các huyện
    thực hiện một số nội dung sau:"): the owner of the items that name no doer and sit under no
    owned heading. A letter to several addressees says it here, not in "Kính gửi"."""
    if start == 0 or not paras[start - 1].text.rstrip().endswith(":"):
        return None
    text = paras[start - 1].text
    for m in _ASKS.finditer(text):
        rest = text[m.end():]
        cap = rest[:1].upper() + rest[1:]
        owner = agency_phrase(cap)
        if owner:
            # "yêu cầu Thủ trưởng các cơ quan, đơn vị, Chủ tịch UBND các xã thực hiện ...:" asks
            # them all (probe: cut to "Thủ trưởng các cơ quan, đơn vị")
            return rest[: len(joint_subject(cap, owner))]
    return None


def parse_directives(paras: Sequence[Paragraph], doc_year: int | None) -> list[Task]:
    start = body_start(paras)
    if start == len(paras):
        return _unnumbered_assignments(paras, doc_year)
    asked = lead_owner(paras, start)
    body: list[Paragraph] = []
    lost_label = vocab.recipients_block_start([p.text for p in paras])  # "Nơi nhận:" lost
    for k, p in enumerate(paras[start:], start):
        if _END.match(p.text) or vocab.recipients_label(p.text) or k == lost_label:
            break
        if "\t" not in p.raw:  # table rows belong to the schedule / task-table parsers
            body.append(p)
    markers = parse_markers([p.text for p in body])
    stack = SectionStack()
    tasks: list[Task] = []
    prev_kind = ""  # "heading" when the previous paragraph opened a section
    # Intro bullets ("- Giao X:") whose fate depends on their sub-items: index -> child tasks.
    pending: dict[int, int] = {}
    intro_owner: dict[int, str] = {}
    parent: int | None = None
    para_owner: str | None = None  # owner of the last plain-paragraph task of this section

    def make(p: Paragraph, text: str, own: Attribution, closing: bool = False) -> Task:
        dl = parse_deadline(text, doc_year)
        if dl and own.owner and len(own.owner) > 10 and own.owner in text:
            # A date inside the owner phrase qualifies the subject ("Các xã đạt chuẩn nông
            # thôn mới trước năm 2020 rà soát ... trước ngày 20 tháng 10"): not its deadline.
            at = text.index(own.owner) + len(own.owner)
            if dl.text and dl.text in own.owner and dl.text not in text[at:]:
                dl = parse_deadline(text[at:], doc_year)
        collab = own.collaborators or collaborators(text) or (
            () if own.owner else stack.collaborators())
        return Task(
            kind="directive",
            text=text,
            page_no=p.page_no,
            line_no=p.line_no,
            owner=own.owner or stack.owner() or (None if closing else asked),
            collaborators=collab,
            deadline=dl.date if dl else None,
            deadline_text=dl.text if dl else None,
            deadline_kind=dl.kind if dl else None,
            deadline_valid=dl.valid if dl else None,
            section=None if closing else stack.path(),
        )

    closing = False
    topic_head = ""  # head of the last numbered item ("Về đề nghị ...": a reply point)
    after_items = False  # the last item was a bullet or a numbered task, not a heading
    fielded: set[int] = set()  # bullets read as an item's fields ("- Đơn vị chủ trì: X")
    bullet_ids: set[int] = set()  # id() of the tasks made from bullets
    for i, (p, m) in enumerate(zip(body, markers, strict=True)):
        if i in fielded:
            continue
        nxt: Marker | None = markers[i + 1] if i + 1 < len(markers) else None
        if m.style:
            closing = False
        if m.style != "plus":
            parent = None
        if m.style:
            para_owner = None
        if _is_heading_style(m.style) and (fields := _item_fields(markers, i + 1)):
            # "1. Rà soát ..." + "- Đơn vị chủ trì: X" / "- Phối hợp: Y" / "- Thời gian: ...":
            # one task, its doer and time limit given as fields.
            stack.close_bullets()
            stack.open(m.style, m.label, None, _excluded_heading(m.rest))
            fielded.update(fields[0])
            if not stack.excluded():
                tasks.append(_fielded_task(make(p, _topic_cut(p, m.rest), Attribution(None, ())),
                                           fields[1], doc_year))
            after_items = True
            prev_kind = ""
            continue
        if _is_heading_style(m.style) and (bodied := _body_then_fields(body, markers, i + 1)):
            # "2. Chỉnh trang hạ tầng" / its work on a line (or a few) of its own / "Đơn vị thực
            # hiện: X" / "Thời gian: ...": the topic heading is no task, the work under it is,
            # with the fields' doer and time limit (n113 digital: a PDF text layer breaks the
            # heading from its body, so the heading became a task and the body was lost).
            stack.close_bullets()
            stack.open(m.style, m.label, _heading_owner(m.rest), _excluded_heading(m.rest))
            work, field_idx, fields_of = bodied
            fielded.update(work, field_idx)
            if not stack.excluded():
                text = " ".join(body[k].text for k in work)
                tasks.append(_fielded_task(make(body[work[0]], text, attribute(text)), fields_of,
                                           doc_year))
            after_items = True
            prev_kind = ""
            continue
        if _is_heading_style(m.style):
            stack.close_bullets()
            head, rest_body = _split_head(m.rest)
            topic_head = head
            own_line = _agency_line(p, m.rest) if not rest_body else None
            if own_line:
                head, rest_body = own_line
            excluded = _excluded_heading(head) or _listing_heading(m.rest)
            owner = _heading_owner(head)
            stack.open(m.style, m.label, owner, excluded)
            if owner and not rest_body:
                # "2. Phòng X chủ trì, phối hợp với Y:" over a)/b) items: Y works on each
                # item that names no partner of its own (n103 dev: collaborators lost)
                stack.frames[-1].collaborators = collaborators(head)
            child_follows = nxt is not None and (
                nxt.style == "" or nxt.style in BULLETS
                or stack.depth_of(nxt.style) >= len(stack.frames)
            )
            deeper_item = nxt is not None and nxt.style != "" and (
                stack.depth_of(nxt.style) >= len(stack.frames)
            ) and not (_only_descriptors(body, markers, i + 1)
                       and attribute(m.rest).owner is not None)
            upper = re.sub(r"[^\wÀ-ỹ]", "", m.rest)
            descriptor = False
            if rest_body and (vocab.is_descriptor(m.rest) or _meeting_content(markers, i)) and (
                    not _ASSIGN_SENTENCE.search(m.rest)):
                # "1. Thời gian: 14 giờ 00, ngày 20/10/2025", "2. Địa điểm: ...": a numbered
                # descriptor of the meeting, as the bulleted one (extract7 probe: tasks with
                # owner "Hội trường UBND huyện" and the meeting day as deadline)
                is_task = False
                descriptor = True
            elif rest_body and not rest_body.endswith(":"):
                is_task = True
            elif (rest_body or p.emphasised or m.rest.endswith(":") or upper.isupper()
                  or m.style == "roman"):
                is_task = False  # bold, capitalised or colon-ended: a heading
            elif _topic_label(m.rest, doc_year) and nxt is not None and nxt.style == "" and (
                    attribute(body[i + 1].text).owner):
                is_task = False  # "4. Môi trường, cảnh quan" over "Giao Phòng X ...": a topic
            else:
                is_task = not deeper_item
            prev_kind = "heading" if (child_follows and not is_task) else ""
            # a filled descriptor ("4. Nội dung: ...") is the last item too: a paragraph after
            # it closes the document (section None; probe: took section "4")
            after_items = is_task or descriptor
            ma = _ASSIGN_SENTENCE.search(m.rest) if stack.excluded() else None
            if ma and attribute(ma.group("s")).owner:
                # "3. Kinh phí Kinh phí ... . Giao Phòng X tham mưu ...": a heading joined to
                # its body (no blank line in PDF/OCR text) still gives its assignment.
                tasks.append(make(p, ma.group("s"), attribute(ma.group("s"))))
            if is_task and not stack.excluded():
                text = m.rest
                if rest_body and _RUN_IN.match(p.raw.strip()):
                    text = rest_body  # "**(4) Sở KH&ĐT:** Thực hiện ..." -> the work after it
                if own_line:
                    tasks.append(make(p, rest_body, attribute(rest_body)))
                    continue
                inline = _inline_letters(rest_body) if rest_body else []
                if inline:
                    # "1. Phòng X: a) Tham mưu ... ; b) Hướng dẫn ...": the sub-items run on in
                    # one paragraph (a PDF layer or OCR joins short lines): one task each,
                    # sectioned "1.a", "1.b" as if written on their own lines (probe)
                    for label, part in inline:
                        stack.open("letter", label, None, False)
                        tasks.append(make(p, part, attribute(part)))
                    stack.frames.pop()
                    continue
                answers = _reply_assignments(head, rest_body, doc_year) if rest_body else None
                if answers:
                    tasks.extend(make(p, sent, attribute(sent)) for sent in answers)
                    continue
                tasks.append(make(p, text, _topic_item_owner(head, rest_body, doc_year)
                                  or attribute(m.rest)))
            continue
        if m.style in BULLETS:
            prev_kind = ""
            after_items = True
            if m.style == "dash":
                stack.close_bullets()
            elif stack.frames and stack.frames[-1].style == "plus":
                stack.frames.pop()
            own = attribute(m.rest)
            children = nxt is not None and nxt.style in BULLETS and nxt.style != m.style and (
                m.style == "dash"
            )
            if parent is not None and parent in intro_owner:
                own = Attribution(intro_owner[parent], own.collaborators)
            stack.open(m.style, m.label, own.owner, False)
            if stack.excluded() or vocab.is_descriptor(m.rest):
                continue  # "- Địa điểm: ..." describes the event above; it assigns nothing
            if children and _FOR.match(m.rest) and not own.owner:
                continue  # "- Đối với đoàn kiểm tra tổng thể." groups the items below
            if children and (m.rest.rstrip().endswith(":") or _FOR.match(m.rest)):
                # Decided once its children are seen: an agency-only intro ("- Giao X:",
                # "- X chỉ đạo:") is a heading for them; an action with a list stays a task.
                parent = len(tasks)
                pending[parent] = 0
                if own.owner and _is_intro(m.rest, own.owner):
                    intro_owner[parent] = own.owner
                tasks.append(make(p, m.rest, own))
                continue
            if _FOR.match(m.rest) and not own.owner and ":" not in m.rest:
                continue
            if parent is not None:
                pending[parent] += 1
            tasks.append(make(p, m.rest, own))
            bullet_ids.add(id(tasks[-1]))
            continue
        # Plain paragraph: a task when it names its doer, opens an owned section, or carries on
        # the previous paragraph's assignment; an intro ending in ":" never is. After a bullet
        # list, plain paragraphs are the document's closing remarks, outside any section.
        if after_items:
            closing = True
        if (not closing and prev_kind != "heading" and stack.frames
                and len(vocab.sentences(p.text)) >= 2
                and vocab.is_exhortation(vocab.sentences(p.text)[0])):
            # "Chủ tịch UBND xã yêu cầu ... nghiêm túc triển khai thực hiện. Văn phòng X có
            # trách nhiệm theo dõi ...": an exhortation after the items' own paragraphs opens
            # the document's closing even when the items were topic headings over paragraphs
            # (n84 dev: the closing assignment was lost with the exhortation).
            closing = True
        if closing and not stack.excluded() and _closing_assignments(p.text):
            for sent in _closing_assignments(p.text):
                tasks.append(make(p, sent, attribute(sent), closing=True))
            prev_kind = ""
            continue
        ma = _ASSIGN_SENTENCE.search(p.text) if stack.excluded() else None
        if ma and attribute(ma.group("s")).owner:
            tasks.append(make(p, ma.group("s"), attribute(ma.group("s"))))
            prev_kind = ""
            continue
        if vocab.states_funding(p.text):
            # "Kinh phí thực hiện từ nguồn ... . Phòng X tham mưu ... phân bổ kinh phí ...":
            # the funding statement is no task, an agency-led sentence after it is.
            for sent in _funding_assignments(p.text):
                tasks.append(make(p, sent, attribute(sent), closing=closing))
            prev_kind = ""
            continue
        if _caps_heading(p.text):
            # "IIIL KINH PHÍ": a heading whose numeral OCR garbled; no task, and the previous
            # paragraph's doer does not carry over it.
            para_owner = None
            prev_kind = "heading"
            continue
        answers = (_reply_assignments(topic_head, p.text, doc_year)
                   if topic_head and not closing and not stack.excluded() else None)
        if answers:
            # the reply point's heading stood on its own line ("1. Về đề nghị ...:" wrapped
            # at its colon in the PDF layer, n105 dev digital): its prose, read the same way
            tasks.extend(make(p, sent, attribute(sent)) for sent in answers)
            prev_kind = ""
            continue
        own = (_topic_item_owner(topic_head, p.text, doc_year)
               if prev_kind == "heading" and not closing else None) or attribute(p.text)
        if own.owner is None and para_owner:
            own = Attribution(para_owner, ())
        if (
            not stack.excluded()
            and not p.text.rstrip().endswith(":")
            # the document's closing formula, unless it still assigns dated work ("X là cơ
            # quan thường trực, ...; báo cáo UBND huyện ... trước ngày 10/12./.", n14 dev)
            and (not p.text.rstrip().endswith("./.")
                 or (own.owner is not None and not vocab.is_exhortation(p.text)
                     and (parse_deadline(p.text, doc_year) is not None
                          # "Giao X là cơ quan thường trực, theo dõi, đôn đốc ...; kịp thời
                          # báo cáo ... ./.": an explicit assignment, dated or not (n85 dev)
                          or vocab.assigns_work(p.text))))
            and (own.owner or prev_kind == "heading")
            and not _DOSSIER.match(p.text)  # an unbulleted list of papers ("Biên bản họp ...")
            and not vocab.is_descriptor(p.text)
            and not (closing and vocab.generic_close(p.text))
        ):
            if closing:
                if own.owner:
                    tasks.append(make(p, p.text, own, closing=True))
            else:
                tasks.append(make(p, p.text, own))
                para_owner = own.owner or stack.owner()
        prev_kind = ""
    tasks = _fields_after_bullets(_resolve_pending(tasks, pending, intro_owner), bullet_ids,
                                  doc_year)
    return [t for t in _one_per_deadline(tasks, doc_year) if not _reports_the_past(t)]


# A field label inside an item's paragraph: after a sentence end or ";", or opening a bracket
# ("Tập huấn ... . Đơn vị thực hiện: X; thời gian: Quý II/2026.", "Tập huấn ... (Đơn vị chủ trì:
# X; thời hạn: tháng 5/2026).").
_INLINE_LABEL = re.compile(r"(?:(?<=[.;])\s+|\s*\(\s*)(?P<lab>[^\W\d][^:.;()]{2,45}):\s")


def _inline_fields(text: str) -> tuple[str, dict[str, str]] | None:
    """(the work, {field: value}) of an item that writes its fields after its work in the same
    paragraph, with a doer among them or a time label that is no bare "Thời gian" (a bare one
    may describe an event: "Hội nghị sơ kết. Thời gian: 14 giờ ngày ..."); else None."""
    for m in _INLINE_LABEL.finditer(text):
        if m.start() == 0 or _item_field(m.group("lab") + ": x") is None:
            continue
        fields: dict[str, str] = {}
        tail = text[m.start():].strip().lstrip("(").strip()
        for piece in re.split(r"(?<=[.;])\s+(?=[^\W\d][^:.;()]{2,45}:\s)", tail):
            piece = piece.strip().rstrip(".;)").rstrip("./").strip()
            parts = _field_parts(piece[:1].upper() + piece[1:])
            if parts is None:
                return None  # prose after the fields: not a fields tail
            for role, value in parts:
                fields.setdefault(role, value.rstrip(").;/ "))
        bare_time = vocab.fold(m.group("lab").strip()) == "thoi gian"
        if "owner" in fields or "collab" in fields or ("time" in fields and not bare_time):
            return text[: m.start()].strip(), fields
        return None
    return None


def _fields_after_bullets(tasks: list[Task], bullet_ids: set[int], doc_year: int | None
                          ) -> list[Task]:
    """Inline fields of every task (_with_inline_fields). The field lines under an item's
    bullets ("- Hỗ trợ ...;" / "- Xây dựng ... ." / "Đơn vị thực hiện: X" / "Thời gian: Y")
    run into the last bullet, which goes on to the next marker: they are cut from its text and
    give every bullet of the item above them that names no doer or time of its own the same
    owner, partners and deadline."""
    out = list(tasks)
    for k, t in enumerate(tasks):
        if id(t) not in bullet_ids:
            out[k] = _with_inline_fields(t, doc_year)
            continue
        got = _inline_fields(t.text)
        if got is None or not got[0]:
            continue
        work, fields = got
        dl = parse_deadline(work, doc_year)
        out[k] = _fielded_task(dataclasses.replace(
            t, text=work, deadline=dl.date if dl else None,
            deadline_text=dl.text if dl else None, deadline_kind=dl.kind if dl else None,
            deadline_valid=dl.valid if dl else None), fields, doc_year)
        j = k - 1
        while j >= 0 and id(tasks[j]) in bullet_ids and tasks[j].section == t.section and (
                _inline_fields(tasks[j].text) is None):
            prev = out[j]
            filled = _fielded_task(prev, fields, doc_year)
            if prev.deadline_text:  # its own time limit stands
                filled = dataclasses.replace(
                    filled, deadline=prev.deadline, deadline_text=prev.deadline_text,
                    deadline_kind=prev.deadline_kind, deadline_valid=prev.deadline_valid)
            out[j] = dataclasses.replace(
                filled, owner=prev.owner or filled.owner,
                collaborators=prev.collaborators or filled.collaborators)
            j -= 1
    return out


def _with_inline_fields(t: Task, doc_year: int | None) -> Task:
    """An item whose doer and time limit are written after its work in the same paragraph
    (a line the writer ran on, or a PDF line join): the fields give its owner, partners and
    deadline as field lines would; the text stays the paragraph as written (n99's gold keeps
    "... . Trách nhiệm thực hiện: X." in its text)."""
    got = _inline_fields(t.text)
    if got is None or not got[0]:
        return t
    work, fields = got
    dl = parse_deadline(work, doc_year)
    base = dataclasses.replace(
        t, deadline=dl.date if dl else None, deadline_text=dl.text if dl else None,
        deadline_kind=dl.kind if dl else None, deadline_valid=dl.valid if dl else None)
    return _fielded_task(base, fields, doc_year)


_PAST = re.compile(r"(?<![\wÀ-ỹ])đã\s+(?!được\s+giao)")
_ASK_LEAD = re.compile(r"^(?:Giao|Đề nghị|Yêu cầu)\b")


def _reports_the_past(t: Task) -> bool:
    """An item that tells what was done ("1. Năm 2023, huyện đã hoàn thành 12/12 chỉ tiêu;
    Phòng Kinh tế đã tham mưu tốt.", a conclusion notice's assessment point): its verb is in
    the past ("đã") and it sets no time limit, so it assigns nothing (probe: an extra task).
    An item whose subject only qualifies with "đã" ("Các xã đã đạt chuẩn rà soát ...") opens
    with that subject, which the owner spans, or with a verb."""
    if t.deadline_text or _ASK_LEAD.match(t.text):
        return False
    if t.owner and t.text.startswith(t.owner):
        return t.text[len(t.owner):].lstrip().startswith("đã ")
    return (t.owner is None and not starts_with_verb(t.text)
            and _PAST.search(t.text) is not None)


def _unnumbered_assignments(paras: Sequence[Paragraph], doc_year: int | None) -> list[Task]:
    """A document with no numbered item (an invitation, a short letter) assigns work only in
    explicit sentences of its prose ("Giao Phòng X chuẩn bị báo cáo ..., hoàn thành trước ngày
    26/3/2024.", "X có trách nhiệm ..."): each is a task outside any section. Its guest list,
    descriptors and closing request are not (n108 dev: the invitation's one preparation duty
    was lost, as nothing before the first numbered item is read)."""
    tasks: list[Task] = []
    lost_label = vocab.recipients_block_start([p.text for p in paras])
    for k, p in enumerate(paras):
        if _END.match(p.text) or vocab.recipients_label(p.text) or k == lost_label:
            break
        mk = parse_marker(p.text)
        if "\t" in p.raw or (mk.style and mk.style not in BULLETS) or vocab.is_descriptor(
                mk.rest if mk.style else p.text):
            continue
        for sent in vocab.sentences(mk.rest if mk.style else p.text):
            if not _assigning(sent.rstrip(";"), doc_year) or (
                    not vocab.assigns_work(sent) and parse_deadline(sent, doc_year) is None):
                continue  # a request without a time limit ("Đề nghị các đại biểu ...")
            own = attribute(_LEAD_CLAUSE.sub("", sent.rstrip(";"), count=1))
            dl = parse_deadline(sent, doc_year)
            tasks.append(Task(
                kind="directive", text=sent, page_no=p.page_no, line_no=p.line_no,
                owner=own.owner, collaborators=own.collaborators or collaborators(sent),
                deadline=dl.date if dl else None, deadline_text=dl.text if dl else None,
                deadline_kind=dl.kind if dl else None, deadline_valid=dl.valid if dl else None,
                section=None))
    return _one_per_deadline(tasks, doc_year)


def _doer_at(part: str, owner: str | None) -> int:
    """Where `owner` stands in `part` (-1 when absent): at 0 it is the subject, later it is
    named after the action ("do X thực hiện")."""
    if not owner:
        return -1
    return (part[:1].upper() + part[1:]).find(owner)


def _one_per_deadline(tasks: list[Task], doc_year: int | None) -> list[Task]:
    """An item with several actions each with its own deadline is one task per deadline
    (issue 11's convention): a reader filtering by deadline month must find each of them."""
    out: list[Task] = []
    for t in tasks:
        # A date inside the owner phrase ("Các xã đạt chuẩn ... trước năm 2020") qualifies
        # the subject: cutting starts after it.
        lead = ""
        if t.owner and len(t.owner) > 10 and t.text.startswith(t.owner):
            lead = t.owner
        parts = split_actions(t.text[len(lead):], doc_year)
        parts[0] = lead + parts[0] if lead and not parts[0][:1].isalnum() else (
            f"{lead} {parts[0]}".strip() if lead else parts[0])
        if len(parts) == 1:
            out.append(t)
            continue
        for k, part in enumerate(parts):
            dl = parse_deadline(part, doc_year)
            owner, collab = t.owner, tuple(c for c in t.collaborators
                                           if c in part or c not in t.text)
            if k > 0:
                # A later action may name its own doer ("...; các sở, ngành tổ chức thẩm tra
                # trước ngày 30/3"); else the item's owner does it.
                own = attribute(part[:1].upper() + part[1:])
                at = _doer_at(part, own.owner)
                if own.owner and at == 0 and _VERB_AFTER.match(part[len(own.owner):]):
                    owner = part[: len(own.owner)]
                elif own.owner and at > 0:
                    # the doer named after the action ("và đợt 2 trước ngày 31/3/2022, do
                    # Hội đồng X thực hiện."): its own name, not the part's first words
                    # (issue 11, n91: the owner came out as "đợt 2 trước ngày ...")
                    owner = own.owner
                # a part naming no doer keeps the item's collaborators unless it names its
                # own ("Giao X chủ trì, Y phối hợp ..., xong trước ...; khởi công trong quý
                # III": Y works on both; n29, n45 dev)
                collab = own.collaborators if own.owner else (
                    collaborators(part) or t.collaborators)
            out.append(dataclasses.replace(
                t, text=part, owner=owner, collaborators=collab,
                deadline=dl.date if dl else None, deadline_text=dl.text if dl else None,
                deadline_kind=dl.kind if dl else None, deadline_valid=dl.valid if dl else None))
    return out


# "Trách nhiệm (thực hiện | chủ trì): X" names the doer too, as a bullet or as the one plain
# line under the item (extract7 probe: the line became a task of its own and the item had no
# owner).
_RESPONSIBILITY = frozenset({"trach nhiem", "trach nhiem thuc hien", "trach nhiem chu tri"})


def _item_field(text: str) -> tuple[str, str] | None:
    f = vocab.item_field(text)
    if f is not None:
        return f
    head, sep, value = text.partition(":")
    if not sep or not value.strip() or len(head) > 50:
        return None
    if vocab.fold(head.strip("-–•+ ")) in _RESPONSIBILITY:
        return "owner", value.strip().rstrip(".;")
    role = vocab.item_field_role(head)
    return (role, value.strip().rstrip(".;")) if role else None


def _field_parts(text: str) -> list[tuple[str, str]] | None:
    """The fields of one line: usually one, but a line may carry a second field after a ";"
    ("- Đơn vị chủ trì: Phòng Kinh tế; đơn vị phối hợp: Hợp tác xã X."): [(role, value)]."""
    f = _item_field(text)
    if f is None:
        return None
    out = [f]
    head, sep, value = f[1].partition(";")
    while sep:
        nxt = value.strip()
        g = _item_field(nxt[:1].upper() + nxt[1:])
        if g is None:
            break
        out[-1] = (out[-1][0], head.strip())
        out.append(g)
        head, sep, value = g[1].partition(";")
    return out


def _field_run(markers: Sequence[Marker], at: int, plain_ok: bool
               ) -> tuple[set[int], dict[str, str]] | None:
    """The field lines from `at` on ("- Đơn vị chủ trì: X", "Thời gian hoàn thành: ...", in
    any order, as bullets or, when `plain_ok`, as plain lines) with a doer or a time among
    them: (their indices, {field: value}). A bullet that is no field makes the run none (the
    bullets are the item's actions); a plain line that is no field ends it."""
    idx: set[int] = set()
    fields: dict[str, str] = {}
    for k in range(at, len(markers)):
        m = markers[k]
        plain = m.style == "" and (plain_ok or k == at)
        if m.style not in BULLETS and not plain:
            break
        parts = _field_parts(m.rest)
        if parts is None:
            if plain:
                break
            return None
        idx.add(k)
        for role, value in parts:
            fields.setdefault(role, value)
    if not ({"owner", "time"} & fields.keys()):
        return None
    return idx, fields


def _item_fields(markers: Sequence[Marker], at: int) -> tuple[set[int], dict[str, str]] | None:
    """The lines from `at` on when each is a field of the item above ("- Đơn vị chủ trì: X",
    "Thời gian hoàn thành: ...", bullets or plain lines: a text file writes "Đơn vị thực hiện:"
    and "Thời gian:" as two plain lines, and the second was lost, n113 text), with a doer or a
    time among them: (their indices, {field: value}); else None."""
    return _field_run(markers, at, plain_ok=True)


_BODY_PARAS = 3  # an item's work before its fields: a paragraph or two, rarely three


def _body_then_fields(body: Sequence[Paragraph], markers: Sequence[Marker], at: int
                      ) -> tuple[list[int], set[int], dict[str, str]] | None:
    """A topic heading's work written as plain paragraphs and then its fields ("Tổ chức tuyên
    truyền ... ." / "Đơn vị thực hiện: X." / "Thời gian: ..."): (the work's indices, the
    fields' indices, {field: value}); else None. The work must not be an intro (":"), a
    descriptor, or name a field itself."""
    work: list[int] = []
    for k in range(at, min(at + _BODY_PARAS, len(markers))):
        m = markers[k]
        if m.style != "":
            break
        if _field_parts(m.rest) is not None:
            break
        if body[k].text.rstrip().endswith(":") or vocab.is_descriptor(body[k].text) or (
                body[k].emphasised or _caps_heading(body[k].text)):
            return None
        work.append(k)
    if not work:
        return None
    run = _field_run(markers, work[-1] + 1, plain_ok=True)
    if run is None:
        return None
    return work, run[0], run[1]


def _topic_cut(p: Paragraph, rest: str) -> str:
    """The work of a fielded item whose topic heading and work a text file wrote on two lines
    with no blank between, so they were joined ("1. Tuyên truyền, vận động" + "Tổ chức tuyên
    truyền ..."): the work alone, as in a PDF where the heading stands apart. A wrapped line
    of a sentence goes on in lower case or a name, so only a short unended first line followed
    by a capital (a verb, or after a line of at most `_TOPIC_LINE` words) is cut."""
    if p.n_lines < 2 or not p.raw:
        return rest
    first = parse_marker(strip_markup(p.raw).strip()).rest.strip()
    if not first or not rest.startswith(first) or len(first.split()) > 12:
        return rest
    if re.search(r"[.:;,!?]$", first):
        return rest
    after = rest[len(first):].strip()
    # a PDF line holds 15 words or more, so a line of 8 or fewer ended there
    if after[:1].isupper() and (starts_with_verb(after) or len(first.split()) <= _TOPIC_LINE):
        return after
    return rest


_TOPIC_LINE = 8


def _unit_field(value: str) -> tuple[str | None, tuple[str, ...]]:
    """Owner and partners of a "Đơn vị thực hiện:" field: "X chủ trì, phối hợp với Y", "X
    (chủ trì); Y (phối hợp)", "X chủ trì; Y phối hợp", "X phối hợp với Y" give X and Y (n113:
    the whole field was the owner); a field naming no role is the owner whole ("Phòng A, Ủy
    ban MTTQ xã" is a joint owner)."""
    owner, collab = owner_cell(re.sub(r"^Giao\s+(?:cho\s+)?", "", value))
    owner = owner.strip(" -–") if owner else owner
    if collab or not owner or not re.search(r"\b(?:phối hợp|chủ trì)\b", owner):
        return owner, collab
    own = attribute(owner)
    if own.owner and owner.startswith(own.owner):
        return own.owner, own.collaborators
    return owner, collab


def _fielded_task(t: Task, fields: dict[str, str], doc_year: int | None) -> Task:
    owner, own_collab = _unit_field(fields["owner"]) if "owner" in fields else (None, ())
    collab = collab_cell(fields.get("collab", "")) or own_collab
    if "time" not in fields:
        # no time field: the item's own deadline stands ("Kiểm tra ... trong tháng 11/2025."
        # over "- Đơn vị chủ trì: X" bullets was left with none; extract7 probe)
        return dataclasses.replace(t, owner=owner or t.owner, collaborators=collab)
    dl = deadline_cell(fields["time"], doc_year)
    return dataclasses.replace(
        t, owner=owner or t.owner, collaborators=collab,
        deadline=dl.date if dl else None, deadline_text=dl.text if dl else None,
        deadline_kind=dl.kind if dl else None, deadline_valid=dl.valid if dl else None)


def _listing_heading(text: str) -> bool:
    """"4. Thành phần:" / "Đối tượng:" over bullets: the bullets list who attends or whom the
    work concerns ("- Các Phó Chủ tịch UBND xã;"), they assign nothing (n78 dev: a meeting
    notice's participants were five tasks). Time and chair labels are left out: a "Thời gian:"
    heading may still order dated work under it."""
    if not text.rstrip().endswith(":"):
        return False
    if not vocab.is_descriptor(text):
        # "1. Thành phần triệu tập:", "Thành phần dự họp:", "Đại biểu mời:": the attendance
        # list under any wording of its label (probe: a summons' attendees were tasks)
        label = vocab.fold(text.partition(":")[0].lstrip("-–•+ "))
        return len(label.split()) <= 5 and label.startswith(_ATTENDANCE)
    return vocab.fold(text.partition(":")[0].lstrip("-–•+ ")) not in ("thoi gian", "thoi diem",
                                                                      "chu tri")


_ATTENDANCE = ("thanh phan", "dai bieu", "khach moi")


def _meeting_content(markers: Sequence[Marker], at: int) -> bool:
    """"5. Nội dung: Đánh giá kết quả ..." among numbered meeting descriptors ("1. Thời gian:",
    "2. Địa điểm:"): the agenda of the meeting, not a task (n78 dev). Alone, "Nội dung:" may
    head real work in a plan, so it needs an earlier descriptor sibling of the same style."""
    m = markers[at]
    if vocab.fold(m.rest.partition(":")[0].strip()) not in ("noi dung", "noi dung cuoc hop",
                                                             "noi dung hop", "noi dung lam viec"):
        return False
    return any(k.style == m.style and vocab.is_descriptor(k.rest) for k in markers[:at])


def _only_descriptors(body: Sequence[Paragraph], markers: Sequence[Marker], at: int) -> bool:
    """Whether the bullets from `at` on only describe an event ("- Thời gian: ...", "- Địa
    điểm: ..."): an item above them that names its doer is then a task of its own, not a
    heading (n15 dev); "1. Thời gian, địa điểm, thành phần" names none and stays a heading."""
    seen = False
    for p, m in zip(body[at:], markers[at:], strict=False):
        if m.style not in BULLETS:
            break
        if not vocab.is_descriptor(m.rest or p.text):
            return False
        seen = True
    return seen


def _caps_heading(text: str) -> bool:
    """A short line in capitals with no full stop ("IIIL KINH PHÍ", "TỔ CHỨC THỰC HIỆN")."""
    letters = re.sub(r"[^\wÀ-ỹ]|\d", "", text)
    return (len(letters) >= 4 and letters.isupper() and len(text.split()) <= 10
            and not text.rstrip().endswith("."))


def _topic_label(text: str, doc_year: int | None) -> bool:
    """A short line naming a topic ("Môi trường, cảnh quan"): a few words, no full stop, no
    doer, no deadline. Over a paragraph that names its doer it is that paragraph's heading,
    not a task (issue 11, blind run 2 cause 5: from PDF and scans the line stood alone).
    Up to 12 words: "Khoa học kỹ thuật và liên kết sản xuất" (9, n55) was an extra task at 8."""
    t = text.strip()
    return (0 < len(t.split()) <= 12 and not t.endswith((".", ":", ";"))
            and attribute(t).owner is None and parse_deadline(t, doc_year) is None)


def _funding_assignments(text: str) -> list[str]:
    """The sentences of a funding paragraph that open with their doer (an agency, or "Giao
    X"), not a funding statement nor an exhortation."""
    out = []
    for s in vocab.sentences(text)[1:]:
        if vocab.states_funding(s) or vocab.is_exhortation(s):
            continue
        own = attribute(s)
        if own.owner and (agency_phrase(s) or _ASSIGN_SENTENCE.match(s)):
            out.append(s)
    return out


_LETTERS = "abcdđefghi"
_INLINE_LETTER = re.compile(r"(?:^|(?<=[;.:])\s+)(?P<l>[a-iđ])\)\s+")


def _inline_letters(body: str) -> list[tuple[str, str]]:
    """[(letter, text)] of sub-items written on in one paragraph ("a) ...; b) ..."), from a)
    on in the alphabet's order, at least two; else []."""
    marks = list(_INLINE_LETTER.finditer(body))
    if len(marks) < 2 or marks[0].start() != 0:
        return []
    if [m.group("l") for m in marks] != list(_LETTERS[: len(marks)]):
        return []
    out = []
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(body)
        out.append((m.group("l"), body[m.end():end].strip()))
    return out


# folded, so OCR's wrong marks ("Vê đê nghị") still read as the topic
_TOPIC = re.compile(r"^(?:ve|doi voi)\s+(?:(?:cac|viec|noi dung)\s+)?(?:de nghi|de xuat|kien nghi|"
                    r"noi dung|viec|van de)\b")
_LEAD_CLAUSE = re.compile(r"^[^,;:]{1,60},\s+(?=(?:đề nghị|giao|yêu cầu)\s)")


def _reply_assignments(head: str, body: str, doc_year: int | None) -> list[str] | None:
    """The assigning sentences of a point that answers a request ("1. Về đề nghị hỗ trợ kinh
    phí ...: UBND huyện thống nhất chủ trương ... . Giao Phòng X thẩm định ... trước ngày ... .
    UBND xã Y hoàn thiện hồ sơ ... trước ngày ..."): the stance and the reasons are prose, each
    assignment is a task with its own doer (n105 dev: the point was one task owned by the
    speaker, "UBND huyện"). None unless the head is such a topic and the body mixes prose with
    assignments; then the item is read as before."""
    if not _TOPIC.match(vocab.fold(head.strip())):
        return None
    sents = vocab.sentences(body)
    picked = [s for s in sents if _assigning(s, doc_year)]
    if not picked or len(picked) == len(sents):
        return None
    return picked


def _topic_item_owner(head: str, body: str, doc_year: int | None) -> Attribution | None:
    """The doer of a topic point ("1. Về công tác giải ngân: UBND các xã còn chậm. Giao Phòng
    X đôn đốc ... trước ngày ...") is the one its first assignment names, not the subject of the
    assessment before it (probe: owner "UBND các xã"). The item stays one task, as written.
    None when the head is no "Về ..." topic or the body opens with its assignment."""
    if not body or not vocab.fold(head.strip()).startswith("ve "):
        return None
    sents = vocab.sentences(body)
    if len(sents) < 2 or _assigning(sents[0], doc_year):
        return None
    for sent in sents[1:]:
        if _assigning(sent, doc_year):
            return attribute(_LEAD_CLAUSE.sub("", sent, count=1))
    return None


def _assigning(sentence: str, doc_year: int | None) -> bool:
    """An explicit assignment ("Giao X ...", "X có trách nhiệm ...", "Đề nghị X ...", also after
    a lead-in clause: "Trong thời gian chờ, đề nghị X ..."), or a sentence that opens with its
    doer and sets a time limit ("UBND xã Y hoàn thiện hồ sơ ... trước ngày 25/8/2024")."""
    s = _LEAD_CLAUSE.sub("", sentence.strip(), count=1)
    s = s[:1].upper() + s[1:]
    if vocab.is_exhortation(s) or not attribute(s).owner:
        return False
    if vocab.assigns_work(s) or re.match(r"(?:Đề nghị|Yêu cầu)\s", s):
        return True
    return agency_phrase(s) is not None and parse_deadline(s, doc_year) is not None


def _clauses_joined(sents: list[str]) -> list[str]:
    """A piece opening in lower case after ";" is a clause of the sentence before it, with the
    same subject ("X có trách nhiệm theo dõi ...; định kỳ 6 tháng tổng hợp, báo cáo ..."):
    it stays with that sentence (issue 11, n91: the reporting duty was cut off the closing
    assignment and its recurring deadline lost). vocab.sentences' capital class also takes
    lower-case accented letters, so it cuts there."""
    out: list[str] = []
    for s in sents:
        if out and out[-1].endswith(";") and s[:1].islower():
            out[-1] = f"{out[-1]} {s}"
        else:
            out.append(s)
    return out


def _closing_assignments(text: str) -> list[str]:
    """The assignments of a closing paragraph that needs reading sentence by sentence: one
    with an exhortation before its assignment, or one ending the document ("./."). Each
    explicit assignment ("Giao X ...", "X có trách nhiệm ...") with an agency is a task; the
    exhortation is not. Other closing paragraphs keep the plain-paragraph rule (empty list)."""
    sents = _clauses_joined(vocab.sentences(text))
    if len(sents) < 2 and not text.rstrip().endswith("./."):
        return []
    return [s for s in sents if not vocab.is_exhortation(s) and vocab.assigns_work(s)
            and attribute(s).owner]


def _resolve_pending(
    tasks: list[Task], pending: dict[int, int], intro: dict[int, str]
) -> list[Task]:
    """Drop intro bullets ("- Giao X:") whose sub-items carry the work themselves; keep those
    whose sub-items are only a list of papers ("- Huyện xây dựng 3 Báo cáo gồm:")."""
    drop = {idx for idx, n in pending.items() if n > 0 and idx in intro}
    return [t for k, t in enumerate(tasks) if k not in drop]
