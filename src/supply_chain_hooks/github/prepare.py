"""pin-actions-to-sha's network look-ups, made once per run before any file is checked.

`--fix` and `--verify` need facts no file holds: the commit each `uses:` ref names (one
`git ls-remote` per repository, :func:`prepare_refs`) and the digest of each container image
tag (:func:`prepare_images`). Only what can change the run's result is looked up: a ref that
is already pinned (unless `--verify` checks its comment), allowed by a policy, suppressed
inline or ignored in the configuration is left alone, and a suppressed finding's fix is
dropped (:func:`keep_suppressed_unfixed`), so a suppressed reference stays exactly as written.
"""

from __future__ import annotations

import os

from supply_chain_hooks.source import InputError

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Sequence

    from supply_chain_hooks.github.context import Resolved
    from supply_chain_hooks.github.policies import Policies
    from supply_chain_hooks.github.registry import Digest, RegistryError
    from supply_chain_hooks.github.resolve import Session
    from supply_chain_hooks.github.sites import Site
    from supply_chain_hooks.model import Finding, Location, Rule
    from supply_chain_hooks.source import Source
    from supply_chain_hooks.suppress import Suppression
    from supply_chain_hooks.workspace import Workspace
    from supply_chain_hooks.yaml_doc import Document


def analyse(workspace: Workspace, path: str) -> tuple[Document, tuple[Site, ...]] | None:
    """A file's document and its `uses:` sites, None when it has no site."""
    # Every workflow and action file is parsed, even one that cannot hold a reference:
    # pin-actions-to-sha is the hook that reports a workflow GitHub cannot read (SCH001).
    from supply_chain_hooks.github.sites import collect

    document = workspace.yaml(path)  # yaml_doc.parse's result, without ruamel when it can
    sites = tuple(collect(document))
    return (document, sites) if sites else None


def may_hold_images(text: str) -> bool:
    """Whether a file without `uses:` can hold a job container or service image (exact:
    those keys are spelled `container` or `image`, unless escaped with a backslash)."""
    return "container" in text or "image" in text or "\\" in text


def prepare_images(
    workspace: Workspace,
    paths: tuple[str, ...],
    *,
    ignored: frozenset[str],
    mirror: str | None,
    timeout: float,
) -> dict[str, Digest | RegistryError]:
    """--fix: the digest of every image tag the run's files name, once per run."""
    from supply_chain_hooks import suppress
    from supply_chain_hooks import yaml_doc as y
    from supply_chain_hooks.github.images import Image, collect, parse_image
    from supply_chain_hooks.github.registry import resolve_all
    from supply_chain_hooks.github.rules import unpinned_container_image
    from supply_chain_hooks.github.spans import span
    from supply_chain_hooks.model import Finding
    from supply_chain_hooks.rules import by_key

    rule = unpinned_container_image.RULE
    if rule.code in ignored:
        return {}
    wanted: list[Image] = []
    for path in paths:
        try:
            source = workspace.source(path)
            if not may_hold_images(source.text):
                continue
            document = workspace.yaml(path)
        except InputError:
            continue  # reported by the check itself
        found = suppress.find(source)
        for site in collect(document):
            image = parse_image(y.scalar(site.node) or "")
            if not isinstance(image, Image) or image.digest is not None:
                continue
            probe = Finding(rule, source.path, source.location(*span(source, site.node)), "")
            if not suppress.is_suppressed(probe, found, by_key()):
                wanted.append(image)
    return resolve_all(wanted, mirror=mirror, timeout=timeout, env=os.environ)


def _suppressed(
    source: Source, site: Site, rule: Rule, ignored: frozenset[str], found: Sequence[Suppression]
) -> bool:
    from supply_chain_hooks import suppress
    from supply_chain_hooks.github.spans import span
    from supply_chain_hooks.model import Finding
    from supply_chain_hooks.rules import by_key

    if rule.code in ignored:
        return True
    if not found:
        return False
    probe = Finding(rule, source.path, source.location(*span(source, site.node)), "")
    return suppress.is_suppressed(probe, found, by_key())


