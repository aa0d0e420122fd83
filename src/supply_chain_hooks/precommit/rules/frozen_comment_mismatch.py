"""## What it does
With `--verify` (which uses the network), checks every `rev: <sha>  # frozen: <tag>`: the
tag must exist in the repository and point to that SHA. Both SHAs a tag has are accepted:
the tag object's (what `pre-commit autoupdate --freeze` writes for an annotated tag, from
`git rev-parse <tag>`) and the commit's (what `pin-pre-commit-revs --fix` writes).

## Why is this bad?
Reviewers and update tools read the comment, not the SHA. A comment that lies (a bump that
changed the SHA but not the comment, a hand edit, a moved tag, or a pull request that swaps
the SHA for another commit and keeps `# frozen: v1.2.3`) makes a reviewer approve code they
did not look at.

## Example
```yaml
# v0.16.3 is at 65dbdb59d2f2..., not at this commit:
    rev: aab412d509121cb5f7533134b7e67f9fab59c682  # frozen: v0.16.3   (SCH504)
```
Use instead:
```yaml
    rev: aab412d509121cb5f7533134b7e67f9fab59c682  # frozen: v0.16.4
```

## Fix safety
With `--fix --verify`, the comment's tag is replaced by a tag that does point to the pinned
SHA, when there is one (the most specific version); the SHA, which decides what runs, is
never changed. A SHA no tag points to is left for you to resolve.

## References
- pre-commit `commands/autoupdate.py`; zizmor `ref-version-mismatch` (the same check for
  GitHub Actions)
"""

from __future__ import annotations

from supply_chain_hooks.github.refs import ref_name_problem
from supply_chain_hooks.github.resolve import ResolveError
from supply_chain_hooks.model import Applicability, Edit, Finding, Fix, FixAvailability, Rule
from supply_chain_hooks.precommit.context import Context, best_tag, short

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

RULE = Rule(
    code="SCH504",
    name="frozen-comment-mismatch",
    hook="pin-pre-commit-revs",
    summary="`# frozen:` tag does not point to the pinned SHA (--verify)",
    fix=FixAvailability.SOMETIMES,
    doc=__doc__,
)


def check(context: Context) -> Iterator[Finding]:
    if not context.options.verify:
        return
    source = context.config.source
    for repo in context.remote_repos():
        rev = repo.rev
        frozen = rev.frozen if rev is not None else None
        listing = context.listing(repo)
        if rev is None or frozen is None or listing is None or not rev.pinned:
            continue
        tag_name = frozen.tag.removeprefix("refs/tags/")
        if not tag_name or ref_name_problem(tag_name) is not None:
            continue  # SCH503
        sha = rev.value.lower()
        head = f"`# frozen: {frozen.tag}` of {repo.url} at {short(sha)}"
        location = source.location(frozen.tag_start, frozen.tag_end)
        if isinstance(listing, ResolveError):
            message = f"{head} could not be verified: {listing.message}"
            yield Finding(RULE, source.path, location, message)
            continue
        tag = listing.tags.get(tag_name)
        if tag is not None and sha in (tag.object, tag.commit):
            continue
        if tag is not None:
            message = f"{head}: the tag is at {short(tag.commit)}, not at the pinned SHA"
        elif tag_name in listing.branches:
            message = f"{head}: `{tag_name}` is a branch, not a tag"
        else:
            message = f"{head}: the repository has no tag `{tag_name}`"
        fix = None
        actual = best_tag(listing.tags_at(sha), tag_name)
        if actual is None:
            message += "; no tag points to the pinned SHA"
        else:
            message += f"; the pinned SHA is tagged {actual}"
            if context.options.fix:
                edit = Edit(frozen.tag_start, frozen.tag_end, actual)
                fix = Fix(f"write # frozen: {actual}", (edit,), Applicability.SAFE)
        yield Finding(RULE, source.path, location, message, fix)
