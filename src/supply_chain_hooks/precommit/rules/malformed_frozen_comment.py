"""## What it does
Reports a `# frozen:` comment on a `rev:` line that names no tag (`# frozen:` with nothing
after it) or names something that cannot be a git tag (spaces, `..`, `~^:?*[\\`, a leading
`-`...). The comment itself is optional: a bare SHA passes. The spacing before `#` is free.

## Why is this bad?
The frozen comment is how people and tools know which release a SHA stands for:
reviewers read it, and pre-commit.ci, Renovate and Dependabot update the SHA and the comment
together. A comment that names nothing (often left by a hand edit or a merge) hides which
release is pinned and cannot be verified.

## Example
```yaml
    rev: 65dbdb59d2f2d9c3bdc343c566821ad3319ddaa3  # frozen:   (SCH503)
```
Use instead:
```yaml
    rev: 65dbdb59d2f2d9c3bdc343c566821ad3319ddaa3  # frozen: v0.16.3
```

## Fix safety
No automatic fix: which tag was meant is not in the file. `pin-pre-commit-revs --verify`
lists the tags that point to the commit, and `pre-commit autoupdate --freeze` rewrites the
comment along with the rev.

## References
- pre-commit `commands/autoupdate.py` (writes `  # frozen: <tag>`)
"""

from __future__ import annotations

from supply_chain_hooks.github.refs import ref_name_problem
from supply_chain_hooks.model import Finding, FixAvailability, Rule
from supply_chain_hooks.precommit.context import Context

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

RULE = Rule(
    code="SCH503",
    name="malformed-frozen-comment",
    hook="pin-pre-commit-revs",
    summary="`# frozen:` comment names no tag",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: Context) -> Iterator[Finding]:
    source = context.config.source
    for repo in context.remote_repos():
        frozen = repo.rev.frozen if repo.rev is not None else None
        if frozen is None:
            continue
        if not frozen.tag:
            message = f"`# frozen:` on the rev of {repo.url} names no tag; write `# frozen: <tag>`"
        else:
            problem = ref_name_problem(frozen.tag)
            if problem is None:
                continue
            message = (
                f"`# frozen: {frozen.tag}` on the rev of {repo.url} does not name a tag "
                f"(it {problem})"
            )
        location = source.location(frozen.start, frozen.end)
        yield Finding(RULE, source.path, location, message)
