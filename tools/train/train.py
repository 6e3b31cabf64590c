"""Build every restore/ artefact into data/models (`make models`). Reproducible: seeded throughout.

Training text: the four clean sample documents (never seed 003, which is a test), the corpus we
compose (corpus_gen.py), and pyvi's word list (one word per segment: gives the syllable pairs
inside words). Channel: token pairs from our own rendered-and-OCR'd pages (render_ocr.py); they
are generated once into data/corpus/ocr_pairs_eng.tsv and reused.

Run: python -m tools.train.train [--regen-ocr]
"""

from __future__ import annotations

import argparse
import math
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from tools.train.corpus_gen import generate_documents
from vanban.restore import channel as channel_mod
from vanban.restore import lm as lm_mod
from vanban.restore.decode import realword_table
from vanban.restore.model import Model, read_abbreviations
from vanban.restore.paths import CORPUS_DIR, MODEL_FILE, SEEDS_DIR
from vanban.restore.syllables import canonical, full_inventory
from vanban.restore.tokens import lm_segments

TRAIN_SEEDS = ("000", "001", "002", "004")  # 003 is a test document, never training text
CORPUS_SEED = 1
CORPUS_SYLLABLES = 0  # generated text; 0-400k tried by LOO: the written corpus serves better
# The channel data runs (render_ocr arguments); about 15 min on one core in all.
OCR_RUNS = (
    "--pages 250 --lang eng",
    "--pages 100 --lang eng --seed 4242 --px 44 64 --name _large",
    "--pages 150 --lang eng --seed 777 --px 40 64 --source written --name _written",
    "--pages 120 --lang eng --seed 31337 --px 36 64 --source written --photocopy --name _photocopy",
    "--pages 80 --lang vie --seed 99 --px 26 50 --source written",
)
CELL_BREAKS = False
USE_WORD_LIST = False  # pyvi's word list as LM text (else only for the inventory)


def seed_texts(exclude: Iterable[str] = ()) -> dict[str, str]:
    """Clean seed documents by their 3-digit prefix, minus `exclude`."""
    skip = set(exclude)
    out = {}
    for prefix in TRAIN_SEEDS:
        if prefix in skip:
            continue
        for p in sorted(SEEDS_DIR.glob(f"{prefix}_*.txt")):
            out[prefix] = p.read_text("utf-8")
    return out


def written_corpus() -> list[Path]:
    """Administrative text written by hand for this project (data/corpus/written)."""
    return sorted((CORPUS_DIR / "written").glob("*.txt"))


def place_segments() -> Iterator[list[str]]:
    """Gazetteer names with their unit word ("xã Thạch Môn", "tỉnh Hà Tĩnh"), one per segment."""
    from tools.train.corpus_gen import _places

    provinces, communes = _places()
    for name in provinces:
        yield ["tỉnh", *(canonical(w) for w in name.split())]
    for name in communes:
        yield ["xã", *(canonical(w) for w in name.split())]
    if OLD_PLACES:
        for place in old_places():
            yield [canonical(w) for w in place.split()]


# data/lexicon/places.txt (tools/train/places.py: pre-2025 provinces, districts, communes with
# their unit word) as LM text, one place per segment. Measured (tools/evaluate/lmdev.py, dev
# accent-stripped, 29,961 syllables; without: 98.93): all 8,583 places 98.48 (train LOO 98.09
# -> 98.00), communes only 98.63, provinces and districts only 98.92. Off: the names there
# outweigh the programme's own wording; the lexicon serves restore/names.py instead.
OLD_PLACES = False


def old_places() -> list[str]:
    """ "huyện Chi Lăng", ... from data/lexicon/places.txt (empty when it is missing)."""
    from vanban.restore.paths import LEXICON_DIR

    path = LEXICON_DIR / "places.txt"
    if not path.exists():
        return []
    lines = path.read_text("utf-8").splitlines()
    return [ln.partition("\t")[0] for ln in lines if ln.strip() and not ln.startswith("#")]


# Place-name syllables outside the Vietnamese inventory ("krông", "đắk", "dơk") as syllables
# the decoder may output (accent-less "Krong" -> "Krông"), when the LM text holds them.
FOREIGN_PLACES = True


