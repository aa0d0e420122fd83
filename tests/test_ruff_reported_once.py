"""enforce-ruff-S reports a file once per cause, and a file Ruff never sees only for the filter
that keeps it away (issue 13 items 8 and 9)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from supply_chain_hooks.hooks import enforce_ruff_s

from .conftest import git, write

FORCED = " from Ruff (the ruff hook passes --force-exclude)"
HOOK = """\
repos:
  - repo: https://github.com/astral-sh/ruff-pre-commit
    rev: v0.17.6
    hooks:
      - id: ruff-check
{extra}"""


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = enforce_ruff_s.main(args)
    lines = capsys.readouterr().out.splitlines()
    return code, lines[:-1]  # the summary line aside


def mentions(lines: list[str], path: str) -> list[str]:
    """The findings whose message names `path` or that are reported in it."""
    return [
        line for line in lines if line.startswith(f"{path}:") or re.search(rf"\b{path}\b", line)
    ]


def test_excluded_file_with_a_file_level_noqa_is_reported_once(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        repo,
        "pyproject.toml",
        '[tool.ruff]\nextend-exclude = ["gen"]\n[tool.ruff.lint]\nextend-select = ["S"]\n',
    )
    write(repo, "gen/out.py", "# ruff: noqa\nimport os\n")
    write(repo, "app.py", "import os\n")
    git("add", "-A", cwd=repo)
    code, lines = run([], capsys)
    assert code == 1
    assert lines == [
        'pyproject.toml:2:19: SCH406 "gen" in `extend-exclude` excludes gen/out.py' + FORCED
    ]


def test_folder_excluded_by_the_hook_and_by_ruff_is_reported_once(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, ".pre-commit-config.yaml", HOOK.format(extra="        exclude: ^vendor/\n"))
    write(
        repo,
        "pyproject.toml",
        '[tool.ruff]\nextend-exclude = ["vendor"]\n[tool.ruff.lint]\nextend-select = ["S"]\n'
        'per-file-ignores = { "vendor/**" = ["S"] }\n',
    )
    write(repo, "vendor/lib/a.py", "# ruff: noqa\n")
    write(repo, "vendor/lib/b.py", "import os\n")
    write(repo, "app.py", "import os\n")
    git("add", "-A", cwd=repo)
    code, lines = run([], capsys)
    assert code == 1
    # pre-commit never passes vendor/ to Ruff: that filter is the one cause, for both files.
    assert lines == [
        ".pre-commit-config.yaml:6:18: SCH415 the hook's exclude: ^vendor/ keeps 2 files "
        + "(vendor/lib/a.py, vendor/lib/b.py) away from the ruff hook"
    ]
    for path in ("vendor/lib/a.py", "vendor/lib/b.py"):
        assert len(mentions(lines, path)) == 1


def test_exclude_and_lint_exclude_matching_one_file_report_it_once(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        repo,
        "pyproject.toml",
        '[tool.ruff]\nextend-exclude = ["gen"]\n[tool.ruff.lint]\nextend-select = ["S"]\n'
        'exclude = ["gen/*", "other/*"]\n',
    )
    write(repo, "gen/a.py", "import os\n")
    write(repo, "other/b.py", "import os\n")
    git("add", "-A", cwd=repo)
    code, lines = run([], capsys)
    assert code == 1
    assert lines == [
        'pyproject.toml:2:19: SCH406 "gen" in `extend-exclude` excludes gen/a.py' + FORCED,
        'pyproject.toml:5:21: SCH406 "other/*" in `lint.exclude` excludes other/b.py' + FORCED,
    ]


def test_an_excluded_file_is_not_listed_among_those_its_config_leaves_unselected(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ruff never reads an excluded file: its config's `select` is no cause for it."""
    write(
        repo,
        "pyproject.toml",
        '[tool.ruff]\nextend-exclude = ["gen"]\n[tool.ruff.lint]\nselect = ["E", "S"]\n'
        'ignore = ["S603"]\n',
    )
    write(repo, "gen/out.py", "import os\n")
    write(repo, "app.py", "import os\n")
    git("add", "-A", cwd=repo)
    code, lines = run([], capsys)
    assert code == 1
    assert lines == [
        'pyproject.toml:2:19: SCH406 "gen" in `extend-exclude` excludes gen/out.py' + FORCED,
        'pyproject.toml:5:11: SCH402 "S603" in `lint.ignore` switches off S603 for app.py',
    ]


def test_files_no_config_governs_are_reported_once_per_project_root(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for folder in ("a", "b", "c", "c/d"):
        write(repo, f"{folder}/__init__.py", "")
    write(repo, "c/x.py", "import os\n")
    write(repo, "tool/pyproject.toml", '[project]\nname = "tool"\n')
    write(repo, "tool/main.py", "import os\n")
    write(repo, "tool/sub/__init__.py", "")
    git("add", "-A", cwd=repo)
    code, lines = run([], capsys)
    assert code == 1
    # One finding per project root, at the pyproject.toml the fix edits, or at the repository
    # root (where a ruff.toml would go); never at some __init__.py of each folder.
    assert lines == [
        ".:1:1: SCH401 no Ruff config governs 5 Python files (a/__init__.py, ...): "
        + "54 of 58 stable S rules not enabled",
        "tool/pyproject.toml:1:1: SCH401 [*] no Ruff config governs 2 Python files "
        + "(tool/main.py, ...): 54 of 58 stable S rules not enabled",
    ]
    assert all(len(line) < 140 for line in lines)
    assert enforce_ruff_s.main(["--fix"]) == 1
    capsys.readouterr()
    _, lines = run([], capsys)
    assert [line.split(":")[0] for line in lines] == ["."]
