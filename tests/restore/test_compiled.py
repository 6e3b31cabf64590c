"""The C extension (restore/_speed.c) against its pure-Python reference in decode.py.

The extension exists for speed only: every test here holds it to the reference's exact output,
and to the same output from run to run.
"""

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vanban.models.records import RestoredText
from vanban.restore import api, compiled
from vanban.restore.decode import Cand, Decoder, Mode
from vanban.restore.model import default_model

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "data" / "samples" / "seeds"
BENCH = ROOT / "data" / "bench"


def _strip(text: str) -> str:
    nfd = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in nfd if not unicodedata.combining(c)))


def _inputs() -> list[tuple[str, str]]:
    clean = (SEEDS / "002_52c1c6f4e0330401.txt").read_text("utf-8")
    garbled = (BENCH / "001_308a2ff7bb53fc37.lines.garbled.txt").read_text("utf-8")[:6000]
    return [
        ("garbled", garbled),
        ("garbled", (SEEDS / "003_c50f75d93c9637d6.txt").read_text("utf-8")[:6000]),
        ("noaccent", _strip(clean)),
        ("correct", clean),
        # marked but impossible syllables in good text go through the vie channel
        ("correct", clean.replace("người", "nguòi").replace("đồng", "đòng")),
        # valid but wrong syllables (vie OCR's real-word errors) meet their rivals
        ("correct", clean.replace("chiều", "chiêu").replace("sáng", "sang").replace("Tổ", "Tố")),
        # names (Title case beside Title case) keep no real-word rival (restore/names.py)
        ("correct", "Buổi chiêu: Đ/c Lê Thị Sang\nNGƯỜI KÝ\n\nHoàng Thị Thu Hường\n" + clean),
    ]


def test_the_extension_is_built() -> None:
    # Installs with a C compiler (CI, `make deps`) must have it: the speed figures depend on it.
    assert compiled.available(), "vanban.restore._speed is missing: pip install -e . again"


_PAIR: list[Decoder] = []  # compiled, reference: built once (0.1 s each)


def _both(text: str, mode: Mode | None = None) -> list[RestoredText]:
    """restore_text through the compiled decoder, then through the Python reference."""
    model = default_model()
    if not _PAIR:
        _PAIR.extend(Decoder(model, compiled=c) for c in (True, False))
    saved = api._decoders.get(id(model))
    try:
        outs = []
        for dec in _PAIR:
            api._decoders[id(model)] = dec
            outs.append(api.restore_text(text, model, mode=mode))
        return outs
    finally:
        if saved is not None:
            api._decoders[id(model)] = saved


@pytest.mark.parametrize(("mode", "text"), _inputs(), ids=lambda x: x[:12])
def test_compiled_output_equals_the_python_reference(mode: str, text: str) -> None:
    outs = _both(text)
    assert outs[0].text == outs[1].text
    assert outs[0].tokens == outs[1].tokens  # choices, confidences and alternatives alike
    assert outs[0].n_changed > 0 or mode == "correct"


def test_candidate_lists_are_identical() -> None:
    model = default_model()
    fast, ref = Decoder(model, compiled=True), Decoder(model, compiled=False)
    far = ["huyliIn", "Phillic", "philung", "nifli", "Ifling"]  # searched again (decode.reach)
    near = ["néng", "thon", "méi", "Huyén", "x4", "cia", "n¢ghillp", "dwng", "a", "zzzzzz"]
    for obs in near + far:
        for mode in ("garbled", "correct"):
            assert fast.candidates(obs, mode) == ref.candidates(obs, mode), (obs, mode)


def test_malformed_segments_raise_instead_of_crashing() -> None:
    dec = Decoder(default_model(), compiled=True)
    assert dec.fast is not None
    ext, lm = dec.fast.ext, dec.fast.lm
    good = [(Cand("xã", 5, 0.0),), (Cand("nông", 6, -1.0), Cand("năm", 7, -2.0))]
    with pytest.raises(ValueError, match="without candidates"):
        ext.decode_segment(lm, [*good, ()], False, 0, 1, 6.0, 16, 4)
    with pytest.raises(ValueError, match="vocabulary"):
        ext.decode_segment(lm, [(Cand("x", 10**9, 0.0),)], False, 0, 1, 6.0, 16, 4)
    with pytest.raises(TypeError):
        ext.decode_segment(lm, [("x", "not an id", 0.0)], False, 0, 1, 6.0, 16, 4)
    with pytest.raises(TypeError):
        ext.decode_segment(lm, tuple(good), False, 0, 1, 6.0, 16, 4)  # a list is required
    assert dec.decode(good) == Decoder(default_model(), compiled=False).decode(good)


_RUN = """
import sys
from vanban.restore import restore_text
out = restore_text(sys.stdin.read())
print(out.text)
print([(t.chosen, t.confidence, t.alternatives) for t in out.tokens])
"""


def test_output_does_not_change_with_the_hash_seed() -> None:
    # Python randomises string hashing per process; no set or dict order may reach the output
    # (it once did, through ties in the candidate pre-rank).
    text = (SEEDS / "003_c50f75d93c9637d6.txt").read_text("utf-8")[:3000]
    outs = []
    for seed, pure in (("1", "0"), ("2", "0"), ("3", "1")):
        env = {**os.environ, "PYTHONHASHSEED": seed, "VANBAN_PURE_PYTHON": pure}
        outs.append(
            subprocess.run(
                [sys.executable, "-c", _RUN], input=text, env=env, capture_output=True,
                text=True, check=True,
            ).stdout
        )
    assert outs[0] == outs[1] == outs[2]


def test_pure_python_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VANBAN_PURE_PYTHON", "1")
    assert not compiled.available()
    assert Decoder(default_model()).fast is None


_ALPHABET = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạếềểễệốồổỗộớờởỡợứừửữựíìỉĩịýỳỷỹỵ"
    "AĐQW0129/-.,;:()¢|\t\n "
)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=300))
def test_compiled_equals_reference_on_arbitrary_text(text: str) -> None:
    modes: tuple[Mode, ...] = ("garbled", "noaccent", "correct")
    for mode in modes:
        fast, ref = _both(text, mode)
        assert fast == ref
