"""## What it does
Reports `uv lock --upgrade` (`-U`) and `uv lock --upgrade-package` (`-P`) in a workflow,
composite action or Dockerfile.

## Why is this bad?
Upgrading the lock in CI installs the newest releases the moment they appear, with no
review and no cooldown: the lock file the repository reviews is thrown away. Upgrades
belong in a pull request (Dependabot, Renovate, or `uv lock --upgrade` run by a person)
where the new lock is reviewed and checked by require-lock-hashes and
check-uv-exclude-newer.

## Example
```yaml
      - run: uv lock --upgrade && uv sync   # SCH804 and SCH805
```
Use instead:
```yaml
      - run: uv sync --locked
```

## Fix safety
No fix.

## References
- uv documentation, "Upgrading locked package versions"
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.installs.context import InstallContext
    from supply_chain_hooks.model import Finding

RULE = Rule(
    code="SCH805",
    name="uv-lock-upgrade",
    hook="require-hashed-installs",
    summary="uv lock --upgrade in CI",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: InstallContext) -> Iterator[Finding]:
    from supply_chain_hooks.model import Finding

    source = context.read(context.path)
    for site in context.sites.sites:
        invocation = site.invocation
        if invocation.tool != "uv" or invocation.action != "lock":
            continue
        if not invocation.has("--upgrade", "-U", "--upgrade-package", "-P"):
            continue
        message = (
            "`uv lock --upgrade` replaces the reviewed lock with whatever was released last: "
            "upgrade in a reviewed pull request and run `uv sync --locked` here"
        )
        yield Finding(
            RULE, context.path, source.location(invocation.start, invocation.end), message
        )
