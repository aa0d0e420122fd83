from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

TYPE_CHECKING = False
if TYPE_CHECKING:
    from tests.golden import Goldens

ROOT = Path(__file__).resolve().parents[1]
#: Input trees and vendored files hold conftest.py and test_*.py of their own: never collect them.
collect_ignore = ["fixtures", "corpus"]


def in_ci() -> bool:
    """Whether this run is CI (`CI=true`): goldens are never rewritten, every oracle must run."""
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite the golden files of tests/fixtures/<family>/<case>/ (then review the diff)",
    )


def pytest_configure(config: pytest.Config) -> None:
    for name in ("UPDATE_GOLDEN", "SCH_UPDATE_GOLDEN"):
        if os.environ.get(name):
            raise pytest.UsageError(f"{name} is gone: run pytest --update-goldens")
    if config.getoption("--update-goldens") and in_ci():
        raise pytest.UsageError("--update-goldens is refused under CI=true")


@pytest.fixture
def goldens(request: pytest.FixtureRequest) -> Goldens:
    from tests.golden import Goldens

    return Goldens(bool(request.config.getoption("--update-goldens")))


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
