"""The HTML report, opened in headless Chromium as a person would open it from disk."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from vanban.store import read_table

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None,
                                    reason="chromium is not installed (make sysdeps installs it)")


def _chromium(*args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--disable-dev-shm-usage", "--no-first-run", *args],
        capture_output=True, text=True, timeout=120, check=True)


def dump_dom(page: Path) -> str:
    return _chromium("--virtual-time-budget=3000", "--dump-dom", page.as_uri()).stdout


class _Dom(HTMLParser):
    """Ids, link targets and the attributes of word boxes of a dumped DOM."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.boxes: list[dict[str, str | None]] = []
        self.marks: list[dict[str, str | None]] = []
        self.imgs: list[dict[str, str | None]] = []

        self.verdicts: list[str] = []  # text of rotation / quality spans, in document order
        self._in_verdict = False

    def handle_data(self, data: str) -> None:
        if self._in_verdict:
            self.verdicts.append(data)
            self._in_verdict = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "span" and {"rot", "q"} & set((a.get("class") or "").split()):
            self._in_verdict = True
        if a.get("id"):
            self.ids.add(str(a["id"]))
        if tag == "a" and a.get("href"):
            self.hrefs.append(str(a["href"]))
        classes = (a.get("class") or "").split()
        if tag == "span" and "w" in classes:
            self.boxes.append(a)
        if tag == "mark":
            self.marks.append(a)
        if tag == "img":
            self.imgs.append(a)


def parse(dom: str) -> _Dom:
    p = _Dom()
    p.feed(dom)
    return p


@needs_chromium
def test_index_lists_every_document(export_out: Path) -> None:
    docs = read_table(export_out, "documents").to_pylist()
    dom = parse(dump_dom(export_out / "report" / "index.html"))
    for d in docs:
        assert f"{d['doc_id']}.html" in dom.hrefs
        assert (export_out / "report" / f"{d['doc_id']}.html").is_file()
    assert any(h.endswith("#p1") for h in dom.hrefs)  # the pages table links to pages
    html = (export_out / "report" / "index.html").read_text(encoding="utf-8")
    assert "broken.pdf" in html and "EmptyFileError" in html  # the failures table


@needs_chromium
def test_document_page_has_boxes_alternatives_and_task_links(export_out: Path) -> None:
    docs = read_table(export_out, "documents").to_pylist()
    words = read_table(export_out, "words").to_pylist()
    scan = next(d for d in docs if d["source_path"].endswith("scan_p2.pdf"))
    dom = parse(dump_dom(export_out / "report" / f"{scan['doc_id']}.html"))
    n_boxed = sum(1 for w in words if w["doc_id"] == scan["doc_id"] and w["x0"] is not None)
    assert n_boxed > 100 and len(dom.boxes) == n_boxed
    img = dom.imgs[0]
    assert img["loading"] == "lazy" and (export_out / "report" / str(img["src"])).is_file()
    # Every task link points at an element that exists on the page.
    targets = [h[1:] for h in dom.hrefs if re.fullmatch(r"#p\d+-(img-)?l\d+", h)]
    assert targets and all(t in dom.ids for t in targets)
    # A restored word: its raw reading and alternatives on hover, on the image or the text.
    restored = [w for w in words if w["changed"] and w["alternatives"]]
    assert restored, "the fixture run restored no word"
    doc_ids = {w["doc_id"] for w in restored}
    found = False
    for doc_id in doc_ids:
        page = parse(dump_dom(export_out / "report" / f"{doc_id}.html"))
        tips = [str(a.get("title")) for a in page.boxes + page.marks
                if "r" in (a.get("class") or "").split()]
        found = found or any("alternatives" in t and "raw" in t for t in tips)
    assert found


@needs_chromium
def test_text_layer_page_has_word_boxes(export_out: Path) -> None:
    docs = read_table(export_out, "documents").to_pylist()
    doc = next(d for d in docs if str(d["source_path"]).endswith("digital_p12.pdf"))
    words = read_table(export_out, "words").to_pylist()
    n_boxed = sum(1 for w in words if w["doc_id"] == doc["doc_id"] and w["x0"] is not None)
    dom = parse(dump_dom(export_out / "report" / f"{doc['doc_id']}.html"))
    assert len(dom.boxes) == n_boxed > 200
    assert all((export_out / "report" / str(i["src"])).is_file() for i in dom.imgs)


@needs_chromium
def test_pages_show_rotation_and_quality_from_their_columns(export_out: Path) -> None:
    pages = read_table(export_out, "pages").to_pylist()
    for doc_id in {p["doc_id"] for p in pages}:
        mine = sorted((p for p in pages if p["doc_id"] == doc_id), key=lambda p: p["page_no"])
        dom = parse(dump_dom(export_out / "report" / f"{doc_id}.html"))
        want = [t for p in mine for t in (f"xoay / rotation {p['rotation']}°",
                                          f"chất lượng / quality {p['quality'] or '—'}")]
        assert dom.verdicts == want


