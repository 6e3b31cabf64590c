"""Searchable PDFs are PDF/A-2b where the tools allow (issue 12).

veraPDF (Java) is not installable here (not in Debian, PyPI or npm). Two checks stand in:
pikepdf.pdfa.validate_written, pikepdf's allowlist validator (it approves only constructs it
knows to conform), and `pdfa_problems` below, a second, independent reading of the ISO
19005-2 rules that apply to what vanban writes. It covers: the header version (<= 1.7) and
the binary comment; trailer /ID; no encryption; the XMP packet in the catalog, unfiltered,
declaring pdfaid:part 2 and conformance B, and agreeing with the document information
(Title, Author, Creator, Producer, CreationDate, ModDate); exactly one GTS_PDFA1 output
intent with an embedded ICC profile whose channel count matches its colour space; every
font in every resource dictionary (pages, form XObjects, Type3 resources) embedded, CID
TrueType fonts with a /CIDToGIDMap; no JavaScript or forbidden action types, no additional
actions on the catalog or pages; annotations printable and not hidden; images not
interpolated, no /Alternates or /OPI; no LZW streams and no external stream data; no
PostScript XObjects; no /TR transfer functions or halftones in graphics states; device
colour (DeviceRGB/Gray/CMYK in images) only when the output intent's profile can stand for
it; no embedded files. It does not parse content streams for operator-level colour, check
glyph widths against the font programs, or check the .notdef glyph.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pikepdf
import pikepdf.pdfa
from fpdf import FPDF

from vanban.export.pdf import as_pdfa
from vanban.store import read_table

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
}
FORBIDDEN_ACTIONS = {"/Launch", "/Sound", "/Movie", "/ResetForm", "/ImportData", "/JavaScript",
                     "/Hide", "/SetOCGState", "/Rendition", "/Trans", "/GoTo3DView"}


def _xmp_value(root: ET.Element, tag: str) -> str | None:
    """A property as an attribute or element of any rdf:Description, or the first rdf:li."""
    prefix, name = tag.split(":")
    qname = f"{{{NS[prefix]}}}{name}"
    for desc in root.iter(f"{{{NS['rdf']}}}Description"):
        if qname in desc.attrib:
            return desc.attrib[qname]
        el = desc.find(qname)
        if el is not None:
            li = el.find(".//rdf:li", NS)
            return (li.text if li is not None else el.text) or ""
    return None


def _pdf_date(value: str) -> tuple[str, ...]:
    """D:YYYYMMDDHHmmSS... or ISO 8601 -> (Y, M, D, h, m, s) digits, for comparison."""
    digits = re.findall(r"\d+", value.replace("D:", ""))
    flat = "".join(digits)
    return tuple(flat[i:j] for i, j in ((0, 4), (4, 6), (6, 8), (8, 10), (10, 12), (12, 14)))


def _resources(pdf: pikepdf.Pdf) -> list[Any]:
    """Every resource dictionary reachable from the pages (forms, Type3 fonts, patterns)."""
    out: list[Any] = []
    seen: set[tuple[int, int]] = set()
    todo = [p.obj.get("/Resources") for p in pdf.pages]
    while todo:
        res = todo.pop()
        if res is None:
            continue
        if res.is_indirect:
            if res.objgen in seen:
                continue
            seen.add(res.objgen)
        out.append(res)
        for cat in ("/XObject", "/Font", "/Pattern"):
            for _, obj in (res.get(cat) or {}).items():
                if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream) and "/Resources" in obj:
                    todo.append(obj.Resources)
    return out


def pdfa_problems(data: bytes) -> list[str]:
    """ISO 19005-2 level B rules (the subset listed in the module docstring) this file breaks."""
    bad: list[str] = []
    head = data[:64]
    m = re.match(rb"%PDF-1\.([0-9])\r?\n%([\x80-\xff]{4})", head)
    if not m or int(m.group(1)) > 7:
        bad.append("6.1.2: header %PDF-1.n (n <= 7) followed by a binary comment")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if pdf.is_encrypted or "/Encrypt" in pdf.trailer:
            bad.append("6.1.3: encrypted")
        if "/ID" not in pdf.trailer:
            bad.append("6.1.3: no /ID in the trailer")
        root = pdf.Root
        # metadata
        meta = root.get("/Metadata")
        if meta is None:
            bad.append("6.6.2.1: no XMP metadata stream in the catalog")
        else:
            if "/Filter" in meta:
                bad.append("6.6.2.1: metadata stream is filtered")
            xmp = ET.fromstring(re.sub(rb"<\?xpacket[^>]*\?>", b"", meta.read_bytes()))
            if _xmp_value(xmp, "pdfaid:part") != "2":
                bad.append("6.6.4: pdfaid:part is not 2")
            if _xmp_value(xmp, "pdfaid:conformance") != "B":
                bad.append("6.6.4: pdfaid:conformance is not B")
            info = pdf.trailer.get("/Info") or {}
            for key, tag in (("/Title", "dc:title"), ("/Author", "dc:creator"),
                             ("/Creator", "xmp:CreatorTool"), ("/Producer", "pdf:Producer")):
                if key in info and str(info[key]) != (_xmp_value(xmp, tag) or ""):
                    bad.append(f"6.6.3: Info {key} {str(info[key])!r} != XMP {tag}")
            for key, tag in (("/CreationDate", "xmp:CreateDate"), ("/ModDate", "xmp:ModifyDate")):
                if key in info and _pdf_date(str(info[key])) != _pdf_date(
                        _xmp_value(xmp, tag) or ""):
                    bad.append(f"6.6.3: Info {key} != XMP {tag}")
        # output intent
        intents = [i for i in (root.get("/OutputIntents") or []) if i.get("/S") == "/GTS_PDFA1"]
        n_channels = 0
        if len(intents) != 1:
            bad.append(f"6.2.3: {len(intents)} GTS_PDFA1 output intents (want 1)")
        else:
            profile = intents[0].get("/DestOutputProfile")
            if profile is None:
                bad.append("6.2.3: output intent without DestOutputProfile")
            else:
                n_channels = int(profile.get("/N", 0))
                space = bytes(profile.read_bytes()[16:20])
                want = {b"RGB ": 3, b"GRAY": 1, b"CMYK": 4}.get(space)
                if want != n_channels:
                    bad.append(f"6.2.3: ICC colour space {space!r} does not match /N")
        # catalog actions, names
        if "/AA" in root:
            bad.append("6.5.2: additional actions on the catalog")
        names = root.get("/Names") or {}
        if "/JavaScript" in names:
            bad.append("6.5.1: document JavaScript")
        if "/EmbeddedFiles" in names:
            bad.append("6.8: embedded files")
        if "/NeedsRendering" in root and bool(root.NeedsRendering):
            bad.append("6.4.2: NeedsRendering")
        open_action = root.get("/OpenAction")
        if (isinstance(open_action, pikepdf.Dictionary)
                and open_action.get("/S") in FORBIDDEN_ACTIONS):
            bad.append(f"6.5.1: OpenAction {open_action.get('/S')}")
        for i, page in enumerate(pdf.pages, start=1):
            if "/AA" in page.obj:
                bad.append(f"6.5.2: page {i}: additional actions")
            for annot in page.obj.get("/Annots") or []:
                flags = int(annot.get("/F", 0))
                if not flags & 4 or flags & (1 | 2 | 32 | 256):
                    bad.append(f"6.3.2: page {i}: annotation flags {flags}")
                action = annot.get("/A")
                if action is not None and action.get("/S") in FORBIDDEN_ACTIONS:
                    bad.append(f"6.5.1: page {i}: annotation action {action.get('/S')}")
        # resources: fonts, images, forms, graphics states
        for res in _resources(pdf):
            for name, font in (res.get("/Font") or {}).items():
                if font.get("/Subtype") == "/Type3":
                    continue
                fonts = [font]
                if font.get("/Subtype") == "/Type0":
                    fonts = list(font.get("/DescendantFonts") or [])
                for f in fonts:
                    fd = f.get("/FontDescriptor")
                    if fd is None or not any(k in fd for k in ("/FontFile", "/FontFile2",
                                                                "/FontFile3")):
                        bad.append(f"6.2.11.4: font {name} {f.get('/BaseFont')} not embedded")
                    if f.get("/Subtype") == "/CIDFontType2" and "/CIDToGIDMap" not in f:
                        bad.append(f"6.2.11.3: CIDFontType2 {name} without CIDToGIDMap")
            for name, xo in (res.get("/XObject") or {}).items():
                if xo.get("/Subtype") == "/PS" or xo.get("/Subtype2") == "/PS":
                    bad.append(f"6.2.9: PostScript XObject {name}")
                if "/OPI" in xo:
                    bad.append(f"6.2.9: OPI in {name}")
                if xo.get("/Subtype") == "/Image":
                    if bool(xo.get("/Interpolate", False)):
                        bad.append(f"6.2.8: image {name} interpolated")
                    if "/Alternates" in xo:
                        bad.append(f"6.2.8: image {name} has Alternates")
                    space = str(xo.get("/ColorSpace", ""))
                    if space == "/DeviceCMYK" and n_channels != 4:
                        bad.append(f"6.2.4.3: DeviceCMYK image {name} without a CMYK intent")
                    if space == "/DeviceRGB" and n_channels != 3:
                        bad.append(f"6.2.4.3: DeviceRGB image {name} without an RGB intent")
            for name, gs in (res.get("/ExtGState") or {}).items():
                if "/TR" in gs or gs.get("/TR2", "/Default") != "/Default":
                    bad.append(f"6.2.5: transfer function in {name}")
                if "/HTP" in gs or "/HTO" in gs:
                    bad.append(f"6.2.5: halftone origin/phase in {name}")
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                filters = obj.get("/Filter")
                names_ = ([str(f) for f in filters] if isinstance(filters, pikepdf.Array)
                          else [str(filters)] if filters is not None else [])
                if "/LZWDecode" in names_:
                    bad.append("6.1.7.2: LZW-compressed stream")
                if any(k in obj for k in ("/F", "/FFilter", "/FDecodeParms")):
                    bad.append("6.1.7.1: stream with external file keys")
    return bad


def test_every_searchable_pdf_is_pdfa_2b(export_out: Path) -> None:
    """The scan PDF, its PNG rendering, the born-digital PDF and the two text files."""
    docs = read_table(export_out, "documents").to_pylist()
    checked = 0
    for d in docs:
        data = (export_out / "pdf" / f"{d['doc_id']}.pdf").read_bytes()
        with pikepdf.open(io.BytesIO(data)) as pdf:
            assert pdf.open_metadata().pdfa_status == "2B", d["source_path"]
        report = pikepdf.pdfa.validate_written(io.BytesIO(data), "2b")
        assert report.passed, (d["source_path"], [(f.rule, f.message) for f in report.findings])
        assert pdfa_problems(data) == [], d["source_path"]
        checked += 1
    assert checked == 5


def test_the_structural_check_sees_what_is_not_pdfa(tmp_path: Path) -> None:
    pdf = FPDF(unit="pt")
    pdf.add_page(format=(300, 200))
    pdf.set_font("helvetica", size=12)  # a core font: not embedded
    pdf.text(20, 40, "Not archival")
    plain = bytes(pdf.output())
    problems = pdfa_problems(plain)
    assert any(p.startswith("6.6.2.1") for p in problems)  # no XMP
    assert any(p.startswith("6.2.3") for p in problems)  # no output intent
    assert any(p.startswith("6.2.11.4") for p in problems)  # font not embedded


def test_keys_a_catalog_dictionary_does_not_define_are_dropped() -> None:
    pdf = FPDF(unit="pt")
    pdf.add_page(format=(300, 200))
    src = pikepdf.open(io.BytesIO(bytes(pdf.output())))
    src.Root.MarkInfo = pikepdf.Dictionary(Type=pikepdf.Name.MarkInfo, Marked=False)
    buf = io.BytesIO()
    src.save(buf)
    data, why = as_pdfa(buf.getvalue(), "t")
    assert why is None
    with pikepdf.open(io.BytesIO(data)) as out:
        assert set(out.Root.MarkInfo.keys()) == {"/Marked"}
        assert out.docinfo["/Title"] == "t" and out.docinfo["/Creator"] == "vanban"


def test_a_file_pdfa_cannot_allow_is_kept_as_a_plain_pdf() -> None:
    pdf = FPDF(unit="pt")
    pdf.add_page(format=(300, 200))
    pdf.set_font("helvetica", size=12)
    pdf.text(20, 40, "Not archival")
    plain = bytes(pdf.output())
    data, why = as_pdfa(plain, "t")
    assert data == plain and why and "embed" in why.lower()
