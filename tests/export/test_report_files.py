"""A long document's report is split into files of PAGES_PER_FILE pages; links cross them."""

from __future__ import annotations

import re

from vanban.export.bundle import DocBundle
from vanban.export.report import PAGES_PER_FILE, document_html, page_file


def _bundle(n_pages: int) -> DocBundle:
    doc = {"doc_id": "abcd", "source_path": "x.txt", "source_format": "text", "title": "T",
           "doc_type": None, "warnings": [], "n_pages": n_pages}
    pages = [{"doc_id": "abcd", "page_no": i, "method": "plain_text", "restored": False,
              "ocr_confidence": None, "text": f"dòng một {i}\ndòng hai", "raw_text": "",
              "decision": "text"} for i in range(1, n_pages + 1)]
    task = {"task_id": "abcd-0000", "kind": "directive", "date": None, "deadline": None,
            "deadline_text": None, "session": None, "text": "Làm", "owner": None,
            "leaders": [], "collaborators": [], "warnings": [], "page_no": n_pages,
            "line_no": 2}
    return DocBundle(doc, pages, [task], [], [])


def test_long_document_is_split_and_links_resolve() -> None:
    n = 2 * PAGES_PER_FILE + 5
    files = document_html(_bundle(n), {})
    assert sorted(files) == ["abcd-2.html", "abcd-3.html", "abcd.html"]
    assert page_file("abcd", n) == "abcd-3.html"
    ids = {name: set(re.findall(r'id="([^"]+)"', html)) for name, html in files.items()}
    for name, html in files.items():
        for href in re.findall(r'href="([^"]+)"', html):
            if "#" not in href:
                assert href == "index.html" or href in files
                continue
            target, _, anchor = href.partition("#")
            assert anchor in ids[target or name], (name, href)
    assert f'href="abcd-3.html#p{n}-l2"' in files["abcd.html"]  # the task's line
