"""pin-actions-to-sha: every `uses:` names a full commit SHA; `--fix` pins against real servers.

Checking is offline and exact. `--fix` and `--verify` resolve refs first, once per run
(`Job.prepare`): one `git ls-remote` per repository, in parallel, bounded in time.
"""

from __future__ import annotations

import os

from supply_chain_hooks.config import Config, UsageError
from supply_chain_hooks.github.policies import Policies
from supply_chain_hooks.github.resolve import DEFAULT_SERVER, Session
from supply_chain_hooks.github.rules import of_hook, short_sha_ref, unpinned_action_ref
from supply_chain_hooks.github.workflow import YAML_SUFFIXES, is_action_path, is_workflow_path
from supply_chain_hooks.model import Record, Rule
from supply_chain_hooks.runner import Hook, Job, hook_main
from supply_chain_hooks.source import InputError, Source
from supply_chain_hooks.workspace import Workspace

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    import argparse
    from collections.abc import Mapping, Sequence

    from supply_chain_hooks.github.context import Resolved
    from supply_chain_hooks.github.registry import Digest, RegistryError
    from supply_chain_hooks.github.sites import Site
    from supply_chain_hooks.model import Finding, Location
    from supply_chain_hooks.suppress import Suppression
    from supply_chain_hooks.yaml_doc import Document

ID = "pin-actions-to-sha"
CHECKS = of_hook(ID)
RULES = tuple(module.RULE for module in CHECKS)


class Options(Record):
    """Immutable options (a Record, not a dataclass: see model.py on start-up time).

    ``ignored`` holds the rule codes ignored in [tool.supply-chain-hooks]: never fixed,
    never resolved.
    """

    __match_args__ = (
        "policies",
        "fix",
        "verify",
        "pin_branches",
        "server_url",
        "timeout",
        "ignored",
        "strict_images",
        "registry_mirror",
    )
    __slots__ = __match_args__
    policies: Policies
    fix: bool
    verify: bool
    pin_branches: bool
    server_url: str
    timeout: float
    ignored: frozenset[str]
    strict_images: bool
    registry_mirror: str | None

    def __init__(
        self,
        policies: Policies | None = None,
        fix: bool = False,
        verify: bool = False,
        pin_branches: bool = False,
        server_url: str = DEFAULT_SERVER,
        timeout: float = 30.0,
        ignored: frozenset[str] = frozenset(),
        strict_images: bool = False,
        registry_mirror: str | None = None,
    ) -> None:
        values = (
            policies if policies is not None else Policies(),
            fix,
            verify,
            pin_branches,
            server_url,
            timeout,
            ignored,
            strict_images,
            registry_mirror,
        )
        for name, value in zip(self.__match_args__, values, strict=True):
            object.__setattr__(self, name, value)

    @property
    def online(self) -> bool:
        return self.fix or self.verify


def matches(path: str) -> bool:
    return is_workflow_path(path) or is_action_path(path)


def _analyse(workspace: Workspace, path: str) -> tuple[Document, tuple[Site, ...]] | None:
    # Every workflow and action file is parsed, even one that cannot hold a reference:
    # this is the hook that reports a workflow GitHub cannot read (SCH001).
    from supply_chain_hooks.github.sites import collect

    document = workspace.yaml(path)  # yaml_doc.parse's result, without ruamel when it can
    sites = tuple(collect(document))
    return (document, sites) if sites else None


def check(
    workspace: Workspace,
    path: str,
    options: Options,
    session: Session | None,
    resolved: Resolved | None = None,
    images: Mapping[str, Digest | RegistryError] | None = None,
) -> list[Finding]:
    """The findings of every rule of the hook for one file; ``resolved`` is the file as it
    was when its repositories were resolved (see :func:`prepare`), ``images`` the digests
    --fix learned from container registries (see :func:`prepare_images`)."""
    from supply_chain_hooks.github.context import WorkflowContext

    source = workspace.source(path)
    analysed = _analyse(workspace, path)
    if analysed is None:
        if not _may_hold_images(source.text):
            return []
        analysed = (workspace.yaml(path), ())
    document, sites = analysed
    context = WorkflowContext(
        document,
        sites,
        options.policies,
        session,
        options.verify,
        resolved=resolved,
        images=images,
        strict_images=options.strict_images,
    )
    findings = [finding for module in CHECKS for finding in module.check(context)]
    return _keep_suppressed_unfixed(source, findings, options.ignored)


def _may_hold_images(text: str) -> bool:
    """Whether a file without `uses:` can hold a job container or service image (exact:
    those keys are spelled `container` or `image`, unless escaped with a backslash)."""
    return "container" in text or "image" in text or "\\" in text


