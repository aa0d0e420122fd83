"""How `check` finds its files on a large repository: by string, before the filesystem.

No timing here: these tests protect the structure that keeps `check` fast (issue 12 item 7):
a hook's `matches` runs only on names that end with one of its `suffixes`, that promise is
true for every hook, and a run opens or stats no file that no hook selects.
"""

from __future__ import annotations

import builtins
import collections
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from supply_chain_hooks import cli
from supply_chain_hooks.discovery import PYTHON_SUFFIXES, Listing
from supply_chain_hooks.hooks import HOOK_MODULES, load
from tests.conftest import ROOT
from tests.test_benchmarks import bench

#: Names each hook (or a near miss) may meet, beside every file of this repository.
SPECIAL = [
    "Dockerfile",
    "app/Dockerfile",
    "web.Dockerfile",
    "Containerfile",
    "x/y.Containerfile",
    "Dockerfile.dev",
    ".renovaterc",
    ".renovaterc.json",
    ".renovaterc.json5",
    "renovate.json",
    "renovate.json5",
    ".github/renovate.json",
    ".gitlab/renovate.json5",
    "package.json",
    "sub/package.json",
    "pip.conf",
    "etc/pip.ini",
    ".github/dependabot.yml",
    ".github/dependabot.yaml",
    ".github/workflows/ci.yml",
    ".github/workflows/a.yaml",
    "./.github/workflows/b.yml",
    ".github/workflows/sub/c.yml",
    "action.yml",
    "x/action.yaml",
    "requirements.txt",
    "requirements/dev/base.txt",
    "dev-requirements.txt",
    "requirement.txt",
    "test-constraints.txt",
    "constraints.in",
    "uv.lock",
    "sub/uv.lock",
    "pylock.toml",
    "pylock.dev.toml",
    "poetry.lock",
    "pdm.lock",
    "Pipfile.lock",
    "Pipfile",
    "pyproject.toml",
    "uv.toml",
    "ruff.toml",
    ".ruff.toml",
    "x/.ruff.toml",
    ".pre-commit-config.yaml",
    "sub/.pre-commit-config.yaml",
    ".pre-commit-config.yml",
    "a.py",
    "b/c.pyi",
    "d.pyx",
    "README.md",
    "setup.cfg",
    "tox.ini",
]


def _paths() -> list[str]:
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    return [*SPECIAL, *(name for name in tracked.split("\0") if name)]


@pytest.mark.parametrize("hook_id", list(HOOK_MODULES))
def test_every_path_a_hook_matches_ends_with_its_suffixes(hook_id: str) -> None:
    hook = load(hook_id)
    assert hook.suffixes, "every hook declares the endings of the paths it matches"
    matched = [path for path in _paths() if hook.matches(path)]
    assert matched  # the list above holds files of every hook
    assert [path for path in matched if not path.endswith(hook.suffixes)] == []


def test_select_calls_matches_only_on_names_with_the_suffixes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    names = tuple(sorted([f"pkg/m{n}.py" for n in range(500)] + ["a.yml", "b/c.yaml", "d.txt"]))
    listing = Listing(".", names, tracked=True)
    seen: list[str] = []
    checked: list[str] = []

    def matches(name: str) -> bool:
        seen.append(name)
        return name != "a.yml"

    def isfile(path: str) -> bool:
        checked.append(path)
        return True

    monkeypatch.setattr(os.path, "isfile", isfile)
    assert listing.select(matches, suffixes=(".yml", ".yaml"), existing=True) == ["b/c.yaml"]
    assert seen == ["a.yml", "b/c.yaml"]
    assert checked == ["b/c.yaml"]  # only what was selected is looked up on disk
    # Selected once per run: asking again (to report unused arguments) repeats nothing.
    assert listing.select(matches, suffixes=(".yml", ".yaml"), existing=True) == ["b/c.yaml"]
    assert seen == ["a.yml", "b/c.yaml"]
    assert checked == ["b/c.yaml"]
    # Python suffixes are looked for among every name, the others among the rest only.
    assert len(listing.ending((".py",))) == 500
    assert listing.ending(("m1.py",)) == ("pkg/m1.py",)
    assert listing.ending((".txt",)) == ("d.txt",)


def test_check_on_a_large_repository_touches_only_the_files_hooks_select(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "big"
    bench.generate_big_repository(root, files=1500)
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=root, capture_output=True, check=True
    ).stdout.decode()
    names = [name for name in listed.split("\0") if name]
    folders = {os.path.dirname(name) for name in names}
    touched: collections.Counter[str] = collections.Counter()

    def counting(module: object, name: str) -> None:
        original = getattr(module, name)

        def call(path: object, *args: object, **kwargs: object) -> object:
            if isinstance(path, (str, bytes, os.PathLike)):
                text = os.fsdecode(path)
                relative = os.path.relpath(os.path.abspath(text), root)
                touched[relative.replace(os.sep, "/")] += 1
            return original(path, *args, **kwargs)

        monkeypatch.setattr(module, name, call)

    monkeypatch.chdir(root)
    for name in ("stat", "lstat", "open", "scandir", "listdir"):
        counting(os, name)
    counting(builtins, "open")
    code = cli.main(["check", "."])
    assert code == 1  # the generated repository has findings
    assert "SCH" in capsys.readouterr().out
    hooks = [load(hook_id) for hook_id in HOOK_MODULES]
    # The Python files (which the Ruff hook only names: its `git grep` reads them, inside
    # git) and every file no hook matches (docs, data, node_modules)...
    quiet = {
        name
        for name in names
        if name.endswith(PYTHON_SUFFIXES) or not any(hook.matches(name) for hook in hooks)
    }
    assert len(quiet) > 0.9 * len(names)
    # ...are never stat'ed, opened or listed: hooks select them by name.
    assert sorted(name for name in touched if name in quiet) == []
    # Filesystem calls are bounded by folders (Ruff looks for its configs in each folder
    # that holds a Python file) and the few files the hooks selected, not by files.
    assert sum(touched.values()) <= 4 * len(folders) + 200
    assert len(names) > 4 * len(folders)
