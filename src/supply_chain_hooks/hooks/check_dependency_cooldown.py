"""check-dependency-cooldown: update bots and CI installs wait before taking a new release."""

from __future__ import annotations

from supply_chain_hooks.config import Config, UsageError
from supply_chain_hooks.hooks import RuleModules
from supply_chain_hooks.runner import Hook, Job, hook_main

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    import argparse  # imported by the runner only for a command line with options
    from collections.abc import Sequence

    from supply_chain_hooks.cooldown.policy import Policy
    from supply_chain_hooks.cooldown.renovate import Config as RenovateConfig
    from supply_chain_hooks.model import Finding
    from supply_chain_hooks.workspace import Workspace

ID = "check-dependency-cooldown"
#: The rule modules (imported on first use) and the module's CHECKS and RULES names.
CHECKS_OF = RuleModules("supply_chain_hooks.cooldown.rules", ID, __name__)
__getattr__ = CHECKS_OF.attribute
DEPENDABOT = frozenset({".github/dependabot.yml", ".github/dependabot.yaml"})
PIP_CONFIGS = frozenset({"pip.conf", "pip.ini"})
#: Renovate's config files, in the order Renovate looks for them (the first one found counts).
RENOVATE = (
    "renovate.json",
    "renovate.json5",
    ".github/renovate.json",
    ".github/renovate.json5",
    ".gitlab/renovate.json",
    ".gitlab/renovate.json5",
    ".renovaterc",
    ".renovaterc.json",
    ".renovaterc.json5",
    "package.json",
)


#: Every path matches accepts ends with one of these.
SUFFIXES = (".yml", ".yaml", ".json", ".json5", ".renovaterc", *sorted(PIP_CONFIGS))


def matches(path: str) -> bool:
    from supply_chain_hooks.github.workflow import is_action_path, is_workflow_path

    return (
        path in DEPENDABOT
        or path in RENOVATE
        or is_workflow_path(path)
        or is_action_path(path)
        or path.rpartition("/")[2] in PIP_CONFIGS
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--min-cooldown",
        metavar="DURATION",
        default=None,
        help="shortest cooldown accepted, in uv's duration grammar (default: '3 days')",
    )
    parser.add_argument(
        "--fix-days",
        metavar="DAYS",
        type=int,
        default=None,
        help="days --fix writes into Dependabot's cooldown and Renovate's age (default: 7)",
    )
    parser.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help="paths not read, e.g. test fixtures (repeatable)",
    )


def _policy(min_cooldown: str, fix_days: int) -> Policy:
    from supply_chain_hooks.cooldown.policy import Policy, PolicyError

    try:
        return Policy.build(min_cooldown, fix_days)
    except PolicyError as error:
        raise UsageError(str(error)) from None


def _fix_days(args: argparse.Namespace, config: Config) -> int:
    from supply_chain_hooks.cooldown.policy import DEFAULT_FIX_DAYS

    if args.fix_days is not None:
        return int(args.fix_days)
    value = config.hooks.get(ID, {}).get("fix-days")
    if value is None:
        return DEFAULT_FIX_DAYS
    if not isinstance(value, int) or isinstance(value, bool):
        raise UsageError(f"{config.path}: [tool.supply-chain-hooks.{ID}] fix-days must be a number")
    return value


def build(args: argparse.Namespace, config: Config) -> Job:
    from supply_chain_hooks.cooldown.policy import DEFAULT_MIN_COOLDOWN

    min_cooldown = args.min_cooldown or config.cooldown(ID) or DEFAULT_MIN_COOLDOWN
    fix_days = _fix_days(args, config)
    exclude = (*args.exclude, *config.str_list(ID, "exclude"))
    _policy(min_cooldown, fix_days)  # usage errors now, not later

    def check_repo(workspace: Workspace, paths: tuple[str, ...]) -> list[Finding]:
        return check(workspace, paths, _policy(min_cooldown, fix_days), exclude)

    return Job(HOOK, check_repo=check_repo)


