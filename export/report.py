"""The HTML QA report: OUT/report/index.html plus one page per document.

Static files that open from disk: no server, no script, no external resource. Page images are
JPEGs in OUT/report/img/ (lazy-loaded, so a 300-page document opens at once); word boxes are
absolutely positioned elements in percent of the page, coloured by OCR confidence; restored
words carry their raw reading and restore's alternatives in a `title` (hover) and in a
focusable tip (keyboard). Tasks link to their line: the box on the page image when the line
has boxes, else the line in the page text.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import Any

from vanban.export.bundle import DocBundle, Row, write_text_atomic
from vanban.export.geometry import boxes_on_original, page_frame
from vanban.export.images import PageSource, opened, source_file
from vanban.store import CORRECTIONS, correction_path

log = logging.getLogger("vanban")

IMAGE_WIDTH = 1000  # px of the page JPEGs: sharp at the report's ~55% of a 1366 px screen
LOW_CONF = 70.0
GOOD_CONF = 90.0
RESTORE_SURE = 0.9
H1 = '<h1 id="content" tabindex="-1">'  # the skip link's target, after the page links
PAGES_PER_FILE = 20  # page images and boxes per HTML file: a 300-page document is 15 files


def page_file(doc_id: str, page_no: int) -> str:
    """The HTML file showing `page_no`: <doc_id>.html holds the first PAGES_PER_FILE."""
    chunk = (page_no - 1) // PAGES_PER_FILE
    return f"{doc_id}.html" if chunk == 0 else f"{doc_id}-{chunk + 1}.html"


def _href(doc_id: str, page_no: int, anchor: str, here: str) -> str:
    target = page_file(doc_id, page_no)
    return f"#{anchor}" if target == here else f"{target}#{anchor}"

CSS = """
*{box-sizing:border-box}
body{font:14px/1.45 "DejaVu Sans",Arial,sans-serif;margin:0 12px 40px;color:#1b1b1b;background:#fff}
h1{font-size:20px;margin:12px 0 6px}h2{font-size:16px;margin:18px 0 6px}
a{color:#0645ad}a:focus,[tabindex]:focus{outline:3px solid #f0a000;outline-offset:1px}
table{border-collapse:collapse;margin:6px 0 12px;max-width:100%}
td,th{border:1px solid #bbb;padding:2px 6px;vertical-align:top;text-align:left}
th{background:#eef}td.num{text-align:right}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:6px 0}
.meta dt{font-weight:bold}.meta dd{margin:0}
.warn{color:#8a4b00}.bad{color:#a00000}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;z-index:9}
.page{border-top:2px solid #99a;margin-top:14px}
.cols{display:flex;gap:12px;align-items:flex-start}
.img{flex:1 1 55%;min-width:0;position:relative}
.img img{width:100%;height:auto;display:block;border:1px solid #999}
.txt{flex:1 1 45%;min-width:0;max-height:92vh;overflow:auto;font-size:13px;
 border:1px solid #ccc;padding:4px}
.txt ol{margin:0;padding-left:3.2em}.txt li{white-space:pre-wrap;word-break:break-word}
.txt li:target,.ln:target{background:rgba(255,210,0,.45);outline:2px solid #e0a000}
.w{position:absolute;border:1px solid;pointer-events:auto}
.hi{border-color:rgba(0,140,0,.55)}.mid{border-color:rgba(230,150,0,.9);background:rgba(255,190,0,.15)}
.lo{border-color:rgba(220,0,0,.95);background:rgba(255,0,0,.18)}
.nc{border-color:rgba(90,90,90,.4)}
.r{border:2px solid #1050ff;background:rgba(16,80,255,.22)}
.ov{position:absolute;inset:0;transform-origin:50% 50%}
.cell{position:absolute;border:1px dashed rgba(120,0,160,.6);pointer-events:none}
.ln{position:absolute;pointer-events:none}
.w[data-tip]:focus::after{content:attr(data-tip);position:absolute;left:0;top:100%;z-index:5;
 background:#ffe;border:1px solid #333;padding:2px 4px;font-size:12px;white-space:nowrap;color:#000}
mark.r{background:#cfe0ff;border:0;border-bottom:2px solid #1050ff}
mark.lo{background:#ffd6d6;border:0}
.fix{margin:2px 0;font-size:13px}.corr{background:#dff3d6;border:1px solid #2a7a10;padding:0 4px}
.key{display:inline-block;border:1px solid;padding:0 6px;margin-right:6px}
@media (max-width:900px){.cols{flex-direction:column}.txt{max-height:none}}
"""


def _e(value: Any) -> str:
    return escape("" if value is None else str(value))


def _conf_class(w: Row) -> str:
    conf = w["ocr_confidence"]
    if conf is None:
        return "nc"
    return "hi" if conf >= GOOD_CONF else "mid" if conf >= LOW_CONF else "lo"


def _tip(w: Row) -> str:
    parts = []
    if w["changed"]:
        parts.append(f"đọc thô (raw): {w['raw_text']} → {w['text']}")
    else:
        parts.append(str(w["text"]))
    if w["alternatives"]:
        parts.append("khả năng khác (alternatives): " + ", ".join(w["alternatives"]))
    if w["ocr_confidence"] is not None:
        parts.append(f"OCR {w['ocr_confidence']:.0f}")
    if w["restore_confidence"] is not None:
        parts.append(f"restore {w['restore_confidence']:.2f}")
    return " | ".join(parts)


def _doubtful(w: Row) -> bool:
    """Words worth a hover: restored, or read with less than good confidence. Only these
    carry a title, which keeps a 300-page document's markup in bounds."""
    oc, rc = w["ocr_confidence"], w["restore_confidence"]
    return bool(w["changed"]) or (oc is not None and oc < GOOD_CONF) or (
        rc is not None and rc < RESTORE_SURE)


def _pct(v: float, total: float) -> str:
    return f"{100.0 * v / total:.2f}%"


Box = tuple[float, float, float, float]


def _box_style(box: Box, size: tuple[float, float]) -> str:
    x0, y0, x1, y1 = box
    w, h = size
    return (f"left:{_pct(x0, w)};top:{_pct(y0, h)};"
            f"width:{_pct(x1 - x0, w)};height:{_pct(y1 - y0, h)}")


def _union(a: Box | None, b: Box) -> Box:
    if a is None:
        return b
    return min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])


def _overlay(page_no: int, words: Sequence[Row], size: tuple[float, float]) -> list[str]:
    """Word boxes, approximate table-cell outlines and one invisible anchor per line.

    A cell's outline is the union of its words' boxes (the words table names the cell, not
    its ruling), so it hugs the ink rather than the printed grid.
    """
    out: list[str] = []
    cells: dict[tuple[int, int], Box] = {}
    lines: dict[int, Box] = {}
    for w in words:
        if w["x0"] is None:
            continue
        box: Box = (float(w["x0"]), float(w["y0"]), float(w["x1"]), float(w["y1"]))
        if w["cell_row"] is not None and w["cell_col"] is not None:
            key = (int(w["cell_row"]), int(w["cell_col"]))
            cells[key] = _union(cells.get(key), box)
        lines[int(w["line_no"])] = _union(lines.get(int(w["line_no"])), box)
        cls = "w r" if w["changed"] else f"w {_conf_class(w)}"
        tip = _e(_tip(w))
        focus = f' tabindex="0" data-tip="{tip}"' if w["changed"] else ""
        hover = f' title="{tip}"' if _doubtful(w) else ""
        out.append(f'<span class="{cls}" style="{_box_style(box, size)}"{hover}{focus}></span>')
    for (row, col), b in sorted(cells.items()):
        out.append(f'<span class="cell" title="ô bảng {row},{col}" '
                   f'style="{_box_style(b, size)}"></span>')
    for line_no, b in sorted(lines.items()):
        pad = (b[0] - 4, b[1] - 4, b[2] + 4, b[3] + 4)
        out.append(f'<span class="ln" id="p{page_no}-img-l{line_no}" '
                   f'style="{_box_style(pad, size)}"></span>')
    return out


def _text_lines(page: Row, words: Sequence[Row], has_box: set[int]) -> list[str]:
    """The page text, one <li id=pN-lM> per line; restored and doubtful words marked."""
    by_line: dict[int, list[Row]] = defaultdict(list)
    for word in words:
        by_line[int(word["line_no"])].append(word)
    out = ['<ol>']
    for line_no, line in enumerate(str(page["text"] or "").split("\n"), start=1):
        mine = by_line.get(line_no, [])
        pieces: list[str] = []
        k = 0
        for tok in line.replace("\t", " \u2502 ").split(" "):
            w: Row | None = mine[k] if k < len(mine) else None
            if tok and tok != "\u2502" and w is not None:
                k += 1
                if w["text"] == tok and (w["changed"] or _conf_class(w) == "lo"):
                    cls = "r" if w["changed"] else "lo"
                    pieces.append(f'<mark class="{cls}" title="{_e(_tip(w))}">{_e(tok)}</mark>')
                    continue
            pieces.append(_e(tok))
        body = " ".join(pieces)
        img = (f' <a href="#p{page["page_no"]}-img-l{line_no}" title="trên ảnh / on the image"'
               f' aria-label="dòng {line_no} trên ảnh">»</a>'
               if line_no in has_box else "")
        out.append(f'<li id="p{page["page_no"]}-l{line_no}">{body}{img}</li>')
    out.append("</ol>")
    return out


def _correction_html(page: Row, fix: Path | None) -> list[str]:
    """Whether the page's text is an archivist's correction, and where a correction goes."""
    out = []
    if page.get("corrected"):
        out.append('<p class="fix"><strong>Đã sửa tay / corrected by hand</strong>: văn bản '
                   f'trang này lấy từ tệp <code>{_e(page.get("correction_file"))}</code>; bản '
                   "máy đọc giữ trong raw_text.</p>")
    target = page.get("correction_file") if page.get("corrected") else (
        str(fix) if fix is not None else None)
    if target:
        out.append('<p class="fix">Sửa trang này / to correct this page: ghi toàn bộ văn bản '
                   f'đúng (UTF-8) vào <code>{_e(target)}</code> rồi chạy lại '
                   "<code>vanban run</code> / put its corrected text in that file and run "
                   "again.</p>")
    return out


QUALITY_RANK = {"unreadable": 0, "poor": 1}  # worst first in the index's page list


def _verdict_html(page: Row) -> str:
    """The page's rotation and quality verdict from their own `pages` columns (quality is
    None where no OCR verdict exists: text layer, plain text)."""
    quality = page.get("quality")
    cls = "q bad" if quality in QUALITY_RANK else "q"
    return (f'<span class="rot">xoay / rotation {int(page.get("rotation") or 0)}°</span> · '
            f'<span class="{cls}">chất lượng / quality {_e(quality or "—")}</span>')


def _page_order(p: Row) -> tuple[int, bool, float]:
    """Unreadable, then poor pages, then the rest; each lowest OCR confidence first."""
    conf = p["ocr_confidence"]
    return (QUALITY_RANK.get(str(p.get("quality")), 2), conf is None, conf or 0.0)


def _overlay_frame(page: Row, space: tuple[float, float]) -> tuple[str, tuple[float, float]]:
    """(inline style of the box layer, the size its boxes are measured in).

    Boxes were measured on OCR's picture: the page turned clockwise by `pages.rotation`,
    then levelled by `pages.deskew` (cv2's counter-clockwise angle) about its centre. The
    layer has that picture's shape, centred on the page image, and is turned back by CSS
    (clockwise positive): rotate(deskew - rotation). A quarter turn swaps its sides.
    """
    rotation = int(page.get("rotation") or 0) % 360 if page.get("method") == "ocr" else 0
    angle = float(page.get("deskew") or 0.0) - rotation
    w, h = space
    if rotation % 180:
        return (f' style="left:50%;top:50%;right:auto;bottom:auto;width:{_pct(h, w)};'
                f'height:{_pct(w, h)};transform:translate(-50%,-50%) rotate({angle:.2f}deg)"',
                (h, w))
    return (f' style="transform:rotate({angle:.2f}deg)"' if angle else ""), space


def _page_html(bundle: DocBundle, page: Row, words: Sequence[Row], img: str | None,
               img_size: tuple[int, int] | None, space: tuple[float, float] | None,
               fix: Path | None = None) -> list[str]:
    n = page["page_no"]
    conf = page["ocr_confidence"]
    n_changed = sum(1 for w in words if w["changed"])
    head = (f'<h2>Trang {n} · {_e(page["method"])}'
            + (f" · OCR {conf:.1f}" if conf is not None else "")
            + (f" · {n_changed} từ được khôi phục" if n_changed else "")
            + (' · <span class="corr">đã sửa tay / corrected</span>'
               if page.get("corrected") else "") + " · " + _verdict_html(page) + "</h2>")
    out = [f'<section class="page" id="p{n}" aria-label="Trang {n}">', head,
           f'<p class="warn">Quyết định / verdict: {_e(page["decision"])}</p>',
           *_correction_html(page, fix), '<div class="cols">']
    has_box = {int(w["line_no"]) for w in words if w["x0"] is not None}
    if img and img_size and space:
        out.append('<div class="img">')
        out.append(f'<img src="{_e(img)}" loading="lazy" decoding="async" width="{img_size[0]}" '
                   f'height="{img_size[1]}" alt="Ảnh trang {n}">')
        perspective = page.get("perspective") if page.get("method") == "ocr" else None
        if perspective is not None and len(perspective) == 9:
            # a phone photo: boxes carried through the recorded perspective onto the photo
            turn = (int(page.get("rotation") or 0), float(page.get("deskew") or 0.0),
                    tuple(float(v) for v in perspective))
            frame = page_frame(space, turn, words)
            style, box_size, words = "", space, boxes_on_original(frame, words)
        else:
            style, box_size = _overlay_frame(page, space)
        out.append(f'<div class="ov"{style}>')
        out.extend(_overlay(n, words, box_size))
        out.append("</div></div>")
    else:
        out.append('<div class="img"><p>(không có ảnh trang: nguồn là văn bản hoặc tệp nguồn '
                   'không tìm thấy / no page image)</p></div>')
    out.append('<div class="txt">')
    out.extend(_text_lines(page, words, has_box if img else set()))
    out.append("</div></div></section>")
    return out


def _table(head: Sequence[str], rows: Sequence[Sequence[str]], num: set[int] | None = None
           ) -> list[str]:
    """An HTML table; cells are already-escaped HTML."""
    num = num or set()
    out = ["<table><thead><tr>" + "".join(f"<th scope=col>{h}</th>" for h in head)
           + "</tr></thead><tbody>"]
    for r in rows:
        out.append("<tr>" + "".join(f'<td class="num">{c}</td>' if i in num else f"<td>{c}</td>"
                                    for i, c in enumerate(r)) + "</tr>")
    out.append("</tbody></table>")
    return out


def _failure_rows(failures: Sequence[Row]) -> list[list[str]]:
    return [[_e(f["source_path"]), _e(f["page_no"]), _e(f["stage"]), _e(f["error_type"]),
             _e(f["message"]), _e(f["time"])] for f in failures]


FAIL_HEAD = ["tệp", "trang", "stage", "lỗi", "thông báo", "thời gian"]


def _html(title: str, body: Sequence[str]) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
            '<meta name="viewport" content="width=device-width,initial-scale=1">'
            f"<title>{_e(title)}</title><style>{CSS}</style></head><body>"
            '<a class="skip" href="#content">Bỏ qua đến nội dung / skip to content</a>'
            '<main id="main">'
            + "\n".join(body) + "</main></body></html>\n")


def _line_target(t: Row, boxed: dict[int, set[int]]) -> str:
    p, ln = int(t["page_no"]), int(t["line_no"])
    return f"p{p}-img-l{ln}" if ln in boxed.get(p, set()) else f"p{p}-l{ln}"


def document_html(bundle: DocBundle, images: dict[int, tuple[str, tuple[int, int],
                                                             tuple[float, float]]],
                  corrections: Path | None = None) -> dict[str, str]:
    """{file name: html}: the first file has metadata, warnings, failures and tasks, then
    pages 1-PAGES_PER_FILE; further files hold the next pages each. `corrections` is the
    folder where an archivist's page corrections go (each page names its exact file)."""
    doc = bundle.document
    doc_id = bundle.doc_id
    first = page_file(doc_id, 1)
    words = bundle.words_by_page()
    boxed = {p: {int(w["line_no"]) for w in ws if w["x0"] is not None}
             for p, ws in words.items() if p in images}
    title = doc.get("title") or Path(str(doc["source_path"])).name
    files = sorted({page_file(doc_id, int(p["page_no"])) for p in bundle.pages} | {first},
                   key=lambda f: (len(f), f))
    page_nos = [int(p["page_no"]) for p in bundle.pages]
    nav: dict[str, list[str]] = {}
    for here in files:
        nav[here] = ['<nav><p><a href="index.html">← Mục lục / index</a>'
                     + (f' · <a href="{first}">đầu văn bản / document start</a>'
                        if here != first else "") + "</p>",
                     "<p>Trang / pages: " + " ".join(
                         f'<a href="{_href(doc_id, n, f"p{n}", here)}">{n}</a>'
                         for n in page_nos) + "</p></nav>"]
    kind = doc.get("doc_type_name") or doc.get("doc_type") or ""
    body = [*nav[first], f"{H1}{_e(kind)} {_e(title)}</h1>",
            '<dl class="meta">']
    for label, key in (("doc_id", "doc_id"), ("Tệp nguồn", "source_path"),
                       ("Định dạng", "source_format"), ("Số trang", "n_pages"),
                       ("Số", "number"), ("Nơi", "place"), ("Ngày", "issue_date"),
                       ("Cơ quan", "issuer"), ("Người ký", "signer"), ("Trạng thái", "status")):
        body.append(f"<dt>{label}</dt><dd>{_e(doc.get(key))}</dd>")
    body.append("</dl>")
    legend = ('<p class="legend">Khung từ / word boxes: <span class="key hi">OCR ≥ 90</span>'
              '<span class="key mid">70–90</span><span class="key lo">&lt; 70</span>'
              '<span class="key r">khôi phục / restored</span>'
              '<span class="key nc">không OCR</span> · ô bảng / table cells: nét đứt · '
              'di chuột / hover: từ đọc thô, khả năng khác</p>')
    body.append(legend)
    if doc.get("warnings"):
        body += ["<h2>Cảnh báo / warnings</h2><ul>",
                 *[f'<li class="warn">{_e(w)}</li>' for w in doc["warnings"]], "</ul>"]
    if bundle.failures:
        body += ['<h2 class="bad">Lỗi / failures</h2>',
                 *_table(FAIL_HEAD, _failure_rows(bundle.failures))]
    if bundle.tasks:
        body.append(f"<h2>Nhiệm vụ / tasks ({len(bundle.tasks)})</h2>")
        rows = []
        for t in bundle.tasks:
            href = _href(doc_id, int(t["page_no"]), _line_target(t, boxed), first)
            when = t["date"] or t["deadline"] or t["deadline_text"] or ""
            rows.append([
                f'<a href="{href}">{t["page_no"]}:{t["line_no"]}</a>'
                + (' <span class="corr">sửa tay</span>' if t.get("corrected") else ""),
                _e(t["kind"]),
                _e(when), _e(t["session"]), _e(t["text"]), _e(t["owner"]),
                _e(", ".join(t["leaders"] or t["collaborators"] or [])),
                _e("; ".join(t["warnings"] or [])),
            ])
        body += _table(["dòng", "loại", "ngày / hạn", "buổi", "nội dung", "chủ trì",
                        "lãnh đạo / phối hợp", "cảnh báo"], rows)
    bodies = {f: (body if f == first else [*nav[f], f"{H1}{_e(title)}</h1>", legend])
              for f in files}
    for page in bundle.pages:
        n = int(page["page_no"])
        img = images.get(n)
        bodies[page_file(doc_id, n)] += _page_html(
            bundle, page, words.get(n, []), img[0] if img else None,
            img[1] if img else None, img[2] if img else None,
            correction_path(corrections, doc_id, n) if corrections is not None else None)
    return {f: _html(f"vanban · {title}", b) for f, b in bodies.items()}


def _render_images(out: Path, bundle: DocBundle
                   ) -> dict[int, tuple[str, tuple[int, int], tuple[float, float]]]:
    """{page_no: (relative src, jpeg size, box space)}; JPEGs are reused when present."""
    doc = bundle.document
    if doc["source_format"] == "text":
        return {}
    path = source_file(str(doc["source_path"]), str(doc["sha256"]), out)
    if path is None:
        log.warning("report: %s: source file not found (or changed); pages without images",
                    doc["source_path"])
        return {}
    folder = out / "report" / "img" / bundle.doc_id
    folder.mkdir(parents=True, exist_ok=True)
    images: dict[int, tuple[str, tuple[int, int], tuple[float, float]]] = {}
    methods = {int(p["page_no"]): str(p["method"]) for p in bundle.pages}
    with opened(path, str(doc["source_format"])) as src:
        for page_no, method in methods.items():
            if page_no > src.n_pages:
                continue
            images[page_no] = _one_image(src, page_no, method, folder, bundle.doc_id)
    return images


def _one_image(src: PageSource, page_no: int, method: str, folder: Path, doc_id: str
               ) -> tuple[str, tuple[int, int], tuple[float, float]]:
    dest = folder / f"p{page_no}.jpg"
    rel = f"img/{doc_id}/p{page_no}.jpg"
    if dest.exists():
        from PIL import Image

        with Image.open(dest) as im:
            size = im.size
    else:
        img = src.image(page_no - 1, IMAGE_WIDTH)
        size = img.size
        tmp = dest.with_name(f".{dest.name}.tmp")
        img.save(tmp, "JPEG", quality=70, optimize=True)
        tmp.replace(dest)
    return rel, size, src.box_space(page_no - 1, method)


def index_html(bundles: Sequence[DocBundle], failures: Sequence[Row]) -> str:
    body = [f"{H1}vanban · báo cáo kiểm tra / QA report</h1>",
            f"<p>{len(bundles)} văn bản, {sum(len(b.pages) for b in bundles)} trang, "
            f"{len(failures)} lỗi.</p>", "<h2>Văn bản / documents</h2>"]
    rows = []
    for b in bundles:
        d = b.document
        confs = [p["ocr_confidence"] for p in b.pages if p["ocr_confidence"] is not None]
        n_sched = sum(1 for t in b.tasks if t["kind"] == "schedule")
        rows.append([
            f'<a href="{_e(b.doc_id)}.html">{_e(Path(str(d["source_path"])).name)}</a>',
            _e(d.get("doc_type_name") or d.get("doc_type")), _e((d.get("title") or "")[:90]),
            _e(len(b.pages)),
            _e(n_sched), _e(len(b.tasks) - n_sched), _e(len(b.words)),
            _e(sum(1 for w in b.words if w["changed"])),
            _e(f"{min(confs):.1f}" if confs else "—"), _e(d.get("status")),
            _e(len(d.get("warnings") or [])), _e(len(b.failures)),
        ])
    body += _table(["tệp", "loại", "trích yếu", "trang", "lịch", "chỉ đạo", "từ",
                    "từ khôi phục", "OCR thấp nhất", "trạng thái", "cảnh báo", "lỗi"], rows,
                   num=set(range(3, 12)) - {9})
    pages = [(p, b) for b in bundles for p in b.pages]
    pages.sort(key=lambda pb: _page_order(pb[0]))
    body.append("<h2>Trang, kém nhất trước / pages, unreadable, poor, then lowest confidence "
                "first</h2>")
    prow = []
    low_words: dict[tuple[str, int], int] = defaultdict(int)
    for b in bundles:
        for w in b.words:
            if w["ocr_confidence"] is not None and w["ocr_confidence"] < LOW_CONF:
                low_words[(b.doc_id, int(w["page_no"]))] += 1
    for p, b in pages[:200]:
        low = low_words[(b.doc_id, int(p["page_no"]))]
        conf = p["ocr_confidence"]
        prow.append([
            f'<a href="{_e(page_file(b.doc_id, int(p["page_no"])))}#p{p["page_no"]}">'
            f'{_e(Path(str(b.document["source_path"])).name)} · {p["page_no"]}</a>',
            _e(p["method"]), _verdict_html(p), _e(f"{conf:.1f}" if conf is not None else "—"),
            _e(low),
            _e("có" if p["restored"] else ""), _e("có" if p.get("corrected") else ""),
            _e(p["decision"]),
        ])
    body += _table(["trang", "cách đọc", "xoay · chất lượng", "OCR", f"từ OCR < {LOW_CONF:.0f}",
                    "khôi phục", "sửa tay", "quyết định"], prow, num={3, 4})
    if len(pages) > 200:
        body.append(f"<p>… và {len(pages) - 200} trang nữa (xem từng văn bản).</p>")
    body.append(f'<h2 class="bad">Lỗi / failures ({len(failures)})</h2>')
    body += _table(FAIL_HEAD, _failure_rows(failures)) if failures else ["<p>Không có.</p>"]
    return _html("vanban · QA report", body)


def write_report(out: Path | str, bundles: Sequence[DocBundle],
                 failures: Sequence[Row], corrections: Path | None = None) -> Path:
    """Write OUT/report/<doc_id>.html for every document, then index.html; returns the index."""
    out = Path(out)
    folder = out / "report"
    fixes = (corrections or out / CORRECTIONS).resolve()  # where each page's correction goes
    for bundle in bundles:
        images = _render_images(out, bundle)
        for name, html in document_html(bundle, images, fixes).items():
            write_text_atomic(folder / name, html)
    index = folder / "index.html"
    write_text_atomic(index, index_html(bundles, failures))
    return index
