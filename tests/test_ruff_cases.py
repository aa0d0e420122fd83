"""Fixture repositories for every trap of the Ruff research: golden reports and golden fix diffs.

Each ``tests/fixtures/enforce_ruff_s/cases/<name>.repo`` describes a repository (a comment
line, ``## args: ...`` for the hook, ``## crlf: PATH`` / ``## bom: PATH``, then ``--- PATH``
sections). Python files get the S canary appended, so the real ruff can check the verdict too.
``<name>.out`` is the exact report and ``<name>.diff`` the exact change ``--fix`` makes.
Regenerate with ``SCH_UPDATE_GOLDEN=1`` and review the diff.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shlex
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from supply_chain_hooks.hooks import enforce_ruff_s
from supply_chain_hooks.ruff import table as ruff_table
from supply_chain_hooks.ruff.policy import Policy
from supply_chain_hooks.ruff.verdict import analyze
from supply_chain_hooks.source import read

from .conftest import git

HERE = Path(__file__).resolve().parent
CASES = HERE / "fixtures" / "enforce_ruff_s" / "cases"
CANARY = (HERE / "fixtures" / "enforce_ruff_s" / "canary_s.txt").read_text()
UPDATE = bool(os.environ.get("SCH_UPDATE_GOLDEN"))
RUFF = shutil.which("ruff") or str(HERE.parent / ".venv" / "bin" / "ruff")
NAMES = sorted(path.stem for path in CASES.glob("*.repo"))


def parse_case(name: str) -> tuple[dict[str, str], list[str], set[str], set[str]]:
    files: dict[str, str] = {}
    args: list[str] = []
    crlf: set[str] = set()
    bom: set[str] = set()
    current: str | None = None
    for line in (CASES / f"{name}.repo").read_text().splitlines(keepends=True):
        if line.startswith("--- "):
            current = line[4:].strip()
            files[current] = ""
        elif current is not None:
            files[current] += line
        elif line.startswith("## args:"):
            args += shlex.split(line.partition(":")[2])
        elif line.startswith("## crlf:"):
            crlf.add(line.partition(":")[2].strip())
        elif line.startswith("## bom:"):
            bom.add(line.partition(":")[2].strip())
    return files, args, crlf, bom


def materialize(name: str, root: Path) -> tuple[list[str], list[str]]:
    files, args, crlf, bom = parse_case(name)
    for path, text in files.items():
        if path.endswith((".py", ".pyi")):
            text += "\n" + CANARY
        if path in crlf:
            text = text.replace("\n", "\r\n")
        data = text.encode()
        if path in bom:
            data = b"\xef\xbb\xbf" + data
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    git("add", "-A", cwd=root)
    return [p for p in files if p.endswith((".py", ".pyi"))], args


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
        and ".git" not in path.relative_to(root).parts
        and not path.name.endswith(".py")
    }


def diff(before: dict[str, bytes], after: dict[str, bytes]) -> str:
    """A unified diff; carriage returns and byte order marks are shown as <CR> and <BOM>."""
    out = []
    for path in sorted(set(before) | set(after)):
        old, new = before.get(path, b""), after.get(path, b"")
        if old != new:
            out += difflib.unified_diff(
                old.decode().splitlines(keepends=True), new.decode().splitlines(keepends=True),
                f"a/{path}", f"b/{path}",
            )  # fmt: skip
    text = "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in out
    )
    return text.replace("\r", "<CR>").replace("\ufeff", "<BOM>")


def golden(path: Path, actual: str) -> None:
    if UPDATE:
        path.write_text(actual)
    assert path.exists(), f"missing golden file {path.name} (run with SCH_UPDATE_GOLDEN=1)"
    assert actual == path.read_text()


@pytest.mark.parametrize("name", NAMES)
def test_case(
    name: str, repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SCH_TEST_UNSET_CONFIG_DIR", raising=False)
    _paths, args = materialize(name, repo)
    code = enforce_ruff_s.main(args)
    report = capsys.readouterr().out
    golden(CASES / f"{name}.out", report)
    assert code == (0 if report.startswith("All checks passed") else 1)

    before = snapshot(repo)
    enforce_ruff_s.main(["--fix", *args])
    capsys.readouterr()
    after = snapshot(repo)
    golden(CASES / f"{name}.diff", diff(before, after))
    # Fixing again changes nothing more.
    enforce_ruff_s.main(["--fix", *args])
    capsys.readouterr()
    assert snapshot(repo) == after


# -- the real ruff agrees with the verdict in every case ----------------------------------------


def _ruff_matches() -> bool:
    try:
        out = subprocess.run([RUFF, "--version"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return False
    return out.split()[1] == ".".join(map(str, ruff_table.versions()[-1]))


@pytest.mark.slow
@pytest.mark.skipif(not _ruff_matches(), reason="needs the ruff version of the newest rule table")
def test_cases_agree_with_ruff(tmp_path: Path) -> None:
    """Per case and file: the S codes our model says Ruff reports are what ruff reports."""
    jobs = []
    expected: dict[tuple[str, str], frozenset[str] | None] = {}
    for name in NAMES:
        root = tmp_path / name
        root.mkdir()
        git("init", "-q", cwd=root)
        paths, _ = materialize(name, root)
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
            [RUFF, "check", "--no-cache", "--no-fix", "--force-exclude", "--output-format", "json", *ruff_args,
             "--stdin-filename", path, "-"],
            cwd=root, env=env, input=(root / path).read_text(), capture_output=True, text=True, check=False,
        )  # fmt: skip
        if result.returncode == 2:
            return (name, path), None
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


def test_every_case_has_goldens() -> None:
    for name in NAMES:
        assert (CASES / f"{name}.out").exists(), name
        assert (CASES / f"{name}.diff").exists(), name
