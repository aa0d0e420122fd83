"""## What it does
Reports a commit SHA written with uppercase hex digits
(`actions/checkout@11BD71901BBE5B1630CEEA73D27597364C9AF683`).

## Why is this bad?
GitHub resolves it, so the workflow is pinned, but the tools that keep pins current do
not recognise it: Renovate and Dependabot match only lowercase SHAs (`[a-f0-9]{40}`) and
pinact treats it as unpinned, so the action silently stops receiving updates, security
fixes included. Other checkers disagree about it, which makes reports noisy.

## Example
```yaml
- uses: actions/checkout@11BD71901BBE5B1630CEEA73D27597364C9AF683   # SCH103
```
Use instead:
```yaml
- uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
```

## Fix safety
Safe and offline: git object names are case-insensitive hex, so the lowercase SHA names the
same commit. `--fix` rewrites only those 40 characters.

## References
- Renovate `github-actions` manager (digest pattern); Dependabot `github_actions`
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
    code="SCH103",
    name="uppercase-sha-ref",
    hook="pin-actions-to-sha",
    summary="commit SHA written in uppercase, which update tools do not recognise",
    fix=FixAvailability.ALWAYS,
    doc=__doc__,
)


def check(context: WorkflowContext) -> Iterator[Finding]:
    from supply_chain_hooks.github.helpers import label
    from supply_chain_hooks.github.pin_edit import Candidate, candidate, prove
    from supply_chain_hooks.github.refs import RefKind, Repository
    from supply_chain_hooks.github.spans import span
    from supply_chain_hooks.model import Finding

    document = context.document
    source = document.source
    found: list[tuple[Site, str, Candidate | None]] = []
    for site in context.sites:
        ref = site.uses
        if not isinstance(ref, Repository) or ref.kind is not RefKind.UPPERCASE_SHA:
            continue
        if not context.policies.requires_sha(ref):
            continue
        message = f"{label(site)} `{ref.name}@{ref.ref[:12]}...` spells its commit SHA in uppercase"
        edits = candidate(
            document, context.sites, site, ref.ref.lower(), None, "lowercase the commit SHA"
        )
        found.append((site, message, edits))
    # Every edit of the file is proven with one re-parse, not one per site.
    fixes = prove(document, [edits for _, _, edits in found])
    for (site, message, _), fix in zip(found, fixes, strict=True):
        location = source.location(*span(source, site.node))
        yield Finding(RULE, source.path, location, message, fix)
