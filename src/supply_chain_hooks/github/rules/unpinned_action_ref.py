"""## What it does
Reports an action or reusable workflow referenced by a tag or a branch (`@v4`, `@main`,
`@release/v1`) instead of a full 40-character commit SHA, wherever `uses:` can stand:
workflow steps, `parallel:` step blocks, jobs that call reusable workflows, and the steps
of composite actions (`action.yml` anywhere). Local references (`./path`, `$/path`) are
exempt; Docker images are SCH105.

## Why is this bad?
A tag or branch is a pointer that the action's owner, or anyone who takes over the
account or repository, can move to other code, which then runs in your workflow with its
token and secrets (tj-actions/changed-files, March 2025). A commit SHA cannot be moved.
GitHub's "Require actions to be pinned to a full-length commit SHA" policy enforces the
same rule for organisations.

## Example
```yaml
steps:
  - uses: actions/checkout@v4   # SCH101
```
Use instead (what `pin-actions-to-sha --fix` writes):
```yaml
steps:
  - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
```
The comment names the most specific version tag on that commit, in the form Dependabot and
Renovate update. Refs that must stay on a tag (the SLSA generator's reusable workflows
reject SHA pins) are allowed with `--allow OWNER/REPO[/PATH]` or a policy.

## Fix safety
`--fix` resolves the ref with `git ls-remote` against the server (`--server-url`,
`$GITHUB_SERVER_URL`, or github.com) and writes the commit the ref points to now, so the
workflow runs exactly the code it ran before; that trusts the server's answer, which is why
the fix is only made when you ask for it with `--fix`. Branches are reported but not pinned
unless `--pin-branches` is given: pinning a branch freezes it, which is rarely what its
user meant. Only the ref and the comment are rewritten; quotes, indentation, line endings
and every other byte stay.

## References
- GitHub Docs, "Security hardening for GitHub Actions: using third-party actions"
- zizmor `unpinned-uses`; OpenSSF Scorecard `Pinned-Dependencies`
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.github.context import WorkflowContext
    from supply_chain_hooks.github.sites import Site
    from supply_chain_hooks.model import Finding

RULE = Rule(
    code="SCH101",
    name="unpinned-action-ref",
    hook="pin-actions-to-sha",
    summary="action or reusable workflow not pinned to a full commit SHA",
    fix=FixAvailability.SOMETIMES,
    doc=__doc__,
)

#: Branch names that nearly always mean a moving branch.
BRANCH_NAMES = frozenset(
    {"main", "master", "develop", "development", "dev", "trunk", "next", "HEAD"}
)


def check(context: WorkflowContext) -> Iterator[Finding]:
    from supply_chain_hooks.github.helpers import Pin, label, pin, settle
    from supply_chain_hooks.github.refs import RefKind, Repository
    from supply_chain_hooks.github.resolve import ResolveError
    from supply_chain_hooks.github.spans import span
    from supply_chain_hooks.model import Finding

    document, session = context.document, context.session
    source = document.source
    found: list[tuple[Site, str, Pin, bool]] = []
    for site in context.sites:
        ref = site.uses
        if not isinstance(ref, Repository) or ref.kind is not RefKind.SYMBOLIC:
            continue
        if not context.policies.requires_sha(ref):
            continue
        head = f"{label(site)} `{ref.name}@{ref.ref}` is not pinned to a commit SHA"
        listing = session.listing(ref.owner, ref.repo) if session is not None else None
        later = False
        if session is None or listing is None:
            # Without a session (no --fix) the fix is made by --fix, branches excepted.
            later = session is None and not looks_like_branch(ref.ref)
            result = Pin(describe_ref(ref.ref))
        elif isinstance(listing, ResolveError):
            result = Pin(f"could not resolve `{ref.ref}`: {listing.message}")
        else:
            result = pin(document, context.sites, site, ref, listing, session)
        found.append((site, head, result, later))
    # Every pin of the file is proven with one re-parse, not one per site.
    settled = settle(document, [result for _, _, result, _ in found])
    for (site, head, _, later), (detail, fix) in zip(found, settled, strict=True):
        location = source.location(*span(source, site.node))
        yield Finding(RULE, source.path, location, f"{head}: {detail}", fix, fixed_by_fix=later)


def looks_like_branch(ref: str) -> bool:
    return ref in BRANCH_NAMES or ref.startswith(("refs/heads/", "release/", "releases/"))


def describe_ref(ref: str) -> str:
    """Why a symbolic ref is not a pin, judged from its spelling alone (offline)."""
    from supply_chain_hooks.github.refs import HEX
    from supply_chain_hooks.github.versions import is_version_like

    if HEX.match(ref) and len(ref) > 40:
        return f"`{ref[:12]}...` has {len(ref)} hex digits, not 40"
    if looks_like_branch(ref):
        return f"`{ref}` looks like a branch"
    if is_version_like(ref) or ref.startswith("refs/tags/"):
        return f"`{ref}` looks like a tag"
    return f"`{ref}` is a branch or tag name"
