"""check-uv-exclude-newer on fixture repositories (tests/fixtures/uv/<case>/; their golden
reports and fixes run in tests/test_goldens.py): messages, options, configuration."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from supply_chain_hooks.hooks import check_uv_exclude_newer as hook
from supply_chain_hooks.uv import policy as uv_policy
from supply_chain_hooks.uv import settings as uv_settings
from supply_chain_hooks.workspace import Workspace
from tests import golden
from tests.conftest import git, passed, write


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch) -> None:
    """Dates become the next midnight in the machine's zone: pin it."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


def materialise(case: str, destination: Path) -> dict[str, bytes]:
    """Write the input of tests/fixtures/uv/<case> into a git repository."""
    return golden.materialize(golden.load("uv", case), destination)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = hook.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("case", [case.name for case in golden.cases("uv")])
def test_fix_asks_for_uv_lock(case: str, repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Beside the goldens (tests/test_goldens.py): a check writes nothing to stderr, and a fix
    that changed a file names it and asks for `uv lock`."""
    original = materialise(case, repo)
    assert run(capsys)[2] == ""
    code, _, err = run(capsys, "--fix")
    changed = {path for path in original if (repo / path).read_bytes() != original[path]}
    assert code == (1 if changed else code)
    assert ("run `uv lock` to update uv.lock" in err) == bool(changed), err
    assert all(f"{path}: fixed" in err for path in changed)


def test_crlf_and_bom_survive_the_fix(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    materialise("crlf_bom", repo)
    run(capsys, "--fix")
    data = (repo / "pyproject.toml").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf[project]\r\n")
    assert b'\r\n[tool.uv]\r\nexclude-newer = "7 days"\r\n' in data
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_explicit_paths_check_only_their_projects(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    materialise("policy", repo)
    code, out, _ = run(capsys, "c/pyproject.toml")
    assert code == 1
    assert out.splitlines()[0].startswith("c/pyproject.toml:8:17: SCH304 [*]")
    assert all(line.startswith("c/") for line in out.splitlines()[:-1])


def test_options_and_configuration(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    materialise("policy", repo)
    code, out, _ = run(capsys, "--min-cooldown", "6 hours", "c/pyproject.toml")
    assert passed((code, out))
    write(
        repo,
        "pyproject.toml",
        '[tool.supply-chain-hooks.check-uv-exclude-newer]\nexclude = ["a/**", "b/**", "c/**", "d/**", "e/**"]\n',
    )
    code, out, _ = run(capsys)
    assert all(line.startswith("f/") for line in out.splitlines()[:-1])
    code, out, err = run(capsys, "--fix-value", "1 hour")
    assert code == 2
    assert "--fix-value '1 hour' must be a duration of at least --min-cooldown (3 days)" in err
    code, _, err = run(capsys, "--min-cooldown", "3 Days")
    assert code == 2
    assert "could not be parsed as a duration" in err


def test_fix_value_is_written(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    materialise("missing", repo)
    run(capsys, "--fix", "--fix-value", "P14D")
    assert '[tool.uv]\nexclude-newer = "P14D"\n' in (repo / "pyproject.toml").read_text()


def test_a_required_uv_without_durations_gets_a_timestamp(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        repo,
        "pyproject.toml",
        '[project]\nname = "p"\nversion = "0"\n\n[tool.uv]\nrequired-version = "==0.5.14"\n',
    )
    write(repo, "uv.lock", "")
    git("add", "-A", cwd=repo)
    now = 1_795_304_012 * 10**9  # 2026-11-21T23:33:32Z
    findings = hook.check(Workspace("."), (), uv_policy.Options(now_ns=now))
    assert [f.rule.code for f in findings] == ["SCH301"]
    assert findings[0].fix is not None
    assert findings[0].fix.edits[0].content == 'exclude-newer = "2026-11-14T00:00:00Z"\n'
    write(
        repo,
        "pyproject.toml",
        '[tool.uv]\nrequired-version = "==0.5.14"\nexclude-newer = "7 days"\n',
    )
    findings = hook.check(Workspace("."), (), uv_policy.Options(now_ns=now))
    assert [f.rule.code for f in findings] == ["SCH302"]
    assert 'which uv < 0.9.17 (required-version = "==0.5.14") cannot parse' in findings[0].message
    assert uv_settings.spans_supported({"required-version": ">=0.6"})
    assert uv_settings.spans_supported({"required-version": "==0.9.18"})
    assert not uv_settings.spans_supported({"required-version": "<0.9.17"})
    assert uv_settings.spans_supported({"required-version": "not a specifier"})


_MINIMUM = "less than the minimum cooldown (3 days)"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # The default minimum (3 days) is inclusive, for spans and absolute cutoffs alike.
        ("3 days", None),
        (
            "71 hours",
            "SCH304 a cooldown of 2 days 23 hours is shorter than the minimum (3 days)",
        ),
        ("2026-11-18T23:33:32Z", None),
        (
            "2026-11-18T23:33:33Z",
            f"SCH305 the cutoff 2026-11-18T23:33:33Z is only 2 days 23 hours ago, {_MINIMUM}",
        ),
        # A cutoff of exactly now is not yet in the future.
        (
            "2026-11-21T23:33:32Z",
            f"SCH305 the cutoff 2026-11-21T23:33:32Z is only 0 seconds ago, {_MINIMUM}",
        ),
        (
            "2026-11-21T23:33:33Z",
            "SCH305 the cutoff is in the future, so every new release is allowed",
        ),
    ],
)
def test_the_minimum_cooldown_boundaries(repo: Path, value: str, expected: str | None) -> None:
    write(
        repo,
        "pyproject.toml",
        f'[project]\nname = "p"\nversion = "0"\n\n[tool.uv]\nexclude-newer = "{value}"\n',
    )
    write(repo, "uv.lock", "")
    git("add", "-A", cwd=repo)
    now = 1_795_304_012 * 10**9  # 2026-11-21T23:33:32Z
    findings = hook.check(Workspace("."), (), uv_policy.Options(now_ns=now))
    prefix = f'[tool.uv] exclude-newer = "{value}": '
    shown = [f"{f.rule.code} {f.message.removeprefix(prefix)}" for f in findings]
    assert shown == ([] if expected is None else [expected])
    assert all((f.location.line, f.location.column) == (6, 17) for f in findings)


def test_a_fix_that_cannot_reach_tool_uv_is_left_out(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `tool` is a string, so [tool.uv] cannot be created: report without a fix (not a crash).
    write(repo, "pyproject.toml", 'tool = "x"\n[project]\nname = "p"\n')
    write(repo, "uv.lock", "")
    git("add", "-A", cwd=repo)
    code, out, err = run(capsys, "--fix")
    assert (code, err) == (1, "")
    assert out.startswith("pyproject.toml:1:1: SCH301 no uv settings set `exclude-newer`")
    assert (repo / "pyproject.toml").read_text() == 'tool = "x"\n[project]\nname = "p"\n'


def _imported_by_a_run(repo: Path) -> tuple[int, set[str]]:
    code = (
        "import sys\n"
        "from supply_chain_hooks.hooks.check_uv_exclude_newer import main\n"
        "status = main([])\n"
        "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)\n"
        "raise SystemExit(status)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=repo, capture_output=True, text=True, check=False
    )
    return done.returncode, set(done.stderr.split())


def test_a_repository_without_uv_imports_nothing_heavy(repo: Path) -> None:
    write(repo, "pyproject.toml", '[project]\nname = "p"\n')
    git("add", "-A", cwd=repo)
    status, modules = _imported_by_a_run(repo)
    assert status == 0
    heavy = {"argparse", "typing", "dataclasses", "tomllib", "supply_chain_hooks.uv.context"}
    assert sorted(modules & heavy) == []


def test_a_clean_uv_project_runs_without_argparse(repo: Path) -> None:
    write(repo, "pyproject.toml", '[project]\nname = "p"\n\n[tool.uv]\nexclude-newer = "7 days"\n')
    git("add", "-A", cwd=repo)
    status, modules = _imported_by_a_run(repo)
    assert status == 0
    assert "supply_chain_hooks.uv.context" in modules
    assert "argparse" not in modules


def test_not_a_git_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "x/pyproject.toml", '[tool.uv]\nexclude-newer = "7 Days"\n')
    code, out, _ = run(capsys)
    assert code == 1
    assert out.startswith("x/pyproject.toml:2:17: SCH302 [*]")


def test_empty_repository_is_clean(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert passed(run(capsys))


def test_a_masked_value_is_reported_at_both_places(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        repo,
        "pyproject.toml",
        '[project]\nname = "p"\nversion = "0"\n\n[tool.uv]\nexclude-newer = "1 week"\n'
        'exclude-newer-package = { six = "2 weeks" }\n',
    )
    write(repo, "uv.toml", 'exclude-newer = "10 days"\n')
    git("add", "-A", cwd=repo)
    code, out, _ = run(capsys)
    assert code == 1
    assert out.splitlines() == [
        (
            "pyproject.toml:6:1: SCH313 [*] `exclude-newer` here is ignored: uv.toml beside this "
            "file masks all of [tool.uv]"
        ),
        (
            "pyproject.toml:7:1: SCH313 `exclude-newer-package` here is ignored: uv.toml beside "
            "this file masks all of [tool.uv]"
        ),
        "uv.toml:1:1: SCH313 uv uses this `exclude-newer` and ignores the one in pyproject.toml [tool.uv]",
        "Found 3 problems (1 fixable with --fix).",
    ]
    run(capsys, "--fix")
    assert (repo / "uv.toml").read_text() == 'exclude-newer = "10 days"\n'
    code, out, _ = run(capsys)
    assert out.splitlines()[0].startswith("pyproject.toml:6:1: SCH313 `exclude-newer-package`")


def test_members_and_pip_values_are_validated(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        repo,
        "pyproject.toml",
        '[tool.uv]\nexclude-newer = "7 days"\n\n[tool.uv.pip]\nexclude-newer = "7 Days"\n'
        '\n[tool.uv.workspace]\nmembers = ["m"]\n',
    )
    write(
        repo,
        "m/pyproject.toml",
        '[project]\nname = "m"\nversion = "0"\n\n[tool.uv]\nexclude-newer-package = { a = false }\n',
    )
    git("add", "-A", cwd=repo)
    _code, out, _ = run(capsys)
    lines = out.splitlines()
    assert lines[0].startswith(
        "m/pyproject.toml:6:1: SCH311 `exclude-newer-package` in a workspace member is ignored"
    )
    assert lines[1].startswith(
        "pyproject.toml:5:17: SCH302 invalid `pip.exclude-newer` in [tool.uv]"
    )
    assert lines[2] == "Found 2 problems."


def test_excluded_files_get_no_fix_planned_and_the_rest_is_unchanged(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # `exclude` drops the findings of excluded files: their fixes (tomlkit edits, the costly
    # part) are not even planned, while a kept file whose finding comes from an excluded
    # one (the uv.toml that masks an excluded pyproject.toml) is still reported.
    from supply_chain_hooks.uv import helpers

    project = '[project]\nname = "{}"\nversion = "0"\n\n[tool.uv]\n'
    write(repo, "skip/a/pyproject.toml", project.format("a") + 'index-strategy = "first-index"\n')
    write(repo, "skip/b/pyproject.toml", project.format("b") + 'exclude-newer = "7 Days"\n')
    write(repo, "kept/pyproject.toml", project.format("k") + 'index-strategy = "first-index"\n')
    write(repo, "skip/c/pyproject.toml", project.format("c") + 'exclude-newer = "1 week"\n')
    write(repo, "skip/c/uv.toml", 'index-strategy = "first-index"\n')
    git("add", "-A", cwd=repo)
    planned: list[str] = []
    real = helpers.fix

    def counting(title: str, make: object) -> object:
        planned.append(title)
        return real(title, make)  # type: ignore[arg-type]

    monkeypatch.setattr(helpers, "fix", counting)
    code, everything, _ = run(capsys)
    assert code == 1
    all_planned = len(planned)
    planned.clear()
    code, kept, _ = run(
        capsys,
        "--exclude",
        "skip/a/**",
        "--exclude",
        "skip/b/**",
        "--exclude",
        "skip/c/pyproject.toml",
    )
    assert code == 1
    expected = [
        line
        for line in everything.splitlines()[:-1]
        if not line.startswith(("skip/a/", "skip/b/", "skip/c/pyproject.toml"))
    ]
    assert kept.splitlines()[:-1] == expected
    assert any(line.startswith("skip/c/uv.toml") for line in expected)
    assert 0 < len(planned) < all_planned
