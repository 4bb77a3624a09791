"""Every folder in tests/broken/ is laid over the packaged data and must fail with exactly the
message(s) and exit code in its expected.txt."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from routes.cli import app

BROKEN = sorted(p for p in (Path(__file__).parent / "broken").iterdir() if p.is_dir())


def test_corpus_is_large_enough() -> None:
    assert len(BROKEN) >= 20


@pytest.mark.parametrize("folder", BROKEN, ids=[p.name for p in BROKEN])
def test_broken_folder_gets_its_exact_message(folder: Path, runner: CliRunner,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    code_line, *expected = (folder / "expected.txt").read_text(encoding="utf-8").splitlines()
    monkeypatch.chdir(folder)
    result = runner.invoke(app, ["validate", "--data", "."])
    assert result.exit_code == int(code_line.split()[1])
    assert result.stderr.splitlines() == expected
    assert "Traceback" not in result.output