def _files(workspace: Workspace, paths: tuple[str, ...], exclude: tuple[str, ...]) -> list[str]:
    if paths:
        found = list(paths)
    else:
        listing = workspace.files(".")
        found = [
            listing.path(name) for name in listing.select(matches, suffixes=SUFFIXES, existing=True)
        ]
    if exclude:
        from supply_chain_hooks.globs import matches_any

        found = [path for path in found if not matches_any(path.replace("\\", "/"), exclude)]
    return found


def _renovate(
    workspace: Workspace, paths: tuple[str, ...], exclude: tuple[str, ...]
) -> tuple[RenovateConfig | None, Finding | None]:
    """The config Renovate reads (the first of its files that exists), or the SCH001 finding
    when that file cannot be read."""
    from supply_chain_hooks.cooldown.renovate import read
    from supply_chain_hooks.model import Finding, Location
    from supply_chain_hooks.rules import invalid_file
    from supply_chain_hooks.source import InputError

    present = {
        path.replace("\\", "/").removeprefix("./"): path
        for path in _files(workspace, paths, exclude)
    }
    for name in RENOVATE:
        path = present.get(name)
        if path is None:
            continue
        try:
            source = workspace.source(path)
            if name == "package.json" and "renovate" not in source.text and "\\" not in source.text:
                return None, None  # no "renovate" key (only an escape could spell one)
            return read(path, source), None
        except InputError as error:
            location = Location(error.line, error.column, error.line, error.column)
            return None, Finding(invalid_file.RULE, path, location, error.message)
    return None, None


def check(
    workspace: Workspace, paths: tuple[str, ...], policy: Policy, exclude: tuple[str, ...] = ()
) -> list[Finding]:
    """Check the repository's sources (paths == ()) or the given files."""
    from supply_chain_hooks.cooldown import ci
    from supply_chain_hooks.cooldown.context import CooldownContext, DependabotFile
    from supply_chain_hooks.cooldown.dependabot import entries
    from supply_chain_hooks.model import Finding, Location
    from supply_chain_hooks.rules import invalid_file
    from supply_chain_hooks.source import InputError

    findings: list[Finding] = []
    dependabot = []
    settings: list[ci.Setting] = []
    for path in _files(workspace, paths, exclude):
        normal = path.replace("\\", "/")
        if normal.removeprefix("./") in RENOVATE:
            continue
        try:
            if normal.rpartition("/")[2] in PIP_CONFIGS:
                settings += ci.pip_config_settings(workspace.source(path), policy.now_ns)
            elif normal.removeprefix("./") in DEPENDABOT:
                document = workspace.yaml(path)
                dependabot.append(DependabotFile(document, tuple(entries(document.root))))
            elif ci.may_set(workspace.source(path).text):
                settings += ci.workflow_settings(workspace.yaml(path), policy.now_ns)
        except InputError as error:
            location = Location(error.line, error.column, error.line, error.column)
            findings.append(Finding(invalid_file.RULE, path, location, error.message))
    renovate, problem = _renovate(workspace, paths, exclude)
    if problem is not None:
        findings.append(problem)
    context = CooldownContext(policy, tuple(dependabot), tuple(settings), renovate)
    for module in CHECKS_OF():
        findings += module.check(context)
    findings.sort(key=lambda finding: finding.sort_key)
    return findings


HOOK = Hook(
    id=ID,
    description=(
        "Require every Dependabot update entry to wait at least the minimum cooldown "
        "before taking a new release; --fix writes or raises cooldown: default-days."
    ),
    load_rules=CHECKS_OF.rules,
    matches=matches,
    suffixes=SUFFIXES,
    build=build,
    add_arguments=add_arguments,
    fixable=True,
)


def main(argv: Sequence[str] | None = None) -> int:
    return hook_main(HOOK, argv)


if __name__ == "__main__":
    raise SystemExit(main())
