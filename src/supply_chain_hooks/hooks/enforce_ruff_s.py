"""enforce-ruff-S: every stable S rule is really in force for every Python file, as Ruff resolves it.

Repository-level: it reads every tracked ``*.py``/``*.pyi`` file's governing Ruff config (and
the ruff hook of ``.pre-commit-config.yaml``), computes what Ruff would report with the
vendored rule table of the Ruff version in use (:mod:`supply_chain_hooks.ruff.verdict`), and
each rule of the family (:mod:`supply_chain_hooks.ruff.rules`) reports each reason an S rule
is off once, at the line responsible. ``--fix`` edits the config Ruff reads, offline.
"""

from __future__ import annotations

import os

from supply_chain_hooks.config import Config
from supply_chain_hooks.hooks import RuleModules
from supply_chain_hooks.model import Finding, Location, Record
from supply_chain_hooks.ruff.policy import parse_version
from supply_chain_hooks.rules import invalid_file
from supply_chain_hooks.runner import Hook, Job, hook_main
from supply_chain_hooks.workspace import Workspace

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    import argparse  # imported by the runner only for a command line with options
    from collections.abc import Sequence

ID = "enforce-ruff-S"
#: The rule modules (imported on first use) and the module's CHECKS and RULES names.
CHECKS_OF = RuleModules("supply_chain_hooks.ruff.rules", ID, __name__)
__getattr__ = CHECKS_OF.attribute

_CONFIG_NAMES = frozenset({"pyproject.toml", "ruff.toml", ".ruff.toml", ".pre-commit-config.yaml"})


class Options(Record):
    """Immutable options (a Record, not a dataclass: see model.py on start-up time)."""

    allow_ignore: tuple[str, ...] = ()
    require_pre_commit_hook: bool = False
    ruff_version: str | None = None
    #: Globs of test files or folders, added to the default ones (`--test-path`).
    test_paths: tuple[str, ...] = ()
    default_test_paths: bool = True


def matches(path: str) -> bool:
    return path.endswith((".py", ".pyi")) or path.rpartition("/")[2] in _CONFIG_NAMES


def _explicit(paths: tuple[str, ...]) -> list[str]:
    return [p.replace(os.sep, "/").removeprefix("./") for p in paths if p.endswith((".py", ".pyi"))]


def start(workspace: Workspace, paths: tuple[str, ...]) -> None:
    """Without explicit Python files, start the `git grep` that check_repo collects."""
    if not _explicit(paths):
        from supply_chain_hooks.ruff.python_files import start as start_grep

        start_grep(workspace)


def check_repo(workspace: Workspace, paths: tuple[str, ...], options: Options) -> list[Finding]:
    from supply_chain_hooks import toml_doc
    from supply_chain_hooks.ruff.context import make_context
    from supply_chain_hooks.ruff.policy import policy
    from supply_chain_hooks.ruff.python_files import tracked_files
    from supply_chain_hooks.ruff.verdict import analyze

    explicit = _explicit(paths)
    files, candidates = (explicit, None) if explicit else tracked_files(workspace)
    verdict = analyze(
        files,
        workspace.source,
        policy(
            options.allow_ignore,
            require_hook=options.require_pre_commit_hook,
            ruff_version=options.ruff_version,
            test_paths=options.test_paths,
            default_test_paths=options.default_test_paths,
        ),
        root=workspace.root,
        candidates=candidates,
        parse_toml=lambda path: workspace.parsed(path, toml_doc.load_1_1),
        parse_yaml=workspace.yaml,
    )
    findings = [
        Finding(
            invalid_file.RULE,
            path,
            Location(error.line, error.column, error.line, error.column),
            error.message,
        )
        for path, error in verdict.input_errors
    ]
    context = make_context(verdict, workspace.source)
    for module in CHECKS_OF():
        if module.RULE.hook == ID:
            findings += module.check(context)
    return findings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--allow-ignore",
        action="append",
        default=[],
        metavar="CODES",
        help="S codes or prefixes that may be switched off anywhere (comma-separated, repeatable; "
        "S101 always is)",
    )
    parser.add_argument(
        "--require-pre-commit-hook",
        action="store_true",
        help="report a repository whose .pre-commit-config.yaml has no ruff hook",
    )
    parser.add_argument(
        "--test-path",
        action="append",
        default=[],
        metavar="GLOB",
        help="test files or folders (any S rule may be off there), added to the defaults "
        "(tests/, test/, test_*.py, *_test.py, conftest.py); `*` stays in a folder, `**` "
        "spans folders (repeatable)",
    )
    parser.add_argument(
        "--no-default-test-paths",
        action="store_true",
        help="only the --test-path globs are test files, not the default ones",
    )
    parser.add_argument(
        "--ruff-version",
        metavar="VERSION",
        help="the Ruff version whose rules to require (default: the ruff hook's rev)",
    )


def build(args: argparse.Namespace, config: Config) -> Job:
    allow = [
        code.strip()
        for value in (*args.allow_ignore, *config.str_list(ID, "allow-ignore"))
        for code in value.split(",")
        if code.strip()
    ]
    options = Options(
        allow_ignore=tuple(allow),
        require_pre_commit_hook=bool(args.require_pre_commit_hook)
        or bool(config.boolean(ID, "require-pre-commit-hook")),
        ruff_version=args.ruff_version or config.string(ID, "ruff-version"),
        test_paths=(*args.test_path, *config.str_list(ID, "test-paths")),
        default_test_paths=not args.no_default_test_paths
        and config.boolean(ID, "default-test-paths") is not False,
    )
    parse_version(options.ruff_version)
    return Job(HOOK, check_repo=lambda ws, paths: check_repo(ws, paths, options), start=start)


HOOK = Hook(
    id=ID,
    description="Check that every stable Ruff S (flake8-bandit) rule is really enforced for every "
    "Python file, as Ruff itself resolves its configuration.",
    load_rules=CHECKS_OF.rules,
    matches=matches,
    suffixes=(".py", ".pyi", *sorted(_CONFIG_NAMES)),
    build=build,
    add_arguments=add_arguments,
    fixable=True,
)


def main(argv: Sequence[str] | None = None) -> int:
    return hook_main(HOOK, argv)


if __name__ == "__main__":
    raise SystemExit(main())
