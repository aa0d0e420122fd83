"""Real pre-commit, installing this project from a clean copy, on a real repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, git, write

pytestmark = pytest.mark.slow


def _clean_copy(destination: Path) -> Path:
    """Tracked and untracked-but-not-ignored files, committed (try-repo reads commits)."""
    listed = (
        subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    git("init", "-q", "-b", "main", cwd=destination)
    git("add", "-A", cwd=destination)
    git("commit", "-q", "-m", "copy", cwd=destination)
    return destination


def test_pre_commit_try_repo_finds_pull_request_target(tmp_path: Path) -> None:
    project = _clean_copy(tmp_path / "project")
    target = tmp_path / "target"
    target.mkdir()
    git("init", "-q", "-b", "main", cwd=target)
    write(target, ".github/workflows/ok.yml", "on: push\njobs: {}\n")
    write(target, ".github/workflows/bad.yml", "on:\n  pull_request_target:\njobs: {}\n")
    write(target, "README.md", "on: pull_request_target\n")
    git("add", "-A", cwd=target)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "PRE_COMMIT_COLOR": "never"}
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "try-repo",
            str(project),
            "forbid-pull-request-target",
            "--all-files",
        ],
        cwd=target,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    output = completed.stdout + completed.stderr
    assert completed.returncode == 1, output
    assert ".github/workflows/bad.yml:2:3: SCH111 workflow is triggered by" in output
    assert "ok.yml" not in output.split("Passed")[0] or "ok.yml:" not in output
    assert "README.md:" not in output
