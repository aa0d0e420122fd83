"""check-uv-exclude-newer: a valid dependency cooldown where uv really reads it."""

from __future__ import annotations

import argparse
import posixpath
from collections.abc import Sequence

from supply_chain_hooks.config import Config, UsageError
from supply_chain_hooks.model import Finding, Rule
from supply_chain_hooks.runner import Hook, Job, hook_main
from supply_chain_hooks.uv.rules import (
    uv_cooldown_too_short,
    uv_exclude_newer_absolute_recent,
    uv_exclude_newer_disabled,
    uv_exclude_newer_in_member,
    uv_exclude_newer_index_override,
    uv_exclude_newer_invalid,
    uv_exclude_newer_missing,
    uv_exclude_newer_package_disabled,
    uv_exclude_newer_package_shorter,
    uv_exclude_newer_pip_only,
    uv_exclude_newer_shadowed,
    uv_exclude_newer_time_dropped,
    uv_lock_exclude_newer_stale,
    uv_unknown_setting,
)
from supply_chain_hooks.workspace import Workspace

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from supply_chain_hooks.uv.check import Options

ID = "check-uv-exclude-newer"
RULES: tuple[Rule, ...] = (
    uv_exclude_newer_missing.RULE,
    uv_exclude_newer_invalid.RULE,
    uv_exclude_newer_disabled.RULE,
    uv_cooldown_too_short.RULE,
    uv_exclude_newer_absolute_recent.RULE,
    uv_exclude_newer_time_dropped.RULE,
    uv_exclude_newer_package_disabled.RULE,
    uv_exclude_newer_package_shorter.RULE,
    uv_unknown_setting.RULE,
    uv_exclude_newer_index_override.RULE,
    uv_exclude_newer_in_member.RULE,
    uv_exclude_newer_pip_only.RULE,
    uv_exclude_newer_shadowed.RULE,
    uv_lock_exclude_newer_stale.RULE,
)
_NAMES = frozenset({"pyproject.toml", "uv.toml", "uv.lock"})


def matches(path: str) -> bool:
    return posixpath.basename(path) in _NAMES


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--min-cooldown", metavar="DURATION", default=None,
        help="shortest relative cooldown accepted (default: '3 days')",
    )  # fmt: skip
    parser.add_argument(
        "--fix-value", metavar="VALUE", default=None,
        help="exclude-newer value written by --fix (default: '7 days')",
    )  # fmt: skip
    parser.add_argument(
        "--check-lock", action="store_true",
        help="also report a uv.lock resolved under a different exclude-newer",
    )  # fmt: skip
    parser.add_argument(
        "--exclude", action="append", default=[], metavar="GLOB",
        help="paths whose findings are not reported, e.g. test fixtures (repeatable)",
    )  # fmt: skip


DEFAULT_MIN_COOLDOWN = "3 days"
DEFAULT_FIX_VALUE = "7 days"


def build(args: argparse.Namespace, config: Config) -> Job:
    min_cooldown = args.min_cooldown or config.string(ID, "min-cooldown") or DEFAULT_MIN_COOLDOWN
    fix_value = args.fix_value or config.string(ID, "fix-value") or DEFAULT_FIX_VALUE
    check_lock = bool(args.check_lock or config.boolean(ID, "check-lock"))
    exclude = (*args.exclude, *config.str_list(ID, "exclude"))
    if (min_cooldown, fix_value) != (DEFAULT_MIN_COOLDOWN, DEFAULT_FIX_VALUE):
        _options(min_cooldown, fix_value, check_lock, exclude)  # usage errors now, not later

    def check_repo(workspace: Workspace, paths: tuple[str, ...]) -> list[Finding]:
        from supply_chain_hooks.uv.files import repository_files

        files = repository_files(workspace)
        if not _may_configure_uv(workspace, files):
            return []
        from supply_chain_hooks.uv.check import check

        return check(
            workspace, paths, _options(min_cooldown, fix_value, check_lock, exclude), files
        )

    def after_fix(paths: tuple[str, ...]) -> list[str]:
        from supply_chain_hooks.uv.check import after_fix

        return after_fix(paths)

    return Job(HOOK, check_repo=check_repo, after_fix=after_fix)


def _options(
    min_cooldown: str, fix_value: str, check_lock: bool, exclude: tuple[str, ...]
) -> Options:
    from supply_chain_hooks.uv.check import Options, OptionsError, validate

    options = Options(min_cooldown, fix_value, check_lock, exclude)
    try:
        validate(options)
    except OptionsError as error:
        raise UsageError(str(error)) from None
    return options


def _may_configure_uv(workspace: Workspace, files: list[str]) -> bool:
    """Fast path: no uv.toml, no uv.lock, and no pyproject.toml that mentions uv."""
    from supply_chain_hooks.source import InputError

    for path in files:
        if not path.endswith("pyproject.toml"):
            return True
        try:
            text = workspace.source(path).text
        except InputError:
            return True
        if "uv" in text or "\\" in text:
            return True
    return False


HOOK = Hook(
    id=ID,
    description=(
        "Require a valid uv exclude-newer (dependency cooldown) in the file uv really reads, "
        "for every uv project and workspace; --fix inserts or corrects it."
    ),
    rules=RULES,
    matches=matches,
    build=build,
    add_arguments=add_arguments,
    fixable=True,
)


def main(argv: Sequence[str] | None = None) -> int:
    return hook_main(HOOK, argv)


if __name__ == "__main__":
    raise SystemExit(main())
