"""The baseline through the real command line: `supply-chain-hooks baseline` writes it,
every hook and `check` hide what it holds, lines may move, new problems still fail,
re-running drops stale entries, and --baseline / config / --no-baseline choose the file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from supply_chain_hooks.hooks import HOOK_MODULES
from tests.conftest import git, write

WORKFLOW = """\
on: pull_request_target
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/checkout@v4
"""
BASELINE = ".supply-chain-hooks-baseline.json"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "supply_chain_hooks", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def hook(name: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(Path(sys.executable).with_name(name)), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def setup(repo: Path) -> None:
    write(repo, ".github/workflows/ci.yml", WORKFLOW)
    git("add", ".", cwd=repo)


def test_baseline_hides_old_findings_and_reports_new_ones(repo: Path) -> None:
    setup(repo)
    wrote = run("baseline", cwd=repo)
    assert (wrote.returncode, wrote.stdout) == (0, f"Wrote 3 findings to {BASELINE}.\n")
    data = json.loads((repo / BASELINE).read_text())
    assert data == {
        "version": 1,
        "findings": [
            {
                "code": "SCH101",
                "path": ".github/workflows/ci.yml",
                "text": "actions/checkout@v4",
                "occurrence": 1,
            },
            {
                "code": "SCH101",
                "path": ".github/workflows/ci.yml",
                "text": "actions/checkout@v4",
                "occurrence": 2,
            },
            {
                "code": "SCH111",
                "path": ".github/workflows/ci.yml",
                "text": "pull_request_target",
                "occurrence": 1,
            },
        ],
    }
    clean = run("check", cwd=repo)
    assert (clean.returncode, clean.stdout) == (
        0,
        f"All checks passed: {len(HOOK_MODULES)} hooks, 1 file (3 hidden by the baseline).\n",
    )
    # Every hook reads it too, also as pre-commit runs it (file names only).
    alone = hook("pin-actions-to-sha", ".github/workflows/ci.yml", cwd=repo)
    assert alone.returncode == 0, alone.stdout
    assert "2 hidden by the baseline" in alone.stdout

    # Lines move: still hidden. A third copy of the same problem and a new one are reported.
    text = "# a comment\n" + WORKFLOW.replace("jobs:", "# moved\njobs:")
    text += "      - uses: actions/checkout@v4\n      - uses: actions/setup-go@v5\n"
    write(repo, ".github/workflows/ci.yml", text)
    moved = run("check", cwd=repo)
    assert moved.returncode == 1
    lines = moved.stdout.splitlines()
    assert [line.split(": ")[0] + ": " + line.split(": ")[1].split()[0] for line in lines[:-1]] == [
        ".github/workflows/ci.yml:10:15: SCH101",
        ".github/workflows/ci.yml:11:15: SCH101",
    ]
    assert lines[-1] == "Found 2 problems (2 fixable with --fix, 3 hidden by the baseline)."
    every = run("check", "--no-baseline", "-q", cwd=repo)
    assert len(every.stdout.splitlines()) == 5
    hook_every = hook(
        "pin-actions-to-sha", "--no-baseline", "-q", ".github/workflows/ci.yml", cwd=repo
    )
    assert len(hook_every.stdout.splitlines()) == 4


def test_the_flagged_text_is_compared_with_its_whitespace_collapsed(repo: Path) -> None:
    write(repo, "requirements.txt", "six ==  1.16.0\n")
    git("add", ".", cwd=repo)
    assert run("baseline", cwd=repo).returncode == 0
    entries = json.loads((repo / BASELINE).read_text())["findings"]
    assert [(entry["code"], entry["text"]) for entry in entries] == [("SCH201", "six == 1.16.0")]
    # Re-spaced, the same problem is still the one the baseline accepted.
    write(repo, "requirements.txt", "six  ==\t1.16.0\n")
    again = hook("require-lock-hashes", "requirements.txt", cwd=repo)
    assert (again.returncode, again.stdout) == (
        0,
        "All checks passed: 1 hook, 1 file (1 hidden by the baseline).\n",
    )


def test_rerunning_drops_stale_entries_and_is_stable(repo: Path) -> None:
    setup(repo)
    run("baseline", cwd=repo)
    first = (repo / BASELINE).read_text()
    run("baseline", cwd=repo)
    assert (repo / BASELINE).read_text() == first
    write(repo, ".github/workflows/ci.yml", WORKFLOW.replace("pull_request_target", "push"))
    run("baseline", cwd=repo)
    codes = [entry["code"] for entry in json.loads((repo / BASELINE).read_text())["findings"]]
    assert codes == ["SCH101", "SCH101"]


def test_baseline_file_elsewhere_from_option_and_config(repo: Path) -> None:
    setup(repo)
    nowhere = run("baseline", "--output", "ci/accepted.json", cwd=repo)
    assert nowhere.returncode == 2
    assert "cannot write the baseline ci/accepted.json" in nowhere.stderr
    os.makedirs(repo / "ci", exist_ok=True)
    assert run("baseline", "--output", "ci/accepted.json", cwd=repo).returncode == 0
    assert not (repo / BASELINE).exists()
    # Paths inside it are relative to its folder.
    entry = json.loads((repo / "ci/accepted.json").read_text())["findings"][0]
    assert entry["path"] == "../.github/workflows/ci.yml"
    assert run("check", cwd=repo).returncode == 1  # not the default file: not read
    by_option = run("check", "--baseline", "ci/accepted.json", cwd=repo)
    assert (by_option.returncode, by_option.stdout.splitlines()[-1]) == (
        0,
        f"All checks passed: {len(HOOK_MODULES)} hooks, 1 file (3 hidden by the baseline).",
    )
    write(repo, "pyproject.toml", '[tool.supply-chain-hooks]\nbaseline = "ci/accepted.json"\n')
    assert run("check", "--hook", "pin-actions-to-sha", cwd=repo).returncode == 0
    assert hook("forbid-pull-request-target", ".github/workflows/ci.yml", cwd=repo).returncode == 0
    missing = run("check", "--baseline", "nope.json", cwd=repo)
    assert missing.returncode == 2
    assert "no such baseline file: nope.json" in missing.stderr
    (repo / "ci/accepted.json").write_text("[]")
    broken = run("check", cwd=repo)
    assert broken.returncode == 2
    assert "not a supply-chain-hooks baseline" in broken.stderr


def test_machine_formats_respect_the_baseline(repo: Path) -> None:
    setup(repo)
    run("baseline", cwd=repo)
    out = run("check", "--format", "json", cwd=repo)
    assert (out.returncode, json.loads(out.stdout)) == (0, [])
