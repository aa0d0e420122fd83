"""## What it does
While resolving refs for `--fix`, reports a ref that names both a branch and a tag of the
action's repository (`@v1` where `refs/heads/v1` and `refs/tags/v1` both exist), with the
commit of each.

## Why is this bad?
GitHub runs the branch when a name is both (the same order zizmor documents), while a
reader, and most pinning tools, assume the tag. Anyone who can push a branch to the
action's repository can then change what `@v1` runs without touching the tag that
everyone reviews. It is also how a pin can silently differ from what the tag suggests.

## Example
```yaml
- uses: example/action@v1   # SCH107 when example/action has a branch and a tag named v1
```
Use instead: the SHA of the commit you reviewed, with its version comment.

## Fix safety
No fix of its own. SCH101's fix follows GitHub's order, so the pin keeps exactly what ran
before: a branch, so it is only pinned with `--pin-branches`. This finding stays in the
report so the choice is visible.

## References
- zizmor `ref-confusion`
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.github.context import WorkflowContext
    from supply_chain_hooks.model import Finding

RULE = Rule(
    code="SCH107",
    name="ambiguous-ref",
    hook="pin-actions-to-sha",
    summary="ref names both a branch and a tag; GitHub runs the branch (--fix)",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: WorkflowContext) -> Iterator[Finding]:
    """Reported on the file as it was when its refs were resolved, before any fix, so a ref
    that --fix pins keeps its finding."""
    resolved, session = context.resolved, context.session
    if resolved is None or session is None:
        return
    from supply_chain_hooks.github.helpers import label, short
    from supply_chain_hooks.github.refs import RefKind, Repository
    from supply_chain_hooks.github.resolve import RemoteRefs
    from supply_chain_hooks.github.spans import span
    from supply_chain_hooks.model import Finding

    source = resolved.document.source
    for site in resolved.sites:
        ref = site.uses
        if not isinstance(ref, Repository) or ref.kind in (RefKind.SHA, RefKind.UPPERCASE_SHA):
            continue
        listing = session.listing(ref.owner, ref.repo)
        if not isinstance(listing, RemoteRefs):
            continue
        found = listing.resolve(ref.ref)
        if found is None or found.shadowed_tag is None:
            continue
        message = (
            f"{label(site)} `{ref.name}@{ref.ref}`: `{ref.ref}` is both a branch "
            f"({short(found.commit)}) and a tag ({short(found.shadowed_tag)}) of {ref.slug}; "
            "GitHub runs the branch"
        )
        if not session.pin_branches:
            message += ", and branches are pinned only with --pin-branches"
        location = source.location(*span(source, site.node))
        yield Finding(RULE, source.path, location, message)
