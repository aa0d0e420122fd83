"""Jobs in forked processes: the same results as in one process, whatever a child does."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from supply_chain_hooks import parallel
from supply_chain_hooks.cli import main as cli_main
from supply_chain_hooks.config import UsageError
from tests.conftest import Corpus, write
from tests.conftest import git as run_git

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


@pytest.fixture
def two_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "2")


def test_workers_follow_the_variable_and_the_job_count(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "3")
    assert [parallel.workers(jobs) for jobs in (0, 1, 2, 9)] == [1, 1, 2, 3]
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "1")
    assert parallel.workers(9) == 1
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "64")
    assert parallel.workers(99) == parallel.MAX_WORKERS
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "many")  # not a number: one per CPU
    assert 1 <= parallel.workers(9) <= parallel.MAX_WORKERS


@pytest.mark.usefixtures("two_processes")
def test_results_come_back_in_order_from_more_than_one_process() -> None:
    parent = os.getpid()

    def call(index: int) -> tuple[int, int]:
        if index == 5:
            time.sleep(0.5)  # the parent is busy: the child takes from the queue meanwhile
        return index * index, os.getpid()

    done = parallel.run(12, call, first=[5])
    assert [square for square, _ in done] == [index * index for index in range(12)]
    assert done[5][1] == parent  # `first` runs here
    assert {pid for _, pid in done} - {parent}  # and something ran in the child


@pytest.mark.usefixtures("two_processes")
def test_what_a_child_prints_is_printed_by_the_parent(capsys: pytest.CaptureFixture[str]) -> None:
    parent = os.getpid()

    def call(index: int) -> int:
        if os.getpid() != parent:
            print(f"child {index}", file=sys.stderr)
            print(f"out {index}")
        return index

    assert parallel.run(6, call) == list(range(6))
    captured = capsys.readouterr()
    in_child = [line.split()[1] for line in captured.err.splitlines()]
    assert in_child == [line.split()[1] for line in captured.out.splitlines()]
    assert set(in_child) <= {str(index) for index in range(6)}


def _parent_busy_first(parent: int, index: int) -> None:
    """Job 0 keeps the parent busy, so the child surely takes jobs from the queue."""
    if index == 0 and os.getpid() == parent:
        time.sleep(0.5)


@pytest.mark.usefixtures("two_processes")
def test_an_error_in_a_child_is_raised_in_the_parent() -> None:
    parent = os.getpid()

    def call(index: int) -> int:
        _parent_busy_first(parent, index)
        if os.getpid() != parent:
            raise UsageError(f"bad option in job {index}")
        return index

    with pytest.raises(UsageError, match="bad option in job "):
        parallel.run(40, call, first=[0])


@pytest.mark.usefixtures("two_processes")
def test_a_child_that_dies_costs_time_not_results() -> None:
    parent = os.getpid()

    def call(index: int) -> int:
        _parent_busy_first(parent, index)
        if os.getpid() != parent:
            os._exit(9)  # as a crash would: nothing is sent back
        return -index

    assert parallel.run(10, call, first=[0]) == [-index for index in range(10)]


@pytest.mark.usefixtures("two_processes")
def test_a_result_that_does_not_pickle_is_computed_again_here(
    capsys: pytest.CaptureFixture[str],
) -> None:
    parent = os.getpid()

    def call(index: int) -> object:
        _parent_busy_first(parent, index)
        if os.getpid() != parent:
            print(f"child {index}", file=sys.stderr)
            return lambda: index
        return index

    assert parallel.run(30, call, first=[0]) == list(range(30))
    assert "child" not in capsys.readouterr().err  # printed once, by the run that counts


WORKFLOW = """on: pull_request_target
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: pip install requests
"""


def test_check_reports_the_same_in_one_and_in_several_processes(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, ".github/workflows/w.yml", WORKFLOW)
    write(repo, "requirements.txt", "requests==2.32.3\nsix\n")
    write(repo, "pyproject.toml", '[project]\nname = "p"\n[tool.uv]\nexclude-newer = "1 day"\n')
    write(repo, "pkg/mod.py", "import os\n")
    write(
        repo, ".pre-commit-config.yaml", "repos:\n- repo: https://e.com/r\n  rev: v1\n  hooks: []\n"
    )
    write(repo, "Dockerfile", "FROM python:3.12\nRUN pip install flask\n")
    run_git("add", ".", cwd=repo)
    outputs = {}
    for jobs in ("1", "2", "4"):
        monkeypatch.setenv(parallel.JOBS_VARIABLE, jobs)
        for arguments in (
            ["check", "."],
            ["check", "--statistics", "."],
            ["check", "--format", "json", "."],
        ):
            code = cli_main(arguments)
            captured = capsys.readouterr()
            outputs[jobs, tuple(arguments)] = (code, captured.out, captured.err)
    for (jobs, arguments), output in outputs.items():
        assert output == outputs["1", arguments], (jobs, arguments)
    code, out, _ = outputs["1", ("check", ".")]
    assert code == 1
    summary = out.splitlines()[-1]
    assert summary.startswith("Found ") and "9 hooks" not in summary
    for code_seen in ("SCH101", "SCH111", "SCH204", "SCH801"):
        assert code_seen in out


def test_corpus_reports_are_the_same_in_one_and_in_two_processes(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Real repositories (walked: they are no git work trees here): every vendored one, and
    # the eight largest of the full corpus. (All 98 of the full corpus were compared once
    # by hand through the console script, stdout, stderr and exit code: no difference.)
    repositories = sorted(path for path in corpus.root.iterdir() if path.is_dir())
    if corpus.name != "sample":
        repositories = sorted(
            repositories, key=lambda path: sum(1 for _ in path.rglob("*")), reverse=True
        )[:8]
    for repository in repositories:
        monkeypatch.chdir(repository)
        seen = []
        for jobs in ("1", "2"):
            monkeypatch.setenv(parallel.JOBS_VARIABLE, jobs)
            code = cli_main(["check", "--offline", "."])
            captured = capsys.readouterr()
            seen.append((code, captured.out, captured.err))
        assert seen[0] == seen[1], repository.name


def test_an_interrupt_in_any_process_ends_check_with_130(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # ^C reaches every process of the group: whichever raises KeyboardInterrupt, the run
    # ends as an interrupted run, without a traceback.
    from supply_chain_hooks.hooks import forbid_pull_request_target

    write(repo, ".github/workflows/w.yml", WORKFLOW)
    run_git("add", ".", cwd=repo)

    def check(*args: object, **kwargs: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(forbid_pull_request_target, "check", check)
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "2")
    hooks = ["pin-actions-to-sha", "forbid-pull-request-target", "require-hashed-installs"]
    assert cli_main(["check", *(f"--hook={hook}" for hook in hooks), "."]) == 130
    captured = capsys.readouterr()
    assert "Interrupted (^C)" in captured.err
    assert "Traceback" not in captured.err


@pytest.mark.usefixtures("two_processes")
def test_an_interrupt_in_a_child_is_raised_in_the_parent() -> None:
    parent = os.getpid()

    def call(index: int) -> int:
        _parent_busy_first(parent, index)
        if os.getpid() != parent:
            raise KeyboardInterrupt
        return index

    with pytest.raises(KeyboardInterrupt):
        parallel.run(10, call, first=[0])
