"""A hook's start-up stays small: what a run imports is checked, not how long it takes.

pre-commit starts a hook process for every batch of files, so importing a module the run
does not need costs every commit (see docs/benchmarks.md for the measurements). These
tests run forbid-pull-request-target in a fresh interpreter and list the modules it
imported.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import write

#: Each costs milliseconds of start-up; none is needed to check a clean workflow.
HEAVY = ("typing", "dataclasses", "inspect", "tempfile", "shutil", "hashlib", "json", "tomllib",
         "traceback", "_ruamel_yaml", "ruamel", "ruamel.yaml")  # fmt: skip

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


def _imported(repo: Path, *paths: str) -> tuple[int, set[str]]:
    code = (
        "import sys\n"
        "from supply_chain_hooks.hooks.forbid_pull_request_target import main\n"
        f"status = main({list(paths)!r})\n"
        "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)\n"
        "raise SystemExit(status)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=repo, capture_output=True, text=True, check=False
    )
    return done.returncode, set(done.stderr.split())


def test_a_clean_workflow_imports_nothing_heavy(repo: Path) -> None:
    write(repo, ".github/workflows/ci.yml", CLEAN)
    status, modules = _imported(repo, ".github/workflows/ci.yml")
    assert status == 0
    assert sorted(modules & set(HEAVY)) == []
    # Only this hook's family is loaded, not the registry of every hook's rules.
    rules = {name for name in modules if re.match(r"supply_chain_hooks\.(\w+\.)?rules\.", name)}
    assert "supply_chain_hooks.github.rules.pull_request_target" in rules
    assert {name for name in rules if not name.startswith("supply_chain_hooks.github.")} == set()
    assert "supply_chain_hooks.fast_yaml" not in modules  # no trigger word: not even parsed
    # Its rule modules load without the `uses:` grammar or the resolver of its sibling hook.
    assert {
        "supply_chain_hooks.github.refs",
        "supply_chain_hooks.github.resolve",
    } & modules == set()


def test_a_triggered_workflow_is_parsed_without_ruamel(repo: Path) -> None:
    write(repo, ".github/workflows/label.yml", TRIGGERED)
    # A backslash (here a shell line continuation) could be an escape: the file is parsed.
    write(
        repo, ".github/workflows/ci.yml", CLEAN.replace("make test", "make test \\\n            -v")
    )
    status, modules = _imported(repo, ".github/workflows/label.yml", ".github/workflows/ci.yml")
    assert status == 1
    assert "supply_chain_hooks.fast_yaml" in modules
    assert sorted(modules & {"_ruamel_yaml", "ruamel.yaml", "typing"}) == []


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
