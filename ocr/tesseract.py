"""The one wrapper around Tesseract, in-process (tesserocr) or as a program (pytesseract).

Everything that runs Tesseract goes through here, so version checks, the single-thread setting,
time-outs and the mapping of Tesseract failures to `vanban.errors` live in one place.

Two engines give the same TSV data:
- `api` (default when tesserocr is installed): one Tesseract engine per worker process and
  language, kept loaded; images are passed in memory. Starting the program and loading `vie`
  costs ~0.8 s per call and a page makes 1-6 calls (bands, table cells): measured 0.93 s ->
  0.10 s for a one-line call (`make bench-scale` has the per-page figures).
- `cli`: one `tesseract` process per call through PNG temp files. Slower, but a crash or hang
  of that process can never take the worker with it; fake programs on PATH test failures.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import json
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import cv2
import numpy as np
from PIL import Image

from vanban.errors import (
    MissingDependencyError,
    OcrCrashError,
    OcrError,
    OcrImageTooLargeError,
    OcrOutputError,
    OcrTimeoutError,
    PageTimeoutError,
)
from vanban.ocr.charfix import fix_case, fix_numeral, fix_word

# Tesseract's OpenMP threads make it 5-9x slower per page on 2 cores; we parallelise across pages.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

DEFAULT_TIMEOUT_S = 300
LIST_LANGS_TIMEOUT_S = 30
# A folder here makes every call answer from (and fill) a cache of Tesseract's output keyed by
# the image bytes and the settings: tests and benchmark re-runs skip the OCR they already did.
CACHE_ENV = "VANBAN_OCR_CACHE"


# The monotonic time by which the current page's OCR must end (None: no page budget). Set by
# `page_budget` around one page, read by every Tesseract call of that page: a page costs 1-6
# calls (bands, table cells), so a per-call limit alone would let a page run several times it.
_DEADLINE: ContextVar[tuple[float, float] | None] = ContextVar("vanban_ocr_deadline", default=None)


@contextmanager
def page_budget(seconds: float | None) -> Iterator[None]:
    """All Tesseract calls inside share `seconds` of wall time, then raise OcrTimeoutError."""
    if not seconds or seconds <= 0:
        yield
        return
    token = _DEADLINE.set((time.monotonic() + seconds, seconds))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def _call_timeout(timeout: float) -> float:
    """This call's limit: its own, cut to what is left of the page budget."""
    budget = _DEADLINE.get()
    if budget is None:
        return timeout
    left = budget[0] - time.monotonic()
    if left <= 0:
        raise PageTimeoutError(f"page OCR ran past its {budget[1]:g}s budget (--page-timeout)")
    return min(timeout, max(1.0, left))


Engine = Literal["auto", "api", "cli"]
_ENGINE: ContextVar[Engine] = ContextVar("vanban_ocr_engine", default="auto")
# (lang, 0) -> a loaded tesserocr engine, per process; ("osd", 0) -> the OSD engine. One engine
# per language serves every page segmentation mode (set per call): each engine costs 0.07 s CPU
# and ~30 MiB to load, and a table page used three (psm 3 bands, psm 6 and 4 cell canvases).
_APIS: dict[tuple[str, int], Any] = {}


@contextmanager
def engine(name: Engine) -> Iterator[None]:
    """Run the Tesseract calls inside with this engine ("auto": `api` when tesserocr imports)."""
    token = _ENGINE.set(name)
    try:
        yield
    finally:
        _ENGINE.reset(token)


def _use_api() -> bool:
    name = _ENGINE.get()
    if name == "cli":
        return False
    try:
        import tesserocr  # noqa: F401
    except ImportError:
        if name == "api":
            raise MissingDependencyError("--ocr-engine api needs tesserocr "
                                         "(pip install tesserocr)") from None
        return False
    return True


