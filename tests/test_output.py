"""The text report people read, through the real command line: one line per finding with
`[*]` on every fixable one, the summary line always (text only), --show-hints,
--statistics, --quiet, and check's help."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from supply_chain_hooks.hooks import HOOK_MODULES
from tests.conftest import git, write

WORKFLOW = """\
on: pull_request_target
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@main
"""


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run(
        [sys.executable, "-m", "supply_chain_hooks", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "COLUMNS": "2000"},
    )


@pytest.fixture
def project(repo: Path) -> Path:
    write(repo, ".github/workflows/ci.yml", WORKFLOW)
    write(repo, "README.md", "hello\n")
    git("add", ".", cwd=repo)
    return repo


def test_text_lines_mark_every_fixable_finding_and_end_with_a_summary(project: Path) -> None:
    run = cli("check", cwd=project)
    assert run.returncode == 1
    lines = run.stdout.splitlines()
    # SCH101 on a tag is fixed by --fix (it resolves the tag then): marked; a branch is not.
    assert lines[0].startswith(".github/workflows/ci.yml:1:5: SCH111 ")
    assert lines[1].startswith(".github/workflows/ci.yml:6:15: SCH101 [*] ")
    assert lines[2].startswith(".github/workflows/ci.yml:7:15: SCH101 ")
    assert " [*] " not in lines[2]
    assert lines[-1] == "Found 3 problems (1 fixable with --fix)."
    assert len(lines) == 4


def test_success_prints_a_summary_line(repo: Path) -> None:
    write(repo, ".github/workflows/ci.yml", "on: push\njobs: {}\n")
    git("add", ".", cwd=repo)
    run = cli("check", cwd=repo)
    assert (run.returncode, run.stdout, run.stderr) == (
        0,
        f"All checks passed: {len(HOOK_MODULES)} hooks, 1 file.\n",
        "",
    )
    one = cli("check", "--hook", "forbid-pull-request-target", cwd=repo)
    assert one.stdout == "All checks passed: 1 hook, 1 file.\n"


@pytest.mark.parametrize("output_format", ["json", "sarif", "github"])
def test_machine_formats_are_the_document_alone(project: Path, output_format: str) -> None:
    run = cli("check", "--format", output_format, cwd=project)
    assert run.returncode == 1
    assert "Found" not in run.stdout
    if output_format != "github":
        json.loads(run.stdout)  # nothing but the document
    else:
        assert all(line.startswith("::error ") for line in run.stdout.splitlines())


def test_json_help_carries_the_hint(project: Path) -> None:
    findings = json.loads(cli("check", "--format", "json", cwd=project).stdout)
    sch101 = next(f for f in findings if f["code"] == "SCH101")
    assert "Use instead" in sch101["help"]
    assert sch101["help"].endswith("supply-chain-hooks rule SCH101")


def test_hints_only_when_asked(project: Path) -> None:
    plain = cli("check", cwd=project).stdout
    assert "Use instead" not in plain
    hinted = cli("check", "--show-hints", cwd=project).stdout.splitlines()
    first = hinted.index(next(line for line in hinted if " SCH101 " in line))
    block = []
    for line in hinted[first + 1 :]:
        if not line.startswith("    ") and line:
            break
        block.append(line)
    assert any("Use instead" in line for line in block)
    assert block[-1] == "    Documentation: supply-chain-hooks rule SCH101"
    assert hinted[-1] == "Found 3 problems (1 fixable with --fix)."


def test_statistics_and_quiet(project: Path) -> None:
    stats = cli("check", "--statistics", cwd=project)
    assert stats.returncode == 1
    assert stats.stdout.splitlines() == [
        "2  SCH101  [*] unpinned-action-ref",
        "1  SCH111      pull-request-target",
        "Found 3 problems (1 fixable with --fix).",
    ]
    quiet = cli("check", "-q", cwd=project)
    assert quiet.returncode == 1
    assert len(quiet.stdout.splitlines()) == 3
    assert "Found" not in quiet.stdout
    hook = cli("check", "--hook", "pin-actions-to-sha", "--quiet", cwd=project)
    assert all(" SCH101 " in line for line in hook.stdout.splitlines())


def test_hook_command_lines_take_the_output_options(project: Path) -> None:
    code = subprocess.run(
        [
            str(Path(sys.executable).with_name("forbid-pull-request-target")),
            "--statistics",
            ".github/workflows/ci.yml",
        ],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert code.returncode == 1
    assert code.stdout.splitlines() == [
        "1  SCH111      pull-request-target",
        "Found 1 problem.",
    ]


def test_check_help_lists_hooks_and_options_and_unknown_hook_names_them(project: Path) -> None:
    from supply_chain_hooks.hooks import HOOK_MODULES

    help_text = cli("check", "--help", cwd=project).stdout
    for hook_id in HOOK_MODULES:
        assert hook_id in help_text
    for option in ("--fix", "--format", "--hook", "--show-hints", "--statistics", "--quiet"):
        assert option in help_text
    unknown = cli("check", "--hook", "nope", cwd=project)
    assert unknown.returncode == 2
    assert "unknown hook(s): nope (valid: pin-actions-to-sha, " in unknown.stderr
