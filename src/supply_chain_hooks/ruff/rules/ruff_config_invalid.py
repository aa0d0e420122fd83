"""## What it does
Reports a config Ruff refuses to start with: unknown keys, wrong value types, unknown rule
selectors (outside preview), rule names or categories without preview, removed rules
selected (`S410`), a missing or circular `extend` or an unset variable in it, invalid glob
patterns, a `required-version` that excludes the hook's version, unparsable `--config`
arguments.

## Why is this bad?
Ruff stops before checking anything; the verdict for the files it governs is unknown.

## Example
```toml
[tool.ruff.lint]
select = ["S", "S410"]   # SCH414: Rule S410 was removed and cannot be selected
```

## Fix safety
No fix.

## References
- Ruff: [settings](https://docs.astral.sh/ruff/settings/)
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule
from supply_chain_hooks.ruff.causes import ConfigInvalid
from supply_chain_hooks.ruff.helpers import finding

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.model import Finding
    from supply_chain_hooks.ruff.context import RuffContext

RULE = Rule(
    code="SCH414",
    name="ruff-config-invalid",
    hook="enforce-ruff-S",
    summary="Ruff would reject the configuration",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: RuffContext) -> Iterator[Finding]:
    for reason in context.verdict.reasons:
        cause = reason.cause
        if isinstance(cause, ConfigInvalid):
            message = f"Ruff would refuse this configuration: {cause.message}"
            yield finding(context, RULE, cause.origin, message)
