"""Fixture repositories for every trap of the Ruff research (tests/fixtures/ruff/<case>/, whose
golden reports and fix diffs run in tests/test_goldens.py): the real ruff agrees with the verdict.

Python files of a case get the S canary appended (tests/golden.py), so ruff can judge them.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from supply_chain_hooks.ruff.policy import Policy
from supply_chain_hooks.ruff.verdict import analyze
from supply_chain_hooks.source import read
from tests import golden

from .conftest import git, ruff_oracle

HERE = Path(__file__).resolve().parent
CASES = golden.cases("ruff")


def materialize(case: golden.Case, root: Path) -> tuple[list[str], list[str]]:
    """The case's repository in root; returns its Python files and the hook's arguments."""
    files = golden.materialize(case, root)
    return [p for p in files if p.endswith((".py", ".pyi"))], case.args()


# -- the real ruff agrees with the verdict in every case ----------------------------------------


@pytest.mark.slow
def test_cases_agree_with_ruff(tmp_path: Path) -> None:
    """Per case and file: the S codes our model says Ruff reports are what ruff reports."""
    ruff = ruff_oracle()
    jobs = []
    expected: dict[tuple[str, str], frozenset[str] | None] = {}
    for case in CASES:
        name = case.name
        root = tmp_path / name
        root.mkdir()
        git("init", "-q", cwd=root)
        paths, _ = materialize(case, root)
        ruff_args = _ruff_args(root)
        cwd = os.getcwd()
        os.chdir(root)
        try:
            analysis = analyze(paths, read, Policy(allow=frozenset(), exempt_tests=False), root=".")
        finally:
            os.chdir(cwd)
        for path in paths:
            labels = None
            if path not in analysis.invalid_files:
                labels = frozenset(analysis.table.rules[i].label for i in analysis.reported[path])
            expected[(name, path)] = labels
            jobs.append((name, root, path, ruff_args))
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "xdg-empty")}

    def run(job: tuple[str, Path, str, list[str]]) -> tuple[tuple[str, str], frozenset[str] | None]:
        name, root, path, ruff_args = job
        result = subprocess.run(
            [
                ruff,
                "check",
                "--no-cache",
                "--no-fix",
                "--force-exclude",
                "--output-format",
                "json",
                *ruff_args,
                "--stdin-filename",
                path,
                "-",
            ],
            cwd=root,
            env=env,
            input=(root / path).read_text(),
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode == 2:
            return (name, path), None
        # ruff really ran: JSON diagnostics, or (fix-only) the file's source again.
        assert result.stdout.strip(), result.stderr
        if not result.stdout.lstrip().startswith("["):
            return (name, path), frozenset()
        codes = {
            d["code"]
            for d in json.loads(result.stdout)
            if d["code"] and re.fullmatch(r"S\d+", d["code"])
        }
        return (name, path), frozenset(codes)

    with ThreadPoolExecutor(max_workers=4) as pool:
        actual = dict(pool.map(run, jobs))
    mismatches = {
        key: (expected[key], actual[key]) for key in expected if expected[key] != actual[key]
    }
    assert not mismatches


def _ruff_args(root: Path) -> list[str]:
    """The user args of the case's ruff hook (what pre-commit appends to `ruff check`)."""
    from ruamel.yaml import YAML

    config = root / ".pre-commit-config.yaml"
    if not config.exists():
        return []
    data = YAML(typ="safe").load(config.read_text())
    for repo in data.get("repos") or []:
        for hook in repo.get("hooks") or []:
            if hook.get("id") in ("ruff-check", "ruff"):
                # With --fix, stdin mode prints the fixed source instead of diagnostics; no S
                # rule has a fix, so the S diagnostics are the same without it.
                return [str(arg) for arg in hook.get("args") or [] if arg != "--fix"]
    return []
