"""Fake `tesseract` programs put first on PATH (fault injection from outside the product).

Every fake answers `--version` and `--list-langs` like a real install (so start-up checks pass)
and then misbehaves on the OCR call itself: hang, or answer instantly with a fixed TSV.
Spawned workers inherit PATH, so the fake reaches every executor.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

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
    "empty": f"printf '{_TSV_HEAD}\\n' > \"$2.tsv\"\n",
    "words": (f"printf '{_TSV_HEAD}\\n"
              "5\\t1\\t1\\t1\\t1\\t1\\t10\\t10\\t80\\t30\\t95\\tKế\\n"
              "5\\t1\\t1\\t1\\t1\\t2\\t100\\t10\\t80\\t30\\t95\\thoạch\\n"
              "5\\t1\\t1\\t1\\t1\\t3\\t190\\t10\\t80\\t30\\t95\\tnông\\n"
              "5\\t1\\t1\\t1\\t1\\t4\\t280\\t10\\t80\\t30\\t95\\tthôn\\n"
              "5\\t1\\t1\\t1\\t1\\t5\\t370\\t10\\t80\\t30\\t95\\tmới\\n' > \"$2.tsv\"\n"),
}


def install(folder: Path, kind: str) -> str:
    """Write the fake into `folder` and return a PATH value that puts it first."""
    folder.mkdir(parents=True, exist_ok=True)
    exe = folder / "tesseract"
    exe.write_text(_PREAMBLE + BODIES[kind], encoding="utf-8")
    exe.chmod(exe.stat().st_mode | stat.S_IEXEC)
    return f"{folder}{os.pathsep}{os.environ['PATH']}"
