"""Make channel training data: render clean Vietnamese lines, damage them, OCR, align tokens.

The channel P(observed | syllable) must describe what an OCR engine does to Vietnamese glyphs,
so we produce it ourselves: pages of our own corpus text are rendered in several serif and sans
fonts and sizes, blurred, noised and JPEG-compressed like a cheap scan, then read by Tesseract
(`eng` for the legacy-layer channel, `vie` for the mend channel). Line order is kept (one text
line per rendered row, psm 6), so tokens pair up by position. Output: TSV `gold<TAB>observed`.

Run: python -m tools.train.render_ocr [--pages N] [--lang eng]
"""

from __future__ import annotations

import argparse
import io
import random
import sys
from collections.abc import Iterable
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from rapidfuzz.distance import Levenshtein

from tools.train.corpus_gen import generate_documents
from vanban.restore.paths import CORPUS_DIR

FONT_DIRS = (
    "/usr/share/fonts/truetype/liberation",
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/truetype/noto",
)
FONT_FILES = (
    "LiberationSerif-Regular.ttf",
    "LiberationSerif-Bold.ttf",
    "LiberationSerif-Italic.ttf",
    "LiberationSans-Regular.ttf",
    "LiberationSans-Bold.ttf",
    "DejaVuSerif.ttf",
    "DejaVuSans.ttf",
    "NotoSerif-Regular.ttf",
    "NotoSans-Regular.ttf",
    "NotoSerif-Bold.ttf",
)
SEED = 20260
EDGE = "\"'“”‘’()[]{}.,;:!?…*"


