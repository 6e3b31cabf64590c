"""Fault inputs made on the spot: small valid scans, their mutations, and damaged files.

Shared by the fault tests (tests/pipeline/test_fuzz.py, tests/ingest/test_salvage.py) and
`make bench-faults`, so both exercise the same inputs. Everything is generated from a fixed seed
and the bundled samples; nothing is downloaded.
"""

from __future__ import annotations

import hashlib
import io
import os
import random
import re
import stat
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_PDF = next((ROOT / "data" / "samples" / "pdf").glob("002_*.digital.pdf"))
LINES = ["Kế hoạch xây dựng nông thôn mới", "Ủy ban nhân dân xã Thạch Hà",
         "Báo cáo kết quả thực hiện năm 2024"]
_FONTS = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
          "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf")


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for name in _FONTS:
        if Path(name).exists():
            return ImageFont.truetype(name, size)
    return ImageFont.load_default()


def text_image(line: str, width: int = 1300, height: int = 220) -> Image.Image:
    """One line of dark text on light paper, at 300 dpi proportions."""
    img = Image.new("L", (width, height), 250)
    ImageDraw.Draw(img).text((60, 80), line, fill=20, font=_font(40))
    return img


def scan_frames(n: int, width: int = 1300, height: int = 220) -> list[Image.Image]:
    return [text_image(LINES[i % len(LINES)], width, height) for i in range(n)]


# ------------------------------------------------------------------ valid seeds for the fuzzer


def seed_files(folder: Path) -> dict[str, bytes]:
    """Small valid inputs of every binary format vanban reads (name -> bytes)."""
    img = text_image(LINES[0], 600, 120)
    out: dict[str, bytes] = {}
    for name, kw in (("png", {"format": "PNG"}), ("jpg", {"format": "JPEG", "quality": 80}),
                     ("tif", {"format": "TIFF", "save_all": True, "compression": "tiff_lzw",
                              "append_images": [text_image(LINES[1], 600, 120)]}),
                     ("pdf", {"format": "PDF", "resolution": 300.0})):
        buf = io.BytesIO()
        img.save(buf, dpi=(300, 300), **kw)  # type: ignore[arg-type]
        out[f"seed.{name}"] = buf.getvalue()
    out["seed_text.pdf"] = one_page_pdf()
    return out


def one_page_pdf() -> bytes:
    """The first page of a born-digital sample (a real text layer, fonts and all)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.add_page(PdfReader(str(SAMPLE_PDF)).pages[0])
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One to three random damages of the kinds real files suffer."""
    b = bytearray(data)
    for _ in range(rng.randint(1, 3)):
        kind = rng.choice(("flip", "flip", "overwrite", "truncate", "duplicate", "zero", "insert"))
        n = len(b)
        if n < 16:
            break
        at = rng.randrange(n)
        if kind == "flip":
            for _ in range(rng.randint(1, 8)):
                i = rng.randrange(n)
                b[i] ^= 1 << rng.randrange(8)
        elif kind == "overwrite":
            size = rng.randint(1, 64)
            b[at:at + size] = rng.randbytes(min(size, n - at))
        elif kind == "truncate":
            del b[max(8, at):]
        elif kind == "duplicate":
            size = rng.randint(1, 512)
            b[at:at] = b[at:at + size]
        elif kind == "zero":
            size = rng.randint(1, 256)
            b[at:at + size] = bytes(min(size, n - at))
        else:
            b[at:at] = rng.randbytes(rng.randint(1, 32))
    return bytes(b)


def fuzz_corpus(folder: Path, n: int, seed: int = 15) -> list[Path]:
    """`n` distinct mutated files (same seed, same files), spread over the seed formats."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = sorted(seed_files(folder).items())
    rng = random.Random(seed)
    seen: set[str] = set()
    paths: list[Path] = []
    i = 0
    while len(paths) < n:
        name, data = seeds[i % len(seeds)]
        i += 1
        mutated = mutate(data, rng)
        digest = hashlib.sha256(mutated).hexdigest()
        if digest in seen:
            continue  # the same bytes twice would be one document, skipped as a duplicate
        seen.add(digest)
        stem, ext = name.rsplit(".", 1)
        path = folder / f"{len(paths):03d}_{stem}.{ext}"
        path.write_bytes(mutated)
        paths.append(path)
    return paths


# ------------------------------------------------------------------ damaged and unusual files


def damaged_pdf(dest: Path, bad_page: int = 2) -> Path:
    """Three pages of a born-digital sample; page `bad_page`'s object overwritten in place
    (same length, so the cross-reference table stays valid and only that page is lost)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for p in PdfReader(str(SAMPLE_PDF)).pages[:3]:
        writer.add_page(p)
    buf = io.BytesIO()
    writer.write(buf)
    data = buf.getvalue()
    ref = PdfReader(io.BytesIO(data)).pages[bad_page - 1].indirect_reference
    assert ref is not None
    found = re.search(rb"\n%d 0 obj" % ref.idnum, data)
    assert found is not None
    start = found.end()
    end = data.index(b"endobj", start)
    dest.write_bytes(data[:start] + b"\n" + b"(" * (end - start - 2) + b"\n" + data[end:])
    return dest


