"""Git safety: a scanned repository's own configuration, hooks and attributes never run a
program when our code calls git (`ls-files`, `grep`), and neither does the caller's
GIT_* environment. Each trap touches a marker file outside the repository; a control run
of plain git proves the traps are armed."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from supply_chain_hooks import git as git_module
from supply_chain_hooks import hooks as hook_registry
from tests.conftest import git, write
from tests.test_reliability_sweep import SWEEP_HOOKS

HOOK_NAMES = (
    "applypatch-msg",
    "pre-applypatch",
    "post-applypatch",
    "pre-commit",
    "pre-merge-commit",
    "prepare-commit-msg",
    "commit-msg",
    "post-commit",
    "pre-rebase",
    "post-checkout",
    "post-merge",
    "pre-push",
    "pre-receive",
    "update",
    "proc-receive",
    "post-receive",
    "post-update",
    "reference-transaction",
    "push-to-checkout",
    "pre-auto-gc",
    "post-rewrite",
    "sendemail-validate",
    "fsmonitor-watchman",
    "p4-changelist",
    "p4-prepare-changelist",
    "p4-post-changelist",
    "p4-pre-submit",
    "post-index-change",
)


def _trap(marks: Path, folder: Path) -> Path:
    """A script that records its name (first argument) in the marks folder."""
    script = folder / "trap.sh"
    script.write_text(f'#!/bin/sh\ntouch "{marks}/$1"\nexit 0\n')
    script.chmod(0o755)
    return script


@pytest.fixture
def armed(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """A repository whose config, hooks and attributes would each run a program; returns
    (repository, marks folder, trap script)."""
    marks = tmp_path_factory.mktemp("marks")
    tools = tmp_path_factory.mktemp("tools")
    trap = _trap(marks, tools)
    write(repo, ".github/workflows/ci.yml", "on: pull_request_target\njobs: {}\n")
    write(repo, ".gitattributes", "* filter=evil diff=evil\n")
    git("add", "-A", cwd=repo)
    hooks_dirs = [repo / ".git" / "hooks", tools / "hooks"]
    for folder in hooks_dirs:
        folder.mkdir(exist_ok=True)
        for name in HOOK_NAMES:
            hook = folder / name
            hook.write_text(f'#!/bin/sh\n"{trap}" hook-{name}\n')
            hook.chmod(hook.stat().st_mode | stat.S_IXUSR)
    config = {
        "core.fsmonitor": f"{trap} fsmonitor",
        "core.hooksPath": str(tools / "hooks"),
        "core.pager": f"{trap} pager",
        "core.editor": f"{trap} editor",
        "core.sshCommand": f"{trap} ssh",
        "core.askPass": f"{trap} askpass",
        "filter.evil.clean": f"{trap} clean",
        "filter.evil.smudge": f"{trap} smudge",
        "filter.evil.process": f"{trap} process",
        "diff.evil.textconv": f"{trap} textconv",
        "diff.external": f"{trap} external",
        "credential.helper": f"!{trap} credential",
    }
    for key, value in config.items():
        git("config", key, value, cwd=repo)
    # Make the index racy so that git would refresh it (and consult fsmonitor).
    (repo / ".github/workflows/ci.yml").write_text("on: pull_request_target\njobs: {}\n\n")
    return repo, marks, trap


def _marks(marks: Path) -> list[str]:
    return sorted(p.name for p in marks.iterdir())


def test_the_traps_are_armed(armed: tuple[Path, Path, Path]) -> None:
    """Plain git (without our overrides) runs the repository's fsmonitor on ls-files."""
    repo, marks, _ = armed
    subprocess.run(["git", "ls-files"], cwd=repo, capture_output=True, check=True)
    assert "fsmonitor" in _marks(marks)


def test_ls_files_runs_nothing(armed: tuple[Path, Path, Path]) -> None:
    repo, marks, _ = armed
    assert sorted(git_module.ls_files(".", cwd=str(repo))) == [
        ".gitattributes",
        ".github/workflows/ci.yml",
    ]
    assert git_module.ls_files(".github", cwd=str(repo)) == [".github/workflows/ci.yml"]
    assert _marks(marks) == []


def test_git_environment_of_the_caller_is_not_passed_on(
    armed: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, marks, trap = armed
    environment = {
        "GIT_CONFIG_COUNT": "1",
        "GIT_CONFIG_KEY_0": "core.fsmonitor",
        "GIT_CONFIG_VALUE_0": f"{trap} env-fsmonitor",
        "GIT_CONFIG_PARAMETERS": f"'core.fsmonitor'='{trap} env-parameters'",
        "GIT_EXTERNAL_DIFF": f"{trap} env-diff",
        "GIT_DIR": str(repo / "nowhere"),
    }
    for key, value in environment.items():
        monkeypatch.setenv(key, value)
    # Control: plain git honours them (GIT_DIR aside, which would make it fail).
    control = {key: value for key, value in os.environ.items() if key != "GIT_DIR"}
    subprocess.run(["git", "ls-files"], cwd=repo, env=control, capture_output=True, check=False)
    assert _marks(marks) != []
    for mark in marks.iterdir():
        mark.unlink()
    assert ".github/workflows/ci.yml" in git_module.ls_files(".", cwd=str(repo))
    assert _marks(marks) == []


@pytest.mark.parametrize("pathspec", ["--output=/tmp/sch-pwned", "-h", "--exec=touch x", "-"])
def test_option_like_paths_are_pathspecs(armed: tuple[Path, Path, Path], pathspec: str) -> None:
    repo, marks, _ = armed
    assert git_module.ls_files(pathspec, cwd=str(repo)) == []
    assert not Path("/tmp/sch-pwned").exists()
    assert _marks(marks) == []


def _swept() -> list[str]:
    return [h for h in SWEEP_HOOKS if h == "check" or h in hook_registry.HOOK_MODULES]


@pytest.mark.parametrize("hook_id", _swept())
@pytest.mark.parametrize("fix", [False, True], ids=["check", "fix"])
def test_the_command_line_runs_nothing_from_the_repository(
    armed: tuple[Path, Path, Path], hook_id: str, fix: bool
) -> None:
    """The real command line, walking the armed repository (`git ls-files`)."""
    repo, marks, _ = armed
    if hook_id == "check":
        members = [h for h in SWEEP_HOOKS if h != "check" and h in hook_registry.HOOK_MODULES]
        command = ["-m", "supply_chain_hooks", "check", *(f"--hook={h}" for h in members)]
    else:
        command = ["-m", f"supply_chain_hooks.hooks.{hook_registry.HOOK_MODULES[hook_id]}"]
    if fix and (hook_id == "check" or hook_registry.load(hook_id).fixable):
        command.append("--fix")
    completed = subprocess.run(
        [sys.executable, *command, "."],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "GIT_PAGER": "", "PAGER": ""},
        check=False,
    )
    assert "Traceback" not in completed.stderr
    assert _marks(marks) == []
    if hook_id in ("forbid-pull-request-target", "check"):
        # The walk really happened: the armed repository's workflow was found and read.
        assert completed.returncode == 1, completed.stderr
        assert ".github/workflows/ci.yml:1:5: SCH111" in completed.stdout
    else:
        assert completed.returncode in (0, 1), completed.stderr
