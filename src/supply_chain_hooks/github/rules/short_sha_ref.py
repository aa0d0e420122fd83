"""## What it does
Reports an action or reusable workflow pinned to an abbreviated commit SHA: 7 to 39 hex
digits (`actions/checkout@8e5e7e5`).

## Why is this bad?
A short SHA is not a pin. It names whichever object happens to start with those digits,
and as a repository (and its network of forks) grows, a prefix can stop being unique or be
matched by a commit crafted for it. Tools that enforce pinning (GitHub's SHA-pinning policy,
zizmor, Scorecard, Renovate, Dependabot) all require the full 40 digits.

## Example
```yaml
- uses: actions/checkout@11bd719   # SCH102
```
Use instead:
```yaml
- uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
```

## Fix safety
No automatic expansion: `git ls-remote` lists only branch and tag tips, so it cannot prove
which full commit a prefix meant. When a tip matches, the message names it so you can check
and copy it. If the "short SHA" is really the name of a tag or branch (a tag called
`20240101`), `--fix` pins it like SCH101.

## References
- GitHub Docs, "Security hardening for GitHub Actions: using third-party actions"
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.github.context import WorkflowContext
    from supply_chain_hooks.github.resolve import RemoteRefs
    from supply_chain_hooks.github.sites import Site
    from supply_chain_hooks.model import Finding

RULE = Rule(
    code="SCH102",
    name="short-sha-ref",
    hook="pin-actions-to-sha",
    summary="action pinned to an abbreviated commit SHA",
    fix=FixAvailability.SOMETIMES,
    doc=__doc__,
)


def check(context: WorkflowContext) -> Iterator[Finding]:
    from supply_chain_hooks.github.helpers import Pin, label, pin, settle
    from supply_chain_hooks.github.refs import RefKind, Repository
    from supply_chain_hooks.github.resolve import RemoteRefs, ResolveError
    from supply_chain_hooks.github.spans import span
    from supply_chain_hooks.model import Finding

    document, session = context.document, context.session
    source = document.source
    found: list[tuple[Site, str, Pin | None]] = []
    for site in context.sites:
        ref = site.uses
        if not isinstance(ref, Repository) or ref.kind is not RefKind.SHORT_SHA:
            continue
        if not context.policies.requires_sha(ref):
            continue
        message = (
            f"{label(site)} `{ref.name}@{ref.ref}` is pinned to a short SHA "
            f"({len(ref.ref)} hex digits)"
        )
        resolved = None
        listing = session.listing(ref.owner, ref.repo) if session is not None else None
        if isinstance(listing, ResolveError):
            message += f"; could not look it up: {listing.message}"
        elif isinstance(listing, RemoteRefs) and session is not None:
            if listing.resolve(ref.ref) is not None:
                resolved = pin(document, context.sites, site, ref, listing, session)
                message = f"{label(site)} `{ref.name}@{ref.ref}` is not pinned: "
            else:
                message += _matching_tips(listing, ref.ref.lower())
        found.append((site, message, resolved))
    # Every pin of the file is proven with one re-parse, not one per site.
    settled = iter(settle(document, [item for _, _, item in found if item is not None]))
    for site, message, resolved in found:
        fix = None
        if resolved is not None:
            detail, fix = next(settled)
            message += detail
        location = source.location(*span(source, site.node))
        yield Finding(RULE, source.path, location, message, fix)


def _matching_tips(listing: RemoteRefs, prefix: str) -> str:
    names = [f"tag {name}" for name, commit in listing.tags.items() if commit.startswith(prefix)]
    names += [
        f"branch {name}" for name, commit in listing.branches.items() if commit.startswith(prefix)
    ]
    commits = {
        commit
        for commit in [*listing.tags.values(), *listing.branches.values()]
        if commit.startswith(prefix)
    }
    if len(commits) != 1:
        return ""
    commit = commits.pop()
    shown = ", ".join(sorted(names)[:3])
    return f"; it is the prefix of {shown}, commit {commit}"
