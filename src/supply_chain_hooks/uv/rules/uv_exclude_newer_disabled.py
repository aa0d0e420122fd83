"""## What it does
Reports `exclude-newer = false`, a zero span (`"0 days"`, `"PT0S"`) and a
`{ timestamp, span }` table whose span cannot be subtracted from now (uv then uses "now").

## Why is this bad?
Each of them is accepted by uv and turns the cooldown off while looking configured.

## Example
```toml
[tool.uv]
exclude-newer = "0 days"
```
Use instead:
```toml
[tool.uv]
exclude-newer = "7 days"
```

## Fix safety
The fix replaces the value with `--fix-value` (default `"7 days"`). Run `uv lock` afterwards.

## References
- uv docs, "Dependency cooldowns"
"""

from __future__ import annotations

from supply_chain_hooks.model import Finding, FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterable

    from supply_chain_hooks.uv.context import UvContext

RULE = Rule(
    code="SCH303",
    name="uv-exclude-newer-disabled",
    hook="check-uv-exclude-newer",
    summary="exclude-newer is false or a zero duration: no cooldown",
    fix=FixAvailability.ALWAYS,
    doc=__doc__,
)


def check(context: UvContext) -> Iterable[Finding]:
    """The global exclude-newer is `false`, a zero span, or a span uv cannot subtract."""
    from supply_chain_hooks.uv import helpers
    from supply_chain_hooks.uv.policy import Problem
    from supply_chain_hooks.uv.settings import KEY

    for settings in context.settings:
        file = settings.file
        value = settings.global_value
        if value is None:
            continue
        where = helpers.global_setting(file, value.raw)
        span = value.cutoff.span if value.cutoff is not None else None
        if value.disabled:
            message = f"{where} turns the dependency cooldown off"
        elif span is not None and settings.problem is Problem.ZERO_SPAN:
            message = f"{where}: the span {span.iso()} is zero"
        elif span is not None and settings.problem is Problem.SPAN_OVERFLOWS:
            why = "cannot be subtracted from now, so uv uses now as the cutoff"
            message = f"{where}: the span {span.iso()} {why}"
        else:
            continue
        fix = helpers.set_global(file, context.policy.default_value(file.table))
        yield Finding(RULE, file.path, file.value_location(KEY), message, fix)