def foreign_place_syllables() -> frozenset[str]:
    """Syllables of the gazetteers' place names outside the inventory and spelt like a name."""
    if not FOREIGN_PLACES:
        return frozenset()
    from vanban.restore.names import known_places, spelt_like_a_name

    inv = full_inventory()
    words = {w for seg in place_segments() for w in seg}
    words |= {w for name in known_places() for w in name.split()}
    return frozenset(
        w for w in words if len(w) > 1 and w not in inv and w.isalpha() and spelt_like_a_name(w)
    )


def pyvi_words() -> list[str]:
    """pyvi's word list, when pyvi is installed (it is a bench dependency)."""
    try:
        import pyvi
    except ImportError:
        return []
    path = Path(pyvi.__file__).parent / "models" / "words.txt"
    if not path.exists():
        return []
    inv = full_inventory()
    words = []
    for line in path.read_text("utf-8").splitlines():
        sy = line.strip().split()
        if len(sy) >= 2 and all(canonical(s) in inv for s in sy):
            words.append(" ".join(sy))
    return words


# VLSP 2013 POS-tagged test text (legal and news prose, ~97k syllables) that underthesea ships
# (Apache-2.0 package) beside its tagger. Pooled with our text (2026-12-06, first session) it
# helped the samples but hurt the dev held-out garbled lines (96.05 -> 95.70 %) and real-word
# correction. Second session: mixed in as its own model (lm.train's `background`, static
# interpolation) it still lost on every dev document accent-stripped (tools/evaluate/lmdev.py,
# 20,780 syllables: ours alone 98.87 %, weight 0.95 -> 98.85, 0.85 -> 98.81, 0.7 -> 98.57), and
# pyvi's word list mixed in the same way lost too (0.97 -> 98.78, 0.9 -> 98.71). So: off
# (`pip install underthesea==9.5.0` and set VLSP_WEIGHT < 1 to try it).
# LM order (3 or 4) and the 4-gram count cutoff (4-grams seen fewer times are pruned).
LM_ORDER = 3
LM_CUTOFF = 2
VLSP_WEIGHT = 1.0  # weight of our own text in the mixture with the VLSP model (1.0: VLSP off)
VLSP_FILE = "pipeline/pos_tag/models/pos_crf_vlsp2013_20230303/test_output.txt"


def vlsp_text() -> str:
    """VLSP 2013 sentences from underthesea's package data ("" when it is not installed).

    The package is located, not imported (importing it loads its whole pipeline). One word per
    line (syllables joined by spaces) then its tags; a blank line ends a sentence.
    """
    import importlib.util

    spec = importlib.util.find_spec("underthesea")
    if spec is None or not spec.submodule_search_locations:
        return ""
    path = Path(next(iter(spec.submodule_search_locations))) / VLSP_FILE
    if not path.exists():
        return ""
    sents: list[str] = []
    cur: list[str] = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            if cur:
                sents.append(" ".join(cur))
                cur = []
            continue
        cur.append(line.split("\t")[0])
    if cur:
        sents.append(" ".join(cur))
    return "\n".join(sents)


# Fill-up sources (lm.train's `fill`, lm._fill): text whose syllable pairs fill in where our
# own text is silent, each with its share of the back-off mass. Names: "viet74k"
# (underthesea's 74k-word dictionary, Apache-2.0, corpus/data/Viet74K.txt), "pyvi" (pyvi's
# word list), "vlsp" (vlsp_text()). Measured 2026-12-06 (session 8; docs/notes/restorea3.md)
# as errors of accent-stripped dev (65,281 syllables) / train LOO (13,512) / garbled dev ci %
# (26,493) / garbled train LOO ci % (13,513): none 777 / 247 / 97.811 / 97.321; viet74k 0.3
# 768 / 221 / 97.796 / 97.484; viet74k 0.6 770 / 223; pyvi 0.3 778 / 212; vlsp 0.3 781 / 223;
# viet74k + vlsp 0.3 each 777 / 212; viet74k + pyvi 0.3 each 765 / 215 / 97.796 / 97.536;
# 0.15 each (kept) 767 / 225 / 97.807 / 97.484. VLSP's prose loses the dev places' names.
FILL: tuple[tuple[str, float], ...] = (("viet74k", 0.15), ("pyvi", 0.15))
VIET74K_FILE = "corpus/data/Viet74K.txt"
# Whether the fill texts' syllables become candidates too (else only their pairs of syllables
# our own text or pyvi's list attests count).
FILL_VOCAB = False


def _package_file(package: str, rel: str) -> Path | None:
    """A data file of an installed package, located without importing the package."""
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / rel
    return path if path.exists() else None


