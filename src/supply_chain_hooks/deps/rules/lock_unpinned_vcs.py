"""## What it does
Reports a VCS source in a lock file that is not pinned to a full commit id (40 hex
digits, or 64 for SHA-256 git repositories):

- `uv.lock`: `source = { git = "...#<commit>" }` without the commit after `#`;
- `pylock.toml`: `vcs.commit-id` missing or not a full commit (git, Mercurial); for other
  VCS types, a missing `commit-id`;
- `poetry.lock`: `[package.source] type = "git"` without a full `resolved_reference`;
- `pdm.lock`: a `git` package without a full `revision`;
- `Pipfile.lock`: a `git` entry without a full `ref`.

## Why is this bad?
A VCS checkout has no artifact hash; the commit id is the only thing that fixes its
content. A branch, a tag or a short id can be moved or made ambiguous later.

## Example
```toml
source = { git = "https://github.com/example/gitdep?tag=v0.1.0" }
```
Use instead (as the tools write it):
```toml
source = { git = "https://github.com/example/gitdep?tag=v0.1.0#8421abb5aceeb9288c6c23d71983cd7fba5c5640" }
```

## Fix safety
No autofix: resolving a reference needs the network.

## References
- PEP 751 (`packages.vcs.commit-id`, "MUST be used")
"""

from __future__ import annotations

from supply_chain_hooks.deps.context import LockContext
from supply_chain_hooks.deps.hashes import is_commit
from supply_chain_hooks.deps.hints import regenerate, shorten
from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.deps.context import Context
    from supply_chain_hooks.model import Finding

RULE = Rule(
    code="SCH221",
    name="lock-unpinned-vcs",
    hook="require-lock-hashes",
    summary="lock file VCS source without a full commit id",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


VCS_REASON = "resolving a reference to a commit needs the network: no autofix"


def check(context: Context) -> Iterator[Finding]:
    if not isinstance(context, LockContext):
        return
    lock = context.lock
    for item in lock.vcs:
        if is_commit(item.commit):
            continue
        state = (
            f"at `{shorten(item.commit, 40)}`, which is not a full commit id"
            if item.commit
            else "without a commit id"
        )
        yield context.locator.finding(
            RULE,
            item.key,
            f"`{item.package}` comes from `{shorten(item.url, 50)}` {state}",
            regenerate(lock.command_for(item.package), VCS_REASON, context.path),
        )
