"""pin-pre-commit-revs: every pre-commit `rev:` frozen to a commit, every hook dependency pinned.

Checking is offline. `--fix` and `--verify` list the tags and branches of the repositories
they need first, once per run (`Job.prepare`): one `git ls-remote` per `repo:` URL, in
parallel, bounded in time.
"""

from __future__ import annotations

from supply_chain_hooks.config import Config, UsageError
from supply_chain_hooks.hooks import RuleModules
from supply_chain_hooks.precommit.check import Network, check, prepare
from supply_chain_hooks.precommit.config import PATH, matches
from supply_chain_hooks.precommit.context import Options
from supply_chain_hooks.runner import Hook, Job, hook_main
from supply_chain_hooks.workspace import Workspace

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

    from supply_chain_hooks.model import Finding

ID = "pin-pre-commit-revs"
#: The rule modules (imported on first use) and the module's CHECKS and RULES names.
CHECKS_OF = RuleModules("supply_chain_hooks.precommit.rules", ID, __name__)
__getattr__ = CHECKS_OF.attribute


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--verify",
        action="store_true",
        help="(network) check that each `# frozen: <tag>` names a tag at the pinned SHA",
    )
    parser.add_argument(
        "--pin-branches",
        action="store_true",
        help="with --fix, also pin revs that are branches (default: report them)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="time limit for all network look-ups of one run (default: 30)",
    )
    parser.add_argument(
        "--allow",
        action="append",
        default=[],
        metavar="PATTERN",
        help="repository URLs (globs: `*` within a path segment, `**` across) whose revs may "
        "stay tags or branches (repeatable)",
    )


def build(args: argparse.Namespace, config: Config) -> Job:
    if not args.timeout > 0:
        raise UsageError("--timeout must be a positive number of seconds")
    options = Options(
        # --offline: no ref is resolved, so neither --fix nor --verify reach a server.
        fix=bool(getattr(args, "fix", False)) and not getattr(args, "offline", False),
        verify=bool(args.verify) and not getattr(args, "offline", False),
        pin_branches=bool(args.pin_branches or config.boolean(ID, "pin-branches")),
        allow=(*args.allow, *config.str_list(ID, "allow")),
        timeout=float(args.timeout),
        ignored=frozenset(code for code, reason in config.ignore.items() if reason.strip()),
    )
    network = Network() if options.online else None

    def check_file(workspace: Workspace, path: str) -> list[Finding]:
        return check(workspace, path, options, network)

    def prepare_run(workspace: Workspace, paths: tuple[str, ...]) -> list[Finding]:
        assert network is not None  # noqa: S101 - only set when online
        return prepare(workspace, paths, options, network)

    return Job(HOOK, check_file=check_file, prepare=prepare_run if network is not None else None)


HOOK = Hook(
    id=ID,
    description="Require every pre-commit `rev:` to be a full commit SHA and every hook "
    "dependency to be pinned; --fix freezes tags with git ls-remote as "
    "`pre-commit autoupdate --freeze` does.",
    load_rules=CHECKS_OF.rules,
    matches=matches,
    suffixes=(PATH,),
    build=build,
    add_arguments=add_arguments,
    fixable=True,
)


def main(argv: Sequence[str] | None = None) -> int:
    return hook_main(HOOK, argv)


if __name__ == "__main__":
    raise SystemExit(main())