def tessdata_dir() -> str:
    """The folder holding the system's traineddata (the wheel's own default path is empty)."""
    env = os.environ.get("TESSDATA_PREFIX")
    candidates = [env] if env else []
    candidates += sorted((str(p) for p in Path("/usr/share/tesseract-ocr").glob("*/tessdata")),
                         reverse=True)
    candidates += ["/usr/share/tessdata", "/usr/local/share/tessdata"]
    for folder in candidates:
        if folder and Path(folder).is_dir():
            return folder
    raise MissingDependencyError("no Tesseract language data folder found "
                                 "(apt-get install tesseract-ocr-vie)")


def _api(lang: str, psm: int) -> Any:
    key = (lang, 0)
    api = _APIS.get(key)
    if api is None:
        import tesserocr

        try:
            api = tesserocr.PyTessBaseAPI(path=tessdata_dir(), lang=lang, psm=psm)
        except RuntimeError as exc:
            raise MissingDependencyError(
                f"Tesseract could not load language '{lang}' ({exc})") from exc
        api.SetVariable("preserve_interword_spaces", "1")
        _APIS[key] = api
    api.SetPageSegMode(psm)
    return api


def _run_api(image: np.ndarray, lang: str, psm: int, timeout: float) -> dict[str, list[object]]:
    """One in-process recognition; the data has pytesseract's columns (as strings)."""
    api = _api(lang, psm)
    api.SetImage(Image.fromarray(image))
    if not api.Recognize(timeout=int(timeout * 1000)):
        budget = _DEADLINE.get()
        if budget is not None and budget[0] - time.monotonic() <= 1.0:
            raise OcrTimeoutError(f"page OCR ran past its {budget[1]:g}s budget (--page-timeout)")
        raise OcrTimeoutError(f"Tesseract gave up after {timeout:g}s")
    tsv = api.GetTSVText(0)
    data: dict[str, list[object]] = {k: [] for k in _ALL_COLUMNS}
    for line in tsv.splitlines():
        cols = line.split("\t")
        if len(cols) != len(_ALL_COLUMNS):
            continue
        for k, v in zip(_ALL_COLUMNS, cols, strict=True):
            data[k].append(v)
    return data


_ALL_COLUMNS = ("level", "page_num", "block_num", "par_num", "line_num", "word_num", "left",
                "top", "width", "height", "conf", "text")


@dataclass(frozen=True, slots=True)
class OcrResult:
    text: str
    mean_conf: float | None
    data: dict[str, list[object]]


def check_available(lang: str = "vie", timeout: float = LIST_LANGS_TIMEOUT_S,
                    engine: Engine | None = None) -> None:
    """Raise MissingDependencyError unless tesseract and the language data are installed.

    `--list-langs` runs under a time-out: a broken tesseract that hangs must end the run with a
    message at start-up, not freeze it with nothing printed."""
    token = _ENGINE.set(engine or _ENGINE.get())
    try:
        api = _use_api()
    finally:
        _ENGINE.reset(token)
    if api:
        import tesserocr

        folder = tessdata_dir()
        have = set(tesserocr.get_languages(folder)[1])
        for needed in lang.split("+"):
            if needed not in have:
                raise MissingDependencyError(
                    f"Tesseract language data '{needed}' is missing from {folder} "
                    f"(apt-get install tesseract-ocr-{needed})")
        return
    exe = shutil.which("tesseract")
    if exe is None:
        raise MissingDependencyError("tesseract is not installed (apt-get install tesseract-ocr)")
    try:
        done = subprocess.run([exe, "--list-langs"], capture_output=True, timeout=timeout,
                              check=False)
    except subprocess.TimeoutExpired as exc:
        raise MissingDependencyError(
            f"tesseract --list-langs did not answer within {timeout:g}s") from exc
    except OSError as exc:
        raise MissingDependencyError(f"tesseract cannot be started ({exc})") from exc
    if done.returncode != 0:
        raise MissingDependencyError(
            f"tesseract --list-langs failed ({_status(done.returncode)}): "
            f"{done.stderr.decode('utf-8', 'replace').strip()[:200]}")
    out = (done.stdout + done.stderr).decode("utf-8", "replace").splitlines()
    langs = {ln.strip() for ln in out if ln.strip() and " " not in ln.strip()}
    for needed in lang.split("+"):
        if needed not in langs:
            raise MissingDependencyError(
                f"Tesseract language data '{needed}' is missing "
                f"(apt-get install tesseract-ocr-{needed})"
            )


