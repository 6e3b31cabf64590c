"""Causes shown by the dev split re-OCR'd before the blind run of n87-n96 (issue 11), each on
invented text."""

from vanban.extract import vocab
from vanban.extract.lines import flatten
from vanban.models.records import PageText


def test_speck_inside_an_acronym_is_dropped_on_ocr_pages() -> None:
    assert vocab.drop_word_specks("Thăm HT%X Tân Lập") == "Thăm HTX Tân Lập"
    # symbols that belong inside an acronym, and a percentage, stay
    for keep in ("Phòng NN&PTNT", "Số 12/KH-UBND", "đạt 95%", "TP.HCM", "H'Bri"):
        assert vocab.drop_word_specks(keep) == keep
    ocr = flatten([PageText(1, "ocr", "Thứ Hai\tSáng\tThăm HT%X Tân Lập")])
    assert ocr[0].raw == "Thứ Hai\tSáng\tThăm HTX Tân Lập"
    typed = flatten([PageText(1, "plain_text", "Mã HT%X")])
    assert typed[0].text == "Mã HT%X"  # a text layer's spelling is the document's


def _meta(text: str, method: str = "ocr"):
    from vanban.extract.api import extract_document

    return extract_document([PageText(1, method, text)]).meta


_HEAD = ("ỦY BAN NHÂN DÂN\nXÃ AN THẠNH\nSố: 17/GM-UBND\n"
         "An Thạnh, ngày 03 tháng 4 năm 2025\nGIẤY MỜI\nDự họp giao ban tháng 4\n"
         "Kính mời các đồng chí dự họp.\n")


def test_archive_unit_after_a_misread_separator_stays_in_the_list() -> None:
    meta = _meta(_HEAD + "Nơi nhận:\n- Như thành phần mời;\n- Lưu: VI; VP\n"
                 "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nLê Văn Tám\n")
    assert meta.recipients == ("Như thành phần mời", "Lưu: VT, VP")
    assert meta.signer == "Lê Văn Tám"
    # an office after the separator is still the signature column's
    meta = _meta(_HEAD + "Nơi nhận:\n- Như thành phần mời;\n- Lưu: VT, VP. CHỦ TỊCH\n"
                 "Lê Văn Tám\n")
    assert meta.recipients == ("Như thành phần mời", "Lưu: VT, VP")
