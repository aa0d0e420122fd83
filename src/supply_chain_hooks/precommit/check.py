"""One run of pin-pre-commit-revs over config files: the network look-ups it needs, made
once before checking (`prepare`), then every rule of the family on each file (`check`)."""

from __future__ import annotations

from supply_chain_hooks.model import Record, field
from supply_chain_hooks.source import InputError

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from supply_chain_hooks.model import Finding, Location, Rule
    from supply_chain_hooks.precommit.config import PreCommitConfig, Repo
    from supply_chain_hooks.precommit.context import Options
    from supply_chain_hooks.precommit.remote import Listing
    from supply_chain_hooks.workspace import Workspace


class Network(Record):
    """The listings this run resolved (filled once by prepare, then only read)."""

    listings: dict[str, Listing] = field(init=False, default_factory=dict)


def _read(workspace: Workspace, path: str) -> PreCommitConfig:
    from supply_chain_hooks.precommit.config import read

    # yaml_doc.parse's result, without importing ruamel when the text allows it.
    return read(workspace.yaml(path))


def check(
    workspace: Workspace, path: str, options: Options, network: Network | None = None
) -> list[Finding]:
    from supply_chain_hooks.precommit.context import Context
    from supply_chain_hooks.precommit.rules import MODULES

    context = Context(_read(workspace, path), options, network.listings if network else {})
    return [finding for module in MODULES for finding in module.check(context)]


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

    from supply_chain_hooks.git import server_of
    from supply_chain_hooks.github.resolve import ResolveError
    from supply_chain_hooks.precommit.remote import list_revs
    from supply_chain_hooks.rules import unreachable_server

    urls: dict[str, None] = {}
    places: list[tuple[str, str, Location]] = []
    for path in paths:
        try:
            config = _read(workspace, path)
        except InputError:
            continue  # reported by the check itself
        for repo in config.repos:
            rev = repo.rev
            if rev is not None and _wanted(config, repo, options):
                urls[repo.url] = None
                places.append((repo.url, path, config.source.location(rev.start, rev.end)))
    if not urls:
        return []
    listings = list_revs(list(urls), timeout=options.timeout, environ=os.environ)
    # A server that could not be reached is reported once (SCH003); its repositories are
    # then checked as offline, not reported one by one.
    unreached: dict[tuple[str, str], list[tuple[str, Location]]] = {}
    for url, path, location in places:
        listing = listings.get(url)
        if isinstance(listing, ResolveError) and listing.unreachable is not None:
            unreached.setdefault((server_of(url), listing.unreachable), []).append((path, location))
    network.listings.update(
        (url, listing)
        for url, listing in listings.items()
        if not (isinstance(listing, ResolveError) and listing.unreachable is not None)
    )
    return unreachable_server.findings(unreached)
