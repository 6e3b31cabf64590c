"""Bad names, FIFOs, symlink loops and typos are accounted for and never opened."""

from __future__ import annotations

import os
from pathlib import Path

from vanban.errors import NoInputPathError, NotRegularFileError
from vanban.ingest.discover import discover_inputs, display_name


def test_fifo_loop_and_typo(tmp_path: Path) -> None:
    good = tmp_path / "a.txt"
    good.write_text("x")
    fifo = tmp_path / "f.pdf"
    os.mkfifo(fifo)
    loop = tmp_path / "l.pdf"
    loop.symlink_to(loop)
    found, problems = discover_inputs([good, fifo, loop, tmp_path / "typo.pdf"])
    assert found == [good]
    kinds = {p.name: type(e) for p, e in problems}
    assert kinds == {"f.pdf": NotRegularFileError, "l.pdf": NotRegularFileError,
                     "typo.pdf": NoInputPathError}
    found, _ = discover_inputs([tmp_path])
    assert found == [good]


def test_undecodable_name(tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/bad\xff.txt"
    with open(raw, "wb") as fh:
        fh.write(b"x")
    found, problems = discover_inputs([tmp_path])
    assert len(found) == 1 and not problems
    assert "\\xff" in display_name(found[0])