def truncated_tiff(dest: Path, n: int = 3) -> Path:
    """A compressed multi-page TIFF cut short: the last frame (and its directory) is lost."""
    frames = scan_frames(n)
    buf = io.BytesIO()
    frames[0].save(buf, format="TIFF", save_all=True, append_images=frames[1:],
                   compression="tiff_lzw", dpi=(300, 300))
    data = buf.getvalue()
    dest.write_bytes(data[: int(len(data) * 0.9)])
    return dest


def deep_tiff(dest: Path) -> Path:
    """A 16-bit greyscale scan (ink far above 255: a plain 8-bit conversion clips it white)."""
    grey = np.asarray(scan_frames(1)[0], dtype=np.uint16)
    Image.fromarray((grey * 257).astype(np.uint16)).save(dest, dpi=(300, 300))
    return dest


def alpha_png(dest: Path) -> Path:
    """Opaque black ink on transparent black paper (dropping alpha gives an all-black page)."""
    grey = np.asarray(scan_frames(1)[0], dtype=np.uint8)
    rgba = np.zeros((*grey.shape, 4), np.uint8)
    rgba[..., 3] = 255 - grey
    Image.fromarray(rgba, "RGBA").save(dest, dpi=(300, 300))
    return dest


def noise_page_tiff(dest: Path) -> Path:
    """Two pages: a text line, then ink without text (solid blots)."""
    rng = np.random.default_rng(7)
    ink = np.full((500, 1600), 250, dtype=np.uint8)
    for _ in range(12):
        y, x = int(rng.integers(0, 400)), int(rng.integers(0, 1450))
        ink[y:y + 90, x:x + 140] = 10
    good = text_image(LINES[0], 1600, 500)
    good.save(dest, save_all=True, append_images=[Image.fromarray(ink)], dpi=(300, 300))
    return dest


def ink_only_tiff(dest: Path) -> Path:
    """Two pages of ink without text (solid blots): every page flagged unreadable."""
    rng = np.random.default_rng(11)
    frames = []
    for _ in range(2):
        ink = np.full((500, 1600), 250, dtype=np.uint8)
        for _ in range(12):
            y, x = int(rng.integers(0, 400)), int(rng.integers(0, 1450))
            ink[y:y + 90, x:x + 140] = 10
        frames.append(Image.fromarray(ink))
    frames[0].save(dest, save_all=True, append_images=frames[1:], dpi=(300, 300))
    return dest


def zero_page_pdf(dest: Path) -> Path:
    from pypdf import PdfWriter

    with dest.open("wb") as fh:
        PdfWriter().write(fh)
    return dest


