"""Every real pyproject.toml / ruff.toml / .ruff.toml of the corpus, checked and fixed in a copy.

Each config becomes the root config of its own directory (with the files it ``extend``s, when
the corpus has them) next to an ``app.py`` that triggers every S rule. Then:

* checking and fixing never raise (no internal error, exit code 0 or 1);
* our verdict for each ``app.py`` is what the real ruff reports (one ruff process for all of
  them), and we call a config invalid exactly when ruff refuses it;
* after ``--fix``, ruff reports every required S rule for every file we no longer flag, and
  still reports every rule it reported before.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from supply_chain_hooks.hooks import enforce_ruff_s
from supply_chain_hooks.ruff.causes import Verdict
from supply_chain_hooks.ruff.policy import Policy
from supply_chain_hooks.ruff.verdict import analyze
from supply_chain_hooks.source import read

from .conftest import Corpus, ruff_oracle

HERE = Path(__file__).resolve().parent
CANARY = (HERE / "fixtures" / "ruff" / "canary_s.txt").read_text()
NAMES = ("pyproject.toml", "ruff.toml", ".ruff.toml")

pytestmark = pytest.mark.slow


#: Configurations whose files stay flagged after --fix, with why a human must decide.
NEEDS_A_HUMAN = {
    # `exclude = ["*"]`: the folder is vendored code; whether to lint it is the owner's call.
    "pypa__setuptools/setuptools/_distutils/ruff.toml": "excludes everything",
    "pypa__setuptools/setuptools/_vendor/ruff.toml": "excludes everything",
}


def _layout(corpus: Corpus, root: Path) -> dict[str, str]:
    """One directory per corpus config; returns each app.py path (relative to root) with its
    config's path in the corpus."""
    paths = {}
    for number, source in enumerate(corpus.files(*(f"**/{name}" for name in NAMES))):
        folder = root / f"c{number:04d}"
        folder.mkdir(parents=True)
        shutil.copyfile(source, folder / source.name)
        text = source.read_text(errors="replace")
        for match in re.finditer(r'^\s*extend\s*=\s*"([^"$~]+)"', text, re.MULTILINE):
            target = (source.parent / match.group(1)).resolve()
            destination = (folder / match.group(1)).resolve()
            if (
                target.is_file()
                and corpus.root.resolve() in target.parents
                and folder.resolve() in destination.parents
            ):
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(target, destination)
        (folder / "app.py").write_text(CANARY)
        paths[f"{folder.name}/app.py"] = corpus.relative(source)
    return paths


def _ruff(root: Path, paths: list[str]) -> tuple[int, dict[str, frozenset[str]], str]:
    env = {**os.environ, "XDG_CONFIG_HOME": str(root.parent / "xdg-empty")}
    result = subprocess.run(
        [
            ruff_oracle(),
            "check",
            "--no-cache",
            "--no-fix",
            "--force-exclude",
            "--exit-zero",
            "--output-format",
            "json",
            *paths,
        ],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    found: dict[str, set[str]] = {path: set() for path in paths}
    if result.returncode == 0:
        for diagnostic in json.loads(result.stdout):
            path = os.path.relpath(diagnostic["filename"], root).replace(os.sep, "/")
            if diagnostic["code"]:
                found.setdefault(path, set()).add(diagnostic["code"])
    return (
        result.returncode,
        {path: frozenset(codes) for path, codes in found.items()},
        result.stderr,
    )


def _analyze(root: Path, paths: list[str]) -> Verdict:
    cwd = os.getcwd()
    os.chdir(root)
    try:
        return analyze(paths, read, Policy(), root=".")
    finally:
        os.chdir(cwd)


def _s_codes(codes: frozenset[str]) -> frozenset[str]:
    return frozenset(code for code in codes if re.fullmatch(r"S\d+", code))


def test_corpus_configs(corpus: Corpus, tmp_path: Path) -> None:
    ruff_oracle()
    root = tmp_path / "corpus"
    configs = _layout(corpus, root)
    paths = list(configs)

    analysis = _analyze(root, paths)
    table = analysis.table
    valid = [path for path in paths if path not in analysis.invalid_files]
    code, before, stderr = _ruff(root, valid)
    assert code == 0, f"ruff refuses a config we accept:\n{stderr}"
    for path in valid:
        ours = {table.rules[i].label for i in analysis.reported[path]}
        assert ours == _s_codes(before[path]), path
    for path in analysis.invalid_files:
        refused, _, _ = _ruff(root, [path])
        assert refused == 2, f"{path}: we call the config invalid, ruff accepts it"

    cwd = os.getcwd()
    os.chdir(root)
    try:
        with (
            contextlib.redirect_stdout(io.StringIO()),
            contextlib.redirect_stderr(io.StringIO()) as errors,
        ):
            exit_code = enforce_ruff_s.main(["--fix", "--unsafe-fixes", *paths])
    finally:
        os.chdir(cwd)
    assert exit_code == 1, errors.getvalue()  # configs were fixed
    assert "Traceback" not in errors.getvalue()

    after_analysis = _analyze(root, paths)
    code, after, stderr = _ruff(root, valid)
    assert code == 0, f"ruff refuses a fixed config:\n{stderr}"
    flagged = {path for reason in after_analysis.reasons for path in reason.files}
    required = {table.rules[i].label for i in table.stable_s} - {"S101"}
    for path in valid:
        lost = before[path] - after[path] - {"RUF100"}
        assert not lost, f"{configs[path]}: the fix lost {sorted(lost)}"
        # the hook never requires S101: the fix does not switch it on
        assert "S101" not in after[path] - before[path], configs[path]
        if path not in flagged:
            assert required <= after[path], (
                f"{configs[path]}: still missing {sorted(required - after[path])}"
            )
    # Exactly the expected configurations still need a human after --fix.
    still_flagged = {configs[path] for path in valid if path in flagged}
    expected = {config for config in NEEDS_A_HUMAN if config in configs.values()}
    assert still_flagged == expected
