"""## What it does
Reports a relative `exclude-newer` (a duration) shorter than `--min-cooldown`
(default `3 days`; `min-cooldown` in `[tool.supply-chain-hooks.check-uv-exclude-newer]`).

## Why is this bad?
Malicious releases are usually detected within a few days. A cooldown of hours keeps
little of that protection.

## Example
```toml
[tool.uv]
exclude-newer = "12 hours"
```
Use instead:
```toml
[tool.uv]
exclude-newer = "7 days"
```

## Fix safety
The fix replaces the value with `--fix-value`. It lengthens the cooldown, so a freshly
released version you rely on may no longer be allowed: run `uv lock` and review.

## References
- uv docs, "Dependency cooldowns"; Renovate `minimumReleaseAge`; Dependabot `cooldown`
"""

from __future__ import annotations

from supply_chain_hooks.model import Finding, FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterable

    from supply_chain_hooks.uv.context import UvContext

RULE = Rule(
    code="SCH304",
    name="uv-cooldown-too-short",
    hook="check-uv-exclude-newer",
    summary="relative exclude-newer shorter than --min-cooldown",
    fix=FixAvailability.ALWAYS,
    doc=__doc__,
)


def check(context: UvContext) -> Iterable[Finding]:
    """The global exclude-newer is a span shorter than --min-cooldown."""
    from supply_chain_hooks.uv import helpers
    from supply_chain_hooks.uv.policy import Problem
    from supply_chain_hooks.uv.settings import KEY

    for settings in context.settings:
        file = settings.file
        value = settings.global_value
        if value is None or value.cooldown_ns is None:
            continue
        if settings.problem is not Problem.SPAN_TOO_SHORT:
            continue
        why = f"a cooldown of {helpers.human(value.cooldown_ns)} is shorter than the minimum"
        yield Finding(
            RULE,
            file.path,
            file.value_location(KEY),
            f"{helpers.global_setting(file, value.raw)}: {why} ({context.policy.min_cooldown})",
            helpers.set_global(file, context.policy.default_value(file.table)),
        )
