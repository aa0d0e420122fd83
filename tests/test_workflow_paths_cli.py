"""Through the real command line (issue 19): every path resolves against the root of the
repository it belongs to, an argument that matched nothing is named on stderr, and valid
YAML 1.2 flow scalars keep a workflow's findings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import git, write

WF = ".github/workflows/x.yml"
TEXT = (
    "on: pull_request_target\njobs:\n  test:\n    runs-on: ubuntu-latest\n"
    "    container: {image: node:20}\n    steps:\n      - uses: actions/checkout@v4\n"
)
SCRIPTS = Path(sys.executable).parent


def cli(name: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPTS / name), *args], cwd=cwd, capture_output=True, text=True, check=False
    )


@pytest.fixture
def tracked(repo: Path) -> Path:
    write(repo, WF, TEXT)
    git("add", "-A", cwd=repo)
    return repo


def codes(out: str) -> list[str]:
    return [
        line.split(": ")[0].split(":", 1)[1] + " " + line.split()[1]
        for line in out.splitlines()[:-1]
    ]


@pytest.mark.parametrize(
    ("name", "args", "where", "expected"),
    [
        # SCH108: the job's container `node:20` has no digest
        ("pin-actions-to-sha", [".github/workflows"], ".", ["5:24 SCH108", "7:15 SCH101"]),
        ("forbid-pull-request-target", [".github"], ".", ["1:5 SCH111"]),
        (
            "supply-chain-hooks",
            ["check", ".github/workflows"],
            ".",
            ["1:5 SCH111", "5:24 SCH108", "7:15 SCH101"],
        ),
        (
            "supply-chain-hooks",
            ["check", "<abs>"],
            ".",
            ["1:5 SCH111", "5:24 SCH108", "7:15 SCH101"],
        ),
        (
            "supply-chain-hooks",
            ["check", "workflows/x.yml"],
            ".github",
            ["1:5 SCH111", "5:24 SCH108", "7:15 SCH101"],
        ),
        ("pin-actions-to-sha", ["."], ".github", ["5:24 SCH108", "7:15 SCH101"]),
        ("forbid-pull-request-target", ["x.yml"], ".github/workflows", ["1:5 SCH111"]),
    ],
)
def test_directories_absolute_paths_and_subfolders_are_checked(
    tracked: Path, name: str, args: list[str], where: str, expected: list[str]
) -> None:
    args = [str(tracked / WF) if arg == "<abs>" else arg for arg in args]
    result = cli(name, *args, cwd=tracked / where)
    assert result.returncode == 1, result
    assert codes(result.stdout) == expected
    assert result.stderr == ""


@pytest.mark.parametrize(
    "allow", [WF, "<abs>", ".github/workflows/*.yml"], ids=["relative", "absolute", "glob"]
)
@pytest.mark.parametrize("given", [WF, "<abs>"], ids=["relative-path", "absolute-path"])
def test_allow_matches_however_the_path_is_written(tracked: Path, allow: str, given: str) -> None:
    absolute = str(tracked / WF)
    allow, given = (absolute if x == "<abs>" else x for x in (allow, given))
    result = cli("forbid-pull-request-target", "--allow", allow, given, cwd=tracked)
    assert result.returncode == 0, result
    assert "SCH111" not in result.stdout
    assert result.stderr == ""


def test_an_argument_that_matches_nothing_is_named_on_stderr(tracked: Path) -> None:
    write(tracked, "docs/readme.md", "x\n")
    git("add", "-A", cwd=tracked)
    result = cli("pin-actions-to-sha", "docs", WF, cwd=tracked)
    assert result.returncode == 1
    assert result.stderr == "docs: no file here that pin-actions-to-sha checks\n"
    result = cli("supply-chain-hooks", "check", "docs", cwd=tracked)
    assert result.returncode == 0
    assert result.stderr.startswith("docs: no file here that pin-actions-to-sha, ")


def test_valid_flow_scalars_keep_the_findings(tracked: Path) -> None:
    """`{image: node:20}` is valid YAML 1.2: the file's real findings, not SCH001."""
    for extra in ("", "      - {uses: docker://alpine:3.19}\n", "x: &a [release-v1.?]\n"):
        (tracked / WF).write_text(TEXT + extra)
        for name, expected in (
            ("pin-actions-to-sha", "7:15 SCH101"),
            ("forbid-pull-request-target", "1:5 SCH111"),
        ):
            result = cli(name, WF, cwd=tracked)
            assert result.returncode == 1
            assert expected in codes(result.stdout), result.stdout
            assert "SCH001" not in result.stdout
