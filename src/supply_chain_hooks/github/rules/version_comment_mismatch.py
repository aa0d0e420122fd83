"""## What it does
With `--verify` (which uses the network), checks the version comment of every SHA-pinned
`uses:`: `@<sha> # v4.2.2` must name a tag (or branch) of that repository that points to
that very commit. Reported when the comment's tag points elsewhere, or does not exist.

## Why is this bad?
Reviewers and update tools read the comment, not the SHA. A comment that lies (a bump
that changed the SHA but not the comment, a hand edit, a moved tag, or a malicious pull
request that swaps the SHA for an impostor commit and keeps `# v4.2.2`) makes a reviewer
approve code they did not look at, and Dependabot stops updating stale comments.

## Example
```yaml
# v4.1.7 is at 692973e3d937129bcbf40652eb9f2f61becf3332, not at this commit:
- uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.1.7   (SCH106)
```
Use instead:
```yaml
- uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
```

## Fix safety
With `--fix --verify`, the comment's version is replaced by the most specific version tag
that does point to the pinned commit, when there is one; the SHA, which decides what runs,
is never changed. A comment without a matching tag is left for you to resolve.

## References
- zizmor `ref-version-mismatch`; pinact `--verify`
- dependabot-core#7912 (comments not updated when incorrect)
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.github.context import WorkflowContext
    from supply_chain_hooks.model import Finding

RULE = Rule(
    code="SCH106",
    name="version-comment-mismatch",
    hook="pin-actions-to-sha",
    summary="version comment names a tag that is not the pinned commit (--verify)",
    fix=FixAvailability.SOMETIMES,
    doc=__doc__,
)


def check(context: WorkflowContext) -> Iterator[Finding]:
    session = context.session
    if not context.verify or session is None:
        return
    from supply_chain_hooks.github.helpers import label, short
    from supply_chain_hooks.github.refs import RefKind, Repository
    from supply_chain_hooks.github.resolve import ResolveError
    from supply_chain_hooks.github.spans import version_comment
    from supply_chain_hooks.model import Applicability, Edit, Finding, Fix

    source = context.document.source
    for site in context.sites:
        ref = site.uses
        if not isinstance(ref, Repository) or ref.kind not in (RefKind.SHA, RefKind.UPPERCASE_SHA):
            continue
        found = version_comment(source, context.sites, site)
        listing = session.listing(ref.owner, ref.repo)
        if found is None or listing is None:
            continue
        token, start, end = found
        commit = ref.ref.lower()
        head = f"{label(site)} `{ref.name}@{short(commit)}`: version comment `{token}`"
        fix = None
        if isinstance(listing, ResolveError):
            message = f"{head} could not be verified: {listing.message}"
        else:
            resolved = listing.resolve(token)
            if resolved is not None and resolved.commit == commit:
                continue
            if resolved is None:
                message = f"{head} names no branch or tag of {ref.slug}"
            else:
                message = f"{head} is at {short(resolved.commit)}, not at the pinned commit"
            actual = listing.version_for(token, commit)
            if actual is None:
                tags = listing.tags_at(commit)
                message += "; no version tag points to the pinned commit" + (
                    f" (its tags: {', '.join(tags[:3])})" if tags else ""
                )
            else:
                message += f"; the pinned commit is {actual}"
                if session.fix:
                    fix = Fix(f"write # {actual}", (Edit(start, end, actual),), Applicability.SAFE)
        location = source.location(start, end)
        yield Finding(RULE, source.path, location, message, fix)
