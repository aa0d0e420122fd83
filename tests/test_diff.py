"""--diff prints the fixes as a unified diff and writes nothing (exit 1 when there is one);
--fix applies safe fixes only and says how many unsafe ones it left; --unsafe-fixes applies
them too."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from supply_chain_hooks import yaml_doc
from supply_chain_hooks.config import Config
from supply_chain_hooks.model import Applicability, Edit, Finding, Fix
from supply_chain_hooks.runner import Job, Settings, run_jobs
from supply_chain_hooks.workspace import Workspace
from tests.conftest import git, write
from tests.test_core import RULE, _test_hook

PYPROJECT = '[project]\nname = "a"\nversion = "1"\n\n[tool.uv]\nexclude-newer = "7 Days"\n'
DIFF = """\
--- a/pyproject.toml
+++ b/pyproject.toml
@@ -3,4 +3,4 @@
 version = "1"
 
 [tool.uv]
-exclude-newer = "7 Days"
+exclude-newer = "7 days"
"""


def run(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, cwd=cwd, capture_output=True, text=True, check=False)


@pytest.mark.parametrize(
    "argv",
    [
        [sys.executable, "-m", "supply_chain_hooks", "check", "--diff"],
        [str(Path(sys.executable).with_name("check-uv-exclude-newer")), "--diff"],
    ],
)
def test_diff_prints_the_fix_and_writes_nothing(repo: Path, argv: list[str]) -> None:
    write(repo, "pyproject.toml", PYPROJECT)
    git("add", ".", cwd=repo)
    shown = run(argv, repo)
    assert (shown.returncode, shown.stdout) == (1, DIFF)
    assert "Would fix 1 file." in shown.stderr
    assert "run `uv lock`" not in shown.stderr  # nothing was changed
    assert (repo / "pyproject.toml").read_text() == PYPROJECT
    (repo / "pyproject.toml").write_text(PYPROJECT.replace("7 Days", "7 days"))
    clean = run(argv, repo)
    assert (clean.returncode, clean.stdout, clean.stderr) == (0, "", "")


def _mixed_job() -> Job:
    """Upper-cases YAML values: `a` safely, every other key only as an unsafe fix."""

    def check(ws: Workspace, path: str) -> list[Finding]:
        source = ws.source(path)
        document = yaml_doc.parse(source)
        findings = []
        for key, node in yaml_doc.items(document.root):
            text = yaml_doc.scalar(node)
            if text and text != text.upper():
                first, last = yaml_doc.scalar_value_span(source, node)
                safe = yaml_doc.scalar(key) == "a"
                applicability = Applicability.SAFE if safe else Applicability.UNSAFE
                fix = Fix("upper", (Edit(first, last, text.upper()),), applicability)
                findings.append(Finding(RULE, path, source.location(first, last), "lower", fix))
        return findings

    return Job(_test_hook(lambda path: path.endswith(".yml")), check_file=check)


def test_fix_applies_safe_fixes_and_counts_the_unsafe_ones(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(repo, "f.yml", "a: x\nb: y\nc: z\n")
    assert run_jobs([_mixed_job()], ["f.yml"], Settings(fix=True), Config()) == 1
    assert path.read_text() == "a: X\nb: y\nc: z\n"
    captured = capsys.readouterr()
    assert "2 unsafe fixes left unapplied (apply with --unsafe-fixes)" in captured.err
    assert (
        captured.out.splitlines()[-1]
        == "Found 2 problems (2 more with --unsafe-fixes, 1 file fixed)."
    )
    settings = Settings(fix=True, unsafe_fixes=True)
    assert run_jobs([_mixed_job()], ["f.yml"], settings, Config()) == 1
    assert path.read_text() == "a: X\nb: Y\nc: Z\n"
    assert "unsafe" not in capsys.readouterr().err


def test_diff_with_unsafe_fixes(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(repo, "f.yml", "a: x\nb: y\n")
    assert run_jobs([_mixed_job()], ["f.yml"], Settings(fix=True, diff=True), Config()) == 1
    assert "-a: x\n+a: X\n b: y\n" in capsys.readouterr().out
    settings = Settings(fix=True, diff=True, unsafe_fixes=True)
    assert run_jobs([_mixed_job()], ["f.yml"], settings, Config()) == 1
    assert "+a: X\n+b: Y\n" in capsys.readouterr().out
    assert path.read_text() == "a: x\nb: y\n"