def viet74k_words() -> list[str]:
    """underthesea's dictionary words of two or more syllables, all in our inventory."""
    path = _package_file("underthesea", VIET74K_FILE)
    if path is None:
        return []
    inv = full_inventory()
    out = []
    for line in path.read_text("utf-8").splitlines():
        sy = [canonical(x) for x in line.lower().split()]
        if len(sy) >= 2 and all(x in inv for x in sy):
            out.append(" ".join(sy))
    return out


def fill_sources() -> list[tuple[list[list[str]], float]]:
    """FILL's texts as LM segments, with their shares."""
    out = []
    for name, share in FILL:
        if name == "vlsp":
            segs = list(lm_segments(vlsp_text(), CELL_BREAKS))
        else:
            words = viet74k_words() if name == "viet74k" else pyvi_words()
            segs = [[canonical(x) for x in w.split()] for w in words]
        if not segs:  # a missing package would silently make another model
            raise RuntimeError(
                f"fill source {name!r} is empty: install the models extras (make models)"
            )
        out.append((segs, share))
    return out


def training_segments(
    exclude: Iterable[str] = (), extra_texts: Iterable[str] = ()
) -> Iterator[list[str]]:
    # Table cells run on: OCR'd and line-rendered tables join a row's cells with spaces.
    cells = CELL_BREAKS
    for text in seed_texts(exclude).values():
        yield from lm_segments(text, cells)
    for text in extra_texts:
        yield from lm_segments(text, cells)
    for path in written_corpus():
        yield from lm_segments(path.read_text("utf-8"), cells)
    for doc in generate_documents(CORPUS_SEED, CORPUS_SYLLABLES):
        yield from lm_segments("\n".join(doc), cells)
    yield from place_segments()
    if USE_WORD_LIST:
        for w in pyvi_words():
            yield [canonical(s) for s in w.split()]


def case_texts(exclude: Iterable[str] = ()) -> Iterator[str]:
    """Clean texts whose letter case the case table learns from (the LM's own text)."""
    yield from seed_texts(exclude).values()
    for path in written_corpus():
        yield path.read_text("utf-8")
    from tools.train.corpus_gen import _places

    provinces, communes = _places()
    for name in (*provinces, *communes):
        yield f"xã {name}"


CASE_PRIOR = 2.0  # pseudo-count towards the overall Title-case rate


def case_table(texts: Iterable[str]) -> dict[str, tuple[float, float]]:
    """(log P(Title | s), log P(lower | s)) per syllable, from word tokens that do not open a
    segment; "" holds the overall rate, for syllables never seen so."""
    from vanban.restore.tokens import opens_line, strip_markup, tokenize

    title: dict[str, int] = {}
    lower: dict[str, int] = {}
    for text in texts:
        text = strip_markup(text)
        toks = tokenize(text, CELL_BREAKS)
        for tok, first in zip(toks, opens_line(text, toks), strict=True):
            w = tok.text
            if tok.kind != "word" or first or len(w) < 2:
                continue
            if w.islower():
                lower[canonical(w)] = lower.get(canonical(w), 0) + 1
            elif w[0].isupper() and w[1:].islower():
                title[canonical(w.lower())] = title.get(canonical(w.lower()), 0) + 1
    nt, nl = sum(title.values()), sum(lower.values())
    p0 = nt / max(nt + nl, 1)
    out = {"": (math.log(p0), math.log(1 - p0))}
    for s in sorted(title.keys() | lower.keys()):
        t, n = title.get(s, 0), title.get(s, 0) + lower.get(s, 0)
        p = (t + CASE_PRIOR * p0) / (n + CASE_PRIOR)
        out[s] = (math.log(p), math.log(1 - p))
    return out


CASE_NEXT = True  # case_pairs also learns "s >next": the case of s before the next word


