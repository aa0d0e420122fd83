"""## What it does
Reports `uv sync`, `uv run` and `uv export` without `--locked` or `--frozen` (or
`UV_LOCKED=1`/`UV_FROZEN=1` in their environment). `uv run --no-sync` (which implies
`--frozen`) passes, and so does `uv run` where no `pyproject.toml` is found in the
directory the command runs in (there is no project to lock).

## Why is this bad?
Without either option uv checks `uv.lock` against `pyproject.toml` and, when they disagree,
resolves again and rewrites the lock before installing: CI then installs versions that no
one reviewed, and a broken lock goes unnoticed. `--locked` fails instead; `--frozen`
installs the lock as it is.

## Example
```yaml
      - run: uv sync --all-extras   # SCH804
```
Use instead:
```yaml
      - run: uv sync --locked --all-extras
```

## Fix safety
No fix: `--locked` and `--frozen` differ (the first fails on a stale lock), and the choice
is the maintainer's.

## References
- uv documentation, "Locking and syncing" (`--locked`, `--frozen`)
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.installs.context import InstallContext
    from supply_chain_hooks.model import Finding

RULE = Rule(
    code="SCH804",
    name="unlocked-uv-command",
    hook="require-hashed-installs",
    summary="uv sync/run/export without --locked or --frozen",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: InstallContext) -> Iterator[Finding]:
    import os

    from supply_chain_hooks.installs.helpers import switched_on
    from supply_chain_hooks.model import Finding

    source = context.read(context.path)
    for site in context.sites.sites:
        invocation = site.invocation
        if invocation.tool != "uv" or invocation.action not in ("sync", "run", "export"):
            continue
        if invocation.has("--locked", "--frozen") or switched_on(site, "UV_LOCKED", "UV_FROZEN"):
            continue
        if invocation.action == "run":
            if invocation.has("--no-sync", "--no-project", "--script", "--isolated") or switched_on(
                site, "UV_NO_SYNC"
            ):
                continue
            projects = invocation.values("--project", "--directory")
            if (
                not projects
                and site.directories
                and not any(
                    os.path.isfile(os.path.join(d, "pyproject.toml")) for d in site.directories
                )
            ):
                continue
        action = invocation.action
        message = f"`uv {action}` may resolve again and rewrite uv.lock"
        hint = f"use `uv {action} --locked` (fails on a stale lock) or `uv {action} --frozen`"
        location = source.location(invocation.start, invocation.end)
        yield Finding(RULE, context.path, location, message, hint=hint)
