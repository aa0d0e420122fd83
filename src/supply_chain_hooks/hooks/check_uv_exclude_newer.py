"""check-uv-exclude-newer: a valid dependency cooldown where uv really reads it."""

from __future__ import annotations

import posixpath

from supply_chain_hooks.config import Config, UsageError
from supply_chain_hooks.hooks import RuleModules
from supply_chain_hooks.model import Finding, Location
from supply_chain_hooks.runner import Hook, Job, hook_main

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    import argparse  # imported by the runner only for a command line with options
    from collections.abc import Iterable, Sequence

    from supply_chain_hooks.uv.context import UvContext
    from supply_chain_hooks.uv.policy import Options
    from supply_chain_hooks.workspace import Workspace

ID = "check-uv-exclude-newer"
#: The rule modules (imported on first use) and the module's CHECKS and RULES names.
CHECKS_OF = RuleModules("supply_chain_hooks.uv.rules", ID, __name__)
__getattr__ = CHECKS_OF.attribute
_NAMES = frozenset({"pyproject.toml", "uv.toml", "uv.lock"})


def matches(path: str) -> bool:
    return posixpath.basename(path) in _NAMES


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--min-cooldown",
        metavar="DURATION",
        default=None,
        help="shortest relative cooldown accepted (default: '3 days')",
    )
    parser.add_argument(
        "--fix-value",
        metavar="VALUE",
        default=None,
        help="exclude-newer value written by --fix (default: '7 days')",
    )
    parser.add_argument(
        "--check-lock",
        action="store_true",
        help="also report a uv.lock resolved under a different exclude-newer",
    )
    parser.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help="paths whose findings are not reported, e.g. test fixtures (repeatable)",
    )


DEFAULT_MIN_COOLDOWN = "3 days"
DEFAULT_FIX_VALUE = "7 days"


def build(args: argparse.Namespace, config: Config) -> Job:
    min_cooldown = args.min_cooldown or config.cooldown(ID) or DEFAULT_MIN_COOLDOWN
    fix_value = args.fix_value or config.string(ID, "fix-value") or DEFAULT_FIX_VALUE
    check_lock = bool(args.check_lock or config.boolean(ID, "check-lock"))
    exclude = (*args.exclude, *config.str_list(ID, "exclude"))
    if (min_cooldown, fix_value) != (DEFAULT_MIN_COOLDOWN, DEFAULT_FIX_VALUE):
        _options(min_cooldown, fix_value, check_lock, exclude)  # usage errors now, not later

    def check_repo(workspace: Workspace, paths: tuple[str, ...]) -> list[Finding]:
        from supply_chain_hooks.uv.files import may_configure_uv, repository_files

        files = repository_files(workspace)
        if not may_configure_uv(workspace, files):
            return []
        options = _options(min_cooldown, fix_value, check_lock, exclude)
        return check(workspace, paths, options, files)

    return Job(HOOK, check_repo=check_repo, after_fix=after_fix)


def check(
    workspace: Workspace,
    paths: tuple[str, ...],
    options: Options,
    files: Iterable[str] | None = None,
) -> list[Finding]:
    """Check the repository (paths == ()) or the projects the given files belong to.

    files: the repository's pyproject.toml, uv.toml and uv.lock files (default: listed here).
    """
    from supply_chain_hooks.rules import invalid_file
    from supply_chain_hooks.uv.context import analyse

    if files is None:
        from supply_chain_hooks.uv.files import repository_files

        files = repository_files(workspace)
    context = analyse(workspace, options, files)
    if options.exclude:
        context = _reportable(context, options.exclude)
    findings = [
        Finding(invalid_file.RULE, path, Location(e.line, e.column, e.line, e.column), e.message)
        for path, e in context.errors
    ]
    for module in CHECKS_OF():
        findings += module.check(context)
    # In file order, not rule order: fixes (and the "fixed" lines) then go file by file.
    findings.sort(key=lambda finding: finding.sort_key)
    return _select(findings, context, paths, options.exclude)


def _reportable(context: UvContext, exclude: tuple[str, ...]) -> UvContext:
    """The context without the facts whose every finding would be in --exclude'd files,
    so that no fix is planned for them (the analysis itself saw every file: an excluded
    workspace root still governs its members). _select still drops what is left."""
    from supply_chain_hooks.globs import matches_any
    from supply_chain_hooks.uv.context import UvContext

    def shown(*paths: str | None) -> bool:
        return any(path is not None and not matches_any(path, exclude) for path in paths)

    return UvContext(
        context.policy,
        context.layout,
        context.errors,
        tuple(item for item in context.settings if shown(item.file.path)),
        tuple(item for item in context.unconfigured if shown(item.file.path)),
        tuple(
            item
            for item in context.ignored
            if shown(
                item.file.path,
                item.masked_by_settings.path if item.masked_by_settings is not None else None,
            )
        ),
        tuple(item for item in context.stale_locks if shown(item.path)),
    )


def _select(
    findings: list[Finding], context: UvContext, paths: tuple[str, ...], exclude: tuple[str, ...]
) -> list[Finding]:
    """Drop --exclude'd paths; with explicit paths keep only their projects' findings."""
    import os

    from supply_chain_hooks.globs import matches_any

    kept = [f for f in findings if not (exclude and matches_any(f.path, exclude))]
    if not paths:
        return kept
    related = context.related(posixpath.normpath(path.replace(os.sep, "/")) for path in paths)
    return [finding for finding in kept if posixpath.normpath(finding.path) in related]


def after_fix(paths: Iterable[str]) -> list[str]:
    """The note printed after --fix changed settings: the lock must be refreshed."""
    from supply_chain_hooks.uv.helpers import UV_LOCK_HINT

    changed = sorted(set(paths))
    if not changed:
        return []
    shown = ", ".join(changed[:5]) + (f" and {len(changed) - 5} more" if len(changed) > 5 else "")
    return [f"{ID}: changed exclude-newer settings in {shown}; {UV_LOCK_HINT}"]


def _options(
    min_cooldown: str, fix_value: str, check_lock: bool, exclude: tuple[str, ...]
) -> Options:
    from supply_chain_hooks.uv.policy import Options, OptionsError, validate

    options = Options(min_cooldown, fix_value, check_lock, exclude)
    try:
        validate(options)
    except OptionsError as error:
        raise UsageError(str(error)) from None
    return options


HOOK = Hook(
    id=ID,
    description=(
        "Require a valid uv exclude-newer (dependency cooldown) in the file uv really reads, "
        "for every uv project and workspace; --fix inserts or corrects it."
    ),
    load_rules=CHECKS_OF.rules,
    matches=matches,
    suffixes=tuple(sorted(_NAMES)),
    build=build,
    add_arguments=add_arguments,
    fixable=True,
)


def main(argv: Sequence[str] | None = None) -> int:
    return hook_main(HOOK, argv)


if __name__ == "__main__":
    raise SystemExit(main())