def prepare_images(
    workspace: Workspace, paths: tuple[str, ...], options: Options
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
    if rule.code in options.ignored:
        return {}
    wanted: list[Image] = []
    for path in paths:
        try:
            source = workspace.source(path)
            if not _may_hold_images(source.text):
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
    return resolve_all(
        wanted, mirror=options.registry_mirror, timeout=options.timeout, env=os.environ
    )


def _suppressed(
    source: Source, site: Site, rule: Rule, options: Options, found: Sequence[Suppression]
) -> bool:
    from supply_chain_hooks import suppress
    from supply_chain_hooks.github.spans import span
    from supply_chain_hooks.model import Finding
    from supply_chain_hooks.rules import by_key

    if rule.code in options.ignored:
        return True
    if not found:
        return False
    probe = Finding(rule, source.path, source.location(*span(source, site.node)), "")
    return suppress.is_suppressed(probe, found, by_key())


def _wanted(
    source: Source,
    sites: tuple[Site, ...],
    site: Site,
    options: Options,
    found: Sequence[Suppression],
) -> bool:
    """Whether resolving site's repository can change this run's result (``found``: the
    file's inline suppressions)."""
    from supply_chain_hooks.github.refs import RefKind, Repository
    from supply_chain_hooks.github.spans import version_comment

    ref = site.uses
    if not isinstance(ref, Repository):
        return False
    if ref.kind in (RefKind.SHA, RefKind.UPPERCASE_SHA):
        return options.verify and version_comment(source, sites, site) is not None
    if not options.fix or not options.policies.requires_sha(ref):
        return False
    # The rule whose fix the resolved commit feeds: SCH101 for a name, SCH102 for a short SHA.
    rule = unpinned_action_ref.RULE if ref.kind is RefKind.SYMBOLIC else short_sha_ref.RULE
    return not _suppressed(source, site, rule, options, found)


def prepare(
    workspace: Workspace, paths: tuple[str, ...], options: Options, session: Session
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
            analysed = _analyse(workspace, path)
        except InputError:
            continue  # reported by the check itself
        if analysed is None:
            continue
        document, sites = analysed
        found = suppress.find(document.source)
        chosen = tuple(
            site for site in sites if _wanted(document.source, sites, site, options, found)
        )
        for site in chosen:
            assert isinstance(site.uses, Repository)  # noqa: S101 - _wanted checked it
            repo = RepoName(site.uses.owner, site.uses.repo)
            wanted.setdefault(repo.key, repo)
        if chosen:
            resolving[path] = Resolved(document, chosen)
    if not wanted:
        return {}, []
    resolver = GitResolver(
        options.server_url, timeout=options.timeout, token=token_from_env(os.environ)
    )
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


def _keep_suppressed_unfixed(
    source: Source, findings: list[Finding], ignored: frozenset[str]
) -> list[Finding]:
    """A suppressed finding keeps its ref as it is: drop its fix (the runner also skips the
    fixes of suppressed findings; this keeps `check` itself exact for direct callers)."""
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


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--verify",
        action="store_true",
        help="(network) check that each SHA pin's version comment names a tag at that commit",
    )
    parser.add_argument(
        "--pin-branches",
        action="store_true",
        help="with --fix, also pin refs that are branches (default: report them)",
    )
    parser.add_argument(
        "--server-url",
        metavar="URL",
        default=None,
        help="git server for --fix/--verify (default: $GITHUB_SERVER_URL or https://github.com); "
        "file:// is used only when given here or in $GITHUB_SERVER_URL",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="time limit for all network look-ups of one run (default: 30)",
    )
    parser.add_argument(
        "--strict-images",
        action="store_true",
        help="also report container and service images given by an expression (SCH108)",
    )
    parser.add_argument(
        "--registry-mirror",
        metavar="URL",
        default=None,
        help="with --fix, resolve Docker Hub images through this registry mirror",
    )
    parser.add_argument(
        "--allow",
        action="append",
        default=[],
        metavar="PATTERN",
        help="refs that may stay unpinned (tags, branches): owner/*, owner/repo, owner/repo/*, "
        "owner/repo/path (repeatable)",
    )
    parser.add_argument(
        "--policy",
        action="append",
        default=[],
        metavar="PATTERN=POLICY",
        help="zizmor-style policy: hash-pin, ref-pin or any (repeatable; most specific wins)",
    )


def _policy_entries(args: argparse.Namespace, config: Config) -> list[tuple[str, str]]:
    entries = [(pattern, "ref-pin") for pattern in (*args.allow, *config.str_list(ID, "allow"))]
    for text in args.policy:
        pattern, sep, policy = text.rpartition("=")
        if not sep:
            raise UsageError(f"--policy {text!r}: write PATTERN=POLICY, e.g. 'actions/*=ref-pin'")
        entries.append((pattern, policy))
    table = config.hooks.get(ID, {}).get("policies")
    if table is not None:
        if not isinstance(table, dict) or not all(
            isinstance(key, str) and isinstance(value, str) for key, value in table.items()
        ):
            raise UsageError(
                f"{config.path}: [tool.supply-chain-hooks.{ID}] policies must map patterns to "
                'hash-pin, ref-pin or any, e.g. policies = { "actions/*" = "ref-pin" }'
            )
        entries += list(table.items())
    return entries + _zizmor_policies(entries, config)


def _zizmor_policies(ours: list[tuple[str, str]], config: Config) -> list[tuple[str, str]]:
    """`rules.unpinned-uses.config.policies` of the repository's zizmor configuration (unless
    `zizmor = false`), for the patterns our own options do not already decide."""
    if not config.zizmor:
        return []
    from supply_chain_hooks.github.policies import parse_pattern
    from supply_chain_hooks.zizmor_config import ConfigError, discover

    try:
        found = discover(".")
    except ConfigError as error:
        raise UsageError(f"zizmor configuration: {error}") from None
    if found is None:
        return []

    def key(text: str) -> str:
        try:
            pattern = parse_pattern(text.strip())
        except ValueError:
            return text
        return f"{pattern.rank}:{pattern.owner}/{pattern.repo}/{pattern.subpath}"

    decided = {key(pattern) for pattern, _ in ours}
    return [(pattern, policy) for pattern, policy in found.policies if key(pattern) not in decided]


def build(args: argparse.Namespace, config: Config) -> Job:
    from supply_chain_hooks.github.resolve import check_server_url, server_url

    try:
        policies = Policies.build(_policy_entries(args, config))
    except ValueError as error:
        raise UsageError(str(error)) from None
    if not args.timeout > 0:
        raise UsageError("--timeout must be a positive number of seconds")
    options = Options(
        policies=policies,
        # --offline: no ref is resolved, so neither --fix nor --verify reach a server.
        fix=bool(getattr(args, "fix", False)) and not getattr(args, "offline", False),
        verify=bool(args.verify) and not getattr(args, "offline", False),
        pin_branches=bool(args.pin_branches or config.boolean(ID, "pin-branches")),
        server_url=server_url(args.server_url),
        timeout=float(args.timeout),
        ignored=frozenset(code for code, reason in config.ignore.items() if reason.strip()),
        strict_images=bool(args.strict_images or config.boolean(ID, "strict-images")),
        registry_mirror=_registry_mirror(
            args.registry_mirror or config.string(ID, "registry-mirror")
        ),
    )
    if options.online:
        try:
            check_server_url(options.server_url)
        except ValueError as error:
            raise UsageError(str(error)) from None
    session = (
        Session(fix=options.fix, pin_branches=options.pin_branches) if options.online else None
    )

    resolved: dict[str, Resolved] = {}
    # --fix: what the registries said about image tags; None when the run does not fix.
    images: dict[str, Digest | RegistryError] | None = {} if options.fix else None

    def check_file(workspace: Workspace, path: str) -> list[Finding]:
        return check(workspace, path, options, session, resolved.get(path), images)

    def prepare_run(workspace: Workspace, paths: tuple[str, ...]) -> list[Finding]:
        assert session is not None  # noqa: S101 - only set when online
        files, unreachable = prepare(workspace, paths, options, session)
        resolved.update(files)
        if images is not None:
            images.update(prepare_images(workspace, paths, options))
        return unreachable

    return Job(HOOK, check_file=check_file, prepare=prepare_run if session is not None else None)


def _registry_mirror(url: str | None) -> str | None:
    if url is None or not url.strip():
        return None
    import urllib.parse

    parsed = urllib.parse.urlsplit(url.strip())
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise UsageError(
            f"--registry-mirror {url!r}: give an http(s) URL, e.g. https://mirror.gcr.io"
        )
    return url.strip().rstrip("/")


HOOK = Hook(
    id=ID,
    description="Require every GitHub Actions `uses:` to be pinned to a full commit SHA; "
    "--fix pins tags with git ls-remote and writes `# vX.Y.Z` comments.",
    rules=RULES,
    matches=matches,
    suffixes=YAML_SUFFIXES,
    build=build,
    add_arguments=add_arguments,
    fixable=True,
)


def main(argv: Sequence[str] | None = None) -> int:
    return hook_main(HOOK, argv)


if __name__ == "__main__":
    raise SystemExit(main())