def case_pairs(texts: Iterable[str]) -> dict[str, bool]:
    """Model.case_pairs: after which word ("prev s") and before which word ("s >next") a
    syllable opening with a vowel marked above is written Title case or lower case ("Huyện
    ủy", "của Ủy ban"), where the text is clear: at least 2 cases, 3 to 1 one way. Only inside
    lines (a line's first word says nothing)."""
    from vanban.restore.casing import tall_vowel
    from vanban.restore.tokens import opens_line, strip_markup, tokenize

    counts: dict[str, list[int]] = {}
    for text in texts:
        text = strip_markup(text)
        toks = tokenize(text, CELL_BREAKS)
        firsts = opens_line(text, toks)
        prev = None
        for i, (tok, first) in enumerate(zip(toks, firsts, strict=True)):
            w = tok.text
            s = canonical(w.lower()) if tok.kind == "word" else None
            if not first and s and len(w) > 1 and tall_vowel(s):
                k = 0 if w[0].isupper() and w[1:].islower() else 1 if w.islower() else -1
                if k >= 0 and prev:
                    counts.setdefault(f"{prev} {s}", [0, 0])[k] += 1
                nxt = toks[i + 1] if i + 1 < len(toks) else None
                if k >= 0 and CASE_NEXT and nxt and nxt.kind == "word" and not firsts[i + 1]:
                    # "của Ủy ban", "huyện Ủy ban" beside "Huyện ủy": the word after says
                    # whether a name of an institution opens here (Model.case_pairs, "s >next")
                    key = f"{s} >{canonical(nxt.text.lower())}"
                    counts.setdefault(key, [0, 0])[k] += 1
            prev = s
    return {
        key: t > n
        for key, (t, n) in sorted(counts.items())
        if t + n >= 2 and max(t, n) >= 3 * min(t, n)
    }


def read_pairs(path: Path) -> list[tuple[str, str]]:
    pairs = []
    for line in path.read_text("utf-8").splitlines():
        gold, _, obs = line.partition("\t")
        if gold.isalpha() and obs:
            pairs.append((canonical(gold), obs))
    return pairs


def pair_files(lang: str = "eng") -> list[Path]:
    return sorted(CORPUS_DIR.glob(f"ocr_pairs_{lang}*.tsv"))


def build_model(
    exclude: Iterable[str] = (),
    pairs_paths: Iterable[Path] | None = None,
    realword: bool = True,
    extra_texts: Iterable[str] = (),
) -> Model:
    """Train LM, inventory and channel; `exclude` names seed documents to hold out.

    Held out means everything that document told us: its text and the lexicon entries taken
    from it alone.
    """
    exclude = tuple(exclude)
    segs = list(training_segments(exclude, extra_texts))
    inv = full_inventory()
    attested = {w for s in segs for w in s}
    attested |= {canonical(x) for w in pyvi_words() for x in w.split()}
    background = list(lm_segments(vlsp_text(), CELL_BREAKS)) if VLSP_WEIGHT < 1.0 else []
    fills = fill_sources()
    if FILL_VOCAB:
        attested |= {w for segs, _ in fills for seg in segs for w in seg}
    syllables = sorted(w for w in attested if w in inv or w in foreign_place_syllables())
    lm = lm_mod.train(
        segs,
        extra_vocab=syllables,
        background=background,
        weight=VLSP_WEIGHT,
        order=LM_ORDER,
        cutoff=LM_CUTOFF,
        fill=fills,
    )
    pairs = [
        p
        for path in (pair_files() if pairs_paths is None else pairs_paths)
        for p in read_pairs(path)
    ]
    ch = channel_mod.train(pairs, slips=True)  # English OCR pairs: see channel.SLIP_EDIT
    vie = [p for path in pair_files("vie") for p in read_pairs(path)]
    model = Model(
        case=case_table(case_texts(exclude)),
        case_pairs=case_pairs(case_texts(exclude)),
        lm=lm,
        channel=ch,
        syllables=syllables,
        abbreviations=read_abbreviations(exclude_seeds=frozenset(exclude)),
        channel_vie=channel_mod.train(vie) if vie else None,
    )
    if realword:  # off only for quick LM checks (tools/evaluate/lmdev.py): no `correct` mode
        model.realword = realword_table(model)
    return model


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--regen-ocr", action="store_true", help="re-render and re-OCR channel data")
    args = ap.parse_args(argv)
    if args.regen_ocr or not pair_files():
        from tools.train import render_ocr

        for run in OCR_RUNS:
            render_ocr.main(run.split())
    t0 = time.perf_counter()
    model = build_model()
    model.save(MODEL_FILE)
    print(
        f"restore model: {len(model.lm.vocab)} LM symbols, {len(model.lm.tri)} trigrams, "
        f"{len(model.syllables)} syllables, {len(model.channel.tok)} channel rows; "
        f"{MODEL_FILE.stat().st_size / 1e6:.1f} MB in {time.perf_counter() - t0:.1f}s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
