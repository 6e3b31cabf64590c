from pathlib import Path

import pytest

from vanban.errors import NoInputError
from vanban.ingest import discover


def test_folders_are_recursive_and_sorted_and_skip_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "x.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / ".hidden.txt").write_text("x")
    (tmp_path / "notes.docx").write_text("x")
    got = discover([tmp_path])
    assert got == [tmp_path / "a.txt", tmp_path / "b" / "x.pdf"]


def test_globs_and_explicit_files_deduplicated(tmp_path: Path) -> None:
    for name in ("1.png", "2.png", "3.tiff"):
        (tmp_path / name).write_bytes(b"x")
    got = discover([str(tmp_path / "*.png"), tmp_path / "1.png", tmp_path / "3.tiff"])
    assert got == [tmp_path / "1.png", tmp_path / "2.png", tmp_path / "3.tiff"]


def test_explicit_unsupported_file_is_kept_so_it_can_be_reported(tmp_path: Path) -> None:
    f = tmp_path / "scan.docx"
    f.write_text("x")
    assert discover([f]) == [f]


def test_nothing_found_names_the_paths(tmp_path: Path) -> None:
    with pytest.raises(NoInputError, match="nowhere"):
        discover([tmp_path / "nowhere"])
