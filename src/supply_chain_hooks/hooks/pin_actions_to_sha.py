"""pin-actions-to-sha: every `uses:` names a full commit SHA; `--fix` pins against real servers.

Checking is offline and exact. `--fix` and `--verify` resolve refs first, once per run
(`Job.prepare`, see `github/prepare.py`): one `git ls-remote` per repository, in parallel,
bounded in time.
"""

from __future__ import annotations

from supply_chain_hooks.config import Config, UsageError
from supply_chain_hooks.github import prepare
from supply_chain_hooks.github.policies import Policies
from supply_chain_hooks.github.resolve import DEFAULT_SERVER, Session
from supply_chain_hooks.github.workflow import YAML_SUFFIXES, is_action_path, is_workflow_path
from supply_chain_hooks.hooks import RuleModules
from supply_chain_hooks.model import Record, field
from supply_chain_hooks.runner import Hook, Job, hook_main
from supply_chain_hooks.workspace import Workspace

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    import argparse
    from collections.abc import Mapping, Sequence

    from supply_chain_hooks.github.context import Resolved
    from supply_chain_hooks.github.registry import Digest, RegistryError
    from supply_chain_hooks.model import Finding

ID = "pin-actions-to-sha"
#: The rule modules (imported on first use) and the module's CHECKS and RULES names.
CHECKS_OF = RuleModules("supply_chain_hooks.github.rules", ID, __name__)
__getattr__ = CHECKS_OF.attribute


class Options(Record):
    """Immutable options (a Record, not a dataclass: see model.py on start-up time).

    ``ignored`` holds the rule codes ignored in [tool.supply-chain-hooks]: never fixed,
    never resolved.
    """

    policies: Policies = field(default_factory=Policies)
    fix: bool = False
    verify: bool = False
    pin_branches: bool = False
    server_url: str = DEFAULT_SERVER
    timeout: float = 30.0
    ignored: frozenset[str] = frozenset()
    strict_images: bool = False
    registry_mirror: str | None = None

    @property
    def online(self) -> bool:
        return self.fix or self.verify


def matches(path: str) -> bool:
    return is_workflow_path(path) or is_action_path(path)


def check(
    workspace: Workspace,
    path: str,
    options: Options,
    session: Session | None,
    resolved: Resolved | None = None,
    images: Mapping[str, Digest | RegistryError] | None = None,
) -> list[Finding]:
    """The findings of every rule of the hook for one file; ``resolved`` is the file as it
    was when its repositories were resolved (see :func:`.prepare.prepare_refs`), ``images``
    the digests --fix learned from container registries (:func:`.prepare.prepare_images`)."""
    from supply_chain_hooks.github.context import WorkflowContext

    source = workspace.source(path)
    analysed = prepare.analyse(workspace, path)
    if analysed is None:
        if not prepare.may_hold_images(source.text):
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
    findings = [finding for module in CHECKS_OF() for finding in module.check(context)]
    return prepare.keep_suppressed_unfixed(source, findings, options.ignored)


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
        files, unreachable = prepare.prepare_refs(
            workspace,
            paths,
            session,
            policies=options.policies,
            fix=options.fix,
            verify=options.verify,
            ignored=options.ignored,
            server_url=options.server_url,
            timeout=options.timeout,
        )
        resolved.update(files)
        if images is not None:
            images.update(
                prepare.prepare_images(
                    workspace,
                    paths,
                    ignored=options.ignored,
                    mirror=options.registry_mirror,
                    timeout=options.timeout,
                )
            )
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
    load_rules=CHECKS_OF.rules,
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
