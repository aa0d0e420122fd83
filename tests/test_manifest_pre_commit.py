"""Real pre-commit as the judge of the manifest's `files:` for the repository-level hooks:
a README-only commit skips check-uv-exclude-newer and enforce-ruff-S, a pyproject.toml
change runs them (and a Python file change runs enforce-ruff-S)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from tests.conftest import git, write

ROOT = Path(__file__).resolve().parent.parent
REPO_LEVEL = ("check-uv-exclude-newer", "enforce-ruff-S")
PRE_COMMIT = Path(sys.executable).with_name("pre-commit")


def local_config() -> str:
    """A `repo: local` config that copies our manifest's entries for the repository-level
    hooks, running the hooks installed next to this interpreter."""
    manifest = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text())
    lines = ["repos:", "  - repo: local", "    hooks:"]
    for entry in manifest:
        if entry["id"] not in REPO_LEVEL:
            continue
        assert "always_run" not in entry
        script = Path(sys.executable).with_name(entry["entry"])
        lines += [
            f"      - id: {entry['id']}",
            f"        name: {entry['id']}",
            f"        entry: {script}",
            "        language: system",
            f"        files: '{entry['files']}'",
            f"        pass_filenames: {str(entry['pass_filenames']).lower()}",
            "        require_serial: true",
        ]
    return "\n".join(lines) + "\n"


def pre_commit(repo: Path) -> str:
    env = {**os.environ, "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home")}
    run = subprocess.run(
        [str(PRE_COMMIT), "run", "--color", "never"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    return run.stdout


def verdicts(output: str) -> dict[str, str]:
    found = {}
    for line in output.splitlines():
        for hook_id in REPO_LEVEL:
            if line.startswith(hook_id + "."):
                found[hook_id] = line.rsplit(".", 1)[1].split(")")[-1]
    return found


@pytest.mark.skipif(not PRE_COMMIT.exists(), reason="pre-commit is a dev dependency")
def test_repo_level_hooks_run_only_when_their_files_change(repo: Path) -> None:
    write(repo, ".pre-commit-config.yaml", local_config())
    write(repo, "pyproject.toml", '[project]\nname = "a"\nversion = "1"\n')
    write(repo, "src/a.py", "x = 1\n")
    write(repo, "README.md", "hello\n")
    git("add", ".", cwd=repo)
    git("commit", "-q", "-m", "start", cwd=repo)

    write(repo, "README.md", "hello again\n")
    git("add", "README.md", cwd=repo)
    readme_only = pre_commit(repo)
    assert verdicts(readme_only) == dict.fromkeys(REPO_LEVEL, "Skipped"), readme_only
    git("commit", "-q", "-m", "readme", cwd=repo)

    write(repo, "pyproject.toml", '[project]\nname = "a"\nversion = "2"\n')
    git("add", "pyproject.toml", cwd=repo)
    both = verdicts(pre_commit(repo))
    assert set(both) == set(REPO_LEVEL)
    assert "Skipped" not in both.values()
    git("commit", "-q", "-m", "pyproject", cwd=repo)

    write(repo, "src/a.py", "x = 2\n")
    git("add", "src/a.py", cwd=repo)
    python_only = verdicts(pre_commit(repo))
    assert python_only["check-uv-exclude-newer"] == "Skipped"
    assert python_only["enforce-ruff-S"] != "Skipped"
