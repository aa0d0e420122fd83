"""Real pre-commit is the judge of pin-pre-commit-revs --fix.

Against local bare repositories with lightweight, annotated and nested annotated tags:
after `--fix`, `pre-commit run --all-files` installs and runs every hook at the frozen
commit, and `pre-commit autoupdate --freeze` on the same repositories writes the same
comments and, for a lightweight tag, the same SHA. For an annotated tag it writes the tag
object's SHA (`git rev-parse <tag>`), where `--fix` writes the commit the tag points to:
pre-commit runs the same code from either, and `--verify` accepts either.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import git, passed, write
from tests.test_pin_pre_commit_revs_fix import A3, B2, G1, build_servers, tag_object

pytestmark = pytest.mark.slow

CONFIG = ".pre-commit-config.yaml"


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("servers")
    build_servers(root)
    return root


def config(root: Path) -> str:
    """Each repository at the tag of its newest commit (what autoupdate picks)."""
    return "".join(
        f"  - repo: file://{root.as_posix()}/{name}.git\n    rev: {tag}\n    hooks:\n"
        "      - id: say\n"
        for name, tag in (("alpha", "v3.0.0"), ("beta", "v1.0"), ("gamma", "1.2.3"))
    ).join(["repos:\n", ""])


def tool(project: Path, cache: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(cache), "PRE_COMMIT_COLOR": "never"}
    for name in ("GITHUB_SERVER_URL", "GH_TOKEN", "GITHUB_TOKEN"):
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def project(tmp_path: Path, servers: Path) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    git("init", "-q", "-b", "main", cwd=project)
    write(project, CONFIG, config(servers))
    write(project, "README.md", "hello\n")
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "start", cwd=project)
    return project


def revs(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text().splitlines() if "rev:" in line]


def test_pre_commit_runs_the_hooks_at_the_frozen_revs(
    project: Path, servers: Path, tmp_path: Path
) -> None:
    fixed = tool(
        project, tmp_path / "cache", "supply_chain_hooks.hooks.pin_pre_commit_revs", "--fix", CONFIG
    )
    assert fixed.returncode == 1 and f"{CONFIG}: fixed" in fixed.stderr, fixed.stdout
    assert fixed.stdout == "Fixed 1 file; no problems left (1 hook, 1 file).\n"
    assert revs(project / CONFIG) == [
        f"rev: {A3}  # frozen: v3.0.0",
        f"rev: {B2}  # frozen: v1.0",
        f"rev: {G1}  # frozen: 1.2.3",
    ]
    git("add", CONFIG, cwd=project)
    ran = tool(project, tmp_path / "cache", "pre_commit", "run", "--all-files")
    assert ran.returncode == 0, ran.stdout + ran.stderr
    output = ran.stdout
    # Each hook ran from the commit its tag points to (the scripts print where they are).
    ran_at = [line for line in output.splitlines() if " at " in line]
    assert ran_at == ["alpha at a3", "beta at b2", "gamma at g1"]
    # And our own check is clean now, --verify included.
    checked = tool(
        project,
        tmp_path / "cache",
        "supply_chain_hooks.hooks.pin_pre_commit_revs",
        "--verify",
        CONFIG,
    )
    assert passed((checked.returncode, checked.stdout))


def test_autoupdate_freeze_writes_the_same_comments(
    project: Path, servers: Path, tmp_path: Path
) -> None:
    ours = project / "ours.yaml"
    theirs = project / "theirs.yaml"
    for path in (ours, theirs):
        path.write_text(config(servers))
    fixed = tool(
        project,
        tmp_path / "cache",
        "supply_chain_hooks.hooks.pin_pre_commit_revs",
        "--fix",
        "ours.yaml",
    )
    assert fixed.returncode == 1, fixed.stdout + fixed.stderr
    updated = tool(
        project, tmp_path / "cache", "pre_commit", "autoupdate", "--freeze", "-c", "theirs.yaml"
    )
    assert updated.returncode == 0, updated.stdout + updated.stderr
    # Byte for byte the same file, but for the SHA of each annotated tag: pre-commit writes
    # the tag object, we write its commit.
    expected = ours.read_text()
    for name, tag, commit in (("alpha", "v3.0.0", A3), ("gamma", "1.2.3", G1)):
        obj = tag_object(servers, name, tag)
        assert obj != commit
        expected = expected.replace(f"rev: {commit}", f"rev: {obj}")
    assert theirs.read_text() == expected
    assert revs(theirs)[1] == f"rev: {B2}  # frozen: v1.0"  # lightweight: the same SHA

    # --verify accepts the tag objects autoupdate wrote...
    verified = tool(
        project,
        tmp_path / "cache",
        "supply_chain_hooks.hooks.pin_pre_commit_revs",
        "--verify",
        "theirs.yaml",
    )
    assert passed((verified.returncode, verified.stdout))
    # ...and pre-commit runs the same code from them.
    git("add", "-A", cwd=project)
    ran = tool(project, tmp_path / "cache", "pre_commit", "run", "--all-files", "-c", "theirs.yaml")
    assert ran.returncode == 0, ran.stdout + ran.stderr
    ran_at = [line for line in ran.stdout.splitlines() if " at " in line]
    assert ran_at == ["alpha at a3", "beta at b2", "gamma at g1"]

    # autoupdate --freeze over our output changes only the annotated tags' SHAs, to their
    # tag objects: the comments (and the lightweight pin) already are what it writes.
    again = tool(
        project, tmp_path / "cache", "pre_commit", "autoupdate", "--freeze", "-c", "ours.yaml"
    )
    assert again.returncode == 0, again.stdout + again.stderr
    assert "beta.git] already up to date!" in again.stdout
    assert ours.read_text() == theirs.read_text()
