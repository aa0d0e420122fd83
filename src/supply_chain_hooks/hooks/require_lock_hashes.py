"""require-lock-hashes: requirements and lock files pin exact versions with strong hashes.

Requirements files are read as pip reads them (continuations, comments, options, `-r`/`-c`
includes) and held to uv's strictness; lock files (uv.lock, pylock.toml, poetry.lock,
pdm.lock, Pipfile.lock) must hash every artifact with sha256/384/512 and pin every VCS
source to a commit. There is no autofix: hashes come from the index, and the checks run
offline; every message gives the command that regenerates the file.
"""

from __future__ import annotations

from supply_chain_hooks.config import Config
from supply_chain_hooks.hooks import RuleModules
from supply_chain_hooks.model import Finding, Location, Record
from supply_chain_hooks.patterns import lazy
from supply_chain_hooks.rules import invalid_file
from supply_chain_hooks.runner import Hook, Job, hook_main
from supply_chain_hooks.source import InputError
from supply_chain_hooks.workspace import Workspace

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    import argparse  # imported by the runner only for a command line with options
    from collections.abc import Sequence

    from supply_chain_hooks.deps.context import Context

ID = "require-lock-hashes"

#: The `files:` regex of the pre-commit manifest (a test keeps the two identical). Decided
#: from the corpus: every `.txt` file there that is a requirements file matches, including
#: the nested `requirements/<group>/*.txt` layout (23 files); `requirement.txt` and
#: `test-constraints.txt` are names pip users write too.
FILES = (
    r"(^|/)([^/]*requirements?[^/]*\.txt|requirements/(?:[^/]+/)*[^/]+\.txt"
    r"|[^/]*constraints?[^/]*\.txt"
    r"|uv\.lock|pylock\.toml|pylock\.[^/.]+\.toml|poetry\.lock|pdm\.lock|Pipfile\.lock)$"
)
_FILES = lazy(FILES)

#: The rule modules (imported on first use) and the module's CHECKS and RULES names.
CHECKS_OF = RuleModules("supply_chain_hooks.deps.rules", ID, __name__)
__getattr__ = CHECKS_OF.attribute


def matches(path: str) -> bool:
    return _FILES.search(path.replace("\\", "/")) is not None


class Options(Record):
    """The hook's options, from its arguments and `[tool.supply-chain-hooks]`."""

    forbid_local_sources: bool = False
    exclude: tuple[str, ...] = ()


def check(workspace: Workspace, path: str, options: Options) -> list[Finding]:
    from supply_chain_hooks.deps.load import load
    from supply_chain_hooks.globs import matches_any

    def excluded(target: str) -> bool:
        return matches_any(target, options.exclude)

    if excluded(path):
        return []
    loaded = load(
        workspace.source,
        path,
        skip=excluded,
        forbid_local_sources=options.forbid_local_sources,
        parse=workspace.parse,
    )
    findings = _findings(loaded.context)
    findings += [_invalid_file(unreadable, error) for unreadable, error in loaded.unreadable]
    for included in loaded.included_locks:
        try:
            findings += _findings(included)
        except InputError as error:  # e.g. too large to locate its findings in
            findings.append(_invalid_file(included.path, error))
    return [finding for finding in findings if not _checked_on_its_own(finding, path)]


def _checked_on_its_own(finding: Finding, checked: str) -> bool:
    """A finding in an included file that the hook checks itself (its name matches
    `files:`): reported when that file is checked, so that pre-commit's parallel batches,
    or several includers, do not report it twice. A duplicate across files (SCH211) is
    seen only from the includer, and stays."""
    if finding.path == checked or finding.rule.code == "SCH211":
        return False
    import os

    relative = os.path.relpath(finding.path) if os.path.isabs(finding.path) else finding.path
    relative = os.path.normpath(relative).replace("\\", "/")
    return not relative.startswith("../") and matches(relative)


def _findings(context: Context) -> list[Finding]:
    return [finding for module in CHECKS_OF() for finding in module.check(context)]


def _invalid_file(path: str, error: InputError) -> Finding:
    location = Location(error.line, error.column, error.line, error.column)
    return Finding(invalid_file.RULE, path, location, error.message)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--forbid-local-sources",
        action="store_true",
        help="also report lock file packages installed from local directories",
    )
    parser.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help="paths not to check, also when included with -r/-c (repeatable)",
    )


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
    load_rules=CHECKS_OF.rules,
    matches=matches,
    suffixes=(".txt", ".lock", ".toml"),
    build=build,
    add_arguments=add_arguments,
)


def main(argv: Sequence[str] | None = None) -> int:
    return hook_main(HOOK, argv)


if __name__ == "__main__":
    raise SystemExit(main())
