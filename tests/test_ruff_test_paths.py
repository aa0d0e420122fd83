"""enforce-ruff-S `test-paths`: more test files than the default heuristic (issue 13 item 7).

A file a `--test-path` glob (or `test-paths` in the hook's table) matches is a test file like
`tests/test_a.py`: any S rule may be off there. The real ruff is the oracle for what a per-file
ignore really switches off in those files.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from supply_chain_hooks.hooks import enforce_ruff_s
from supply_chain_hooks.ruff.policy import DEFAULT_TEST_PATHS, Policy, is_test_file
from supply_chain_hooks.ruff.verdict import analyze
from supply_chain_hooks.source import read
from tests.golden import CANARY

from .conftest import git, passed, ruff_oracle, write

#: Test layouts the default heuristic misses, each ignored for S the way projects do it.
PYPROJECT = """\
[tool.ruff.lint]
select = ["S"]
per-file-ignores = { "tests/**" = ["S"], "pkg/_tests/**" = ["S"], "testing/**" = ["S"] }
"""
FILES = ("app.py", "tests/test_a.py", "pkg/_tests/helpers.py", "testing/util.py")
CUSTOM = ("pkg/_tests/helpers.py", "testing/util.py")


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = enforce_ruff_s.main(args)
    return code, capsys.readouterr().out


@pytest.fixture
def layout(repo: Path) -> Path:
    write(repo, "pyproject.toml", PYPROJECT)
    for path in FILES:
        write(repo, path, CANARY)
    git("add", "-A", cwd=repo)
    return repo


def ruff_s_codes(root: Path, files: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """What `ruff check --select S` really reports, per file, as pre-commit runs it."""
    result = subprocess.run(
        [
            ruff_oracle(),
            "check",
            "--no-cache",
            "--no-fix",
            "--force-exclude",
            "--select",
            "S",
            "--output-format",
            "json",
            *files,
        ],
        cwd=root,
        env={**os.environ, "XDG_CONFIG_HOME": str(root / ".xdg-empty")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    found: dict[str, set[str]] = {path: set() for path in files}
    for diagnostic in json.loads(result.stdout):
        path = Path(diagnostic["filename"]).resolve().relative_to(root.resolve()).as_posix()
        if re.fullmatch(r"S\d+", diagnostic["code"] or ""):
            found[path].add(diagnostic["code"])
    return {path: frozenset(codes) for path, codes in found.items()}


def test_custom_test_layouts_are_reported_without_the_option(
    layout: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run([], capsys)
    assert code == 1
    reported = [line for line in out.splitlines() if " SCH404 " in line]
    assert len(reported) == 2
    for path in CUSTOM:
        assert sum(path in line for line in reported) == 1
    assert "tests/test_a.py" not in out  # a default test file


@pytest.mark.parametrize(
    "args",
    [
        ["--test-path", "**/_tests", "--test-path", "testing/"],
        ["--test-path", "pkg/_tests/**", "--test-path", "testing/*.py"],
        ["--test-path=*/_tests/*", "--test-path=testing"],
    ],
)
def test_a_custom_test_path_is_a_test_file_like_the_defaults(
    layout: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    assert passed(run(args, capsys))


def test_test_paths_from_the_hook_table_add_to_the_command_line(
    layout: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        layout,
        "pyproject.toml",
        PYPROJECT + '\n[tool.supply-chain-hooks.enforce-ruff-S]\ntest-paths = ["testing"]\n',
    )
    code, out = run(["--test-path", "**/_tests/**"], capsys)
    assert passed((code, out))
    code, out = run([], capsys)
    assert code == 1 and "pkg/_tests/helpers.py" in out and "testing/util.py" not in out


def test_no_default_test_paths_replaces_the_defaults(
    layout: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run(
        ["--no-default-test-paths", "--test-path", "**/_tests", "--test-path", "testing"], capsys
    )
    assert code == 1
    (line,) = out.splitlines()[:-1]
    assert '"tests/**"' in line and "SCH404" in line and "tests/test_a.py" in line
    write(
        layout,
        "pyproject.toml",
        PYPROJECT + "\n[tool.supply-chain-hooks.enforce-ruff-S]\ndefault-test-paths = false\n",
    )
    code, out = run([], capsys)
    assert code == 1 and out.count("SCH404") == 3


def test_a_bad_test_paths_value_is_a_usage_error(
    layout: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        layout,
        "pyproject.toml",
        PYPROJECT + '\n[tool.supply-chain-hooks.enforce-ruff-S]\ntest-paths = "testing"\n',
    )
    assert enforce_ruff_s.main([]) == 2
    assert "test-paths must be a list of strings" in capsys.readouterr().err


def test_ruff_agrees_custom_and_default_test_files_are_ignored_alike(layout: Path) -> None:
    """The per-file ignores a custom test path is exempt by are the ones Ruff applies: Ruff
    reports no S rule in those files, as in the default test file, and every S rule of the
    canary in app.py; our verdict says the same per file."""
    actual = ruff_s_codes(layout, FILES)
    verdict = analyze(list(FILES), read, Policy(allow=frozenset(), exempt_tests=False), root=".")
    for path in FILES:
        ours = frozenset(verdict.table.rules[i].label for i in verdict.reported[path])
        assert ours == actual[path], path
    assert actual["app.py"] and all(not actual[path] for path in FILES[1:])
    # The hook's policy: the same files are exempt, through the option, as tests/ by default.
    custom = Policy(test_paths=("**/_tests", "testing"))
    assert [path for path in FILES if custom.is_test(path)] == list(FILES[1:])
    assert [path for path in FILES if Policy().is_test(path)] == ["tests/test_a.py"]


@pytest.mark.parametrize(
    "path",
    [
        "tests/a.py",
        "src/pkg/tests/deep/a.py",
        "test/a.py",
        "test_a.py",
        "pkg/test_a.pyi",
        "pkg/a_test.py",
        "conftest.py",
        "pkg/conftest.pyi",
        "app.py",
        "testing/a.py",
        "pkg/_tests/a.py",
        "tests.py",
        "pkg/test.py",
        "latest_x.py",
        "attest/a.py",
    ],
)
def test_the_documented_default_globs_are_the_heuristic(path: str) -> None:
    from supply_chain_hooks.ruff.policy import matches_test_path

    assert matches_test_path(path, DEFAULT_TEST_PATHS) == is_test_file(path)
