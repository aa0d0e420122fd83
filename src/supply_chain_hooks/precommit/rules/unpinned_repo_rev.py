"""## What it does
Reports a repository in `.pre-commit-config.yaml` whose `rev:` is a tag or a branch
(`v1.2.3`, `main`) instead of a full 40-character commit SHA, and says which it looks like
(offline) or which it is (with `--fix` or `--verify`). `repo: local` and `repo: meta` are
exempt, and so are repositories given with `--allow PATTERN`.

## Why is this bad?
pre-commit checks out whatever commit the tag names when a contributor or CI first installs
the hooks, then runs that code on every commit, with the contributor's files and
credentials within reach. Tags can be moved by the repository's owner, or by anyone who
takes over the account or the repository; a branch moves with every push. A commit SHA
cannot be moved. pre-commit only warns about revs that look mutable and have no dot, so
`v1.2.3` passes silently.

## Example
```yaml
repos:
  - repo: https://github.com/astral-sh/ruff-pre-commit
    rev: v0.16.3   # SCH501
    hooks:
      - id: ruff-check
```
Use instead (what `pin-pre-commit-revs --fix` and `pre-commit autoupdate --freeze` write):
```yaml
    rev: 65dbdb59d2f2d9c3bdc343c566821ad3319ddaa3  # frozen: v0.16.3
```
pre-commit.ci, Renovate and Dependabot's `pre-commit` ecosystem keep updating frozen revs
and their comments.

## Fix safety
`--fix` lists the repository's tags and branches with one `git ls-remote` against the
`repo:` URL itself (any host; only https, http, ssh and file URLs reach git) and writes the
commit the tag points to now, so pre-commit keeps running the code it ran before. That
trusts the server's answer, which is why the fix is made only when you ask for it. An
annotated tag is written as its commit; `pre-commit autoupdate --freeze` writes the tag
object's SHA instead (what `git rev-parse <tag>` prints): pre-commit checks out either, and
`--verify` accepts either. A name that is both a tag and a branch is pinned to the tag, as
`git fetch` (and so pre-commit) picks it. Branches are reported but not pinned unless
`--pin-branches` is given; a pinned branch gets no `# frozen:` comment, which names tags.
Only the value and its comment change: quotes, flow style, line endings, the byte order
mark and every other comment stay (a comment other than `# frozen:` is kept after it).

## References
- pre-commit docs, "pre-commit autoupdate" (`--freeze`)
- zizmor issues #1799 and #2256 (requests to enforce frozen pre-commit revs)
"""

from __future__ import annotations

from supply_chain_hooks.github.refs import RefKind
from supply_chain_hooks.github.resolve import ResolveError
from supply_chain_hooks.model import Finding, FixAvailability, Rule
from supply_chain_hooks.precommit.context import Context, describe_rev, pin

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

RULE = Rule(
    code="SCH501",
    name="unpinned-repo-rev",
    hook="pin-pre-commit-revs",
    summary="pre-commit repository `rev:` is a tag or branch, not a full commit SHA",
    fix=FixAvailability.SOMETIMES,
    doc=__doc__,
)


def check(context: Context) -> Iterator[Finding]:
    source = context.config.source
    for repo in context.remote_repos():
        rev = repo.rev
        if rev is None or rev.kind is not RefKind.SYMBOLIC or context.options.allowed(repo.url):
            continue
        fix = None
        listing = context.listing(repo)
        if not rev.value:
            message = f"`rev:` of {repo.url} is empty"
        else:
            head = f"`rev: {rev.value}` of {repo.url} is not a commit SHA"
            if listing is None:
                detail = describe_rev(rev.value)
            elif isinstance(listing, ResolveError):
                detail = f"could not resolve `{rev.value}`: {listing.message}"
            else:
                detail, fix = pin(context, repo, rev, listing)
            message = f"{head}: {detail}"
        yield Finding(RULE, source.path, source.location(rev.start, rev.end), message, fix)
