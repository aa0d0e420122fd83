"""The files of a run: one walker for every hook, each file read and parsed once."""

from __future__ import annotations

import collections
from collections.abc import Iterator
from pathlib import Path

import pytest

from supply_chain_hooks import discovery, fast_yaml, git, parallel, toml_doc, workspace, yaml_doc
from supply_chain_hooks.cli import main as cli_main
from supply_chain_hooks.deps import lines
from supply_chain_hooks.deps.locks import formats
from supply_chain_hooks.source import InputError, Source
from supply_chain_hooks.workspace import Workspace
from tests.conftest import git as run_git
from tests.conftest import write

WORKFLOW = """\
on: pull_request_target
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
"""

#: A pre-commit config that pin-pre-commit-revs, enforce-ruff-S and
#: check-dependency-cooldown all read.
PRE_COMMIT_CONFIG = """\
repos:
  - repo: https://github.com/astral-sh/ruff-pre-commit
    rev: v0.17.6
    hooks:
      - id: ruff-check
"""

#: A pylock.toml with one hashed wheel.
PYLOCK = """\
lock-version = "1.0"
created-by = "test"

[[packages]]
name = "idna"
version = "3.10"
wheels = [{ url = "https://files.pythonhosted.org/packages/idna-3.10-py3-none-any.whl", hashes = { sha256 = "946d195a0d259cbba61165e88e65941f16e9b36ea6ddb97f00452bae8b1287d3" } }]
"""

#: A workflow that installs two of the files the other hooks check.
INSTALL_WORKFLOW = """\
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: uv pip install --system -r requirements/base.txt -r pylock.toml
"""

#: A tree with a file in every kind of folder the walker skips.
TREE = {
    "a.txt": "",
    "sub/b.txt": "",
    "sub/deeper/c.txt": "",
    ".git-like/d.txt": "",
    "node_modules/x.txt": "",
    ".venv/lib/e.txt": "",
    "envs/py311/pyvenv.cfg": "home = /usr/bin\n",
    "envs/py311/lib/site-packages/f.txt": "",
    "__pycache__/g.txt": "",
}


@pytest.fixture
def plain_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder outside any git work tree, as the current directory."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    for name, text in TREE.items():
        write(tmp_path, name, text)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_outside_git_the_walk_skips_caches_and_every_virtualenv(plain_tree: Path) -> None:
    listing = discovery.walk(".")
    assert not listing.tracked
    # Sorted as git sorts its index; `envs/py311` holds pyvenv.cfg, so it is a virtualenv.
    assert listing.names == (".git-like/d.txt", "a.txt", "sub/b.txt", "sub/deeper/c.txt")
    assert discovery.walk("sub").names == ("b.txt", "deeper/c.txt")
    assert discovery.walk("sub").path("deeper/c.txt") == "sub/deeper/c.txt"


def test_the_folder_walked_may_itself_be_a_virtualenv(plain_tree: Path) -> None:
    assert discovery.walk("envs/py311").names == ("lib/site-packages/f.txt", "pyvenv.cfg")


def test_inside_git_the_listing_is_what_git_tracks(repo: Path) -> None:
    write(repo, "tracked.txt", "")
    write(repo, "gone.txt", "")
    write(repo, "sub/tracked.txt", "")
    run_git("add", "tracked.txt", "gone.txt", "sub/tracked.txt", cwd=repo)
    write(repo, "untracked.txt", "")
    (repo / "gone.txt").unlink()
    listing = discovery.walk(".")
    assert listing.tracked
    assert listing.names == ("gone.txt", "sub/tracked.txt", "tracked.txt")
    # Selecting looks at names only, unless the caller reads what it selects.
    assert listing.select(lambda name: name.endswith(".txt")) == list(listing.names)
    assert listing.select(lambda name: True, existing=True) == ["sub/tracked.txt", "tracked.txt"]
    assert discovery.walk("sub").names == ("tracked.txt",)