def available_fonts() -> list[Path]:
    out = []
    for name in FONT_FILES:
        for d in FONT_DIRS:
            p = Path(d) / name
            if p.exists():
                out.append(p)
                break
    return out


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap at `width` characters, the way the sample line renderings are made."""
    lines: list[str] = []
    cur = ""
    for word in text.split():
        if cur and len(cur) + 1 + len(word) > width:
            lines.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}" if cur else word
    if cur:
        lines.append(cur)
    return lines


def corpus_lines(seed: int, source: str = "generated") -> Iterable[str]:
    """Endless stream of wrapped lines (table cells joined by spaces).

    `source`: "generated" (corpus_gen) or "written" (data/corpus/written, shuffled, cycled).
    """
    rng = random.Random(seed)
    if source == "written":
        from vanban.restore.tokens import strip_markup

        paths = sorted((CORPUS_DIR / "written").glob("*.txt"))
        texts = [strip_markup(p.read_text("utf-8")) for p in paths]
        while True:
            rng.shuffle(texts)
            for text in texts:
                for line in text.split("\n"):
                    flat = " ".join(line.split("\t")).strip()
                    if flat:
                        yield from wrap(flat, rng.randint(60, 90))
    for doc in generate_documents(seed, 10**9):
        for line in doc:
            flat = " ".join(line.split("\t")).strip()
            if flat:
                yield from wrap(flat, rng.randint(60, 90))


def render_page(
    lines: list[str],
    font_path: Path,
    px: int,
    rng: random.Random,
    light: bool = False,
    photocopy: bool = False,
) -> np.ndarray:
    """Draw `lines` one per row, then add scan damage; returns a greyscale array.

    `photocopy` adds what copiers do: strokes thickened or thinned, resolution lost and
    regained (diacritics merge with their letters), before the usual blur, noise and JPEG.
    """
    font = ImageFont.truetype(str(font_path), px)
    step = int(px * rng.uniform(1.5, 1.9))
    width = max(int(font.getlength(line)) for line in lines) + 120
    img = Image.new("L", (width, step * len(lines) + 120), color=rng.randint(225, 255))
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(lines):
        draw.text((60, 60 + i * step), line, font=font, fill=rng.randint(0, 50))
    if photocopy:
        kind = rng.random()
        if kind < 0.35:
            img = img.filter(ImageFilter.MinFilter(3))  # toner spread: strokes thicken
        elif kind < 0.55:
            img = img.filter(ImageFilter.MaxFilter(3))  # faint copy: strokes thin
        scale = rng.uniform(0.45, 0.75)
        small = img.resize((max(1, int(img.width * scale)), max(1, int(img.height * scale))))
        img = small.resize(img.size)
    img = img.filter(
        ImageFilter.GaussianBlur(rng.uniform(0.2, 0.5) if light else rng.uniform(0.3, 1.1))
    )
    arr = np.asarray(img, dtype=np.float64)
    arr = arr + np.random.default_rng(rng.randint(0, 2**31)).normal(
        0, rng.uniform(2, 5) if light else rng.uniform(3, 14), arr.shape
    )
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=rng.randint(75, 90) if light else rng.randint(35, 75))
    buf.seek(0)
    return np.asarray(Image.open(buf).convert("L"))


def _core(tok: str) -> str:
    return tok.strip(EDGE)


def align_tokens(gold: str, observed: str) -> list[tuple[str, str]]:
    """Pair tokens of one line: equal runs and same-length replace runs pair by position."""
    g = [_core(t) for t in gold.split()]
    o = [_core(t) for t in observed.split()]
    gk = [t.lower() for t in g]
    ok = [t.lower() for t in o]
    pairs: list[tuple[str, str]] = []
    if len(g) == len(o):
        return [(a, b) for a, b in zip(g, o, strict=True) if a and b]
    for op in Levenshtein.opcodes(gk, ok):
        if (
            op.tag in ("equal", "replace")
            and op.src_end - op.src_start == op.dest_end - op.dest_start
        ):
            for i, j in zip(
                range(op.src_start, op.src_end), range(op.dest_start, op.dest_end), strict=True
            ):
                if g[i] and o[j]:
                    pairs.append((g[i], o[j]))
    return pairs


def ocr_pairs(
    n_pages: int,
    lang: str,
    seed: int = SEED,
    px: tuple[int, int] = (26, 42),
    source: str = "generated",
    photocopy: bool = False,
) -> Iterable[tuple[str, str]]:
    from vanban.ocr.tesseract import data_to_text, image_to_data

    rng = random.Random(seed)
    fonts = available_fonts()
    stream = iter(corpus_lines(seed, source))
    for page in range(n_pages):
        lines = [next(stream) for _ in range(rng.randint(18, 30))]
        if rng.random() < 0.2:
            lines = [ln.upper() for ln in lines[: len(lines) // 3]] + lines[len(lines) // 3 :]
        img = render_page(lines, rng.choice(fonts), rng.randint(*px), rng, photocopy=photocopy)
        text, _ = data_to_text(image_to_data(img, lang=lang, psm=6))
        got = [ln for ln in text.split("\n") if ln.strip()]
        if len(got) != len(lines):
            print(f"page {page}: {len(got)} lines read for {len(lines)}; skipped", file=sys.stderr)
            continue
        for gold, obs in zip(lines, got, strict=True):
            yield from align_tokens(gold, obs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pages", type=int, default=80)
    ap.add_argument("--lang", default="eng")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--px", type=int, nargs=2, default=(26, 42), help="font size range, pixels")
    ap.add_argument("--name", default="", help="suffix of the output file")
    ap.add_argument("--source", choices=("generated", "written"), default="generated")
    ap.add_argument(
        "--photocopy", action="store_true", help="thicken/thin strokes, lose resolution"
    )
    args = ap.parse_args(argv)
    out = CORPUS_DIR / f"ocr_pairs_{args.lang}{args.name}.tsv"
    tmp = out.with_suffix(".tmp")
    n = 0
    with tmp.open("w", encoding="utf-8") as fh:
        for gold, obs in ocr_pairs(
            args.pages, args.lang, args.seed, tuple(args.px), args.source, args.photocopy
        ):
            fh.write(f"{gold}\t{obs}\n")
            n += 1
            if n % 500 == 0:
                fh.flush()
    tmp.replace(out)
    print(f"wrote {n} token pairs to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


def garble_lines(lines: list[str], seed: int = 7, lang: str = "eng") -> list[str]:
    """Read `lines` back through render + light noise + Tesseract, one output line per input.

    Used to make English-OCR versions of held-out documents for the benchmark. Pages whose
    line count comes back different are re-read line by line (psm 7) to keep the line order.
    """
    from vanban.ocr.tesseract import data_to_text, image_to_data

    rng = random.Random(seed)
    font = next(p for p in available_fonts() if "Serif" in p.name)
    out: list[str] = []
    page = 30
    for i in range(0, len(lines), page):
        chunk = [ln if ln.strip() else "" for ln in lines[i : i + page]]
        body = [ln for ln in chunk if ln]
        if not body:
            out += chunk
            continue
        img = render_page(body, font, 40, rng, light=True)
        text, _ = data_to_text(image_to_data(img, lang=lang, psm=6))
        got = [ln for ln in text.split("\n") if ln.strip()]
        if len(got) != len(body):
            got = []
            for ln in body:
                one = render_page([ln], font, 40, rng, light=True)
                t, _ = data_to_text(image_to_data(one, lang=lang, psm=7))
                got.append(" ".join(t.split()))
        it = iter(got)
        out += [next(it) if ln else "" for ln in chunk]
    return out
