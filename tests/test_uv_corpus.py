"""Every pyproject.toml of the real-world corpus, checked and fixed in a temporary copy.

Each file is copied alone into its own directory with an (empty) uv.lock beside it, so it is
a uv project: the check must not crash, --fix must leave only findings that have no fix, and
every fixed file must still parse and set exclude-newer; uv itself reads a sample.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
import tomllib
from pathlib import Path

import pytest

from supply_chain_hooks.hooks import check_uv_exclude_newer as hook
from tests.conftest import SAMPLE, Corpus, oracle
from tests.golden import Goldens

pytestmark = pytest.mark.slow

#: Findings --fix may leave behind: a file it cannot parse, and exemptions that need a human.
NO_FIX = {"SCH001", "SCH302", "SCH306", "SCH307", "SCH308", "SCH310"}


#: Projects uv itself refuses to read, whatever their exclude-newer: path -> uv's error.
UV_REFUSES = {
    "astral-sh__setup-uv/__tests__/fixtures/pyproject-toml-project/pyproject.toml": (
        "error: Required uv version `==0.5.14` does not match the running version"
    ),
}


@pytest.fixture
def corpus_copy(corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    copies = {}
    for number, source in enumerate(corpus.files("**/pyproject.toml")):
        folder = tmp_path / f"p{number:04d}"
        folder.mkdir()
        shutil.copyfile(source, folder / "pyproject.toml")
        (folder / "uv.lock").write_bytes(b"")
        copies[f"p{number:04d}/pyproject.toml"] = source
    monkeypatch.chdir(tmp_path)  # not a git repository: the hook walks the folder
    return copies


def test_every_corpus_pyproject_is_checked_and_fixed(
    corpus: Corpus,
    corpus_copy: dict[str, Path],
    capsys: pytest.CaptureFixture[str],
    goldens: Goldens,
) -> None:
    code = hook.main([])
    first = capsys.readouterr()
    assert code == 1
    assert "internal error" not in first.err
    goldens.expect(corpus.expected / "uv_report.txt", first.out)

    code = hook.main(["--fix"])
    fixed = capsys.readouterr()
    assert code == 1, fixed.err
    assert "internal error" not in fixed.err
    assert "run `uv lock`" in fixed.err

    code = hook.main([])
    after = capsys.readouterr()
    assert "internal error" not in after.err
    lines = after.out.splitlines()[:-1]
    assert [line for line in lines if "[*]" in line] == []
    assert {line.split(": ", 1)[1].split()[0] for line in lines} <= NO_FIX
    unparsable = {line.split(":", 1)[0] for line in lines if ": SCH001 " in line}
    for relative, source in corpus_copy.items():
        text = Path(relative).read_bytes()
        if relative in unparsable:
            assert text == source.read_bytes()  # never touched
            continue
        data = tomllib.loads(text.decode("utf-8-sig"))
        assert "exclude-newer" in data.get("tool", {}).get("uv", {}), relative

    # uv itself reads the fixed files that had a [tool.uv] table (every 7th of the full
    # corpus), and takes the cutoff from them.
    uv = oracle("uv")
    env = {
        **os.environ,
        "XDG_CONFIG_HOME": str(Path("xdg").absolute()),
        "UV_OFFLINE": "1",
        "UV_PYTHON_DOWNLOADS": "never",
        "NO_COLOR": "1",
    }
    with_uv = [rel for rel, source in corpus_copy.items() if b"[tool.uv" in source.read_bytes()]
    read_by_uv = [rel for rel in with_uv if rel not in unparsable][:: 1 if corpus is SAMPLE else 7]
    assert read_by_uv
    refused = {}
    for relative in read_by_uv:
        completed = subprocess.run(
            [uv, "pip", "compile", "--offline", "--no-header", "--show-settings", os.devnull],
            cwd=Path(relative).parent,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        settings = re.sub(r"\s+", " ", completed.stdout)
        if completed.returncode != 0:
            refused[corpus.relative(corpus_copy[relative])] = completed.stderr.strip()
            continue
        assert "exclude_newer: ExcludeNewer { global: Some(" in settings, (relative, settings)
    # uv refuses exactly the expected projects, for the expected reason (not our fix).
    sampled = {corpus.relative(corpus_copy[relative]) for relative in read_by_uv}
    assert set(refused) == {path for path in UV_REFUSES if path in sampled}, refused
    for path, error in refused.items():
        assert UV_REFUSES[path] in error, (path, error)
