"""Every fixture case of every family (tests/fixtures/<family>/<case>/, see tests/golden.py):
the exact report, the exact fix as a diff, and the rule table's promise about fixes.

Cases that need a git server run beside it: github/fix in tests/test_pin_actions_fix.py,
precommit/fix in tests/test_pin_pre_commit_revs_fix.py.
"""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest

from supply_chain_hooks.model import FixAvailability
from supply_chain_hooks.rules import ALL_RULES
from tests import golden
from tests.conftest import ROOT
from tests.golden import Case, Goldens


@pytest.fixture
def _case_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    # Dates become the next midnight in the machine's zone (uv): pin it.
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    # A ruff case expands this variable and must find it unset.
    monkeypatch.delenv("SCH_TEST_UNSET_CONFIG_DIR", raising=False)


@pytest.mark.usefixtures("_case_environment")
@pytest.mark.parametrize("case", golden.params())
def test_case(case: Case, repo: Path, capsys: pytest.CaptureFixture[str], goldens: Goldens) -> None:
    golden.run_case(case, repo, capsys, goldens)


def test_every_case_has_its_goldens_and_nothing_else() -> None:
    for family in golden.FAMILIES:
        for folder in sorted((golden.FIXTURES / family).iterdir()):
            if not folder.is_dir():
                assert folder.name == "canary_s.txt", folder
                continue
            case = golden.load(family, folder.name)
            names = {path.name for path in folder.iterdir()}
            assert {"input", "report.txt"} <= names, folder
            assert ("fix.diff" in names) == case.fix, folder
            assert names <= {"input", "case.toml", *golden.GOLDEN_NAMES}, folder


def test_the_diff_is_exact() -> None:
    """patch(before, diff(before, after)) == after, so a golden diff pins the fixed bytes."""
    before = {"a": b"\xef\xbb\xbfx\r\ny\r\n", "b": b"one\ntwo", "c": b"same\n"}
    after = {"a": b"\xef\xbb\xbfx\r\nz\r\n", "b": b"one\ntwo\n", "c": b"same\n", "d": b"new"}
    assert golden.patch(before, golden.diff(before, after)) == after
    for case in golden.cases():
        if (case.folder / "fix.diff").is_file():
            text = (case.folder / "fix.diff").read_bytes().decode()
            files = case.files()
            assert golden.diff(files, golden.patch(files, text)) == text, case.id


def test_fixture_and_corpus_files_are_all_tracked() -> None:
    """Nothing under tests/fixtures or tests/corpus is ignored by git, so a clone has it all."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    ignored = subprocess.run(
        [
            "git",
            "ls-files",
            "--others",
            "--ignored",
            "--exclude-standard",
            "--directory",
            "tests/fixtures",
            "tests/corpus",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert ignored == ""


# -- Ruff's fix-availability test ---------------------------------------------------------------


@pytest.mark.usefixtures("_case_environment")
def test_fix_availability_holds_on_every_fixture(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A rule declared FixAvailability.NONE never offers a fix, and an ALWAYS rule offers one
    every time it reports, on every case of every family."""
    declared = {rule.code: rule.fix for rule in ALL_RULES}
    seen: dict[str, set[bool]] = {}
    for number, case in enumerate(golden.cases(needs=frozenset({"server", "root"}))):
        root = tmp_path / f"c{number}"
        root.mkdir()
        monkeypatch.chdir(root)
        subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True)
        golden.materialize(case, root)
        golden.hook_main(case)(["--format", "json", *case.args()])
        report = json.loads(capsys.readouterr().out or "[]")
        for finding in report:
            seen.setdefault(finding["code"], set()).add(finding["fix"] is not None)
            availability = declared[finding["code"]]
            where = f"{case.id}: {finding['path']}:{finding['line']}: {finding['code']}"
            if availability is FixAvailability.NONE:
                assert finding["fix"] is None, f"{where} offers a fix but is declared NONE"
            elif availability is FixAvailability.ALWAYS:
                assert finding["fix"] is not None, f"{where} offers no fix but is declared ALWAYS"
    # The fixtures exercise both promises (a rule table that says SOMETIMES for everything
    # would make this test empty).
    assert any(declared[code] is FixAvailability.NONE for code in seen)
    assert any(declared[code] is FixAvailability.ALWAYS for code in seen)


def test_goldens_are_never_rewritten_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    """`--update-goldens` under CI=true is a usage error (exit 4) before any test runs, and the
    environment variables of the old layouts are refused."""
    import os
    import sys

    from tests import conftest

    command = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "--collect-only",
        "--update-goldens",
        "tests/__init__.py",
    ]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "CI": "true"}
    completed = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert completed.returncode == 4, completed.stdout + completed.stderr
    assert "--update-goldens is refused under CI=true" in completed.stderr

    class Options:
        def __init__(self, update: bool) -> None:
            self.update = update

        def getoption(self, name: str) -> bool:
            assert name == "--update-goldens"
            return self.update

        def addinivalue_line(self, name: str, line: str) -> None:
            pass

    for name, value in (("CI", "false"), ("UPDATE_GOLDEN", ""), ("SCH_UPDATE_GOLDEN", "")):
        monkeypatch.setenv(name, value)
    conftest.pytest_configure(Options(True))  # type: ignore[arg-type]  # accepted outside CI
    for name in ("UPDATE_GOLDEN", "SCH_UPDATE_GOLDEN"):
        monkeypatch.setenv(name, "1")
        with pytest.raises(pytest.UsageError, match=f"{name} is gone: run pytest --update-goldens"):
            conftest.pytest_configure(Options(False))  # type: ignore[arg-type]
        monkeypatch.setenv(name, "")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.UsageError, match="refused under CI=true"):
        conftest.pytest_configure(Options(True))  # type: ignore[arg-type]
    conftest.pytest_configure(Options(False))  # type: ignore[arg-type]
