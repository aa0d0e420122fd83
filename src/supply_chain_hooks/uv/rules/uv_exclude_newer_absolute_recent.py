"""## What it does
Reports an absolute `exclude-newer` (a timestamp or a date) whose cutoff lies in the future,
or less than `--min-cooldown` ago.

## Why is this bad?
An absolute cutoff is a freeze, not a cooldown. A cutoff in the future (a typo in the year,
a date copied from a plan) lets every release through until that day; a cutoff from
yesterday gives almost no protection today.

## Example
```toml
[tool.uv]
exclude-newer = "2062-01-01"
```
Use instead:
```toml
[tool.uv]
exclude-newer = "7 days"
```

## Fix safety
The fix replaces the value with `--fix-value`, a relative cooldown: the lock then moves
with time instead of staying frozen. Run `uv lock` and review.

## References
- uv docs, "Reproducible resolutions"
"""

from __future__ import annotations

from supply_chain_hooks.model import Finding, FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterable

    from supply_chain_hooks.uv.context import UvContext

RULE = Rule(
    code="SCH305",
    name="uv-exclude-newer-absolute-recent",
    hook="check-uv-exclude-newer",
    summary="absolute exclude-newer in the future or more recent than --min-cooldown",
    fix=FixAvailability.ALWAYS,
    doc=__doc__,
)


def check(context: UvContext) -> Iterable[Finding]:
    """The global exclude-newer is a date or timestamp in the future or too recent."""
    from supply_chain_hooks.uv import helpers
    from supply_chain_hooks.uv.policy import Problem
    from supply_chain_hooks.uv.settings import KEY

    for settings in context.settings:
        file = settings.file
        value = settings.global_value
        cutoff = value.cutoff if value is not None else None
        if value is None or cutoff is None or cutoff.timestamp is None:
            continue
        at = cutoff.timestamp.iso()
        if settings.problem is Problem.CUTOFF_IN_FUTURE:
            why = "the cutoff is in the future, so every new release is allowed"
        elif settings.problem is Problem.CUTOFF_TOO_RECENT and value.cooldown_ns is not None:
            why = (
                f"the cutoff {at} is only {helpers.human(value.cooldown_ns)} ago, less than the "
                f"minimum cooldown ({context.policy.min_cooldown})"
            )
        else:
            continue
        yield Finding(
            RULE,
            file.path,
            file.value_location(KEY),
            f"{helpers.global_setting(file, value.raw)}: {why}",
            helpers.set_global(file, context.policy.default_value(file.table)),
        )
