"""Issue 20's ruff pre-commit cases, judged by real pre-commit running real Ruff offline.

A stand-in ruff-pre-commit repository (a local git repository whose manifest declares
`ruff-check` as ruff-pre-commit does, `ruff check --force-exclude`, run as a system command)
is used by a project with an S violation. Ruff enforces S when pre-commit still fails on a
second run (the first may only rewrite files, as `--add-noqa` does); enforce-ruff-S passes
exactly then.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from supply_chain_hooks.hooks import enforce_ruff_s as hook
from tests.conftest import git, write

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent
PRE_COMMIT = BIN / "pre-commit"
MANIFEST = """\
- id: ruff-check
  name: ruff check
  entry: ruff check --force-exclude
  language: system
  types_or: [python, pyi, jupyter]
  require_serial: true
"""
PYPROJECT = '[tool.ruff.lint]\nextend-select = ["S"]\nignore = ["S101"]\n'


@pytest.fixture
def upstream(tmp_path: Path) -> Path:
    path = tmp_path / "ruff-pre-commit"
    write(path, ".pre-commit-hooks.yaml", MANIFEST)
    git("init", "-q", "-b", "main", cwd=path)
    git("add", "-A", cwd=path)
    git("commit", "-qm", "hooks", cwd=path)
    git("tag", "v0.17.6", cwd=path)
    return path


def pre_commit_enforces(repo: Path, env_extra: dict[str, str]) -> bool:
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home"),
        **env_extra,
    }
    env.pop("SKIP", None) if "SKIP" not in env_extra else None
    results = []
    for _ in range(2):
        completed = subprocess.run(
            [str(PRE_COMMIT), "run", "--all-files", "--color", "never"],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            stdin=subprocess.DEVNULL,
        )
        results.append(completed.returncode)
    return results[-1] != 0


CASES = [
    ("", {}, True),
    ("entry: ruff check --select E", {}, False),
    ("entry: ruff format", {}, False),
    ("entry: ruff check --force-exclude", {}, True),
    ("args: [--stdin-filename, x.py]", {}, False),
    ("args: [--help]", {}, False),
    ("args: [--add-ignore]", {}, False),
    ("args: [--add-noqa]", {}, False),
    ("alias: lint", {"SKIP": "lint"}, False),
]


@pytest.mark.parametrize(("extra", "env", "enforced"), CASES)
def test_hook_verdict_is_pre_commits(
    extra: str,
    env: dict[str, str],
    enforced: bool,
    upstream: Path,
    repo: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    skip = f"ci:\n  skip: [{env['SKIP']}]\n" if "SKIP" in env else ""
    config = (
        f"{skip}repos:\n  - repo: {upstream}\n    rev: v0.17.6\n    hooks:\n"
        f"      - id: ruff-check\n" + (f"        {extra}\n" if extra else "")
    )
    write(repo, ".pre-commit-config.yaml", config)
    write(repo, "pyproject.toml", PYPROJECT)
    write(repo, "bad.py", "eval(input())\n")
    git("add", "-A", cwd=repo)
    assert pre_commit_enforces(repo, env) == enforced
    code = hook.main([])
    out = capsys.readouterr().out
    assert (code == 0) == enforced, out


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ('lint = { select = ["E"] }\n', 'lint = { select = ["E"], extend-select = ["S"]'),
        ('lint = {select = ["E"]}\n', 'lint = {select = ["E"], extend-select = ["S"]'),
    ],
)
def test_fix_in_an_inline_table_keeps_its_spacing(
    before: str, after: str, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, "ruff.toml", before)
    write(repo, "bad.py", "eval(input())\n")
    git("add", "-A", cwd=repo)
    hook.main(["--fix"])
    capsys.readouterr()
    text = (repo / "ruff.toml").read_text()
    assert text.startswith(after), text
    assert text.rstrip("\n").endswith(" }" if "{ " in before else "]}"), text
    ruff = subprocess.run(
        [str(BIN / "ruff"), "check", "--no-cache", "bad.py"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "S307" in ruff.stdout, ruff.stdout + ruff.stderr


def test_moving_a_first_line_extend_select_leaves_no_blank_first_line(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, "ruff.toml", 'extend-select = ["E"]\n\n[lint]\nignore = ["E501"]\n')
    write(repo, "bad.py", "eval(input())\n")
    git("add", "-A", cwd=repo)
    hook.main(["--fix"])
    capsys.readouterr()
    text = (repo / "ruff.toml").read_text()
    assert text.startswith("[lint]\n"), text
    ruff = subprocess.run(
        [str(BIN / "ruff"), "check", "--no-cache", "bad.py"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "S307" in ruff.stdout, ruff.stdout + ruff.stderr


def test_every_enforce_ruff_s_golden_message_has_balanced_backticks() -> None:
    fixtures = Path(__file__).parent / "fixtures"
    lines = [
        line
        for path in (*fixtures.rglob("*.out"), *fixtures.rglob("*.txt"))
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
        if " SCH4" in line
    ]
    assert lines
    assert [line for line in lines if line.count("`") % 2] == []


def test_a_select_label_with_backticks_is_not_wrapped_again() -> None:
    from supply_chain_hooks.ruff.causes import Gap, NotSelected
    from supply_chain_hooks.ruff.origin import Origin
    from supply_chain_hooks.ruff.rules.ruff_s_not_selected import _message

    label = "`lint.select` (from `--config lint.select = ['E']`)"
    message = _message(
        NotSelected(Origin(".pre-commit-config.yaml", (), label), Gap.SELECT), "S102", "a.py"
    )
    assert message == f"{label} leaves out S102 for a.py"
    plain = _message(NotSelected(Origin("ruff.toml", (), "lint.select"), Gap.SELECT), "S1", "a.py")
    assert plain == "`lint.select` leaves out S1 for a.py"


def ruff_counts(repo: Path) -> dict[str, int]:
    completed = subprocess.run(
        [str(BIN / "ruff"), "check", "--no-cache", "--output-format", "json", "."],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    import json

    counts: dict[str, int] = {}
    for item in json.loads(completed.stdout):
        counts[item["code"]] = counts.get(item["code"], 0) + 1
    return counts


S101_CONFIGS = [
    ("ruff.toml", '[lint]\nselect = ["E"]\n'),
    ("ruff.toml", '[lint]\nselect = ["E", "S101"]\n'),
    ("ruff.toml", '[lint]\nselect = ["E"]\nignore = ["E501"]\n'),
    ("ruff.toml", 'select = ["E"]\nignore = ["E501"]\n'),
    ("ruff.toml", '[lint]\nselect = ["ALL"]\nignore = ["D", "S307"]\n'),
    ("pyproject.toml", '[project]\nname = "x"\n'),
    ("pyproject.toml", '[tool.ruff.lint]\nextend-select = ["B"]\n'),
]


@pytest.mark.parametrize(("name", "text"), S101_CONFIGS)
def test_fix_adds_s_and_keeps_s101_as_it_was(
    name: str, text: str, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, name, text)
    write(repo, "pkg/a.py", "assert True\neval(input())\n")
    write(repo, "tests/test_a.py", "def test():\n    assert 1 + 1 == 2\n")
    git("add", "-A", cwd=repo)
    before = ruff_counts(repo)
    hook.main(["--fix", "--unsafe-fixes"])
    capsys.readouterr()
    after = ruff_counts(repo)
    assert after.get("S101", 0) == before.get("S101", 0), (before, after)
    assert after.get("S307", 0) == 1, (repo / name).read_text()
    assert hook.main([]) == 0, capsys.readouterr().out


def test_removing_a_deliberate_ignore_is_unsafe(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, "ruff.toml", '[lint]\nextend-select = ["S"]\nignore = ["S307"]  # reviewed\n')
    write(repo, "a.py", "eval(input())\n")
    git("add", "-A", cwd=repo)
    assert hook.main(["--fix"]) == 1
    assert "S307" in (repo / "ruff.toml").read_text()
    assert ruff_counts(repo).get("S307", 0) == 0
    hook.main(["--fix", "--unsafe-fixes"])
    assert hook.main([]) == 0
    capsys.readouterr()
    assert ruff_counts(repo).get("S307", 0) == 1
