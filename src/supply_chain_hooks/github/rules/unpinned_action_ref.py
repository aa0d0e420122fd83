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

from supply_chain_hooks.github.resolve import RemoteRefs, ResolveError, Session
from supply_chain_hooks.github.uses import (
    Policies,
    RefKind,
    Repository,
    Site,
    describe_ref,
    label,
    pin_fix,
    short,
    span,
)
from supply_chain_hooks.model import Fix, FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from supply_chain_hooks.model import Finding
    from supply_chain_hooks.yaml_doc import Document

RULE = Rule(
    code="SCH101",
    name="unpinned-action-ref",
    hook="pin-actions-to-sha",
    summary="action or reusable workflow not pinned to a full commit SHA",
    fix=FixAvailability.SOMETIMES,
    doc=__doc__,
)


def check(
    document: Document, sites: list[Site], policies: Policies, session: Session | None
) -> list[Finding]:
    from supply_chain_hooks.model import Finding

    source = document.source
    findings = []
    for site in sites:
        ref = site.uses
        if not isinstance(ref, Repository) or ref.kind is not RefKind.SYMBOLIC:
            continue
        if not policies.requires_sha(ref):
            continue
        head = f"{label(site)} `{ref.name}@{ref.ref}` is not pinned to a commit SHA"
        listing = session.listing(ref.owner, ref.repo) if session is not None else None
        fix = None
        if session is None or listing is None:
            detail = f"{describe_ref(ref.ref)}; pin the full 40-character commit SHA (`--fix` resolves it)"
        elif isinstance(listing, ResolveError):
            detail = f"could not resolve `{ref.ref}`: {listing.message}"
        else:
            detail, fix = pin(document, sites, site, ref, listing, session)
        location = source.location(*span(source, site.node))
        findings.append(Finding(RULE, source.path, location, f"{head}: {detail}", fix))
    return findings


def pin(
    document: Document,
    sites: list[Site],
    site: Site,
    ref: Repository,
    listing: RemoteRefs,
    session: Session,
) -> tuple[str, Fix | None]:
    """What the server says about ref, and the fix that pins it (when --fix may)."""
    found = listing.resolve(ref.ref)
    if found is None:
        return f"{ref.slug} has no branch or tag `{ref.ref}`; not pinned", None
    where = f"`{ref.ref}` is a {found.kind} of {ref.slug}, now at {short(found.commit)}"
    if found.kind == "branch" and not session.pin_branches:
        return (
            (
                f"{where}, and a branch moves with every push; pin a release tag's commit "
                "instead, or pass --pin-branches to pin the branch's current commit"
            ),
            None,
        )
    if not session.fix:
        return f"{where}; run with --fix to pin it", None
    # A tag gets the most specific version tag on its commit; a branch keeps its own name.
    version = (listing.version_for(ref.ref, found.commit) if found.kind == "tag" else None) or (
        ref.ref.removeprefix("refs/tags/").removeprefix("refs/heads/")
    )
    title = f"pin to {found.commit} # {version}"
    fix = pin_fix(document, sites, site, found.commit, version, title)
    if fix is None:
        return (
            (
                f"{where}; the value is not written literally (escapes or line folding), "
                f"so write `@{found.commit} # {version}` by hand"
            ),
            None,
        )
    return where, fix
