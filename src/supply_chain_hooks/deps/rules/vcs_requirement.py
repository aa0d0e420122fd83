"""## What it does
Reports a requirement installed from version control: `git+https://...`, `hg+...`,
`svn+...`, `bzr+...`, as a bare URL or as `name @ git+...`, pinned to a commit or not.

## Why is this bad?
pip cannot hash a repository checkout ("we don't have a way to hash version control
repositories") and refuses the file in hash-checking mode; uv reports the line as
unhashed; without hash-checking mode the checkout is installed unverified, and a branch or
tag can be moved to different code at any time. `uv export` writes git dependencies this
way even with `--no-emit-local`.

## Example
```text
gitdep @ git+https://github.com/example/gitdep@8421abb5aceeb9288c6c23d71983cd7fba5c5640
```
Use instead: an archive of that commit, with its hash:
```text
gitdep @ https://github.com/example/gitdep/archive/8421abb5aceeb9288c6c23d71983cd7fba5c5640.tar.gz \\
    --hash=sha256:...
```

## Fix safety
No autofix: the archive's hash must be computed from a download.

## References
- pypa/pip#6469 (hash-checking VCS requirements); pypa/pipenv#1231
"""

from __future__ import annotations

from supply_chain_hooks.deps.context import RequirementsContext
from supply_chain_hooks.deps.hints import shorten
from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.deps.context import Context
    from supply_chain_hooks.model import Finding

RULE = Rule(
    code="SCH206",
    name="vcs-requirement",
    hook="require-lock-hashes",
    summary="requirement installed from version control, which cannot be hashed",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: Context) -> Iterator[Finding]:
    if not isinstance(context, RequirementsContext):
        return
    for entry in context.entries:
        requirement = entry.requirement
        if requirement is None or requirement.kind != "vcs":
            continue
        yield entry.finding(
            RULE,
            f"`{shorten(requirement.text, 60)}` installs from version control, which cannot "
            "be hashed",
            "use an archive of the commit with --hash "
            "(e.g. `name @ https://github.com/OWNER/REPO/archive/COMMIT.tar.gz`)",
        )