def image_to_data(
    image: np.ndarray, lang: str = "vie", psm: int = 3, timeout: int = DEFAULT_TIMEOUT_S,
    extra_config: str = "", scale: float = 1.0,
) -> dict[str, list[object]]:
    """Run Tesseract once and return its TSV data as a dict of columns.

    `scale` < 1 reads an area-averaged copy that much smaller (`--resolution native`: a
    200-dpi scan's text at its own 200 dpi, 0.44x the pixels Tesseract's recognition pays
    for) and gives the boxes back in `image`'s pixels, so the geometry around the call
    (tuned at 300 dpi) never sees the smaller copy."""
    if scale != 1.0:
        height, width = image.shape[:2]
        small = cv2.resize(image, (max(1, round(width * scale)), max(1, round(height * scale))),
                           interpolation=cv2.INTER_AREA)
        return _scaled_boxes(image_to_data(small, lang, psm, timeout, extra_config), 1 / scale)
    config = f"--psm {psm} -c preserve_interword_spaces=1 {extra_config}".strip()
    api = not extra_config and _use_api()
    cache = _cache_path(image, lang, config + (" api" if api else ""))
    if cache is not None and cache.exists():
        cached: dict[str, list[object]] = json.loads(cache.read_text(encoding="utf-8"))
        return cached
    data = _run_api(image, lang, psm, _call_timeout(timeout)) if api else _run(
        image, lang, config, timeout)
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        tmp.replace(cache)  # atomic: parallel workers never read a half-written entry
    return data


def _scaled_boxes(data: dict[str, list[object]], factor: float) -> dict[str, list[object]]:
    """`data` with its boxes multiplied by `factor` (edges rounded, so adjacent boxes stay
    adjacent)."""
    out = dict(data)
    lefts, tops = data["left"], data["top"]
    rights = [_num(x) + _num(w) for x, w in zip(lefts, data["width"], strict=True)]
    bottoms = [_num(y) + _num(h) for y, h in zip(tops, data["height"], strict=True)]
    out["left"] = [round(_num(x) * factor) for x in lefts]
    out["top"] = [round(_num(y) * factor) for y in tops]
    out["width"] = [round(r * factor) - round(_num(x) * factor) for r, x in zip(rights, lefts,
                                                                               strict=True)]
    out["height"] = [round(b * factor) - round(_num(y) * factor) for b, y in zip(bottoms, tops,
                                                                                strict=True)]
    return out


def _num(value: object) -> int:
    return int(str(value)) if str(value).lstrip("-").isdigit() else 0


def _cache_path(image: np.ndarray, lang: str, config: str) -> Path | None:
    """Where this call's output is cached, or None when caching is off.

    The key covers the pixels, the shape, the language, the configuration and the Tesseract
    version, so a changed engine or setting can never serve stale text.
    """
    folder = os.environ.get(CACHE_ENV)
    if not folder:
        return None
    key = hashlib.sha256()
    for part in (str(image.shape), str(image.dtype), lang, config, _version()):
        key.update(part.encode() + b"\0")
    key.update(np.ascontiguousarray(image).tobytes())
    digest = key.hexdigest()
    return Path(folder) / digest[:2] / f"{digest}.json"


_VERSION: list[str] = []


def _version() -> str:
    if not _VERSION:
        import pytesseract

        _VERSION.append(str(pytesseract.get_tesseract_version()))
    return _VERSION[0]


