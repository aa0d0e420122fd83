"""check-dependency-cooldown on CI: pip's and uv's cutoffs in workflows, composite actions and
pip.conf (SCH611, SCH612), and the two grammars checked against pip 26.3 and uv themselves."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supply_chain_hooks.cooldown.policy import DAY_NS
from supply_chain_hooks.cooldown.values import pip_value, uv_value
from supply_chain_hooks.hooks import check_dependency_cooldown as hook
from tests.conftest import git, oracle, write

WORKFLOW = """\
name: ci
on: push
env:
  UV_EXCLUDE_NEWER: "1 day"
jobs:
  test:
    runs-on: ubuntu-latest
    env:
      PIP_UPLOADED_PRIOR_TO: 7 days
    steps:
      - run: |
          python -m pip install --uploaded-prior-to P1D -r requirements.txt
          uv sync --exclude-newer="7 Days"
          PIP_UPLOADED_PRIOR_TO=P10D pip install foo
          uv pip install --exclude-newer-package foo=false bar
          echo --exclude-newer 1d
      - run: uv lock --exclude-newer false
        env:
          UV_EXCLUDE_NEWER: ${{ inputs.cutoff }}
          PIP_UPLOADED_PRIOR_TO: "2999-01-01T00:00:00Z"
      - run: pip install --uploaded-prior-to 2020-01-01 x && uv sync --exclude-newer "P7D"
"""

ACTION = """\
runs:
  using: composite
  steps:
    - run: pip install --uploaded-prior-to p7d x
      shell: bash