def encrypted_pdf(dest: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.add_page(PdfReader(str(SAMPLE_PDF)).pages[0])
    writer.encrypt(user_password="secret", owner_password="owner")
    with dest.open("wb") as fh:
        writer.write(fh)
    return dest


def _image_pdf(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.convert("RGB").save(buf, format="PDF", resolution=300.0)
    return buf.getvalue()


def _text_pdf(line: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("dejavu", fname=_FONTS[0])
    pdf.set_font("dejavu", size=14)
    pdf.cell(text=line)
    return bytes(pdf.output())


# Pages of blank_render_pdf: (what it is, does it render blank, is it damaged).
BLANK_RENDER_PAGES = (
    ("scan with text", False, False),
    ("scan whose image data is cut short", True, True),
    ("text page whose content stream no longer inflates", True, True),
    ("scan that draws an image the file no longer has", True, True),
    ("blank scan (a white image)", True, False),
    ("empty page", True, False),
    ("white background and invisible text", True, False),
    ("a black image placed 1 pt wide (a speck)", True, False),
)


def blank_render_pdf(dest: Path) -> Path:
    """A PDF whose pages render blank for each reason in BLANK_RENDER_PAGES, plus one good
    page: damage a renderer silently draws as white, beside pages that are truly blank."""
    import pikepdf

    out = pikepdf.new()
    sources = [pikepdf.open(io.BytesIO(data)) for data in (
        _image_pdf(text_image(LINES[0], 1300, 400)), _image_pdf(text_image(LINES[1], 1300, 400)),
        _text_pdf(LINES[2]), _image_pdf(text_image(LINES[0], 1300, 400)),
        _image_pdf(Image.new("L", (1300, 400), 250)), _image_pdf(Image.new("L", (100, 100), 0)))]
    for src in sources[:5]:
        out.pages.append(src.pages[0])
    cut = next(iter(out.pages[1].obj.Resources.XObject.values()))
    raw = cut.read_raw_bytes()
    cut.write(raw[:200] + bytes(len(raw) - 200), filter=pikepdf.Name.DCTDecode)
    contents = out.pages[2].obj.Contents
    contents = contents[0] if isinstance(contents, pikepdf.Array) else contents
    contents.write(bytes(b ^ 0x5A for b in contents.read_raw_bytes()),
                   filter=pikepdf.Name.FlateDecode)
    xobjects = out.pages[3].obj.Resources.XObject
    for name in list(xobjects.keys()):
        del xobjects[name]
    out.add_blank_page(page_size=(595, 842))
    out.add_blank_page(page_size=(595, 842))
    out.pages[6].obj.Contents = out.make_stream(
        b"1 g 0 0 595 842 re f BT 3 Tr /F1 12 Tf 72 720 Td (invisible) Tj ET")
    out.pages.append(sources[5].pages[0])
    speck = str(next(iter(out.pages[7].obj.Resources.XObject.keys())))
    out.pages[7].obj.Contents = out.make_stream(f"q 1 0 0 1 300 400 cm {speck} Do Q".encode())
    out.save(dest)
    return dest


def lost_content_pdf(dest: Path) -> Path:
    """A one-page scan whose content stream object is overwritten in place: qpdf repairs the
    file without it, so the page draws nothing while its image (with ink) is still there."""
    import pikepdf

    pdf = pikepdf.open(io.BytesIO(_image_pdf(text_image(LINES[0], 1300, 400))))
    buf = io.BytesIO()
    pdf.save(buf, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    data = buf.getvalue()
    with pikepdf.open(io.BytesIO(data)) as saved:  # saving renumbers the objects
        num = saved.pages[0].obj.Contents.objgen[0]
    found = re.search(rb"\n%d 0 obj" % num, data)
    assert found is not None
    start = found.start() + 1
    end = data.index(b"endobj", start) + len(b"endobj")
    dest.write_bytes(data[:start] + b"%" * (end - start) + data[end:])
    return dest


# ------------------------------------------------------------------ fake Tesseracts on PATH
# Each answers `--version` and `--list-langs` like a real install (start-up checks pass), then
# misbehaves on the OCR call itself. Spawned workers inherit PATH, so the fake reaches every
# executor.

_PREAMBLE = """#!/bin/sh
case "$1" in
  --version) echo 'tesseract 5.3.0'; exit 0;;
  --list-langs) printf 'List of available languages (3):\\neng\\nosd\\nvie\\n'; exit 0;;
esac
"""

_TSV_HEAD = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight"
             "\tconf\ttext")

# pytesseract calls `tesseract IMAGE OUTBASE -l LANG ... tsv`: the fake writes OUTBASE.tsv.
BODIES = {
    "hang": "exec sleep 60\n",
    "segfault": "kill -SEGV $$\n",
    "garbage": "printf 'no tsv here\\n\\001\\002' > \"$2.tsv\"\n",
    "empty": f"printf '{_TSV_HEAD}\\n' > \"$2.tsv\"\n",
    "words": (f"printf '{_TSV_HEAD}\\n"
              "5\\t1\\t1\\t1\\t1\\t1\\t10\\t10\\t80\\t30\\t95\\tKế\\n"
              "5\\t1\\t1\\t1\\t1\\t2\\t100\\t10\\t80\\t30\\t95\\thoạch\\n"
              "5\\t1\\t1\\t1\\t1\\t3\\t190\\t10\\t80\\t30\\t95\\tnông\\n"
              "5\\t1\\t1\\t1\\t1\\t4\\t280\\t10\\t80\\t30\\t95\\tthôn\\n"
              "5\\t1\\t1\\t1\\t1\\t5\\t370\\t10\\t80\\t30\\t95\\tmới\\n' > \"$2.tsv\"\n"),
}
BODIES["slow"] = "sleep 1\n" + BODIES["words"]
BODIES["hang_langs"] = "exec sleep 60\n"  # with --list-langs hanging too (preamble replaced)


def install_tesseract(folder: Path, kind: str) -> str:
    """Write the fake into `folder` and return a PATH value that puts it first."""
    folder.mkdir(parents=True, exist_ok=True)
    exe = folder / "tesseract"
    preamble = "#!/bin/sh\n" if kind == "hang_langs" else _PREAMBLE
    exe.write_text(preamble + BODIES[kind], encoding="utf-8")
    exe.chmod(exe.stat().st_mode | stat.S_IEXEC)
    return f"{folder}{os.pathsep}{os.environ['PATH']}"
