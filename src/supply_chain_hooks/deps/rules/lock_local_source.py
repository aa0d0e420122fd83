"""## What it does
Only with `--forbid-local-sources` (or `forbid-local-sources = true` in
`[tool.supply-chain-hooks.require-lock-hashes]`): reports packages that a lock file
installs from a local directory, editable or not (`uv.lock` `directory`/`editable`
sources other than the project and its workspace members, `pylock.toml` `directory`,
poetry `directory` sources, pdm and Pipfile `path` entries that are not archives).

By default these are allowed: they are part of the repository, reviewed with it.

## Why is this bad?
A directory has no single file to hash: it is built from whatever it contains at install
time, including paths outside the repository (`../other-project`).

## Example
```toml
source = { directory = "../shared/libdir" }
```

## Fix safety
No autofix.

## References
- uv `Source::requires_hash` (directory, editable and virtual sources carry no hash)
"""

from __future__ import annotations

from supply_chain_hooks.deps.context import LockContext
from supply_chain_hooks.deps.hints import shorten
from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.deps.context import Context
    from supply_chain_hooks.model import Finding

RULE = Rule(
    code="SCH222",
    name="lock-local-source",
    hook="require-lock-hashes",
    summary="lock file package from a local directory (with --forbid-local-sources)",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: Context) -> Iterator[Finding]:
    if not isinstance(context, LockContext) or not context.forbid_local_sources:
        return
    for item in context.lock.local:
        kind = "editable directory" if item.editable else "directory"
        yield context.locator.finding(
            RULE,
            item.key,
            f"`{item.package}` is installed from the local {kind} `{shorten(item.path, 40)}`, "
            "which is not hashed",
        )
