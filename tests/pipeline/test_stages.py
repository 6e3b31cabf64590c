"""The stage protocol: composition, the step log behind `pages.decision`, one restore verdict."""

from __future__ import annotations

from pathlib import Path

import pytest

from vanban import restore
from vanban.errors import NotVietnameseError
from vanban.pipeline import stages
from vanban.pipeline.state import DocState, Pages, PageState


def _doc(tmp_path: Path, text: str) -> tuple[DocState, Pages]:
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    prepared = stages.prepare_job(path, "ocr")
    return prepared.doc, prepared.pages


GOOD = ("Ủy ban nhân dân tỉnh giao Sở Nông nghiệp và Phát triển nông thôn chủ trì, phối hợp "
        "với các sở, ngành liên quan triển khai kế hoạch xây dựng nông thôn mới năm 2024.\n") * 3


def test_stages_compose_in_order_and_log_steps() -> None:
    def first(doc: DocState, pages: Pages) -> tuple[DocState, Pages]:
        return doc, tuple(p.log("first", "one", text="a") for p in pages)

    def second(doc: DocState, pages: Pages) -> tuple[DocState, Pages]:
        return doc, tuple(p.log("second", "two", text=p.text + "b") for p in pages)

    def silent(doc: DocState, pages: Pages) -> tuple[DocState, Pages]:
        return doc, tuple(p.log("silent", "") for p in pages)

    pages = (PageState(1), PageState(2))
    doc = DocState(source=None)  # type: ignore[arg-type]  # fake stages never look at it
    _, out = stages.run_stages((first, silent, second), doc, pages)
    assert [p.text for p in out] == ["ab", "ab"]
    assert [s.stage for s in out[0].steps] == ["first", "second"]  # an empty note logs nothing
    assert out[0].decision == "one; two"
    assert pages[0].steps == ()  # states are values: the input is untouched


def test_decision_is_rendered_from_the_step_log(tmp_path: Path) -> None:
    doc, pages = _doc(tmp_path, GOOD)
    result = stages.finish_job(stages.Prepared(doc, pages), {})
    (page,) = result.pages
    assert page.method == "plain_text"
    assert page.decision.startswith("plain text input")


def test_restore_judges_each_page_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = restore.assess

    def counting(text: str) -> restore.RestoreVerdict:  # type: ignore[name-defined]
        calls.append(text)
        return real(text)

    monkeypatch.setattr(restore, "assess", counting)
    layer = stages.route_one(PageState(1, layer=GOOD), "pdf", "ocr")
    assert layer.route == "text_layer" and layer.verdict is not None and len(calls) == 1
    done = stages._restore_one(layer, restore_ocr=True)
    assert len(calls) == 1  # the routing verdict is reused, not recomputed
    assert done.verdict is layer.verdict


def test_verdict_and_restore_agree_on_short_text() -> None:
    verdict = restore.assess("Noi nhan")
    restored = restore.restore_text("Noi nhan")
    assert verdict.needs_restore == (restored.text != "Noi nhan")
    assert restore.restore_text("Noi nhan", mode=verdict.mode).text == restored.text


def test_language_gate_runs_before_ocr_on_a_text_layer(tmp_path: Path) -> None:
    english = ("The committee reviewed the annual report and asked every department to send "
               "their figures before the end of the month so that the summary can be printed. ")
    with pytest.raises(NotVietnameseError, match="before OCR"):
        _doc(tmp_path, english * 5)


NOACCENT = ("Uy ban nhan dan xa Chi Lang to chuc hop ban ve xay dung nong thon moi nam 2024, "
            "Dong chi Nguyen Van Hung chu tri, cac thon cung tham gia.\n") * 2


def test_accentless_pages_are_restored_together(monkeypatch: pytest.MonkeyPatch) -> None:
    # Two accent-less text-layer pages: one restore_document call for both (the document's
    # confident readings are evidence on each page), each page's result as it returns it.
    calls: list[int] = []
    real = restore.restore_document

    def counting(texts, modes, model=None):  # type: ignore[no-untyped-def]
        calls.append(len(texts))
        return real(texts, modes, model)

    monkeypatch.setattr(restore, "restore_document", counting)
    pages = tuple(stages.route_one(PageState(i, layer=NOACCENT), "pdf", "restore") for i in (1, 2))
    doc = DocState(source=None)  # type: ignore[arg-type]  # restore never looks at it
    _, out = stages.restore_pages(doc, pages)
    assert calls == [2]
    expected = real([NOACCENT, NOACCENT], ["noaccent", "noaccent"])
    assert [p.restored for p in out] == expected
    assert all(p.text != NOACCENT and p.verdict.mode == "noaccent" for p in out)


def test_one_accentless_page_is_restored_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    monkeypatch.setattr(restore, "restore_document", lambda *a, **k: calls.append(1))
    page = stages.route_one(PageState(1, layer=NOACCENT), "pdf", "restore")
    good = stages.route_one(PageState(2, layer=GOOD), "pdf", "ocr")
    _, (out, kept) = stages.restore_pages(DocState(source=None), (page, good))  # type: ignore[arg-type]
    assert calls == []
    assert out.restored == restore.restore_text(NOACCENT, mode="noaccent")
    assert kept.text == GOOD