@needs_chromium
def test_index_lists_worst_pages_first(tmp_path: Path) -> None:
    from vanban.export.bundle import DocBundle
    from vanban.export.report import index_html

    def page(n: int, conf: float | None, quality: str | None, rotation: int) -> dict[str, object]:
        return {"doc_id": "d1", "page_no": n, "method": "ocr", "restored": False,
                "ocr_confidence": conf, "text": "", "raw_text": "", "decision": "x",
                "rotation": rotation, "quality": quality}

    pages = [page(1, 91.0, "ok", 0), page(2, 88.0, "poor", 90), page(3, 40.0, "ok", 0),
             page(4, None, "unreadable", 0), page(5, 95.0, "poor", 180)]
    doc = {"doc_id": "d1", "source_path": "d1.pdf", "warnings": [], "title": "T"}
    html = tmp_path / "index.html"
    html.write_text(index_html([DocBundle(doc, pages)], []), encoding="utf-8")
    dom = parse(dump_dom(html))
    order = [int(h.rsplit("#p", 1)[1]) for h in dom.hrefs if "#p" in h]
    assert order == [4, 2, 5, 3, 1]  # unreadable, poor (lowest confidence first), the rest
    assert dom.verdicts[:4] == ["xoay / rotation 0°", "chất lượng / quality unreadable",
                                "xoay / rotation 90°", "chất lượng / quality poor"]


HARNESS = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" src="{src}" style="border:0;width:1366px;height:768px"></iframe>
<pre id="out"></pre><script>
document.getElementById("f").addEventListener("load", () => setTimeout(() => {{
  const w = document.getElementById("f").contentWindow;
  const t = w.document.getElementById("{target}");
  document.getElementById("out").textContent = JSON.stringify(
    {{y: w.scrollY, top: t ? t.getBoundingClientRect().top : null}});
}}, 300));
</script></body></html>"""


def _highlighted(im: Image.Image) -> int:
    """Pixels of the report's :target highlight (translucent amber)."""
    return sum(1 for r, g, b in im.convert("RGB").getdata()
               if r > 200 and 170 < g < 235 and b < 160)


@needs_chromium
def test_task_link_scrolls_to_its_line(export_out: Path, tmp_path: Path) -> None:
    """Open the document at a task link's target, as a click does, inside a 1366x768 frame of
    a test-only harness page (headless Chromium's --screenshot ignores a URL's #fragment
    scroll at top level and shoots a blank page): the frame must have scrolled down to
    the line, which is in view and highlighted, unlike the same frame opened at its top."""
    docs = read_table(export_out, "documents").to_pylist()
    doc = next(d for d in docs if str(d["source_path"]).endswith("digital_p12.pdf"))
    page = export_out / "report" / f"{doc['doc_id']}.html"
    dom = parse(dump_dom(page))
    links = [h for h in dom.hrefs if re.fullmatch(r"#p2-(img-)?l\d+", h)]
    assert links, "no task links to a line of page 2"
    target = links[0][1:]
    assert target in dom.ids
    shots = {}
    for name, src in (("top", page.as_uri()), ("target", page.as_uri() + links[0])):
        harness = tmp_path / f"{name}.html"
        harness.write_text(HARNESS.format(src=src, target=target), encoding="utf-8")
        out = _chromium("--allow-file-access-from-files", "--virtual-time-budget=5000",
                        "--dump-dom", harness.as_uri()).stdout
        m = re.search(r'<pre id="out">([^<]*)</pre>', out)
        assert m and m.group(1), out[-500:]
        shots[name] = json.loads(m.group(1))
        png = tmp_path / f"{name}.png"
        _chromium("--allow-file-access-from-files", "--window-size=1366,768",
                  "--virtual-time-budget=5000", f"--screenshot={png}", harness.as_uri())
        with Image.open(png) as im:
            shots[name]["img"] = im.copy()
    assert shots["top"]["y"] == 0
    assert shots["target"]["y"] > 768  # scrolled below the fold ...
    assert -2 <= shots["target"]["top"] < 768  # ... to where the line is in view
    top, there = shots["top"]["img"], shots["target"]["img"]
    diff = sum(1 for a, b in zip(top.convert("L").getdata(), there.convert("L").getdata(),
                                 strict=True) if abs(a - b) > 40)
    assert diff > 0.05 * top.width * top.height, "the screenshots do not differ"
    assert _highlighted(there) > 500 and _highlighted(top) < 50  # the line is highlighted


@needs_chromium
def test_screenshot_is_not_blank(export_out: Path, tmp_path: Path) -> None:
    docs = read_table(export_out, "documents").to_pylist()
    scan = next(d for d in docs if d["source_path"].endswith("scan_p2.pdf"))
    for page in (export_out / "report" / "index.html",
                 export_out / "report" / f"{scan['doc_id']}.html"):
        png = tmp_path / f"{page.stem}.png"
        _chromium("--window-size=1366,768", "--virtual-time-budget=3000",
                  f"--screenshot={png}", page.as_uri())
        with Image.open(png) as im:
            assert im.size == (1366, 768)
            lo, hi = im.convert("L").getextrema()
            assert hi - lo > 100, f"{page.name}: screenshot is one colour"


def test_report_is_self_contained(export_out: Path) -> None:
    for page in (export_out / "report").glob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script" not in html
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), page.name