"""

PIP_CONF = "[global]\nindex-url = https://pypi.org/simple\n\n[install]\nuploaded_prior_to = P2D\n"


def test_ci_settings_are_validated_and_measured(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, ".github/workflows/ci.yml", WORKFLOW)
    write(repo, "tools/setup/action.yml", ACTION)
    write(repo, "pip.conf", PIP_CONF)
    write(repo, "docs/pip.conf.txt", PIP_CONF)  # not a pip configuration
    git("add", "-A", cwd=repo)
    code = hook.main([])
    out = capsys.readouterr().out
    assert code == 1
    assert out.splitlines() == [
        (
            ".github/workflows/ci.yml:4:3: SCH612 UV_EXCLUDE_NEWER '1 day' (env) gives 1 day for "
            "uv, below the minimum cooldown of 3 days"
        ),
        (
            ".github/workflows/ci.yml:9:7: SCH611 PIP_UPLOADED_PRIOR_TO '7 days' (jobs.test.env): "
            "pip rejects it (Invalid isoformat string: '7 days')"
        ),
        (
            ".github/workflows/ci.yml:12:33: SCH612 --uploaded-prior-to 'P1D' "
            "(jobs.test.steps[0].run) gives 1 day for pip, below the minimum cooldown of 3 days"
        ),
        (
            ".github/workflows/ci.yml:13:19: SCH611 --exclude-newer '7 Days' (jobs.test.steps[0].run)"
            ": uv rejects it (`7 Days` could not be parsed as a duration: failed to parse input in "
            'the "friendly" duration format: expected to find unit designator suffix (e.g., `years` '
            "or `secs`) after parsing integer)"
        ),
        (
            ".github/workflows/ci.yml:17:14: SCH612 --exclude-newer 'false' (jobs.test.steps[1].run) "
            "switches the cooldown off for uv, below the minimum cooldown of 3 days"
        ),
        (
            ".github/workflows/ci.yml:20:11: SCH612 PIP_UPLOADED_PRIOR_TO '2999-01-01T00:00:00Z' "
            "(jobs.test.steps[1].env) is a cutoff in the future: no cooldown until then for pip, "
            "below the minimum cooldown of 3 days"
        ),
        (
            "pip.conf:5:1: SCH612 uploaded_prior_to 'P2D' ([install]) gives 2 days for pip, below "
            "the minimum cooldown of 3 days"
        ),
        (
            "tools/setup/action.yml:4:12: SCH611 --uploaded-prior-to 'p7d' (runs.steps[0].run): pip "
            "rejects it (Invalid isoformat string: 'p7d')"
        ),
        "Found 8 problems.",
    ]


def test_a_clean_workflow_is_not_parsed_for_nothing(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        repo, ".github/workflows/ci.yml", "on: push\njobs: {a: {steps: [{run: pip install x}]}}\n"
    )
    git("add", "-A", cwd=repo)
    assert hook.main([]) == 0


# -- pip's grammar, against pip 26.3's own option parsing ---------------------------------------


def pip_accepts(value: str, *, env: bool = False) -> tuple[bool, float | None]:
    """Whether pip's install command accepts the value (on the command line or in
    PIP_UPLOADED_PRIOR_TO), and the cutoff it computes (seconds since the epoch)."""
    from pip._internal.commands import create_command

    saved = dict(os.environ)
    os.environ["PIP_CONFIG_FILE"] = os.devnull
    args = [] if env else ["--uploaded-prior-to", value]
    if env:
        os.environ["PIP_UPLOADED_PRIOR_TO"] = value
    try:
        command = create_command("install")
        with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
            options, _ = command.parse_args(args)
    except (SystemExit, OverflowError):
        return False, None
    finally:
        os.environ.clear()
        os.environ.update(saved)
    cutoff = options.uploaded_prior_to
    return True, None if cutoff is None else cutoff.timestamp()


def assert_pip_agrees(value: str, *, env: bool = False) -> None:
    now = time.time_ns()
    accepted, cutoff = pip_accepts(value, env=env)
    verdict = pip_value(value, now)
    assert accepted == (verdict.reason is None), (value, verdict)
    if accepted and cutoff is not None:
        assert verdict.cooldown_ns is not None
        ours = (now - verdict.cooldown_ns) / 1e9
        assert abs(ours - cutoff) < 5, value


PIP_VALUES = [
    "P7D",
    "P0D",
    "P1D",
    "P007D",
    "P90D",
    "P999999999D",
    "P1000000000D",
    "P800000D",
    "p7d",
    "P7d",
    "7 days",
    "P1W",
    "PT24H",
    "P1DT1H",
    "P-1D",
    "P+1D",
    "P 7D",
    " P7D",
    "P7D ",
    "P7D\n",
    "P\u0667D",
    "",
    "2026-01-01",
    "2026-01-01T00:00:00Z",
    "2026-01-01T00:00:00+02:00",
    "2026-01-01 00:00",
    "20260101",
    "2026-W01-1",
    "2026-001",
    "2026-01-01T25:00",
    "2026-1-1",
    "2026-01-01T00:00:00.123456789Z",
    "2026-01-01T00",
    "2026-01-01Z",
    "false",
    "7",
]


@pytest.mark.parametrize("value", PIP_VALUES)
def test_pip_grammar_agrees_with_pip(value: str) -> None:
    assert_pip_agrees(value)


@pytest.mark.parametrize("value", ["P7D", "7 days", "2026-01-01T00:00:00Z", "p7d"])
def test_pip_environment_variable_has_the_same_grammar(value: str) -> None:
    assert_pip_agrees(value, env=True)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.text(st.sampled_from(list("P0123456789DTWZ:-+. dp")), max_size=14),
        st.tuples(
            st.sampled_from(["P", "p", ""]),
            st.integers(0, 10**10),
            st.sampled_from(["D", "d", "", "DT", "W"]),
        ).map(lambda t: f"{t[0]}{t[1]}{t[2]}"),
    )
)
def test_pip_grammar_agrees_with_pip_on_generated_values(value: str) -> None:
    assert_pip_agrees(value)


# -- uv's grammar: check-uv-exclude-newer's, plus `false` -------------------------------------


@pytest.mark.parametrize(
    "value", ["false", "1 day", "7 Days", "P7D", "p7d", "7", "2026-01-01T00:00:00Z", "0 days"]
)
@pytest.mark.parametrize("env", [False, True])
def test_uv_grammar_agrees_with_uv(value: str, env: bool, tmp_path: Path) -> None:
    uv = oracle("uv")
    environ = {
        **os.environ,
        "XDG_CONFIG_HOME": str(tmp_path),
        "UV_CACHE_DIR": str(tmp_path / "c"),
        "UV_PYTHON_DOWNLOADS": "never",
        "UV_OFFLINE": "1",
        "TZ": "UTC",
        "NO_COLOR": "1",
    }
    args = [uv, "pip", "compile", "--no-config", "--offline", "--no-header", "-"]
    if env:
        environ["UV_EXCLUDE_NEWER"] = value
    else:
        args[3:3] = ["--exclude-newer", value]
    completed = subprocess.run(
        args, input="", capture_output=True, text=True, env=environ, check=False
    )
    verdict = uv_value(value, time.time_ns())
    assert (completed.returncode == 0) == (verdict.reason is None), completed.stderr
    if value == "0 days":
        assert verdict.cooldown_ns == 0
    if value == "1 day":
        assert verdict.cooldown_ns == DAY_NS


def test_excluded_paths_are_not_read(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, "tests/fixtures/a/pip.conf", PIP_CONF)
    git("add", "-A", cwd=repo)
    assert hook.main([]) == 1
    capsys.readouterr()
    assert hook.main(["--exclude", "tests/fixtures/**"]) == 0
    write(
        repo,
        "pyproject.toml",
        '[tool.supply-chain-hooks.check-dependency-cooldown]\nexclude = ["tests/**"]\n',
    )
    assert hook.main([]) == 0
