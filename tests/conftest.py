from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: Real files from public repositories, beside the repository root (absent on some machines).
CORPUS = ROOT.parent / "shared" / "corpus" / "repos"
LOCK_SAMPLES = ROOT.parent / "shared" / "research" / "lock-samples"


def corpus_files(*patterns: str) -> list[Path]:
    """Corpus files matching any glob (relative to each repository folder); [] when absent."""
    if not CORPUS.is_dir():
        return []
    found: set[Path] = set()
    for pattern in patterns:
        found.update(path for path in CORPUS.glob(f"*/{pattern}") if path.is_file())
    return sorted(found)


def require_corpus() -> None:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")


def git(*args: str, cwd: Path) -> str:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}  # fmt: skip
    return subprocess.run(
        ["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty git repository as the current directory."""
    git("init", "-q", "-b", "main", cwd=tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(root: Path, relative: str, content: str | bytes) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode())
    return path


def passed(result: tuple[object, ...]) -> bool:
    """Whether a (code, stdout[, stderr]) result is a clean run: exit 0 and stdout only the
    summary line (stderr, when given, empty)."""
    code, out, *err = result
    return (
        code == 0
        and isinstance(out, str)
        and out.startswith("All checks passed: ")
        and out.count("\n") == 1
        and err in ([], [""])
    )
