"""pin-pre-commit-revs: every pre-commit `rev:` frozen to a commit, every hook dependency pinned.

Checking is offline. `--fix` and `--verify` list the tags and branches of the repositories
they need first, once per run (`Job.prepare`): one `git ls-remote` per `repo:` URL, in
parallel, bounded in time.
"""

from __future__ import annotations

from supply_chain_hooks.config import Config, UsageError
from supply_chain_hooks.model import Record
from supply_chain_hooks.precommit.config import matches
from supply_chain_hooks.precommit.context import Options
from supply_chain_hooks.precommit.rules import RULE_CHECKS, RULES
from supply_chain_hooks.runner import Hook, Job, Workspace, hook_main
from supply_chain_hooks.source import InputError

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

    from supply_chain_hooks.model import Finding, Rule
    from supply_chain_hooks.precommit.config import PreCommitConfig, Repo
    from supply_chain_hooks.precommit.remote import Listing

ID = "pin-pre-commit-revs"


class Network(Record):
    """The listings this run resolved (filled once by prepare, then only read)."""

    __match_args__ = ("listings",)
    __slots__ = __match_args__
    listings: dict[str, Listing]

    def __init__(self) -> None:
        object.__setattr__(self, "listings", {})


def _read(workspace: Workspace, path: str) -> PreCommitConfig:
    from supply_chain_hooks import fast_yaml
    from supply_chain_hooks.precommit.config import read

    # yaml_doc.parse's result, without importing ruamel when the text allows it.
    return read(fast_yaml.parse(workspace.source(path)))


def check(
    workspace: Workspace, path: str, options: Options, network: Network | None = None
) -> list[Finding]:
    from supply_chain_hooks.precommit.context import Context

    context = Context(_read(workspace, path), options, network.listings if network else None)
    return [finding for _, rule_check in RULE_CHECKS for finding in rule_check(context)]


def _suppressed(config: PreCommitConfig, repo: Repo, rule: Rule, options: Options) -> bool:
    """Whether a finding of rule on repo's rev would be suppressed (then nothing is resolved
    for it)."""
    from supply_chain_hooks import suppress
    from supply_chain_hooks.model import Finding
    from supply_chain_hooks.rules import by_key

    if rule.code in options.ignored:
        return True
    found = suppress.find(config.source)
    if not found or repo.rev is None:
        return False
    location = config.source.location(repo.rev.start, repo.rev.end)
    return suppress.is_suppressed(Finding(rule, config.source.path, location, ""), found, by_key())


def _wanted(config: PreCommitConfig, repo: Repo, options: Options) -> bool:
    """Whether listing repo's tags and branches can change this run's result."""
    from supply_chain_hooks.github.uses import RefKind, ref_name_problem
    from supply_chain_hooks.precommit.rules import (
        frozen_comment_mismatch,
        short_sha_repo_rev,
        unpinned_repo_rev,
    )

    rev = repo.rev
    if not repo.remote or rev is None or not rev.value:
        return False
    if rev.pinned:
        frozen = rev.frozen
        return (
            options.verify
            and frozen is not None
            and bool(frozen.tag)
            and ref_name_problem(frozen.tag) is None
            and not _suppressed(config, repo, frozen_comment_mismatch.RULE, options)
        )
    if options.allowed(repo.url):
        return False
    rule = unpinned_repo_rev.RULE if rev.kind is RefKind.SYMBOLIC else short_sha_repo_rev.RULE
    return not _suppressed(config, repo, rule, options)


def prepare(
    workspace: Workspace, paths: tuple[str, ...], options: Options, network: Network
) -> list[Finding]:
    """List the tags and branches of every repository the run needs, once, before checking."""
    import os

    from supply_chain_hooks.precommit.remote import list_revs

    urls: dict[str, None] = {}
    for path in paths:
        try:
            config = _read(workspace, path)
        except InputError:
            continue  # reported by the check itself
        urls.update((repo.url, None) for repo in config.repos if _wanted(config, repo, options))
    if urls:
        network.listings.update(list_revs(list(urls), timeout=options.timeout, environ=os.environ))
    return []


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--verify", action="store_true",
        help="(network) check that each `# frozen: <tag>` names a tag at the pinned SHA",
    )  # fmt: skip
    parser.add_argument(
        "--pin-branches", action="store_true",
        help="with --fix, also pin revs that are branches (default: report them)",
    )  # fmt: skip
    parser.add_argument(
        "--timeout", type=float, default=30.0, metavar="SECONDS",
        help="time limit for all network look-ups of one run (default: 30)",
    )  # fmt: skip
    parser.add_argument(
        "--allow", action="append", default=[], metavar="PATTERN",
        help="repository URLs (globs: `*` within a path segment, `**` across) whose revs may "
        "stay tags or branches (repeatable)",
    )  # fmt: skip


def build(args: argparse.Namespace, config: Config) -> Job:
    if not args.timeout > 0:
        raise UsageError("--timeout must be a positive number of seconds")
    options = Options(
        fix=bool(getattr(args, "fix", False)),
        verify=bool(args.verify),
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

    return Job(
        ID,
        RULES,
        matches,
        check_file=check_file,
        prepare=prepare_run if network is not None else None,
    )


HOOK = Hook(
    id=ID,
    description="Require every pre-commit `rev:` to be a full commit SHA and every hook "
    "dependency to be pinned; --fix freezes tags with git ls-remote as "
    "`pre-commit autoupdate --freeze` does.",
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
