""".ci/run is what CI runs: the README's test command, then a check that the run left the
work tree as it found it (a test that rewrote a golden file, or left a file behind, fails CI)."""

from __future__ import annotations

import re

from tests.conftest import ROOT

CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
PYTEST = ".venv/bin/python -m pytest"


def _commands(script: str) -> list[str]:
    lines = (line.strip() for line in script.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    pattern = rf"^python3 -m venv \.venv && .* && {re.escape(PYTEST)}$"
    (command,) = re.findall(pattern, readme, re.MULTILINE)
    setup, _, last = command.rpartition(" && ")
    assert last == PYTEST
    commands = _commands(CI)
    assert setup in commands  # verbatim, then the same pytest call
    assert commands.index(PYTEST) > commands.index(setup)


def test_ci_fails_a_run_that_changed_the_work_tree() -> None:
    commands = _commands(CI)
    after = commands[commands.index(PYTEST) :]
    # A run that started clean ends with: no untracked file was created, and then
    # `git diff --exit-code` (any change to a tracked file fails it).
    clean = after[after.index('if [ "$clean_at_start" = yes ]; then') :]
    assert clean[1] == "untracked=$(git ls-files --others --exclude-standard)"
    assert clean[clean.index("git diff --exit-code") + 1].startswith("elif ")
    # A run that started with local changes compares the work tree with how it found it.
    assert "before=$(fingerprint | sha256sum)" in commands[: commands.index(PYTEST)]
    assert 'elif [ "$(fingerprint | sha256sum)" != "$before" ]; then' in clean
