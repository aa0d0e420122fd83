"""A hook's start-up stays small: what a run imports is checked, not how long it takes.

pre-commit starts a hook process for every batch of files, so importing a module the run
does not need costs every commit (see docs/benchmarks.md for the measurements). These
tests run each file-level hook on a clean file in a fresh interpreter and list the modules
it imported.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from supply_chain_hooks import hooks
from tests.conftest import git, write

#: Each costs milliseconds of start-up; none is needed to check a clean file.
HEAVY = frozenset(
    [
        "typing",
        "dataclasses",
        "inspect",
        "tempfile",
        "shutil",
        "hashlib",
        "json",
        "tomllib",
        "traceback",
        "argparse",
        "_ruamel_yaml",
        "ruamel",
        "ruamel.yaml",
    ]
)

CLEAN = """\
name: CI
on:
  push:
    branches: [main]
  pull_request:
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
      - run: |
          make test
"""

CLEAN_REQUIREMENTS = """\
requests==2.32.3 \\
    --hash=sha256:70761cfe03c773ceb22aa2f671b4757976145175cdfca038c02654d061d6dcc6
"""

CLEAN_UV_LOCK = """\
version = 1
revision = 2
requires-python = ">=3.11"

[[package]]
name = "requests"
version = "2.32.3"
source = { registry = "https://pypi.org/simple" }
sdist = { url = "https://files.pythonhosted.org/packages/requests-2.32.3.tar.gz", \
hash = "sha256:55365417734eb18255590a9ff9eb97e9e1da868d4ccd6402399eaf68af20a760", size = 131218 }
"""

CLEAN_PRE_COMMIT = """\
repos:
  - repo: https://github.com/astral-sh/ruff-pre-commit
    rev: 65dbdb59d2f2d9c3bdc343c566821ad3319ddaa3  # frozen: v0.16.3
    hooks:
      - id: ruff-check
        additional_dependencies: [types-requests==2.32.0.20240712]
"""

CLEAN_RELEASE = """\
on:
  release:
    types: [published]
permissions: {}
jobs:
  publish:
    runs-on: ubuntu-latest
    environment: pypi
    permissions:
      id-token: write
    steps:
      - uses: pypa/gh-action-pypi-publish@dc37677b2e1c63e2034f94d8a5b11f265b73ba33 # v1.14.2
      - run: uv publish --trusted-publishing always
"""

#: A clean input for every file-level hook: (path, text).
CLEAN_FILES: dict[str, list[tuple[str, str]]] = {
    "pin-actions-to-sha": [(".github/workflows/ci.yml", CLEAN)],
    "forbid-pull-request-target": [(".github/workflows/ci.yml", CLEAN)],
    "require-lock-hashes": [("requirements.txt", CLEAN_REQUIREMENTS), ("uv.lock", CLEAN_UV_LOCK)],
    "pin-pre-commit-revs": [(".pre-commit-config.yaml", CLEAN_PRE_COMMIT)],
    "require-trusted-publishing": [
        (".github/workflows/ci.yml", CLEAN),
        (".github/workflows/release.yml", CLEAN_RELEASE),
    ],
    "require-hashed-installs": [
        (".github/workflows/ci.yml", CLEAN),
        (".github/workflows/release.yml", CLEAN_RELEASE),
    ],
}
#: Hooks that still import argparse, dataclasses and typing on the way to a clean file (the
#: hook module and its family's value classes, which are to become Records, see model.py);
#: strict, so the entry has to go once they are light.
NOT_YET_LIGHT: dict[str, str] = {}

TRIGGERED = """\
on:
  pull_request_target:
    types: [labeled]
permissions:
  contents: read
jobs:
  label:
    runs-on: ubuntu-latest
    steps:
      - run: echo labelled
