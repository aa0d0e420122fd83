"""One run of pin-pre-commit-revs over config files: the network look-ups it needs, made
once before checking (`prepare`), then every rule of the family on each file (`check`)."""

from __future__ import annotations

from supply_chain_hooks.model import Record
from supply_chain_hooks.precommit.rules import RULE_CHECKS
from supply_chain_hooks.source import InputError

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from supply_chain_hooks.model import Finding, Rule
    from supply_chain_hooks.precommit.config import PreCommitConfig, Repo
    from supply_chain_hooks.precommit.context import Options
    from supply_chain_hooks.precommit.remote import Listing
    from supply_chain_hooks.workspace import Workspace


class Network(Record):
    """The listings this run resolved (filled once by prepare, then only read)."""

    __match_args__ = ("listings",)
    __slots__ = __match_args__
    listings: dict[str, Listing]

    def __init__(self) -> None:
        object.__setattr__(self, "listings", {})


def _read(workspace: Workspace, path: str) -> PreCommitConfig:
    from supply_chain_hooks.precommit.config import read

    # yaml_doc.parse's result, without importing ruamel when the text allows it.
    return read(workspace.yaml(path))


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
    from supply_chain_hooks.github.refs import RefKind, ref_name_problem
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