def test_a_virtualenv_is_not_checked_outside_git(
    plain_tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(plain_tree, "envs/py311/.github/workflows/w.yml", WORKFLOW)
    write(plain_tree, ".github/workflows/w.yml", WORKFLOW)
    assert cli_main(["check", "--hook", "forbid-pull-request-target", "."]) == 1
    out = capsys.readouterr().out
    assert ".github/workflows/w.yml:1:5: SCH111" in out
    assert "envs" not in out


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Iterator[collections.Counter[str]]:
    """Counts of git listings, file reads and parses (by path) during the test."""
    counts: collections.Counter[str] = collections.Counter()

    def counting(name: str, function: object) -> object:
        def wrapper(*args: object, **kwargs: object) -> object:
            first = args[0] if args else ""
            counts[f"{name}:{getattr(first, 'path', first)}"] += 1
            return function(*args, **kwargs)  # type: ignore[operator]

        return wrapper

    monkeypatch.setattr(git, "ls_files", counting("ls-files", git.ls_files))
    monkeypatch.setattr(git, "names", counting("listed", git.names))
    monkeypatch.setattr(workspace, "read", counting("read", workspace.read))
    monkeypatch.setattr(fast_yaml, "parse", counting("yaml", fast_yaml.parse))
    monkeypatch.setattr(toml_doc, "load", counting("toml", toml_doc.load))
    monkeypatch.setattr(toml_doc, "load_1_1", counting("toml-1.1", toml_doc.load_1_1))
    monkeypatch.setattr(yaml_doc, "parse", counting("yaml-slow", yaml_doc.parse))
    monkeypatch.setattr(lines, "parse", counting("requirements", lines.parse))
    monkeypatch.setattr(formats, "read", counting("lock", formats.read))
    yield counts


def test_check_lists_the_tree_once_and_reads_and_parses_each_file_once(
    repo: Path,
    counted: collections.Counter[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # In one process: the hooks share one workspace (several processes share the listing
    # made before they fork, and each reads what its hooks need).
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "1")
    write(repo, ".github/workflows/w.yml", WORKFLOW)
    write(repo, ".github/workflows/ci.yml", WORKFLOW.replace("pull_request_target", "push"))
    write(repo, "requirements.txt", "requests==2.32.3\n")
    write(repo, "pyproject.toml", '[project]\nname = "p"\n[tool.uv]\nexclude-newer = "7 days"\n')
    write(repo, "pkg/mod.py", "import os\n")
    write(repo, ".pre-commit-config.yaml", PRE_COMMIT_CONFIG)
    # base.txt is checked itself, included by two files and installed by a workflow (as is
    # pylock.toml): require-lock-hashes and require-hashed-installs share one parse of each.
    write(repo, "requirements/base.txt", "idna==3.10\n")
    write(repo, "requirements/dev.txt", "-r base.txt\n")
    write(repo, "requirements/test.txt", "-r base.txt\n-r ../pylock.toml\n")
    write(repo, "pylock.toml", PYLOCK)
    write(repo, ".github/workflows/install.yml", INSTALL_WORKFLOW)
    run_git("add", ".", cwd=repo)
    assert cli_main(["check", "."]) == 1
    out = capsys.readouterr().out
    assert "SCH101" in out and "SCH111" in out and "SCH201" in out
    # One listing by git: started ahead while the hooks are imported, collected once.
    assert counted["ls-files:."] == 0
    assert sum(count for key, count in counted.items() if key.startswith("listed:")) == 1
    assert {key for key in counted if key.startswith("read:")} == {
        "read:.github/workflows/w.yml",
        "read:.github/workflows/ci.yml",
        "read:requirements.txt",
        "read:pyproject.toml",
        "read:.pre-commit-config.yaml",
        "read:requirements/base.txt",
        "read:requirements/dev.txt",
        "read:requirements/test.txt",
        "read:pylock.toml",
        "read:.github/workflows/install.yml",
    }
    # Both workflow hooks parse w.yml (it names the trigger): once for the two of them.
    assert counted["yaml:.github/workflows/w.yml"] == 1
    # pyproject.toml is read by check-uv-exclude-newer, enforce-ruff-S and
    # check-dependency-cooldown, the pre-commit config by pin-pre-commit-revs,
    # enforce-ruff-S and check-dependency-cooldown: each is parsed once for all of them.
    assert counted["toml-1.1:pyproject.toml"] == 1
    assert counted["yaml:.pre-commit-config.yaml"] == 1
    assert counted["requirements:requirements/base.txt"] == 1
    assert counted["lock:pylock.toml"] == 1
    repeated = {key: count for key, count in counted.items() if count > 1}
    assert repeated == {}


def test_parsed_documents_follow_the_text_and_errors_are_kept(tmp_path: Path) -> None:
    path = str(write(tmp_path, "w.yml", "a: 1\n"))
    space = Workspace(str(tmp_path))
    calls: list[str] = []

    def parse(source: Source) -> str:
        calls.append(source.text)
        if ":" not in source.text:
            raise InputError("no colon")
        return source.text.upper()

    assert space.parsed(path, parse) == "A: 1\n"
    assert space.parsed(path, parse) == "A: 1\n"
    space.update(path, "b: 2\n")
    assert space.parsed(path, parse) == "B: 2\n"
    space.update(path, "broken\n")
    for _ in range(2):
        with pytest.raises(InputError, match="no colon"):
            space.parsed(path, parse)
    space.revert(path)
    assert space.parsed(path, parse) == "A: 1\n"
    assert calls == ["a: 1\n", "b: 2\n", "broken\n", "a: 1\n"]
    assert space.yaml(path).root is not None
    assert space.yaml(path) is space.yaml(path)


def test_shared_documents_are_the_ones_a_later_job_wants(tmp_path: Path) -> None:
    first = str(write(tmp_path, "a.toml", "x = 1\n"))
    second = str(write(tmp_path, "b.toml", "y = 2\n"))
    space = Workspace(str(tmp_path))
    kept = space.toml(first)
    space.share(keep=lambda path: path == first, store=lambda path: path == second)
    assert space.toml(first) is kept  # kept from before
    assert space.toml(second) is space.toml(second)  # stored
    space.share(keep=lambda path: False, store=lambda path: False)
    assert space.toml(first) is not kept  # forgotten: parsed again, not stored
    assert space.toml(first) == kept


def test_parse_keeps_one_result_per_source_and_keeps_errors(tmp_path: Path) -> None:
    path = str(write(tmp_path, "r.txt", "a\n"))
    space = Workspace(str(tmp_path))
    calls: list[str] = []

    def parse(source: Source) -> str:
        calls.append(source.text)
        if "!" in source.text:
            raise InputError("bang")
        return source.text.upper()

    source = space.source(path)
    assert space.parse(source, parse) == "A\n"
    assert space.parse(source, parse) == "A\n"
    # Another reading of the same path (a fix, or a file decoded another way) parses again.
    other = Source(source.path, "b\n", False)
    assert space.parse(other, parse) == "B\n"
    broken = Source(source.path, "!\n", False)
    for _ in range(2):
        with pytest.raises(InputError, match="bang"):
            space.parse(broken, parse)
    assert calls == ["a\n", "b\n", "!\n"]


def test_a_listing_started_ahead_and_not_needed_is_stopped(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The configuration is refused after git started listing the folder: the listing is
    # stopped and collected (an abandoned process would be a ResourceWarning, an error here).
    write(repo, "pyproject.toml", "[tool.supply-chain-hooks]\nexclude = 3\n")
    write(repo, "a.py", "x = 1\n")
    run_git("add", ".", cwd=repo)
    assert cli_main(["check", "."]) == 2
    assert "exclude must be a list" in capsys.readouterr().err
    assert not discovery._PREFETCHED
