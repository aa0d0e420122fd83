"""`check FOLDER` from outside the folder's repository runs as it would inside it: the
repository-level hooks examine that repository (not the current directory), paths are
shown as the command line named them, and the repository's baseline and config apply."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import git, write

SCRIPT = str(Path(sys.executable).parent / "supply-chain-hooks")
PYPROJECT = (
    '[project]\nname = "p"\nversion = "1"\n\n[tool.uv]\ndev-dependencies = []\n\n'
    '[tool.ruff.lint]\nselect = ["E"]\n'
)
WF_PATH = ".github/workflows/ci.yml"
WORKFLOW = (
    "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n"
    "      - uses: actions/checkout@v4\n"
)


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    offline = ["--offline"] if args[0] == "check" else []
    return subprocess.run(
        [SCRIPT, *args, *offline], cwd=cwd, capture_output=True, text=True, check=False
    )


@pytest.fixture
def parent(tmp_path: Path) -> Path:
    """A plain folder holding a project (a git repository) and, beside it, other files
    the repository-level hooks would report if they looked there."""
    project = tmp_path / "project"
    write(project, "pyproject.toml", PYPROJECT)
    write(project, "app.py", "import os\n")
    write(project, WF_PATH, WORKFLOW)
    git("init", "-q", "-b", "main", cwd=project)
    git("add", "-A", cwd=project)
    write(tmp_path, "other/pyproject.toml", PYPROJECT)
    write(tmp_path, "other/tool.py", "import sys\n")
    return tmp_path


def lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    return result.stdout.splitlines()[:-1]  # the summary line aside


def test_a_folder_elsewhere_is_checked_as_from_inside(parent: Path) -> None:
    inside = run("check", ".", cwd=parent / "project")
    assert inside.returncode == 1, inside
    codes = sorted(line.split()[1] for line in lines(inside))
    assert codes == ["SCH101", "SCH301", "SCH401"]  # one of each kind of hook
    for given, prefix in (("project", "project/"), (str(parent / "project"), f"{parent}/project/")):
        outside = run("check", given, cwd=parent)
        assert outside.returncode == 1, outside
        assert lines(outside) == [prefix + line for line in lines(inside)]
        assert outside.stdout.splitlines()[-1] == inside.stdout.splitlines()[-1]
        assert outside.stderr == inside.stderr == ""
    # The other folder is not the project's: nothing of it is reported.
    assert "other" not in run("check", "project", cwd=parent).stdout


def test_a_folder_in_another_repository_is_checked_from_a_sibling(parent: Path) -> None:
    sibling = parent / "sibling"
    sibling.mkdir()
    git("init", "-q", "-b", "main", cwd=sibling)
    result = run("check", "../project", cwd=sibling)
    inside = run("check", ".", cwd=parent / "project")
    assert lines(result) == ["../project/" + line for line in lines(inside)]


def test_json_sarif_and_diff_name_the_paths_as_given(parent: Path) -> None:
    found = json.loads(run("check", "--format", "json", "project", cwd=parent).stdout)
    assert sorted({item["path"] for item in found}) == [
        "project/.github/workflows/ci.yml",
        "project/pyproject.toml",
    ]
    sarif = json.loads(run("check", "--format", "sarif", "project", cwd=parent).stdout)
    (results,) = [run_["results"] for run_ in sarif["runs"]]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {"project/.github/workflows/ci.yml", "project/pyproject.toml"}
    assert sarif["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == parent.as_uri() + "/"
    diff = run("check", "--diff", "project", cwd=parent)
    assert diff.returncode == 1
    assert "--- a/project/pyproject.toml\n+++ b/project/pyproject.toml\n" in diff.stdout
    absolute = run("check", "--diff", str(parent / "project"), cwd=parent)
    name = parent / "project" / "pyproject.toml"
    assert f"--- {name}\n+++ {name}\n" in absolute.stdout
    assert (parent / "project" / "pyproject.toml").read_text() == PYPROJECT  # nothing written


def test_the_repositorys_baseline_and_fixes_apply(parent: Path) -> None:
    written = run("baseline", "project", cwd=parent)
    assert written.returncode == 0, written
    assert (parent / "project" / ".supply-chain-hooks-baseline.json").is_file()
    assert not (parent / ".supply-chain-hooks-baseline.json").exists()
    hidden = run("check", "project", cwd=parent)
    assert hidden.returncode == 0, hidden
    assert hidden.stdout.startswith("All checks passed:")
    fixed = run("check", "--no-baseline", "--fix", "project", cwd=parent)
    assert "project/pyproject.toml: fixed" in fixed.stderr.splitlines()
    assert 'exclude-newer = "7 days"' in (parent / "project" / "pyproject.toml").read_text()
    assert (parent / "other" / "pyproject.toml").read_text() == PYPROJECT


def test_runs_from_inside_keep_their_view(parent: Path) -> None:
    project = parent / "project"
    write(project, "sub/readme.md", "x\n")
    # From a subfolder of the repository the run stays rooted where it started.
    result = run("check", ".", cwd=project / "sub")
    assert result.returncode == 0, result
    # Folders of two different roots run where they are given (the current directory), and
    # so does a file outside any git work tree.
    assert "other/pyproject.toml" in run("check", "project", "other", cwd=parent).stdout
    assert "other/pyproject.toml" in run("check", "other/pyproject.toml", cwd=parent).stdout


def test_files_of_a_repository_elsewhere_are_checked_there(parent: Path) -> None:
    inside = run("check", "pyproject.toml", WF_PATH, cwd=parent / "project")
    outside = run("check", "project/pyproject.toml", f"project/{WF_PATH}", cwd=parent)
    assert lines(outside) == ["project/" + line for line in lines(inside)]
    assert "other" not in outside.stdout
    assert sorted(line.split()[1] for line in lines(outside)) == ["SCH101", "SCH301", "SCH401"]
    # A path that does not exist is named as given.
    missing = run("check", "project/missing.txt", cwd=parent)
    assert missing.returncode == 2
    assert "project/missing.txt" in missing.stderr


def test_a_link_to_the_current_repository_is_not_elsewhere(parent: Path) -> None:
    (parent / "link").symlink_to(parent / "project")
    project = parent / "project"
    write(project, "sub/readme.md", "x\n")
    # The current directory is inside the repository the link names: the run stays here
    # (its repository-level hooks see the subfolder: no pyproject.toml finding), and the
    # file-level hooks check the folder given.
    result = run("check", str(parent / "link"), cwd=project / "sub")
    assert lines(result) == [
        (
            f"{parent}/link/.github/workflows/ci.yml:6:15: SCH101 [*] action `actions/checkout@v4` "
            "is not pinned to a commit SHA: `v4` looks like a tag"
        )
    ]
