from pathlib import Path

import pytest

from vanban.restore.cli import main


def test_restores_a_file_to_an_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.txt"
    src.write_text("Xay dung nong thon moi nam 2021\n", "utf-8")
    out = tmp_path / "out.txt"
    assert main([str(src), "-o", str(out), "--show-changes"]) == 0
    assert out.read_text("utf-8") == "Xây dựng nông thôn mới năm 2021\n"
    err = capsys.readouterr().err
    assert "moi -> mới" in err


def test_missing_file_is_an_error(tmp_path: Path) -> None:
    assert main([str(tmp_path / "nope.txt")]) == 2