def _run(image: np.ndarray, lang: str, config: str, timeout: float) -> dict[str, list[object]]:
    # Imported here, for the `cli` engine only: pytesseract imports pandas when it can, 0.25 s
    # CPU in every worker that the `api` engine never needs.
    import pytesseract

    limit = _call_timeout(timeout)
    budget = _DEADLINE.get()
    try:
        data: dict[str, list[object]] = pytesseract.image_to_data(
            Image.fromarray(image), lang=lang, config=config, timeout=limit,
            output_type=pytesseract.Output.DICT,
        )
    except pytesseract.TesseractNotFoundError as exc:
        raise MissingDependencyError("tesseract is not installed") from exc
    # TesseractError subclasses RuntimeError, so it must be matched before the bare
    # RuntimeError pytesseract raises on time-out (else every failure reads "timed out").
    except pytesseract.TesseractError as exc:
        raise classify_failure(exc.status, str(exc.message)) from exc
    except RuntimeError as exc:
        if "timeout" in str(exc).lower():
            if budget is not None and limit < timeout:  # the page budget cut it, not the call's
                raise PageTimeoutError(
                    f"page OCR ran past its {budget[1]:g}s budget (--page-timeout)") from exc
            raise OcrTimeoutError(f"Tesseract timed out after {limit:g}s") from exc
        raise OcrError(f"Tesseract failed: {exc}") from exc
    except SystemExit as exc:  # pytesseract exits on a version string it cannot parse
        raise OcrOutputError(f"Tesseract answered --version with garbage ({exc})") from exc
    except (KeyError, ValueError, IndexError) as exc:  # TSV that is not TSV
        raise OcrOutputError(f"Tesseract printed unreadable output ({exc})") from exc
    if not all(k in data for k in _TSV_COLUMNS) or len({len(data[k]) for k in _TSV_COLUMNS}) != 1:
        raise OcrOutputError("Tesseract printed output without the TSV columns")
    return data


_TSV_COLUMNS = ("text", "conf", "left", "top", "width", "height",
                "block_num", "par_num", "line_num")


def _status(code: int) -> str:
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit status {code}"


def classify_failure(status: int, message: str) -> OcrError:
    """Turn Tesseract's exit status and stderr into the typed error that names the real cause."""
    msg = " ".join(message.split())[:300]
    if status < 0 or status >= 128:
        sig = -status if status < 0 else status - 128
        return OcrCrashError(f"Tesseract crashed ({_status(-sig)}): {msg}".rstrip(": "))
    if "too large" in msg.lower():
        return OcrImageTooLargeError(f"Tesseract refused the image: {msg}")
    return OcrError(f"Tesseract failed ({_status(status)}): {msg}")


def data_to_text(data: dict[str, list[object]]) -> tuple[str, float | None]:
    """Join Tesseract words into lines (block/par/line order) and average word confidences."""
    lines: list[str] = []
    current: tuple[object, ...] | None = None
    words: list[str] = []
    confs: list[float] = []
    prev_block: object = None
    for i, word in enumerate(data["text"]):
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        w = str(word).strip()
        conf = float(str(data["conf"][i]))
        if not w:
            continue
        if key != current:
            if words:
                lines.append(" ".join(words))
            if prev_block is not None and data["block_num"][i] != prev_block:
                lines.append("")
            current, words, prev_block = key, [], data["block_num"][i]
        words.append(w)
        if conf >= 0:
            confs.append(conf)
    if words:
        lines.append(" ".join(words))
    mean = sum(confs) / len(confs) if confs else None
    return "\n".join(lines), mean


@dataclass(frozen=True, slots=True)
class TessWord:
    """One recognised word: box in image pixels, confidence 0-100, Tesseract's line key."""

    left: int
    top: int
    width: int
    height: int
    conf: float
    text: str
    line_key: tuple[int, int, int]


NOISE_CONF = 60.0
# The mark that closes an administrative document's body ("... biết, thực hiện./."): read
# alone, small and thin, with confidence 17 on a phone photo and on faxes (dev t2), and
# dropped as noise, extract/ took the closing sentence for a directive.
END_MARK = "./."


def is_noise(text: str, conf: float) -> bool:
    """Specks and ruling-line remnants come back as unsure runs of punctuation ("¬-ẻằ-" aside,
    mostly ':', '|', '_', '-'); a real bullet or dash is read with confidence."""
    return conf < NOISE_CONF and not any(ch.isalnum() for ch in text) and text != END_MARK