def _wanted(
    source: Source,
    sites: tuple[Site, ...],
    site: Site,
    found: Sequence[Suppression],
    *,
    policies: Policies,
    fix: bool,
    verify: bool,
    ignored: frozenset[str],
) -> bool:
    """Whether resolving site's repository can change this run's result (``found``: the
    file's inline suppressions)."""
    from supply_chain_hooks.github.refs import RefKind, Repository
    from supply_chain_hooks.github.rules import short_sha_ref, unpinned_action_ref
    from supply_chain_hooks.github.spans import version_comment

    ref = site.uses
    if not isinstance(ref, Repository):
        return False
    if ref.kind in (RefKind.SHA, RefKind.UPPERCASE_SHA):
        return verify and version_comment(source, sites, site) is not None
    if not fix or not policies.requires_sha(ref):
        return False
    # The rule whose fix the resolved commit feeds: SCH101 for a name, SCH102 for a short SHA.
    rule = unpinned_action_ref.RULE if ref.kind is RefKind.SYMBOLIC else short_sha_ref.RULE
    return not _suppressed(source, site, rule, ignored, found)


def prepare_refs(
    workspace: Workspace,
    paths: tuple[str, ...],
    session: Session,
    *,
    policies: Policies,
    fix: bool,
    verify: bool,
    ignored: frozenset[str],
    server_url: str,
    timeout: float,
) -> tuple[dict[str, Resolved], list[Finding]]:
    """Resolve every repository the run needs, once, before any file is checked.

    Fills ``session`` and returns, by path, each file as it was then with the sites that
    were resolved for it (what SCH107 reports on, so a ref that --fix pins keeps its
    finding), and one SCH003 per server and cause that could not be reached: the references
    on it are left as they are and checked as offline, never reported one by one.
    """
    from supply_chain_hooks import suppress
    from supply_chain_hooks.github.context import Resolved
    from supply_chain_hooks.github.refs import Repository
    from supply_chain_hooks.github.resolve import (
        GitResolver,
        RepoName,
        ResolveError,
        token_from_env,
    )
    from supply_chain_hooks.github.spans import span
    from supply_chain_hooks.rules import unreachable_server

    wanted: dict[str, RepoName] = {}
    resolving: dict[str, Resolved] = {}
    for path in paths:
        try:
            analysed = analyse(workspace, path)
        except InputError:
            continue  # reported by the check itself
        if analysed is None:
            continue
        document, sites = analysed
        found = suppress.find(document.source)
        chosen = tuple(
            site
            for site in sites
            if _wanted(
                document.source,
                sites,
                site,
                found,
                policies=policies,
                fix=fix,
                verify=verify,
                ignored=ignored,
            )
        )
        for site in chosen:
            assert isinstance(site.uses, Repository)  # noqa: S101 - _wanted checked it
            repo = RepoName(site.uses.owner, site.uses.repo)
            wanted.setdefault(repo.key, repo)
        if chosen:
            resolving[path] = Resolved(document, chosen)
    if not wanted:
        return {}, []
    resolver = GitResolver(server_url, timeout=timeout, token=token_from_env(os.environ))
    listings = resolver.list_refs(list(wanted.values()))
    unreached: dict[tuple[str, str], list[tuple[str, Location]]] = {}
    for path, resolved in resolving.items():
        source = resolved.document.source
        for site in resolved.sites:
            assert isinstance(site.uses, Repository)  # noqa: S101 - _wanted checked it
            listing = listings.get(RepoName(site.uses.owner, site.uses.repo).key)
            if isinstance(listing, ResolveError) and listing.unreachable is not None:
                place = (path, source.location(*span(source, site.node)))
                unreached.setdefault((resolver.server_url, listing.unreachable), []).append(place)
    session.listings.update(
        (key, listing)
        for key, listing in listings.items()
        if not (isinstance(listing, ResolveError) and listing.unreachable is not None)
    )
    return resolving, unreachable_server.findings(unreached)


def keep_suppressed_unfixed(
    source: Source, findings: list[Finding], ignored: frozenset[str]
) -> list[Finding]:
    """A suppressed finding keeps its ref as it is: drop its fix (the runner also skips the
    fixes of suppressed findings; this keeps the hook's `check` exact for direct callers)."""
    if not any(finding.fix is not None for finding in findings):
        return findings
    from supply_chain_hooks import suppress
    from supply_chain_hooks.model import Finding
    from supply_chain_hooks.rules import by_key

    known = by_key()
    found = suppress.find(source)
    return [
        Finding(finding.rule, finding.path, finding.location, finding.message)
        if finding.fix is not None
        and (finding.rule.code in ignored or suppress.is_suppressed(finding, found, known))
        else finding
        for finding in findings
    ]
