from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
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
    config.addinivalue_line("markers", "corpora(*names): run a corpus test over these corpora only")
    for name in ("UPDATE_GOLDEN", "SCH_UPDATE_GOLDEN"):
        if os.environ.get(name):
            raise pytest.UsageError(f"{name} is gone: run pytest --update-goldens")
    if config.getoption("--update-goldens") and in_ci():
        raise pytest.UsageError("--update-goldens is refused under CI=true")


@pytest.fixture
def goldens(request: pytest.FixtureRequest) -> Goldens:
    from tests.golden import Goldens

    return Goldens(bool(request.config.getoption("--update-goldens")))


@dataclass(frozen=True)
class Corpus:
    """Real files from public repositories, one folder per repository (`<owner>__<name>/...`).

    ``sample`` is vendored in tests/corpus (see its NOTICE) and always runs; ``full`` is the
    shared corpus beside the repository (``../shared/corpus``, as in CI), and tests over it are
    collected only when it is there. Expected results per corpus live in
    tests/corpus/expected/<name>/.
    """

    name: str
    root: Path

    def files(self, *patterns: str) -> list[Path]:
        """Files matching any glob (relative to each repository folder), sorted."""
        found: set[Path] = set()
        for pattern in patterns:
            found.update(path for path in self.root.glob(f"*/{pattern}") if path.is_file())
        return sorted(found)

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    @property
    def expected(self) -> Path:
        return ROOT / "tests" / "corpus" / "expected" / self.name


SAMPLE = Corpus("sample", ROOT / "tests" / "corpus" / "repos")
FULL = Corpus("full", ROOT.parent / "shared" / "corpus" / "repos")
CORPORA = [SAMPLE, *([FULL] if FULL.root.is_dir() else [])]
#: Lock and requirements files the research generated with uv, pip, poetry, pdm and pipenv.
LOCK_SAMPLES = ROOT / "tests" / "corpus" / "lock-samples"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test that takes `corpus` runs over the sample, and over the full corpus when present
    (`@pytest.mark.corpora("sample")` keeps a test to the named corpora)."""
    if "corpus" in metafunc.fixturenames:
        marker = metafunc.definition.get_closest_marker("corpora")
        corpora = [c for c in CORPORA if marker is None or c.name in marker.args]
        metafunc.parametrize("corpus", corpora, ids=[c.name for c in corpora], scope="module")


_ORACLES: dict[tuple[str, str | None], str] = {}


def oracle(name: str, version: str | None = None) -> str:
    """A real tool the tests compare with (uv, ruff, zizmor): the one beside the running
    interpreter first (the development environment pins its version), else the first on PATH.
    When it is missing (or not the version asked for) the test is skipped, but under CI=true it
    fails: CI installs every oracle."""
    found = _ORACLES.get((name, version))
    if found is None:
        found = _find_oracle(name, version)
        _ORACLES[(name, version)] = found
    return found


def _find_oracle(name: str, version: str | None) -> str:
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.is_file() and os.access(beside, os.X_OK) else shutil.which(name)
    problem = None
    if found is None:
        problem = f"{name} is not installed"
    elif version is not None:
        words = subprocess.run(
            [found, "--version"], capture_output=True, text=True, check=False
        ).stdout.split()
        if words[1:2] != [version]:
            problem = f"needs {name} {version}, found {' '.join(words) or 'nothing'} at {found}"
    if problem is not None:
        if in_ci():
            pytest.fail(f"{problem}; CI=true runs every oracle")
        pytest.skip(problem)
    assert found is not None
    return found


def ruff_oracle() -> str:
    """The ruff whose version is the newest of our rule table."""
    from supply_chain_hooks.ruff import table

    return oracle("ruff", ".".join(map(str, table.versions()[-1])))


def git(*args: str, cwd: Path) -> str:
    env = {
        **os.environ,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t",
    }
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
