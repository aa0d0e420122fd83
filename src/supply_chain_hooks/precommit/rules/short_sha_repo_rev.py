"""## What it does
Reports a repository in `.pre-commit-config.yaml` whose `rev:` is an abbreviated commit SHA
(7 to 39 hex digits). `repo: local`, `repo: meta` and `--allow`ed repositories are exempt.

## Why is this bad?
A short SHA is not a pin. git resolves it to whichever object starts with those digits in
the clone it has, and as the repository (and everything fetched into it) grows, a prefix
can stop being unique or be matched by an object crafted for it. pre-commit cannot even
fetch it directly (`git fetch` needs a full SHA or a ref), so it falls back to cloning the
whole repository first.

## Example
```yaml
    rev: 65dbdb5   # SCH502
```
Use instead:
```yaml
    rev: 65dbdb59d2f2d9c3bdc343c566821ad3319ddaa3  # frozen: v0.16.3
```

## Fix safety
No automatic expansion: `git ls-remote` lists only the tips of branches and tags, so it
cannot prove which commit a prefix meant. With `--fix` or `--verify`, the message names the
tip the prefix matches, if exactly one does, so you can check and copy it. If the value is
really the name of a tag or branch (a tag called `2024101`), `--fix` pins it like SCH501.

## References
- pre-commit `store.py` (`git fetch origin <rev> --depth=1`, then a full clone)
"""

from __future__ import annotations

from supply_chain_hooks.github.refs import RefKind
from supply_chain_hooks.github.resolve import ResolveError
from supply_chain_hooks.model import Finding, FixAvailability, Rule
from supply_chain_hooks.precommit.context import Context, pin

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.precommit.remote import RemoteRevs

RULE = Rule(
    code="SCH502",
    name="short-sha-repo-rev",
    hook="pin-pre-commit-revs",
    summary="pre-commit repository `rev:` is an abbreviated commit SHA",
    fix=FixAvailability.SOMETIMES,
    doc=__doc__,
)


def check(context: Context) -> Iterator[Finding]:
    source = context.config.source
    for repo in context.remote_repos():
        rev = repo.rev
        if rev is None or rev.kind is not RefKind.SHORT_SHA or context.options.allowed(repo.url):
            continue
        message = f"`rev: {rev.value}` of {repo.url} is a short SHA ({len(rev.value)} hex digits)"
        fix = None
        listing = context.listing(repo)
        if isinstance(listing, ResolveError):
            message += f"; could not look it up: {listing.message}"
        elif listing is not None:
            if listing.resolve(rev.value) is not None:
                detail, fix = pin(context, repo, rev, listing)
                message = f"`rev: {rev.value}` of {repo.url} is not a commit SHA: {detail}"
            else:
                message += _matching_tip(listing, rev.value.lower())
        yield Finding(RULE, source.path, source.location(rev.start, rev.end), message, fix)


def _matching_tip(listing: RemoteRevs, prefix: str) -> str:
    commits = {tag.commit for tag in listing.tags.values() if tag.commit.startswith(prefix)}
    commits |= {commit for commit in listing.branches.values() if commit.startswith(prefix)}
    if len(commits) != 1:
        return ""
    commit = commits.pop()
    names = [f"tag {name}" for name, tag in listing.tags.items() if tag.commit == commit]
    names += [f"branch {name}" for name, tip in listing.branches.items() if tip == commit]
    return f"; it is the prefix of {', '.join(sorted(names)[:3])}, commit {commit}"
