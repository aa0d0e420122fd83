"""--offline on every hook and `check`: nothing reaches the network (the server below
refuses every connection), and `check --fix --offline` applies the offline fixes only."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

from supply_chain_hooks.hooks import HOOK_MODULES
from tests.conftest import git, write

WORKFLOW = "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n"
PRE_COMMIT = "repos:\n  - repo: {url}\n    rev: v1.0.0\n    hooks:\n      - id: a\n"
PYPROJECT = '[project]\nname = "a"\nversion = "1"\n\n[tool.uv]\nexclude-newer = "7 Days"\n'


def refused_url() -> str:
    """A loopback URL on a port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def run(argv: list[str], cwd: Path, server: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GITHUB_SERVER_URL": server}
    return subprocess.run(
        argv, cwd=cwd, capture_output=True, text=True, check=False, env=env, timeout=120
    )


def test_check_fix_offline_applies_offline_fixes_only(repo: Path) -> None:
    server = refused_url()
    write(repo, ".github/workflows/ci.yml", WORKFLOW)
    write(repo, ".pre-commit-config.yaml", PRE_COMMIT.format(url=f"{server}/o/r"))
    write(repo, "pyproject.toml", PYPROJECT)
    git("add", ".", cwd=repo)
    done = run(
        [sys.executable, "-m", "supply_chain_hooks", "check", "--fix", "--offline"], repo, server
    )
    assert done.returncode == 1
    assert (repo / "pyproject.toml").read_text() == PYPROJECT.replace("7 Days", "7 days")
    assert (repo / ".github/workflows/ci.yml").read_text() == WORKFLOW
    assert "could not" not in done.stdout + done.stderr  # no server was asked
    assert "connection refused" not in (done.stdout + done.stderr).lower()
    codes = [line.split(": ")[1].split()[0] for line in done.stdout.splitlines()[:-1]]
    # The tag, the unpinned rev and the plain-http URL (the loopback server is http).
    assert codes == ["SCH101", "SCH506", "SCH501"]


def test_every_hook_takes_offline(repo: Path) -> None:
    server = refused_url()
    write(repo, ".github/workflows/ci.yml", WORKFLOW)
    write(repo, ".pre-commit-config.yaml", PRE_COMMIT.format(url=f"{server}/o/r"))
    git("add", ".", cwd=repo)
    for hook_id in HOOK_MODULES:
        script = str(Path(sys.executable).with_name(hook_id))
        extra = ["--verify"] if hook_id in ("pin-actions-to-sha", "pin-pre-commit-revs") else []
        done = run([script, "--offline", *extra], repo, server)
        assert done.returncode in (0, 1), (hook_id, done.stderr)
        assert "could not" not in done.stdout + done.stderr, hook_id
        assert "SCH106" not in done.stdout, hook_id