def words(data: dict[str, list[object]]) -> list[TessWord]:
    """The words of Tesseract's TSV data in Tesseract's reading order, noise dropped."""
    out = []
    for i, raw in enumerate(data["text"]):
        text = fix_word(str(raw).strip())
        if not text or is_noise(text, float(str(data["conf"][i]))):
            continue
        out.append(TessWord(
            int(str(data["left"][i])), int(str(data["top"][i])), int(str(data["width"][i])),
            int(str(data["height"][i])), float(str(data["conf"][i])), text,
            (int(str(data["block_num"][i])), int(str(data["par_num"][i])),
             int(str(data["line_num"][i]))),
        ))
    for i, (w, nxt) in enumerate(itertools.pairwise(out)):  # a Roman label in lower case
        starts = not i or out[i - 1].line_key != w.line_key
        if starts and nxt.line_key == w.line_key and fix_numeral(w.text, nxt.text) != w.text:
            out[i] = dataclasses.replace(w, text=fix_numeral(w.text, nxt.text))
    return out


def cased(words: list[TessWord]) -> list[TessWord]:
    """`charfix.fix_case` on a finished reading (a cell's words, a band's lines): applied
    after the faint re-reads' word-by-word merges, whose alignment it would otherwise shift."""
    texts = fix_case([w.text for w in words])
    return [w if t == w.text else dataclasses.replace(w, text=t)
            for w, t in zip(words, texts, strict=True)]


@dataclass(frozen=True, slots=True)
class Osd:
    """Tesseract's orientation answer: the clockwise turn that makes the page upright."""

    rotation: int
    confidence: float


def orientation(image: np.ndarray, timeout: int = DEFAULT_TIMEOUT_S) -> Osd | None:
    """Tesseract OSD (`--psm 0`, the `osd` data) on a page; None when it cannot tell (too
    little text, no `osd` data). Costs 1.7-1.9 s CPU on an A4 page as a program, 0.8 s in-process
    (same answers and confidences, measured on a page turned 0/90/180/270): callers ask only
    when unsure."""
    limit = _call_timeout(timeout)
    if _use_api():
        return _osd_api(image)
    import pytesseract

    try:
        out = pytesseract.image_to_osd(Image.fromarray(image), config="--psm 0",
                                       timeout=limit, output_type=pytesseract.Output.DICT)
    except pytesseract.TesseractNotFoundError as exc:
        raise MissingDependencyError("tesseract is not installed") from exc
    except pytesseract.TesseractError:
        return None  # "Too few characters", missing osd data: no answer, not a failure
    except RuntimeError as exc:
        if "timeout" in str(exc).lower():
            raise OcrTimeoutError(f"Tesseract OSD timed out after {limit:g}s") from exc
        raise OcrError(f"Tesseract OSD failed: {exc}") from exc
    except OSError:
        # The program ran but left no .osd file (an old or broken tesseract, a full temp
        # folder): orientation is a hint, so no answer rather than a failed page.
        return None
    try:
        return Osd(int(out["rotate"]) % 360, float(out["orientation_conf"]))
    except (KeyError, TypeError, ValueError):
        return None


def _osd_api(image: np.ndarray) -> Osd | None:
    """OSD with the worker's loaded `osd` engine. It has no time-out of its own (the page job's
    deadline in the scheduler still bounds it); it takes about a second on a full page."""
    import tesserocr

    api = _APIS.get(("osd", 0))
    if api is None:
        try:
            api = tesserocr.PyTessBaseAPI(path=tessdata_dir(), lang="osd",
                                          psm=tesserocr.PSM.OSD_ONLY)
        except RuntimeError:
            return None  # no `osd` data: no answer, as from the program
        _APIS[("osd", 0)] = api
    api.SetImage(Image.fromarray(image))
    found = api.DetectOrientationScript()
    if not found:
        return None
    # orient_deg is how far the page is turned (counter-clockwise); the program's "Rotate" is
    # the clockwise turn that makes it upright, which is what Osd holds.
    return Osd((360 - int(found["orient_deg"])) % 360, float(found["orient_conf"]))


def image_to_text(image: np.ndarray, lang: str = "vie", psm: int = 3) -> OcrResult:
    data = image_to_data(image, lang=lang, psm=psm)
    text, mean = data_to_text(data)
    return OcrResult(text=text, mean_conf=mean, data=data)