"""


def _imported(repo: Path, hook_id: str, *paths: str) -> tuple[int, set[str]]:
    code = (
        "import sys\n"
        f"from supply_chain_hooks.hooks.{hooks.HOOK_MODULES[hook_id]} import main\n"
        f"status = main({list(paths)!r})\n"
        "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)\n"
        "raise SystemExit(status)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=repo, capture_output=True, text=True, check=False
    )
    return done.returncode, set(done.stderr.split())


def _file_level_hooks() -> list[str]:
    """Every registered hook whose job checks files one by one."""
    from supply_chain_hooks.arguments import parse
    from supply_chain_hooks.config import Config

    found = []
    for hook_id in hooks.HOOK_MODULES:
        hook = hooks.load(hook_id)
        if hook.build(parse(hook, []), Config()).check_file is not None:
            found.append(hook_id)
    return found


def test_every_file_level_hook_has_a_clean_sample() -> None:
    assert sorted(_file_level_hooks()) == sorted(CLEAN_FILES)


@pytest.mark.parametrize(
    ("hook_id", "path", "text"),
    [
        pytest.param(
            hook_id,
            path,
            text,
            marks=[pytest.mark.xfail(reason=NOT_YET_LIGHT[hook_id], strict=True)]
            if hook_id in NOT_YET_LIGHT
            else [],
            id=f"{hook_id}:{path}",
        )
        for hook_id, samples in CLEAN_FILES.items()
        for path, text in samples
    ],
)
def test_a_clean_file_imports_nothing_heavy(repo: Path, hook_id: str, path: str, text: str) -> None:
    write(repo, path, text)
    status, modules = _imported(repo, hook_id, path)
    assert status == 0
    assert sorted(modules & HEAVY) == []
    # At most this hook's family is loaded (its rules load when a file needs them), never
    # the registry of every hook's rules.
    family = {
        rule.split(".")[1]
        for rule in modules
        if re.match(r"supply_chain_hooks\.\w+\.rules\.", rule)
    }
    assert len(family) <= 1, family


def test_a_clean_workflow_is_not_even_parsed_by_forbid(repo: Path) -> None:
    write(repo, ".github/workflows/ci.yml", CLEAN)
    status, modules = _imported(repo, "forbid-pull-request-target", ".github/workflows/ci.yml")
    assert status == 0
    rules = {name for name in modules if re.match(r"supply_chain_hooks\.(\w+\.)?rules\.", name)}
    assert rules == set()  # no trigger word: no rule has anything to look at
    assert "supply_chain_hooks.fast_yaml" not in modules  # ...and the file is not even parsed


def test_a_triggered_workflow_is_parsed_without_ruamel(repo: Path) -> None:
    write(repo, ".github/workflows/label.yml", TRIGGERED)
    # A backslash (here a shell line continuation) could be an escape: the file is parsed.
    write(
        repo, ".github/workflows/ci.yml", CLEAN.replace("make test", "make test \\\n            -v")
    )
    status, modules = _imported(
        repo,
        "forbid-pull-request-target",
        ".github/workflows/label.yml",
        ".github/workflows/ci.yml",
    )
    assert status == 1
    assert "supply_chain_hooks.fast_yaml" in modules
    assert sorted(modules & {"_ruamel_yaml", "ruamel.yaml", "typing"}) == []
    # Its rule modules load, without the `uses:` grammar or the resolver of its sibling hook.
    assert "supply_chain_hooks.github.rules.pull_request_target" in modules
    assert {
        "supply_chain_hooks.github.refs",
        "supply_chain_hooks.github.resolve",
    } & modules == set()


def _parsed_by_argparse(hook_id: str, argv: list[str]) -> dict[str, object]:
    import argparse

    from supply_chain_hooks import hooks
    from supply_chain_hooks.arguments import add_common_arguments

    hook = hooks.load(hook_id)
    parser = argparse.ArgumentParser(prog=hook.id)
    add_common_arguments(parser, fixable=hook.fixable)
    hook.add_arguments(parser)
    return vars(parser.parse_args(argv))


def test_plain_command_lines_are_read_as_argparse_reads_them() -> None:
    """hook_main skips argparse for a command line of paths only: the result is the same
    for every registered hook (a hook whose options the stand-in cannot reproduce gets
    argparse itself, which this test would also accept)."""
    from supply_chain_hooks import hooks
    from supply_chain_hooks.arguments import plain_arguments

    for hook_id in hooks.HOOK_MODULES:
        hook = hooks.load(hook_id)
        for argv in ([], ["a.yml"], ["x y.yml", "sub/b.yaml", "=", "@file"]):
            fast = plain_arguments(hook, argv)
            expected = _parsed_by_argparse(hook_id, argv)
            if fast is not None:
                assert vars(fast) == expected, hook_id
        # Anything that looks like an option goes to argparse.
        assert plain_arguments(hook, ["--format", "json"]) is None
        assert plain_arguments(hook, ["-h"]) is None
        assert plain_arguments(hook, ["a.yml", "--", "-b.yml"]) is None
    assert plain_arguments(hooks.load("forbid-pull-request-target"), ["a.yml"]) is not None


def test_check_imports_no_parser_shutil_or_packaging_for_plain_names(repo: Path) -> None:
    # `check PATH...` is read without argparse (nor shutil, which argparse's formatter
    # imports), and a vendored `six` line is a name, not a reason to import packaging.
    write(repo, "vendor/requirements.txt", "six\nidna[all]\n")
    write(repo, "requirements.txt", CLEAN_REQUIREMENTS)
    git("add", ".", cwd=repo)
    code = (
        "import sys\n"
        "from supply_chain_hooks.cli import main\n"
        "status = main(['check', '.'])\n"
        "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)\n"
        "raise SystemExit(status)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=repo, capture_output=True, text=True, check=False
    )
    assert done.returncode == 1  # the unpinned names are findings
    assert "SCH204" in done.stdout
    modules = set(done.stderr.split())
    assert not {name for name in modules if name == "shutil" or name.startswith("packaging")}
    assert "argparse" not in modules  # `check PATH...` needs no parser
