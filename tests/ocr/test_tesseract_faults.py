"""Fake `tesseract` programs on PATH: each failure must come back as its own typed error."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from vanban import errors
from vanban.ocr import tesseract

SCRIPTS = {
    "segfault": "#!/bin/sh\nkill -SEGV $$\n",
    "too_large": "#!/bin/sh\necho 'Image too large: (40000, 40000)' >&2\nexit 1\n",
    "hang": "#!/bin/sh\nexec sleep 10\n",
    "garbage": "#!/bin/sh\nprintf 'no tsv here\\n\\001\\002' > \"$2.tsv\"\n",
}


@pytest.fixture(autouse=True)
def _program_engine() -> Iterator[None]:
    """These fakes are programs on PATH: only the `cli` engine runs them."""
    with tesseract.engine("cli"):
        yield


def _fake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> None:
    exe = tmp_path / "tesseract"
    version = "case \"$1\" in --version) echo 'tesseract 5.3.0'; exit 0;; esac\n"
    exe.write_text(body.replace("\n", "\n" + version, 1))
    exe.chmod(exe.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.delenv(tesseract.CACHE_ENV, raising=False)


IMG = np.full((40, 40), 255, dtype=np.uint8)


@pytest.mark.parametrize("case,expected,word", [
    ("segfault", errors.OcrCrashError, "SIGSEGV"),
    ("too_large", errors.OcrImageTooLargeError, "too large"),
    ("hang", errors.OcrTimeoutError, "timed out after 1s"),
])
def test_failures_are_typed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str,
                            expected: type[Exception], word: str) -> None:
    _fake(tmp_path, monkeypatch, SCRIPTS[case])
    with pytest.raises(expected) as info:
        tesseract.image_to_data(IMG, timeout=1)
    assert word in str(info.value)
    if case != "hang":
        assert "timed out" not in str(info.value)


def test_garbage_output_is_typed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake(tmp_path, monkeypatch, SCRIPTS["garbage"])
    with pytest.raises(errors.OcrError):
        tesseract.image_to_data(IMG, timeout=5)


def test_list_langs_hang_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake(tmp_path, monkeypatch, SCRIPTS["hang"])
    with pytest.raises(errors.MissingDependencyError, match="did not answer"):
        tesseract.check_available("vie", timeout=1)


def test_missing_binary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(errors.MissingDependencyError):
        tesseract.check_available("vie")
    with pytest.raises(errors.MissingDependencyError):
        tesseract.image_to_data(IMG, timeout=1)


def test_missing_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake(tmp_path, monkeypatch, "#!/bin/sh\necho 'List of available languages (1):'\necho eng\n")
    with pytest.raises(errors.MissingDependencyError, match="'vie' is missing"):
        tesseract.check_available("vie")
