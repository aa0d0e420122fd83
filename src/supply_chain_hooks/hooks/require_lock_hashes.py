"""require-lock-hashes: requirements and lock files pin exact versions with strong hashes.

Requirements files are read as pip reads them (continuations, comments, options, `-r`/`-c`
includes) and held to uv's strictness; lock files (uv.lock, pylock.toml, poetry.lock,
pdm.lock, Pipfile.lock) must hash every artifact with sha256/384/512 and pin every VCS
source to a commit. There is no autofix: hashes come from the index, and the checks run
offline; every message gives the command that regenerates the file.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from supply_chain_hooks.config import Config
from supply_chain_hooks.deps.rules import (
    bad_include,
    broken_continuation,
    conflicting_duplicate,
    editable_requirement,
    environment_variable,
    hash_without_requirement,
    invalid_lock_file,
    invalid_requirement_line,
    local_directory_requirement,
    lock_local_source,
    lock_missing_hash,
    lock_unpinned_vcs,
    malformed_hash,
    missing_hash,
    no_require_hashes,
    unpinned_requirement,
    vcs_requirement,
    weak_hash,
)
from supply_chain_hooks.model import Finding, Location
from supply_chain_hooks.rules import invalid_file
from supply_chain_hooks.runner import Hook, Job, hook_main
from supply_chain_hooks.workspace import Workspace

if TYPE_CHECKING:
    from supply_chain_hooks.deps.locks import Lock

ID = "require-lock-hashes"

#: The `files:` regex of the pre-commit manifest (a test keeps the two identical).
FILES = (
    r"(^|/)([^/]*requirements[^/]*\.txt|requirements/[^/]+\.txt|constraints?[^/]*\.txt"
    r"|uv\.lock|pylock\.toml|pylock\.[^/.]+\.toml|poetry\.lock|pdm\.lock|Pipfile\.lock)$"
)
_FILES = re.compile(FILES)

REQUIREMENT_RULES = (
    missing_hash, weak_hash, malformed_hash, unpinned_requirement, editable_requirement,
    vcs_requirement, local_directory_requirement, hash_without_requirement,
    broken_continuation, no_require_hashes, conflicting_duplicate, bad_include,
    invalid_requirement_line, environment_variable,
)  # fmt: skip
LOCK_RULES = (
    lock_missing_hash, weak_hash, malformed_hash, lock_unpinned_vcs, unpinned_requirement,
    invalid_lock_file,
)  # fmt: skip
RULES = tuple(
    dict.fromkeys(module.RULE for module in (*REQUIREMENT_RULES, *LOCK_RULES, lock_local_source))
)


def matches(path: str) -> bool:
    return _FILES.search(path.replace("\\", "/")) is not None


@dataclass(frozen=True)
class Options:
    forbid_local_sources: bool = False
    exclude: tuple[str, ...] = ()


def check(workspace: Workspace, path: str, options: Options) -> list[Finding]:
    from supply_chain_hooks.deps.locks import kind
    from supply_chain_hooks.globs import matches_any

    if matches_any(path, options.exclude):
        return []
    lock_kind = kind(path)
    if lock_kind is not None:
        return check_lock(workspace, path, lock_kind, options)
    return check_requirements(workspace, path, options)


def check_requirements(workspace: Workspace, path: str, options: Options) -> list[Finding]:
    from supply_chain_hooks.deps.locks import kind
    from supply_chain_hooks.deps.requirements_file import analyse, load_tree
    from supply_chain_hooks.globs import matches_any

    tree = load_tree(
        path,
        workspace.source,
        is_other=lambda target: kind(target) is not None,
        skip=lambda target: matches_any(target, options.exclude),
    )
    analysis = analyse(tree)
    findings: list[Finding] = []
    for module in REQUIREMENT_RULES:
        findings += module.check(analysis)
    for unreadable, error in tree.unreadable:
        location = Location(error.line, error.column, error.line, error.column)
        findings.append(Finding(invalid_file.RULE, unreadable, location, error.message))
    for other in tree.other:
        other_kind = kind(other.path)
        if other_kind is not None:
            findings += _checked_lock(workspace, other.path, other_kind, options)
    return findings


def _checked_lock(
    workspace: Workspace, path: str, lock_kind: str, options: Options
) -> list[Finding]:
    """An included lock file: its parse errors become findings at its own path."""
    from supply_chain_hooks.source import InputError

    try:
        return check_lock(workspace, path, lock_kind, options)
    except InputError as error:
        location = Location(error.line, error.column, error.line, error.column)
        return [Finding(invalid_file.RULE, path, location, error.message)]


def read_lock(workspace: Workspace, path: str, lock_kind: str) -> tuple[Lock, bool]:
    """The lock model, and whether the file is JSON (for locating findings)."""
    source = workspace.source(path)
    if lock_kind == "Pipfile.lock":
        from supply_chain_hooks.deps.locks import pipfile_lock

        return pipfile_lock.read(pipfile_lock.load(source)), True
    from supply_chain_hooks.deps.locks.fast_toml import load

    data = load(source)
    if lock_kind == "uv.lock":
        from supply_chain_hooks.deps.locks import uv_lock

        return uv_lock.read(data), False
    if lock_kind == "poetry.lock":
        from supply_chain_hooks.deps.locks import poetry_lock

        return poetry_lock.read(data), False
    if lock_kind == "pdm.lock":
        from supply_chain_hooks.deps.locks import pdm_lock

        return pdm_lock.read(data), False
    import posixpath

    from supply_chain_hooks.deps.locks import pylock
    from supply_chain_hooks.deps.requirements_file import RequirementsFile

    header = RequirementsFile(path, source, ()).header()
    return pylock.read(data, header, posixpath.basename(path.replace("\\", "/"))), False


def check_lock(workspace: Workspace, path: str, lock_kind: str, options: Options) -> list[Finding]:
    from supply_chain_hooks.deps.locks import Locator, json_lookup, toml_lookup

    lock, is_json = read_lock(workspace, path, lock_kind)
    locator = Locator(workspace.source(path), json_lookup if is_json else toml_lookup)
    findings: list[Finding] = []
    for module in LOCK_RULES:
        findings += module.check_lock(lock, locator)
    if options.forbid_local_sources:
        findings += lock_local_source.check_lock(lock, locator)
    return findings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--forbid-local-sources", action="store_true",
        help="also report lock file packages installed from local directories",
    )  # fmt: skip
    parser.add_argument(
        "--exclude", action="append", default=[], metavar="GLOB",
        help="paths not to check, also when included with -r/-c (repeatable)",
    )  # fmt: skip


def build(args: argparse.Namespace, config: Config) -> Job:
    options = Options(
        forbid_local_sources=bool(args.forbid_local_sources)
        or bool(config.boolean(ID, "forbid-local-sources")),
        exclude=(*args.exclude, *config.str_list(ID, "exclude")),
    )
    return Job(HOOK, check_file=lambda ws, path: check(ws, path, options))


HOOK = Hook(
    id=ID,
    description=(
        "Require exact pins and strong hashes in requirements files and lock files "
        "(uv.lock, pylock.toml, poetry.lock, pdm.lock, Pipfile.lock)."
    ),
    rules=RULES,
    matches=matches,
    build=build,
    add_arguments=add_arguments,
)


def main(argv: Sequence[str] | None = None) -> int:
    return hook_main(HOOK, argv)


if __name__ == "__main__":
    raise SystemExit(main())
