from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from supply_chain_hooks.cli import main
from tests.conftest import git, write


def test_rules_table_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    from supply_chain_hooks.rules import ALL_RULES

    assert main(["rules"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["code", "name", "hook", "fix", "summary"]
    assert [line.split()[0] for line in out[1:]] == [rule.code for rule in ALL_RULES]


@pytest.mark.parametrize("key", ["SCH111", "sch111", "pull-request-target"])
def test_rule_prints_its_documentation(capsys: pytest.CaptureFixture[str], key: str) -> None:
    assert main(["rule", key]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# SCH111 pull-request-target\n")
    assert "## Why is this bad?" in out


def test_unknown_rule_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rule", "SCH999"]) == 2
    assert "unknown rule 'SCH999'" in capsys.readouterr().err


def test_check_walks_tracked_files_only(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, ".github/workflows/a.yml", "on: pull_request_target\n")
    write(repo, ".github/workflows/untracked.yml", "on: pull_request_target\n")
    write(repo, "docs/.github/workflows/nested.yml", "on: pull_request_target\n")
    git("add", ".github/workflows/a.yml", "docs", cwd=repo)
    assert main(["check", "--hook", "forbid-pull-request-target"]) == 1
    out = capsys.readouterr().out
    assert ".github/workflows/a.yml:1:5: SCH111" in out
    assert "untracked" not in out
    assert "nested" not in out


def test_check_outside_git_walks_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, ".github/workflows/a.yml", "on: pull_request_target\n")
    write(tmp_path, ".venv/.github/workflows/b.yml", "on: pull_request_target\n")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--hook", "forbid-pull-request-target", "--format", "json", "."]) == 1
    assert [f["path"] for f in json.loads(capsys.readouterr().out)] == [".github/workflows/a.yml"]


def test_check_unknown_hook_and_missing_path(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--hook", "nope"]) == 2
    assert "unknown hook(s): nope" in capsys.readouterr().err
    assert main(["check", "missing-dir"]) == 2
    assert "no such file or directory: missing-dir" in capsys.readouterr().err


def test_python_dash_m_is_the_umbrella() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "supply_chain_hooks", "rule", "SCH001"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0
    assert completed.stdout.startswith("# SCH001 invalid-file")


def test_hook_help_and_bad_option_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    from supply_chain_hooks.hooks.forbid_pull_request_target import main as hook

    with pytest.raises(SystemExit) as exit_:
        hook(["--no-such-option"])
    assert exit_.value.code == 2


def test_check_routes_explicit_files_to_the_hooks_they_concern(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, "notes.yml", "on: [\n")
    write(repo, ".github/workflows/a.yml", "on: pull_request_target\n")
    assert (
        main(
            [
                "check",
                "--hook",
                "forbid-pull-request-target",
                "notes.yml",
                ".github/workflows/a.yml",
            ]
        )
        == 1
    )
    out = capsys.readouterr().out
    assert "notes.yml" not in out
    assert ".github/workflows/a.yml:1:5: SCH111" in out


def test_config_exclude_keeps_files_from_file_level_hooks(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, "tests/fixtures/.github/workflows/x.yml", "on: [\n")
    write(repo, ".github/workflows/a.yml", "on: pull_request_target\n")
    write(repo, "tests/fixtures/requirements.txt", "six\n")
    write(repo, "pyproject.toml", '[tool.supply-chain-hooks]\nexclude = ["tests/fixtures/**"]\n')
    git("add", "-A", cwd=repo)
    hooks = ["--hook", "forbid-pull-request-target", "--hook", "require-lock-hashes"]
    assert main(["check", *hooks]) == 1
    out = capsys.readouterr().out
    assert "tests/fixtures" not in out
    assert ".github/workflows/a.yml:1:5: SCH111" in out
    write(repo, "pyproject.toml", "[tool.supply-chain-hooks]\nexclude = 3\n")
    assert main(["check", *hooks]) == 2
    assert "exclude must be a list of path globs" in capsys.readouterr().err


def test_console_scripts_flush_their_report_and_exit_with_its_code(tmp_path: Path) -> None:
    # The scripts leave without tearing the interpreter down (runner.exit_now): what was
    # printed is still all there, through a pipe, with the run's exit code.
    workflow = tmp_path / ".github" / "workflows" / "w.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text("on: pull_request_target\njobs: {}\n")
    # Buffered output, as outside this environment: the report waits for exit_now's flush.
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    for command in (
        [
            sys.executable,
            "-m",
            "supply_chain_hooks",
            "check",
            "--hook",
            "forbid-pull-request-target",
            ".",
        ],
        [
            sys.executable,
            "-c",
            "from supply_chain_hooks.hooks.forbid_pull_request_target import HOOK; HOOK.run()",
            ".github/workflows/w.yml",
        ],
    ):
        done = subprocess.run(
            command, cwd=tmp_path, env=environment, capture_output=True, text=True, check=False
        )
        assert done.returncode == 1, done.stderr
        assert "SCH111" in done.stdout
        assert done.stdout.rstrip().splitlines()[-1].startswith("Found 1 problem")


@pytest.mark.parametrize("paths", [[], ["."], ["a", "b/c.yml"], ["check"], ["rules"]])
def test_a_check_of_paths_only_is_read_as_argparse_reads_it(paths: list[str]) -> None:
    # `check PATH...` skips building the parser (argparse is a tenth of a small run): the
    # result is what the parser gives.
    from supply_chain_hooks import cli

    plain = cli._plain_check(["check", *paths])
    assert plain is not None
    assert vars(plain) == vars(cli._parser().parse_args(["check", *paths]))
    for other in (["check", *paths, "--fix"], ["check", "-q", *paths], ["baseline", *paths], []):
        assert cli._plain_check(other) is None


def test_console_scripts_run_without_the_cyclic_garbage_collector() -> None:
    # runner.console: a run is one short process; collecting cycles would walk every live
    # object again and again for nothing. The main function sees the collector off, and the
    # process ends with its exit code.
    code = (
        "import gc\n"
        "from supply_chain_hooks.runner import console\n"
        "console(lambda: 3 if gc.isenabled() else 7)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, check=False)
    assert done.returncode == 7, done.stderr


def test_a_console_script_whose_reader_left_exits_120() -> None:
    # exit_now flushes before leaving: a closed pipe (`| head -1`) ends the run as Python's
    # own exit would report it, not with a traceback or a lost exit code.
    code = (
        "import sys\n"
        "from supply_chain_hooks.runner import exit_now\n"
        "sys.stdout.write('x' * 100)\n"  # buffered: written by exit_now's flush
        "exit_now(0)\n"
    )
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    process = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader is gone before the first write
    err = process.stderr.read()
    process.stderr.close()
    assert process.wait() == 120
    assert b"Traceback" not in err
